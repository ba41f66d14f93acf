import type { ErrorCode } from '../../protocol/index.js';
import type { RelayConfig } from '../config.js';
import type { Effect } from './effects.js';
import type { Actor } from './model.js';
import type { DomainServices } from './services.js';
import type { RelayStore } from './store.js';

/** The settings of the relay that its rules read. */
export type DomainConfig = Pick<RelayConfig, 'customerGraceSeconds' | 'agentGraceSeconds' | 'requestTimeoutSeconds' | 'recentMinutes'> &
  Partial<Pick<RelayConfig, 'attachments' | 'iceServers' | 'callConnectSeconds' | 'invitations' | 'resumeSeconds'>>;

export interface DomainContext {
  store: RelayStore;
  config: DomainConfig;
  /** Milliseconds on the relay's clock, passed in with every call. */
  now: number;
  newId: () => string;
  services: DomainServices;
}

export interface HandlerContext extends DomainContext {
  actor: Actor;
}

export type Outcome =
  | { ok: true; effects: Effect[]; conversation?: string; request?: string }
  | { ok: false; code: ErrorCode; message: string };

export const done = (effects: Effect[] = [], conversation?: string, request?: string): Outcome => ({
  ok: true,
  effects,
  ...(conversation === undefined ? {} : { conversation }),
  ...(request === undefined ? {} : { request }),
});

export const refuse = (code: ErrorCode, message: string): Outcome => ({ ok: false, code, message });

/** What an operator's request (C14, Q5) comes to: effects and a body, or an HTTP status with its reason. */
export type AdminResult = { ok: true; effects: Effect[]; body?: unknown } | { ok: false; status: 404 | 409; message: string };
