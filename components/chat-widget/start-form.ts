import { html, nothing } from 'lit';
import type { QueueInfo } from '../../protocol/events.js';
import { limits } from '../../protocol/limits.js';
import { localText, surveyAnswerLength, surveyProblem, type SurveyProblem } from '../../protocol/survey-rules.js';
import type { SurveyField } from '../../protocol/survey.js';
import type { CustomerStrings } from '../i18n/translation.js';

export interface JoinDetails {
  name: string;
  message: string;
  /** Answers by survey field id, the empty ones left out. */
  survey: Record<string, string>;
  video: boolean;
}

export interface StartFormOptions {
  t: CustomerStrings;
  /** The widget's language, for the survey's labels. */
  lang: string;
  queue: QueueInfo | undefined;
  /** The queue choice, when the customer chooses. */
  queueChoice: unknown;
  /** What was wrong with each field at the last try, by field name. */
  problems: ReadonlyMap<string, SurveyProblem>;
  error: string;
  /** Shows the problems; resolves once they are on screen. */
  invalid: (problems: Map<string, SurveyProblem>) => Promise<unknown>;
  join: (details: JoinDetails) => void;
}

const nameField = { id: 'name', type: 'text', label: '', required: true } as const satisfies SurveyField;

/**
 * The start form (W1): the customer's name, the queue's survey and an optional first message.
 * Answers are checked here by the relay's own rules, in the widget's language; the first wrong
 * field takes the focus.
 */
export function renderStartForm({ t, lang, queue, queueChoice, problems, error, invalid, join }: StartFormOptions) {
  const survey = queue?.survey ?? [];
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const found = new Map<string, SurveyProblem>();
    const nameProblem = surveyProblem(nameField, value('name'));
    if (nameProblem) found.set('name', nameProblem);
    for (const field of survey) {
      const problem = surveyProblem(field, value(`survey-${field.id}`));
      if (problem) found.set(`survey-${field.id}`, problem);
    }
    const first = [...found.keys()][0];
    // Focus once the problem is shown, so the field is read with its description.
    void invalid(found).then(() => first && (form.elements.namedItem(first) as HTMLElement | null)?.focus());
    if (first) return;
    const answers = Object.fromEntries(survey.map((f) => [f.id, value(`survey-${f.id}`)]).filter(([, answer]) => answer));
    join({ name: value('name'), message: value('message'), survey: answers, video: (e.submitter as HTMLButtonElement | null)?.value === 'video' });
  };
  const problemOf = (name: string) => {
    const problem = problems.get(name);
    return problem ? html`<span id="problem-${name}" class="error">${t.surveyProblem(problem)}</span>` : nothing;
  };
  const described = (name: string) => (problems.has(name) ? `problem-${name}` : nothing);
  const invalidFlag = (name: string) => (problems.has(name) ? 'true' : nothing);

  const surveyField = (field: SurveyField) => {
    const name = `survey-${field.id}`;
    const label = localText(field.label, lang, queue?.lang);
    const common = { name, required: !!field.required, maxLength: surveyAnswerLength[field.type] };
    const control =
      field.type === 'select'
        ? html`<select name=${common.name} ?required=${common.required} aria-invalid=${invalidFlag(name)} aria-describedby=${described(name)}>
            <option value="">${t.chooseOption}</option>
            ${field.options?.map((o) => html`<option value=${o.value}>${o.label ? localText(o.label, lang, queue?.lang) : o.value}</option>`)}
          </select>`
        : field.type === 'textarea'
          ? html`<textarea name=${common.name} rows="3" ?required=${common.required} maxlength=${common.maxLength} aria-invalid=${invalidFlag(name)} aria-describedby=${described(name)}></textarea>`
          : html`<input
              name=${common.name}
              type=${field.type}
              ?required=${common.required}
              maxlength=${common.maxLength}
              autocomplete=${field.type === 'email' ? 'email' : 'off'}
              aria-invalid=${invalidFlag(name)}
              aria-describedby=${described(name)}
            />`;
    return html`<label part="survey-field"><span>${label}${field.required ? nothing : html` <span class="muted">${t.optional}</span>`}</span> ${control}</label>${problemOf(name)}`;
  };

  return html`<form part="start-form" class="pane" novalidate @submit=${submit}>
    ${queueChoice}
    <label>${t.yourName}
      <input name="name" required maxlength=${limits.nameLength} autocomplete="name" aria-invalid=${invalidFlag('name')} aria-describedby=${described('name')}
    /></label>
    ${problemOf('name')} ${survey.map(surveyField)}
    <label>${t.firstMessageLabel} <textarea name="message" rows="3" maxlength=${limits.messageLength}></textarea></label>
    ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
    <button part="start-button" class="primary" type="submit">${t.startChat}</button>
    ${queue?.video ? html`<button part="start-video-button" type="submit" name="media" value="video">${t.startVideoChat}</button>` : nothing}
  </form>`;
}

/** The queue choice above the start form and the message form. */
export function renderQueueChoice(t: CustomerStrings, queues: readonly QueueInfo[], chosen: string, choose: (queue: string) => void) {
  return html`<label part="queue-choice" class="queue-choice"
    >${t.chooseQueue}
    <select name="queue" .value=${chosen} @change=${(e: Event) => choose((e.target as HTMLSelectElement).value)}>
      ${queues.map((q) => html`<option value=${q.id} ?selected=${q.id === chosen}>${q.name}</option>`)}
    </select></label
  >`;
}
