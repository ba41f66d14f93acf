/**
 * What each socket would receive from the domain's effects, carried the way the transport carries
 * them (relay/transport/socket-registry.ts): sends go to every socket of their addressee, or to a
 * new tab alone while it says hello; publishes go to the sockets subscribed to the topic.
 *
 * Every conversation event a socket receives is checked against what it already holds of that
 * conversation: seqs only go up, and on a stream the socket is subscribed to they go up by one.
 */
import type { ConversationEvent, ServerMessage } from '../../protocol/index.js';
import { isConversationEvent } from '../../protocol/conversation-event-types.js';
import { agentsTopic, customerTopic, type Effect, type Topic } from '../../relay/domain/effects.js';

export interface ViewSocket {
  id: number;
  holder: string;
  topics: Set<Topic>;
  /** The last seq this socket holds of each conversation. */
  held: Map<string, number>;
}

export class ClientView {
  readonly #sockets = new Map<number, ViewSocket>();
  #nextId = 0;
  /** What went wrong, for the current step; the caller empties it. */
  readonly breaks: string[] = [];
  open(holder: string): ViewSocket {
    const socket: ViewSocket = { id: ++this.#nextId, holder, topics: new Set(), held: new Map() };
    this.#sockets.set(socket.id, socket);
    return socket;
  }

  /** Returns true when it was the holder's last socket. */
  close(socket: ViewSocket): boolean {
    this.#sockets.delete(socket.id);
    return this.socketsOf(socket.holder).length === 0;
  }

  socketsOf(holder: string): ViewSocket[] {
    return [...this.#sockets.values()].filter((s) => s.holder === holder);
  }

  get sockets(): IterableIterator<ViewSocket> {
    return this.#sockets.values();
  }

  apply(effects: readonly Effect[], newSocket?: ViewSocket): void {
    const socketsOf = (who: string) => (newSocket?.holder === who ? [newSocket] : this.socketsOf(who));
    for (const effect of effects) {
      switch (effect.kind) {
        case 'send':
          for (const socket of socketsOf(effect.to)) this.#receive(socket, effect.event);
          break;
        case 'publish':
          for (const socket of this.#sockets.values()) if (socket.topics.has(effect.topic)) this.#receive(socket, effect.event);
          break;
        case 'subscribe':
          for (const socket of socketsOf(effect.who)) socket.topics.add(effect.topic);
          break;
        case 'unsubscribe':
          for (const socket of socketsOf(effect.who)) socket.topics.delete(effect.topic);
          break;
        default:
          break;
      }
    }
  }

  /** The topic carrying `conversation` to this socket's holder; agents' ids carry the `agent:` prefix. */
  topicOf(socket: ViewSocket, conversation: string): Topic {
    return socket.holder.startsWith('agent:') ? agentsTopic(conversation) : customerTopic(conversation);
  }

  #receive(socket: ViewSocket, event: ServerMessage): void {
    if (event.type === 'history') return this.#history(socket, event.conversation, event.events, event.recovered === true);
    if (!isConversationEvent(event)) return;
    const held = socket.held.get(event.conversation) ?? 0;
    const following = socket.topics.has(this.topicOf(socket, event.conversation));
    if (following ? event.seq !== held + 1 : event.seq <= held) {
      this.breaks.push(
        `socket ${socket.id} of ${socket.holder} held seq ${held} of ${event.conversation} and got ${event.seq} (${event.type}) ${following ? 'on its stream' : 'directly'}`,
      );
    }
    socket.held.set(event.conversation, Math.max(held, event.seq));
  }

  #history(socket: ViewSocket, conversation: string, events: readonly ConversationEvent[], recovered: boolean): void {
    const held = socket.held.get(conversation) ?? 0;
    const from = recovered ? held + 1 : 1;
    if (events.some((e, i) => e.seq !== from + i || e.conversation !== conversation)) {
      this.breaks.push(`socket ${socket.id} of ${socket.holder} got a history of ${conversation} that does not run ${from}.. without gaps: ${events.map((e) => e.seq)}`);
    }
    socket.held.set(conversation, recovered ? held + events.length : events.length);
  }
}
