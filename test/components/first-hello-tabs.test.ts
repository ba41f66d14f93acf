import { expect } from '@open-wc/testing';
import { TiskiClient } from '../../components/client/tiski-client.js';
import { customerGoes, testRelay, until } from './relay.js';

/** WebSockets whose frames from the relay arrive `ms` late, as over a real network rather than loopback. */
function withLatency(ms: number): () => void {
  const Real = globalThis.WebSocket;
  class Distant extends Real {
    override addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void {
      if (type !== 'message' || typeof listener !== 'function') return super.addEventListener(type, listener, options);
      super.addEventListener(type, (event) => setTimeout(() => listener.call(this, event), ms), options);
    }
  }
  globalThis.WebSocket = Distant;
  return () => (globalThis.WebSocket = Real);
}

describe('tabs opening the chat at once', () => {
  const clients: TiskiClient[] = [];
  let restore = () => {};
  afterEach(async () => {
    restore();
    for (const client of clients.splice(0)) await customerGoes(client);
  });

  it('become one customer: the first stores its resume token, the others come back with it', async () => {
    restore = withLatency(150);
    // The page's real localStorage, as the site's tabs share it, under an address of this test alone.
    const url = `${testRelay.ws}?tabs=${Math.random().toString(36).slice(2)}`;
    const tabs = [0, 1, 2].map(() => new TiskiClient({ url, role: 'customer' }));
    clients.push(...tabs);
    for (const tab of tabs) tab.connect();
    await until(() => tabs.every((tab) => tab.status === 'open' && tab.self), 'every tab to be welcomed');
    expect(new Set(tabs.map((tab) => tab.self!.id)).size).to.equal(1);
    await tabs[0]!.send({ type: 'join', queue: 'support-en', name: 'Tabitha' });
    await until(() => tabs.every((tab) => tab.waiting?.queue === 'support-en'), 'every tab to show the wait');
    localStorage.removeItem(`tiski:resume:${url}`);
  });
});
