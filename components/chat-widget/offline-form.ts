import { html, nothing } from 'lit';
import { limits } from '../../protocol/limits.js';
import type { CustomerStrings } from '../i18n/translation.js';

export interface OfflineFormOptions {
  t: CustomerStrings;
  /** When the queue opens next, already formatted; absent when unknown. */
  opensAt?: string | undefined;
  sent: boolean;
  error: string;
  send: (contact: { name: string; email: string; message: string }) => void;
}

/** The contact form shown instead of the start form while nobody can chat (Q8). */
export function renderOfflineForm({ t, opensAt, sent, error, send }: OfflineFormOptions) {
  if (sent) return html`<p part="offline-thanks" class="pane" role="status">${t.offlineThanks}</p>`;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    send({ name: field('name'), email: field('email'), message: field('message') });
  };
  return html`<form part="offline-form" class="pane" @submit=${submit}>
    <strong>${t.offlineTitle}</strong>
    <span>${t.offlineText}${opensAt ? html` ${t.opensNext(opensAt)}` : nothing}</span>
    <label>${t.yourName} <input name="name" required maxlength=${limits.nameLength} autocomplete="name" /></label>
    <label>${t.emailLabel} <input name="email" type="email" required maxlength="254" autocomplete="email" /></label>
    <label>${t.offlineMessageLabel} <textarea name="message" rows="3" required maxlength=${limits.messageLength}></textarea></label>
    ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
    <button part="offline-send-button" class="primary" type="submit">${t.sendOffline}</button>
  </form>`;
}
