import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { ChatElement } from '../base/chat-element.js';
import { ClockController } from '../base/clock-controller.js';
import { tokens } from '../base/shared-styles.js';
import { ClientController } from '../client/client-controller.js';
import type { ConversationView } from '../client/conversation-store.js';
import { maskedMessage, maskedName, maskedText } from '../client/masking.js';
import { ChatConversationEndEvent } from '../events/chat-conversation-end.js';
import { ChatConversationStartEvent } from '../events/chat-conversation-start.js';
import type { ChatMessageSendEvent } from '../events/chat-message-send.js';
import { ChatTicketEvent } from '../events/chat-ticket.js';
import type { Attachment, WrapUp } from '../../protocol/common.js';
import type { RequestKind } from '../i18n/translation.js';
import { timelineItems } from '../client/timeline.js';
import { renderRecentPanel } from './recent-panel.js';
import { renderRequestInbox } from './request-inbox.js';
import { renderSessionActions, type AgentPart } from './session-actions.js';
import { renderTargetChooser } from './target-chooser.js';
import { renderWrapUpForm } from './wrap-up-form.js';
import { endNotice } from '../i18n/end-notice.js';
import '../i18n/agent-strings.js';
import { LocalizeController } from '../i18n/localize.js';
import { styles } from './chat-session.styles.js';
import { renderTabs, tabId } from './session-tabs.js';
import { renderChoiceForm } from './choice-form.js';
import { renderCustomerInfo } from './customer-info.js';
import { proactiveMark } from '../agent-queue-bar/proactive-mark.js';
import { UploadsController } from '../client/uploads-controller.js';
import { fillPlaceholders } from '../client/placeholders.js';
import { ChatCustomerOpenEvent } from '../events/chat-customer-open.js';
import type { ChatCallErrorEvent } from '../events/chat-call.js';
import type { CallFailure } from '../chat-call/call-peer.js';
import type { ChatFileRemoveEvent, ChatFilesSelectEvent } from '../events/chat-files.js';
import type { ChatTypingEvent } from '../events/chat-typing.js';

/**
 * @summary The agent's conversations, one tab each: messages and private notes, transfer, invite, release, end with wrap-up, tickets, recent conversations.
 * @tag chat-session
 * @slot customer-record - Where the host CRM shows its own record of the customer.
 * @event {ChatConversationStartEvent} chat-conversation-start - A live conversation appeared; the detail names the customer.
 * @event {ChatConversationEndEvent} chat-conversation-end - A conversation ended, by either side.
 * @event {ChatMessageSendEvent} chat-message-send - The agent sent a message; cancel to keep it unsent.
 * @event {ChatTicketEvent} chat-ticket - The agent created a ticket: the detail holds the transcript for the host CRM.
 * @event {ChatCustomerOpenEvent} chat-customer-open - A conversation came into view: the detail names the customer with what the widget told and the host site signed, for the CRM to look them up.
 * @csspart customer-info - The customer beside the conversation: verified attributes with a lock, answers, page, browser and device.
 * @csspart verified - The attributes the host site signed (W6).
 * @csspart choice-menu-button - Opens the form for a choice menu.
 * @csspart video-call-button - Asks the customer to switch to a video call.
 * @csspart call-status - Waiting for the customer to accept the video call.
 * @csspart call - The video call (`<chat-call>`; its own parts are not exported).
 * @csspart choice-form - The question and its options.
 * @csspart send-choices-button - Sends the choice menu.
 * @csspart tabs - The row of conversation tabs.
 * @csspart tab - One conversation's tab; the selected one is also `tab-selected`.
 * @csspart unread-badge - The number of unread messages on a tab.
 * @csspart header - The row with the customer's name, the timer and the actions.
 * @csspart timer - Time since the conversation was accepted.
 * @csspart proactive - Marks a conversation whose customer accepted an invitation to chat (W10).
 * @csspart release-button - Puts the customer back at the front of the queue.
 * @csspart transfer-button - Opens the choice of an agent or a queue to transfer to.
 * @csspart invite-button - Opens the choice of an agent or a queue to invite.
 * @csspart end-conference-button - Ends the conference: invited agents leave.
 * @csspart leave-button - An invited agent leaves the conversation.
 * @csspart ticket-button - Sends the transcript to the CRM as a ticket.
 * @csspart target-chooser - The filterable lists of agents and queues.
 * @csspart target-button - One agent or queue to choose.
 * @csspart request - A transfer or invitation asked of this agent.
 * @csspart accept-request-button - Accepts it.
 * @csspart decline-request-button - Declines it.
 * @csspart request-status - What became of this agent's own transfer or invitation.
 * @csspart wrap-up-form - Reason, note and tags when ending or after the end.
 * @csspart recent-button - Shows recent conversations.
 * @csspart recent - The recent conversations and a transcript.
 * @csspart end-button - Ends the conversation.
 * @csspart close-tab-button - Closes the tab; asks first while the conversation goes on.
 * @csspart messages - The message list (its own parts are exported: list, message, own, other, private, private-label, notice, author, bubble, attachment, thumbnail, choices, choice, typing).
 * @csspart composer - The composer (its own parts are exported: input, send-button, counter, private-toggle, emoji-button, attach-button, canned-button, canned-list, canned-option, uploads, upload).
 * @cssproperty [--tiski-chat-session-height=100%] - Height of the session.
 * @cssproperty [--tiski-tab-selected-background=var(--tiski-color-accent)] - Background of the selected tab.
 * @cssproperty [--tiski-tab-selected-color=#ffffff] - Text colour of the selected tab.
 * @cssproperty [--tiski-offer-background=#f3f7fe] - Background of a transfer or invitation asked of the agent.
 * @cssproperty [--tiski-status-background=#f0f3f6] - Background of status lines.
 */
