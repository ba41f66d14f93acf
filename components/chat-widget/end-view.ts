import { html, nothing } from 'lit';
import type { CustomerStrings } from '../i18n/translation.js';

export interface EndViewOptions {
  t: CustomerStrings;
  rated: boolean;
  download: () => void;
  rate: (stars: number, comment: string) => void;
  /** Back into the chat, while the queue allows it (W5); absent when it does not. */
  returnToChat?: (() => void) | undefined;
}

/** After the end (W5): a way back into the chat where allowed, the transcript as a file, and a rating of 1–5 stars with an optional comment. */
export function renderEndView({ t, rated, download, rate, returnToChat }: EndViewOptions) {
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const stars = Number(form.get('stars'));
    if (stars >= 1 && stars <= 5) rate(stars, String(form.get('comment') ?? '').trim());
  };
  return html`<div part="end-view" class="pane end-view">
    ${returnToChat ? html`<button part="return-button" class="primary" @click=${returnToChat}>${t.returnToChat}</button>` : nothing}
    <button part="transcript-button" @click=${download}>${t.downloadTranscript}</button>
    ${rated
      ? html`<p part="rating-thanks" role="status">${t.ratingThanks}</p>`
      : html`<form part="rating-form" @submit=${submit}>
          <fieldset>
            <legend>${t.rateTitle}</legend>
            <div class="stars">
              ${[1, 2, 3, 4, 5].map(
                (n) => html`<label class="star"><input type="radio" name="stars" value=${n} required /><span aria-hidden="true">★</span
                  ><span class="visually-hidden">${t.stars(n)}</span></label>`,
              )}
            </div>
            <label>${t.ratingComment} <textarea name="comment" rows="2" maxlength="1000"></textarea></label>
            <button part="rating-button" class="primary" type="submit">${t.sendRating}</button>
          </fieldset>
        </form>`}
  </div>`;
}
