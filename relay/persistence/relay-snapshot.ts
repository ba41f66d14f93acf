import { z } from 'zod';
import type { IdentityTokenUse } from '../auth/identity.js';
import type { CommandRepliesSnapshot } from '../domain/command-replies.js';
import type { StoreSnapshot } from '../domain/store.js';
import { CommandRepliesSchema, IdentityTokensSchema, MadeSecretsSchema, StoreSnapshotSchema } from './snapshot-schema.js';

/** The snapshot format; a file of another version is not read (the relay starts afresh). */
export const snapshotVersion = 1;

/** Secrets the relay made at its first start because the config named none. */
export type MadeSecrets = z.infer<typeof MadeSecretsSchema>;

/** Everything a planned restart carries over to the next run of the relay. */
export interface RelaySnapshot {
  /** The run's epoch (R2): the next run goes on under it, so clients resume. */
  epoch: string;
  /** On the relay's clock. */
  savedAt: number;
  /** The queues the config file named then; the others were added through the admin API. */
  configuredQueues: string[];
  store: StoreSnapshot;
  replies: CommandRepliesSnapshot;
  identityTokens: Array<[string, IdentityTokenUse]>;
  secrets: MadeSecrets;
}

const SnapshotSchema = z.object({
  version: z.literal(snapshotVersion),
  epoch: z.string().min(1),
  savedAt: z.number().finite(),
  configuredQueues: z.array(z.string()),
  store: StoreSnapshotSchema,
  replies: CommandRepliesSchema,
  identityTokens: IdentityTokensSchema,
  secrets: MadeSecretsSchema,
});

/** JSON has no Map or Set: a Map is written as its entries, a Set as its members; the schema rebuilds them. */
const plain = (_key: string, value: unknown): unknown => (value instanceof Map || value instanceof Set ? [...value] : value);

export function encodeSnapshot(snapshot: RelaySnapshot): string {
  return JSON.stringify({ version: snapshotVersion, ...snapshot }, plain);
}

/**
 * The same snapshot as `encodeSnapshot`, in pieces — each conversation, customer, agent… and each
 * participant's remembered replies on its own — for a caller that must not hold the event loop
 * while a large state is encoded (it takes the pieces a few at a time). Joined, they decode to
 * the same snapshot.
 */
export function* encodeSnapshotPieces(snapshot: RelaySnapshot): Generator<string> {
  const { store, ...rest } = snapshot;
  const one = (value: unknown) => JSON.stringify(value, plain) ?? 'null';
  function* fields(record: Record<string, unknown>): Generator<string> {
    let first = true;
    for (const [key, value] of Object.entries(record)) {
      yield `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      if (!Array.isArray(value)) {
        yield one(value);
        continue;
      }
      yield '[';
      for (let i = 0; i < value.length; i++) yield `${i ? ',' : ''}${one(value[i])}`;
      yield ']';
    }
  }
  yield '{';
  yield* fields({ version: snapshotVersion, ...rest });
  yield ',"store":{';
  yield* fields({ ...store });
  yield '}}';
}

export type DecodedSnapshot = { ok: true; snapshot: RelaySnapshot } | { ok: false; reason: string };

/** Reads a snapshot back; any other version, or anything that does not fit, is refused with the reason. */
export function decodeSnapshot(text: string): DecodedSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (version !== snapshotVersion) return { ok: false, reason: `it is of format version ${JSON.stringify(version)}, this relay reads ${snapshotVersion}` };
  const parsed = SnapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'does not fit'}` };
  }
  const { version: _, ...snapshot } = parsed.data;
  return { ok: true, snapshot };
}
