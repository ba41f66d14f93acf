import type { MemoryRelayStore } from './domain/store.js';
import type { FileStore } from './files/file-store.js';
import type { DomainPort } from './port/domain-port.js';
import type { SocketRegistry } from './transport/socket-registry.js';

/** The secrets tokens are signed with: from the config, else made by the relay (development mode). */
export interface RelaySecrets {
  agents: string;
  identities?: string | undefined;
  files: string;
}

/**
 * Where the relay's state lives and how its transports reach it: in this process
 * (local-state.ts), or shared by several relays through Redis (cluster/shared-state.ts).
 */
export interface RelayBackend {
  domain: DomainPort;
  registry: SocketRegistry;
  files: FileStore;
  secrets: RelaySecrets;
  epoch: string;
  /** Whether this run carries on a state kept before it started. */
  restored: boolean;
  /** In the shared mode: this relay's id among those sharing the state. */
  sharedAs?: string;
  /** The in-memory store (in the shared mode: the leader's while this relay leads, else an empty one), for tests and benchmarks. */
  store(): MemoryRelayStore;
  /** Once a second. */
  tick(now: number): void;
  /** A planned stop, once the sockets are closed: keeps what the next start needs; answers what it did. */
  save(): Promise<string>;
  /** Stops at once and keeps nothing more. */
  close(): void;
}
