// The agent elements fed through the in-page relay (fake-relay.js): `?show=bar`, `session` or
// `both` picks the elements on the page. window.bench measures, from script to style and layout
// done (forced), how long the elements take to take in server events.
(() => {
  // Counts the Intl.DateTimeFormat objects the elements create (a formatter per call is costly).
  let formatters = 0;
  Intl.DateTimeFormat = new Proxy(Intl.DateTimeFormat, {
    construct(target, args) {
      formatters++;
      return new target(...args);
    },
    apply(target, self, args) {
      formatters++;
      return target(...args);
    },
  });

  const show = new URLSearchParams(location.search).get('show') ?? 'both';
  const queueCount = Number(new URLSearchParams(location.search).get('queues') ?? 200);
  const relay = window.fakeRelay;
  const now = Date.now();
  const queueInfo = (i) => ({ id: `q${i}`, name: `Queue ${i}`, lang: 'en', maskPii: false, wrapUpReasons: [] });
  relay.queues = Array.from({ length: Math.max(1, queueCount) }, (_, i) => queueInfo(i));
  relay.servedQueues = show === 'session' ? [] : relay.queues.map((q) => q.id);

  const customer = { id: 'cust-1', name: 'Olivia Customer', role: 'customer' };
  const agent = { id: 'agent:bench', name: 'Bench Agent', role: 'agent' };
  const text = (n) => `Message ${n}: my invoice for March looks higher than usual, could you check it please?`;

  function snapshot(i, waiting) {
    return {
      ...queueInfo(i),
      open: true,
      routing: 'pick',
      alertAfterSeconds: 0,
      waiting: Array.from({ length: waiting }, (_, k) => ({
        id: `c${i}-${k}`,
        name: `Customer ${i}-${k}`,
        joinedAt: now - (waiting - k) * 20_000,
        media: 'text',
        preview: 'My invoice for March looks higher than usual',
      })),
      agents: [agent, ...[1, 2, 3, 4].map((a) => ({ id: `agent:${a}`, name: `Agent ${a}`, role: 'agent' }))].map(({ id, name }) => ({
        id,
        name,
        presence: 'available',
        conversations: 0,
      })),
    };
  }

  const message = (seq) => ({
    type: 'message',
    conversation: 'conv-1',
    seq,
    at: now + seq,
    messageId: `m${seq}`,
    author: seq % 2 ? agent : customer,
    text: text(seq),
  });

  const elements = () => {
    const session = document.querySelector('chat-session');
    return [document.querySelector('agent-queue-bar'), session, session?.shadowRoot?.querySelector('chat-message-list')].filter(Boolean);
  };

  /** Waits until no element has an update pending, then forces style and layout. */
  async function settle() {
    for (let round = 0; round < 20 && elements().some((e) => e.isUpdatePending); round++) await Promise.all(elements().map((e) => e.updateComplete));
    void document.body.offsetHeight;
  }

  async function timed(action) {
    const started = performance.now();
    action();
    await settle();
    return performance.now() - started;
  }

  window.bench = {
    async ready() {
      await customElements.whenDefined('chat-connection');
      const desk = document.querySelector('.desk');
      if (show !== 'session') desk.append(document.createElement('agent-queue-bar'));
      if (show !== 'bar') desk.append(document.createElement('chat-session'));
      const connection = document.querySelector('chat-connection');
      while (connection.client?.status !== 'open') await new Promise((r) => setTimeout(r, 10));
      await settle();
    },
    /** All queues with `waiting` customers each; then `updates` single-queue changes (one more, one fewer waiting), `ticks` clock re-renders. */
    async queueBar(waiting, updates, ticks) {
      const render = await timed(() => relay.queues.forEach((_, i) => relay.socket.deliver({ type: 'queue', queue: snapshot(i, waiting) })));
      const update = [];
      const formattersBefore = formatters;
      for (let k = 0; k < updates; k++) update.push(await timed(() => relay.socket.deliver({ type: 'queue', queue: snapshot(7, waiting + ((k + 1) % 2)) })));
      const formattersPerUpdate = (formatters - formattersBefore) / Math.max(1, updates);
      const bar = document.querySelector('agent-queue-bar');
      const tick = [];
      for (let k = 0; k < ticks; k++) tick.push(await timed(() => bar.requestUpdate()));
      const shown = bar.shadowRoot.querySelectorAll('[part~=waiting-list] > li').length;
      return { render, update, tick, shown, formattersPerUpdate };
    },
    /** One conversation with `count` messages (one history event); then `updates` new messages, `ticks` clock re-renders. */
    async session(count, updates, ticks) {
      const started = {
        type: 'conversation-started', conversation: 'conv-1', seq: 1, at: now, queue: 'q0', customer, agent, joinedAt: now - 60_000,
      };
      const events = [started, ...Array.from({ length: count }, (_, i) => message(i + 2))];
      const render = await timed(() => relay.socket.deliver({ type: 'history', conversation: 'conv-1', events }));
      let seq = count + 1;
      const update = [];
      for (let k = 0; k < updates; k++) update.push(await timed(() => relay.socket.deliver(message(++seq))));
      const session = document.querySelector('chat-session');
      const tick = [];
      for (let k = 0; k < ticks; k++) tick.push(await timed(() => session.requestUpdate()));
      // An agent scrolls up to read; the per-second clock re-render must leave the list where it is.
      const list = session.shadowRoot.querySelector('chat-message-list');
      list.scrollTop = 0;
      await timed(() => session.requestUpdate());
      const shown = list.shadowRoot.querySelectorAll('li[data-seq]').length;
      return { render, update, tick, shown, scrollTopAfterClockTick: list.scrollTop };
    },
  };
})();

// Formatting n clock times: a new Intl.DateTimeFormat per call against one formatter reused.
window.bench.intl = (n) => {
  const options = { hour: '2-digit', minute: '2-digit' };
  let started = performance.now();
  for (let i = 0; i < n; i++) new Intl.DateTimeFormat('en', options).format(Date.now() - i * 1000);
  const fresh = performance.now() - started;
  const formatter = new Intl.DateTimeFormat('en', options);
  started = performance.now();
  for (let i = 0; i < n; i++) formatter.format(Date.now() - i * 1000);
  return { fresh, reused: performance.now() - started };
};
