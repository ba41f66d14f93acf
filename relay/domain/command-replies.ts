import type { ClientMessage, CommandType, ServerMessage } from '../../protocol/index.js';

/** Commands that only ask, or pass something fleeting on: answered afresh every time, a resend included. */
const notRemembered: ReadonlySet<CommandType> = new Set<CommandType>([
  'sync',
  'visitors',
  'stats',
  'recent',
  'queue-status',
  'contacts',
  'directory',
  'queue-log',
  'file-access',
  'canned-responses',
  'typing',
  'call-signal',
]);

/** Replies remembered per participant, the oldest forgotten first. */
export const repliesPerParticipant = 256;

type Command = Exclude<ClientMessage, { type: 'hello' }>;

type Remembered = { body: string; reply: ServerMessage };

/** Every participant's remembered replies, oldest first, as plain data for a planned restart. */
export type CommandRepliesSnapshot = Array<[participant: string, replies: Array<[commandId: string, Remembered]>]>;

/**
 * What the relay answered each participant's recent commands, by command id: a command sent
 * again under its id (a client resending after a drop) gets the first answer and changes nothing;
 * the same id with another body is refused. Ids are the client's, so each participant has its own.
 */
export class CommandReplies {
  readonly #byParticipant = new Map<string, Map<string, Remembered>>();

  /** The first reply to this command, `conflict` for its id with another body, undefined when new. */
  earlier(who: string, command: Command): ServerMessage | 'conflict' | undefined {
    if (notRemembered.has(command.type)) return undefined;
    const seen = this.#byParticipant.get(who)?.get(command.id);
    if (!seen) return undefined;
    return seen.body === bodyOf(command) ? seen.reply : 'conflict';
  }

  remember(who: string, command: Command, reply: ServerMessage): void {
    if (notRemembered.has(command.type)) return;
    let replies = this.#byParticipant.get(who);
    if (!replies) this.#byParticipant.set(who, (replies = new Map()));
    replies.set(command.id, { body: bodyOf(command), reply });
    if (replies.size > repliesPerParticipant) replies.delete(replies.keys().next().value!);
  }

  snapshot(): CommandRepliesSnapshot {
    return [...this.#byParticipant].map(([who, replies]) => [who, [...replies]]);
  }

  /** Replaces what is remembered with `snapshot`, so a command resent after a restart is still applied once. */
  restore(snapshot: CommandRepliesSnapshot): void {
    this.#byParticipant.clear();
    for (const [who, replies] of snapshot) this.#byParticipant.set(who, new Map(replies.slice(-repliesPerParticipant)));
  }

  /** Forgets participants the relay no longer knows. */
  keepOnly(known: (who: string) => boolean): void {
    for (const who of this.#byParticipant.keys()) if (!known(who)) this.#byParticipant.delete(who);
  }
}

const bodyOf = (command: Command) => JSON.stringify({ ...command, id: undefined });
