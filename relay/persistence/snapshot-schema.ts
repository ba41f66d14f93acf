/**
 * The relay's state as it is read back from a snapshot: checked, and with every Map and Set of the
 * model rebuilt from the arrays it was written as. Each shape lists every field of its model type
 * (`satisfies Record<keyof …>`), so a field added to the model does not compile until it is here.
 * What the relay only passes on (events, log entries, replies) is checked for its outline, not
 * against the whole protocol: it was checked when it was made.
 */
import { z } from 'zod';
import { Media, type ConversationCustomerInfo, type ConversationEvent, type QueueLogEntry, type SavedContact, type ServerMessage } from '../../protocol/index.js';
import { QueueConfig } from '../config.js';
import type { Agent, AgentRequest, Conversation, Customer, Offer, Queue, StoredFile, Waiting } from '../domain/model.js';
import type { Tally } from '../domain/stats/tally.js';

const id = z.string().min(1);
const time = z.number().finite();

/** A Map, written as its entries. */
const mapOf = <K extends z.ZodType, V extends z.ZodType>(key: K, value: V) =>
  z.array(z.tuple([key, value])).transform((entries) => new Map(entries as Array<[z.output<K>, z.output<V>]>));
/** A Set, written as its members. */
const setOf = <T extends z.ZodType>(member: T) => z.array(member).transform((members) => new Set(members as Array<z.output<T>>));

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Something the relay made and only passes on: an object, taken as the type it was written as. */
const passedOn = <T>(what: string, check: (value: Record<string, unknown>) => boolean = () => true) =>
  z.custom<T>((value) => isRecord(value) && check(value), `not ${what}`);

const event = passedOn<ConversationEvent>('a conversation event', (e) => typeof e.type === 'string' && typeof e.seq === 'number');
/** A stream numbered 1, 2, 3…, as replays and resumes expect. */
const stream = z.array(event).refine((events) => events.every((e, i) => e.seq === i + 1), 'a stream is not numbered 1, 2, 3…');

const waitingShape = {
  queue: id,
  joinedAt: time,
  media: Media.optional(),
  backInLineAt: time.optional(),
  preview: z.object({ id: z.string(), text: z.string() }).optional(),
  offer: id.optional(),
  declinedBy: mapOf(id, time),
  alerted: z.boolean().optional(),
  returning: id.optional(),
  proactive: z.boolean().optional(),
} satisfies Record<keyof Waiting, z.ZodType>;

const customerShape = {
  id,
  name: z.string(),
  resumeToken: id,
  disconnectedAt: time.optional(),
  waiting: z.object(waitingShape).optional(),
  info: passedOn<ConversationCustomerInfo>('customer info').optional(),
  conversation: id.optional(),
  visit: z.object({ page: z.string(), since: time, title: z.string().optional(), language: z.string().optional() }).optional(),
  invitation: z.object({ id, queue: id, from: id, expiresAt: time, message: z.string().optional() }).optional(),
  history: z.array(id),
} satisfies Record<keyof Customer, z.ZodType>;

const agentShape = {
  id,
  name: z.string(),
  allowedQueues: z.array(z.string()),
  operator: z.boolean(),
  capacity: z.number().int().optional(),
  signedIn: z.boolean(),
  presence: z.enum(['available', 'away', 'no-answer']),
  queues: z.array(id),
  conversations: setOf(id),
  offer: id.optional(),
  idleSince: time,
  disconnectedAt: time.optional(),
} satisfies Record<keyof Agent, z.ZodType>;

const conversationShape = {
  id,
  queue: id,
  customer: id,
  agent: id,
  guests: setOf(id),
  formerAgents: setOf(id),
  joinedAt: time,
  startedAt: time,
  ownedSince: time.optional(),
  ended: z.boolean(),
  endedAt: time.optional(),
  reopenedAt: time.optional(),
  log: stream,
  customerLog: stream,
  messageIds: mapOf(z.string(), z.object({ author: id, text: z.string() })),
  transfer: id.optional(),
  invitation: id.optional(),
  files: mapOf(id, passedOn<StoredFile>('a file record', (f) => typeof f.id === 'string' && typeof f.uploader === 'string')),
  choices: mapOf(z.string(), z.object({ options: z.array(z.string()), answer: z.number().int().optional() })),
  rating: z.object({ stars: z.number().int(), comment: z.string().optional() }).optional(),
  media: Media,
  call: z.object({ state: z.enum(['asked', 'started']), connected: z.boolean(), deadline: time.optional() }).optional(),
  // Who is typing is fleeting: nobody is after a restart.
  typing: z.unknown().transform(() => new Map<string, { typing: boolean; at: number; private?: boolean }>()),
} satisfies Record<keyof Conversation, z.ZodType>;

const queueShape = {
  config: QueueConfig,
  open: z.boolean(),
  waiting: z.array(id),
  agents: setOf(id),
  log: z.array(passedOn<QueueLogEntry>('a queue log entry')),
  contacts: z.array(passedOn<SavedContact>('a saved contact')),
  nextScheduleChange: time.optional(),
} satisfies Record<keyof Queue, z.ZodType>;

const offerShape = { id, queue: id, customer: id, agent: id, expiresAt: time } satisfies Record<keyof Offer, z.ZodType>;

const requestShape = {
  id,
  kind: z.enum(['transfer', 'invite']),
  conversation: id,
  from: id,
  toQueue: id.optional(),
  candidates: setOf(id),
  declined: setOf(id),
  expiresAt: time,
} satisfies Record<keyof AgentRequest, z.ZodType>;

const histogram = z.object({ counts: z.array(z.number()), count: z.number(), sum: z.number(), max: z.number() });
const tallyShape = {
  offered: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  timedOut: z.number(),
  handled: z.number(),
  abandoned: z.number(),
  transferred: z.number(),
  wait: histogram,
  handling: histogram,
  abandonedAfter: histogram,
  ratings: z.number(),
  starsSum: z.number(),
} satisfies Record<keyof Tally, z.ZodType>;
const tally = z.object(tallyShape);

const statsBook = z.object({
  queues: z.array(
    z.object({
      queue: id,
      hours: z.array(z.object({ start: time, queue: tally, agents: z.array(z.tuple([id, tally])) })),
      names: z.array(z.tuple([id, z.string()])),
    }),
  ),
});

export const StoreSnapshotSchema = z.object({
  queues: z.array(z.object(queueShape)),
  customers: z.array(z.object(customerShape)),
  agents: z.array(z.object(agentShape)),
  conversations: z.array(z.object(conversationShape)),
  offers: z.array(z.object(offerShape)),
  requests: z.array(z.object(requestShape)),
  removed: z.array(z.tuple([z.string(), time])),
  stats: statsBook,
});

const reply = passedOn<ServerMessage>('a reply', (r) => typeof r.type === 'string');
export const CommandRepliesSchema = z.array(z.tuple([id, z.array(z.tuple([z.string(), z.object({ body: z.string(), reply })]))]));

export const IdentityTokensSchema = z.array(z.tuple([z.string(), z.object({ customer: id, expiresAt: time })]));

/** Secrets the relay made itself because the config gave none: tokens signed with them stay good. */
export const MadeSecretsSchema = z.object({
  agents: z.string().min(32).optional(),
  identities: z.string().min(32).optional(),
  files: z.string().min(32).optional(),
});
