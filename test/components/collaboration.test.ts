import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/agent.js';
import type { ChatComposer } from '../../components/chat-composer/chat-composer.js';
import type { ChatConnection } from '../../components/chat-connection/chat-connection.js';
import type { ChatSession } from '../../components/chat-session/chat-session.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import type { ChatTicketEvent } from '../../components/events/chat-ticket.js';
import type { CommandInput } from '../../protocol/commands.js';
import { agentGoes, agentToken, customerGoes, customerJoins, deepText, pause, testRelay, until } from './relay.js';

// Agents working a conversation together, each as <chat-session> inside its own <chat-connection>,
// against the real relay; customers are TiskiClient connections of their own.
// Presence is asserted as booleans: a failing assertion on an element makes the runner serialise
// the element and stall until its 120 s limit instead of reporting the failure.

const queue = 'asiakaspalvelu';
const customers: TiskiClient[] = [];
const agents: TiskiClient[] = [];

async function desk(name: string, queues = [queue]) {
  const token = await agentToken(name);
  const connection = await fixture<ChatConnection>(
    html`<chat-connection url=${testRelay.ws} token=${token}><chat-session></chat-session></chat-connection>`,
  );
  const session = connection.querySelector('chat-session') as ChatSession;
  await until(() => connection.client?.status === 'open', 'the connection');
  const agent = connection.client!;
  agents.push(agent);
  await agent.send({ type: 'sign-in', queues });
  const root = session.shadowRoot!;
  const $ = <E extends HTMLElement = HTMLElement>(selector: string) => root.querySelector<E>(selector);
  const list = () => $('chat-message-list')?.shadowRoot ?? null;
  return {
    name,
    session,
    agent,
    $,
    text: () => deepText(root).replace(/\s+/g, ' '),
    /** A button of the session by its words. */
    button: (words: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.replace(/\s+/g, ' ').trim() === words),
    composer: () => $<ChatComposer>('chat-composer')!,
    items: () => [...(list()?.querySelectorAll<HTMLElement>('li') ?? [])],
    notices: () => [...(list()?.querySelectorAll<HTMLElement>('li[part=notice]') ?? [])].map((li) => li.textContent!.trim()),
    error: () => $('p.error[role=alert]')?.textContent ?? '',
    /** The agents and queues the chooser lists, by their words. */
    targets: () => [...root.querySelectorAll<HTMLButtonElement>('[part=target-chooser] [part=target-button]')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim()),
  };
}
type Desk = Awaited<ReturnType<typeof desk>>;

/** A customer joins and the agent picks exactly them; the session shows the conversation. */
async function talkTo(d: Desk, name: string) {
  const customer = await customerJoins(queue, name);
  customers.push(customer);
  const { conversation } = await d.agent.send({ type: 'pick', queue, customer: customer.self!.id });
  await until(() => d.$('h2')?.textContent === name, `the conversation with ${name}`);
  return { customer, conversation: conversation! };
}

/** Writes in the session's composer, privately if asked, and sends with the Send button. */
async function write(d: Desk, text: string, privately = false) {
  const composer = d.composer();
  const root = composer.shadowRoot!;
  const toggle = root.querySelector<HTMLInputElement>('[part=private-toggle] input')!;
  if (toggle.checked !== privately) toggle.click();
  const input = root.querySelector('textarea')!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input'));
  await composer.updateComplete;
  const sent = oneEvent(d.session, 'chat-message-send');
  root.querySelector<HTMLButtonElement>('[part=send-button]')!.click();
  return (await sent).detail;
}

async function click(d: Desk, part: string) {
  const button = d.$(`[part=${part}]`);
  if (!button) throw new Error(`no ${part} in the session of ${d.name}`);
  button.click();
  await d.session.updateComplete;
}

/** Opens Invite or Transfer and waits for the relay's directory to list `name`. */
async function openChooser(d: Desk, kind: 'invite' | 'transfer', name: string) {
  await click(d, `${kind}-button`);
  await until(() => d.targets().some((t) => t.startsWith(name)), `${name} in the chooser`);
}

async function filterChooser(d: Desk, words: string) {
  const input = d.$<HTMLInputElement>('[part=target-chooser] input[type=search]')!;
  input.value = words;
  input.dispatchEvent(new InputEvent('input'));
  await d.session.updateComplete;
}

