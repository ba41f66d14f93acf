import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { QueueSnapshot, ServerEvent } from '../../protocol/events.js';
import { ChatElement } from '../base/chat-element.js';
import { ClockController } from '../base/clock-controller.js';
import { NotificationController } from '../base/notification-controller.js';
import { tokens } from '../base/shared-styles.js';
import { TitleBadgeController } from '../base/title-badge-controller.js';
import { ClientController } from '../client/client-controller.js';
import { maskedName, maskedText } from '../client/masking.js';
import type { TiskiClient } from '../client/tiski-client.js';
import { ChatPresenceChangeEvent } from '../events/chat-presence-change.js';
import '../i18n/agent-strings.js';
import { LocalizeController } from '../i18n/localize.js';
import { styles } from './agent-queue-bar.styles.js';
import { renderOffer } from './offer-panel.js';
import { renderQueueCard } from './queue-card.js';
import { renderVisitorsPanel, VisitorsController } from './visitors-panel.js';
import type { StatsRange } from '../../protocol/stats.js';

/** Waits at or past an hour show as ∞ (Q2). */
const infiniteWaitMs = 3600_000;

/**
 * @summary The agent's queues: sign-in with queue choice, presence, queue states, waiting customers, offers, alerts and pick.
 * @tag agent-queue-bar
 * @event {ChatPresenceChangeEvent} chat-presence-change - The agent signed in or out, or chose a presence.
 * @csspart header - The row with the agent's name, presence, the waiting badge and sign-out.
 * @csspart presence - The presence choice.
 * @csspart badge - The number of customers waiting in all served queues.
 * @csspart offline-notice - The red notice shown while signed out.
 * @csspart no-answer-notice - The notice shown after a missed offer.
 * @csspart sign-in-form - The queue choice and sign-in button.
 * @csspart queue - One served queue; also `queue-open`, `queue-closed` or `queue-waiting`.
 * @csspart queue-state - A queue's state in words, with an icon.
 * @csspart waiting-list - The customers waiting in a queue.
 * @csspart pick-button - A button that picks a customer; the one for the next in line is also `pick-next-button`.
 * @csspart log-button - Shows or hides a queue's event log.
 * @csspart queue-log - A queue's event log.
 * @csspart contacts-button - Shows the messages customers left while nobody served the queue (Q8).
 * @csspart contacts - Those messages, newest first.
 * @csspart longest-wait - How long the customer waiting longest has waited.
 * @csspart returning - Marks a waiting customer back for their ended chat (W5).
 * @csspart proactive - Marks an offer or a waiting customer who accepted an invitation to chat (W10).
 * @csspart visitors-button - Shows or hides the visitors on the site (W10).
 * @csspart visitors-panel - The visitors on the site: where they are, for how long, and invitations to chat.
 * @csspart visitor-list - The list of visitors.
 * @csspart visitor - One visitor: page, title, language, time on the site.
 * @csspart invitation-status - Who invited the visitor, or how this agent's invitation went.
 * @csspart invite-button - Opens the invitation form for a visitor.
 * @csspart invitation-form - The queue and the optional message of an invitation.
 * @csspart invitation-queue - The queue to invite the visitor to.
 * @csspart invitation-message - The invitation's message.
 * @csspart send-invitation-button - Sends the invitation.
 * @csspart stats-button - Opens a queue's statistics (operators).
 * @csspart queue-stats - A queue's statistics: the period, the figures, a chart and the agents.
 * @csspart stats-range - A period to show: today, the last 7 or 30 days.
 * @csspart stats-refresh - Fetches the statistics again.
 * @csspart stats-figures - The figures of the period.
 * @csspart stats-chart - Served and left customers per hour or day.
 * @csspart stats-agents - The figures by agent.
 * @cssproperty [--tiski-chart-served=var(--tiski-color-accent)] - Bars of served customers.
 * @cssproperty [--tiski-chart-abandoned=var(--tiski-color-danger)] - Bars of customers who left while waiting.
 * @csspart open-close-button - Opens or closes a queue (operators).
 * @csspart offer - The customer offered to the agent, with accept and reject.
 * @csspart accept-button - Accepts the offer.
 * @csspart reject-button - Rejects the offer.
 * @csspart alert - A customer who has waited past the queue's threshold.
 * @cssproperty [--tiski-queue-bar-background=var(--tiski-color-surface)] - Background of the bar.
 * @cssproperty [--tiski-queue-waiting-background=#eaf2fd] - Background of a queue with customers waiting.
 * @cssproperty [--tiski-offer-background=#f3f7fe] - Background of an offer.
 * @cssproperty [--tiski-alert-background=#fff4e5] - Background of a long-wait alert.
 * @cssproperty [--tiski-color-success=#1a7f37] - Open queues and available agents.
 * @cssproperty [--tiski-color-danger=#b3261e] - Closed queues, signed-out and no-answer notices.
 * @cssproperty [--tiski-color-waiting=#0969da] - Queues with customers waiting.
 */
