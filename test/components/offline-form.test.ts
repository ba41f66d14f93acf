import { expect, fixture, html } from '@open-wc/testing';
import '../../components/agent.js';
import '../../components/chat-widget.js';
import type { AgentQueueBar } from '../../components/agent-queue-bar/agent-queue-bar.js';
import type { ChatConnection } from '../../components/chat-connection/chat-connection.js';
import type { ChatWidget } from '../../components/chat-widget/chat-widget.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import { agentGoes, agentSignedIn, agentToken, deepText, testRelay, until } from './relay.js';

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement | null;
const text = (el: Element) => deepText(el.shadowRoot!).replace(/\s+/g, ' ');

/** The widget for `queue`, opened, once it shows either of its forms. */
async function openWidget(queue: string, lang = 'en'): Promise<ChatWidget> {
  const el = await fixture<ChatWidget>(html`<chat-widget url=${testRelay.ws} queue=${queue} lang=${lang} inline></chat-widget>`);
  $(el, '[part=launcher]')!.click();
  // The start form shows until the relay tells whether the queue takes chats now.
  await until(() => !!el.client?.queueStatus, 'the queue status');
  await el.updateComplete;
  await until(() => !!$(el, 'form[part=offline-form]') || !!$(el, 'form[part=start-form]'), 'a form');
  return el;
}

function fill(el: ChatWidget, name: string, email: string, message: string) {
  ($(el, 'input[name=name]') as HTMLInputElement).value = name;
  ($(el, 'input[name=email]') as HTMLInputElement).value = email;
  ($(el, 'textarea[name=message]') as HTMLTextAreaElement).value = message;
}

async function send(el: ChatWidget) {
  $(el, '[part=offline-send-button]')!.click();
  await until(() => !!$(el, '[part=offline-thanks]'), 'the thanks');
}

/** Labels of the form's fields, as a screen reader names them. */
const labels = (el: ChatWidget) => [...el.shadowRoot!.querySelectorAll('form[part=offline-form] label')].map((l) => l.textContent!.replace(/\s+/g, ' ').trim());

