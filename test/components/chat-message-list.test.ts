import { expect, fixture, html } from '@open-wc/testing';
import '../../components/chat-widget/conversation-elements.js';
import type { ChatMessageList } from '../../components/chat-message-list/chat-message-list.js';
import type { MessageEvent } from '../../protocol/events.js';

const message = (seq: number, authorId: string, name: string, text: string): MessageEvent => ({
  type: 'message',
  conversation: 'c1',
  seq,
  at: 0,
  messageId: `m${seq}`,
  author: { id: authorId, name, role: authorId === 'agent-1' ? 'agent' : 'customer' },
  text,
});

describe('chat-message-list', () => {
  const messages = [message(2, 'cust-1', 'Maria', 'Hello'), message(3, 'agent-1', 'Alice', 'Hi Maria')];

  it('renders each message with its author above the bubble, own ones marked', async () => {
    const el = await fixture<ChatMessageList>(html`<chat-message-list .messages=${messages} self-id="agent-1"></chat-message-list>`);
    const items = [...el.shadowRoot!.querySelectorAll('li[data-seq]')];
    expect(items.map((li) => li.querySelector('.author')!.textContent)).to.deep.equal(['Maria', 'You']);
    expect(items.map((li) => li.className)).to.deep.equal(['other', 'own']);
    expect(items[1]!.getAttribute('part')).to.equal('message own');
  });

  it('renders user text as text, never as HTML', async () => {
    const hostile = [message(2, 'cust-1', '<i>Eve</i>', '<img src=x onerror="window.__pwned=1"><b>bold</b>')];
    const el = await fixture<ChatMessageList>(html`<chat-message-list .messages=${hostile}></chat-message-list>`);
    expect(el.shadowRoot!.querySelector('img, b, i')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.bubble')!.textContent).to.equal('<img src=x onerror="window.__pwned=1"><b>bold</b>');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('is an accessible live log', async () => {
    const el = await fixture<ChatMessageList>(html`<chat-message-list .messages=${messages} self-id="agent-1"></chat-message-list>`);
    expect(el.shadowRoot!.querySelector('[role=log]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('chat-message-list scrolling', () => {
  const many = Array.from({ length: 60 }, (_, i) => ({
    type: 'message' as const,
    conversation: 'c1',
    seq: i + 2,
    at: 0,
    messageId: `m${i}`,
    author: { id: 'cust-1', name: 'Maria', role: 'customer' as const },
    text: `Message ${i}`,
  }));

  it('follows new messages, but leaves a reader who scrolled up where they are', async () => {
    const el = await fixture<ChatMessageList>(html`<chat-message-list style="height: 200px" .messages=${many}></chat-message-list>`);
    expect(el.scrollTop + el.clientHeight).to.be.closeTo(el.scrollHeight, 2);

    el.scrollTop = 0;
    el.messages = [...many];
    await el.updateComplete;
    expect(el.scrollTop, 'a re-render with the same messages keeps the scroll').to.equal(0);

    el.messages = [...many, { ...many[0]!, seq: 100, messageId: 'new', text: 'new' }];
    await el.updateComplete;
    expect(el.scrollTop, 'a reader reading back is not pulled down').to.equal(0);

    el.scrollTop = el.scrollHeight;
    el.messages = [...el.messages, { ...many[0]!, seq: 101, messageId: 'newer', text: 'newer' }];
    await el.updateComplete;
    expect(el.scrollTop + el.clientHeight).to.be.closeTo(el.scrollHeight, 2);
  });
});
