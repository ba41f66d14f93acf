import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { limits } from '../../protocol/limits.js';
import type { Visitor } from '../../protocol/proactive.js';
import type { TiskiClient } from '../client/tiski-client.js';
import type { Translation } from '../i18n/translation.js';

/** How often an open panel asks again who is on the site. */
export const visitorsRefreshMs = 10_000;
/** How long a visitor who is no longer listed (they joined, or left the site) stays shown with how the invitation ended. */
const endedShownMs = 10 * 60_000;

/**
 * The queue bar's visitors panel (W10): while open and signed in, asks the relay who is on the site
 * at once and every 10 s; keeps the open invitation form, and the visitors this agent invited as
 * they were listed, to show how the invitation ended after they leave the list.
 */
export class VisitorsController implements ReactiveController {
  open = false;
  /** Whether the list asked for on opening has come. */
  loaded = false;
  error = '';
  /** The visitor whose invitation form is open. */
  inviting = '';
  sending = false;
  /** The visitors this agent invited, as listed then. */
  readonly invited = new Map<string, Visitor>();
  /** Why the relay refused an invitation, by visitor. */
  readonly errors = new Map<string, string>();
  #timer?: ReturnType<typeof setInterval>;
  #polled?: TiskiClient;
  /** Invitations whose end the list was fetched again after: an accepted visitor is no longer one. */
  readonly #endsSeen = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly client: () => TiskiClient | undefined,
  ) {
    host.addController(this);
  }

  hostUpdate() {
    const client = this.client();
    if (!this.open || client?.status !== 'open' || !client.signedIn) return this.#stop();
    const ended = [...client.invitationOutcomes.values()].filter((sent) => sent.outcome && !this.#endsSeen.has(sent.invitation));
    for (const sent of ended) this.#endsSeen.add(sent.invitation);
    if (this.#polled === client && this.#timer !== undefined) {
      if (ended.length) void this.#ask();
      return;
    }
    this.#stop();
    this.#polled = client;
    this.#timer = setInterval(() => void this.#ask(), visitorsRefreshMs);
    void this.#ask();
  }

  hostDisconnected() {
    this.#stop();
  }

  toggle() {
    this.open = !this.open;
    this.loaded = false;
    this.error = '';
    this.inviting = '';
    this.host.requestUpdate();
  }

  async openForm(visitor: string) {
    this.errors.delete(visitor);
    this.inviting = visitor;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.#find<HTMLSelectElement>(`#${formId(visitor)} select`)?.focus();
  }

  async closeForm() {
    const visitor = this.inviting;
    this.inviting = '';
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.#find<HTMLButtonElement>(`[data-visitor="${visitor}"] [part~="invite-button"]`)?.focus();
  }

  async invite(visitor: Visitor, queue: string, message: string) {
    const client = this.client();
    if (!client || this.sending) return;
    this.sending = true;
    this.errors.delete(visitor.id);
    this.host.requestUpdate();
    try {
      await client.inviteVisitor(visitor.id, queue, message.trim() || undefined);
      this.invited.set(visitor.id, visitor);
      this.inviting = '';
      // The list says who invited whom: fetched again, so colleagues' invitations show as well.
      void this.#ask();
      await this.host.updateComplete;
      this.#find<HTMLElement>(`[data-visitor="${visitor.id}"] .invitation-status`)?.focus();
    } catch (e) {
      this.errors.set(visitor.id, (e as Error).message);
    } finally {
      this.sending = false;
      this.host.requestUpdate();
    }
  }

  #find<E extends Element>(selector: string): E | null {
    return this.host.shadowRoot?.querySelector<E>(selector) ?? null;
  }

  async #ask() {
    const client = this.#polled;
    if (!client) return;
    try {
      await client.send({ type: 'visitors' });
      this.loaded = true;
      this.error = '';
    } catch (e) {
      this.error = (e as Error).message;
    }
    this.host.requestUpdate();
  }

  #stop() {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#polled = undefined;
  }
}

export interface VisitorsView {
  t: Translation;
  lang: string;
  now: number;
  client: TiskiClient;
  duration: (ms: number) => string;
}

const formId = (visitor: string) => `invite-${visitor}`;

/** The path of the page, without the site's address: the relay has already dropped the query. */
function pathOf(page: string): string {
  try {
    return new URL(page).pathname;
  } catch {
    return page;
  }
}

