/**
 * What a TypeScript user of the package sees when embedding it: typed elements from
 * `document.querySelector` and `createElement`, typed events from `addEventListener`. Never run,
 * only checked: by `npm run typecheck` against the source (tsconfig.json maps the package's
 * entries to it), and by the build against the emitted declarations (test/types/tsconfig.json),
 * as `import 'tiski/chat-widget.js'` finds them in an application. Each `@ts-expect-error` is a
 * mistake the types must catch: if one stops being an error, the check fails.
 */
import 'tiski/chat-widget.js';
import { ChatWidget, registerTranslation, type ChatConversationEndEvent, type Translation } from 'tiski/chat-widget.js';
import { AgentQueueBar, ChatConnection, ChatSession, type ChatTicketEvent } from 'tiski/agent.js';
import { maskPii } from 'tiski/pii.js';

export function customerSite(): string[] {
  const seen: string[] = [];
  const widget = document.querySelector('chat-widget')!;
  widget.queue = 'support-en';
  widget.lang = 'fi';
  widget.open = true;
  // @ts-expect-error `open` is a boolean property, not an attribute string.
  widget.open = 'true';
  // @ts-expect-error there is no such property.
  widget.queueId = 'support-en';

  widget.addEventListener('chat-conversation-start', (e) => seen.push(`${e.detail.agent.name} in ${e.detail.queue}`));
  widget.addEventListener('chat-conversation-end', (e) => {
    const reason: ChatConversationEndEvent['detail']['reason'] = e.detail.reason;
    seen.push(reason);
    // @ts-expect-error the end event names no agent.
    seen.push(e.detail.agent.name);
    // @ts-expect-error a reason is one of the relay's, not any string.
    const wrong: typeof e.detail.reason = 'bored';
    return wrong;
  });
  widget.addEventListener('chat-message-send', (e) => {
    if (e.detail.text.includes('password')) e.preventDefault();
  });
  widget.addEventListener('chat-identity-error', (e) => seen.push(e.detail.code));
  // An event of the whole document is typed the same way.
  document.addEventListener('chat-conversation-end', (e) => seen.push(e.detail.conversation));

  const created: ChatWidget = document.createElement('chat-widget');
  created.identityToken = 'header.payload.signature';
  // @ts-expect-error a <chat-widget> is not an agent's <chat-session>.
  const notASession: ChatSession = document.createElement('chat-widget');

  const strings: Partial<Translation> = { openChat: 'Jutellaan' };
  registerTranslation({ $code: 'fi', ...strings });
  // @ts-expect-error a translation names its language.
  registerTranslation(strings);
  return [...seen, String(notASession), maskPii('call me on 040 123 4567')];
}

export function crm(): void {
  const connection: ChatConnection = document.querySelector('chat-connection')!;
  connection.token = 'agent.jwt.token';
  const bar: AgentQueueBar = document.createElement('agent-queue-bar');
  const session = document.querySelector('chat-session')!;
  session.addEventListener('chat-ticket', (e: ChatTicketEvent) => e.detail.transcript.length);
  session.addEventListener('chat-customer-open', (e) => e.detail.customer.name);
  bar.addEventListener('chat-presence-change', (e) => e.detail.presence);
  // @ts-expect-error a presence change carries no transcript.
  bar.addEventListener('chat-presence-change', (e) => e.detail.transcript);
  document.querySelector('chat-message-list')?.addEventListener('chat-choice', (e) => e.detail.option + 1);
}
