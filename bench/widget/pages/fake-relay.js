// A relay inside the page: replaces WebSocket before the agent bundle loads, answers hello like
// the relay does (welcome, agent-state, ack), and lets the benchmark deliver any server event.
// Everything after the socket — TiskiClient, the elements, Lit — is the real, built code.
(() => {
  const relay = (window.fakeRelay = { socket: undefined, queues: [], servedQueues: [] });

  class FakeRelaySocket extends EventTarget {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSING = 2;
    static CLOSED = 3;
    readyState = 0;

    constructor(url) {
      super();
      this.url = url;
      relay.socket = this;
      setTimeout(() => {
        this.readyState = 1;
        this.dispatchEvent(new Event('open'));
      });
    }

    send(data) {
      const command = JSON.parse(data);
      if (command.type !== 'hello') return this.deliver({ type: 'ack', id: command.id });
      const self = { id: 'agent:bench', name: 'Bench Agent', role: 'agent' };
      this.deliver({ type: 'welcome', v: 1, self, serverTime: Date.now(), queues: relay.queues, allowedQueues: relay.queues.map((q) => q.id) });
      this.deliver({ type: 'agent-state', signedIn: true, presence: 'available', queues: relay.servedQueues, capacity: 50, operator: false });
      this.deliver({ type: 'ack', id: command.id });
    }

    close() {
      this.readyState = 3;
    }

    /** One server event, as a text frame. */
    deliver(event) {
      this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(event) }));
    }
  }

  window.WebSocket = FakeRelaySocket;
})();
