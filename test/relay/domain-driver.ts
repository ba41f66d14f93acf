/**
 * Drives the pure relay domain in tests: commands with fresh ids at a hand-moved time, checked to
 * be acknowledged or refused.
 */
import assert from 'node:assert/strict';
import type { DomainCommand, ServerEvent } from '../../protocol/index.js';
import type { RelayConfig } from '../../relay/config.js';
import type { Effect } from '../../relay/domain/effects.js';
import type { Actor } from '../../relay/domain/model.js';
import { RelayDomain } from '../../relay/domain/relay-domain.js';
import { MemoryRelayStore } from '../../relay/domain/store.js';
import { relayServices } from '../../relay/auth/relay-services.js';

type Command = DomainCommand;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type Input = DistributiveOmit<Command, 'id'>;

export class DomainDriver {
  readonly store: MemoryRelayStore;
  readonly domain: RelayDomain;
  #ids = 0;
  #commands = 0;

  constructor(
    readonly config: RelayConfig,
    /** The relay's clock; every call passes it in. */
    public now: number,
  ) {
    this.store = new MemoryRelayStore(config.queues);
    this.domain = new RelayDomain({ store: this.store, config, newId: () => `id-${++this.#ids}`, services: relayServices() });
  }

  advance(ms: number): this {
    this.now += ms;
    return this;
  }

  run(actor: Actor, command: Input): { id: string; effects: Effect[] } {
    const id = `cmd-${++this.#commands}`;
    return { id, effects: this.domain.handle(actor, { ...command, id } as Command, this.now) };
  }

  /** Runs a command that must succeed; returns the ack and the effects after it. */
  ok(actor: Actor, command: Input): { ack: ServerEvent<'ack'>; effects: Effect[] } {
    const { id, effects } = this.run(actor, command);
    const [first, ...rest] = effects;
    assert.ok(
      first?.kind === 'send' && first.to === actor.id && first.event.type === 'ack' && first.event.id === id,
      `expected an ack for ${command.type}, got ${JSON.stringify(first)}`,
    );
    return { ack: first.event as ServerEvent<'ack'>, effects: rest };
  }

  /** Runs a command that must be refused, changing nothing; returns the error code. */
  refused(actor: Actor, command: Input): string {
    const { id, effects } = this.run(actor, command);
    assert.equal(effects.length, 1, `a refused command has no other effect: ${JSON.stringify(effects)}`);
    const [only] = effects;
    assert.ok(only?.kind === 'send' && only.to === actor.id && only.event.type === 'error' && only.event.id === id, JSON.stringify(only));
    return only.event.type === 'error' ? only.event.code : '';
  }

  tick(): Effect[] {
    return this.domain.tick(this.now);
  }
}
