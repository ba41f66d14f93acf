import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ChatElement } from '../base/chat-element.js';
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

/**
 * @summary One conversation as the agent works it: the customer, the messages, the composer and End.
 * @tag chat-session
 * @slot customer-record - Where the host CRM shows its own record of the customer.
 * @event {ChatConversationStartEvent} chat-conversation-start - The session began showing a live conversation; the detail names the customer.
 * @event {ChatConversationEndEvent} chat-conversation-end - The shown conversation ended, by either side.
 * @event {ChatMessageSendEvent} chat-message-send - The agent sent a message; cancel to keep it unsent.
 * @csspart header - The row with the customer's name and End.
 * @csspart end-button - The End button.
 * @csspart messages - The message list (its own parts are exported: list, message, author, bubble).
 * @csspart composer - The composer (its own parts are exported: input, send-button, counter).
 * @cssproperty [--tiski-chat-session-height=100%] - Height of the session.
 */
export class ChatSession extends ChatElement {
  static override styles = [tokens, styles];

  /** The conversation to show; unset follows the agent's most recently started one. */
  @property() conversation = '';
  /** Masks personal and payment data in what the customer wrote, whatever the queue's setting (P2). */
  @property({ type: Boolean, reflect: true, attribute: 'mask-pii' }) maskPii = false;

  @state() private error = '';

  readonly #connection = new ClientController(this);
  readonly #localize = new LocalizeController(this);
  #announced?: { id: string; ended: boolean };

  get #shown(): ConversationView | undefined {
    const store = this.#connection.client?.conversations;
    if (!store) return undefined;
    if (this.conversation) return store.get(this.conversation);
    const all = store.all();
    return all.find((c) => !c.ended) ?? all[0];
  }

  #masking(conversation: ConversationView): boolean {
    return this.maskPii || !!this.#connection.client?.queues.find((q) => q.id === conversation.queue)?.maskPii;
  }

  override render() {
    const t = this.#localize.strings;
    const client = this.#connection.client;
    const shown = this.#shown;
    if (!client || !shown) return html`<p class="empty">${t.noConversation}</p><slot name="customer-record" hidden></slot>`;
    const masking = this.#masking(shown);
    const messages = masking ? shown.messages.map(maskedMessage) : shown.messages;
    return html`
      <div part="header" class="header">
        <div>
          <h2>${masking ? maskedName(shown.customer.name) : shown.customer.name}</h2>
          <span class="meta">${client.queues.find((q) => q.id === shown.queue)?.name ?? shown.queue} · ${t.conversationStarted(this.#localize.time(shown.startedAt))}</span>
        </div>
        <button part="end-button" @click=${this.#end} ?disabled=${!!shown.ended}>${t.endChat}</button>
      </div>
      <slot name="customer-record"></slot>
      <chat-message-list part="messages" exportparts="list, message, own, other, author, bubble" .messages=${messages} self-id=${client.self?.id ?? ''}>
        ${shown.ended ? endNotice(t, shown.ended, 'agent') : nothing}
      </chat-message-list>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <chat-composer part="composer" exportparts="input, send-button, counter" ?disabled=${!!shown.ended} @chat-message-send=${this.#send}></chat-composer>
    `;
  }

  protected override updated(_changed: PropertyValues<this>) {
    const shown = this.#shown;
    if (!shown) return;
    if (this.#announced?.id !== shown.id) {
      this.#announced = { id: shown.id, ended: !!shown.ended };
      if (!shown.ended) {
        const { id, queue, agent } = shown;
        const customer = this.#masking(shown) ? { ...shown.customer, name: maskedName(shown.customer.name) } : shown.customer;
        this.dispatchEvent(new ChatConversationStartEvent({ conversation: id, queue, customer, agent }));
      }
    } else if (shown.ended && !this.#announced.ended) {
      this.#announced.ended = true;
      this.dispatchEvent(new ChatConversationEndEvent({ conversation: shown.id, reason: shown.ended.reason }));
    }
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

  #end() {
    const shown = this.#shown;
    if (!shown) return;
    this.#connection.client?.send({ type: 'end', conversation: shown.id }).catch((err: Error) => (this.error = err.message));
  }
}
