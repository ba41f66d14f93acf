import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/chat-widget/conversation-elements.js';
import type { ChatMessageList } from '../../components/chat-message-list/chat-message-list.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import type { Attachment } from '../../protocol/common.js';
import type { MessageEvent } from '../../protocol/events.js';
import { allInside, composer, conversationPair, inside, messageList } from './conversation-pair.js';
import { agentGoes, until } from './relay.js';

const hostile = '<img src=x onerror="window.__pwned=1">';
const pwned = () => (window as unknown as { __pwned?: number }).__pwned;

const message = (seq: number, text: string, extra: Partial<MessageEvent> = {}): MessageEvent => ({
  type: 'message',
  conversation: 'c1',
  seq,
  at: 0,
  messageId: `m${seq}`,
  author: { id: 'agent-1', name: 'Alice', role: 'agent' },
  text,
  ...extra,
});

describe('chat-message-list extras', () => {
  describe('attachments (C7)', () => {
    const files: Attachment[] = [
      { id: 'f1', name: 'photo.png', type: 'image/png', size: 2048 },
      { id: 'f2', name: 'invoice.pdf', type: 'application/pdf', size: 5000 },
      { id: 'f3', name: hostile, type: 'text/plain', size: 10 },
    ];
    const url = (file: Attachment) => `https://files.example/${file.id}`;

    it('shows images as thumbnails opening the image and other files as download links, accessibly', async () => {
      const el = await fixture<ChatMessageList>(html`<chat-message-list .messages=${[message(2, 'Here', { attachments: files })]} .fileUrl=${url}></chat-message-list>`);
      const items = allInside(el, '[part=attachment]');
      expect(items).to.have.length(3);
      const image = items[0]!.querySelector('a > img[part=thumbnail]') as HTMLImageElement;
      expect(image.getAttribute('src')).to.equal('https://files.example/f1');
      expect(image.alt).to.equal('photo.png, 2 kB');
      expect((image.parentElement as HTMLAnchorElement).href).to.equal('https://files.example/f1');
      const pdf = items[1]!.querySelector('a') as HTMLAnchorElement;
      expect(pdf.href).to.equal('https://files.example/f2');
      expect(pdf.getAttribute('download')).to.equal('invoice.pdf');
      expect(pdf.textContent!.trim()).to.equal('📄 invoice.pdf, 4.9 kB');
      expect(pdf.rel).to.equal('noopener noreferrer');
      await expect(el).to.be.accessible();
    });

    it('names a file as text, and shows only its name while its address is not known yet', async () => {
      const el = await fixture<ChatMessageList>(html`<chat-message-list .messages=${[message(2, 'x', { attachments: files })]} .fileUrl=${() => undefined}></chat-message-list>`);
      const items = allInside(el, '[part=attachment]');
      expect(items.map((i) => i.textContent!.trim())).to.deep.equal(['photo.png, 2 kB', 'invoice.pdf, 4.9 kB', `${hostile}, 10 byte`]);
      expect(el.shadowRoot!.querySelector('img, a')).to.equal(null);
      expect(pwned()).to.equal(undefined);
      await expect(el).to.be.accessible();
    });
  });

  describe('choice menus (C6)', () => {
    const menu = message(2, 'Which topic?', { choices: ['Billing', 'Delivery', hostile] });

    it('gives the customer buttons for an unanswered menu, accessibly, and fires chat-choice', async () => {
      const el = await fixture<ChatMessageList>(html`<chat-message-list choosable .messages=${[menu]}></chat-message-list>`);
      const group = inside(el, '[part=choices]')!;
      expect(group.getAttribute('role')).to.equal('group');
      expect(group.getAttribute('aria-label')).to.equal('Which topic?');
      const buttons = allInside<HTMLButtonElement>(el, '[part=choice-button]');
      expect(buttons.map((b) => b.textContent)).to.deep.equal(['Billing', 'Delivery', hostile]);
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      await expect(el).to.be.accessible();
      setTimeout(() => buttons[1]!.click());
      const chosen = await oneEvent(el, 'chat-choice');
      expect(chosen.detail).to.deep.equal({ message: 'm2', option: 1, text: 'Delivery' });
    });

    it('locks an answered menu, marking the chosen option in words too', async () => {
      const answer = message(3, hostile, { author: { id: 'cust-1', name: 'Maria', role: 'customer' }, answers: { message: 'm2', option: 2 } });
      const el = await fixture<ChatMessageList>(
        html`<chat-message-list choosable .messages=${[menu, answer]} .answers=${new Map([['m2', 2]])}></chat-message-list>`,
      );
      expect(allInside(el, '[part=choice-button]')).to.have.length(0);
      const options = allInside(el, '[part~=choice]');
      expect(options.map((o) => o.classList.contains('chosen'))).to.deep.equal([false, false, true]);
      expect(options[2]!.getAttribute('part')).to.equal('choice chosen-choice');
      expect(options[2]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`✓ ${hostile} (chosen)`);
      expect(options[2]!.querySelector('.visually-hidden')!.textContent).to.equal('(chosen)');
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('shows the agent the options as a list and that no answer came yet', async () => {
      const el = await fixture<ChatMessageList>(html`<chat-message-list .messages=${[menu]}></chat-message-list>`);
      expect(allInside(el, '[part=choice-button]')).to.have.length(0);
      expect(allInside(el, '[part~=choice]').map((o) => o.textContent!.trim())).to.deep.equal(['Billing', 'Delivery', hostile]);
      expect(el.shadowRoot!.textContent).to.contain('Not answered yet');
      await expect(el).to.be.accessible();
    });
  });

  it('says who is typing, accessibly', async () => {
    const el = await fixture<ChatMessageList>(html`<chat-message-list .messages=${[message(2, 'Hi')]} .typing=${['Maria']}></chat-message-list>`);
    expect(inside(el, '[part=typing]')!.textContent).to.equal('Maria is typing…');
    await expect(el).to.be.accessible();
    el.typing = ['Maria', hostile];
    await el.updateComplete;
    expect(inside(el, '[part=typing]')!.textContent).to.equal(`Maria, ${hostile} are typing…`);
    el.typing = [];
    await el.updateComplete;
    expect(inside(el, '[part=typing]')).to.equal(null);
  });
});

describe('rich messages through the relay', () => {
  const agents: TiskiClient[] = [];
  beforeEach(() => localStorage.clear());
  afterEach(async () => {
    for (const agent of agents.splice(0)) await agentGoes(agent);
  });

  it('shows each side who is typing on the other, and the line goes when the message arrives', async () => {
    const pair = await conversationPair({ queue: 'asiakaspalvelu', agentName: 'Tyko', customerName: 'Tiina Typer' });
    agents.push(pair.agent);
    const typingAt = (host: Element) => inside(messageList(host), '[part=typing]')?.textContent;

    composer(pair.widget)!.focus();
    await sendKeys({ type: 'Hei' });
    await until(() => typingAt(pair.session) === 'Tiina Typer is typing…', 'the customer typing at the agent');
    await expect(pair.session).to.be.accessible();

    composer(pair.session)!.focus();
    await sendKeys({ type: 'Hetki' });
    await until(() => typingAt(pair.widget) === 'Tyko is typing…', 'the agent typing at the customer');
    expect(typingAt(pair.session), 'nobody sees their own typing').to.equal('Tiina Typer is typing…');
    await expect(pair.widget).to.be.accessible();

    composer(pair.widget)!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => pair.agent.conversations.get(pair.conversation)!.messages.length === 1, 'the message at the agent');
    await until(() => typingAt(pair.session) === undefined, 'the typing line gone with the message');
  });

  it('a choice menu from the agent is answered by a click in the widget, then both sides show it locked; all of it as text', async () => {
    const pair = await conversationPair({ queue: 'asiakaspalvelu', agentName: 'Valma', customerName: 'Ville Valitsija' });
    agents.push(pair.agent);
    const { session, widget } = pair;

    await pair.agent.send({ type: 'send', conversation: pair.conversation, text: hostile });
    await until(() => allInside(messageList(widget), '.bubble').length === 1, 'the message at the customer');
    expect(allInside(messageList(widget), '.bubble')[0]!.textContent).to.equal(hostile);

    inside(session, '[part=choice-menu-button]')!.click();
    await until(() => !!inside(session, '[part=choice-form]'), 'the choice form');
    await expect(session).to.be.accessible();
    const form = inside<HTMLFormElement>(session, '[part=choice-form]')!;
    (form.querySelector('input[name=question]') as HTMLInputElement).value = 'Which topic?';
    const setOption = (index: number, value: string) => {
      const input = form.querySelectorAll<HTMLInputElement>('input[name=option]')[index]!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    setOption(0, 'Billing');
    setOption(1, 'Delivery');
    [...form.querySelectorAll('button')].find((b) => b.textContent === 'Add option')!.click();
    await session.updateComplete;
    setOption(2, hostile);
    await session.updateComplete;
    inside(session, '[part=send-choices-button]')!.click();
    await until(() => !inside(session, '[part=choice-form]'), 'the form to close once sent');

    const buttons = () => allInside<HTMLButtonElement>(messageList(widget), '[part=choice-button]');
    await until(() => buttons().length === 3, 'the options as buttons at the customer');
    expect(buttons().map((b) => b.textContent)).to.deep.equal(['Billing', 'Delivery', hostile]);
    await until(() => allInside(messageList(session), '[part~=choice]').length === 3, 'the menu at the agent');
    expect(readChoices(messageList(session)!), 'the agent gets no buttons').to.deep.equal(['Billing', 'Delivery', hostile]);
    expect(messageList(session)!.shadowRoot!.textContent).to.contain('Not answered yet');
    await expect(widget).to.be.accessible();

    buttons()[2]!.click();
    for (const side of [widget, session]) {
      await until(() => !!inside(messageList(side), '[part~=chosen-choice]'), 'the answer on both sides');
      const list = messageList(side)!;
      expect(allInside(list, '[part=choice-button]'), 'the menu is locked').to.have.length(0);
      expect(inside(list, '[part~=chosen-choice]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`✓ ${hostile} (chosen)`);
      expect(allInside(list, '.bubble').map((b) => b.textContent)).to.deep.equal([hostile, 'Which topic?', hostile]);
      expect(list.shadowRoot!.querySelector('img'), 'text only, no element made of it').to.equal(null);
      expect(list.shadowRoot!.textContent).to.not.contain('Not answered yet');
    }
    expect(pair.agent.conversations.get(pair.conversation)!.messages.at(-1)!.answers).to.deep.include({ option: 2 });
    expect(pwned()).to.equal(undefined);
    await expect(widget).to.be.accessible();
    await expect(session).to.be.accessible();
  });
});

function readChoices(list: Element): string[] {
  return allInside(list, '[part~=choice]').map((o) => o.textContent!.trim());
}
