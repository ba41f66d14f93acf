import { html, nothing } from 'lit';
import type { QueueLogEntry, QueueSnapshot, SavedContact } from '../../protocol/events.js';
import type { Translation } from '../i18n/translation.js';
import { proactiveMark } from './proactive-mark.js';
import { renderQueueStats, type QueueStatsView } from './queue-stats.js';

/** What a queue card needs from the bar: strings, clocks, and the actions it offers. */
export interface QueueCardView {
  t: Translation;
  now: number;
  busy: boolean;
  operator: boolean;
  selfId: string;
  nameOf: (name: string) => string;
  textOf: (text: string) => string;
  wait: (ms: number) => string;
  time: (at: number) => string;
  log?: QueueLogEntry[];
  pick: (queue: string, customer?: string) => void;
  setOpen: (queue: string, open: boolean) => void;
  toggleLog: (queue: string) => void;
  /** The statistics panel, while an operator has it open (Q5). */
  stats?: QueueStatsView | undefined;
  toggleStats: (queue: string) => void;
  /** The saved contacts, while shown (Q8). */
  contacts?: SavedContact[] | undefined;
  toggleContacts: (queue: string) => void;
}

export type QueueState = 'closed' | 'open' | 'waiting';

export const queueState = (q: QueueSnapshot): QueueState => (!q.open ? 'closed' : q.waiting.length > 0 ? 'waiting' : 'open');

const stateIcon: Record<QueueState, string> = { closed: '■', open: '●', waiting: '◆' };

/** Drawn inline, so no emoji font is needed on the agent's machine. */
const mediaIcons = {
  text: html`<svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>`,
  video: html`<svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true"><path fill="currentColor" d="M3 6h12a2 2 0 0 1 2 2v2.5l4-3v9l-4-3V16a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2z"/></svg>`,
};

/** One served queue (Q1, Q3, A4, Q4): its state in colour and words, who waits, who serves. */
export function renderQueueCard(q: QueueSnapshot, view: QueueCardView) {
  const { t } = view;
  const state = queueState(q);
  const first = q.waiting[0];
  const available = q.agents.filter((a) => a.presence === 'available').length;
  // Released customers go back to the front, so the first in line is not always the one who waited longest.
  const longest = q.waiting.reduce((oldest, c) => Math.min(oldest, c.joinedAt), Infinity);
  return html`<li part="queue queue-${state}" class="queue ${state}" data-queue=${q.id}>
    <div class="queue-head">
      <span class="queue-name">${q.name}</span>
      <span part="queue-state" class="state ${state}"><span aria-hidden="true">${stateIcon[state]}</span> ${t.queueState[state]}</span>
    </div>
    <div class="meta">
      ${t.waitingCount(q.waiting.length)}${first ? html` · <span part="longest-wait" class="wait">${t.longestWait(view.wait(view.now - longest))}</span>` : nothing}
      · <span title=${q.agents.map((a) => `${a.name}: ${t.presence[a.presence]}`).join(', ')}>${t.agentsServing(available)}</span>
      ${q.nextChange ? html` · ${q.open ? t.closesAt(view.time(q.nextChange)) : t.opensAt(view.time(q.nextChange))}` : nothing}
    </div>
    ${first
      ? html`<ol part="waiting-list" class="waiting">
            ${q.waiting.map(
              (c) => html`<li>
                <span class="who">
                  <span class="media" role="img" aria-label=${t.media[c.media]} title=${t.media[c.media]}>${mediaIcons[c.media]}</span>
                  <span class="name">${view.nameOf(c.name)}</span>
                  ${c.proactive ? proactiveMark(t) : nothing}
                  <span class="meta">${c.returning ? html`<span part="returning">${t.returning}</span> · ` : nothing}${t.joinedAt(view.time(c.joinedAt))} · ${view.wait(view.now - c.joinedAt)}${c.offeredTo
                    ? html` · ${t.offeredTo(q.agents.find((a) => a.id === c.offeredTo)?.name ?? '')}`
                    : nothing}</span>
                  ${c.preview ? html`<span class="preview">${view.textOf(c.preview)}</span>` : nothing}
                </span>
                <button part="pick-button" aria-label=${t.pickCustomer(view.nameOf(c.name))} @click=${() => view.pick(q.id, c.id)} ?disabled=${view.busy}>
                  ${t.pick}
                </button>
              </li>`,
            )}
          </ol>
          <button part="pick-button pick-next-button" class="primary" @click=${() => view.pick(q.id)} ?disabled=${view.busy}>${t.pickNext}</button>`
      : html`<div class="meta">${t.nobodyWaiting}</div>`}
    <div class="queue-actions">
      <button part="log-button" aria-expanded=${view.log ? 'true' : 'false'} @click=${() => view.toggleLog(q.id)}>
        ${view.log ? t.hideLog : t.showLog(q.name)}
      </button>
      ${view.operator
        ? html`<button part="open-close-button" @click=${() => view.setOpen(q.id, !q.open)} ?disabled=${view.busy}>
              ${q.open ? t.closeQueue : t.openQueue}
            </button>
            <button part="stats-button" aria-expanded=${view.stats ? 'true' : 'false'} @click=${() => view.toggleStats(q.id)}>${t.statsButton}</button>`
        : nothing}
    </div>
    ${q.contacts > 0
      ? html`<button part="contacts-button" aria-expanded=${view.contacts ? 'true' : 'false'} @click=${() => view.toggleContacts(q.id)}>
          ${view.contacts ? t.hideContacts : t.savedContacts(q.contacts)}
        </button>`
      : nothing}
    ${view.log ? renderLog(view.log, view, q.name) : nothing}
    ${view.contacts ? renderContacts(view.contacts, view) : nothing}
    ${view.stats ? renderQueueStats(view.stats) : nothing}
  </li>`;
}

/** The queue's events, newest first; it scrolls, so it takes focus for keyboard scrolling. */
function renderLog(entries: QueueLogEntry[], view: QueueCardView, queueName: string) {
  return html`<ol part="queue-log" class="log" tabindex="0" aria-label=${view.t.showLog(queueName)}>
    ${[...entries].reverse().map(
      (e) => html`<li>
        <time datetime=${new Date(e.at).toISOString()}>${view.time(e.at)}</time>
        ${view.t.logLine(e.kind, e.agent?.name ?? '', view.nameOf(e.customer?.name ?? ''), e.by === 'schedule')}
      </li>`,
    )}
  </ol>`;
}

/** Messages customers left while nobody served the queue (Q8), newest first; all of it text. */
function renderContacts(contacts: readonly SavedContact[], view: QueueCardView) {
  return html`<ol part="contacts" class="log contacts" tabindex="0" aria-label=${view.t.savedContacts(contacts.length)}>
    ${contacts.map(
      (c) => html`<li>
        <time datetime=${new Date(c.at).toISOString()}>${view.time(c.at)}</time>
        <strong>${view.nameOf(c.name)}</strong> · ${view.textOf(c.email)}
        <div class="preview">${view.textOf(c.message)}</div>
      </li>`,
    )}
  </ol>`;
}
