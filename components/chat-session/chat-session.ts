import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ChatElement } from '../base/chat-element.js';
import { ClockController } from '../base/clock-controller.js';
import { tokens } from '../base/shared-styles.js';
import { ClientController } from '../client/client-controller.js';
import type { ConversationView } from '../client/conversation-store.js';
import { maskedMessage, maskedName } from '../client/masking.js';
import { ChatConversationEndEvent } from '../events/chat-conversation-end.js';
import { ChatConversationStartEvent } from '../events/chat-conversation-start.js';
import type { ChatMessageSendEvent } from '../events/chat-message-send.js';
import { endNotice } from '../i18n/end-notice.js';
import { LocalizeController } from '../i18n/localize.js';
import { styles } from './chat-session.styles.js';
import { renderTabs, tabId } from './session-tabs.js';

/**
 * @summary The agent's conversations, one tab each: the customer, the messages, the composer, release and end.
 * @tag chat-session
 * @slot customer-record - Where the host CRM shows its own record of the customer.
 * @event {ChatConversationStartEvent} chat-conversation-start - A live conversation appeared; the detail names the customer.
 * @event {ChatConversationEndEvent} chat-conversation-end - A conversation ended, by either side.
 * @event {ChatMessageSendEvent} chat-message-send - The agent sent a message; cancel to keep it unsent.
 * @csspart tabs - The row of conversation tabs.
 * @csspart tab - One conversation's tab; the selected one is also `tab-selected`.
 * @csspart unread-badge - The number of unread messages on a tab.
 * @csspart header - The row with the customer's name, the timer and the actions.
 * @csspart timer - Time since the conversation was accepted.
 * @csspart release-button - Puts the customer back at the front of the queue.
 * @csspart end-button - Ends the conversation.
 * @csspart close-tab-button - Closes the tab; asks first while the conversation goes on.
 * @csspart messages - The message list (its own parts are exported: list, message, own, other, author, bubble).
 * @csspart composer - The composer (its own parts are exported: input, send-button, counter).
 * @cssproperty [--tiski-chat-session-height=100%] - Height of the session.
 * @cssproperty [--tiski-tab-selected-background=var(--tiski-color-accent)] - Background of the selected tab.
 * @cssproperty [--tiski-tab-selected-color=#ffffff] - Text colour of the selected tab.
 */
export class ChatSession extends ChatElement {
  static override styles = [tokens, styles];

  /** Shows only this conversation, without tabs; unset shows every conversation of the agent in tabs. */
  @property() conversation = '';
  /** Masks personal and payment data in what the customer wrote, whatever the queue's setting (P2). */
  @property({ type: Boolean, reflect: true, attribute: 'mask-pii' }) maskPii = false;

  @state() private selected = '';
  @state() private closedTabs = new Set<string>();
  @state() private confirmingClose = false;
  @state() private error = '';

  readonly #connection = new ClientController(this);
  readonly #localize = new LocalizeController(this);
  readonly #clock = new ClockController(this);
  /** The last seq the agent has seen, per conversation, for unread counts. */
  readonly #seen = new Map<string, number>();
  /** Conversations already announced with events, and whether as ended. */
  readonly #announced = new Map<string, boolean>();

