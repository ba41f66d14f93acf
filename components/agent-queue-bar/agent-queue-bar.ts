import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { QueueSnapshot } from '../../protocol/events.js';
import { ChatElement } from '../base/chat-element.js';
import { ClockController } from '../base/clock-controller.js';
import { tokens } from '../base/shared-styles.js';
import { ClientController } from '../client/client-controller.js';
import { maskedName } from '../client/masking.js';
import { ChatPresenceChangeEvent } from '../events/chat-presence-change.js';
import { LocalizeController } from '../i18n/localize.js';
import { styles } from './agent-queue-bar.styles.js';

/** Waits at or past an hour show as ∞ (Q2). */
const infiniteWaitMs = 3600_000;

/**
 * @summary The agent's queues: sign-in with queue choice, waiting customers with their waits, and pick.
 * @tag agent-queue-bar
 * @event {ChatPresenceChangeEvent} chat-presence-change - The agent signed in or out.
 * @csspart header - The row with the agent's name, the waiting badge and sign-out.
 * @csspart badge - The number of customers waiting in all served queues.
 * @csspart offline-notice - The red notice shown while signed out.
 * @csspart sign-in-form - The queue choice and sign-in button.
 * @csspart queue - One served queue.
 * @csspart waiting-list - The customers waiting in a queue.
 * @csspart pick-button - A button that picks a customer.
 * @cssproperty [--tiski-queue-bar-background=var(--tiski-color-surface)] - Background of the bar.
 * @cssproperty [--tiski-queue-waiting-background=#eaf2fd] - Background of a queue with customers waiting.
 */
export class AgentQueueBar extends ChatElement {
  static override styles = [tokens, styles];

  /** Masks customers' names that are phone numbers or emails, whatever the queue's setting (P2). */
  @property({ type: Boolean, reflect: true, attribute: 'mask-pii' }) maskPii = false;

  @state() private chosen = new Set<string>();
  @state() private error = '';
  @state() private busy = false;

  readonly #connection = new ClientController(this);
  readonly #localize = new LocalizeController(this);
  readonly #clock = new ClockController(this);

  override render() {
    const t = this.#localize.strings;
    const client = this.#connection.client;
    if (!client || client.status === 'idle' || client.status === 'connecting') {
      return html`<p class="status" role="status">${client ? t.connecting : t.signedOutNotice}</p>`;
    }
    if (client.status === 'refused') {
      return html`<p class="error" role="alert">${t.connectionRefused(client.lastError?.message ?? '')}</p>`;
    }
    const snapshots = client.servedQueues.flatMap((id) => client.queueSnapshots.get(id) ?? []);
    const waiting = snapshots.reduce((n, q) => n + q.waiting.length, 0);
    this.#clock.running = waiting > 0;
    return html`
      <div part="header" class="header">
        <span class="me">${client.self?.name}</span>
        ${client.signedIn
          ? html`<span part="badge" class="badge" role="status" aria-label=${t.waitingCount(waiting)}>${waiting}</span>
              <button part="sign-out-button" @click=${this.#signOut} ?disabled=${this.busy}>${t.signOut}</button>`
          : html`<span part="offline-notice" class="offline" role="status">● ${t.signedOutNotice}</span>`}
        ${client.status === 'reconnecting' ? html`<span class="status" role="status">${t.reconnecting}</span>` : nothing}
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${client.signedIn ? this.#renderQueues(snapshots) : this.#renderSignIn()}
    `;
  }

  #renderSignIn() {
    const t = this.#localize.strings;
    const client = this.#connection.client!;
    const allowed = client.queues.filter((q) => client.allowedQueues.includes(q.id));
    return html`<form part="sign-in-form" @submit=${this.#signIn}>
      <fieldset>
        <legend class="visually-hidden">${t.chooseQueuesToServe}</legend>
        ${allowed.map(
          (q) => html`<label
            ><input type="checkbox" name="queue" value=${q.id} .checked=${this.chosen.has(q.id)} @change=${this.#toggle} /> ${q.name}</label
          >`,
        )}
        <button class="primary" type="submit" ?disabled=${this.busy || this.chosen.size === 0}>${t.signIn}</button>
      </fieldset>
    </form>`;
  }

  #renderQueues(snapshots: QueueSnapshot[]) {
    const t = this.#localize.strings;
    const now = this.#connection.client!.now();
    return html`<ul class="queues" aria-label=${t.queuesLabel}>
      ${snapshots.map((q) => {
        const first = q.waiting[0];
        const nameOf = (name: string) => (this.maskPii || q.maskPii ? maskedName(name) : name);
        return html`<li part="queue" class="queue ${first ? 'has-waiting' : ''}" data-queue=${q.id}>
          <div class="queue-head">
            <span class="queue-name">${q.name}</span>
            <span class="meta">${t.waitingCount(q.waiting.length)}${first ? html` · <span class="wait">${this.#wait(now - first.joinedAt)}</span>` : nothing}</span>
          </div>
          <div class="meta">${t.agentsServing(q.agents.length)}</div>
          ${first
            ? html`<ol part="waiting-list" class="waiting">
                  ${q.waiting.map(
                    (c) => html`<li>
                      <span>${nameOf(c.name)} <span class="meta">${t.joinedAt(this.#localize.time(c.joinedAt))} · ${this.#wait(now - c.joinedAt)}</span></span>
                      <button part="pick-button" aria-label=${t.pickCustomer(nameOf(c.name))} @click=${() => this.#pick(q.id, c.id)} ?disabled=${this.busy}>
                        ${t.pick}
                      </button>
                    </li>`,
                  )}
                </ol>
                <button part="pick-button" class="primary" @click=${() => this.#pick(q.id)} ?disabled=${this.busy}>${t.pickNext}</button>`
            : html`<div class="meta">${t.nobodyWaiting}</div>`}
        </li>`;
      })}
    </ul>`;
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

  #signIn(e: SubmitEvent) {
    e.preventDefault();
    const queues = [...this.chosen];
    void this.#run(async () => {
      await this.#connection.client?.send({ type: 'sign-in', queues });
      this.dispatchEvent(new ChatPresenceChangeEvent({ signedIn: true, queues }));
    });
  }

  #signOut() {
    void this.#run(async () => {
      await this.#connection.client?.send({ type: 'sign-out' });
      this.dispatchEvent(new ChatPresenceChangeEvent({ signedIn: false, queues: [] }));
    });
  }

  #pick(queue: string, customer?: string) {
    void this.#run(() => this.#connection.client!.send(customer ? { type: 'pick', queue, customer } : { type: 'pick', queue }));
  }
}
