import { html, nothing } from 'lit';
import type { PendingUpload } from '../client/uploads-controller.js';
import type { CustomerStrings } from '../i18n/translation.js';

/** The files attached to the message being written: progress, refusal, and a remove button each. */
export function renderUploads(uploads: readonly PendingUpload[], t: CustomerStrings, fileSize: (bytes: number) => string, remove: (key: string) => void) {
  if (!uploads.length) return nothing;
  return html`<ul part="uploads" class="uploads">
    ${uploads.map((u) => {
      const percent = Math.round(u.progress * 100);
      return html`<li part="upload" class=${u.refused ? 'refused' : ''}>
        <span class="name">${t.openFile(u.name, fileSize(u.size))}</span>
        ${u.refused
          ? html`<span class="refusal" role="alert">${t.fileRefused(u.name, u.refused.reason, u.refused.detail)}</span>`
          : u.attachment
            ? nothing
            : html`<progress part="upload-progress" max="100" .value=${percent} aria-label=${t.uploading(u.name, percent)}></progress>`}
        <button type="button" class="remove" aria-label=${t.removeFile(u.name)} @click=${() => remove(u.key)}>✕</button>
      </li>`;
    })}
  </ul>`;
}