async function choose(d: Desk, name: string) {
  const target = [...d.session.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=target-button]')].find((b) => b.textContent!.trim().startsWith(name));
  if (!target) throw new Error(`no ${name} to choose; the chooser lists ${d.targets().join(' | ')}`);
  target.click();
  await d.session.updateComplete;
}

/** `owner` asks `other` in; `other` sees the request and accepts; both see the join. */
async function invited(owner: Desk, other: Desk) {
  await openChooser(owner, 'invite', other.name);
  await choose(owner, other.name);
  await until(() => !!other.$('[part=request]'), 'the invitation');
  other.$('[part=accept-request-button]')!.click();
  const joined = `${other.name} joined the conversation`;
  await until(() => owner.notices().includes(joined) && other.notices().includes(joined), 'the join at both');
}

/** Fills the shown wrap-up form and submits it with its primary button. */
async function wrapUp(d: Desk, values: { reason?: string; note?: string; tags?: string }) {
  const form = d.$<HTMLFormElement>('[part=wrap-up-form]')!;
  for (const [name, value] of Object.entries(values)) (form.elements.namedItem(name) as HTMLInputElement).value = value;
  form.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  await d.session.updateComplete;
}

/** Records the commands a client sends from now on, e.g. syncs it asks for after a gap. */
function recordCommands(client: TiskiClient): string[] {
  const types: string[] = [];
  const send = client.send.bind(client);
  client.send = (command: CommandInput) => {
    types.push(command.type);
    return send(command);
  };
  return types;
}

const say = (customer: TiskiClient, conversation: string, text: string) => customer.send({ type: 'send', conversation, text });

