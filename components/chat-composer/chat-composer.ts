import { html } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { limits } from '../../protocol/limits.js';
import { ChatElement } from '../base/chat-element.js';
import { tokens } from '../base/shared-styles.js';
import { ChatMessageSendEvent } from '../events/chat-message-send.js';
import { LocalizeController } from '../i18n/localize.js';
import { styles } from './chat-composer.styles.js';

/**
 * @summary Where a message is written: Enter sends, Shift+Enter breaks the line, a counter shows what is left.
 * @tag chat-composer
 * @event {ChatMessageSendEvent} chat-message-send - The person sent a message; cancel to keep the text.
 * @csspart form - The form around the field and button.
 * @csspart input - The text area.
 * @csspart send-button - The Send button.
 * @csspart counter - The characters-left counter.
 * @csspart private-toggle - The private-message switch, where allowed.
 */
export class ChatComposer extends ChatElement {
  static override styles = [tokens, styles];

  /** Disables writing, e.g. after the conversation ended. */
  @property({ type: Boolean, reflect: true }) disabled = false;
  /** Offers a toggle that makes the message private: seen by agents only (C8). */
  @property({ type: Boolean, attribute: 'allow-private' }) allowPrivate = false;
  /** Characters allowed in one message. */
  @property({ type: Number, attribute: 'max-length' }) maxLength: number = limits.messageLength;

  @state() private text = '';
  @state() private privateMode = false;
  @query('textarea') private textarea!: HTMLTextAreaElement;
  readonly #localize = new LocalizeController(this);

  /** Moves focus to the text area. */
  override focus() {
    this.textarea?.focus();
  }

  override render() {
    const t = this.#localize.strings;
    const left = this.maxLength - this.text.length;
    return html`
      <form part="form" @submit=${this.#submit}>
        <label class="visually-hidden" for="input">${t.messageLabel}</label>
        <textarea
          id="input"
          part="input"
          class=${this.privateMode ? 'private' : ''}
          rows="2"
          .value=${this.text}
          maxlength=${this.maxLength}
          ?disabled=${this.disabled}
          aria-describedby="counter"
          @input=${(e: InputEvent) => (this.text = (e.target as HTMLTextAreaElement).value)}
          @keydown=${this.#keydown}
        ></textarea>
        <button part="send-button" class="primary" type="submit" ?disabled=${this.disabled || !this.text.trim()}>${t.send}</button>
        <span id="counter" part="counter" class="counter ${left < 0 ? 'over' : ''}">${t.charactersLeft(left, this.maxLength)}</span>
        ${this.allowPrivate
          ? html`<label part="private-toggle" class="private-toggle"
              ><input type="checkbox" .checked=${this.privateMode} @change=${(e: Event) => (this.privateMode = (e.target as HTMLInputElement).checked)} />
              ${t.privateToggle}</label
            >`
          : ''}
      </form>
    `;
  }

  #keydown(e: KeyboardEvent) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.#send();
    }
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    this.#send();
  }

  #send() {
    const text = this.text.trim();
    if (!text || this.disabled || text.length > this.maxLength) return;
    const event = new ChatMessageSendEvent({ text, private: this.allowPrivate && this.privateMode });
    this.dispatchEvent(event);
    if (!event.defaultPrevented) this.text = '';
  }
}
