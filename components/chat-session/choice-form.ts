import { html } from 'lit';
import { limits } from '../../protocol/limits.js';
import type { Translation } from '../i18n/translation.js';

export interface ChoiceFormOptions {
  t: Translation;
  options: readonly string[];
  setOptions: (options: string[]) => void;
  send: (question: string, options: string[]) => void;
  cancel: () => void;
}

/** The agent writes a question and 2–10 options; the customer gets them as buttons (C6). */
export function renderChoiceForm({ t, options, setOptions, send, cancel }: ChoiceFormOptions) {
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const question = String(form.get('question') ?? '').trim();
    const chosen = form.getAll('option').map((o) => String(o).trim()).filter(Boolean);
    if (question && chosen.length >= limits.choicesMin) send(question, chosen);
  };
  const edit = (index: number) => (e: Event) => {
    const next = [...options];
    next[index] = (e.target as HTMLInputElement).value;
    setOptions(next);
  };
  return html`<form part="choice-form" class="choice-form" @submit=${submit} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && cancel()}>
    <fieldset>
      <legend>${t.choiceMenu}</legend>
      <label>${t.question} <input name="question" required maxlength=${limits.messageLength} /></label>
      ${options.map(
        (value, i) => html`<div class="option-row">
          <label>${t.option(i + 1)} <input name="option" .value=${value} required maxlength=${limits.choiceLength} @input=${edit(i)} /></label>
          ${options.length > limits.choicesMin
            ? html`<button type="button" aria-label=${t.removeOption(i + 1)} @click=${() => setOptions(options.filter((_, j) => j !== i))}>✕</button>`
            : ''}
        </div>`,
      )}
      <div class="buttons">
        <button type="button" ?disabled=${options.length >= limits.choicesMax} @click=${() => setOptions([...options, ''])}>${t.addOption}</button>
        <button type="submit" part="send-choices-button" class="primary">${t.sendChoices}</button>
        <button type="button" @click=${cancel}>${t.cancel}</button>
      </div>
    </fieldset>
  </form>`;
}
