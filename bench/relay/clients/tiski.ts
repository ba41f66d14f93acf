/**
 * The Tiski wire protocol (protocol/): hello, join, sign-in, pick, then `send` commands and
 * `message` events. Customers and agents are real protocol clients; agents use signed tokens.
 */
import type WebSocket from 'ws';
import { PROTOCOL_VERSION, type ServerMessage } from '../../../protocol/index.js';
import { signToken } from '../../../relay/auth/jwt.js';
import { inParallel, stringField, type Adapter, type OnMessage, type OpenConversation, type Side } from './types.js';
import { closeSockets, openSocket } from './ws-socket.js';

const MESSAGE_PREFIX = '{"type":"message","messageId":"';

export interface TiskiOptions {
  /**
   * Relays to connect to: with one, every socket goes there; with several (the shared mode), the
   * agent of each group of conversations goes to one relay and its customers to the next, so every
   * message crosses from one relay to another and the sockets are spread evenly.
   */
  urls: string[];
  secret: string;
  /** Queue ids the relay has; agents are spread over them. */
  queues: string[];
}

/** One protocol connection: commands answered by ack/error, other events to `onEvent`. */
class TiskiSocket {
  readonly #pending = new Map<string, { resolve: (m: ServerMessage) => void; reject: (e: Error) => void }>();
  readonly #waiters: { type: string; resolve: (m: ServerMessage) => void }[] = [];
  #nextId = 0;
  self?: string;

  constructor(
    readonly ws: WebSocket,
    readonly side: Side,
    errors: Map<string, number>,
    onMessage: OnMessage,
    frames: { count: number },
  ) {
    ws.on('message', (data: Buffer) => {
      frames.count++;
      const text = data.toString();
      if (text.startsWith(MESSAGE_PREFIX)) {
        const id = stringField(text, MESSAGE_PREFIX);
        if (id !== undefined) onMessage(side, id);
        return;
      }
      if (text.startsWith('{"type":"ack"') && this.#pending.size === 0) return;
      const message = JSON.parse(text) as ServerMessage;
      if (message.type === 'error') errors.set(message.code, (errors.get(message.code) ?? 0) + 1);
      if (message.type === 'welcome') this.self = message.self.id;
      if ((message.type === 'ack' || message.type === 'error') && message.id !== undefined) {
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.type === 'ack') pending?.resolve(message);
        else pending?.reject(new Error(`${message.code}: ${message.message}`));
      }
      const waiter = this.#waiters.findIndex((w) => w.type === message.type);
      if (waiter >= 0) this.#waiters.splice(waiter, 1)[0]!.resolve(message);
    });
  }

  request(command: Record<string, unknown>): Promise<ServerMessage> {
    const id = `s${this.#nextId++}`;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ ...command, id }));
    });
  }

  /** The next event of this type (registered before the command that causes it). */
  next(type: ServerMessage['type']): Promise<ServerMessage> {
    return new Promise((resolve) => this.#waiters.push({ type, resolve }));
  }

  send(conversation: string, messageId: string, text: string): void {
    this.ws.send(`{"type":"send","id":"${messageId}","conversation":"${conversation}","text":${JSON.stringify(text)}}`);
  }
}

export function tiskiAdapter(options: TiskiOptions): Adapter {
  const sockets = new Set<WebSocket>();
  const errors = new Map<string, number>();
  const frames = { count: 0 };
  const ignore: OnMessage = () => {};

  async function connect(side: Side, onMessage: OnMessage, url: string, token?: string): Promise<TiskiSocket> {
    const ws = await openSocket(url);
    sockets.add(ws);
    const socket = new TiskiSocket(ws, side, errors, onMessage, frames);
    await socket.request({ type: 'hello', v: PROTOCOL_VERSION, role: side, ...(token ? { token } : {}) });
    return socket;
  }

  return {
    errors,
    frames,
    async open(n, perAgent, onMessage) {
      const conversations: OpenConversation[] = new Array(n);
      const groups = Math.ceil(n / perAgent);
      const now = Math.floor(Date.now() / 1000);
      await inParallel(groups, 25, async (group) => {
        const queue = options.queues[group % options.queues.length]!;
        const token = signToken({ sub: `bench-agent-${group}`, name: `Agent ${group}`, roles: ['agent'], queues: ['*'], maxConversations: 50 }, options.secret, now);
        const relays = options.urls;
        const agent = await connect('agent', onMessage, relays[group % relays.length]!, token);
        await agent.request({ type: 'sign-in', queues: [queue] });
        for (let index = group * perAgent; index < Math.min(n, (group + 1) * perAgent); index++) {
          const customer = await connect('customer', onMessage, relays[(group + 1) % relays.length]!);
          await customer.request({ type: 'join', queue, name: `Customer ${index}` });
          const started = customer.next('conversation-started');
          const ack = await agent.request({ type: 'pick', queue, customer: customer.self });
          await started;
          if (ack.type !== 'ack' || !ack.conversation) throw new Error('pick was not acknowledged with a conversation');
          conversations[index] = { id: ack.conversation, customer, agent };
        }
      });
      return conversations;
    },
    async openIdle(count) {
      await inParallel(count, 100, async () => {
        await connect('customer', ignore, options.urls[0]!);
      });
    },
    async closeAll() {
      await closeSockets(sockets);
      sockets.clear();
    },
  };
}
