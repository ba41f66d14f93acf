import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { MessageEvent } from '../../protocol/events.js';
import { ChatElement } from '../base/chat-element.js';
import { tokens } from '../base/shared-styles.js';
import { LocalizeController } from '../i18n/localize.js';
import { styles } from './chat-message-list.styles.js';

/**
 * @summary The messages of one conversation: own on one side, others on the other, the author above each bubble.
 * @tag chat-message-list
 * @slot - A notice shown after the messages (e.g. "the chat has ended").
 * @csspart list - The ordered list of messages.
 * @csspart message - One message, with `own` or `other` as a further part.
 * @csspart author - The author's name above a bubble.
 * @csspart bubble - The bubble holding the text.
 * @cssproperty [--tiski-bubble-own-background=var(--tiski-color-accent)] - Background of own bubbles.
 * @cssproperty [--tiski-bubble-own-color=#ffffff] - Text colour of own bubbles.
 * @cssproperty [--tiski-bubble-other-background=#eef1f4] - Background of the other side's bubbles.
 * @cssproperty [--tiski-bubble-other-color=var(--tiski-color-text)] - Text colour of the other side's bubbles.
 */
export class ChatMessageList extends ChatElement {
  static override styles = [tokens, styles];

  /** Messages in `seq` order. Their text is always rendered as text. */
  @property({ attribute: false }) messages: readonly MessageEvent[] = [];
  /** The id of the person viewing; their messages go on the own side. */
  @property({ attribute: 'self-id' }) selfId = '';

  readonly #localize = new LocalizeController(this);

  override render() {
    const t = this.#localize.strings;
    return html`
      <div role="log" aria-live="polite" aria-relevant="additions">
      <ol part="list">
        ${repeat(
          this.messages,
          (m) => m.seq,
          (m) => {
            const own = m.author.id === this.selfId;
            return html`<li part="message ${own ? 'own' : 'other'}" class=${own ? 'own' : 'other'} data-seq=${m.seq}>
              <span part="author" class="author">${own ? t.you : m.author.name}</span>
              <span part="bubble" class="bubble">${m.text}</span>
            </li>`;
          },
        )}
      </ol>
      <p class="notice"><slot></slot></p>
      </div>
    `;
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('messages')) this.scrollTop = this.scrollHeight;
  }
}
