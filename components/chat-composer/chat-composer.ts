import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { CannedResponse } from '../../protocol/common.js';
import { limits } from '../../protocol/limits.js';
import { ChatElement } from '../base/chat-element.js';
import { tokens } from '../base/shared-styles.js';
import type { PendingUpload } from '../client/uploads-controller.js';
import { ChatFileRemoveEvent, ChatFilesSelectEvent } from '../events/chat-files.js';
import { ChatMessageSendEvent } from '../events/chat-message-send.js';
import { ChatTypingEvent } from '../events/chat-typing.js';
import '../i18n/customer-strings.js';
import { LocalizeController } from '../i18n/localize.js';
import type { CustomerStrings } from '../i18n/translation.js';
import { cannedOptionId, matchCanned, renderCannedList } from './canned-list.js';
import { styles } from './chat-composer.styles.js';

const paperclipIcon = html`<svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M20 11.5l-8.2 8.2a5.2 5.2 0 0 1-7.4-7.4l8.6-8.6a3.5 3.5 0 0 1 4.9 4.9l-8.6 8.6a1.7 1.7 0 0 1-2.5-2.5L14.6 7"/></svg>`;
import { renderEmojiPicker } from './emoji-picker.js';
import { TypingNotifier } from './typing-notifier.js';
import { renderUploads } from './upload-list.js';

/**
 * @summary Where a message is written: Enter sends, Shift+Enter breaks the line, a counter shows what is left; emoji, files and canned responses where allowed.
 * @tag chat-composer
 * @event {ChatMessageSendEvent} chat-message-send - The person sent a message; cancel to keep the text.
 * @event {ChatTypingEvent} chat-typing - The person started or stopped typing (throttled).
 * @event {ChatFilesSelectEvent} chat-files-select - The person chose, dropped or pasted files to attach.
 * @event {ChatFileRemoveEvent} chat-file-remove - The person removed an attached file.
 * @csspart form - The form around the field and buttons.
 * @csspart input - The text area.
 * @csspart send-button - The Send button.
 * @csspart counter - The characters-left counter.
 * @csspart private-toggle - The private-message switch, where allowed.
 * @csspart emoji-button - Opens the emoji picker.
 * @csspart emoji-picker - The grid of emoji.
 * @csspart attach-button - Opens the file choice, where files are allowed.
 * @csspart uploads - The files attached to the message being written.
 * @csspart upload - One attached file, with its progress or refusal.
 * @csspart upload-progress - The progress bar of a file being uploaded.
 * @csspart canned-button - Opens the canned responses, where given.
 * @csspart canned - The canned-response search under the field.
 * @csspart canned-list - The matching canned responses.
 * @csspart canned-option - One canned response.
 */
export class ChatComposer extends ChatElement {
  static override styles = [tokens, styles];

  /** Disables writing, e.g. after the conversation ended. */
  @property({ type: Boolean, reflect: true }) disabled = false;
  /** Offers a toggle that makes the message private: seen by agents only (C8). */
  @property({ type: Boolean, attribute: 'allow-private' }) allowPrivate = false;
  /** Characters allowed in one message. */
  @property({ type: Number, attribute: 'max-length' }) maxLength: number = limits.messageLength;
  /** Offers a button to attach files (C7); the element holding the conversation uploads them. */
  @property({ type: Boolean, attribute: 'allow-files' }) allowFiles = false;
  /** File types offered in the file choice, as for `<input type="file" accept>`. */
  @property() accept = '';
  /** Files attached to the message being written, with their progress. */
  @property({ attribute: false }) uploads: readonly PendingUpload[] = [];
  /** Canned responses, placeholders already filled in (C5): `/` or Alt+R searches them. */
  @property({ attribute: false }) cannedResponses: readonly CannedResponse[] = [];

