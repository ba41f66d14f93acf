import { z } from 'zod';
import { limits } from './limits.js';

const slug = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const QueueId = z.string().regex(slug, 'a queue id is lower-case letters, digits and dashes');
export const ParticipantId = z.string().min(1).max(64);
export const ConversationId = z.string().min(1).max(64);
export const CommandId = z.string().min(1).max(limits.commandIdLength);
export const Seq = z.number().int().nonnegative();
/** Milliseconds since the epoch, on the relay's clock. */
export const Timestamp = z.number().int().nonnegative();

export const DisplayName = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(limits.nameLength, `a name is at most ${limits.nameLength} characters`);

export const MessageText = z
  .string()
  .trim()
  .min(1, 'a message cannot be empty')
  .max(limits.messageLength, `a message is at most ${limits.messageLength} characters`);

export const Role = z.enum(['customer', 'agent']);

/** An agent's presence while signed in (A2); signed out is `offline`. `no-answer` follows a missed offer. */
export const Presence = z.enum(['available', 'away', 'no-answer', 'offline']);
/** Presences an agent may choose. */
export const ChosenPresence = z.enum(['available', 'away']);
export const Routing = z.enum(['pick', 'offer']);
/** How a conversation began: text, or a video call from the start (V3). */
export const Media = z.enum(['text', 'video']);

/** How an agent closes their part of a conversation (C12, C13). */
export const WrapUp = z.object({
  reason: z.string().trim().min(1).max(80).optional(),
  note: z.string().trim().max(1000, 'a note is at most 1000 characters').optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(10, 'at most 10 tags').optional(),
});

/** Where a transfer or an invitation goes: a named agent, or anyone available in a queue. */
export const RequestTarget = z.union([z.object({ agent: ParticipantId }).strict(), z.object({ queue: QueueId }).strict()]);

/** An uploaded file, as messages carry it (C7). The type is what the relay found in the file's bytes. */
export const Attachment = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(limits.fileNameLength),
  type: z.string().max(100),
  size: z.number().int().nonnegative(),
});

/** What the widget tells agents about the customer and their page (C4); every field is the customer's own word. */
export const CustomerInfo = z.object({
  /** Pre-chat answers, in the order asked. */
  answers: z
    .array(z.object({ label: z.string().trim().min(1).max(80), value: z.string().trim().max(1000) }))
    .max(limits.answers, `at most ${limits.answers} answers`)
    .optional(),
  page: z.string().max(limits.pageInfoLength).optional(),
  referrer: z.string().max(limits.pageInfoLength).optional(),
  /** The browser's language, BCP 47. */
  language: z.string().max(35).optional(),
  userAgent: z.string().max(512).optional(),
});

/** A canned response an agent may insert (C5); `{customer.name}`, `{agent.name}` and `{queue.name}` are filled in. */
export const CannedResponse = z.object({
  title: z.string().trim().min(1).max(80),
  text: z.string().trim().min(1).max(limits.messageLength),
});

export type QueueId = z.infer<typeof QueueId>;
export type ParticipantId = z.infer<typeof ParticipantId>;
export type ConversationId = z.infer<typeof ConversationId>;
export type Role = z.infer<typeof Role>;
export type Presence = z.infer<typeof Presence>;
export type Routing = z.infer<typeof Routing>;
export type Media = z.infer<typeof Media>;
export type WrapUp = z.infer<typeof WrapUp>;
export type RequestTarget = z.infer<typeof RequestTarget>;
export type Attachment = z.infer<typeof Attachment>;
export type CustomerInfo = z.infer<typeof CustomerInfo>;
export type CannedResponse = z.infer<typeof CannedResponse>;
