import { z } from 'zod';
import { limits } from './limits.js';

/** A text in one language, or by language (`{ "en": "Order number", "fi": "Tilausnumero" }`). */
export const LocalText = z.union([
  z.string().trim().min(1).max(200),
  z.record(z.string().regex(/^[a-z]{2,3}$/, 'a language is a lower-case ISO 639 code'), z.string().trim().min(1).max(200)).refine((texts) => Object.keys(texts).length > 0, 'give the text in at least one language'),
]);

export const SurveyFieldId = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a survey field id is lower-case letters, digits and dashes');

/** One question of a queue's pre-chat survey (W1). */
export const SurveyField = z.object({
  id: SurveyFieldId,
  type: z.enum(['text', 'email', 'select', 'textarea']),
  label: LocalText,
  required: z.boolean().optional(),
  /** A select's choices: the value is what agents and webhooks get, the label what the customer reads. */
  options: z
    .array(z.object({ value: z.string().trim().min(1).max(80), label: LocalText.optional() }))
    .min(2)
    .max(limits.surveyOptions)
    .optional(),
});

/** The customer's answers at join, by field id. */
export const SurveyAnswers = z.record(SurveyFieldId, z.string().max(limits.surveyAnswerLength));

export type LocalText = z.infer<typeof LocalText>;
export type SurveyField = z.infer<typeof SurveyField>;
export type SurveyAnswers = z.infer<typeof SurveyAnswers>;

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
