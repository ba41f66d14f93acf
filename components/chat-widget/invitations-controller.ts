import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { localText } from '../../protocol/survey-rules.js';
import type { TiskiClient } from '../client/tiski-client.js';
import type { LauncherStrings } from '../i18n/translation.js';

/** An invitation to chat as the widget shows it above its launcher. */
export interface ShownInvitation {
  /** An agent's invitation id, or `site:<id>` for one the site configured. */
  id: string;
  queue: string;
  text: string;
}

/** Whether a path matches a configured page pattern, `*` standing for any run of characters. */
export function pageMatches(pattern: string, path: string): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`).test(path);
}

/**
 * Proactive chat on the customer's side (W10): tells the relay where the visitor is, shows the
 * site's configured invitations once their time on a matching page has come, and an agent's
 * invitation as soon as it arrives. Nothing shows while the customer waits or chats, and a
 * dismissed invitation stays dismissed on this page.
 */
export class InvitationsController implements ReactiveController {
  /** The invitation the customer accepted: the next join names it, in its queue. */
  accepted?: { id: string; queue: string };
  #timers: ReturnType<typeof setTimeout>[] = [];
  #scheduledFor?: TiskiClient;
  #wasOpen = false;
  readonly #due = new Set<string>();
  readonly #dismissed = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { proactive: boolean },
    private readonly client: () => TiskiClient | undefined,
    private readonly strings: () => LauncherStrings,
    private readonly lang: () => string,
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
    this.#scheduledFor = undefined;
    this.#wasOpen = false;
  }

  /** After every change of the connection: a fresh connection says where the visitor is; the site's invitations get their timers. */
  clientChanged(client: TiskiClient) {
    if (!this.host.proactive) return;
    const open = client.status === 'open';
    if (open && !this.#wasOpen) void client.send({ type: 'visit', page: location.href, title: document.title.slice(0, 200), language: navigator.language }).catch(() => {});
    this.#wasOpen = open;
    if (client.siteInvitations.length && this.#scheduledFor !== client) {
      this.#scheduledFor = client;
      for (const timer of this.#timers) clearTimeout(timer);
      this.#timers = [];
      for (const invitation of client.siteInvitations) {
        if (invitation.pages.length && !invitation.pages.some((p) => pageMatches(p, location.pathname))) continue;
        const remaining = Math.max(0, invitation.afterSeconds * 1000 - performance.now());
        this.#timers.push(setTimeout(() => (this.#due.add(invitation.id), this.host.requestUpdate()), remaining));
      }
    }
  }

  /** The invitation to show now, if any: an agent's before the site's. */
  get shown(): ShownInvitation | undefined {
    const client = this.client();
    if (!this.host.proactive || !client || client.waiting || client.conversations.all().some((c) => !c.ended)) return undefined;
    const fromAgent = client.invitation;
    if (fromAgent) return { id: fromAgent.id, queue: fromAgent.queue, text: fromAgent.message ?? this.strings().invitedBy(fromAgent.from) };
    const site = client.siteInvitations.find((i) => this.#due.has(i.id) && !this.#dismissed.has(i.id));
    if (!site) return undefined;
    const queueLang = client.queues.find((q) => q.id === site.queue)?.lang;
    return { id: `site:${site.id}`, queue: site.queue, text: localText(site.message, this.lang(), queueLang) };
  }

  accept(invitation: ShownInvitation) {
    this.accepted = { id: invitation.id, queue: invitation.queue };
    this.#putAway(invitation, false);
  }

  dismiss(invitation: ShownInvitation) {
    this.#putAway(invitation, true);
  }

  #putAway(invitation: ShownInvitation, tellRelay: boolean) {
    const client = this.client();
    if (invitation.id.startsWith('site:')) this.#dismissed.add(invitation.id.slice(5));
    else if (client?.invitation?.id === invitation.id) {
      delete client.invitation;
      if (tellRelay) void client.send({ type: 'dismiss-invitation', invitation: invitation.id }).catch(() => {});
    }
    this.host.requestUpdate();
  }
}
