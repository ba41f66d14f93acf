import { html } from 'lit';
import type { WrapUp } from '../../protocol/common.js';
import type { Translation } from '../i18n/translation.js';

export interface WrapUpFormView {
  t: Translation;
  reasons: readonly string[];
  /** `end`: the conversation goes on and is ended with the wrap-up; `save`: it already ended. */
  mode: 'end' | 'save';
  submit: (wrapUp: WrapUp) => void;
  cancel?: () => void;
}

/** Reason (from the queue's list, filterable as one types), note and tags (C12, C13). */
export function renderWrapUpForm(view: WrapUpFormView) {
  const { t } = view;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const reason = String(form.get('reason') ?? '').trim();
    const note = String(form.get('note') ?? '').trim();
    const tags = String(form.get('tags') ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
    view.submit({ ...(reason ? { reason } : {}), ...(note ? { note } : {}), ...(tags.length ? { tags } : {}) });
  };
  return html`<form part="wrap-up-form" class="wrap-up" aria-labelledby="wrap-up-title" @submit=${submit}>
    <h3 id="wrap-up-title">${t.wrapUpTitle}</h3>
    <label>${t.reasonLabel}
      <input name="reason" list="wrap-up-reasons" autocomplete="off" ?required=${view.reasons.length > 0} />
      <datalist id="wrap-up-reasons">${view.reasons.map((r) => html`<option value=${r}></option>`)}</datalist>
    </label>
    <label>${t.noteLabel} <textarea name="note" rows="2" maxlength="1000"></textarea></label>
    <label>${t.tagsLabel} <input name="tags" autocomplete="off" /></label>
    <div class="actions">
      <button class="primary" type="submit">${view.mode === 'end' ? t.endAndSave : t.saveWrapUp}</button>
      ${view.cancel ? html`<button type="button" @click=${view.cancel}>${t.cancel}</button>` : ''}
    </div>
  </form>`;
}
