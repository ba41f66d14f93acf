import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/agent.js';
import type { AgentQueueBar } from '../../components/agent-queue-bar/agent-queue-bar.js';
import type { ChatConnection } from '../../components/chat-connection/chat-connection.js';
import type { ChatSession } from '../../components/chat-session/chat-session.js';
import { TiskiClient } from '../../components/client/tiski-client.js';
import { agentGoes, agentSignedIn, agentToken, customerGoes, deepText, memoryStorage, testRelay, until } from './relay.js';

// Proactive chat (W10) on the agents' side: <agent-queue-bar>'s visitors panel and the Proactive
// marks, against the real relay. A visitor is a customer connection that said where it is and has
// not joined. Other test files may leave visitors behind, so rows are found by the visitor's id.
// Presence is asserted as booleans: a failing assertion on an element stalls the runner.

interface Desk {
  client: TiskiClient;
  bar: AgentQueueBar;
  session: ChatSession;
  text: () => string;
  $: (selector: string) => HTMLElement | null;
}

const desks: Desk[] = [];
const visitors: TiskiClient[] = [];
const agents: TiskiClient[] = [];

/** A visitor on the pricing page, its query something the relay must not keep. */
async function visitor(): Promise<TiskiClient> {
  const client = new TiskiClient({ url: testRelay.ws, role: 'customer', storage: memoryStorage() });
  client.connect();
  visitors.push(client);
  await client.send({ type: 'visit', page: 'https://shop.example/pricing?x=1', title: 'Pricing', language: 'fi' });
  return client;
}

async function desk(name: string, queue: string, lang = 'en'): Promise<Desk> {
  const token = await agentToken(name);
  const connection = await fixture<ChatConnection>(html`<chat-connection url=${testRelay.ws} token=${token}>
    <agent-queue-bar lang=${lang}></agent-queue-bar>
    <chat-session lang=${lang}></chat-session>
  </chat-connection>`);
  const bar = connection.querySelector('agent-queue-bar') as AgentQueueBar;
  await until(() => connection.client?.status === 'open', 'the connection');
  const client = connection.client!;
  await client.send({ type: 'sign-in', queues: [queue] });
  await until(() => !!bar.shadowRoot!.querySelector('[part=visitors-button]'), 'the visitors button');
  const d: Desk = {
    client,
    bar,
    session: connection.querySelector('chat-session') as ChatSession,
    text: () => deepText(bar.shadowRoot!).replace(/\s+/g, ' '),
    $: (selector) => bar.shadowRoot!.querySelector(selector),
  };
  desks.push(d);
  return d;
}

const row = (d: Desk, v: TiskiClient) => d.$(`[part=visitor][data-visitor="${v.self!.id}"]`);
const rowText = (d: Desk, v: TiskiClient) => (row(d, v)?.textContent ?? '').replace(/\s+/g, ' ').trim();
const statusOf = (d: Desk, v: TiskiClient) => row(d, v)?.querySelector('[part=invitation-status]')?.textContent?.trim() ?? '';

async function openPanel(d: Desk, v: TiskiClient) {
  (d.$('[part=visitors-button]') as HTMLButtonElement).click();
  await until(() => !!row(d, v), 'the visitor in the panel');
}

/**
 * Opens the visitor's invitation form and sends it, with a message if given; returns the id the
 * relay gave the invitation, which the visitor answers with (the widget's tests follow it there).
 */
async function invite(d: Desk, v: TiskiClient, message = '') {
  (row(d, v)!.querySelector('[part=invite-button]') as HTMLButtonElement).click();
  await until(() => !!row(d, v)!.querySelector('[part=invitation-form]'), 'the invitation form');
  (row(d, v)!.querySelector('[part=invitation-message]') as HTMLTextAreaElement).value = message;
  (row(d, v)!.querySelector('[part=send-invitation-button]') as HTMLButtonElement).click();
  await until(() => !!d.client.invitationOutcomes.get(v.self!.id), 'the relay to take the invitation');
  return d.client.invitationOutcomes.get(v.self!.id)!.invitation;
}

