/**
 * Races through a real relay: commands from several sockets sent at once, in an order and with
 * pauses fast-check generates, none waiting for another's answer; then what every client saw and
 * the relay's store are checked.
 */
import assert from 'node:assert/strict';
import fc, { type Arbitrary } from 'fast-check';
import type { CommandInput, ServerEvent } from '../../protocol/index.js';
import { isConversationEvent } from '../../protocol/conversation-event-types.js';
import { storeBreaks } from './race-invariants.js';
import { eventsOf, gaplessSeqs, roundTrip, sleep, type TestClient, type TestRelay } from './helpers.js';

export type Answer = ServerEvent<'ack'> | ServerEvent<'error'>;

/** A command to race: who sends it and what. */
export interface Racer {
  name: string;
  client: TestClient;
  command: CommandInput;
}

/** The order racers go in and the pause (ms) before each: mostly none, so most go in one burst. */
export interface Schedule {
  order: number[];
  pauses: number[];
}

export const schedule = (racers: number): Arbitrary<Schedule> => {
  const indices = [...Array(racers).keys()];
  return fc.record({
    order: fc.shuffledSubarray(indices, { minLength: racers, maxLength: racers }),
    pauses: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }), { minLength: racers, maxLength: racers }),
  });
};

/** Sends every racer's command as scheduled without waiting for answers; the answers, in the racers' order. */
export async function race(racers: readonly Racer[], { order, pauses }: Schedule): Promise<Answer[]> {
  const answers: Array<Promise<Answer>> = [];
  for (const [k, index] of order.entries()) {
    if (pauses[k]) await sleep(pauses[k]!);
    const racer = racers[index]!;
    answers[index] = racer.client.request(racer.command);
  }
  return Promise.all(answers);
}

export const code = (answer: Answer): string => (answer.type === 'error' ? answer.code : 'ack');

/** `ack` or the codes a loser may get, and the names of those who got an ack. */
export function judge(racers: readonly Racer[], answers: readonly Answer[], losing: Record<string, readonly string[]>): string[] {
  const summary = racers.map((r, i) => `${r.name}: ${code(answers[i]!)}`).join(', ');
  racers.forEach((racer, i) => {
    const got = code(answers[i]!);
    if (got !== 'ack') assert.ok(losing[racer.name]?.includes(got), `${racer.name} lost with "${got}", expected one of [${losing[racer.name]}] (${summary})`);
  });
  return racers.filter((_, i) => answers[i]!.type === 'ack').map((r) => r.name);
}

/** Once every client has everything the relay sent it, the store's invariants hold. */
export async function settle(relay: TestRelay, clients: readonly TestClient[]): Promise<void> {
  for (const client of clients) await roundTrip(client);
  const breaks = storeBreaks(relay.relay.store);
  assert.deepEqual(breaks, [], 'the relay’s state holds its invariants');
}

/** The conversations a client saw start (live or in a history), each once. */
export function conversationsSeen(client: TestClient): string[] {
  const started = client.received.flatMap((m) => {
    if (m.type === 'conversation-started') return [m.conversation];
    if (m.type === 'history') return m.events.filter((e) => e.type === 'conversation-started').map((e) => e.conversation);
    return [];
  });
  return [...new Set(started)];
}

/** What the client holds of the conversation runs 1..n with nothing missing or twice, histories included. */
export function heldWhole(client: TestClient, conversation: string, who: string): void {
  const events = eventsOf(client, conversation);
  const fromLastHistory = events.slice(Math.max(0, lastHistoryStart(client, conversation)));
  gaplessSeqs(fromLastHistory, who);
}

/** Where in eventsOf the last full history of the conversation begins: a history replaces what came before it. */
function lastHistoryStart(client: TestClient, conversation: string): number {
  let index = 0;
  let start = 0;
  for (const m of client.received) {
    if (m.type === 'history' && m.conversation === conversation) {
      start = index;
      index += m.events.length;
    } else if (isConversationEvent(m) && m.conversation === conversation) index++;
  }
  return start;
}

/** fast-check's assert, with the failure's own message beside the counterexample. */
export async function holds<Ts>(property: fc.IAsyncProperty<Ts>, parameters: fc.Parameters<Ts>): Promise<void> {
  const details = await fc.check(property, parameters);
  if (details.failed) assert.fail(`${fc.defaultReportMessage(details)}\n${String(details.errorInstance)}`);
}

/**
 * Ends a run so it leaves nothing for the next: a customer still waiting leaves the line (a released
 * one would be the next run's "next"), an agent turns away (no more offers), then every socket closes.
 */
export async function farewell(clients: readonly TestClient[]): Promise<void> {
  for (const client of clients) {
    const role = client.received.find((m) => m.type === 'welcome')?.self.role;
    if (client.ws.readyState !== client.ws.OPEN) continue;
    if (role === 'customer') client.command({ type: 'leave' });
    if (role === 'agent') client.command({ type: 'presence', presence: 'away' });
  }
  await Promise.all(clients.map((c) => c.close()));
}

/** How often each set of winners came out, printed after a scenario: the orders really differed. */
export class Outcomes {
  readonly #counts = new Map<string, number>();

  add(winners: readonly string[]): void {
    const key = winners.length ? winners.join(' + ') : 'nobody';
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  print(scenario: string): void {
    const runs = [...this.#counts.values()].reduce((a, b) => a + b, 0);
    console.log(`${scenario}\n  ${runs} interleavings won by: ${[...this.#counts].map(([who, n]) => `${who} ${n}`).join(', ')}`);
  }
}
