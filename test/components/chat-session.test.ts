import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/agent.js';
import type { ChatConnection } from '../../components/chat-connection/chat-connection.js';
import type { ChatSession } from '../../components/chat-session/chat-session.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import { agentToken, customerJoins, deepText, testRelay, until } from './relay.js';

describe('chat-session', () => {
  const customers: TiskiClient[] = [];
  afterEach(() => customers.splice(0).forEach((c) => c.close()));

  it('says there is no conversation yet, accessibly', async () => {
    const session = await fixture<ChatSession>(html`<chat-session></chat-session>`);
    expect(session.shadowRoot!.textContent).to.contain('No conversation open');
    await expect(session).to.be.accessible();
  });

  it('shows the picked conversation, sends with Enter, and ends it', async () => {
    const token = await agentToken('Agnes');
    const connection = await fixture<ChatConnection>(
      html`<chat-connection url=${testRelay.ws} token=${token}><chat-session></chat-session></chat-connection>`,
    );
    const session = connection.querySelector('chat-session') as ChatSession;
    const text = () => deepText(session.shadowRoot!).replace(/\s+/g, ' ');
    await until(() => connection.client?.status === 'open', 'the connection');
    const client = connection.client!;
    await client.send({ type: 'sign-in', queues: ['support-en'] });
    const customer = await customerJoins('support-en', 'Session Sara');
    customers.push(customer);

    const started = oneEvent(session, 'chat-conversation-start');
    const { conversation } = await client.send({ type: 'pick', queue: 'support-en', customer: customer.self!.id });
    expect((await started).detail.customer.name).to.equal('Session Sara');
    await until(() => text().includes('Session Sara'), 'the header');

    await customer.send({ type: 'send', conversation: conversation!, text: 'Hello <b>agent</b>' });
    await until(() => text().includes('Hello <b>agent</b>'), 'the customer message as text');
    (session.shadowRoot!.querySelector('chat-composer') as HTMLElement).focus();
    await sendKeys({ type: 'How can I help?' });
    await sendKeys({ press: 'Enter' });
    await until(() => customer.conversations.get(conversation!)?.messages.length === 2, 'the reply at the customer');
    expect(customer.conversations.get(conversation!)!.messages.map((m) => m.text)).to.deep.equal(['Hello <b>agent</b>', 'How can I help?']);
    await expect(session).to.be.accessible();

    const ended = oneEvent(session, 'chat-conversation-end');
    await customer.send({ type: 'end', conversation: conversation! });
    expect((await ended).detail.reason).to.equal('customer-ended');
    await until(() => text().includes('The customer ended the conversation.'), 'the end notice');
    expect(session.shadowRoot!.querySelector('[part=end-button]'), 'no End once ended').to.equal(null);
    expect((session.shadowRoot!.querySelector('chat-composer') as HTMLElement & { disabled: boolean }).disabled).to.equal(true);
    await client.send({ type: 'sign-out' });
  });
});
