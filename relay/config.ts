import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CannedResponse, ConfiguredInvitation, limits, QueueId, Routing, SurveyField } from '../protocol/index.js';
import { demoConfig } from './demo-config.js';
import { isValidIanaZone, Schedule } from './domain/schedule.js';

export const QueueConfig = z.object({
  id: QueueId,
  name: z.string().min(1).max(80),
  /** BCP 47 language of the queue's customers; agents see it beside the name. */
  lang: z.string().min(2).max(35).default('en'),
  open: z.boolean().default(true),
  /** Agents' elements mask personal and payment data of this queue's customers (P1, P2). */
  maskPii: z.boolean().default(false),
  /** The relay masks customers' text and names before storing or forwarding anything: raw values never leave it. */
  redactPii: z.boolean().default(false),
  /** `pick`: agents take customers; `offer`: the relay offers each customer to the agent idle longest (Q6). */
  routing: Routing.default('pick'),
  /** Seconds an agent has to accept an offer before it goes to the next agent and they turn no-answer. */
  offerTimeoutSeconds: z.number().int().min(5).max(600).default(30),
  /** Conversations at once per agent, unless the agent's token says otherwise. */
  maxConversationsPerAgent: z.number().int().min(1).max(50).default(3),
  /** Seconds a customer may wait before available agents are alerted (Q7); 0 turns alerts off. */
  alertAfterSeconds: z.number().int().min(0).max(86_400).default(120),
  /** Opening hours: the relay opens and closes the queue on time; operators may override until the next change. */
  schedule: Schedule.optional(),
  /** IANA time zone whose hours and days the statistics follow (Q5); else the schedule's, else UTC. */
  timeZone: z.string().refine(isValidIanaZone, 'an IANA time zone such as Europe/Helsinki').optional(),
  /** Reasons an agent chooses from when wrapping up (C12); empty allows any reason or none. */
  wrapUpReasons: z.array(z.string().trim().min(1).max(80)).max(200).default([]),
  /** Customers may start a video chat in this queue (V3); agents may switch any chat to video (V1). */
  video: z.boolean().default(false),
  /** Texts agents insert with a few keys (C5), filtered by title. */
  cannedResponses: z.array(CannedResponse).max(limits.cannedResponses).default([]),
  /** Minutes after the end a customer may go back to the chat, which reactivates it (W5); 0 turns it off. */
  returnMinutes: z.number().int().min(0).max(24 * 60).default(0),
  /** Questions the widget asks before the customer joins (W1); answers are checked here too and shown to agents. */
  survey: z
    .array(SurveyField)
    .max(limits.surveyFields)
    .default([])
    .refine((fields) => new Set(fields.map((f) => f.id)).size === fields.length, 'survey field ids must be unique')
    .refine((fields) => fields.every((f) => (f.type === 'select') === !!f.options), 'a select needs options, and only a select has them'),
});

/** Raster images shown inline; every other type is offered as a download. */
export const inlineImageTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export const attachmentTypes = ['text/plain', 'application/pdf', ...inlineImageTypes] as const;

export const AttachmentsConfig = z
  .object({
    enabled: z.boolean().default(true),
    /** Bytes in one file; the upload is cut off at the first byte beyond. */
    maxFileBytes: z.number().int().min(1).max(1024 ** 3).default(20 * 1024 * 1024),
    /** Types accepted, decided from each file's content, never its name. */
    types: z.array(z.enum(attachmentTypes)).min(1).default([...attachmentTypes]),
    /** Bytes all stored files may take together. */
    quotaBytes: z.number().int().min(1).default(2 * 1024 ** 3),
  })
  .strict();

/**
 * The shared mode (R6): relays behind one load balancer keep one state in Redis. One relay at a
 * time leads (a lease in Redis) and decides; every relay serves sockets and HTTP. See relay/cluster.
 */
export const SharedModeConfig = z
  .object({
    /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS); `REDIS_URL` sets it too. */
    url: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL'),
    /** Prefix of every key and channel the relays use, so several deployments may share one Redis. */
    keyPrefix: z.string().max(100).default('tiski:'),
    /** Seconds between snapshots of the whole state; between them Redis keeps a journal of every decision. */
    snapshotSeconds: z.number().int().min(1).max(3600).default(30),
  })
  .strict();