const languageNames = new Map<string, Intl.DisplayNames>();
function languageName(lang: string, code: string): string {
  try {
    let names = languageNames.get(lang);
    if (!names) languageNames.set(lang, (names = new Intl.DisplayNames([lang], { type: 'language' })));
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The visitors on the site, each with where they are and for how long, and an invitation to chat; all of it text. */
export function renderVisitorsPanel(panel: VisitorsController, view: VisitorsView) {
  const { t, client } = view;
  const listed = new Set(client.visitors.map((v) => v.id));
  // Invited visitors who left the list: shown a while with how the invitation ended.
  const ended = [...panel.invited.values()].filter((visitor) => {
    const sent = client.invitationOutcomes.get(visitor.id);
    return sent && !listed.has(visitor.id) && (sent.endedAt === undefined || view.now - sent.endedAt < endedShownMs);
  });
  const rows = [...client.visitors.map((v) => ({ v, listed: true })), ...ended.map((v) => ({ v, listed: false }))];
  return html`<section part="visitors-panel" id="visitors-panel" class="visitors" aria-labelledby="visitors-title">
    <h3 id="visitors-title">${t.visitorsTitle}</h3>
    ${panel.error ? html`<p class="error" role="alert">${panel.error}</p>` : nothing}
    ${!panel.loaded && rows.length === 0
      ? html`<p class="meta" role="status">${t.connecting}</p>`
      : rows.length === 0
        ? html`<p class="meta" role="status">${t.noVisitors}</p>`
        : html`<ul part="visitor-list" class="visitor-list" aria-labelledby="visitors-title">
            ${rows.map(({ v, listed }) => renderVisitor(panel, view, v, listed))}
          </ul>`}
  </section>`;
}

function renderVisitor(panel: VisitorsController, view: VisitorsView, v: Visitor, listed: boolean) {
  const { t, client } = view;
  const path = pathOf(v.page);
  const sent = client.invitationOutcomes.get(v.id);
  const status = sent?.outcome
    ? t.invitationOutcome[sent.outcome]
    : sent
      ? t.invitationPending
      : v.invitedBy !== undefined
        ? t.visitorInvitedBy(v.invitedBy)
        : '';
  // One invitation at a time: the relay refuses another while one waits for the answer.
  const waiting = !sent?.outcome && (!!sent || v.invitedBy !== undefined);
  const formOpen = listed && panel.inviting === v.id;
  return html`<li part="visitor" class="visitor" data-visitor=${v.id}>
    <div class="visitor-where">
      <span class="page">${path}</span>${v.title ? html` · <span class="page-title">${v.title}</span>` : nothing}
    </div>
    <div class="meta">
      ${v.language ? html`${languageName(view.lang, v.language)} · ` : nothing}${listed ? t.onSite(view.duration(view.now - v.since)) : nothing}
    </div>
    <div part="invitation-status" class="invitation-status" role="status" tabindex="-1">${status}</div>
    ${listed
      ? html`<button
          part="invite-button"
          aria-label=${t.inviteVisitor(path)}
          aria-expanded=${formOpen ? 'true' : 'false'}
          aria-controls=${formOpen ? formId(v.id) : nothing}
          ?disabled=${waiting || panel.sending}
          @click=${() => (formOpen ? panel.closeForm() : panel.openForm(v.id))}
        >
          ${t.invite}
        </button>`
      : nothing}
    ${formOpen ? renderForm(panel, view, v, panel.errors.get(v.id)) : nothing}
  </li>`;
}

function renderForm(panel: VisitorsController, view: VisitorsView, v: Visitor, error: string | undefined) {
  const { t, client } = view;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    void panel.invite(v, String(form.get('queue') ?? ''), String(form.get('message') ?? ''));
  };
  const escape = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    void panel.closeForm();
  };
  return html`<form part="invitation-form" class="invitation-form" id=${formId(v.id)} @submit=${submit} @keydown=${escape}>
    <label
      >${t.invitationQueue}
      <select part="invitation-queue" name="queue">
        ${client.servedQueues.map((id) => html`<option value=${id}>${client.queues.find((q) => q.id === id)?.name ?? id}</option>`)}
      </select></label
    >
    <label
      >${t.invitationMessage}
      <textarea part="invitation-message" name="message" rows="2" maxlength=${limits.messageLength}></textarea
    ></label>
    ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
    <div class="offer-actions">
      <button part="send-invitation-button" class="primary" type="submit" ?disabled=${panel.sending}>${t.sendInvitation}</button>
      <button type="button" @click=${() => panel.closeForm()}>${t.cancel}</button>
    </div>
  </form>`;
}
