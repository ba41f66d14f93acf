import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { ConversationView } from '../client/conversation-store.js';
import type { SurveyProblem } from '../../protocol/survey-rules.js';
import type { JoinDetails } from './start-form.js';
import type { ServerEvent } from '../../protocol/events.js';
import { limits } from '../../protocol/limits.js';
import { ChatElement } from '../base/chat-element.js';
import { ClockController } from '../base/clock-controller.js';
import { tokens } from '../base/shared-styles.js';
import { relayUrl } from '../client/relay-url.js';
import { timelineItems } from '../client/timeline.js';
import { TiskiClient } from '../client/tiski-client.js';
import type { ClientError } from '../client/client-error.js';
import { ChatConversationEndEvent } from '../events/chat-conversation-end.js';
import { ChatConversationStartEvent } from '../events/chat-conversation-start.js';
import type { ChatMessageSendEvent } from '../events/chat-message-send.js';
import type { Attachment } from '../../protocol/common.js';
import type { UploadsController } from '../client/uploads-controller.js';
import type { ChatChoiceEvent } from '../events/chat-choice.js';
import type { ChatFileRemoveEvent, ChatFilesSelectEvent } from '../events/chat-files.js';
import { ChatIdentityErrorEvent } from '../events/chat-identity-error.js';
import type { ChatCallErrorEvent } from '../events/chat-call.js';
import type { CallFailure } from '../chat-call/call-peer.js';
import type { ChatTypingEvent } from '../events/chat-typing.js';
import { endNotice } from '../i18n/end-notice.js';
import '../i18n/launcher-strings.js';
import { LocalizeController } from '../i18n/localize.js';
import type { CustomerStrings } from '../i18n/translation.js';
import { styles } from './chat-widget.styles.js';
import { InvitationsController } from './invitations-controller.js';

type ConversationViewModule = typeof import('./conversation-elements.js');

