import { fixture, html } from '@open-wc/testing';
import '../../components/agent.js';
import '../../components/chat-widget.js';
import type { ChatConnection } from '../../components/chat-connection/chat-connection.js';
import type { ChatSession } from '../../components/chat-session/chat-session.js';
import type { ChatWidget } from '../../components/chat-widget/chat-widget.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import { agentToken, deepText, testRelay, until } from './relay.js';

/** Both sides of one conversation on one page: an agent's chat-session and a customer's chat-widget, each on its own connection. */
export interface ConversationPair {
  session: ChatSession;
  widget: ChatWidget;
  /** The agent's connection. */
  agent: TiskiClient;
  /** The customer's connection, the widget's own. */
  customer: TiskiClient;
  conversation: string;
}

export interface PairOptions {
  queue: string;
  agentName: string;
  customerName: string;
  /** The widget's `identity-token` (W6). */
  identity?: string;
  noPageInfo?: boolean;
}

/** An element's shadow root, queried. */
export const inside = <T extends Element = HTMLElement>(host: Element | null | undefined, selector: string): T | null =>
  (host?.shadowRoot?.querySelector(selector) as T | null) ?? null;

/** Every match in an element's shadow root. */
export const allInside = <T extends Element = HTMLElement>(host: Element | null | undefined, selector: string): T[] =>
  [...(host?.shadowRoot?.querySelectorAll(selector) ?? [])] as T[];

/** What a person reads in an element, whitespace folded. */
export const readText = (host: Element) => deepText(host.shadowRoot ?? host).replace(/\s+/g, ' ');

/** The message list and composer inside a widget or a session. */
export const messageList = (host: Element) => inside(host, 'chat-message-list');
export const composer = (host: Element) => inside(host, 'chat-composer');
export const field = (host: Element) => inside<HTMLTextAreaElement>(composer(host), 'textarea')!;

/**
 * The widget opens, the customer joins `queue` by its start form, and the agent (signed in to
 * that queue only) picks exactly this customer: other tests' customers never meet this agent.
 */
export async function conversationPair(options: PairOptions): Promise<ConversationPair> {
  const token = await agentToken(options.agentName);
  const root = await fixture<HTMLElement>(html`<div>
    <chat-connection url=${testRelay.ws} token=${token}><chat-session></chat-session></chat-connection>
    <chat-widget
      url=${testRelay.ws}
      queue=${options.queue}
      inline
      identity-token=${options.identity ?? ''}
      ?no-page-info=${!!options.noPageInfo}
    ></chat-widget>
  </div>`);
  const connection = root.querySelector('chat-connection') as ChatConnection;
  const session = root.querySelector('chat-session') as ChatSession;
  const widget = root.querySelector('chat-widget') as ChatWidget;
  await until(() => connection.client?.status === 'open', 'the agent connection');
  const agent = connection.client!;
  await agent.send({ type: 'sign-in', queues: [options.queue] });

  inside(widget, '[part=launcher]')!.click();
  await until(() => !!inside(widget, 'form[part=start-form]'), 'the start form');
  inside<HTMLInputElement>(widget, 'input[name=name]')!.value = options.customerName;
  inside(widget, '[part=start-button]')!.click();
  await until(() => !!inside(widget, '[part=waiting]'), 'the waiting view');
  const customer = widget.client!;

  const { conversation } = await agent.send({ type: 'pick', queue: options.queue, customer: customer.self!.id });
  await until(() => !!messageList(widget) && !!composer(widget) && customElements.get('chat-composer') !== undefined, 'the widget chat view');
  await until(() => !!messageList(session), 'the session chat view');
  return { session, widget, agent, customer, conversation: conversation! };
}
