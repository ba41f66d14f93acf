import { localText, surveyProblem, type SurveyAnswers, type SurveyProblem } from '../../protocol/index.js';
import type { Queue } from './model.js';

const problemText: Record<SurveyProblem, string> = {
  required: 'needs an answer',
  email: 'needs an email address',
  'too-long': 'is too long',
  'not-an-option': 'takes one of its options only',
};

/**
 * A joining customer's answers checked against the queue's survey (W1), in the survey's order and
 * labelled in the queue's language, as agents will read them; a select's answer reads as its label.
 */
export function surveyAnswers(
  queue: Queue,
  given: SurveyAnswers = {},
): { ok: true; answers: Array<{ label: string; value: string }> } | { ok: false; message: string } {
  const { survey, lang } = queue.config;
  const unknown = Object.keys(given).find((id) => !survey.some((field) => field.id === id));
  if (unknown !== undefined) return { ok: false, message: `the queue "${queue.config.name}" asks no question "${unknown}"` };
  const answers: Array<{ label: string; value: string }> = [];
  for (const field of survey) {
    const label = localText(field.label, lang);
    const problem = surveyProblem(field, given[field.id]);
    if (problem) return { ok: false, message: `"${label}" ${problemText[problem]}` };
    const value = given[field.id]?.trim();
    if (!value) continue;
    const option = field.options?.find((o) => o.value === value);
    answers.push({ label, value: option?.label ? localText(option.label, lang) : value });
  }
  return { ok: true, answers };
}
