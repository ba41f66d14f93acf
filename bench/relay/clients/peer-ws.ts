/**
 * The peers' minimal wire protocol, spoken by the plain `ws` and bare uWS servers:
 * `{"type":"join","conversation":…}` (answered `{"type":"joined"}`), then
 * `{"type":"send","conversation":…,"id":…,"text":…}` forwarded as is to the other side.
 */
import type WebSocket from 'ws';
import { inParallel, stringField, type Adapter, type Endpoint, type OnMessage, type OpenConversation, type Side } from './types.js';
import { closeSockets, openSocket } from './ws-socket.js';

const ID_MARKER = '"id":"';

export function peerWsAdapter(url: string): Adapter {
  const sockets = new Set<WebSocket>();
  const errors = new Map<string, number>();
  const frames = { count: 0 };

  async function connect(side: Side, onMessage: OnMessage) {
    const ws = await openSocket(url);
    sockets.add(ws);
    let joined: (() => void) | undefined;
    ws.on('message', (data: Buffer) => {
      frames.count++;
      const text = data.toString();
      if (text === '{"type":"joined"}') return joined?.();
      const id = stringField(text, ID_MARKER);
      if (id !== undefined) onMessage(side, id);
      else errors.set('unexpected-frame', (errors.get('unexpected-frame') ?? 0) + 1);
    });
    const endpoint: Endpoint & { join(conversation: string): Promise<void> } = {
      join: (conversation) =>
        new Promise<void>((resolve) => {
          joined = resolve;
          ws.send(JSON.stringify({ type: 'join', conversation }));
        }),
      send: (conversation, messageId, text) =>
        ws.send(`{"type":"send","conversation":"${conversation}","id":"${messageId}","text":${JSON.stringify(text)}}`),
    };
    return endpoint;
  }

  return {
    errors,
    frames,
    async open(n, perAgent, onMessage) {
      const conversations: OpenConversation[] = new Array(n);
      await inParallel(Math.ceil(n / perAgent), 25, async (group) => {
        const agent = await connect('agent', onMessage);
        for (let index = group * perAgent; index < Math.min(n, (group + 1) * perAgent); index++) {
          const id = `conv-${index}`;
          const customer = await connect('customer', onMessage);
          await customer.join(id);
          await agent.join(id);
          conversations[index] = { id, customer, agent };
        }
      });
      return conversations;
    },
    async openIdle(count) {
      await inParallel(count, 100, async () => {
        await connect('customer', () => {});
      });
    },
    async closeAll() {
      await closeSockets(sockets);
      sockets.clear();
    },
  };
}
