import { html } from 'lit';
import type { Offer } from '../../protocol/events.js';
import type { Translation } from '../i18n/translation.js';
import { proactiveMark } from './proactive-mark.js';

export interface OfferView {
  t: Translation;
  now: number;
  busy: boolean;
  queueName: string;
  nameOf: (name: string) => string;
  textOf: (text: string) => string;
  wait: (ms: number) => string;
  accept: (offer: string) => void;
  reject: (offer: string) => void;
}

/** The customer the relay offers this agent (C1): who, where from, what they wrote, how long they waited. */
export function renderOffer(offer: Offer, view: OfferView) {
  const { t } = view;
  const secondsLeft = Math.max(0, Math.ceil((offer.expiresAt - view.now) / 1000));
  return html`<section part="offer" class="offer" role="region" aria-labelledby="offer-title" data-offer=${offer.id}>
    <h3 id="offer-title">${t.offerTitle}</h3>
    <p class="offer-who">
      <span role="alert"><strong>${view.nameOf(offer.customer.name)}</strong> · ${view.queueName}${offer.media === 'video' ? html` · ${t.media.video}` : ''}</span>
      ${offer.proactive ? proactiveMark(t) : ''} ·
      ${t.waitedFor(view.wait(view.now - offer.joinedAt))}
    </p>
    ${offer.preview ? html`<blockquote class="preview">${view.textOf(offer.preview)}</blockquote>` : ''}
    <p class="meta">${t.answerWithin(secondsLeft)}</p>
    <div class="offer-actions">
      <button part="accept-button" class="primary" @click=${() => view.accept(offer.id)} ?disabled=${view.busy}>${t.accept}</button>
      <button part="reject-button" @click=${() => view.reject(offer.id)} ?disabled=${view.busy}>${t.reject}</button>
    </div>
  </section>`;
}
