import type { Attachment, Command } from '../../protocol/index.js';
import { limits } from '../../protocol/index.js';
import { done, refuse, type DomainContext, type HandlerContext, type Outcome } from './context.js';
import { isParticipant } from './conversation-log.js';
import { send } from './effects.js';
import type { Conversation, StoredFile } from './model.js';
import { redactForQueue } from './redaction.js';

/** Uploaded files not yet sent in a message, per participant and conversation. */
export const pendingFilesLimit = 2 * limits.attachmentsPerMessage;

/** Those who may read a conversation's files: its customer, its agents now, and agents who handed it on. */
function mayRead(conversation: Conversation, who: string): boolean {
  return isParticipant(conversation, who) || conversation.formerAgents.has(who);
}

/** A participant asks for a file token for one conversation (C7). */
export function fileAccess(ctx: HandlerContext, command: Command<'file-access'>): Outcome {
  if (ctx.config.attachments?.enabled === false) return refuse('attachments-off', 'this relay does not accept files');
  const conversation = ctx.store.conversation(command.conversation);
  if (!conversation) return refuse('conversation-unknown', 'there is no such conversation');
  if (!mayRead(conversation, ctx.actor.id)) return refuse('not-participant', 'you are not a participant of this conversation');
  const grant = ctx.services.grantFileAccess(conversation.id, ctx.actor.id, ctx.now);
  return done([send(ctx.actor.id, { type: 'file-access', conversation: conversation.id, ...grant })], conversation.id);
}

/** 500 and 503 come from no domain: in the shared mode, deciding failed or no leader answered in time. */
export type FileCheck = { ok: true } | { ok: false; status: 403 | 404 | 409 | 500 | 503; code: string; message: string };

const denied = (status: 403 | 404 | 409, code: string, message: string): FileCheck => ({ ok: false, status, code, message });

/** Whether `who` may upload to the conversation now; checked before the first byte is read. */
export function mayUpload(ctx: DomainContext, who: string, conversationId: string): FileCheck {
  if (ctx.config.attachments?.enabled === false) return denied(403, 'attachments-off', 'this relay does not accept files');
  const conversation = ctx.store.conversation(conversationId);
  if (!conversation) return denied(404, 'conversation-unknown', 'there is no such conversation');
  if (!isParticipant(conversation, who)) return denied(403, 'not-participant', 'you are not a participant of this conversation');
  if (conversation.ended) return denied(409, 'conversation-ended', 'this conversation has ended');
  const pending = [...conversation.files.values()].filter((f) => f.uploader === who && !f.attached).length;
  if (pending >= pendingFilesLimit) {
    return denied(409, 'too-many-files', `at most ${pendingFilesLimit} files may wait to be sent; send or remove some first`);
  }
  return { ok: true };
}

/** A file arrived whole; it waits for a message to carry it. */
export function fileStored(ctx: DomainContext, who: string, conversationId: string, file: Attachment): { ok: true; file: Attachment } | Extract<FileCheck, { ok: false }> {
  const allowed = mayUpload(ctx, who, conversationId);
  if (!allowed.ok) return allowed;
  const conversation = ctx.store.conversation(conversationId)!;
  // A file's name is text the customer wrote: a queue that redacts it redacts the name too.
  const name = redactForQueue(ctx.store.queue(conversation.queue), ctx.store.agent(who) ? 'agent' : 'customer', file.name);
  conversation.files.set(file.id, { ...file, name, uploader: who });
  return { ok: true, file: { ...file, name } };
}

/** The file, if `who` may download it: private ones only for agents, unsent ones only for their uploader. */
export function fileFor(ctx: DomainContext, who: string, conversationId: string, fileId: string): { ok: true; file: StoredFile } | Extract<FileCheck, { ok: false }> {
  const conversation = ctx.store.conversation(conversationId);
  const file = conversation?.files.get(fileId);
  if (!conversation || !file) return { ok: false, status: 404, code: 'attachment-unknown', message: 'there is no such file' };
  if (!mayRead(conversation, who)) return { ok: false, status: 403, code: 'not-participant', message: 'you are not a participant of this conversation' };
  const visible = file.attached ? !file.attached.private || who !== conversation.customer : file.uploader === who;
  if (!visible) return { ok: false, status: 404, code: 'attachment-unknown', message: 'there is no such file' };
  return { ok: true, file };
}

/** Marks the sender's uploaded files as carried by a message; each file goes out once. */
export function attachFiles(
  ctx: HandlerContext,
  conversation: Conversation,
  ids: readonly string[],
  message: string,
  privately: boolean,
): { ok: true; files: Attachment[] } | Extract<Outcome, { ok: false }> {
  if (ctx.config.attachments?.enabled === false) return { ok: false, code: 'attachments-off', message: 'this relay does not accept files' };
  if (new Set(ids).size !== ids.length) return { ok: false, code: 'attachment-unknown', message: 'a file is attached twice' };
  const files: StoredFile[] = [];
  for (const id of ids) {
    const file = conversation.files.get(id);
    if (!file || file.uploader !== ctx.actor.id || file.attached) {
      return { ok: false, code: 'attachment-unknown', message: 'a file is unknown, someone else’s, or sent already; upload it again' };
    }
    files.push(file);
  }
  for (const file of files) file.attached = { message, private: privately };
  return { ok: true, files: files.map(({ id, name, type, size }) => ({ id, name, type, size })) };
}
