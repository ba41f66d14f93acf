/** The survey's rules without its schemas: the widget checks answers with them and carries no zod. */
import { limits } from './limits.js';
import type { LocalText, SurveyField } from './survey.js';

/** The text in `lang`, else in `fallback` (the queue's language), else the first one given. */
export function localText(text: LocalText, lang: string, fallback = 'en'): string {
  if (typeof text === 'string') return text;
  const primary = (tag: string) => tag.toLowerCase().split('-')[0] ?? '';
  return text[primary(lang)] ?? text[primary(fallback)] ?? Object.values(text)[0] ?? '';
}

/** Characters an answer may have, by field type. */
export const surveyAnswerLength = { text: 200, email: 254, select: 80, textarea: limits.surveyAnswerLength } as const;

export type SurveyProblem = 'required' | 'email' | 'too-long' | 'not-an-option';

/** What is wrong with one answer, the same in the widget and in the relay; undefined when nothing is. */
export function surveyProblem(field: SurveyField, answer: string | undefined): SurveyProblem | undefined {
  const value = answer?.trim() ?? '';
  if (!value) return field.required ? 'required' : undefined;
  if (value.length > surveyAnswerLength[field.type]) return 'too-long';
  if (field.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return 'email';
  if (field.type === 'select' && !field.options?.some((o) => o.value === value)) return 'not-an-option';
  return undefined;
}