export class ChatSession extends ChatElement {
  static override styles = [tokens, styles];

  /** Shows only this conversation, without tabs; unset shows every conversation of the agent in tabs. */
  @property() conversation = '';
  /** Masks personal and payment data in what the customer wrote, whatever the queue's setting (P2). */
  @property({ type: Boolean, reflect: true, attribute: 'mask-pii' }) maskPii = false;

  @state() private selected = '';
  /** Tabs the agent closed, with the conversation's `seq` then: a customer's return after that opens it again (W5). */
  @state() private closedTabs = new Map<string, number>();
  @state() private confirmingClose = false;
  @state() private error = '';
  @state() private notice = '';
  @state() private panel: '' | RequestKind | 'end' | 'recent' | 'choices' = '';
  @state() private choiceOptions: string[] = ['', ''];
  @state() private filter = '';
  @state() private recentSelected = '';
  /**
   * Conversations whose wrap-up the relay acknowledged. An agent who handed a conversation on no
   * longer follows its stream, so the relay's wrapped-up event may never be applied for them.
   */
  @state() private wrappedUp = new Set<string>();

  readonly #connection = new ClientController(this);
  readonly #localize = new LocalizeController(this);
  readonly #clock = new ClockController(this);
  /** The last seq the agent has seen, per conversation, for unread counts. */
  readonly #seen = new Map<string, number>();
  /** Conversations already announced with events, and whether as ended. */
  readonly #announced = new Map<string, boolean>();
  readonly #uploads = new UploadsController(this, () => this.#connection.client, (bytes) => this.#localize.fileSize(bytes));
  /** Queues whose canned responses were asked for in this element's life. */
  readonly #cannedAsked = new Set<string>();
  /** The conversation last announced with chat-customer-open. */
  #openedCustomer = '';