/**
 * @summary The customer's chat on a website: a launcher, a queue choice, the wait in line, the conversation and its end.
 * @tag chat-widget
 * @event {ChatConversationStartEvent} chat-conversation-start - An agent took the customer's chat, or carries it on after the customer returned to it.
 * @event {ChatConversationEndEvent} chat-conversation-end - The conversation ended, by either side.
 * @event {ChatMessageSendEvent} chat-message-send - The customer sent a message; cancel to keep it unsent.
 * @event {ChatIdentityErrorEvent} chat-identity-error - The relay refused `identity-token` (tampered, expired, or no identity secret); the customer goes on unverified.
 * @csspart launcher - The button that opens the chat window.
 * @csspart invitation - An invitation to chat above the launcher, from the site or an agent (W10; with `proactive`).
 * @csspart accept-invitation-button - Accepts it: the chat opens in the invitation's queue.
 * @csspart dismiss-invitation-button - Not now.
 * @csspart window - The chat window.
 * @csspart header - The window's title bar.
 * @csspart close-button - The X in the title bar: closes the window, and leaves the queue while waiting.
 * @csspart start-form - The queue choice and name form.
 * @csspart survey-field - One question of the queue's pre-chat survey, with its label (W1).
 * @csspart start-button - The button that joins the queue.
 * @csspart start-video-button - Joins the queue for a video chat, where the queue allows it (V3).
 * @csspart call-prompt - The agent asks to switch to video: accept or stay with text.
 * @csspart accept-call-button - Accepts the video call.
 * @csspart decline-call-button - Declines it; the chat goes on.
 * @csspart call - The video call (`<chat-call>`).
 * @csspart offline-form - The message form shown instead of the start form while the queue is closed or nobody is available (Q8).
 * @csspart offline-send-button - Sends the message.
 * @csspart offline-thanks - Confirms the message was sent.
 * @csspart queue-choice - The queue choice above the message form.
 * @csspart typical-wait - How long customers of the queue usually wait (W2).
 * @csspart chat-times - When the customer joined, how long they waited, when service began and ended (W4).
 * @csspart end-view - After the end: the transcript download and the rating.
 * @csspart return-button - Back into the ended chat, which goes on, where the queue allows it (W5).
 * @csspart transcript-button - Downloads the conversation as a text file (no private messages, ever).
 * @csspart rating-form - 1 to 5 stars and an optional comment.
 * @csspart rating-button - Sends the rating.
 * @csspart rating-thanks - Thanks for the rating.
 * @csspart waiting - The place in line and the elapsed wait.
 * @csspart leave-button - Leaves the queue.
 * @csspart end-button - Ends the conversation, after a confirmation.
 * @csspart confirm-end-button - Confirms the end.
 * @csspart keep-chatting-button - Takes the end back: the chat goes on.
 * @csspart new-chat-button - After the end: puts the chat away (in every tab of the site) and shows the start form.
 * @csspart messages - The message list (its parts exported: list, message, own, other, author, bubble, attachment, thumbnail, choices, choice-button, choice, typing).
 * @csspart composer - The composer (its parts exported: input, send-button, counter, emoji-button, attach-button, uploads, upload).
 * @cssproperty [--tiski-color-accent=#1f5fbf] - Brand colour: launcher, header, own bubbles.
 * @cssproperty [--tiski-color-on-accent=#ffffff] - Text on the brand colour.
 * @cssproperty [--tiski-color-surface=#ffffff] - Background of the window.
 * @cssproperty [--tiski-color-text=#1b1f24] - Text colour.
 * @cssproperty [--tiski-color-muted=#57606a] - Secondary text: times, hints.
 * @cssproperty [--tiski-color-border=#d0d7de] - Borders and separators.
 * @cssproperty [--tiski-color-danger=#b3261e] - Errors and refusals.
 * @cssproperty [--tiski-radius=8px] - Corner radius of the window, bubbles and controls.
 * @cssproperty [--tiski-font-family=system-ui, sans-serif] - The widget's typeface. The page cannot restyle the widget's own box (its resets, fonts and sizes stop at the shadow root); sizes follow the reader's default font size, not the page's root size.
 * @cssproperty [--tiski-chat-widget-width=22em] - Width of the window.
 * @cssproperty [--tiski-chat-widget-height=32em] - Height of the window.
 * @cssproperty [--tiski-chat-widget-offset-x=1.25em] - Distance from the inline end of the page: the right edge, the left in right-to-left pages.
 * @cssproperty [--tiski-chat-widget-offset-y=1.25em] - Distance from the bottom of the page.
 * @cssproperty [--tiski-chat-widget-z-index=2147483000] - Stacking order on the host page.
 * @cssproperty [--tiski-chat-widget-header-background=var(--tiski-color-accent)] - Background of the title bar.
 * @cssproperty [--tiski-chat-widget-header-color=#ffffff] - Text colour of the title bar.
 */
export class ChatWidget extends ChatElement {
  static override styles = [tokens, styles];

  /** The relay's WebSocket URL; defaults to `/ws` on the page's own host. */
  @property() url = '';
  /** A fixed queue id; unset lets the customer choose among the relay's queues. */
  @property() queue = '';
  /** Whether the chat window is open. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Lays the widget out in the page's flow instead of floating in a corner. */
  @property({ type: Boolean, reflect: true }) inline = false;
  /**
   * The customer's identity as the host site's backend signed it (W6): an HS256 JWT made with the
   * relay's identity secret. Agents see its attributes with a lock; a refused one fires `chat-identity-error`.
   */
  @property({ attribute: 'identity-token' }) identityToken = '';
  /** Keeps the page address, referrer, language and browser from agents (C4). */
  @property({ type: Boolean, attribute: 'no-page-info' }) noPageInfo = false;
  /**
   * Proactive chat (W10): connects when the page loads, tells agents which page the visitor is on
   * (its path, title and language) and shows the site's and agents' invitations to chat above the
   * launcher. Nothing is written to storage until the customer opens the chat.
   */
  @property({ type: Boolean }) proactive = false;

  @state() private confirmingEnd = false;
  @state() private error = '';
  @state() private chosenQueue = '';
  /** What was wrong with the start form's fields at the last try (W1). */
  @state() private surveyProblems: ReadonlyMap<string, SurveyProblem> = new Map();
  /** Queues this customer left a message for while nobody could chat (Q8). */
  @state() private contacted = new Set<string>();
  /** Whether the queues' status was asked for since the start form last showed. */
  #askedStatus = false;
  /** Conversations this customer rated here. */
  @state() private rated = new Set<string>();

