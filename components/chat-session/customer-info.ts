import { html, nothing } from 'lit';
import type { ConversationCustomerInfo } from '../../protocol/events.js';
import { describeUserAgent } from '../client/user-agent.js';
import type { Translation } from '../i18n/translation.js';

const lockIcon = html`<svg aria-hidden="true" viewBox="0 0 24 24" width="12" height="12"><path fill="currentColor" d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5zm-3 8V7a3 3 0 1 1 6 0v3H9z"/></svg>`;

export interface CustomerInfoOptions {
  t: Translation;
  name: string;
  info?: ConversationCustomerInfo | undefined;
  /** Masks what the customer wrote, where the queue or element asks for it (P1). */
  text: (value: string) => string;
}

/**
 * The customer beside the conversation (C4): verified attributes with a lock, then what the
 * widget told — answers, page, language, browser and device in words. All of it is text.
 */
export function renderCustomerInfo({ t, name, info, text }: CustomerInfoOptions) {
  const verified = Object.entries(info?.verified ?? {});
  const ua = info?.userAgent ? describeUserAgent(info.userAgent) : undefined;
  const row = (label: string, value: string | undefined) => (value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing);
  return html`<section part="customer-info" class="customer-info" aria-label=${t.customerInfo}>
    <h3>${name}</h3>
    ${verified.length
      ? html`<dl part="verified" class="verified" aria-label=${t.verified}>
          ${verified.map(([key, value]) => html`<dt>${key}</dt><dd><span class="lock" title=${t.verified}>${lockIcon}<span class="visually-hidden">${t.verified}:</span></span> ${text(value)}</dd>`)}
        </dl>`
      : nothing}
    <dl>
      ${(info?.answers ?? []).map((a) => row(a.label, text(a.value)))}
      ${row(t.infoLabels.page, info?.page)}
      ${row(t.infoLabels.referrer, info?.referrer)}
      ${row(t.infoLabels.language, info?.language)}
      ${row(t.infoLabels.browser, ua ? [ua.browser, ua.system].filter(Boolean).join(', ') : undefined)}
      ${row(t.infoLabels.device, ua ? t.devices[ua.device] : undefined)}
    </dl>
  </section>`;
}
