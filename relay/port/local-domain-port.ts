import type { Attachment, DomainCommand } from '../../protocol/index.js';
import { liveFigures } from '../domain/live-figures.js';
import type { Actor } from '../domain/model.js';
import type { RelayDomain, ResumeFrom } from '../domain/relay-domain.js';
import type { RelaySocket, SocketRegistry } from '../transport/socket-registry.js';
import { runAdminOperation, type AdminOperation, type Operator } from './admin-operations.js';
import { agentRemoved, type Connected, type Connecting, type DomainPort } from './domain-port.js';

/** The in-memory relay: the domain lives in this process and answers every request in the same turn. */
export class LocalDomainPort implements DomainPort {
  constructor(
    private readonly domain: RelayDomain,
    private readonly registry: SocketRegistry,
    private readonly clock: () => number,
  ) {}

  connect(ws: RelaySocket, who: Connecting, from: ResumeFrom): Connected {
    const now = this.clock();
    if (who.role === 'agent' && this.domain.isRemoved(who.claims.sub, who.claims.iat)) return agentRemoved;
    const connected = who.role === 'agent' ? this.domain.connectAgent(who.claims, now, from) : this.domain.connectCustomer(who.resume, now, from);
    this.registry.admit(ws, connected.actor, connected.effects);
    return { ok: true };
  }

  handle(_ws: RelaySocket, actor: Actor, command: DomainCommand): void {
    this.registry.apply(this.domain.handle(actor, command, this.clock()));
  }

  disconnect(ws: RelaySocket, actor: Actor): void {
    if (this.registry.detach(actor, ws)) this.registry.apply(this.domain.disconnect(actor, this.clock()));
  }

  admin(operation: AdminOperation, operator: Operator) {
    const { reply, effects } = runAdminOperation(this.domain, this.clock(), operation, operator);
    this.registry.apply(effects);
    return reply;
  }

  mayUpload(who: string, conversation: string) {
    return this.domain.mayUpload(who, conversation, this.clock());
  }

  fileStored(who: string, conversation: string, file: Attachment) {
    return this.domain.fileStored(who, conversation, file, this.clock());
  }

  fileFor(who: string, conversation: string, file: string) {
    return this.domain.fileFor(who, conversation, file, this.clock());
  }

  figures() {
    return this.domain.admin(this.clock(), liveFigures);
  }

  /** Once a second: what the clock decides (relay-domain.ts `tick`). */
  tick(now: number): void {
    this.registry.apply(this.domain.tick(now));
  }
}