export const RelayConfig = z
  .object({
    /**
     * HS256 secret for agent tokens. Unset means development mode: the relay makes a random
     * secret at start and signs demo tokens at `/dev/token`, which production must never allow.
     */
    secret: z.string().min(32, 'the secret must be at least 32 characters').optional(),
    /**
     * Seconds a socket may stay silent: the relay pings quiet sockets and closes one that does not
     * answer by then, so a tab that died without closing shows its agent offline within this time.
     */
    idleSeconds: z.number().int().min(8).max(960).default(16),
    /**
     * WebSocket connections one address may hold at once; 0 turns the limit off (behind a proxy
     * every client shares its address: raise or turn it off there).
     */
    maxConnectionsPerAddress: z.number().int().min(0).default(200),
    /** Seconds after a drop within which a returning client gets only the events it missed (R2); later, whole streams. */
    resumeSeconds: z.number().int().min(0).max(3600).default(120),
    /** Seconds a disconnected customer keeps their place before counting as gone (W7). */
    customerGraceSeconds: z.number().int().min(0).max(3600).default(60),
    /** Seconds a disconnected agent stays signed in. */
    agentGraceSeconds: z.number().int().min(0).max(3600).default(60),
    /** Seconds a transfer or an invitation waits for its target to accept (C9, C10). */
    requestTimeoutSeconds: z.number().int().min(5).max(600).default(60),
    /** Minutes ended conversations stay listed for agents, with their transcripts (C16). */
    recentMinutes: z.number().int().min(0).max(7 * 24 * 60).default(60),
    /** STUN and TURN servers handed to both ends of a video call (V1); empty uses host candidates only. */
    iceServers: z
      .array(
        z.object({
          urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
          username: z.string().optional(),
          credential: z.string().optional(),
        }),
      )
      .default([]),
    /** Seconds a video call may take to connect before it counts as failed (V4). */
    callConnectSeconds: z.number().int().min(5).max(300).default(30),
    /** Where the relay POSTs conversation ends, wrap-ups, tickets and offline contacts (R4). */
    webhooks: z
      .array(
        z.object({
          url: z.string().url(),
          /** Signs each delivery: `X-Tiski-Signature: sha256=HMAC(secret, "<timestamp>.<body>")`. */
          secret: z.string().min(16),
          events: z.array(z.enum(['conversation.ended', 'conversation.wrapped-up', 'conversation.rated', 'ticket', 'offline-contact'])).optional(),
        }),
      )
      .default([]),
    /**
     * HS256 secret the host site's backend signs customers' identities with (W6). Unset: identity
     * tokens are refused and every customer is unverified.
     */
    identitySecret: z.string().min(32, 'the identity secret must be at least 32 characters').optional(),
    /**
     * When set, agent and identity tokens must name it in `aud` (e.g. "tiski.example.com"): a token
     * the same backend signed for another service is refused.
     */
    audience: z.string().min(1).max(200).optional(),
    /** Signs file tokens (C7); random at each start unless set. Relays sharing one address need the same one. */
    fileSecret: z.string().min(32, 'the file secret must be at least 32 characters').optional(),
    /**
     * Where the relay keeps uploaded files; relative paths are from the working directory. In the
     * shared mode every relay must see the same directory (a shared volume): any relay serves any file.
     */
    dataDir: z.string().min(1).default('data'),
    /** Set to share queues and conversations between several relays through Redis (R6); unset, the relay keeps them in its memory. */
    redis: SharedModeConfig.optional(),
    attachments: AttachmentsConfig.default(AttachmentsConfig.parse({})),
    /** When set, `GET /metrics` wants `Authorization: Bearer <metricsToken>`; unset, it is open. */
    metricsToken: z.string().min(16, 'the metrics token must be at least 16 characters').optional(),
    /** Invitations to chat the widget shows on its own after some seconds on matching pages (W10). */
    invitations: z
      .array(ConfiguredInvitation)
      .max(50)
      .default([])
      .refine((list) => new Set(list.map((i) => i.id)).size === list.length, 'invitation ids must be unique'),
    /** Origins allowed to open customer connections; empty allows any. */
    allowedOrigins: z.array(z.string()).default([]),
    queues: z
      .array(QueueConfig)
      .min(1)
      .refine((queues) => new Set(queues.map((q) => q.id)).size === queues.length, 'queue ids must be unique'),
  })
  .strict()
  .refine((config) => config.invitations.every((i) => config.queues.some((q) => q.id === i.queue)), { message: 'every invitation names one of the queues', path: ['invitations'] });

export type QueueConfig = z.infer<typeof QueueConfig>;
export type AttachmentsConfig = z.infer<typeof AttachmentsConfig>;
export type RelayConfig = z.infer<typeof RelayConfig>;
export type SharedModeConfig = z.infer<typeof SharedModeConfig>;

/** Reads the config file named by RELAY_CONFIG, or the embedded demo default. Errors name the bad field. */
export async function loadConfig(path = process.env.RELAY_CONFIG): Promise<RelayConfig> {
  const raw: unknown = path ? JSON.parse(await readFile(path, 'utf8')) : demoConfig;
  const parsed = RelayConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new Error(`Invalid relay configuration${path ? ` in ${path}` : ''}:\n${problems}`);
  }
  const config = parsed.data;
  if (process.env.RELAY_SECRET) config.secret = process.env.RELAY_SECRET;
  if (process.env.RELAY_IDENTITY_SECRET) config.identitySecret = process.env.RELAY_IDENTITY_SECRET;
  if (process.env.RELAY_DATA_DIR) config.dataDir = process.env.RELAY_DATA_DIR;
  if (process.env.REDIS_URL) config.redis = SharedModeConfig.parse({ ...config.redis, url: process.env.REDIS_URL });
  return config;
}

export function parseConfig(raw: unknown): RelayConfig {
  return RelayConfig.parse(raw);
}
