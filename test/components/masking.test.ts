import { expect, fixture, html } from '@open-wc/testing';
import '../../components/agent.js';
import type { AgentQueueBar } from '../../components/agent-queue-bar/agent-queue-bar.js';
import type { ChatConnection } from '../../components/chat-connection/chat-connection.js';
import type { ChatSession } from '../../components/chat-session/chat-session.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import { agentToken, customerJoins, deepText, testRelay, until } from './relay.js';

const RAW = 'Call me on +447966197542 or melissa@gmail.com, card 4111 1111 1111 1111';
const MASKED = 'Call me on *********7542 or m******@gmail.com, card ************1111';

async function deskWithConversation(queue: string, customerName: string, maskAttribute: boolean) {
  const token = await agentToken('Masha');
  const connection = await fixture<ChatConnection>(html`<chat-connection url=${testRelay.ws} token=${token}>
    <agent-queue-bar ?mask-pii=${maskAttribute}></agent-queue-bar>
    <chat-session ?mask-pii=${maskAttribute}></chat-session>
  </chat-connection>`);
  await until(() => connection.client?.status === 'open', 'the connection');
  const agent = connection.client!;
  await agent.send({ type: 'sign-in', queues: [queue] });
  const customer = await customerJoins(queue, customerName);
  const bar = connection.querySelector('agent-queue-bar') as AgentQueueBar;
  await until(() => agent.queueSnapshots.get(queue)?.waiting.length === 1, 'the waiting customer');
  await bar.updateComplete;
  const barText = deepText(bar.shadowRoot!);
  const { conversation } = await agent.send({ type: 'pick', queue });
  await customer.send({ type: 'send', conversation: conversation!, text: RAW });
  await agent.send({ type: 'send', conversation: conversation!, text: 'Our line: +358 40 1234567' });
  const session = connection.querySelector('chat-session') as ChatSession;
  const sessionText = () => deepText(session.shadowRoot!).replace(/\s+/g, ' ');
  await until(() => sessionText().includes('Our line'), 'both messages');
  return { agent, customer, session, barText, sessionText, conversation: conversation! };
}

describe('masking in the agent elements', () => {
  const clients: TiskiClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) {
      if (c.role === 'agent') for (const conv of c.conversations.all()) await c.send({ type: 'end', conversation: conv.id }).catch(() => {});
      c.close();
    }
  });

  it('masks customer text and a phone-number name when the element asks for it', async () => {
    const d = await deskWithConversation('asiakaspalvelu', '+358 40 7654321', true);
    clients.push(d.agent, d.customer);
    expect(d.barText).to.contain('*********4321').and.not.contain('7654321 ');
    expect(d.sessionText()).to.contain(MASKED);
    expect(d.sessionText()).to.not.contain('7966197542');
    expect(d.sessionText()).to.contain('Our line: +358 40 1234567', "the agent's own text is not masked");
    expect(d.session.shadowRoot!.querySelector('h2')!.textContent).to.equal('*********4321');
    await expect(d.session).to.be.accessible();
  });

  it('shows text as written when neither the queue nor the element masks', async () => {
    const d = await deskWithConversation('asiakaspalvelu', 'Plain Pekka', false);
    clients.push(d.agent, d.customer);
    expect(d.sessionText()).to.contain(RAW);
  });

  it("follows the queue's maskPii setting without the attribute", async () => {
    const d = await deskWithConversation('support-en', 'melissa@gmail.com', false);
    clients.push(d.agent, d.customer);
    expect(d.barText).to.contain('m******@gmail.com');
    expect(d.sessionText()).to.contain(MASKED);
    expect(d.session.shadowRoot!.querySelector('h2')!.textContent).to.equal('m******@gmail.com');
  });
});
