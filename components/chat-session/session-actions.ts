import { html, nothing } from 'lit';
import type { ConversationView } from '../client/conversation-store.js';
import type { RequestKind, Translation } from '../i18n/translation.js';

/** Where the agent stands in the shown conversation. */
export type AgentPart = 'owner' | 'guest' | 'former';

export interface SessionActionsView {
  t: Translation;
  part: AgentPart;
  closable: boolean;
  /** Agents who take part, or handed it on, may create a ticket; an invited agent who left may not. */
  canTicket: boolean;
  customerName: string;
  open: (panel: RequestKind | 'end' | 'choices') => void;
  command: (type: 'release' | 'end-conference' | 'leave-conversation' | 'call-start') => void;
  ticket: () => void;
  closeTab: () => void;
}

/** The buttons beside the customer's name, by the agent's part in the conversation (C9–C12, C15). */
export function renderSessionActions(conversation: ConversationView, view: SessionActionsView) {
  const { t } = view;
  const live = !conversation.ended;
  return html`
    ${live && view.part === 'owner'
      ? html`<button part="transfer-button" @click=${() => view.open('transfer')}>${t.transfer}</button>
          <button part="invite-button" @click=${() => view.open('invite')}>${t.invite}</button>
          ${conversation.guests.length
            ? html`<button part="end-conference-button" @click=${() => view.command('end-conference')}>${t.endConference}</button>`
            : nothing}
          ${conversation.media === 'text' && !conversation.call
            ? html`<button part="video-call-button" @click=${() => view.command('call-start')}>${t.switchToVideo}</button>`
            : nothing}
          <button part="release-button" @click=${() => view.command('release')}>${t.release}</button>
          <button part="end-button" @click=${() => view.open('end')}>${t.endChat}</button>`
      : nothing}
    ${live && view.part !== 'former'
      ? html`<button part="choice-menu-button" @click=${() => view.open('choices')}>${t.choiceMenu}</button>`
      : nothing}
    ${live && view.part === 'guest'
      ? html`<button part="leave-button" @click=${() => view.command('leave-conversation')}>${t.leaveConversation}</button>`
      : nothing}
    ${view.canTicket ? html`<button part="ticket-button" @click=${view.ticket}>${t.createTicket}</button>` : nothing}
    ${view.closable ? html`<button part="close-tab-button" aria-label=${t.closeTab(view.customerName)} @click=${view.closeTab}>✕</button>` : nothing}
  `;
}
