/** What the load generator needs from a server's client side, whatever its wire protocol. */

export type Side = 'customer' | 'agent';

export interface Endpoint {
  /** Sends one chat message of `conversation` with a unique id. */
  send(conversation: string, messageId: string, text: string): void;
}

export interface OpenConversation {
  /** The conversation id on the wire. */
  id: string;
  customer: Endpoint;
  agent: Endpoint;
}

/** Called for every chat message a socket receives from the other side of a conversation. */
export type OnMessage = (receiver: Side, messageId: string) => void;

export interface Adapter {
  /** Opens `n` conversations: one customer socket each, one agent socket per `perAgent` conversations. */
  open(n: number, perAgent: number, onMessage: OnMessage): Promise<OpenConversation[]>;
  /** Opens `count` customer connections that only connect (and, for Tiski, say hello). */
  openIdle(count: number): Promise<void>;
  /** Error events from the server, by code. */
  readonly errors: Map<string, number>;
  /** Frames (events) the sockets received, of every kind. */
  readonly frames: { count: number };
  closeAll(): Promise<void>;
}

/** Runs `task` for 0…count-1 with at most `limit` running at once. */
export async function inParallel(count: number, limit: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/** The value of `"key":"…"` in a JSON text, without parsing it all (ids hold no quotes). */
export function stringField(json: string, marker: string): string | undefined {
  const start = json.indexOf(marker);
  if (start < 0) return undefined;
  const from = start + marker.length;
  return json.slice(from, json.indexOf('"', from));
}
