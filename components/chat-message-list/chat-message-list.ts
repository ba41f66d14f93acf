import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Attachment } from '../../protocol/common.js';
import type { MessageEvent } from '../../protocol/events.js';
import { ChatChoiceEvent } from '../events/chat-choice.js';

/** A line between the messages: someone joined or left. */
export interface NoticeItem {
  type: 'notice';
  seq: number;
  text: string;
}

export type MessageListItem = MessageEvent | NoticeItem;
import { ChatElement } from '../base/chat-element.js';
import { tokens } from '../base/shared-styles.js';
import '../i18n/customer-strings.js';
import { LocalizeController } from '../i18n/localize.js';
import type { CustomerStrings } from '../i18n/translation.js';
import { styles } from './chat-message-list.styles.js';
import { renderAttachments, renderChoices, type ExtrasContext } from './message-extras.js';

const eyeIcon = html`<svg aria-hidden="true" viewBox="0 0 24 24" width="14" height="14"><path fill="currentColor" d="M12 5C6.5 5 2.7 9.1 1.5 12c1.2 2.9 5 7 10.5 7s9.3-4.1 10.5-7C21.3 9.1 17.5 5 12 5zm0 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8zm0-2.2a1.8 1.8 0 1 0 0-3.6 1.8 1.8 0 0 0 0 3.6z"/></svg>`;

/**
 * @summary The messages of one conversation: own on one side, others on the other, the author above each bubble.
 * @tag chat-message-list
 * @slot - A notice shown after the messages (e.g. "the chat has ended").
 * @csspart list - The ordered list of messages.
 * @csspart message - One message, with `own` or `other` as a further part, and `private` for agents-only ones.
 * @csspart private-label - The eye icon and word on a private message.
 * @csspart notice - A line saying who joined or left.
 * @csspart author - The author's name above a bubble.
 * @csspart bubble - The bubble holding the text.
 * @csspart attachments - The files of a message.
 * @csspart attachment - One file: a thumbnail for images, a download link otherwise.
 * @csspart thumbnail - An image's thumbnail.
 * @csspart choices - The options of a choice menu.
 * @csspart choice-button - An option the customer may choose.
 * @csspart choice - An option of an answered (locked) menu; the chosen one is also `chosen-choice`.
 * @csspart typing - The line saying who is typing.
 * @event {ChatChoiceEvent} chat-choice - The reader chose an option of a choice menu.
 * @cssproperty [--tiski-bubble-own-background=var(--tiski-color-accent)] - Background of own bubbles.
 * @cssproperty [--tiski-bubble-own-color=#ffffff] - Text colour of own bubbles.
 * @cssproperty [--tiski-bubble-other-background=#eef1f4] - Background of the other side's bubbles.
 * @cssproperty [--tiski-bubble-other-color=var(--tiski-color-text)] - Text colour of the other side's bubbles.
 * @cssproperty [--tiski-bubble-private-background=#fff3c4] - Background of private messages (agents only).
 */
export class ChatMessageList extends ChatElement {
  static override styles = [tokens, styles];

  /** Messages and notices in `seq` order. Their text is always rendered as text. */
  @property({ attribute: false }) messages: readonly MessageListItem[] = [];
  /** The id of the person viewing; their messages go on the own side. */
  @property({ attribute: 'self-id' }) selfId = '';
  /** The URL of a file, or undefined while it cannot be fetched yet. */
  @property({ attribute: false }) fileUrl?: (file: Attachment) => string | undefined;
  /** The reader answers choice menus (the customer): unanswered options are buttons. */
  @property({ type: Boolean }) choosable = false;
  /** Answered choice menus: the option chosen by menu message id. */
  @property({ attribute: false }) answers: ReadonlyMap<string, number> = new Map();
  /** Names of those typing now. */
  @property({ attribute: false }) typing: readonly string[] = [];

  readonly #localize = new LocalizeController<CustomerStrings>(this);

  override connectedCallback() {
    super.connectedCallback();
    // The list scrolls, and may hold nothing focusable: keyboard users reach it to scroll it.
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
  }

  override render() {
    const t = this.#localize.strings;
    const extras: ExtrasContext = {
      t,
      fileSize: (bytes) => this.#localize.fileSize(bytes),
      fileUrl: this.fileUrl,
      choosable: this.choosable,
      answers: this.answers,
      choose: (message, option) => this.dispatchEvent(new ChatChoiceEvent({ message: message.messageId, option, text: message.choices?.[option] ?? '' })),
    };
    return html`
      <div role="log" aria-live="polite" aria-relevant="additions">
      <ol part="list">
        ${repeat(
          this.messages,
          (m) => m.seq,
          (m) => {
            if (m.type === 'notice') return html`<li part="notice" class="notice-line" data-seq=${m.seq}>${m.text}</li>`;
            const own = m.author.id === this.selfId;
            const parts = `message ${own ? 'own' : 'other'}${m.private ? ' private' : ''}`;
            return html`<li part=${parts} class=${m.private ? `${own ? 'own' : 'other'} private` : own ? 'own' : 'other'} data-seq=${m.seq}>
              <span part="author" class="author">${own ? t.you : m.author.name}</span>
              ${m.text || m.private
                ? html`<span part="bubble" class="bubble"
                    >${m.private ? html`<span part="private-label" class="private-label">${eyeIcon} ${t.privateLabel}</span>` : ''}<span class="text">${m.text}</span></span
                  >`
                : ''}
              ${m.attachments?.length ? renderAttachments(m.attachments, extras) : ''}
              ${m.choices?.length ? renderChoices(m, extras) : ''}
            </li>`;
          },
        )}
      </ol>
      <p class="notice"><slot></slot></p>
      </div>
      ${this.typing.length ? html`<p part="typing" class="typing">${t.typing([...this.typing])}</p>` : ''}
    `;
  }

  /** The last item shown, and whether the reader was at the bottom before this update. */
  #lastSeq = -1;
  #atBottom = true;

  protected override willUpdate() {
    this.#atBottom = this.scrollHeight - this.scrollTop - this.clientHeight < 40;
  }

  /**
   * Follows new messages only: a re-render with the same items (a ticking clock above) leaves the
   * scroll alone, and a reader who scrolled up to read back is not pulled down.
   */
  protected override updated(changed: PropertyValues<this>) {
    if (!changed.has('messages')) return;
    const last = this.messages.at(-1)?.seq ?? -1;
    if (last === this.#lastSeq) return;
    const first = this.#lastSeq === -1;
    this.#lastSeq = last;
    if (first || this.#atBottom) this.scrollTop = this.scrollHeight;
  }
}
