import type { Actor } from '../domain/model.js';

/** A socket somewhere in the cluster: the relay's id and the socket's number there. */
export type SocketKey = `${string}/${number}`;

export const socketKey = (relay: string, socket: number): SocketKey => `${relay}/${socket}`;
const relayOf = (key: SocketKey) => key.slice(0, key.lastIndexOf('/'));

export type SocketBookSnapshot = Array<[Actor, SocketKey[]]>;

/**
 * Which sockets, on which relays, each participant has open: the in-memory relay asks its
 * SocketRegistry whether a closing socket was someone's last, the leader asks this book, which
 * counts the sockets of every relay. It is part of the shared state (snapshot and journal).
 */
export class SocketBook {
  readonly #byActor = new Map<string, { actor: Actor; sockets: Set<SocketKey> }>();

  add(actor: Actor, key: SocketKey): void {
    let entry = this.#byActor.get(actor.id);
    if (!entry) this.#byActor.set(actor.id, (entry = { actor, sockets: new Set() }));
    entry.sockets.add(key);
  }

  /** True when this was the participant's last socket anywhere. */
  remove(actor: Actor, key: SocketKey): boolean {
    const entry = this.#byActor.get(actor.id);
    if (!entry?.sockets.delete(key)) return false;
    if (entry.sockets.size > 0) return false;
    this.#byActor.delete(actor.id);
    return true;
  }

  /** Forgets the sockets of a relay that is gone; returns the participants that had no other. */
  removeRelay(relay: string): Actor[] {
    const left: Actor[] = [];
    for (const [id, entry] of this.#byActor) {
      for (const key of entry.sockets) if (relayOf(key) === relay) entry.sockets.delete(key);
      if (entry.sockets.size > 0) continue;
      this.#byActor.delete(id);
      left.push(entry.actor);
    }
    return left;
  }

  /** The relays holding sockets now. */
  relays(): Set<string> {
    const relays = new Set<string>();
    for (const entry of this.#byActor.values()) for (const key of entry.sockets) relays.add(relayOf(key));
    return relays;
  }

  snapshot(): SocketBookSnapshot {
    return [...this.#byActor.values()].map(({ actor, sockets }) => [actor, [...sockets]]);
  }

  restore(snapshot: SocketBookSnapshot): void {
    this.#byActor.clear();
    for (const [actor, sockets] of snapshot) this.#byActor.set(actor.id, { actor, sockets: new Set(sockets) });
  }
}