describe('visitors and invitations (agent-queue-bar, W10)', () => {
  afterEach(async () => {
    for (const v of visitors.splice(0)) await customerGoes(v);
    for (const d of desks.splice(0)) await agentGoes(d.client);
    for (const a of agents.splice(0)) await agentGoes(a, true);
  });

  it('lists a visitor by path, invites them with a message, shows the dismissal, and marks the chat of an accepted invitation', async function () {
    this.timeout(15000);
    const v = await visitor();
    const d = await desk('Inviting Inga', 'asiakaspalvelu');
    await openPanel(d, v);
    const button = d.$('[part=visitors-button]')!;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const listed = rowText(d, v);
    expect(listed).to.contain('/pricing · Pricing');
    expect(listed).to.contain('Finnish · on the site 0:0');
    expect(listed.includes('x=1') || listed.includes('shop.example'), 'the path only').to.equal(false);
    await expect(d.bar).to.be.accessible();

    const invitation = await invite(d, v, 'Questions about prices?');
    await until(() => statusOf(d, v) === 'Invitation sent; waiting for the answer…', 'the pending invitation');
    expect(!!row(d, v)!.querySelector('[part=invitation-form]'), 'the form put away').to.equal(false);
    expect((row(d, v)!.querySelector('[part=invite-button]') as HTMLButtonElement).disabled, 'one invitation at a time').to.equal(true);

    await v.send({ type: 'dismiss-invitation', invitation });
    await until(() => statusOf(d, v) === 'Dismissed your invitation', 'the dismissal');
    expect(row(d, v)!.querySelector('[part=invitation-status]')!.getAttribute('role')).to.equal('status');
    await expect(d.bar).to.be.accessible();

    const second = await invite(d, v);
    expect(second).not.to.equal(invitation);
    const joined = await v.send({ type: 'join', queue: 'asiakaspalvelu', name: 'Maija', invitation: second });
    expect(!!joined.conversation, 'taken at once by the inviting agent').to.equal(true);
    await until(() => statusOf(d, v) === 'Accepted your invitation', 'the acceptance');
    await until(() => !row(d, v)!.querySelector('[part=invite-button]'), 'the list fetched again: a chatting customer is no visitor');
    await until(() => !!d.session.shadowRoot!.querySelector('[part=header] [part=proactive]'), 'the proactive mark in the session');
    const mark = d.session.shadowRoot!.querySelector('[part=header] [part=proactive]')!;
    expect(mark.getAttribute('aria-label')).to.equal('Proactive: the customer accepted an invitation to chat');
    expect(mark.textContent!.trim()).to.equal('Proactive');
    expect(d.client.conversations.get(joined.conversation!)!.proactive).to.equal(true);
    await expect(d.session).to.be.accessible();
  });

  it('speaks Finnish and is usable by keyboard: the form opens on its select and Escape puts it away', async () => {
    const v = await visitor();
    const d = await desk('Kaisa Kutsuja', 'asiakaspalvelu', 'fi');
    expect(d.$('[part=visitors-button]')!.textContent!.trim()).to.equal('Kävijät');
    await openPanel(d, v);
    expect(d.text()).to.contain('Kävijät sivustolla');
    expect(rowText(d, v)).to.contain('suomi · sivustolla 0:0');
    const inviteButton = row(d, v)!.querySelector('[part=invite-button]') as HTMLButtonElement;
    expect(inviteButton.textContent!.trim()).to.equal('Kutsu');
    expect(inviteButton.getAttribute('aria-label')).to.equal('Kutsu kävijä sivulla /pricing');

    inviteButton.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !!row(d, v)!.querySelector('[part=invitation-form]'), 'the invitation form');
    const form = row(d, v)!.querySelector('[part=invitation-form]')!;
    expect(d.bar.shadowRoot!.activeElement === form.querySelector('select'), 'the queue select has focus').to.equal(true);
    expect(inviteButton.getAttribute('aria-expanded')).to.equal('true');
    const labels = [...form.querySelectorAll('label')].map((l) => l.textContent!.replace(/\s+/g, ' ').trim());
    expect(labels[0]).to.match(/^Jono /);
    expect(labels[1]).to.equal('Viesti (valinnainen)');
    expect(form.querySelector('[part=send-invitation-button]')!.textContent!.trim()).to.equal('Lähetä kutsu');
    expect((form.querySelector('textarea') as HTMLTextAreaElement).maxLength).to.equal(1000);
    await expect(d.bar).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await until(() => !row(d, v)!.querySelector('[part=invitation-form]'), 'the form put away');
    expect(d.bar.shadowRoot!.activeElement === inviteButton, 'focus back on the invite button').to.equal(true);

    (d.$('[part=visitors-button]') as HTMLButtonElement).click();
    await d.bar.updateComplete;
    expect(!!d.$('[part=visitors-panel]'), 'the panel closed').to.equal(false);
  });

  it('marks the offer and the waiting customer who accepted an invitation of an agent who is away', async () => {
    const d = await desk('Offered Otto', 'offer-test');
    await until(() => d.client.queueSnapshots.get('offer-test')?.waiting.length === 0, 'nobody waiting in offer-test', 7000);
    const away = await agentSignedIn('Away Aino', ['offer-test']);
    agents.push(away);
    await away.send({ type: 'presence', presence: 'away' });
    const v = await visitor();
    const ack = await away.send({ type: 'invite-visitor', visitor: v.self!.id, queue: 'offer-test' });
    await v.send({ type: 'join', queue: 'offer-test', name: 'Proactive Pekka', invitation: ack.request! });

    await until(() => !!d.$('[part=offer] [part=proactive]'), 'the mark on the offer');
    await until(() => !!d.$('[part=waiting-list] [part=proactive]'), 'the mark in the waiting list');
    expect(d.$('[part=offer]')!.textContent).to.contain('Proactive Pekka');
    expect(d.$('[part=waiting-list] [part=proactive]')!.getAttribute('aria-label')).to.equal('Proactive: the customer accepted an invitation to chat');
    await expect(d.bar).to.be.accessible();
  });
});
