import { html, nothing } from 'lit';
import type { Attachment } from '../../protocol/common.js';
import type { MessageEvent } from '../../protocol/events.js';
import type { CustomerStrings } from '../i18n/translation.js';

const inlineTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export interface ExtrasContext {
  t: CustomerStrings;
  fileSize: (bytes: number) => string;
  fileUrl?: ((file: Attachment) => string | undefined) | undefined;
  /** This reader answers choice menus: their options are buttons until one is chosen. */
  choosable: boolean;
  answers: ReadonlyMap<string, number>;
  choose: (message: MessageEvent, option: number) => void;
}

/** A message's files: images as thumbnails opening the full image, other files as download links. */
export function renderAttachments(files: readonly Attachment[], ctx: ExtrasContext) {
  return html`<ul part="attachments" class="attachments">
    ${files.map((file) => {
      const url = ctx.fileUrl?.(file);
      const label = ctx.t.openFile(file.name, ctx.fileSize(file.size));
      if (!url) return html`<li part="attachment" class="attachment">${label}</li>`;
      if (inlineTypes.has(file.type)) {
        return html`<li part="attachment" class="attachment image">
          <a href=${url} target="_blank" rel="noopener noreferrer"><img part="thumbnail" src=${url} alt=${label} loading="lazy" /></a>
        </li>`;
      }
      return html`<li part="attachment" class="attachment">
        <a href=${url} target="_blank" rel="noopener noreferrer" download=${file.name}>📄 ${label}</a>
      </li>`;
    })}
  </ul>`;
}

/** A choice menu's options: buttons for the customer until they choose, then a locked list marking the choice (C6). */
export function renderChoices(message: MessageEvent, ctx: ExtrasContext) {
  const options = message.choices ?? [];
  const answer = ctx.answers.get(message.messageId);
  if (ctx.choosable && answer === undefined) {
    return html`<div part="choices" class="choices" role="group" aria-label=${message.text}>
      ${options.map((option, i) => html`<button part="choice-button" @click=${() => ctx.choose(message, i)}>${option}</button>`)}
    </div>`;
  }
  return html`<ul part="choices" class="choices locked">
      ${options.map(
        (option, i) =>
          html`<li part=${i === answer ? 'choice chosen-choice' : 'choice'} class=${i === answer ? 'chosen' : ''}>
            ${i === answer ? html`✓ ${option} <span class="visually-hidden">(${ctx.t.chosen})</span>` : option}
          </li>`,
      )}
    </ul>
    ${answer === undefined ? html`<span class="muted">${ctx.t.notChosen}</span>` : nothing}`;
}
