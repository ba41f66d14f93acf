/**
 * Conversation from both ends the whole time: each customer writes every second or so into
 * their conversation, each agent several times a second into one of theirs (now and then a
 * private note), each message under its own command id, never more than `window` unanswered.
 */
import type { Cast } from './chaos-cast.js';
import type { ChaosParticipant } from './chaos-participant.js';
import type { Random } from './chaos-random.js';
import { sleep } from './helpers.js';

const window = 24;

export class Chatter {
  #running = true;
  readonly #loops: Promise<void>[] = [];

  constructor(cast: Cast, random: Random) {
    for (const customer of cast.customers) {
      const mine = cast.conversations.filter((c) => c.customer === customer).map((c) => c.id);
      this.#loops.push(this.#talk(customer, mine, random.fork(), [400, 1600], 0));
    }
    for (const agent of cast.agents) {
      const mine = cast.conversations.filter((c) => c.agent === agent).map((c) => c.id);
      this.#loops.push(this.#talk(agent, mine, random.fork(), [50, 250], 0.1));
    }
  }

  async #talk(who: ChaosParticipant, conversations: string[], random: Random, [fastest, slowest]: [number, number], privately: number): Promise<void> {
    let said = 0;
    while (this.#running) {
      await sleep(random.int(fastest, slowest));
      if (!this.#running || who.inFlight >= window) continue;
      const isPrivate = random.chance(privately);
      void who.send(random.pick(conversations), `${who.name} ${isPrivate ? 'notes' : 'says'} ${++said}`, isPrivate);
    }
  }

  /** Stops writing; resolves once no loop will send again. */
  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#loops);
  }
}
