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

