import { html } from 'lit';
import type { ServerEvent } from '../../protocol/events.js';
import type { Translation } from '../i18n/translation.js';

type Recent = ServerEvent<'recent'>['conversations'][number];

export interface RecentPanelView {
  t: Translation;
  selected: string;
  time: (at: number) => string;
  nameOf: (name: string) => string;
  textOf: (text: string) => string;
  select: (id: string) => void;
  close: () => void;
}

/** Ended conversations with their transcripts, read-only (C16). */
export function renderRecentPanel(recent: readonly Recent[] | undefined, view: RecentPanelView) {
  const { t } = view;
  const shown = recent?.find((c) => c.id === view.selected);
  return html`<section part="recent" class="recent" aria-labelledby="recent-title">
    <div class="chooser-head">
      <h3 id="recent-title">${t.recentTitle}</h3>
      <button @click=${view.close}>${t.close}</button>
    </div>
    ${!recent
      ? html`<p class="meta" role="status">${t.connecting}</p>`
      : recent.length === 0
        ? html`<p class="meta">${t.noRecent}</p>`
        : html`<ul class="recent-list">
            ${recent.map(
              (c) => html`<li>
                <button aria-pressed=${c.id === view.selected ? 'true' : 'false'} @click=${() => view.select(c.id)}>
                  ${view.nameOf(c.customer.name)} <span class="meta">${view.time(c.endedAt)}</span>
                </button>
              </li>`,
            )}
          </ul>`}
    ${shown
      ? html`<ol class="transcript" aria-label=${view.nameOf(shown.customer.name)}>
          ${shown.events.flatMap((e) =>
            e.type === 'message'
              ? [html`<li class=${e.private ? 'private' : ''}><time>${view.time(e.at)}</time> <strong>${e.author.role === 'customer' ? view.nameOf(e.author.name) : e.author.name}</strong>${e.private ? html` (${t.privateLabel})` : ''}: ${e.author.role === 'customer' ? view.textOf(e.text) : e.text}</li>`]
              : e.type === 'agent-joined'
                ? [html`<li class="meta">${t.agentJoined(e.agent.name)}</li>`]
                : e.type === 'agent-left'
                  ? [html`<li class="meta">${t.agentLeft(e.agent.name, e.reason)}</li>`]
                  : [],
          )}
        </ol>`
      : ''}
  </section>`;
}
