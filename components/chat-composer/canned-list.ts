import { html } from 'lit';
import type { CannedResponse } from '../../protocol/common.js';

/** Canned responses whose title holds the query, case-insensitive; titles starting with it first. */
export function matchCanned(responses: readonly CannedResponse[], query: string): CannedResponse[] {
  const q = query.trim().toLowerCase();
  const hits = responses.filter((r) => r.title.toLowerCase().includes(q));
  return hits.sort((a, b) => Number(!a.title.toLowerCase().startsWith(q)) - Number(!b.title.toLowerCase().startsWith(q)));
}

export interface CannedListOptions {
  matches: readonly CannedResponse[];
  active: number;
  label: string;
  hint: string;
  empty: string;
  choose: (response: CannedResponse) => void;
}

export const cannedOptionId = (index: number) => `canned-${index}`;

/** The listbox under the field while the person searches canned responses; the field keeps focus. */
export function renderCannedList({ matches, active, label, hint, empty, choose }: CannedListOptions) {
  return html`<div part="canned" class="canned">
    <p class="hint" id="canned-hint">${hint}</p>
    ${matches.length
      ? html`<ul id="canned-list" part="canned-list" role="listbox" aria-label=${label}>
          ${matches.map(
            (r, i) => html`<li
              id=${cannedOptionId(i)}
              part="canned-option"
              role="option"
              aria-selected=${i === active ? 'true' : 'false'}
              @mousedown=${(e: Event) => e.preventDefault()}
              @click=${() => choose(r)}
            >
              <strong>${r.title}</strong> <span>${r.text}</span>
            </li>`,
          )}
        </ul>`
      : html`<p role="status">${empty}</p>`}
  </div>`;
}
