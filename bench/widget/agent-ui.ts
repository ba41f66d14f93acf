/**
 * Agent UI at scale in Chromium: the built agent bundle (dist/agent.js) under <chat-connection>,
 * fed by a relay inside the page (pages/fake-relay.js replaces WebSocket; TiskiClient and the
 * elements are the real code). <agent-queue-bar> with `queues` queues × `waiting` customers,
 * <chat-session> with one conversation of `messages` messages, and both on one page. Each
 * figure runs from delivering the event(s) to style and layout done.
 */
import type { Browser } from 'playwright-core';

export interface AgentUiFigures {
  page: 'bar' | 'session' | 'both';
  render: number;
  /** One change applied (a queue's snapshot, or a new message), ms, one per repeat. */
  update: number[];
  /** One re-render with nothing changed, as the elements' one-second clocks cause, ms. */
  tick: number[];
  shown: number;
  scrollTopAfterClockTick?: number;
  /** Formatting one clock time per waiting customer: a new Intl.DateTimeFormat each time, and one reused, ms. */
  intl?: { fresh: number; reused: number };
  /** Intl.DateTimeFormat objects the elements created per change (counted in the page). */
  formattersPerUpdate?: number;
}

interface PageBench {
  ready(): Promise<void>;
  queueBar(waiting: number, updates: number, ticks: number): Promise<Omit<AgentUiFigures, 'page'>>;
  session(count: number, updates: number, ticks: number): Promise<Omit<AgentUiFigures, 'page'>>;
  intl(count: number): { fresh: number; reused: number };
}

export async function agentUi(
  browser: Browser,
  origin: string,
  sizes: { queues: number; waiting: number; messages: number; updates: number },
  beforePage: () => Promise<unknown>,
): Promise<AgentUiFigures[]> {
  const figures: AgentUiFigures[] = [];
  for (const show of ['bar', 'session', 'both'] as const) {
    await beforePage();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${origin}/pages/agent-ui.html?show=${show}&queues=${sizes.queues}`);
      await page.evaluate(() => (window as unknown as { bench: PageBench }).bench.ready());
      if (show !== 'session') {
        // A queue-bar render takes seconds at scale: fewer repeats of it.
        const bar = await page.evaluate(({ waiting, updates, ticks }) => (window as unknown as { bench: PageBench }).bench.queueBar(waiting, updates, ticks), {
          waiting: sizes.waiting,
          updates: show === 'bar' ? Math.min(sizes.updates, 10) : 1,
          ticks: show === 'bar' ? Math.min(sizes.updates, 5) : 1,
        });
        if (show === 'bar') {
          const intl = await page.evaluate((n) => (window as unknown as { bench: PageBench }).bench.intl(n), sizes.queues * sizes.waiting);
          figures.push({ page: show, ...bar, intl });
        }
      }
      if (show !== 'bar') {
        const session = await page.evaluate(({ messages, updates }) => (window as unknown as { bench: PageBench }).bench.session(messages, updates, Math.min(updates, 10)), {
          messages: sizes.messages,
          updates: show === 'session' ? sizes.updates : Math.min(sizes.updates, 10),
        });
        figures.push({ page: show, ...session });
      }
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    } finally {
      await context.close();
    }
  }
  return figures;
}
