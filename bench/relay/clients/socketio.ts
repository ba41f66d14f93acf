/**
 * Socket.IO clients (socket.io-client, WebSocket transport only, no reconnection): `join` with an
 * acknowledgement puts the socket in the conversation's room; `send` and `message` carry
 * `{ conversation, id, text }`.
 */
import { io, type Socket } from 'socket.io-client';
import { inParallel, type Adapter, type Endpoint, type OnMessage, type OpenConversation, type Side } from './types.js';

export function socketIoAdapter(url: string): Adapter {
  const sockets = new Set<Socket>();
  const errors = new Map<string, number>();
  const frames = { count: 0 };

  function connect(side: Side, onMessage: OnMessage): Promise<Endpoint & { join(conversation: string): Promise<void> }> {
    return new Promise((resolve, reject) => {
      const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 20_000 });
      sockets.add(socket);
      socket.on('message', (message: { id: string }) => {
        frames.count++;
        onMessage(side, message.id);
      });
      socket.on('disconnect', (reason) => errors.set(`disconnect: ${reason}`, (errors.get(`disconnect: ${reason}`) ?? 0) + 1));
      socket.once('connect_error', reject);
      socket.once('connect', () =>
        resolve({
          join: (conversation) => new Promise<void>((joined) => socket.emit('join', conversation, () => joined())),
          send: (conversation, id, text) => socket.emit('send', { conversation, id, text }),
        }),
      );
    });
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
      for (const socket of sockets) {
        socket.removeAllListeners('disconnect');
        socket.disconnect();
      }
      sockets.clear();
    },
  };
}