  get #tabs(): ConversationView[] {
    const store = this.#connection.client?.conversations;
    if (!store) return [];
    if (this.conversation) return store.get(this.conversation) ? [store.get(this.conversation)!] : [];
    return store
      .all()
      .filter((c) => (c.reopenedSeq ?? 0) > (this.closedTabs.get(c.id) ?? -1))
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
      // A new conversation takes the view; a question about closing the previous one must not follow it.
      if (fresh && fresh.id !== this.selected) {
        this.selected = fresh.id;
        this.confirmingClose = false;
      }
    }
    const shown = this.#shown;
    if (shown) this.#seen.set(shown.id, shown.seq);
    const client = this.#connection.client;
    if (shown && client?.status === 'open' && !this.#cannedAsked.has(shown.queue)) {
      this.#cannedAsked.add(shown.queue);
      void client.send({ type: 'canned-responses', queue: shown.queue }).catch(() => this.#cannedAsked.delete(shown.queue));
    }
  }

  /** The shown conversation's canned responses with its placeholders filled in, as the agent sees the names. */
  #canned(shown: ConversationView) {
    const client = this.#connection.client!;
    const verified = shown.info?.verified ?? {};
    const values = {
      'customer.name': this.#nameOf(shown),
      'customer.email': verified.email ? (this.#masking(shown) ? maskedText(verified.email) : verified.email) : undefined,
      'agent.name': client.self?.name,
      'queue.name': client.queues.find((q) => q.id === shown.queue)?.name,
    };
    return (client.cannedResponses.get(shown.queue) ?? []).map((r) => ({ title: r.title, text: fillPlaceholders(r.text, values) }));
  }

  /** Owner, invited guest, or an agent who handed it on. */
  #part(conversation: ConversationView): AgentPart {
    const self = this.#connection.client?.self?.id;
    if (conversation.agent.id === self) return 'owner';
    return conversation.guests.some((g) => g.id === self) ? 'guest' : 'former';
  }

  /** Whether this agent handed the conversation on; an invited agent who left did not own it. */
  #handedOver(conversation: ConversationView): boolean {
    const self = this.#connection.client?.self?.id;
    return conversation.timeline.some((e) => e.type === 'agent-left' && e.reason === 'transferred' && e.agent.id === self);
  }

  /** Owners wrap up after the end; agents who transferred it, at once (C12). */
  #needsWrapUp(conversation: ConversationView): boolean {
    const self = this.#connection.client?.self?.id;
    if (this.wrappedUp.has(conversation.id) || conversation.wrapUps.some((w) => w.agent.id === self)) return false;
    const part = this.#part(conversation);
    return (part === 'owner' && !!conversation.ended && conversation.ended.reason !== 'released') || (part === 'former' && this.#handedOver(conversation));
  }

  /** Sends the end or the wrap-up with the wrap-up, and puts the form away once the relay took it. */
  #wrapUp(conversation: string, command: () => Promise<unknown>) {
    this.#run(async () => {
      await command();
      this.wrappedUp = new Set([...this.wrappedUp, conversation]);
      this.notice = this.#localize.strings.wrappedUp;
    });
  }

  override render() {
    const t = this.#localize.strings;
    const client = this.#connection.client;
    const shown = this.#shown;
    const inbox = client
      ? renderRequestInbox([...client.requests.values()], {
          t,
          nameOf: (r) => (this.maskPii || client.queues.find((q) => q.id === r.queue)?.maskPii ? maskedName(r.customer.name) : r.customer.name),
          answer: (request, accept) => this.#run(() => client.send({ type: 'answer-request', request, accept })),
        })
      : nothing;
    const toolbar = client
      ? html`<div class="toolbar"><button part="recent-button" aria-expanded=${this.panel === 'recent' ? 'true' : 'false'} @click=${this.#toggleRecent}>${t.showRecent}</button></div>`
      : nothing;
    if (!client || !shown) {
      return html`${inbox}${toolbar}${this.panel === 'recent' ? this.#recentPanel() : html`<p class="empty">${t.noConversation}</p>`}<slot name="customer-record" hidden></slot>`;
    }
    const tabs = this.#tabs;
    this.#clock.running = tabs.some((c) => !c.ended);
    const masking = this.#masking(shown);
    const messages = timelineItems(shown, t, masking ? maskedMessage : undefined);
    const withTabs = !this.conversation;
    const part = this.#part(shown);
    const participant = part !== 'former' && !shown.ended;
    return html`
      ${inbox}${toolbar}
      ${withTabs ? renderTabs(tabs, { t, selected: shown.id, nameOf: this.#nameOf, unread: this.#unread, select: (id) => this.#select(id) }) : nothing}
      <div class="panel" id="panel" role=${withTabs ? 'tabpanel' : nothing} aria-labelledby=${withTabs ? tabId(shown.id) : nothing}>
        <div part="header" class="header">
          <div>
            <h2>${this.#nameOf(shown)}</h2>
            <span class="meta">
              ${shown.proactive ? html`${proactiveMark(t)} ·` : nothing}
              ${client.queues.find((q) => q.id === shown.queue)?.name ?? shown.queue} · ${t.conversationStarted(this.#localize.time(shown.startedAt))}
              ${shown.ended ? nothing : html` · <span part="timer" class="timer">${t.sinceAccepted(this.#localize.duration(client.now() - shown.startedAt))}</span>`}
            </span>
          </div>
          <div class="actions">${this.confirmingClose ? this.#confirmClose(shown) : renderSessionActions(shown, {
            t,
            part,
            closable: withTabs,
            customerName: this.#nameOf(shown),
            open: (panel) => this.#openPanel(panel),
            command: (type) => this.#run(() => client.send({ type, conversation: shown.id })),
            ticket: () => this.#ticket(shown),
            canTicket: part !== 'former' || this.#handedOver(shown),
            closeTab: () => this.#closeTab(shown, false),
          })}</div>
        </div>
        ${this.#requestStatus(shown)}
        ${this.#callFor(shown)}
        ${this.#panelFor(shown)}
        <div class="conversation">
        <div class="main">
        <chat-message-list
          part="messages"
          exportparts="list, message, own, other, private, private-label, notice, author, bubble, attachment, thumbnail, choices, choice, typing"
          .messages=${messages}
          .answers=${shown.answers}
          .fileUrl=${(file: Attachment) => client.files.url(shown.id, file)}
          .typing=${client.typing.typing(shown.id, client.now(), client.self?.id).map((p) => (p.role === 'customer' ? this.#nameOf(shown) : p.name))}
          self-id=${client.self?.id ?? ''}
        >
          ${shown.ended ? endNotice(t, shown.ended, 'agent') : nothing}
        </chat-message-list>
        ${this.#needsWrapUp(shown) && this.panel !== 'end'
          ? renderWrapUpForm({ t, reasons: this.#reasons(shown), mode: 'save', submit: (wrapUp) => this.#wrapUp(shown.id, () => client.send({ type: 'wrap-up', conversation: shown.id, wrapUp })) })
          : nothing}
        ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <chat-composer
          part="composer"
          exportparts="input, send-button, counter, private-toggle, emoji-button, attach-button, canned-button, canned-list, canned-option, uploads, upload"
          allow-private
          ?allow-files=${!!client.fileLimits}
          accept=${client.fileLimits?.types.join(',') ?? ''}
          .uploads=${this.#uploads.of(shown.id)}
          .cannedResponses=${this.#canned(shown)}
          ?disabled=${!participant}
          @chat-message-send=${this.#send}
          @chat-typing=${(e: ChatTypingEvent) => client.sendVolatile({ type: 'typing', conversation: shown.id, typing: e.detail.typing, private: e.detail.private })}
          @chat-files-select=${(e: ChatFilesSelectEvent) => this.#uploads.add(shown.id, e.detail.files)}
          @chat-file-remove=${(e: ChatFileRemoveEvent) => this.#uploads.remove(e.detail.key)}
        ></chat-composer>
        </div>
        <aside class="side" tabindex="0">
          ${renderCustomerInfo({ t, name: this.#nameOf(shown), info: shown.info, text: (v) => (masking ? maskedText(v) : v) })}
          <slot name="customer-record"></slot>
        </aside>
        </div>
      </div>
    `;
  }

  /** The video call: waiting for the customer's answer, or going on (V1, V5). */
  #callFor(shown: ConversationView) {
    const t = this.#localize.strings;
    const client = this.#connection.client!;
    if (shown.ended || this.#part(shown) !== 'owner' || !shown.call) return nothing;
    if (shown.call.state === 'asked') {
      return html`<p part="call-status" class="request-status" role="status">
        ${t.callWaiting}
        <button @click=${() => this.#run(() => client.send({ type: 'call-end', conversation: shown.id, reason: 'hangup' }))}>${t.withdrawCall}</button>
      </p>`;
    }
    // A new call (after a transfer, say) gets a new element and a new peer connection.
    return keyed(shown.call.seq, html`<chat-call
      part="call"
      .client=${client}
      conversation=${shown.id}
      caller
      remote-name=${this.#nameOf(shown)}
      @chat-call-hangup=${() => this.#hangUp(shown)}
      @chat-call-error=${(e: ChatCallErrorEvent) => this.#callFailed(shown, e.detail.reason)}
    ></chat-call>`);
  }

  /** Hanging up a switched call goes back to text; a video chat cannot (V2), so it ends with a wrap-up. */
  #hangUp(shown: ConversationView) {
    if (shown.media === 'video') this.panel = 'end';
    else this.#run(() => this.#connection.client!.send({ type: 'call-end', conversation: shown.id, reason: 'hangup' }));
  }

  #callFailed(shown: ConversationView, reason: CallFailure) {
    if (shown.media === 'video') return;
    this.#run(() => this.#connection.client!.send({ type: 'call-end', conversation: shown.id, reason: reason === 'failed' ? 'failed' : 'permission-denied' }));
  }

  #confirmClose(shown: ConversationView) {
    const t = this.#localize.strings;
    return html`<span role="alert">${t.confirmCloseTab}</span>
      <button part="confirm-close-button" class="primary" @click=${() => this.#closeTab(shown, true)}>${t.endChat}</button>
      <button @click=${() => (this.confirmingClose = false)}>${t.cancel}</button>`;
  }

  #panelFor(shown: ConversationView) {
    const t = this.#localize.strings;
    const client = this.#connection.client!;
    if (this.panel === 'transfer' || this.panel === 'invite') {
      const kind = this.panel;
      return renderTargetChooser({
        t,
        kind,
        filter: this.filter,
        ...(client.directory ? { directory: client.directory } : {}),
        exclude: [shown.agent.id, ...shown.guests.map((g) => g.id)],
        setFilter: (filter) => (this.filter = filter),
        reload: () => this.#run(() => client.send({ type: 'directory' })),
        choose: (to) => {
          this.panel = '';
          this.#run(() => client.ask(kind, shown.id, to));
        },
        close: () => (this.panel = ''),
      });
    }
    if (this.panel === 'end' && !shown.ended) {
      return renderWrapUpForm({
        t,
        reasons: this.#reasons(shown),
        mode: 'end',
        submit: (wrapUp: WrapUp) => {
          this.panel = '';
          this.#wrapUp(shown.id, () => client.send({ type: 'end', conversation: shown.id, wrapUp }));
        },
        cancel: () => (this.panel = ''),
      });
    }
    if (this.panel === 'recent') return this.#recentPanel();
    if (this.panel === 'choices' && !shown.ended) {
      return renderChoiceForm({
        t,
        options: this.choiceOptions,
        setOptions: (options) => (this.choiceOptions = options),
        send: (question, choices) =>
          this.#run(async () => {
            await client.send({ type: 'send', conversation: shown.id, text: question, choices });
            this.panel = '';
            this.choiceOptions = ['', ''];
          }),
        cancel: () => (this.panel = ''),
      });
    }
    return nothing;
  }

  #recentPanel() {
    const client = this.#connection.client;
    if (!client) return nothing;
    const masking = (queue: string) => this.maskPii || !!client.queues.find((q) => q.id === queue)?.maskPii;
    const shown = client.recent?.find((c) => c.id === this.recentSelected);
    return renderRecentPanel(client.recent, {
      t: this.#localize.strings,
      selected: this.recentSelected,
      time: (at) => this.#localize.time(at),
      nameOf: (name) => (shown && masking(shown.queue) ? maskedName(name) : name),
      textOf: (text) => (shown && masking(shown.queue) ? maskedText(text) : text),
      select: (id) => (this.recentSelected = id),
      close: () => (this.panel = ''),
    });
  }

  #requestStatus(shown: ConversationView) {
    const t = this.#localize.strings;
    const client = this.#connection.client!;
    const sent = client.sentRequests.get(shown.id);
    if (!sent) return nothing;
    if (!sent.outcome) {
      return html`<p part="request-status" class="request-status" role="status">
        ${t.waitingForAnswer(sent.kind)}
        <button @click=${() => this.#run(() => client.send({ type: 'cancel-request', request: sent.id }))}>${t.withdraw}</button>
      </p>`;
    }
    return html`<p part="request-status" class="request-status" role="status">${t.requestOutcome(sent.kind, sent.outcome, sent.by ?? '')}</p>`;
  }

  #reasons(conversation: ConversationView): readonly string[] {
    return this.#connection.client?.queues.find((q) => q.id === conversation.queue)?.wrapUpReasons ?? [];
  }

  #openPanel(panel: RequestKind | 'end' | 'choices') {
    this.panel = this.panel === panel ? '' : panel;
    this.filter = '';
    if (panel === 'transfer' || panel === 'invite') this.#run(() => this.#connection.client!.send({ type: 'directory' }));
  }

  #toggleRecent() {
    this.panel = this.panel === 'recent' ? '' : 'recent';
    if (this.panel === 'recent') this.#run(() => this.#connection.client!.send({ type: 'recent' }));
  }

  #ticket(shown: ConversationView) {
    const t = this.#localize.strings;
    this.#run(async () => {
      await this.#connection.client!.send({ type: 'ticket', conversation: shown.id });
      this.notice = t.ticketCreated;
      this.dispatchEvent(new ChatTicketEvent({ conversation: shown.id, queue: shown.queue, customer: shown.customer, transcript: [...shown.timeline] }));
    });
  }

  #run(action: () => Promise<unknown>) {
    this.error = '';
    this.notice = '';
    action().catch((err: Error) => (this.error = err.message));
  }

  protected override updated() {
    const shown = this.#shown;
    if (shown && shown.id !== this.#openedCustomer) {
      this.#openedCustomer = shown.id;
      const customer = this.#masking(shown) ? { ...shown.customer, name: maskedName(shown.customer.name) } : shown.customer;
      this.dispatchEvent(new ChatCustomerOpenEvent({ conversation: shown.id, queue: shown.queue, customer, ...(shown.info ? { info: shown.info } : {}) }));
    }
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
    if (this.panel !== 'recent') this.panel = '';
    this.error = '';
    this.notice = '';
  }

  /** Closes the tab; a conversation still going on is ended first, after the agent confirms (C2). */
  #closeTab(conversation: ConversationView, confirmed: boolean) {
    // An agent who handed it on or left has nothing to end: the tab just closes.
    if (!conversation.ended && this.#part(conversation) === 'former') {
      this.closedTabs = new Map([...this.closedTabs, [conversation.id, conversation.seq]]);
      return;
    }
    // An invited agent closing the tab leaves the conference; the conversation goes on for the others.
    if (!conversation.ended && this.#part(conversation) === 'guest') {
      this.#run(() => this.#connection.client!.send({ type: 'leave-conversation', conversation: conversation.id }));
      this.closedTabs = new Map([...this.closedTabs, [conversation.id, conversation.seq]]);
      return;
    }
    if (!conversation.ended && !confirmed) {
      this.confirmingClose = true;
      return;
    }
    this.confirmingClose = false;
    if (!conversation.ended) this.#run(() => this.#connection.client!.send({ type: 'end', conversation: conversation.id }));
    this.closedTabs = new Map([...this.closedTabs, [conversation.id, conversation.seq]]);
  }


  #send(e: ChatMessageSendEvent) {
    const shown = this.#shown;
    const client = this.#connection.client;
    if (!shown || !client) return;
    this.error = '';
    const files = this.#uploads.ready(shown.id).map((f) => f.id);
    client
      .send({
        type: 'send',
        conversation: shown.id,
        text: e.detail.text,
        ...(e.detail.private ? { private: true } : {}),
        ...(files.length ? { attachments: files } : {}),
      })
      .then(
        () => this.#uploads.clear(shown.id),
        (err: Error) => (this.error = this.#localize.strings.sendFailed(err.message)),
      );
  }
}
