/**
 * Random mischief while people talk: sockets closed or killed by the page, connections cut by
 * the network (the proxy: both ends see it), pages reloaded, and silent outages of 5 seconds that
 * the connection must live through.
 */
import type { ChaosParticipant } from './chaos-participant.js';
import type { Random } from './chaos-random.js';
import { sleep } from './helpers.js';

export type Mischief = 'client-close' | 'client-terminate' | 'network-cut' | 'answers-lost' | 'reload' | 'outage-5s';

const weights: Record<Mischief, number> = { 'client-close': 20, 'client-terminate': 20, 'network-cut': 20, 'answers-lost': 20, reload: 12, 'outage-5s': 8 };

export interface ShortOutage {
  who: string;
  /** Neither end closed and the page did not reconnect. */
  survived: boolean;
}

export class Monkey {
  readonly counts: Record<Mischief, number> = { 'client-close': 0, 'client-terminate': 0, 'network-cut': 0, 'answers-lost': 0, reload: 0, 'outage-5s': 0 };
  readonly shortOutages: ShortOutage[] = [];
  /** Pages left alone, e.g. while in a long outage. */
  readonly spared = new Set<ChaosParticipant>();
  readonly #busy = new Set<ChaosParticipant>();
  readonly #pending: Promise<void>[] = [];
  #running = true;

  constructor(
    private readonly pages: readonly ChaosParticipant[],
    private readonly random: Random,
    /** Mean milliseconds between two mischiefs. */
    private readonly everyMs: number,
  ) {}

  async run(): Promise<void> {
    while (this.#running) {
      await sleep(this.random.int(this.everyMs / 2, (this.everyMs * 3) / 2));
      // Agents are few but hold many conversations each: they are struck a quarter of the time.
      const role = this.random.chance(0.25) ? 'agent' : 'customer';
      const victims = this.pages.filter((p) => p.role === role && p.ready && !this.spared.has(p) && !this.#busy.has(p));
      if (!this.#running || !victims.length) continue;
      const mischief = this.#choose();
      // A reload matters most while the page waits for answers, which it then never gets.
      const waiting = mischief === 'reload' ? victims.filter((p) => p.inFlight > 0) : [];
      this.#strike(this.random.pick(waiting.length ? waiting : victims), mischief);
    }
    await Promise.all(this.#pending);
  }

  stop(): void {
    this.#running = false;
  }

  /** Strikes `count` of `among` now (those free to be struck), beside the random ones; resolves when done. */
  async strikeNow(mischief: Mischief, among: readonly ChaosParticipant[], count: number): Promise<void> {
    const victims = this.random.sample(among.filter((p) => p.ready && !this.spared.has(p) && !this.#busy.has(p)), count);
    const before = this.#pending.length;
    for (const page of victims) this.#strike(page, mischief);
    await Promise.all(this.#pending.slice(before));
  }

  #choose(): Mischief {
    const total = Object.values(weights).reduce((a, b) => a + b, 0);
    let roll = this.random.next() * total;
    for (const [mischief, weight] of Object.entries(weights) as Array<[Mischief, number]>) {
      if ((roll -= weight) < 0) return mischief;
    }
    return 'network-cut';
  }

  #strike(page: ChaosParticipant, mischief: Mischief): void {
    this.counts[mischief]++;
    if (mischief === 'client-close') return page.drop('close');
    if (mischief === 'client-terminate') return page.drop('terminate');
    if (mischief === 'network-cut') return page.link?.cut();
    this.#busy.add(page);
    const task = mischief === 'reload' ? page.reload() : mischief === 'answers-lost' ? this.#answersLost(page) : this.#shortOutage(page);
    this.#pending.push(task.finally(() => this.#busy.delete(page)));
  }

  /** The connection dies after its way back went silent: the relay applied commands whose answers never came. */
  async #answersLost(page: ChaosParticipant): Promise<void> {
    const link = page.link;
    link?.deafen();
    await sleep(this.random.int(100, 600));
    link?.cut();
  }

  /**
   * Five seconds of silence on a connection that carried bytes just before, so the relay's idle
   * timer starts from the outage: its heartbeat must not end a connection this short a silence
   * leaves alive. Everything held back arrives late, nothing is lost.
   */
  async #shortOutage(page: ChaosParticipant): Promise<void> {
    const link = page.link;
    const connections = page.connections;
    if (!link || !(await page.prime())) {
      this.counts['outage-5s']--;
      return;
    }
    link.blackHole();
    await sleep(5000);
    link.restore('deliver');
    this.shortOutages.push({ who: page.name, survived: !link.closed && page.connections === connections });
  }
}