export class AgentQueueBar extends ChatElement {
  static override styles = [tokens, styles];

  /** Masks customers' names and previews, whatever the queue's setting (P2). */
  @property({ type: Boolean, reflect: true, attribute: 'mask-pii' }) maskPii = false;
  /** Shows the number of waiting customers in the page's title as "(n) …". */
  @property({ type: Boolean, reflect: true, attribute: 'title-badge' }) titleBadge = false;

  @state() private chosen = new Set<string>();
  @state() private error = '';
  @state() private busy = false;
  @state() private openLogs = new Set<string>();
  /** Queues whose statistics are open, with the range shown (operators, Q5). */
  @state() private openStats = new Map<string, StatsRange>();
  /** Queues whose saved contacts are shown (Q8). */
  @state() private openContacts = new Set<string>();

  readonly #connection = new ClientController(this);
  readonly #localize = new LocalizeController(this);
  readonly #clock = new ClockController(this);
  readonly #notifications = new NotificationController(this);
  readonly #title = new TitleBadgeController(this);
  readonly #visitors = new VisitorsController(this, () => this.#connection.client);
  #listening?: TiskiClient;
  #notified = new Set<string>();
  readonly #loggedSnapshots = new Map<string, QueueSnapshot>();

  override render() {
    const t = this.#localize.strings;
    const client = this.#connection.client;
    this.#listen(client);
    if (!client || client.status === 'idle' || client.status === 'connecting') {
      return html`<p class="status" role="status">${client ? t.connecting : t.signedOutNotice}</p>`;
    }
    if (client.status === 'refused') {
      return html`<p class="error" role="alert">${t.connectionRefused(client.lastError?.message ?? '')}</p>`;
    }
    const snapshots = client.servedQueues.flatMap((id) => client.queueSnapshots.get(id) ?? []);
    const waiting = snapshots.reduce((n, q) => n + q.waiting.length, 0);
    this.#clock.running = waiting > 0 || client.offers.size > 0 || this.#visitors.open;
    this.#title.enabled = this.titleBadge;
    this.#title.count = client.signedIn ? waiting : 0;
    return html`
      <div part="header" class="header">
        <span class="me">${client.self?.name}</span>
        ${client.signedIn ? this.#renderSignedInHeader(client, waiting) : html`<span part="offline-notice" class="offline" role="status">● ${t.signedOutNotice}</span>`}
        ${client.status === 'reconnecting' ? html`<span class="status" role="status">${t.reconnecting}</span>` : nothing}
      </div>
      ${client.presence === 'no-answer' ? html`<p part="no-answer-notice" class="no-answer" role="alert">${t.noAnswerNotice}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${[...client.offers.values()].map((offer) =>
        renderOffer(offer, {
          t,
          now: client.now(),
          busy: this.busy,
          queueName: client.queues.find((q) => q.id === offer.queue)?.name ?? offer.queue,
          nameOf: (name) => this.#nameOf(offer.queue, name),
          textOf: (text) => this.#textOf(offer.queue, text),
          wait: (ms) => this.#wait(ms),
          accept: (id) => this.#answer('accept', id),
          reject: (id) => this.#answer('reject', id),
        }),
      )}
      ${this.#renderAlerts(client)}
      ${client.signedIn && this.#visitors.open
        ? renderVisitorsPanel(this.#visitors, { t, lang: this.#localize.lang, now: client.now(), client, duration: (ms) => this.#localize.duration(ms) })
        : nothing}
      ${client.signedIn ? this.#renderQueues(client) : this.#renderSignIn(client)}
    `;
  }

  #renderSignedInHeader(client: TiskiClient, waiting: number) {
    const t = this.#localize.strings;
    return html`<label class="presence ${client.presence}"
        >${t.presenceLabel}
        <select part="presence" @change=${this.#choosePresence} ?disabled=${this.busy}>
          <option value="available" ?selected=${client.presence === 'available'}>${t.presence.available}</option>
          <option value="away" ?selected=${client.presence === 'away'}>${t.presence.away}</option>
          ${client.presence === 'no-answer' ? html`<option value="no-answer" disabled selected>${t.presence['no-answer']}</option>` : nothing}
        </select></label
      >
      <span part="badge" class="badge" role="status" aria-label=${t.waitingCount(waiting)}>${waiting}</span>
      ${this.#notifications.permission === 'default'
        ? html`<button part="notifications-button" @click=${() => this.#notifications.request()}>${t.enableNotifications}</button>`
        : nothing}
      <button part="visitors-button" aria-expanded=${this.#visitors.open ? 'true' : 'false'} aria-controls="visitors-panel" @click=${() => this.#visitors.toggle()}>
        ${t.visitorsButton}
      </button>
      <button part="sign-out-button" @click=${this.#signOut} ?disabled=${this.busy}>${t.signOut}</button>`;
  }

  #renderSignIn(client: TiskiClient) {
    const t = this.#localize.strings;
    const allowed = client.queues.filter((q) => client.allowedQueues.includes(q.id));
    return html`<form part="sign-in-form" @submit=${this.#signIn}>
      <fieldset>
        <legend class="visually-hidden">${t.chooseQueuesToServe}</legend>
        ${allowed.map(
          (q) => html`<label><input type="checkbox" name="queue" value=${q.id} .checked=${this.chosen.has(q.id)} @change=${this.#toggle} /> ${q.name}</label>`,
        )}
        <button class="primary" type="submit" ?disabled=${this.busy || this.chosen.size === 0}>${t.signIn}</button>
      </fieldset>
    </form>`;
  }

  #renderQueues(client: TiskiClient) {
    const t = this.#localize.strings;
    const snapshots = client.servedQueues.flatMap((id) => client.queueSnapshots.get(id) ?? []);
    return html`<ul class="queues" aria-label=${t.queuesLabel}>
      ${snapshots.map((q) =>
        renderQueueCard(q, {
          t,
          now: client.now(),
          busy: this.busy,
          operator: client.operator,
          selfId: client.self?.id ?? '',
          nameOf: (name) => this.#nameOf(q.id, name),
          textOf: (text) => this.#textOf(q.id, text),
          wait: (ms) => this.#wait(ms),
          time: (at) => this.#localize.time(at),
          ...(this.openLogs.has(q.id) ? { log: client.queueLogs.get(q.id) ?? [] } : {}),
          pick: (queue, customer) => this.#command(customer ? { type: 'pick', queue, customer } : { type: 'pick', queue }),
          setOpen: (queue, open) => this.#command({ type: 'set-queue-open', queue, open }),
          toggleLog: (queue) => this.#toggleLog(queue),
          stats: this.#statsView(client, q),
          toggleStats: (queue) => this.#toggleStats(queue),
          contacts: this.openContacts.has(q.id) ? client.contacts.get(q.id) ?? [] : undefined,
          toggleContacts: (queue) => this.#toggleContacts(queue),
        }),
      )}
    </ul>`;
  }

  #renderAlerts(client: TiskiClient) {
    const t = this.#localize.strings;
    const stillWaiting = (a: ServerEvent<'alert'>) => client.queueSnapshots.get(a.queue)?.waiting.some((w) => w.id === a.customer.id);
    const alerts = client.presence === 'available' ? client.alerts.filter(stillWaiting) : [];
    return alerts.map(
      (a) => html`<p part="alert" class="alert">
        <span role="alert">${t.longWait(this.#nameOf(a.queue, a.customer.name), client.queues.find((q) => q.id === a.queue)?.name ?? a.queue, this.#threshold(a.queue))}</span>
        <button @click=${() => client.dismissAlert(a.customer.id)}>${t.dismiss}</button>
      </p>`,
    );
  }

  /** Browser notifications for new offers and alerts, once each (Q7, C1). */
  #listen(client: TiskiClient | undefined) {
    if (client === this.#listening) return;
    this.#listening = client;
    client?.addEventListener('change', () => {
      const t = this.#localize.strings;
      // An open event log follows its queue: fetched again whenever the queue changed.
      for (const queue of this.openLogs) {
        const snapshot = client.queueSnapshots.get(queue);
        if (!snapshot || this.#loggedSnapshots.get(queue) === snapshot) continue;
        this.#loggedSnapshots.set(queue, snapshot);
        void client.send({ type: 'queue-log', queue }).catch(() => {});
      }
      for (const offer of client.offers.values()) {
        if (this.#notified.has(offer.id)) continue;
        this.#notified.add(offer.id);
        this.#notifications.notify(t.offerTitle, this.#nameOf(offer.queue, offer.customer.name), `offer-${offer.id}`);
      }
      for (const alert of client.alerts) {
        const key = `alert-${alert.customer.id}`;
        if (this.#notified.has(key) || client.presence !== 'available') continue;
        this.#notified.add(key);
        const queue = client.queues.find((q) => q.id === alert.queue)?.name ?? alert.queue;
        this.#notifications.notify(queue, t.longWait(this.#nameOf(alert.queue, alert.customer.name), queue, this.#wait(client.now() - alert.joinedAt)), key);
      }
    });
  }

  #masking(queueId: string): boolean {
    return this.maskPii || !!this.#connection.client?.queues.find((q) => q.id === queueId)?.maskPii;
  }

  #nameOf(queueId: string, name: string) {
    return this.#masking(queueId) ? maskedName(name) : name;
  }

  #textOf(queueId: string, text: string) {
    return this.#masking(queueId) ? maskedText(text) : text;
  }

  /** The wait that set the alert off, so the announced text does not change every second. */
  #threshold(queueId: string) {
    return this.#localize.duration((this.#connection.client?.queueSnapshots.get(queueId)?.alertAfterSeconds ?? 0) * 1000);
  }

  #wait(ms: number) {
    return ms >= infiniteWaitMs ? '∞' : this.#localize.duration(ms);
  }

  #toggle(e: Event) {
    const box = e.target as HTMLInputElement;
    const chosen = new Set(this.chosen);
    if (box.checked) chosen.add(box.value);
    else chosen.delete(box.value);
    this.chosen = chosen;
  }

  #toggleLog(queue: string) {
    const open = new Set(this.openLogs);
    if (open.has(queue)) open.delete(queue);
    else {
      open.add(queue);
      this.#command({ type: 'queue-log', queue });
    }
    this.openLogs = open;
  }

  #statsView(client: TiskiClient, q: QueueSnapshot) {
    const range = this.openStats.get(q.id);
    if (!range || !client.operator) return undefined;
    return {
      t: this.#localize.strings,
      queueName: q.name,
      range,
      report: client.stats.get(`${q.id}:${range}`),
      duration: (seconds: number) => this.#localize.duration(seconds * 1000),
      setRange: (next: StatsRange) => this.#showStats(q.id, next),
      refresh: () => this.#showStats(q.id, range),
    };
  }

  #toggleContacts(queue: string) {
    const open = new Set(this.openContacts);
    if (open.delete(queue)) return void (this.openContacts = open);
    this.openContacts = open.add(queue);
    this.#command({ type: 'contacts', queue });
  }

  #toggleStats(queue: string) {
    if (this.openStats.has(queue)) {
      const open = new Map(this.openStats);
      open.delete(queue);
      this.openStats = open;
    } else this.#showStats(queue, 'today');
  }

  #showStats(queue: string, range: StatsRange) {
    this.openStats = new Map(this.openStats).set(queue, range);
    this.#command({ type: 'stats', queue, range });
  }

  async #run(action: () => Promise<unknown>) {
    this.busy = true;
    this.error = '';
    try {
      await action();
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.busy = false;
    }
  }

  #command(command: Parameters<TiskiClient['send']>[0]) {
    void this.#run(() => this.#connection.client!.send(command));
  }

  /** The relay sends no offer-withdrawn for an accepted offer: once answered, the offer is gone either way. */
  #answer(type: 'accept' | 'reject', offer: string) {
    const client = this.#connection.client!;
    void this.#run(async () => {
      try {
        await client.send({ type, offer });
      } finally {
        client.offers.delete(offer);
      }
    });
  }

  #signIn(e: SubmitEvent) {
    e.preventDefault();
    const queues = [...this.chosen];
    void this.#run(async () => {
      await this.#connection.client?.send({ type: 'sign-in', queues });
      this.dispatchEvent(new ChatPresenceChangeEvent({ signedIn: true, presence: 'available', queues }));
    });
  }

  #choosePresence(e: Event) {
    const presence = (e.target as HTMLSelectElement).value as 'available' | 'away';
    const client = this.#connection.client!;
    void this.#run(async () => {
      await client.send({ type: 'presence', presence });
      this.dispatchEvent(new ChatPresenceChangeEvent({ signedIn: true, presence, queues: client.servedQueues }));
    });
  }

  #signOut() {
    void this.#run(async () => {
      await this.#connection.client?.send({ type: 'sign-out' });
      this.dispatchEvent(new ChatPresenceChangeEvent({ signedIn: false, presence: 'offline', queues: [] }));
    });
  }
}
