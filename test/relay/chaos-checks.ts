/**
 * The promise the chaos tests check for each conversation: every reader holds the relay's
 * stream exactly, gapless from seq 1; all readers hold the messages in one order; and the
 * messages are exactly those sent — every acknowledged one once, nothing else but, at most once,
 * a message whose page was reloaded before its answer came.
 */
import assert from 'node:assert/strict';
import type { ConversationEvent, MessageEvent } from '../../protocol/conversation-events.js';
import type { MemoryRelayStore } from '../../relay/domain/store.js';
import type { ChaosParticipant, SentMessage } from './chaos-participant.js';
import { gaplessSeqs } from './helpers.js';

export interface ConversationTally {
  /** Messages acknowledged to their senders. */
  acked: number;
  /** Messages whose page was reloaded before the answer. */
  abandoned: number;
  /** Of those, the ones the relay had applied. */
  abandonedApplied: number;
  /** Acknowledged messages sent more than once, after drops. */
  resent: number;
  /** Of those, the ones the relay had applied before the copy came: it answered the copy from memory. */
  resentAfterApplied: number;
}

/** The events one reader holds of a conversation, in seq order. */
export function heldEvents(reader: ChaosParticipant, conversation: string): ConversationEvent[] {
  const view = reader.views.get(conversation);
  return view ? [...view.events.values()].sort((a, b) => a.seq - b.seq) : [];
}

const messagesIn = (events: readonly ConversationEvent[]) => events.filter((e): e is MessageEvent => e.type === 'message');

/** Whether every reader holds as much of the conversation as the relay has. */
export function caughtUp(store: MemoryRelayStore, conversation: string, readers: readonly ChaosParticipant[]): boolean {
  const stored = store.conversation(conversation);
  if (!stored) return false;
  return readers.every((r) => r.views.get(conversation)?.last === (r.role === 'customer' ? stored.customerLog : stored.log).length);
}

export function assertConversation(
  store: MemoryRelayStore,
  conversation: string,
  readers: readonly ChaosParticipant[],
  senders: readonly ChaosParticipant[],
): ConversationTally {
  const stored = store.conversation(conversation);
  assert.ok(stored, `the relay knows ${conversation}`);
  const orders = new Map<string, string[]>();
  for (const reader of readers) {
    const events = heldEvents(reader, conversation);
    const who = `${reader.name} in ${conversation}`;
    gaplessSeqs(events, who);
    const relayStream: readonly ConversationEvent[] = reader.role === 'customer' ? stored.customerLog : stored.log;
    assert.deepEqual(events, JSON.parse(JSON.stringify(relayStream)), `${who} holds the relay's stream exactly`);
    const messages = messagesIn(events);
    const ids = messages.map((m) => m.messageId);
    assert.equal(new Set(ids).size, ids.length, `${who} holds no message twice`);
    orders.set(reader.name, messages.filter((m) => !m.private).map((m) => m.messageId));
  }
  const [first, ...others] = [...orders];
  for (const [name, order] of others) assert.deepEqual(order, first![1], `${name} and ${first![0]} hold the messages of ${conversation} in one order`);

  // What was sent, by command id (the message id), with its sender.
  const sent = new Map<string, { message: SentMessage; by: ChaosParticipant }>();
  for (const by of senders) for (const message of by.sent.values()) if (message.conversation === conversation) sent.set(message.id, { message, by });
  const refused = [...sent.values()].filter((s) => s.message.outcome === 'refused' || s.message.outcome === undefined);
  assert.deepEqual(refused.map((s) => `${s.by.name}: ${s.message.text}: ${s.message.refusal ?? 'unanswered'}`), [], 'every message sent was answered or its page reloaded');
  const acked = [...sent.values()].filter((s) => s.message.outcome === 'acked');

  let abandonedApplied = 0;
  for (const reader of readers) {
    const held = messagesIn(heldEvents(reader, conversation));
    const heldIds = new Set(held.map((m) => m.messageId));
    for (const message of held) {
      const origin = sent.get(message.messageId);
      assert.ok(origin, `${reader.name} holds message ${message.messageId} "${message.text}" that nobody sent`);
      assert.deepEqual(
        [message.author.id, message.text, !!message.private],
        [origin.by.id, origin.message.text, origin.message.private],
        `${reader.name} holds message ${message.messageId} as it was sent`,
      );
    }
    const expected = acked.filter((s) => reader.role !== 'customer' || !s.message.private);
    const missing = expected.filter((s) => !heldIds.has(s.message.id));
    assert.deepEqual(missing.map((s) => `${s.by.name}: ${s.message.text}`), [], `${reader.name} holds every acknowledged message of ${conversation}`);
    if (reader.role === 'agent') abandonedApplied = held.length - acked.length;
  }
  const resent = acked.filter((s) => s.message.sentAt.length > 1);
  const appliedAt = new Map(messagesIn(stored.log).map((m) => [m.messageId, m.at]));
  const resentAfterApplied = resent.filter((s) => appliedAt.get(s.message.id)! < s.message.sentAt.at(-1)!).length;
  const abandoned = [...sent.values()].filter((s) => s.message.outcome === 'abandoned').length;
  return { acked: acked.length, abandoned, abandonedApplied, resent: resent.length, resentAfterApplied };
}