describe('offline form (Q8)', () => {
  const agents: TiskiClient[] = [];
  beforeEach(() => localStorage.clear());
  afterEach(async () => {
    for (const agent of agents.splice(0)) await agentGoes(agent, true);
  });

  it('shows the message form when nobody serves the queue, sends it and thanks, accessibly', async () => {
    const el = await openWidget('offline-test');
    const form = $(el, 'form[part=offline-form]');
    expect(form, 'the message form, not the start form').to.not.equal(null);
    expect($(el, 'form[part=start-form]')).to.equal(null);
    expect(text(el)).to.contain('Nobody can chat right now');
    expect(text(el)).to.contain('Leave us a message and we will answer by email.');
    expect(text(el)).to.not.contain('The chat opens again', 'an open queue names no opening');
    expect(labels(el)).to.deep.equal(['Your name', 'Your email', 'Your message']);
    expect($(el, '[part=offline-send-button]')!.textContent!.trim()).to.equal('Send message');
    await expect(el).to.be.accessible();

    fill(el, 'Olli Offline', 'olli@example.com', 'Please call me back about my order.');
    await send(el);
    const thanks = $(el, '[part=offline-thanks]')!;
    expect(thanks.textContent!.trim()).to.equal('Thank you: your message was sent, and we will answer by email.');
    expect(thanks.getAttribute('role')).to.equal('status');
    expect($(el, 'form[part=offline-form]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('names the next opening of a closed queue', async () => {
    const el = await openWidget('closed-test');
    expect($(el, 'form[part=offline-form]')).to.not.equal(null);
    const status = el.client!.queueStatus!.find((q) => q.id === 'closed-test')!;
    expect(status.open).to.equal(false);
    const opensAt = status.opensAt!;
    expect(opensAt).to.be.a('number');
    expect(opensAt).to.be.greaterThan(Date.now());
    expect(opensAt - Date.now()).to.be.lessThan(3 * 24 * 3600_000);
    expect(new Date(opensAt).toISOString()).to.match(/T09:00:00\.000Z$/);
    const when = new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(opensAt);
    expect(text(el)).to.contain(`The chat opens again ${when}.`);
    await expect(el).to.be.accessible();
  });

  it('shows the start form instead when an agent is available', async () => {
    agents.push(await agentSignedIn('Avery Available', ['offline-test']));
    const el = await openWidget('offline-test');
    expect($(el, 'form[part=start-form]'), 'the start form').to.not.equal(null);
    expect($(el, 'form[part=offline-form]')).to.equal(null);
    expect(text(el)).to.not.contain('Nobody can chat right now');
    await expect(el).to.be.accessible();
  });

  it('shows the message form when the only agent there is away', async () => {
    const agent = await agentSignedIn('Aino Away', ['offline-test']);
    agents.push(agent);
    await agent.send({ type: 'presence', presence: 'away' });
    const el = await openWidget('offline-test');
    expect($(el, 'form[part=offline-form]')).to.not.equal(null);
  });

  it("lists the message as text on an operator's queue card, behind Saved contacts (1)", async () => {
    const el = await openWidget('contacts-test');
    const message = 'Hello <img src=x onerror="window.offlineXss=1"> <b>bold?</b>';
    fill(el, 'Cora <i>Contact</i>', 'cora@example.com', message);
    await send(el);

    const token = await agentToken('Oona Operator', '*', 'agent,operator');
    const connection = await fixture<ChatConnection>(
      html`<chat-connection url=${testRelay.ws} token=${token}><agent-queue-bar></agent-queue-bar></chat-connection>`,
    );
    const bar = connection.querySelector('agent-queue-bar') as AgentQueueBar;
    await until(() => connection.client?.status === 'open', 'the agent connection');
    const client = connection.client!;
    agents.push(client);
    await client.send({ type: 'sign-in', queues: ['contacts-test'] });
    await until(() => !!$(bar, '[part=contacts-button]'), 'the saved contacts button');
    const button = $(bar, '[part=contacts-button]')!;
    expect(button.textContent!.trim()).to.equal('Saved contacts (1)');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect($(bar, '[part=open-close-button]'), 'an operator').to.not.equal(null);
    await expect(bar).to.be.accessible();

    button.click();
    await until(() => !!$(bar, '[part=contacts] li'), 'the saved contacts');
    const list = $(bar, '[part=contacts]')!;
    expect(list.querySelectorAll('li').length).to.equal(1);
    const item = list.querySelector('li')!;
    expect(item.textContent).to.contain('Cora <i>Contact</i>');
    expect(item.textContent).to.contain('cora@example.com');
    expect(item.textContent).to.contain(message);
    expect(list.querySelector('img, b, i'), 'never rendered as HTML').to.equal(null);
    expect((window as unknown as { offlineXss?: number }).offlineXss).to.equal(undefined);
    expect($(bar, '[part=contacts-button]')!.getAttribute('aria-expanded')).to.equal('true');
    await expect(bar).to.be.accessible();
  });

  it('speaks Finnish with lang="fi", the form and the thanks', async () => {
    const el = await openWidget('offline-test', 'fi');
    expect(text(el)).to.contain('Chat ei ole juuri nyt auki');
    expect(text(el)).to.contain('Jätä viesti, niin vastaamme sähköpostitse.');
    expect(labels(el)).to.deep.equal(['Nimesi', 'Sähköpostiosoitteesi', 'Viestisi']);
    await expect(el).to.be.accessible();
    fill(el, 'Fanni', 'fanni@example.com', 'Soittakaa minulle.');
    await send(el);
    expect($(el, '[part=offline-thanks]')!.textContent!.trim()).to.equal('Kiitos: viestisi lähti, ja vastaamme sähköpostitse.');
  });

  it('names the next opening in Finnish', async () => {
    const el = await openWidget('closed-test', 'fi');
    const opensAt = el.client!.queueStatus!.find((q) => q.id === 'closed-test')!.opensAt!;
    const when = new Intl.DateTimeFormat('fi', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(opensAt);
    expect(text(el)).to.contain(`Chat aukeaa taas ${when}.`);
  });
});