  get #tabs(): ConversationView[] {
    const store = this.#connection.client?.conversations;
    if (!store) return [];
    if (this.conversation) return store.get(this.conversation) ? [store.get(this.conversation)!] : [];
    return store
      .all()
      .filter((c) => !this.closedTabs.has(c.id))
      .sort((a, b) => a.startedAt - b.startedAt);
  }

  get #shown(): ConversationView | undefined {
    const tabs = this.#tabs;
    return tabs.find((c) => c.id === this.selected) ?? tabs.find((c) => !c.ended) ?? tabs[0];
  }

  #masking(conversation: ConversationView): boolean {
    return this.maskPii || !!this.#connection.client?.queues.find((q) => q.id === conversation.queue)?.maskPii;
  }

  #nameOf = (conversation: ConversationView) =>
    this.#masking(conversation) ? maskedName(conversation.customer.name) : conversation.customer.name;

  #unread = (conversation: ConversationView) => {
    const seen = this.#seen.get(conversation.id) ?? 0;
    return conversation.messages.filter((m) => m.seq > seen && m.author.role === 'customer').length;
  };

  protected override willUpdate() {
    if (!this.conversation) {
      const fresh = this.#connection.client?.conversations.all().find((c) => !c.ended && !this.#announced.has(c.id));
      if (fresh) this.selected = fresh.id;
    }
    const shown = this.#shown;
    if (shown) this.#seen.set(shown.id, shown.seq);
  }

  override render() {
    const t = this.#localize.strings;
    const client = this.#connection.client;
    const shown = this.#shown;
    if (!client || !shown) return html`<p class="empty">${t.noConversation}</p><slot name="customer-record" hidden></slot>`;
    const tabs = this.#tabs;
    this.#clock.running = tabs.some((c) => !c.ended);
    const masking = this.#masking(shown);
    const messages = masking ? shown.messages.map(maskedMessage) : shown.messages;
    const withTabs = !this.conversation;
    return html`
      ${withTabs ? renderTabs(tabs, { t, selected: shown.id, nameOf: this.#nameOf, unread: this.#unread, select: (id) => this.#select(id) }) : nothing}
      <div class="panel" id="panel" role=${withTabs ? 'tabpanel' : nothing} aria-labelledby=${withTabs ? tabId(shown.id) : nothing}>
        <div part="header" class="header">
          <div>
            <h2>${this.#nameOf(shown)}</h2>
            <span class="meta">
              ${client.queues.find((q) => q.id === shown.queue)?.name ?? shown.queue} · ${t.conversationStarted(this.#localize.time(shown.startedAt))}
              ${shown.ended ? nothing : html` · <span part="timer" class="timer">${t.sinceAccepted(this.#localize.duration(client.now() - shown.startedAt))}</span>`}
            </span>
          </div>
          <div class="actions">${this.#actions(shown)}</div>
        </div>
        <slot name="customer-record"></slot>
        <chat-message-list part="messages" exportparts="list, message, own, other, author, bubble" .messages=${messages} self-id=${client.self?.id ?? ''}>
          ${shown.ended ? (shown.ended.reason === 'released' ? t.youReleased : endNotice(t, shown.ended, 'agent')) : nothing}
        </chat-message-list>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <chat-composer part="composer" exportparts="input, send-button, counter" ?disabled=${!!shown.ended} @chat-message-send=${this.#send}></chat-composer>
      </div>
    `;
  }

  #actions(shown: ConversationView) {
    const t = this.#localize.strings;
    if (this.confirmingClose) {
      return html`<span role="alert">${t.confirmCloseTab}</span>
        <button part="confirm-close-button" class="primary" @click=${() => this.#closeTab(shown, true)}>${t.endChat}</button>
        <button @click=${() => (this.confirmingClose = false)}>${t.cancel}</button>`;
    }
    return html`
      ${shown.ended
        ? nothing
        : html`<button part="release-button" @click=${() => this.#command({ type: 'release', conversation: shown.id })}>${t.release}</button>
            <button part="end-button" @click=${() => this.#command({ type: 'end', conversation: shown.id })}>${t.endChat}</button>`}
      ${this.conversation
        ? nothing
        : html`<button part="close-tab-button" aria-label=${t.closeTab(this.#nameOf(shown))} @click=${() => this.#closeTab(shown, false)}>✕</button>`}
    `;
  }

  protected override updated() {
    for (const c of this.#connection.client?.conversations.all() ?? []) {
      const announced = this.#announced.get(c.id);
      if (announced === undefined) {
        this.#announced.set(c.id, !!c.ended);
        if (c.ended) continue;
        const customer = this.#masking(c) ? { ...c.customer, name: maskedName(c.customer.name) } : c.customer;
        this.dispatchEvent(new ChatConversationStartEvent({ conversation: c.id, queue: c.queue, customer, agent: c.agent }));
      } else if (c.ended && !announced) {
        this.#announced.set(c.id, true);
        this.dispatchEvent(new ChatConversationEndEvent({ conversation: c.id, reason: c.ended.reason }));
      }
    }
  }

  #select(id: string) {
    this.selected = id;
    this.confirmingClose = false;
    this.error = '';
  }

  /** Closes the tab; a conversation still going on is ended first, after the agent confirms (C2). */
  #closeTab(conversation: ConversationView, confirmed: boolean) {
    if (!conversation.ended && !confirmed) {
      this.confirmingClose = true;
      return;
    }
    this.confirmingClose = false;
    if (!conversation.ended) this.#command({ type: 'end', conversation: conversation.id });
    this.closedTabs = new Set([...this.closedTabs, conversation.id]);
  }

  #command(command: { type: 'end' | 'release'; conversation: string }) {
    this.error = '';
    this.#connection.client?.send(command).catch((err: Error) => (this.error = err.message));
  }

  #send(e: ChatMessageSendEvent) {
    const shown = this.#shown;
    const client = this.#connection.client;
    if (!shown || !client) return;
    this.error = '';
    client.send({ type: 'send', conversation: shown.id, text: e.detail.text }).catch((err: Error) => {
      this.error = this.#localize.strings.sendFailed(err.message);
    });
  }
}
