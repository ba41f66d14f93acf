import { html, nothing } from 'lit';
import type { ConversationView } from '../client/conversation-store.js';
import type { Translation } from '../i18n/translation.js';

export interface TabsView {
  t: Translation;
  selected: string;
  nameOf: (conversation: ConversationView) => string;
  unread: (conversation: ConversationView) => number;
  select: (id: string) => void;
}

export const tabId = (conversation: string) => `tab-${conversation}`;

/** One tab per conversation (C2), each with its unread count; arrow keys, Home and End move between them. */
export function renderTabs(conversations: ConversationView[], view: TabsView) {
  const { t } = view;
  const keydown = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const index = conversations.findIndex((c) => c.id === view.selected);
    const next =
      e.key === 'Home' ? 0 : e.key === 'End' ? conversations.length - 1 : (index + step + conversations.length) % conversations.length;
    const target = conversations[next];
    if (!target) return;
    view.select(target.id);
    const tablist = (e.currentTarget as HTMLElement).closest('.tabs');
    requestAnimationFrame(() => tablist?.querySelector<HTMLElement>(`#${CSS.escape(tabId(target.id))}`)?.focus());
  };
  return html`<div class="tabs" part="tabs" role="tablist" aria-label=${t.conversationsLabel} @keydown=${keydown}>
      ${conversations.map((c) => {
        const unread = view.unread(c);
        const selected = c.id === view.selected;
        return html`<button
          role="tab"
          part="tab${selected ? ' tab-selected' : ''}"
          id=${tabId(c.id)}
          class="tab ${c.ended ? 'ended' : ''}"
          aria-selected=${selected ? 'true' : 'false'}
          aria-controls="panel"
          tabindex=${selected ? 0 : -1}
          @click=${() => view.select(c.id)}
        >
          ${view.nameOf(c)}
          ${unread > 0 ? html`<span part="unread-badge" class="unread" aria-label=${t.unread(unread)}>${unread}</span>` : nothing}
        </button>`;
      })}
  </div>`;
}
