import { expect } from '@open-wc/testing';
import '../../components/chat-widget/conversation-elements.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import { conversationPair, inside, readText } from './conversation-pair.js';
import { agentGoes, until } from './relay.js';

describe('the widget during and after the conversation (W4, W5)', () => {
  const agents: TiskiClient[] = [];
  beforeEach(() => localStorage.clear());
  afterEach(async () => {
    for (const agent of agents.splice(0)) await agentGoes(agent);
  });

  it('offers the transcript as a text file without private messages, and a rating that reaches the agents', async () => {
    const pair = await conversationPair({ queue: 'asiakaspalvelu', agentName: 'Rauni', customerName: 'Reino Rater' });
    agents.push(pair.agent);
    await pair.agent.send({ type: 'send', conversation: pair.conversation, text: 'Hei Reino!' });
    await pair.agent.send({ type: 'send', conversation: pair.conversation, text: 'Only for colleagues', private: true });
    await pair.customer.send({ type: 'send', conversation: pair.conversation, text: '<b>Kiitos</b>' });
    await pair.customer.send({ type: 'end', conversation: pair.conversation });
    await until(() => !!inside(pair.widget, '[part=end-view]'), 'the end view');
    await expect(pair.widget).to.be.accessible();

    let saved: { name: string; text: Promise<string> } | undefined;
    const createObjectURL = URL.createObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      saved = { name: '', text: (blob as Blob).text() };
      return 'blob:transcript';
    };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (saved) saved.name = this.download;
    };
    try {
      inside<HTMLButtonElement>(pair.widget, '[part=transcript-button]')!.click();
    } finally {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(saved?.name).to.match(/^chat-\d{4}-\d{2}-\d{2}\.txt$/);
    const text = await saved!.text;
    expect(text).to.contain('Chat with Rauni');
    expect(text).to.match(/\] Rauni: Hei Reino!/);
    expect(text).to.match(/\] You: <b>Kiitos<\/b>/);
    expect(text).not.to.contain('Only for colleagues');

    const form = inside<HTMLFormElement>(pair.widget, '[part=rating-form]')!;
    form.querySelector<HTMLInputElement>('input[value="4"]')!.click();
    form.querySelector('textarea')!.value = 'Nopeaa apua';
    form.querySelector<HTMLButtonElement>('[part=rating-button]')!.click();
    await until(() => !!inside(pair.widget, '[part=rating-thanks]'), 'the thanks');
    expect(readText(pair.widget)).to.contain('Thank you for your rating.');
    await expect(pair.widget).to.be.accessible();
  });

  it('asks for the rating in Finnish with lang="fi"', async () => {
    const pair = await conversationPair({ queue: 'asiakaspalvelu', agentName: 'Riikka', customerName: 'Raili' });
    agents.push(pair.agent);
    pair.widget.lang = 'fi';
    await pair.customer.send({ type: 'end', conversation: pair.conversation });
    await until(() => !!inside(pair.widget, '[part=rating-form]'), 'the rating form');
    const text = readText(pair.widget);
    expect(text).to.contain('Miten onnistuimme?');
    expect(text).to.contain('Lataa keskustelu tiedostona');
    expect(text).to.contain('4 tähteä');
    await expect(pair.widget).to.be.accessible();
  });

  it('tells the customer when they joined, how long they waited, when service began and when it ended (W4)', async () => {
    const pair = await conversationPair({ queue: 'asiakaspalvelu', agentName: 'Tuula', customerName: 'Timo Times' });
    agents.push(pair.agent);
    const times = () => inside(pair.widget, '[part=chat-times]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    expect(times()).to.match(/^Joined \d{2}[:.]\d{2}\s?(AM|PM)?, waited \d+:\d{2}, served from \d{2}[:.]\d{2}\s?(AM|PM)?$/);
    await pair.customer.send({ type: 'end', conversation: pair.conversation });
    await until(() => times().includes('ended'), 'the end time');
    expect(times()).to.match(/, ended \d{2}[:.]\d{2}\s?(AM|PM)?$/);
    await expect(pair.widget).to.be.accessible();
  });

  it('lets the customer return to the ended chat where the queue allows it: the same conversation goes on, its tab back for the agent (W5)', async () => {
    const pair = await conversationPair({ queue: 'asiakaspalvelu', agentName: 'Paula', customerName: 'Pekka Palaaja' });
    agents.push(pair.agent);
    await pair.agent.send({ type: 'send', conversation: pair.conversation, text: 'Ennen loppua' });
    await pair.customer.send({ type: 'end', conversation: pair.conversation });
    await until(() => !!inside(pair.widget, '[part=return-button]'), 'the return button');
    // The agent closes the ended conversation's tab.
    await until(() => !!inside(pair.session, '[part=close-tab-button]'), 'the close-tab button');
    inside<HTMLButtonElement>(pair.session, '[part=close-tab-button]')!.click();
    await until(() => !readText(pair.session).includes('Ennen loppua'), 'the tab closed');
    await expect(pair.widget).to.be.accessible();

    inside<HTMLButtonElement>(pair.widget, '[part=return-button]')!.click();
    await until(() => !pair.customer.conversations.get(pair.conversation)!.ended, 'the conversation going on');
    await until(() => !inside(pair.widget, '[part=end-view]'), 'the end view gone');
    expect(inside(pair.widget, 'chat-composer')!.hasAttribute('disabled')).to.equal(false);
    expect(readText(pair.widget)).to.contain('The chat was reopened; Paula carries on.');
    await until(() => !pair.agent.conversations.get(pair.conversation)!.ended, 'the agent’s side going on');
    await until(() => readText(pair.session).includes('The chat was reopened; Paula carries on.'), 'the tab back for the agent');
    await pair.agent.send({ type: 'send', conversation: pair.conversation, text: 'Tervetuloa takaisin' });
    await until(() => readText(pair.widget).includes('Tervetuloa takaisin'), 'the message after the return');
    expect(readText(pair.widget)).to.contain('Ennen loppua');
    await expect(pair.widget).to.be.accessible();
  });

  it('offers no return where the queue does not allow it', async () => {
    const pair = await conversationPair({ queue: 'kundtjanst', agentName: 'Stina', customerName: 'Sven' });
    agents.push(pair.agent);
    await pair.customer.send({ type: 'end', conversation: pair.conversation });
    await until(() => !!inside(pair.widget, '[part=end-view]'), 'the end view');
    expect(inside(pair.widget, '[part=return-button]')).to.equal(null);
  });
});
