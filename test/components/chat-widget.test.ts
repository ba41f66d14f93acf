import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/chat-widget.js';
import type { ChatWidget } from '../../components/chat-widget/chat-widget.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import { agentSignedIn, deepText, testRelay, until } from './relay.js';

const $ = (el: ChatWidget, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement | null;
const text = (el: ChatWidget) => deepText(el.shadowRoot!).replace(/\s+/g, ' ');

async function openWidget(queue = ''): Promise<ChatWidget> {
  const el = await fixture<ChatWidget>(html`<chat-widget url=${testRelay.ws} queue=${queue} inline></chat-widget>`);
  $(el, '[part=launcher]')!.click();
  await until(() => !!$(el, 'form[part=start-form]'), 'the start form');
  return el;
}

async function join(el: ChatWidget, name: string) {
  ($(el, 'input[name=name]') as HTMLInputElement).value = name;
  $(el, '[part=start-button]')!.click();
  await until(() => !!$(el, '[part=waiting]'), 'the waiting view');
}

describe('chat-widget', () => {
  const agents: TiskiClient[] = [];
  beforeEach(() => localStorage.clear());
  afterEach(() => agents.splice(0).forEach((a) => a.close()));

  describe('launcher', () => {
    it('shows only the launcher until opened, and is accessible', async () => {
      const el = await fixture<ChatWidget>(html`<chat-widget url=${testRelay.ws}></chat-widget>`);
      expect($(el, '[part=launcher]')!.textContent).to.equal('Chat with us');
      expect($(el, '[part=window]')).to.equal(null);
      expect(el.client).to.equal(undefined, 'no connection before the customer asks for one');
      await expect(el).to.be.accessible();
    });

    it('speaks Finnish and Swedish by lang', async () => {
      const fi = await fixture<ChatWidget>(html`<chat-widget lang="fi"></chat-widget>`);
      expect($(fi, '[part=launcher]')!.textContent).to.equal('Keskustele kanssamme');
      const sv = await fixture<ChatWidget>(html`<div lang="sv"><chat-widget></chat-widget></div>`);
      expect($(sv.firstElementChild as ChatWidget, '[part=launcher]')!.textContent).to.equal('Chatta med oss');
    });
  });

  describe('starting', () => {
    it('offers the relay queues to choose from, accessibly', async () => {
      // An available agent in the first queue: with nobody there, the widget offers the message form instead (Q8).
      agents.push(await agentSignedIn('Starter', ['support-en']));
      const el = await openWidget();
      const options = [...el.shadowRoot!.querySelectorAll('option')].map((o) => o.value);
      expect(options.slice(0, 3)).to.deep.equal(['support-en', 'asiakaspalvelu', 'kundtjanst']);
      await expect(el).to.be.accessible();
    });

    it('hides the choice when the queue is fixed by attribute', async () => {
      agents.push(await agentSignedIn('Fixer', ['kundtjanst']));
      const el = await openWidget('kundtjanst');
      expect($(el, 'select')).to.equal(null);
    });
  });

  describe('waiting', () => {
    it('shows the place in line and the elapsed wait, and leaving is one click', async () => {
      agents.push(await agentSignedIn('Waiter', ['asiakaspalvelu']));
      const el = await openWidget('asiakaspalvelu');
      await join(el, 'Wendy Waiter');
      expect(text(el)).to.contain('You are next in line.');
      expect(text(el)).to.match(/Waited 0:0\d/);
      await expect(el).to.be.accessible();
      $(el, '[part=leave-button]')!.click();
      await until(() => !!$(el, 'form[part=start-form]'), 'the start form again');
    });

    it('leaves the queue at once when the window is closed with X', async () => {
      const agent = await agentSignedIn('Watcher', ['asiakaspalvelu']);
      agents.push(agent);
      const el = await openWidget('asiakaspalvelu');
      await join(el, 'Xavier Closer');
      await until(() => agent.queueSnapshots.get('asiakaspalvelu')?.waiting.some((w) => w.name === 'Xavier Closer') ?? false, 'the agent to see the customer');
      $(el, '[part=close-button]')!.click();
      await until(() => !agent.queueSnapshots.get('asiakaspalvelu')?.waiting.some((w) => w.name === 'Xavier Closer'), 'the customer to leave');
      expect(el.open).to.equal(false);
    });
  });

  describe('conversation', () => {
    it('chats with the agent who picked, and ends with confirmation', async () => {
      const agent = await agentSignedIn('Alice', ['kundtjanst']);
      agents.push(agent);
      const el = await openWidget('kundtjanst');
      const started = oneEvent(el, 'chat-conversation-start');
      await join(el, 'Maria');
      const ack = await agent.send({ type: 'pick', queue: 'kundtjanst' });
      expect((await started).detail.agent.name).to.equal('Alice');
      await until(() => text(el).includes('Chat with Alice'), 'the chat view');

      await agent.send({ type: 'send', conversation: ack.conversation!, text: 'Hej Maria!' });
      await until(() => text(el).includes('Hej Maria!'), 'the agent message');
      ($(el, 'chat-composer') as HTMLElement).focus();
      await sendKeys({ type: 'Hej!' });
      await sendKeys({ press: 'Enter' });
      await until(() => agent.conversations.get(ack.conversation!)?.messages.length === 2, 'the customer message at the agent');
      expect(agent.conversations.get(ack.conversation!)!.messages[1]!.text).to.equal('Hej!');
      await expect(el).to.be.accessible();

      $(el, '[part=end-button]')!.click();
      await el.updateComplete;
      expect(text(el)).to.contain('End this chat?');
      const ended = oneEvent(el, 'chat-conversation-end');
      $(el, '[part=confirm-end-button]')!.click();
      expect((await ended).detail.reason).to.equal('customer-ended');
      await until(() => text(el).includes('The chat has ended.'), 'the end notice');
      expect(($(el, 'chat-composer') as HTMLElement & { disabled: boolean }).disabled).to.equal(true);
      await until(() => !!agent.conversations.get(ack.conversation!)?.ended, 'the agent to see the end');
      await expect(el).to.be.accessible();

      $(el, '[part=new-chat-button]')!.click();
      await until(() => !!$(el, 'form[part=start-form]'), 'the start form after the end');
    });

    it('resumes the same conversation after the element is recreated (page reload)', async () => {
      const agent = await agentSignedIn('Bob', ['kundtjanst']);
      agents.push(agent);
      const first = await openWidget('kundtjanst');
      await join(first, 'Reload Rita');
      const ack = await agent.send({ type: 'pick', queue: 'kundtjanst' });
      await agent.send({ type: 'send', conversation: ack.conversation!, text: 'before reload' });
      await until(() => text(first).includes('before reload'), 'the first message');
      first.remove();
      await aTimeout(50);

      const again = await fixture<ChatWidget>(html`<chat-widget url=${testRelay.ws} queue="kundtjanst" inline open></chat-widget>`);
      await until(() => text(again).includes('before reload'), 'the history after reload');
      await agent.send({ type: 'send', conversation: ack.conversation!, text: 'after reload' });
      await until(() => text(again).includes('after reload'), 'a live message after reload');
      const bubbles = [...again.shadowRoot!.querySelector('chat-message-list')!.shadowRoot!.querySelectorAll('.bubble')].map((b) => b.textContent);
      expect(bubbles).to.deep.equal(['before reload', 'after reload']);
      await agent.send({ type: 'end', conversation: ack.conversation! });
    });
  });
});