  @state() private text = '';
  @state() private privateMode = false;
  @state() private emojiOpen = false;
  /** The canned-response search, while open. */
  @state() private cannedQuery?: string;
  @state() private cannedActive = 0;
  /** Opened by the button or Alt+R rather than by `/`: a choice goes in at the cursor. */
  #openedByButton = false;
  @query('textarea') private textarea!: HTMLTextAreaElement;
  @query('input[type=file]') private fileInput!: HTMLInputElement;
  readonly #localize = new LocalizeController<CustomerStrings>(this);
  readonly #typing = new TypingNotifier((typing) => this.dispatchEvent(new ChatTypingEvent({ typing, private: this.#private })));

  get #private() {
    return this.allowPrivate && this.privateMode;
  }

  /** Moves focus to the text area. */
  override focus() {
    this.textarea?.focus();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#typing.stop(true);
  }

  get #matches() {
    return this.cannedQuery === undefined ? [] : matchCanned(this.cannedResponses, this.cannedQuery);
  }

  get #uploading() {
    return this.uploads.some((u) => !u.attachment && !u.refused);
  }

  get #canSend() {
    const text = this.text.trim();
    const files = this.uploads.some((u) => u.attachment);
    return !this.disabled && !this.#uploading && (text.length > 0 || files) && text.length <= this.maxLength;
  }

  override render() {
    const t = this.#localize.strings;
    const left = this.maxLength - this.text.length;
    const matches = this.#matches;
    const searching = this.cannedQuery !== undefined;
    const size = (bytes: number) => this.#localize.fileSize(bytes);
    return html`
      <form part="form" @submit=${this.#submit} @dragover=${this.#dragOver} @drop=${this.#drop}>
        ${renderUploads(this.uploads, t, size, (key) => this.dispatchEvent(new ChatFileRemoveEvent({ key })))}
        ${searching
          ? renderCannedList({ matches, active: this.cannedActive, label: t.cannedResponses, hint: t.cannedHint, empty: t.noCannedMatch, choose: (r) => this.#insertCanned(r.text) })
          : nothing}
        <label class="visually-hidden" for="input">${t.messageLabel}</label>
        <textarea
          id="input"
          part="input"
          class=${this.privateMode ? 'private' : ''}
          rows="2"
          .value=${this.text}
          maxlength=${this.maxLength}
          ?disabled=${this.disabled}
          aria-describedby=${searching ? 'counter canned-hint' : 'counter'}
          aria-controls=${searching && matches.length ? 'canned-list' : nothing}
          aria-activedescendant=${searching && matches.length ? cannedOptionId(this.cannedActive) : nothing}
          @input=${this.#input}
          @keydown=${this.#keydown}
          @paste=${this.#paste}
        ></textarea>
        <button part="send-button" class="primary" type="submit" ?disabled=${!this.#canSend}>${t.send}</button>
        <div class="tools">
          <button type="button" part="emoji-button" class="tool" aria-label=${t.insertEmoji} aria-expanded=${String(this.emojiOpen)} ?disabled=${this.disabled} @click=${() => (this.emojiOpen = !this.emojiOpen)}>
            😊
          </button>
          ${this.allowFiles
            ? html`<button type="button" part="attach-button" class="tool" aria-label=${t.attachFiles} ?disabled=${this.disabled} @click=${() => this.fileInput.click()}>${paperclipIcon}</button>
                <input type="file" multiple hidden accept=${this.accept || nothing} @change=${this.#chosen} />`
            : nothing}
          ${this.cannedResponses.length
            ? html`<button type="button" part="canned-button" class="tool" aria-keyshortcuts="Alt+R" ?disabled=${this.disabled} @click=${this.#openCanned}>${t.cannedResponses}</button>`
            : nothing}
          <span id="counter" part="counter" class="counter ${left < 0 ? 'over' : ''}">${t.charactersLeft(left, this.maxLength)}</span>
        </div>
        ${this.emojiOpen
          ? renderEmojiPicker({ label: t.insertEmoji, choose: (e) => this.#insert(e), close: () => this.#closeEmoji() })
          : nothing}
        ${this.allowPrivate
          ? html`<label part="private-toggle" class="private-toggle"
              ><input type="checkbox" .checked=${this.privateMode} @change=${(e: Event) => (this.privateMode = (e.target as HTMLInputElement).checked)} />
              ${t.privateToggle}</label
            >`
          : ''}
      </form>
    `;
  }

  #input(e: InputEvent) {
    this.text = (e.target as HTMLTextAreaElement).value;
    this.#typing.input(!this.text.trim());
    if (this.cannedResponses.length && this.text.startsWith('/')) this.#search(this.text.slice(1));
    else if (this.cannedQuery !== undefined && !this.#openedByButton) this.cannedQuery = undefined;
  }

  #search(query: string) {
    if (this.cannedQuery !== query) this.cannedActive = 0;
    this.cannedQuery = query;
  }

  #openCanned() {
    this.#openedByButton = !this.text.startsWith('/');
    this.#search(this.text.startsWith('/') ? this.text.slice(1) : '');
    this.focus();
  }

  #closeCanned() {
    this.cannedQuery = undefined;
    this.#openedByButton = false;
  }

  #keydown(e: KeyboardEvent) {
    if (e.altKey && e.code === 'KeyR' && this.cannedResponses.length) {
      e.preventDefault();
      return this.cannedQuery === undefined ? this.#openCanned() : this.#closeCanned();
    }
    if (this.cannedQuery !== undefined) {
      const matches = this.#matches;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        this.cannedActive = (this.cannedActive + step + matches.length) % Math.max(1, matches.length);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        return this.#closeCanned();
      }
      if (e.key === 'Enter' && !e.shiftKey && matches[this.cannedActive]) {
        e.preventDefault();
        return this.#insertCanned(matches[this.cannedActive]!.text);
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.#send();
    }
  }

  /** A chosen canned response replaces the `/search`, or goes in at the cursor; it stays editable. */
  #insertCanned(text: string) {
    const bySlash = this.text.startsWith('/') && !this.#openedByButton;
    this.#closeCanned();
    if (bySlash) {
      this.text = text;
      this.updateComplete.then(() => this.textarea.setSelectionRange(text.length, text.length));
    } else this.#insert(text);
    this.focus();
  }

  #insert(snippet: string) {
    const field = this.textarea;
    const start = field?.selectionStart ?? this.text.length;
    const end = field?.selectionEnd ?? this.text.length;
    this.text = this.text.slice(0, start) + snippet + this.text.slice(end);
    this.#typing.input(false);
    this.updateComplete.then(() => {
      this.textarea.setSelectionRange(start + snippet.length, start + snippet.length);
      this.textarea.focus();
    });
  }

  #closeEmoji() {
    this.emojiOpen = false;
    this.focus();
  }

  #chosen(e: Event) {
    const input = e.target as HTMLInputElement;
    this.#attach([...(input.files ?? [])]);
    input.value = '';
  }

  #dragOver(e: DragEvent) {
    if (this.allowFiles && !this.disabled && e.dataTransfer?.types.includes('Files')) e.preventDefault();
  }

  #drop(e: DragEvent) {
    if (!this.allowFiles || this.disabled || !e.dataTransfer?.files.length) return;
    e.preventDefault();
    this.#attach([...e.dataTransfer.files]);
  }

  #paste(e: ClipboardEvent) {
    const files = [...(e.clipboardData?.files ?? [])];
    if (!this.allowFiles || !files.length) return;
    e.preventDefault();
    this.#attach(files);
  }

  #attach(files: File[]) {
    if (files.length) this.dispatchEvent(new ChatFilesSelectEvent({ files }));
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    this.#send();
  }

  #send() {
    if (!this.#canSend) return;
    const event = new ChatMessageSendEvent({ text: this.text.trim(), private: this.#private });
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    this.#typing.stop(false);
    this.text = '';
    this.emojiOpen = false;
  }
}