  #client?: TiskiClient;
  /** The conversation view's code, once its chunk has loaded. */
  #view?: ConversationViewModule;
  readonly #localize = new LocalizeController<CustomerStrings>(this);
  /** Files being attached; made with the conversation view's code, which it belongs to. */
  #uploads?: UploadsController;
  readonly #onIdentity = (e: Event) => {
    const identity = (e as CustomEvent<ServerEvent<'identity'>>).detail;
    if (!identity.verified && identity.code) this.dispatchEvent(new ChatIdentityErrorEvent({ code: identity.code, message: identity.message ?? '' }));
  };
  readonly #clock = new ClockController(this);
  readonly #invitations = new InvitationsController(
    this,
    () => this.#client,
    () => this.#localize.strings,
    () => this.#localize.lang,
  );
  readonly #onChange = () => {
    const client = this.#client;
    if (client) this.#invitations.clientChanged(client);
    const active = !!client && (!!client.waiting || client.conversations.all().some((c) => !c.ended));
    // A reload, or another tab of the site starting a chat: this tab shows it too.
    if (active && !this.#wasActive && client.status === 'open') this.open = true;
    if (client?.status === 'open') this.#wasActive = active;
    this.requestUpdate();
  };
  /** Whether the customer was waiting or chatting at the last change. */
  #wasActive = false;
  /** Another tab of the site wrote the resume token (the customer opened the chat there) or put a chat away. */
  readonly #onStorage = (e: StorageEvent) => {
    if (e.key === this.#resumeKey && e.newValue) {
      // A visitor's connection of this tab (W10) gives way to the customer of the other.
      const client = this.#client;
      if (client && !client.persistsResume && !client.waiting && !client.conversations.all().length) this.#dropClient();
      if (!this.#client) this.#ensureClient();
    }
    if (e.key === this.#dismissedKey) this.dismissed = new Set(readList(e.newValue));
  };
  /** Ended conversations put away with "Start a new chat", in every tab of the site: a replay does not bring them back. */
  @state() private dismissed = new Set<string>();
  #announced?: { id: string; ended: boolean };

  /** The connection, once the widget was opened or had a chat to resume. */
  get client(): TiskiClient | undefined {
    return this.#client;
  }

  get #resumeKey() {
    return `tiski:resume:${relayUrl(this.url)}`;
  }

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('storage', this.#onStorage);
    // Nothing is read from the network, or written to storage, before the customer opens the chat here or in another tab.
    this.dismissed = new Set(readList(storageGet(this.#dismissedKey)));
    if (this.open || storageGet(this.#resumeKey) !== null) this.#ensureClient();
    else if (this.proactive) this.#ensureClient(false);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('storage', this.#onStorage);
    this.#dropClient();
  }

  #dropClient() {
    this.#client?.removeEventListener('change', this.#onChange);
    this.#client?.removeEventListener('identity', this.#onIdentity);
    this.#client?.close();
    this.#client = undefined;
    this.#wasActive = false;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('open') && this.open) {
      // Each opening asks again whether the queues take chats now.
      this.#askedStatus = false;
      if (this.#client) this.#client.queueStatus = undefined;
      this.#ensureClient().persistResume();
      void import('./conversation-elements.js').then((view) => {
        this.#view = view;
        this.#uploads ??= new view.UploadsController(this, () => this.#client, (bytes) => this.#localize.fileSize(bytes));
        this.requestUpdate();
      });
    }
  }

  /** The connection; a visitor's (`persist` false) keeps its resume token out of storage until the chat opens. */
  #ensureClient(persist = true): TiskiClient {
    if (!this.#client) {
      this.#client = new TiskiClient({ url: relayUrl(this.url), role: 'customer', persistResume: persist });
      this.#client.addEventListener('change', this.#onChange);
      this.#client.addEventListener('identity', this.#onIdentity);
      this.#client.connect();
    }
    return this.#client;
  }

  /** The newest conversation the customer has not put away with "Start a new chat". */
  get #conversation(): ConversationView | undefined {
    return this.#client?.conversations.all().find((c) => !this.dismissed.has(c.id));
  }

  get #dismissedKey() {
    return `tiski:dismissed:${relayUrl(this.url)}`;
  }

  override render() {
    const t = this.#localize.strings;
    if (!this.open) {
      return html`${this.#invitation()}<button part="launcher" class="launcher primary" aria-expanded="false" @click=${() => (this.open = true)}>${t.openChat}</button>`;
    }
    return html`
      <section part="window" class="window" role="dialog" aria-label=${t.chatTitle} tabindex="-1" @keydown=${this.#onKeydown}>
        <header part="header">
          <h2>${this.#title()}</h2>
          <button part="close-button" aria-label=${t.closeChat} @click=${this.#close}>✕</button>
        </header>
        <div class="body">${this.#body()}</div>
      </section>
    `;
  }

  /** An invitation to chat above the launcher (W10): accepting opens the chat in its queue. */
  #invitation() {
    const invitation = this.#invitations.shown;
    if (!invitation) return nothing;
    const t = this.#localize.strings;
    return html`<section part="invitation" class="invitation" aria-label=${t.invitationTitle}>
      <p aria-live="polite">${invitation.text}</p>
      <div>
        <button part="accept-invitation-button" class="primary" @click=${() => (this.#invitations.accept(invitation), (this.open = true))}>${t.acceptInvitation}</button>
        <button part="dismiss-invitation-button" @click=${() => this.#invitations.dismiss(invitation)}>${t.dismissInvitation}</button>
      </div>
    </section>`;
  }

  #title() {
    const t = this.#localize.strings;
    const conversation = this.#conversation;
    return conversation && !conversation.ended && this.#view ? t.chatWith(conversation.agent.name) : t.chatTitle;
  }

  #body() {
    const t = this.#localize.strings;
    const client = this.#client;
    const conversation = this.#conversation;
    this.#clock.running = !!client?.waiting || (!!conversation && !conversation.ended && client!.typing.typing(conversation.id, client!.now(), client!.self?.id).length > 0);
    // Asked while the conversation view's chunk loads, not after.
    if (client?.status === 'open' && !client.waiting && !conversation) this.#askQueueStatus(client);
    // Until the conversation view's chunk is here, so are only the launcher's strings.
    if (!this.#view || !client || client.status === 'connecting' || client.status === 'idle') return html`<p class="pane muted" role="status">${t.connecting}</p>`;
    if (client.status === 'refused') return html`<p class="pane error" role="alert">${t.connectionRefused(client.lastError?.message ?? '')}</p>`;
    const reconnecting = client.status === 'reconnecting' ? html`<p class="pane muted" role="status">${t.reconnecting}</p>` : nothing;
    if (client.waiting) return html`${reconnecting}${this.#waitingView(client)}`;
    if (conversation) return html`${reconnecting}${this.#chatView(client, conversation, this.#view)}`;
    return html`${reconnecting}${this.#startForm(client, this.#view)}`;
  }

  #askQueueStatus(client: TiskiClient) {
    if (client.queueStatus || this.#askedStatus) return;
    this.#askedStatus = true;
    void client.send({ type: 'queue-status' }).catch(() => (this.#askedStatus = false));
  }

  #startForm(client: TiskiClient, view: ConversationViewModule) {
    const t = this.#localize.strings;
    const fixed = client.queues.find((q) => q.id === (this.#invitations.accepted?.queue ?? this.queue));
    const chosen = fixed?.id ?? (this.chosenQueue || client.queues[0]?.id || '');
    // Until the relay says whether the queues take chats, neither form: one must not replace the other under the customer.
    if (!client.queueStatus) return html`<p class="pane muted" role="status">${t.connecting}</p>`;
    const status = client.queueStatus.find((q) => q.id === chosen);
    const choice = fixed ? nothing : view.renderQueueChoice(t, client.queues, chosen, (queue) => ((this.chosenQueue = queue), (this.surveyProblems = new Map())));
    if (status && (!status.open || !status.staffed)) {
      const opensAt = status.opensAt === undefined ? undefined : this.#localize.dateTime(status.opensAt);
      return html`${choice}${view.renderOfflineForm({
        t,
        opensAt,
        sent: this.contacted.has(chosen),
        error: this.error,
        send: (contact) =>
          void this.#run(async () => {
            await client.send({ type: 'offline-contact', queue: chosen, ...contact });
            this.contacted = new Set([...this.contacted, chosen]);
          }),
      })}`;
    }
    const removed = client.queueRemoved ? html`<p class="pane error" role="alert">${t.queueRemoved}</p>` : nothing;
    return html`${removed}${view.renderStartForm({
      t,
      lang: this.#localize.lang,
      queue: client.queues.find((q) => q.id === chosen),
      queueChoice: choice,
      problems: this.surveyProblems,
      error: this.error,
      invalid: (problems) => ((this.surveyProblems = problems), this.updateComplete),
      join: (details) => this.#join(chosen, details),
    })}`;
  }

  #waitingView(client: TiskiClient) {
    const t = this.#localize.strings;
    const waiting = client.waiting!;
    return html`<div part="waiting" class="pane" role="status" tabindex="-1">
      <strong>${t.waitingTitle}</strong>
      <span class="place">${t.placeInLine(waiting.position)}</span>
      <span class="muted">${t.waitedFor(this.#localize.duration(client.now() - waiting.joinedAt))}</span>
      ${waiting.typicalWait === undefined ? nothing : html`<span part="typical-wait" class="muted">${t.typicalWait(this.#localize.duration(waiting.typicalWait * 1000))}</span>`}
      <button part="leave-button" @click=${this.#leave}>${t.leaveQueue}</button>
    </div>`;
  }

  #chatView(client: TiskiClient, conversation: ConversationView, view: ConversationViewModule) {
    const t = this.#localize.strings;
    const ended = conversation.ended;
    const messages = timelineItems(conversation, t, (m) => {
      const typed = client.ownText(m.messageId);
      return typed === undefined || typed === m.text ? m : { ...m, text: typed };
    });
    return html`
      <p part="chat-times" class="chat-times">
        ${t.chatTimes(this.#localize.time(conversation.joinedAt), this.#localize.duration(conversation.startedAt - conversation.joinedAt), this.#localize.time(conversation.startedAt))}${ended
          ? t.endedAt(this.#localize.time(ended.at))
          : ''}
      </p>
      <div class="toolbar">
        ${ended
          ? html`<button part="new-chat-button" @click=${this.#startOver}>${t.startNewChat}</button>`
          : this.confirmingEnd
            ? html`<span role="alert">${t.confirmEnd}</span>
                <button part="confirm-end-button" class="primary" @click=${this.#end}>${t.endChat}</button>
                <button part="keep-chatting-button" @click=${() => (this.confirmingEnd = false)}>${t.keepChatting}</button>`
            : html`<button part="end-button" @click=${() => (this.confirmingEnd = true)}>${t.endChat}</button>`}
      </div>
      ${ended ? nothing : this.#callView(client, conversation)}
      <chat-message-list
        part="messages"
        exportparts="list, message, own, other, author, bubble, attachment, thumbnail, choices, choice-button, choice, typing"
        .messages=${messages}
        .answers=${conversation.answers}
        .fileUrl=${(file: Attachment) => client.files.url(conversation.id, file)}
        .typing=${client.typing.typing(conversation.id, client.now(), client.self?.id).map((p) => p.name)}
        choosable
        self-id=${client.self?.id ?? ''}
        @chat-choice=${(e: ChatChoiceEvent) => this.#run(() => client.send({ type: 'choose', conversation: conversation.id, message: e.detail.message, option: e.detail.option }))}
      >
        ${ended ? endNotice(t, ended, 'customer') : nothing}
      </chat-message-list>
      ${ended
        ? view.renderEndView({
            t,
            rated: this.rated.has(conversation.id),
            download: () => this.#downloadTranscript(client, conversation),
            returnToChat: this.#mayReturn(client, conversation)
              ? () => this.#run(() => client.send({ type: 'return-to-chat', conversation: conversation.id }))
              : undefined,
            rate: (stars, comment) =>
              this.#run(async () => {
                await client.send({ type: 'rate', conversation: conversation.id, stars, ...(comment ? { comment } : {}) });
                this.rated = new Set([...this.rated, conversation.id]);
              }),
          })
        : nothing}
      ${this.error ? html`<p class="pane error" role="alert">${this.error}</p>` : nothing}
      <chat-composer
        part="composer"
        exportparts="input, send-button, counter, emoji-button, attach-button, uploads, upload"
        ?disabled=${!!ended}
        ?allow-files=${!!client.fileLimits}
        accept=${client.fileLimits?.types.join(',') ?? ''}
        .uploads=${this.#uploads?.of(conversation.id) ?? []}
        @chat-message-send=${this.#send}
        @chat-typing=${(e: ChatTypingEvent) => client.sendVolatile({ type: 'typing', conversation: conversation.id, typing: e.detail.typing })}
        @chat-files-select=${(e: ChatFilesSelectEvent) => this.#uploads?.add(conversation.id, e.detail.files)}
        @chat-file-remove=${(e: ChatFileRemoveEvent) => this.#uploads?.remove(e.detail.key)}
      ></chat-composer>
    `;
  }

  /** The agent's request to switch to video, or the call itself (V1, V3, V5). */
  #callView(client: TiskiClient, conversation: ConversationView) {
    const t = this.#localize.strings;
    const call = conversation.call;
    if (!call) return nothing;
    if (call.state === 'asked') {
      const answer = (accept: boolean) => this.#run(() => client.send({ type: 'call-answer', conversation: conversation.id, accept }));
      return html`<div part="call-prompt" class="pane call-prompt" role="alert">
        <span>${t.callAsked(conversation.agent.name)}</span>
        <button part="accept-call-button" class="primary" @click=${() => answer(true)}>${t.acceptCall}</button>
        <button part="decline-call-button" @click=${() => answer(false)}>${t.declineCall}</button>
      </div>`;
    }
    void import('../chat-call/define.js');
    // A new call (after a transfer, say) gets a new element and a new peer connection.
    return keyed(call.seq, html`<chat-call
      part="call"
      .client=${client}
      conversation=${conversation.id}
      remote-name=${conversation.agent.name}
      @chat-call-hangup=${() => this.#hangUp(client, conversation)}
      @chat-call-error=${(e: ChatCallErrorEvent) => this.#callFailed(client, conversation, e.detail.reason)}
    ></chat-call>`);
  }

  /** Whether the queue still lets the customer back into this ended chat (W5); the relay decides in the end. */
  #mayReturn(client: TiskiClient, conversation: ConversationView): boolean {
    const minutes = client.queues.find((q) => q.id === conversation.queue)?.returnMinutes;
    const ended = conversation.ended;
    return !!minutes && !!ended && (ended.reason === 'customer-ended' || ended.reason === 'agent-ended') && client.now() - ended.at < minutes * 60_000;
  }

  /** Saves the conversation as a text file: the customer's own stream, never private messages (W5). */
  #downloadTranscript(client: TiskiClient, conversation: ConversationView) {
    const date = new Date(conversation.startedAt).toISOString().slice(0, 10);
    const text = this.#view!.transcriptText(conversation, this.#localize.strings, (at) => this.#localize.time(at), date, client.self?.id ?? '');
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `chat-${date}.txt`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  /** Hanging up a switched call goes back to text; a video chat cannot (V2): it asks to end the chat. */
  #hangUp(client: TiskiClient, conversation: ConversationView) {
    if (conversation.media === 'video') this.confirmingEnd = true;
    else this.#run(() => client.send({ type: 'call-end', conversation: conversation.id, reason: 'hangup' }));
  }

  #callFailed(client: TiskiClient, conversation: ConversationView, reason: CallFailure) {
    if (conversation.media === 'video') return;
    void this.#run(() => client.send({ type: 'call-end', conversation: conversation.id, reason: reason === 'failed' ? 'failed' : 'permission-denied' }));
  }

  protected override updated(changed: PropertyValues<this>) {
    this.#followFocus(changed);
    const conversation = this.#conversation;
    if (!conversation) return;
    if (this.#announced?.id !== conversation.id) {
      this.#announced = { id: conversation.id, ended: !!conversation.ended };
      const { id, queue, customer, agent } = conversation;
      if (!conversation.ended) this.dispatchEvent(new ChatConversationStartEvent({ conversation: id, queue, customer, agent }));
    } else if (conversation.ended && !this.#announced.ended) {
      this.#announced.ended = true;
      this.dispatchEvent(new ChatConversationEndEvent({ conversation: conversation.id, reason: conversation.ended.reason }));
    } else if (!conversation.ended && this.#announced.ended) {
      // Back in the chat after its end (W5): it starts again, with whoever carries it on.
      this.#announced.ended = false;
      const { id, queue, customer, agent } = conversation;
      this.dispatchEvent(new ChatConversationStartEvent({ conversation: id, queue, customer, agent }));
    }
  }

  /**
   * Focus follows the window: into it on opening and whenever what it shows replaced the focused
   * element (the form became the line, the line the chat), back to the launcher on closing. It
   * never leaves an element the customer is using, here or on the page.
   */
  #followFocus(changed: PropertyValues<this>) {
    const root = this.renderRoot as ShadowRoot;
    const lost = (document.activeElement === document.body || document.activeElement === this) && (!root.activeElement || root.activeElement.matches('[part=window], [part=launcher]'));
    if (!this.open) {
      if (changed.get('open') && lost) root.querySelector<HTMLElement>('[part=launcher]')?.focus();
      return;
    }
    if (!lost) return;
    const target =
      root.querySelector<HTMLElement>('[part=confirm-end-button]') ??
      root.querySelector<HTMLElement>('[part=end-view] button') ??
      root.querySelector<HTMLElement>('chat-composer:not([disabled])') ??
      root.querySelector<HTMLElement>('.body :is(input, select, textarea, button, [tabindex="-1"])') ??
      root.querySelector<HTMLElement>('[part=window]');
    target?.focus();
  }

  /** Escape puts the window away, as the launcher brings it back: waiting and chatting go on. */
  #onKeydown(e: KeyboardEvent) {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    this.confirmingEnd = false;
    this.open = false;
  }

  async #run(action: () => Promise<unknown>) {
    this.error = '';
    try {
      await action();
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  #join(queue: string, { name, message, survey, video }: JoinDetails) {
    const info = this.noPageInfo
      ? undefined
      : { page: location.href.slice(0, limits.pageInfoLength), referrer: document.referrer.slice(0, limits.pageInfoLength), language: navigator.language, userAgent: navigator.userAgent.slice(0, 512) };
    const client = this.#ensureClient();
    void this.#run(() =>
      client.send({
        type: 'join',
        queue,
        name,
        ...(message ? { message } : {}),
        ...(Object.keys(survey).length ? { survey } : {}),
        ...(info ? { info } : {}),
        ...(this.identityToken ? { identity: this.identityToken } : {}),
        ...(video ? { media: 'video' as const } : {}),
        ...(this.#invitations.accepted?.queue === queue ? { invitation: this.#invitations.accepted.id } : {}),
      }).then(() => {
        delete this.#invitations.accepted;
        client.queueRemoved = false;
      }).catch((error: ClientError) => {
        // Closed since the form was shown: ask again, and the message form takes its place.
        if (error.code === 'queue-closed' && this.#client) {
          this.#client.queueStatus = undefined;
          this.#askedStatus = false;
        }
        throw error;
      }),
    );
  }

  #leave() {
    void this.#run(() => this.#ensureClient().send({ type: 'leave' }));
  }

  #send(e: ChatMessageSendEvent) {
    const conversation = this.#conversation;
    if (!conversation) return;
    const files = this.#uploads?.ready(conversation.id).map((f) => f.id) ?? [];
    void this.#run(async () => {
      await this.#ensureClient().send({ type: 'send', conversation: conversation.id, text: e.detail.text, ...(files.length ? { attachments: files } : {}) });
      this.#uploads?.clear(conversation.id);
    });
  }

  #end() {
    const conversation = this.#conversation;
    this.confirmingEnd = false;
    if (conversation) void this.#run(() => this.#ensureClient().send({ type: 'end', conversation: conversation.id }));
  }

  /** After an ended chat: put it away, here and in the site's other tabs, and show the start form again. */
  #startOver() {
    const conversation = this.#conversation;
    if (!conversation) return;
    this.dismissed = new Set([...this.dismissed, conversation.id].slice(-50));
    try {
      localStorage.setItem(this.#dismissedKey, JSON.stringify([...this.dismissed]));
    } catch {
      // Storage refused: this tab still starts over.
    }
  }

  /** X: leaves the queue at once while waiting (W2), then closes the window. */
  #close() {
    delete this.#invitations.accepted;
    if (this.#client?.waiting) this.#leave();
    this.confirmingEnd = false;
    this.open = false;
  }
}

function storageGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function readList(json: string | null): string[] {
  try {
    const list: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
