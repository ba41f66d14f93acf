import { z } from 'zod';
import { CommandId, MessageText, ParticipantId, QueueId, Timestamp } from './common.js';
import { limits } from './limits.js';
import { LocalText } from './survey.js';

/**
 * Proactive chat (W10): invitations the site configures (after some seconds on matching pages),
 * and those an agent sends to a visitor now on the site. A visitor is a customer connection that
 * has not joined a queue; the widget makes one only where the integrator asked for it.
 */

/** An invitation the site configures: shown by the widget on its own, no agent involved. */
export const ConfiguredInvitation = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an invitation id is lower-case letters, digits and dashes'),
  queue: QueueId,
  /** Seconds on a matching page before the invitation shows. */
  afterSeconds: z.number().int().min(0).max(3600),
  /** Paths it shows on, `*` matching any run of characters (`/pricing`, `/help/*`); empty: every page. */
  pages: z.array(z.string().min(1).max(200)).max(50).default([]),
  message: LocalText,
});

/** Customer: where the visitor is now (W10); sent on connecting and on each page change. */
export const VisitCommand = z.object({
  type: z.literal('visit'),
  id: CommandId,
  page: z.string().max(limits.pageInfoLength),
  title: z.string().max(200).optional(),
  language: z.string().max(35).optional(),
});

/** Agent: the visitors now on the site. */
export const VisitorsCommand = z.object({ type: z.literal('visitors'), id: CommandId });

/** Agent: invite a visitor to chat in one of the agent's queues; they accept or dismiss. */
export const InviteVisitorCommand = z.object({
  type: z.literal('invite-visitor'),
  id: CommandId,
  visitor: ParticipantId,
  queue: QueueId,
  message: MessageText.optional(),
});

/** Customer: not now, thanks. */
export const DismissInvitationCommand = z.object({ type: z.literal('dismiss-invitation'), id: CommandId, invitation: z.string().min(1).max(64) });

export const Visitor = z.object({
  id: ParticipantId,
  page: z.string(),
  title: z.string().optional(),
  language: z.string().optional(),
  /** Since when the visitor has been on the site (this connection). */
  since: Timestamp,
  /** Set while an agent's invitation waits for the visitor's answer. */
  invitedBy: z.string().optional(),
});

export const VisitorsEvent = z.object({ type: z.literal('visitors'), visitors: z.array(Visitor) });

/** To the visitor: an agent invites them to chat. */
export const InvitationEvent = z.object({
  type: z.literal('invitation'),
  invitation: z.object({ id: z.string(), queue: QueueId, from: z.string(), message: z.string().optional(), expiresAt: Timestamp }),
});

/** To the inviting agent, and to the visitor when it lapses: how the invitation ended. */
export const InvitationEndedEvent = z.object({
  type: z.literal('invitation-ended'),
  invitation: z.string(),
  visitor: ParticipantId,
  outcome: z.enum(['accepted', 'dismissed', 'expired', 'gone']),
});

export type ConfiguredInvitation = z.infer<typeof ConfiguredInvitation>;
export type Visitor = z.infer<typeof Visitor>;
