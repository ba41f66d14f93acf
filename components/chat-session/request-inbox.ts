import { html } from 'lit';
import type { AgentRequest } from '../../protocol/events.js';
import type { Translation } from '../i18n/translation.js';

export interface RequestInboxView {
  t: Translation;
  nameOf: (request: AgentRequest) => string;
  answer: (request: string, accept: boolean) => void;
}

/** Transfers and invitations asked of this agent, each to accept or decline (C9, C10). */
export function renderRequestInbox(requests: readonly AgentRequest[], view: RequestInboxView) {
  const { t } = view;
  return requests.map(
    (r) => html`<div part="request" class="request" role="alert" data-request=${r.id}>
      <span>${t.incomingRequest(r.kind, r.from.name, view.nameOf(r))}</span>
      <button part="accept-request-button" class="primary" @click=${() => view.answer(r.id, true)}>${t.accept}</button>
      <button part="decline-request-button" @click=${() => view.answer(r.id, false)}>${t.decline}</button>
    </div>`,
  );
}
