import { expect, fixture, html } from '@open-wc/testing';
import type { ChatConnection } from '../../components/chat-connection/chat-connection.js';
import type { ChatSession } from '../../components/chat-session/chat-session.js';
import { TiskiClient } from '../../components/client/tiski-client.js';
import { describeUserAgent } from '../../components/client/user-agent.js';
import type { ChatCustomerOpenEvent } from '../../components/events/chat-customer-open.js';
import type { ChatIdentityErrorEvent } from '../../components/events/chat-identity-error.js';
import { allInside, conversationPair, inside, readText } from './conversation-pair.js';
import { agentGoes, agentToken, customerGoes, testRelay, until } from './relay.js';

const hostile = '<img src=x onerror="window.__pwned=1">';

/** An identity token as the host site's backend signs it; `secret=wrong` signs with a secret the relay does not know. */
async function identityToken(query: Record<string, string>): Promise<string> {
  const response = await fetch(`/test-identity?${new URLSearchParams(query)}`);
  return ((await response.json()) as { token: string }).token;
}

/** The token with its payload rewritten and the signature kept, as someone editing it in the page would. */
function tampered(token: string, change: Record<string, unknown>): string {
  const [head, body, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(atob(body.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  const edited = btoa(JSON.stringify({ ...claims, ...change })).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${head}.${edited}.${signature}`;
}

/** Events of a kind fired anywhere on the page (they are composed), from now until `stop`. */
function collect<K extends keyof GlobalEventHandlersEventMap>(type: K) {
  const events: GlobalEventHandlersEventMap[K][] = [];
  const listener = (e: Event) => events.push(e as GlobalEventHandlersEventMap[K]);
  document.addEventListener(type, listener);
  return { events, stop: () => document.removeEventListener(type, listener) };
}

const info = (session: Element) => inside(session, '[part=customer-info]')!;
/** The customer-info panel's rows as label → text. */
function rows(session: Element): Record<string, string> {
  const result: Record<string, string> = {};
  for (const dt of info(session).querySelectorAll('dt')) result[dt.textContent!.trim()] = (dt.nextElementSibling as HTMLElement).textContent!.replace(/\s+/g, ' ').trim();
  return result;
}

describe('customer info and verified identity (C4, W6)', () => {
  const agents: TiskiClient[] = [];
  const customers: TiskiClient[] = [];
  let opened: ReturnType<typeof collect<'chat-customer-open'>>;
  let identityErrors: ReturnType<typeof collect<'chat-identity-error'>>;
  beforeEach(() => {
    localStorage.clear();
    opened = collect('chat-customer-open');
    identityErrors = collect('chat-identity-error');
  });
  afterEach(async () => {
    opened.stop();
    identityErrors.stop();
    for (const agent of agents.splice(0)) await agentGoes(agent);
    for (const customer of customers.splice(0)) await customerGoes(customer);
  });

  const browser = describeUserAgent(navigator.userAgent);
  const pageRows = {
    Page: location.href,
    Language: navigator.language,
    Browser: [browser.browser, browser.system].filter(Boolean).join(', '),
    Device: 'computer',
  };

  it('shows the attributes of a valid identity with a lock, then what the widget told; chat-customer-open carries them', async () => {
    const identity = await identityToken({ sub: 'crm-4711', name: 'Vera Virtanen', email: 'vera@example.com' });
    const pair = await conversationPair({ queue: 'asiakaspalvelu', agentName: 'Ilona', customerName: 'Vera', identity });
    agents.push(pair.agent);
    const record = document.createElement('p');
    record.slot = 'customer-record';
    record.textContent = 'CRM: customer since 2019';
    pair.session.append(record);

    await until(() => pair.customer.identity?.verified === true, 'the identity verified');
    expect(identityErrors.events).to.have.length(0);
    const verified = inside(pair.session, '[part=verified]')!;
    expect(verified.getAttribute('aria-label')).to.equal('Verified by the website');
    const locks = [...verified.querySelectorAll('dd .lock')];
    expect(locks).to.have.length(3);
    expect(locks.every((l) => l.querySelector('svg[aria-hidden=true]') && l.querySelector('.visually-hidden')!.textContent === 'Verified by the website:')).to.equal(true);
    expect(rows(pair.session)).to.deep.equal({
      id: 'Verified by the website: crm-4711',
      name: 'Verified by the website: Vera Virtanen',
      email: 'Verified by the website: vera@example.com',
      ...pageRows,
    });
    expect(info(pair.session).querySelector('h3')!.textContent).to.equal('Vera');
    expect(readText(pair.session)).to.contain('CRM: customer since 2019');
    expect(allInside(pair.session, '.lock'), 'only the signed attributes have a lock').to.have.length(3);
    await expect(pair.session).to.be.accessible();

    await until(() => opened.events.length > 0, 'chat-customer-open');
    expect(opened.events).to.have.length(1);
    const detail = (opened.events[0] as ChatCustomerOpenEvent).detail;
    expect(detail.conversation).to.equal(pair.conversation);
    expect(detail.queue).to.equal('asiakaspalvelu');
    expect(detail.customer).to.deep.equal({ id: pair.customer.self!.id, name: 'Vera', role: 'customer' });
    expect(detail.info!.verified).to.deep.equal({ id: 'crm-4711', name: 'Vera Virtanen', email: 'vera@example.com' });
    expect(detail.info!.page).to.equal(location.href);
  });

  const refusals: Array<[string, () => Promise<string>, ChatIdentityErrorEvent['detail']['code']]> = [
    ['a tampered token', async () => tampered(await identityToken({ sub: 'crm-1', name: 'Tom Tamper' }), { name: 'Somebody Else' }), 'identity-invalid'],
    ['an expired token', () => identityToken({ sub: 'crm-2', name: 'Eero Expired', exp: '-60' }), 'identity-expired'],
    ['a token signed with another secret', () => identityToken({ sub: 'crm-3', name: 'Wanda Wrong', secret: 'wrong' }), 'identity-invalid'],
  ];
  for (const [what, make, code] of refusals) {
    it(`refuses ${what}: chat-identity-error (${code}) on the widget, and the agent sees no lock`, async () => {
      const pair = await conversationPair({ queue: 'asiakaspalvelu', agentName: 'Ilona', customerName: 'Unverified Una', identity: await make() });
      agents.push(pair.agent);
      await until(() => identityErrors.events.length > 0, 'chat-identity-error');
      const error = identityErrors.events[0] as ChatIdentityErrorEvent;
      expect(error.target).to.equal(pair.widget);
      expect(error.detail.code).to.equal(code);
      expect(error.detail.message).to.contain('the customer stays unverified');
      expect(pair.customer.identity?.verified).to.equal(false);

      await until(() => !!inside(pair.session, '[part=customer-info]'), 'the customer info');
      expect(inside(pair.session, '[part=verified]')).to.equal(null);
      expect(allInside(pair.session, '.lock')).to.have.length(0);
      expect(readText(pair.session)).to.not.contain('Verified by the website');
      expect(rows(pair.session)).to.deep.equal(pageRows);
      await until(() => opened.events.length > 0, 'chat-customer-open');
      expect((opened.events[0] as ChatCustomerOpenEvent).detail.info!.verified).to.equal(undefined);
      await expect(pair.session).to.be.accessible();
      await expect(pair.widget).to.be.accessible();
    });
  }

  it('tells agents nothing of the page with no-page-info', async () => {
    const pair = await conversationPair({ queue: 'asiakaspalvelu', agentName: 'Ilona', customerName: 'Private Pia', noPageInfo: true });
    agents.push(pair.agent);
    await until(() => !!inside(pair.session, '[part=customer-info]'), 'the customer info');
    expect(rows(pair.session)).to.deep.equal({});
    expect(info(pair.session).querySelector('h3')!.textContent).to.equal('Private Pia');
    await until(() => opened.events.length > 0, 'chat-customer-open');
    expect((opened.events[0] as ChatCustomerOpenEvent).detail.info).to.equal(undefined);
    await expect(pair.session).to.be.accessible();
  });

  it('shows signed attributes, survey answers in the survey’s order and the page as text, never as markup', async () => {
    const token = await agentToken('Ilona');
    const connection = await fixture<ChatConnection>(html`<chat-connection url=${testRelay.ws} token=${token}><chat-session></chat-session></chat-connection>`);
    const session = connection.querySelector('chat-session') as ChatSession;
    await until(() => connection.client?.status === 'open', 'the connection');
    const agent = connection.client!;
    agents.push(agent);
    await agent.send({ type: 'sign-in', queues: ['survey-test'] });

    const items = new Map<string, string>();
    const customer = new TiskiClient({
      url: testRelay.ws,
      role: 'customer',
      storage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) },
    });
    customers.push(customer);
    customer.connect();
    await customer.send({
      type: 'join',
      queue: 'survey-test',
      name: hostile,
      identity: await identityToken({ sub: 'crm-5', name: hostile }),
      survey: { order: hostile, topic: 'delivery', note: hostile },
      info: { page: `https://shop.example/?q=${hostile}`, language: 'fi-FI' },
    });
    await agent.send({ type: 'pick', queue: 'survey-test', customer: customer.self!.id });
    await until(() => !!session.shadowRoot!.querySelector('[part=verified]'), 'the verified attributes');

    expect(rows(session)).to.deep.equal({
      id: 'Verified by the website: crm-5',
      name: `Verified by the website: ${hostile}`,
      'Order number': hostile,
      Topic: 'Delivery',
      [`Note ${hostile}`]: hostile,
      Page: `https://shop.example/?q=${hostile}`,
      Language: 'fi-FI',
    });
    expect(info(session).querySelector('h3')!.textContent).to.equal(hostile);
    expect(session.shadowRoot!.querySelector('img'), 'no element made of customer text').to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(session).to.be.accessible();
  });
});
