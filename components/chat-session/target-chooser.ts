import { html, nothing } from 'lit';
import type { ServerEvent } from '../../protocol/events.js';
import type { RequestKind, Translation } from '../i18n/translation.js';

export interface TargetChooserView {
  t: Translation;
  kind: RequestKind;
  filter: string;
  directory?: ServerEvent<'directory'>;
  /** Agents already in the conversation, left out of the list. */
  exclude: readonly string[];
  setFilter: (filter: string) => void;
  reload: () => void;
  choose: (to: { agent: string } | { queue: string }) => void;
  close: () => void;
}

/** Agents and queues to transfer to or invite (C9, C10), filtered as one types, reloadable. */
export function renderTargetChooser(view: TargetChooserView) {
  const { t } = view;
  const needle = view.filter.trim().toLowerCase();
  const matches = (name: string) => !needle || name.toLowerCase().includes(needle);
  const agents = (view.directory?.agents ?? []).filter((a) => !view.exclude.includes(a.id) && matches(a.name));
  const queues = (view.directory?.queues ?? []).filter((q) => matches(q.name));
  return html`<section part="target-chooser" class="chooser" aria-labelledby="chooser-title">
    <div class="chooser-head">
      <h3 id="chooser-title">${t.chooseTarget(view.kind)}</h3>
      <button @click=${view.reload}>${t.reload}</button>
      <button @click=${view.close}>${t.close}</button>
    </div>
    <label class="filter">${t.filterLabel}
      <input type="search" .value=${view.filter} @input=${(e: Event) => view.setFilter((e.target as HTMLInputElement).value)} />
    </label>
    <div class="chooser-lists">
      <div>
        <h4>${t.agentsHeading}</h4>
        <ul>
          ${agents.map(
            (a) => html`<li>
              <button part="target-button" @click=${() => view.choose({ agent: a.id })} ?disabled=${a.presence === 'offline'}>
                ${a.name} <span class="meta">${t.presence[a.presence]}</span>
              </button>
            </li>`,
          )}
        </ul>
      </div>
      <div>
        <h4>${t.queuesHeading}</h4>
        <ul>
          ${queues.map(
            (q) => html`<li>
              <button part="target-button" @click=${() => view.choose({ queue: q.id })} ?disabled=${q.available === 0}>
                ${q.name} <span class="meta">${t.availableCount(q.available)}</span>
              </button>
            </li>`,
          )}
        </ul>
      </div>
    </div>
    ${view.directory ? nothing : html`<p class="meta" role="status">${t.connecting}</p>`}
  </section>`;
}
