import { expect } from '@open-wc/testing';
import { TiskiClient } from '../../components/client/tiski-client.js';
import { agentGoes, agentSignedIn, customerGoes, memoryStorage, testRelay, until } from './relay.js';

const QUEUE = 'support-en';

/** The network between the page and the relay stops carrying bytes, closing nothing; or comes back. */
const outage = () => fetch('/test-network/outage');
const networkBack = () => fetch('/test-network/back');

const texts = (client: TiskiClient, conversation: string) => (client.conversations.get(conversation)?.messages ?? []).map((m) => m.text);

/** A customer whose socket goes through the network proxy, in a conversation with a new agent. */
async function chatThroughNetwork(watch: ConstructorParameters<typeof TiskiClient>[0]['watch']) {
  const agent = await agentSignedIn('Outage agent', [QUEUE]);
  const customer = new TiskiClient({ url: testRelay.throughNetwork, role: 'customer', storage: memoryStorage(), watch });
  customer.connect();
  await customer.send({ type: 'join', queue: QUEUE, name: 'Outi' });
  const picked = await agent.send({ type: 'pick', queue: QUEUE, customer: customer.self!.id });
  const conversation = picked.conversation!;
  await until(() => !!customer.conversations.get(conversation), 'the customer to see the conversation');
  return { agent, customer, conversation };
}

describe('a silent network outage', () => {
  const clients: TiskiClient[] = [];
  afterEach(async () => {
    await networkBack();
    for (const client of clients.splice(0)) {
      if (client.role === 'agent') await agentGoes(client, true);
      else await customerGoes(client);
    }
  });

  it('is noticed by the client, which reconnects and gets every message it missed', async () => {
    const { agent, customer, conversation } = await chatThroughNetwork({ quietMs: 400, answerMs: 400, handshakeMs: 2000 });
    clients.push(agent, customer);
    await outage();
    for (const text of ['one', 'two', 'three']) await agent.send({ type: 'send', conversation, text });
    await until(() => customer.status === 'reconnecting', 'the customer to give up the silent socket', 3000);
    // New connections pass the proxy: the customer is back without the network's help.
    await until(() => customer.status === 'open' && texts(customer, conversation).length === 3, 'the missed messages', 5000);
    expect(texts(customer, conversation)).to.deep.equal(['one', 'two', 'three']);
    // What the customer typed during the outage reaches the agent once.
    await customer.send({ type: 'send', conversation, text: 'back' });
    await until(() => texts(agent, conversation).includes('back'), 'the agent to get the message');
    expect(texts(agent, conversation).filter((t) => t === 'back')).to.have.length(1);
  });

  it('leaves a client that does not ask stuck on the dead socket, which is why it asks', async () => {
    const { agent, customer, conversation } = await chatThroughNetwork({ quietMs: 60_000, answerMs: 60_000, handshakeMs: 60_000 });
    clients.push(agent, customer);
    await outage();
    await agent.send({ type: 'send', conversation, text: 'lost in the outage' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(customer.status).to.equal('open');
    expect(texts(customer, conversation)).to.deep.equal([]);
  });
});