describe('agents working together (chat-session)', () => {
  afterEach(async () => {
    for (const c of customers.splice(0)) await customerGoes(c);
    for (const a of agents.splice(0)) await agentGoes(a);
  });

  describe('private messages', () => {
    it('sends what the toggle marks private as private, shown with the eye and the word; the customer never gets it', async () => {
      const d = await desk('Private Pia');
      const { customer, conversation } = await talkTo(d, 'Public Paula');
      const customerSent = recordCommands(customer);
      await say(customer, conversation, 'Hello there');
      await until(() => d.text().includes('Hello there'), 'the customer message');

      expect(await write(d, 'Her invoice was wrong last month too', true)).to.deep.equal({ text: 'Her invoice was wrong last month too', private: true });
      await until(() => d.items().some((li) => li.textContent!.includes('Her invoice was wrong')), 'the private message');
      expect(await write(d, 'Let me check that for you')).to.deep.equal({ text: 'Let me check that for you', private: false });
      await until(() => customer.conversations.get(conversation)!.messages.length === 2, 'the public reply at the customer');

      const mine = d.agent.conversations.get(conversation)!.messages;
      expect(mine.map((m) => [m.seq, m.text, !!m.private])).to.deep.equal([
        [2, 'Hello there', false],
        [3, 'Her invoice was wrong last month too', true],
        [4, 'Let me check that for you', false],
      ]);
      const item = d.items().find((li) => li.textContent!.includes('Her invoice was wrong'))!;
      expect(item.getAttribute('part')).to.equal('message own private');
      expect(item.querySelector('[part=private-label]')!.textContent!.trim()).to.equal('Private');
      expect(!!item.querySelector('[part=private-label] svg[aria-hidden=true]'), 'the eye icon').to.equal(true);
      const reply = d.items().find((li) => li.textContent!.includes('Let me check'))!;
      expect(reply.getAttribute('part')).to.equal('message own');
      expect(!!reply.querySelector('[part=private-label]')).to.equal(false);

      const theirs = customer.conversations.get(conversation)!;
      expect(theirs.messages.map((m) => [m.seq, m.text])).to.deep.equal([
        [2, 'Hello there'],
        [3, 'Let me check that for you'],
      ]);
      expect(theirs.seq, "the customer's stream has no gap").to.equal(3);
      expect(customerSent, 'no sync asked for a missing event').to.not.include('sync');
      expect(JSON.stringify(theirs)).to.not.contain('invoice');
      await expect(d.session).to.be.accessible();
    });

    it('has no toggle and never sends private without allow-private', async () => {
      const composer = await fixture<ChatComposer>(html`<chat-composer></chat-composer>`);
      expect(!!composer.shadowRoot!.querySelector('[part=private-toggle]')).to.equal(false);
      const input = composer.shadowRoot!.querySelector('textarea')!;
      input.value = 'Plain';
      input.dispatchEvent(new InputEvent('input'));
      await composer.updateComplete;
      const sent = oneEvent(composer, 'chat-message-send');
      composer.shadowRoot!.querySelector<HTMLButtonElement>('[part=send-button]')!.click();
      expect((await sent).detail).to.deep.equal({ text: 'Plain', private: false });
    });
  });

  describe('invitations', () => {
    it('lists signed-in agents and queues, filters as one types, and asks again on Reload', async () => {
      const a = await desk('Chooser Charlotta');
      const b = await desk('Listed Linnea');
      await talkTo(a, 'Choosy Customer');
      await openChooser(a, 'invite', 'Listed Linnea');
      const chooser = a.$('[part=target-chooser]')!;
      expect(chooser.querySelector('h3')!.textContent).to.equal('Invite into the conversation');
      // Agents of other test files may linger signed in for the relay's grace period: counts are relative.
      expect(a.targets()).to.include('Listed Linnea Available');
      for (const name of ['English support', 'Asiakaspalvelu', 'Kundtjänst', 'Offer test', 'Alert test']) {
        expect(a.targets().some((t) => new RegExp(`^${name} \\d+ available$`).test(t)), `the queue ${name}`).to.equal(true);
      }
      expect(a.targets().some((t) => t.startsWith('Chooser Charlotta')), 'not the owner herself').to.equal(false);
      const buttons = [...a.session.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=target-button]')];
      expect(buttons.map((b) => b.disabled), 'a queue nobody serves, or an agent gone offline, cannot be chosen').to.deep.equal(
        buttons.map((b) => / 0 available$| Offline$/.test(b.textContent!.trim())),
      );
      await expect(a.session).to.be.accessible();

      await filterChooser(a, 'LINN');
      expect(a.targets()).to.deep.equal(['Listed Linnea Available']);
      await filterChooser(a, 'kundtj');
      expect(a.targets()).to.have.length(1);
      expect(a.targets()[0]).to.match(/^Kundtjänst \d+ available$/);
      await filterChooser(a, 'nobody by this name');
      expect(a.targets()).to.deep.equal([]);
      await filterChooser(a, '');

      const alertTest = () => Number(/^Alert test (\d+) available$/.exec(a.targets().find((t) => t.startsWith('Alert test'))!)![1]);
      const before = alertTest();
      const c = await desk('Latecomer Lotta', [queue, 'alert-test']);
      await pause(200);
      expect(a.targets().some((t) => t.startsWith('Latecomer Lotta')), 'not listed before Reload').to.equal(false);
      a.button('Reload')!.click();
      await until(() => a.targets().includes('Latecomer Lotta Available'), 'the newcomer after Reload');
      expect(alertTest(), 'the queue counts the newcomer').to.equal(before + 1);

      a.button('Close')!.click();
      await a.session.updateComplete;
      expect(!!a.$('[part=target-chooser]')).to.equal(false);
      expect(b.agent.requests.size + c.agent.requests.size, 'nobody was asked').to.equal(0);
    });

    it('sends the invitation, which the invited agent accepts; both see the join and the guest writes privately', async () => {
      const a = await desk('Inviting Irma');
      const b = await desk('Invited Ilona');
      const { customer, conversation } = await talkTo(a, 'Conference Kalle');
      await say(customer, conversation, 'I need two of you');
      await write(a, 'Ilona knows this customer', true);

      await openChooser(a, 'invite', 'Invited Ilona');
      await choose(a, 'Invited Ilona');
      expect(!!a.$('[part=target-chooser]'), 'the chooser closes').to.equal(false);
      await until(() => !!a.$('[part=request-status]'), 'the request status');
      expect(a.$('[part=request-status]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Invitation sent; waiting for an answer… Withdraw');

      await until(() => !!b.$('[part=request]'), 'the invitation at Ilona');
      const request = b.$('[part=request]')!;
      expect(request.getAttribute('role')).to.equal('alert');
      expect(request.textContent!.replace(/\s+/g, ' ')).to.contain('Inviting Irma invites you into the conversation with Conference Kalle');
      expect(request.querySelector('[part=accept-request-button]')!.textContent).to.equal('Accept');
      expect(request.querySelector('[part=decline-request-button]')!.textContent).to.equal('Decline');
      await expect(b.session).to.be.accessible();

      request.querySelector<HTMLElement>('[part=accept-request-button]')!.click();
      await until(() => a.notices().includes('Invited Ilona joined the conversation'), 'the join at the owner');
      await until(() => b.notices().includes('Invited Ilona joined the conversation'), 'the join at the guest');
      await until(() => a.$('[part=request-status]')?.textContent?.trim() === 'Invited Ilona joined.', 'the outcome at the owner');
      expect(!!b.$('[part=request]'), 'the request is answered').to.equal(false);
      expect(b.$('h2')!.textContent).to.equal('Conference Kalle');
      expect(b.text(), 'the guest sees the history').to.contain('I need two of you').and.contain('Ilona knows this customer');
      const note = b.items().find((li) => li.textContent!.includes('Ilona knows this customer'))!;
      expect(note.getAttribute('part'), "the owner's private message at the guest").to.equal('message other private');
      expect(!!b.$('[part=leave-button]')).to.equal(true);
      expect(!!b.$('[part=end-button]') || !!b.$('[part=transfer-button]'), 'a guest neither ends nor transfers').to.equal(false);
      expect(!!a.$('[part=end-conference-button]')).to.equal(true);

      await write(b, 'Ilona here, privately', true);
      await write(b, 'Hello Kalle, Ilona here');
      await until(() => customer.conversations.get(conversation)!.messages.length === 2, 'the public one at the customer');
      expect(customer.conversations.get(conversation)!.messages.map((m) => m.text)).to.deep.equal(['I need two of you', 'Hello Kalle, Ilona here']);
      expect(customer.conversations.get(conversation)!.timeline.filter((e) => e.type === 'agent-joined').map((e) => e.type === 'agent-joined' && [e.agent.name, e.via])).to.deep.equal([['Invited Ilona', 'invite']]);
      await until(() => a.items().some((li) => li.textContent!.includes('Ilona here, privately')), "the guest's private message at the owner");
      expect(a.items().find((li) => li.textContent!.includes('Ilona here, privately'))!.getAttribute('part')).to.equal('message other private');
    });

    it('tells the owner when the invited agent declines', async () => {
      const a = await desk('Declined Doris');
      const b = await desk('Declining Dagmar');
      await talkTo(a, 'Lonely Leevi');
      await openChooser(a, 'invite', 'Declining Dagmar');
      await choose(a, 'Declining Dagmar');
      await until(() => !!b.$('[part=request]'), 'the invitation');
      b.$('[part=decline-request-button]')!.click();
      await until(() => a.$('[part=request-status]')?.textContent?.trim() === 'The request was declined.', 'the decline at the owner');
      await until(() => !b.$('[part=request]'), 'the request gone at the declining agent');
      expect(b.agent.conversations.all().length, 'nothing joined').to.equal(0);
      expect(a.notices()).to.deep.equal([]);
    });

    it('withdraws the invitation with Withdraw', async () => {
      const a = await desk('Withdrawing Wivi');
      const b = await desk('Uninvited Ulrika');
      await talkTo(a, 'Waiting Waltteri');
      await openChooser(a, 'invite', 'Uninvited Ulrika');
      await choose(a, 'Uninvited Ulrika');
      await until(() => !!b.$('[part=request]'), 'the invitation');
      a.$('[part=request-status] button')!.click();
      await until(() => !b.$('[part=request]'), 'the request withdrawn at the invited agent');
      await until(() => a.$('[part=request-status]')?.textContent?.trim() === 'The request was withdrawn.', 'the outcome at the owner');
      expect(b.agent.requests.size).to.equal(0);
    });

    it('asks one agent at a time: a second invitation while one is pending shows the refusal', async () => {
      const a = await desk('Eager Eeva');
      const b = await desk('First Fiona');
      const c = await desk('Second Selma');
      await talkTo(a, 'Patient Pekka');
      await openChooser(a, 'invite', 'First Fiona');
      await choose(a, 'First Fiona');
      await until(() => !!b.$('[part=request]'), 'the first invitation');
      await until(() => !!a.$('[part=request-status]'), 'the first request status');

      await openChooser(a, 'invite', 'Second Selma');
      await choose(a, 'Second Selma');
      await until(() => !!a.error(), 'the refusal');
      expect(a.error()).to.contain('one invitation at a time');
      expect(a.$('[part=request-status]')!.textContent, 'the first one still waits').to.contain('Invitation sent; waiting for an answer…');
      await pause(200);
      expect(c.agent.requests.size, 'the second agent was not asked').to.equal(0);
      expect(!!c.$('[part=request]')).to.equal(false);
    });
  });

  describe('conferences', () => {
    it('ends the conference: the guest leaves, and neither the guest nor the owner is asked to wrap up', async () => {
      const a = await desk('Conferring Cecilia');
      const b = await desk('Guest Greta');
      const { customer, conversation } = await talkTo(a, 'Conferred Konsta');
      await invited(a, b);

      await click(a, 'end-conference-button');
      await until(() => a.notices().includes('Guest Greta left: the conference ended'), 'the end of the conference at the owner');
      await until(() => b.notices().includes('Guest Greta left: the conference ended'), 'the end of the conference at the guest');
      await until(() => !a.$('[part=end-conference-button]'), 'no conference to end');
      expect(!!b.$('[part=leave-button]')).to.equal(false);
      expect(b.composer().disabled, 'the former guest writes no more').to.equal(true);
      await until(() => customer.conversations.get(conversation)!.timeline.some((e) => e.type === 'agent-left'), 'the leave at the customer');
      expect(!!b.$('[part=wrap-up-form]'), 'only owners wrap up').to.equal(false);
      expect(!!a.$('[part=wrap-up-form]')).to.equal(false);
      expect(!!a.$('[part=end-button]'), 'the owner carries on').to.equal(true);

      await click(b, 'close-tab-button');
      expect(b.text(), 'the former guest has nothing to end').to.not.contain('still going on');
      expect(b.text()).to.contain('No conversation open');
      await pause(100);
      expect(customer.conversations.get(conversation)!.ended).to.equal(undefined);
    });

    it('lets the guest leave; the owner and the customer stay', async () => {
      const a = await desk('Staying Stina');
      const b = await desk('Leaving Liisa');
      const { customer, conversation } = await talkTo(a, 'Kept Kimmo');
      await invited(a, b);

      await click(b, 'leave-button');
      await until(() => a.notices().includes('Leaving Liisa left the conversation'), 'the leave at the owner');
      await until(() => !b.$('[part=leave-button]'), 'no Leave once left');
      expect(b.composer().disabled).to.equal(true);
      expect(!!b.$('[part=wrap-up-form]'), 'only owners wrap up').to.equal(false);
      expect(!!a.$('[part=end-conference-button]')).to.equal(false);
      await until(
        () => customer.conversations.get(conversation)!.timeline.some((e) => e.type === 'agent-left' && e.agent.name === 'Leaving Liisa' && e.reason === 'left'),
        'the leave at the customer',
      );
      await write(a, 'Still here');
      await until(() => customer.conversations.get(conversation)!.messages.some((m) => m.text === 'Still here'), 'the owner goes on');
      expect(customer.conversations.get(conversation)!.ended).to.equal(undefined);
    });
  });

  describe('transfers', () => {
    it('hands the conversation to an agent with its private history; the old owner wraps up and the customer sees the change', async () => {
      const a = await desk('Handing Hanna');
      const b = await desk('Taking Tove');
      const { customer, conversation } = await talkTo(a, 'Transferred Tero');
      await say(customer, conversation, 'Can someone else help?');
      await write(a, 'Tero wants the billing desk', true);

      await openChooser(a, 'transfer', 'Taking Tove');
      expect(a.$('[part=target-chooser] h3')!.textContent).to.equal('Transfer to');
      await choose(a, 'Taking Tove');
      await until(() => !!a.$('[part=request-status]'), 'the request status');
      expect(a.$('[part=request-status]')!.textContent).to.contain('Transfer asked; waiting for an answer…');
      await until(() => !!b.$('[part=request]'), 'the transfer at Tove');
      expect(b.$('[part=request]')!.textContent).to.contain('Handing Hanna wants to transfer Transferred Tero to you');
      b.$('[part=accept-request-button]')!.click();

      await until(() => b.$('h2')?.textContent === 'Transferred Tero', 'the conversation at the new owner');
      await until(() => b.text().includes('Tero wants the billing desk'), 'the history at the new owner');
      expect(b.text()).to.contain('Can someone else help?');
      expect(b.items().find((li) => li.textContent!.includes('Tero wants the billing desk'))!.getAttribute('part')).to.equal('message other private');
      expect(!!b.$('[part=end-button]') && !!b.$('[part=transfer-button]'), 'the new owner owns it').to.equal(true);

      await until(() => !!a.$('[part=wrap-up-form]'), 'the wrap-up form at the old owner');
      expect(a.$('[part=wrap-up-form] button[type=submit]')!.textContent).to.equal('Save wrap-up');
      expect(a.$('[part=request-status]')!.textContent!.trim()).to.equal('Taking Tove took over the conversation.');
      expect(a.composer().disabled, 'the old owner writes no more').to.equal(true);
      expect(!!a.$('[part=end-button]') || !!a.$('[part=transfer-button]')).to.equal(false);
      await expect(a.session).to.be.accessible();

      await until(() => customer.conversations.get(conversation)!.agent.name === 'Taking Tove', 'the new agent at the customer');
      await until(() => customer.conversations.get(conversation)!.timeline.some((e) => e.type === 'agent-left'), 'the leave line at the customer');
      const lines = customer.conversations.get(conversation)!.timeline.filter((e) => e.type === 'agent-joined' || e.type === 'agent-left');
      expect(lines.map((e) => [e.type, e.agent.name])).to.deep.equal([
        ['agent-joined', 'Taking Tove'],
        ['agent-left', 'Handing Hanna'],
      ]);
      expect(JSON.stringify(customer.conversations.get(conversation))).to.not.contain('billing desk');

      // The conversation goes on before the old owner gets round to the wrap-up.
      await write(b, 'Tove here, I will take it from here');
      await say(customer, conversation, 'Thank you Tove');
      await until(() => b.text().includes('Thank you Tove'), 'the new owner talks on');
      await wrapUp(a, { reason: 'Transferred', note: 'Handed to Tove', tags: 'billing' });
      await until(() => !a.$('[part=wrap-up-form]'), 'the wrap-up form to go');
      expect(a.error()).to.equal('');
      expect(a.$('p.notice[role=status]')!.textContent).to.equal('Wrapped up.');
      await until(() => b.agent.conversations.get(conversation)!.wrapUps.length === 1, 'the wrap-up at the new owner');
      expect(b.agent.conversations.get(conversation)!.wrapUps[0]!.wrapUp).to.deep.equal({ reason: 'Transferred', note: 'Handed to Tove', tags: ['billing'] });
      expect(b.agent.conversations.get(conversation)!.wrapUps[0]!.agent.name).to.equal('Handing Hanna');

      // Nothing of hers to end: her tab closes without asking, and the conversation goes on.
      await click(a, 'close-tab-button');
      expect(a.text()).to.not.contain('still going on');
      expect(a.text()).to.contain('No conversation open');
      await pause(100);
      expect(a.error()).to.equal('');
      expect(customer.conversations.get(conversation)!.ended).to.equal(undefined);
    });

    it('transfers to a queue: an available agent of it takes over', async () => {
      const a = await desk('Queue Quinn');
      const b = await desk('Alert Desk Aada', ['alert-test']);
      const { customer, conversation } = await talkTo(a, 'Requeued Riku');
      await openChooser(a, 'transfer', 'Alert test');
      await filterChooser(a, 'alert');
      expect(a.targets()).to.include.members(['Alert Desk Aada Available', 'Alert test 1 available']);
      expect(a.targets().every((t) => /alert/i.test(t)), a.targets().join(' | ')).to.equal(true);
      await choose(a, 'Alert test');
      await until(() => !!b.$('[part=request]'), 'the transfer at the agent of the queue');
      expect(b.agent.requests.values().next().value!.toQueue).to.equal('alert-test');
      b.$('[part=accept-request-button]')!.click();

      await until(() => b.$('h2')?.textContent === 'Requeued Riku', 'the conversation at the new owner');
      await until(() => !!a.$('[part=wrap-up-form]'), 'the wrap-up form at the old owner');
      await until(() => customer.conversations.get(conversation)!.agent.name === 'Alert Desk Aada', 'the new agent at the customer');
      await wrapUp(a, { note: 'To the alert desk' });
      await until(() => !a.$('[part=wrap-up-form]'), 'the wrap-up form to go');
      expect(a.error()).to.equal('');
    });
  });

  describe('ending with a wrap-up', () => {
    it('End opens the wrap-up form; saving ends the conversation and records reason, note and tags', async () => {
      const d = await desk('Ending Elina');
      const { customer, conversation } = await talkTo(d, 'Finished Frans');
      await click(d, 'end-button');
      const form = d.$<HTMLFormElement>('[part=wrap-up-form]')!;
      expect(!!form).to.equal(true);
      expect(form.querySelector('h3')!.textContent).to.equal('Wrap up');
      expect(form.querySelector('button[type=submit]')!.textContent).to.equal('End and save');
      const reason = form.querySelector<HTMLInputElement>('input[name=reason]')!;
      expect(reason.getAttribute('list')).to.equal('wrap-up-reasons');
      expect(form.querySelectorAll('datalist#wrap-up-reasons option').length, 'the demo queue has no reasons').to.equal(0);
      expect(reason.required, 'a free reason, or none').to.equal(false);
      await expect(d.session).to.be.accessible();

      d.button('Cancel')!.click();
      await d.session.updateComplete;
      expect(!!d.$('[part=wrap-up-form]'), 'Cancel keeps the conversation going').to.equal(false);
      expect(customer.conversations.get(conversation)!.ended).to.equal(undefined);

      await click(d, 'end-button');
      const ended = oneEvent(d.session, 'chat-conversation-end');
      await wrapUp(d, { reason: 'Invoice corrected', note: '  Credit note sent ', tags: 'billing, , invoice ' });
      expect((await ended).detail.reason).to.equal('agent-ended');
      await until(() => !!customer.conversations.get(conversation)!.ended, 'the end at the customer');
      await until(() => d.agent.conversations.get(conversation)!.wrapUps.length === 1, 'the wrap-up recorded');
      const recorded = d.agent.conversations.get(conversation)!.wrapUps[0]!;
      expect(recorded.wrapUp).to.deep.equal({ reason: 'Invoice corrected', note: 'Credit note sent', tags: ['billing', 'invoice'] });
      expect(recorded.agent.name).to.equal('Ending Elina');
      await d.session.updateComplete;
      expect(!!d.$('[part=wrap-up-form]'), 'no second form after the end').to.equal(false);
      expect(customer.conversations.get(conversation)!.wrapUps, "the wrap-up is the agents' alone").to.deep.equal([]);
    });

    it("offers the queue's wrap-up reasons and then asks for one", async () => {
      const d = await desk('Reasoning Ronja');
      await talkTo(d, 'Reasoned Raimo');
      // No demo queue has reasons: the queue's list is played locally, as the relay would send it.
      d.agent.queues = d.agent.queues.map((q) => (q.id === queue ? { ...q, wrapUpReasons: ['Billing', 'Technical'] } : q));
      await click(d, 'end-button');
      const form = d.$<HTMLFormElement>('[part=wrap-up-form]')!;
      expect([...form.querySelectorAll('datalist#wrap-up-reasons option')].map((o) => o.getAttribute('value'))).to.deep.equal(['Billing', 'Technical']);
      expect(form.querySelector<HTMLInputElement>('input[name=reason]')!.required).to.equal(true);
      await expect(d.session).to.be.accessible();
      const submitted = { count: 0 };
      form.addEventListener('submit', () => submitted.count++);
      await wrapUp(d, { note: 'No reason given' });
      expect(submitted.count, 'an empty reason does not submit').to.equal(0);
      expect(!!d.$('[part=wrap-up-form]')).to.equal(true);
    });

    it('asks for the wrap-up when the customer ends first, and saves it', async () => {
      const d = await desk('Left Leena');
      const { customer, conversation } = await talkTo(d, 'Quick Quentin');
      await customer.send({ type: 'end', conversation });
      await until(() => !!d.$('[part=wrap-up-form]'), 'the wrap-up form');
      expect(d.text()).to.contain('The customer ended the conversation.');
      expect(d.$('[part=wrap-up-form] button[type=submit]')!.textContent).to.equal('Save wrap-up');
      expect(!!d.button('Cancel'), 'nothing to cancel once ended').to.equal(false);
      await expect(d.session).to.be.accessible();

      await wrapUp(d, { reason: 'Solved', tags: 'quick' });
      await until(() => !d.$('[part=wrap-up-form]'), 'the form to go');
      expect(d.agent.conversations.get(conversation)!.wrapUps.map((w) => w.wrapUp)).to.deep.equal([{ reason: 'Solved', tags: ['quick'] }]);
      expect(d.error()).to.equal('');
    });
  });

  describe('tickets and recent conversations', () => {
    it('creates a ticket with the transcript', async () => {
      const d = await desk('Ticketing Tiina');
      const { customer, conversation } = await talkTo(d, 'Ticketed Taisto');
      await say(customer, conversation, 'My order never came');
      await write(d, 'Order 1234 is lost', true);
      await until(() => d.agent.conversations.get(conversation)!.messages.length === 2, 'both messages');

      const ticket = oneEvent(d.session, 'chat-ticket');
      await click(d, 'ticket-button');
      const { detail } = (await ticket) as ChatTicketEvent;
      expect(detail.conversation).to.equal(conversation);
      expect(detail.queue).to.equal(queue);
      expect(detail.customer.name).to.equal('Ticketed Taisto');
      expect(detail.transcript.map((e) => e.type === 'message' && [e.text, !!e.private])).to.deep.equal([
        ['My order never came', false],
        ['Order 1234 is lost', true],
      ]);
      await until(() => d.$('p.notice[role=status]')?.textContent === 'Ticket created.', 'the notice');
    });

    it('lists ended conversations and shows a transcript with private messages marked', async () => {
      const d = await desk('Recalling Riitta');
      const { customer, conversation } = await talkTo(d, 'Recent Reko');
      await say(customer, conversation, 'Thanks for earlier');
      await write(d, 'Regular customer', true);
      await write(d, 'You are welcome');
      await until(() => customer.conversations.get(conversation)!.messages.length === 2, 'the reply at the customer');
      await customer.send({ type: 'end', conversation });
      await until(() => !!d.agent.conversations.get(conversation)!.ended, 'the end');

      await click(d, 'recent-button');
      expect(d.$('[part=recent-button]')!.getAttribute('aria-expanded')).to.equal('true');
      await until(() => !!d.$('[part=recent] .recent-list'), 'the recent list');
      const entry = () => [...d.session.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=recent] .recent-list button')].find((b) => b.textContent!.includes('Recent Reko'));
      expect(!!entry(), 'the ended conversation is listed').to.equal(true);
      expect(entry()!.getAttribute('aria-pressed')).to.equal('false');
      entry()!.click();
      await d.session.updateComplete;
      expect(entry()!.getAttribute('aria-pressed')).to.equal('true');
      const lines = [...d.session.shadowRoot!.querySelectorAll<HTMLElement>('[part=recent] .transcript li')];
      const words = lines.map((li) => li.textContent!.replace(li.querySelector('time')!.textContent!, '').replace(/\s+/g, ' ').trim());
      expect(words).to.deep.equal(['Recent Reko: Thanks for earlier', 'Recalling Riitta (Private): Regular customer', 'Recalling Riitta: You are welcome']);
      expect(lines.map((li) => li.classList.contains('private'))).to.deep.equal([false, true, false]);
      await expect(d.session).to.be.accessible();

      d.$('[part=recent] button')!.click(); // Close
      await d.session.updateComplete;
      expect(!!d.$('[part=recent]')).to.equal(false);
    });
  });
});
