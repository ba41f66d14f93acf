import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/agent.js';
import type { ChatComposer } from '../../components/chat-composer/chat-composer.js';
import type { ChatConnection } from '../../components/chat-connection/chat-connection.js';
import type { ChatSession } from '../../components/chat-session/chat-session.js';
import { maskedName } from '../../components/client/masking.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import { allInside, composer, field, inside } from './conversation-pair.js';
import { agentGoes, agentToken, customerGoes, customerJoins, testRelay, until } from './relay.js';

/** An email address as a name: support-en masks it for agents, so the greeting must carry the masked form. */
const customerName = 'sara.smith@example.com';

describe('canned responses in chat-session (C5)', () => {
  const clients: Array<{ client: TiskiClient; side: 'agent' | 'customer' }> = [];
  afterEach(async () => {
    for (const { client, side } of clients.splice(0)) await (side === 'agent' ? agentGoes(client) : customerGoes(client));
  });

  /** Agnes, signed in to support-en, picks a customer; the session asks the relay for the queue's canned responses. */
  async function agnesPicks() {
    const token = await agentToken('Agnes');
    const connection = await fixture<ChatConnection>(html`<chat-connection url=${testRelay.ws} token=${token}><chat-session></chat-session></chat-connection>`);
    const session = connection.querySelector('chat-session') as ChatSession;
    await until(() => connection.client?.status === 'open', 'the connection');
    const agent = connection.client!;
    clients.push({ client: agent, side: 'agent' });
    await agent.send({ type: 'sign-in', queues: ['support-en'] });
    const customer = await customerJoins('support-en', customerName);
    clients.push({ client: customer, side: 'customer' });
    const { conversation } = await agent.send({ type: 'pick', queue: 'support-en', customer: customer.self!.id });
    await until(() => !!inside(composer(session), '[part=canned-button]'), 'the canned responses of support-en');
    return { session, agent, customer, conversation: conversation! };
  }

  const masked = maskedName(customerName);
  const greeting = `Hello ${masked}, this is Agnes from English support. How can I help you?`;

  it('fills the placeholders with the masked customer name, the agent and the queue', async () => {
    expect(masked, 'the name is masked for this test to mean anything').to.not.equal(customerName);
    const { session, agent } = await agnesPicks();
    expect(agent.cannedResponses.get('support-en')![0]!.text, 'the relay sends them unfilled').to.contain('{customer.name}');
    const filled = (composer(session) as ChatComposer).cannedResponses;
    expect(filled.map((r) => r.title)).to.deep.equal(['Greeting', 'One moment', 'Order number', 'Closing']);
    expect(filled[0]!.text).to.equal(greeting);
    expect(filled.map((r) => r.text).join(' ')).to.not.match(/[{}]/);
  });

  it('/gre and Enter replace the search with the greeting, which stays editable before it is sent', async () => {
    const { session, customer, conversation } = await agnesPicks();
    const list = composer(session)!;
    list.focus();
    await sendKeys({ type: '/gre' });
    await until(() => allInside(list, '[part=canned-option]').length === 1, 'the one match');
    const option = allInside(list, '[part=canned-option]')[0]!;
    expect(option.querySelector('strong')!.textContent).to.equal('Greeting');
    expect(option.querySelector('span')!.textContent, 'the list shows the filled text').to.equal(greeting);
    expect(option.getAttribute('aria-selected')).to.equal('true');
    await expect(session).to.be.accessible();

    await sendKeys({ press: 'Enter' });
    await until(() => field(session).value === greeting, 'the greeting in the field');
    expect(field(session).value).to.not.contain(customerName);
    expect(inside(list, '[part=canned]'), 'the list closes').to.equal(null);
    expect(customer.conversations.get(conversation)!.messages, 'nothing sent yet').to.have.length(0);
    await expect(session).to.be.accessible();

    await sendKeys({ type: ' Welcome!' });
    await sendKeys({ press: 'Enter' });
    await until(() => customer.conversations.get(conversation)!.messages.length === 1, 'the greeting at the customer');
    expect(customer.conversations.get(conversation)!.messages[0]!.text).to.equal(`${greeting} Welcome!`);
  });

  it('Alt+R and the button insert at the cursor', async () => {
    const { session, agent, conversation } = await agnesPicks();
    const list = composer(session)!;
    list.focus();
    await sendKeys({ type: 'Hi! Bye.' });
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'KeyR' });
    await sendKeys({ up: 'Alt' });
    await until(() => allInside(list, '[part=canned-option]').length === 4, 'every canned response');
    expect(field(session).value, 'Alt+R types nothing').to.equal('Hi! Bye.');
    await expect(session).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    const moment = `Thank you, ${masked}. Give me a moment while I look into this.`;
    await until(() => field(session).value === `Hi! ${moment}Bye.`, 'One moment inserted at the cursor');
    expect(field(session).selectionStart, 'the cursor after the insertion').to.equal(`Hi! ${moment}`.length);

    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' ' });
    inside(list, '[part=canned-button]')!.click();
    await until(() => allInside(list, '[part=canned-option]').length === 4, 'the list by the button');
    allInside(list, '[part=canned-option]')[3]!.click();
    const closing = 'Is there anything else I can help you with today?';
    await until(() => field(session).value === `Hi! ${moment}Bye. ${closing}`, 'Closing inserted at the end');
    expect(inside(list, '[part=canned]')).to.equal(null);

    await sendKeys({ press: 'Enter' });
    await until(() => agent.conversations.get(conversation)!.messages.length === 1, 'the message sent');
    expect(agent.conversations.get(conversation)!.messages[0]!.text).to.equal(`Hi! ${moment}Bye. ${closing}`);
  });
});
