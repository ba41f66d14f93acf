import { TiskiClient } from '../../components/client/tiski-client.js';

/** The real relay the test runner started for these tests. */
export const testRelay = (window as unknown as { TISKI_TEST_RELAY: { ws: string; http: string; throughNetwork: string } }).TISKI_TEST_RELAY;

/** A token for a new agent, signed by the test server with the relay's secret. */
export async function agentToken(name: string, queues = '*', roles = 'agent'): Promise<string> {
  const response = await fetch(`/test-token?name=${encodeURIComponent(name)}&queues=${encodeURIComponent(queues)}&roles=${encodeURIComponent(roles)}`);
  const body = (await response.json()) as { token: string };
  return body.token;
}

export async function until(check: () => boolean, what: string, timeoutMs = 4000): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}


/** A customer on its own connection, as another browser would be. */
export async function customerJoins(queue: string, name: string): Promise<TiskiClient> {
  const client = new TiskiClient({ url: testRelay.ws, role: 'customer', storage: memoryStorage() });
  client.connect();
  await client.send({ type: 'join', queue, name });
  return client;
}

/** An agent on its own connection, signed in to `queues`. */
export async function agentSignedIn(name: string, queues: string[]): Promise<TiskiClient> {
  const client = new TiskiClient({ url: testRelay.ws, role: 'agent', token: await agentToken(name) });
  client.connect();
  await client.send({ type: 'sign-in', queues });
  return client;
}

export function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** Text of a tree including the shadow roots of the elements inside it, as a person reads it. */
export function deepText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof HTMLSlotElement) return node.assignedNodes({ flatten: true }).map(deepText).join(' ');
  const root = node instanceof Element && node.shadowRoot ? node.shadowRoot : node;
  return [...root.childNodes].map(deepText).join(' ');
}

/** A customer on its own connection who joins with a first message, the preview agents see. */
export async function customerJoinsSaying(queue: string, name: string, message: string): Promise<TiskiClient> {
  const client = new TiskiClient({ url: testRelay.ws, role: 'customer', storage: memoryStorage() });
  client.connect();
  await client.send({ type: 'join', queue, name, message });
  return client;
}

/**
 * The customer leaves the line or ends their conversation, then closes: a closed customer would
 * otherwise stay waiting through the relay's grace period and meet the next test.
 */
export async function customerGoes(client: TiskiClient): Promise<void> {
  if (client.status === 'open') {
    await client.send({ type: 'leave' }).catch(() => {});
    for (const c of client.conversations.all()) {
      if (!c.ended) await client.send({ type: 'end', conversation: c.id }).catch(() => {});
    }
  }
  client.close();
}

/** The agent ends what is still going on and signs out, so no offer, alert or conversation outlives the test. */
export async function agentGoes(client: TiskiClient, close = false): Promise<void> {
  if (client.status === 'open') {
    for (const c of client.conversations.all()) {
      if (!c.ended) await client.send({ type: 'end', conversation: c.id }).catch(() => {});
    }
    if (client.signedIn) await client.send({ type: 'sign-out' }).catch(() => {});
  }
  if (close) client.close();
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
