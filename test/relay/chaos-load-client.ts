/**
 * A lean client for thousands of connections in one process: it says hello (resume or agent
 * token, and on a return the epoch and the last seq held of each conversation), sends a few
 * commands, and keeps only what a resume needs — identity, epoch, last seq per conversation —
 * and what went wrong. It keeps no messages, so its memory stays the same from round to round.
 */
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type CommandInput, type ServerMessage } from '../../protocol/index.js';

type Reply = Extract<ServerMessage, { type: 'ack' | 'error' }>;

export class LoadClient {
  id: string | undefined;
  resumeToken: string | undefined;
  /** Histories that came back resumed, and those that came back whole though named. */
  recovered = 0;
  notRecovered = 0;
  readonly problems: string[] = [];
  /** Messages received by type since the last connect (or since cleared). */
  readonly received = new Map<string, number>();
  readonly #seqs = new Map<string, number>();
  #epoch: string | undefined;
  #ws: WebSocket | undefined;
  #named = new Map<string, number>();
  #nextId = 0;
  readonly #pending = new Map<string, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();

  constructor(
    readonly url: string,
    readonly role: 'customer' | 'agent',
    readonly token?: string,
  ) {}

  /** Conversations this client holds. */
  get conversations(): number {
    return this.#seqs.size;
  }

  /** Opens a connection and says hello; resolves once the hello is answered. */
  async connect(): Promise<void> {
    const ws = new WebSocket(this.url);
    this.#ws = ws;
    this.received.clear();
    ws.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('close', () => reject(new Error('closed before it opened')));
    });
    ws.on('message', (data) => this.#receive(JSON.parse(data.toString()) as ServerMessage));
    ws.on('close', () => {
      for (const { reject } of this.#pending.values()) reject(new Error('the connection closed before the answer'));
      this.#pending.clear();
    });
    this.#named = this.#epoch ? new Map(this.#seqs) : new Map();
    const streams = [...this.#named].map(([conversation, after]) => ({ conversation, after }));
    const reply = await this.command({
      type: 'hello',
      v: PROTOCOL_VERSION,
      role: this.role,
      ...(this.token ? { token: this.token } : {}),
      ...(this.resumeToken ? { resume: this.resumeToken } : {}),
      ...(this.#epoch ? { epoch: this.#epoch, streams } : {}),
    });
    if (reply.type !== 'ack') throw new Error(`hello was refused: ${reply.code}`);
  }

  command(input: CommandInput): Promise<Reply> {
    const id = `c${++this.#nextId}`;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#ws!.send(JSON.stringify({ ...input, id }));
    });
  }

  terminate(): void {
    this.#ws?.terminate();
  }

  #receive(message: ServerMessage): void {
    this.received.set(message.type, (this.received.get(message.type) ?? 0) + 1);
    switch (message.type) {
      case 'ack':
      case 'error': {
        const pending = message.id === undefined ? undefined : this.#pending.get(message.id);
        if (pending) {
          this.#pending.delete(message.id!);
          pending.resolve(message);
        } else if (message.type === 'error') this.#problem(`an error answering nothing: ${message.code}`);
        return;
      }
      case 'welcome':
        if (this.id !== undefined && message.self.id !== this.id) this.#problem(`welcomed as ${message.self.id}, not ${this.id}`);
        if (this.resumeToken !== undefined && message.resumeToken !== this.resumeToken) this.#problem('a new resume token');
        this.id = message.self.id;
        this.resumeToken = message.resumeToken;
        this.#epoch = message.epoch;
        return;
      case 'history': {
        const held = this.#named.get(message.conversation);
        this.#named.delete(message.conversation);
        if (message.recovered === true) {
          this.recovered++;
          const first = message.events[0]?.seq;
          if (first !== undefined && first !== held! + 1) this.#problem(`resumed ${message.conversation} at ${first}, holding ${held}`);
        } else if (held !== undefined) this.notRecovered++;
        const last = message.events.at(-1)?.seq;
        if (last !== undefined) this.#seqs.set(message.conversation, last);
        else if (!this.#seqs.has(message.conversation)) this.#seqs.set(message.conversation, held ?? 0);
        return;
      }
      default:
        if ('seq' in message && 'conversation' in message) {
          const last = this.#seqs.get(message.conversation) ?? 0;
          if (message.seq !== last + 1) this.#problem(`seq ${message.seq} of ${message.conversation} after ${last}`);
          this.#seqs.set(message.conversation, message.seq);
        }
    }
  }

  #problem(text: string): void {
    if (this.problems.length < 5) this.problems.push(`${this.role} ${this.id}: ${text}`);
  }
}
