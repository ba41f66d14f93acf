import type { Effect } from '../domain/effects.js';
import type { Actor } from '../domain/model.js';
import type { TemplatedApp, WebSocket } from './native-uws.js';
import type { SocketData } from './socket-data.js';
import type { WebhookSender } from '../webhooks/webhook-sender.js';
import type { FileStore } from '../files/file-store.js';

/** Where effects that do not go to sockets end up. */
export interface EffectSinks {
  webhooks: Pick<WebhookSender, 'send'>;
  files: Pick<FileStore, 'removeConversation'>;
}

/**
 * What the relay keeps per socket: the transport's SocketData, and the socket's number on this
 * relay, by which the shared mode names it to the leader (relay id + number).
 */
export interface RelaySocketData extends SocketData {
  socketId: number;
  /** Frames that arrived while the socket's hello was still being answered, handled in order after it. */
  awaitingHello?: string[];
}

export type RelaySocket = WebSocket<RelaySocketData>;

/**
 * Sends addressed to `holder` go to `ws` alone: the welcome and replay of a tab that just said
 * hello. Without `ws` (the tab is on another relay, or already closed) they go nowhere here.
 */
export interface NewSocket {
  holder: string;
  ws?: RelaySocket | undefined;
}

/** Participants ↔ sockets, and the carrier of domain effects to them. */
export class SocketRegistry {
  readonly #sockets = new Map<string, Set<RelaySocket>>();
  /** Chat messages carried since start: each goes once to its conversation's agents' topic (in the shared mode, counted by the relay that led when it was decided). */
  messagesRelayed = 0;
  /** Set by `closeAll`: the relay is stopping, and a socket saying hello now is closed at once. */
  #closing?: { code: number; reason: string };

  constructor(
    private readonly app: TemplatedApp,
    private readonly sinks: EffectSinks,
  ) {}

  #nextSocketId = 1;

  /** A number for a new socket, unique on this relay while it runs. */
  newSocketId(): number {
    return this.#nextSocketId++;
  }

  /**
   * A socket's hello was answered: it now speaks for `actor`, and gets what connecting produced.
   * A customer's other tabs have their welcome and history already: theirs go to this socket
   * alone. An agent's other tabs hear of queues a newer token took away.
   */
  admit(ws: RelaySocket, actor: Actor, effects: readonly Effect[], sinks = true): void {
    ws.getUserData().actor = actor;
    this.attach(actor, ws);
    this.apply(effects, actor.role === 'customer' ? { holder: actor.id, ws } : undefined, sinks);
  }

  attach(actor: Actor, ws: RelaySocket): void {
    if (this.#closing) return ws.end(this.#closing.code, this.#closing.reason);
    let sockets = this.#sockets.get(actor.id);
    if (!sockets) this.#sockets.set(actor.id, (sockets = new Set()));
    sockets.add(ws);
  }

  /** Returns true when this was the participant's last socket. */
  detach(actor: Actor, ws: RelaySocket): boolean {
    const sockets = this.#sockets.get(actor.id);
    if (!sockets) return false;
    sockets.delete(ws);
    if (sockets.size > 0) return false;
    this.#sockets.delete(actor.id);
    return true;
  }

  /** Ends the sessions whose agent token expired, telling them why: they sign in again with a new one. */
  endExpired(now: number): void {
    for (const sockets of this.#sockets.values()) {
      for (const ws of [...sockets]) {
        const { expiresAt } = ws.getUserData();
        if (expiresAt === undefined || expiresAt > now) continue;
        sendOrDrop(ws, JSON.stringify({ type: 'error', code: 'token-expired', message: 'your sign-in token expired: sign in again with a new one' }));
        ws.end(closeCodes.tokenExpired, 'token expired');
      }
    }
  }

  /** Closes every socket, and any that says hello from now on. */
  closeAll(code: number, reason: string): void {
    this.#closing = { code, reason };
    this.dropAll(code, reason);
  }

  /** Closes every socket that said hello; new ones are welcome. Their clients come back and resume. */
  dropAll(code: number, reason: string): void {
    for (const sockets of [...this.#sockets.values()]) for (const ws of [...sockets]) ws.end(code, reason);
  }

  /** Open sockets by the role of who holds them; agents' ids carry the `agent:` prefix. */
  connectionsByRole(): { customer: number; agent: number } {
    const counts = { customer: 0, agent: 0 };
    for (const [id, sockets] of this.#sockets) counts[id.startsWith('agent:') ? 'agent' : 'customer'] += sockets.size;
    return counts;
  }

  get connections(): number {
    let count = 0;
    for (const sockets of this.#sockets.values()) count += sockets.size;
    return count;
  }

  /**
   * Carries effects. With `newSocket`, what goes to its holder goes to that socket alone: the
   * welcome and replay of a second tab are not the first tab's business. Webhooks and file
   * removals run only with `sinks` (in the shared mode, on the relay that decided the effects).
   */
  apply(effects: readonly Effect[], newSocket?: NewSocket, sinks = true): void {
    const socketsOf = (who: string): Iterable<RelaySocket> => (newSocket?.holder === who ? (newSocket.ws ? [newSocket.ws] : []) : (this.#sockets.get(who) ?? []));
    for (const effect of effects) {
      switch (effect.kind) {
        case 'send': {
          const json = JSON.stringify(effect.event);
          for (const ws of socketsOf(effect.to)) sendOrDrop(ws, json);
          break;
        }
        case 'publish':
          if (sinks && effect.event.type === 'message' && effect.topic.startsWith('agents:')) this.messagesRelayed++;
          this.app.publish(effect.topic, JSON.stringify(effect.event));
          break;
        case 'subscribe':
          for (const ws of socketsOf(effect.who)) ws.subscribe(effect.topic);
          break;
        case 'unsubscribe':
          for (const ws of socketsOf(effect.who)) ws.unsubscribe(effect.topic);
          break;
        case 'webhook':
          if (sinks) this.sinks.webhooks.send(effect.event, effect.payload);
          break;
        case 'disconnect':
          for (const ws of [...(this.#sockets.get(effect.who) ?? [])]) ws.end(closeCodes.removed, effect.reason);
          break;
        case 'remove-files':
          if (!sinks) break;
          this.sinks.files.removeConversation(effect.conversation).catch((error: Error) => {
            console.error(`tiski relay: removing the files of conversation ${effect.conversation} failed: ${error.message}`);
          });
          break;
      }
    }
  }
}

/**
 * uWS reports 2 when a message was dropped for backpressure. A client that misses a message
 * must not carry on with a gap, so it is disconnected and resumes from its last `seq`.
 */
export function sendOrDrop(ws: WebSocket<SocketData>, json: string): void {
  if (ws.getUserData().closed) return;
  if (ws.send(json) === 2) ws.end(closeCodes.slowConsumer, 'too slow, reconnect and resume');
}

export const closeCodes = {
  versionMismatch: 4400,
  slowConsumer: 4408,
  /** The relay is restarting: reconnect (WebSocket's own "service restart"). */
  shutdown: 1012,
  removed: 4403,
  tokenExpired: 4401,
  tooManyConnections: 4429,
} as const;
