import { expect, fixture, html } from '@open-wc/testing';
import '../../components/chat-widget.js';
import type { ChatWidget } from '../../components/chat-widget/chat-widget.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import { launcherStrings } from '../../components/i18n/launcher-strings.js';
import { agentGoes, agentSignedIn, testRelay, until } from './relay.js';

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement | null;
const bubble = (el: ChatWidget) => $(el, '[part=invitation]')?.querySelector('p')?.textContent?.trim();

/** The visitor as the agent's list shows them, asked until the visitor's `visit` has arrived. */
async function visitorSeenBy(agent: TiskiClient, id: string) {
  for (let i = 0; i < 40; i++) {
    await agent.send({ type: 'visitors' });
    const seen = agent.visitors.find((v) => v.id === id);
    if (seen) return seen;
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

describe('proactive chat in the widget (W10)', () => {
  let agent: TiskiClient | undefined;
  beforeEach(async () => {
    localStorage.clear();
    sessionStorage.clear();
    agent = await agentSignedIn('Vera', ['proactive-test']);
    await until(() => agent!.signedIn, 'the agent signed in');
  });
  afterEach(async () => {
    if (agent) await agentGoes(agent, true);
  });

  it('is a visitor the agent sees, stores nothing, and shows an agent’s invitation, which it dismisses', async () => {
    const el = await fixture<ChatWidget>(html`<chat-widget url=${testRelay.ws} proactive lang="fi"></chat-widget>`);
    await until(() => el.client?.status === 'open', 'the visitor connection');
    const self = el.client!.self!.id;
    const seen = await visitorSeenBy(agent!, self);
    expect(seen?.page, 'the page path, not its query').to.equal(location.origin + location.pathname);
    expect(localStorage.length, 'nothing stored before the customer opens the chat').to.equal(0);

    await agent!.send({ type: 'invite-visitor', visitor: self, queue: 'proactive-test', message: 'Hei, voinko auttaa tilauksessa?' });
    await until(() => bubble(el) === 'Hei, voinko auttaa tilauksessa?', 'the agent’s invitation');
    expect($(el, '[part=invitation]')!.getAttribute('aria-label')).to.equal(launcherStrings.fi.invitationTitle);
    expect($(el, '[part=accept-invitation-button]')!.textContent!.trim()).to.equal(launcherStrings.fi.acceptInvitation);
    await expect(el).to.be.accessible();

    $(el, '[part=dismiss-invitation-button]')!.click();
    await until(() => bubble(el) !== 'Hei, voinko auttaa tilauksessa?', 'the invitation gone');
    await until(() => agent!.invitationOutcomes.get(self)?.outcome === 'dismissed', 'the agent told');
    expect(localStorage.length).to.equal(0);
  });

  it('accepting an agent’s invitation opens the chat in its queue, and the inviting agent takes it, marked proactive', async () => {
    const el = await fixture<ChatWidget>(html`<chat-widget url=${testRelay.ws} proactive></chat-widget>`);
    await until(() => el.client?.status === 'open', 'the visitor connection');
    await agent!.send({ type: 'invite-visitor', visitor: el.client!.self!.id, queue: 'proactive-test' });
    await until(() => bubble(el) === launcherStrings.en.invitedBy('Vera'), 'the invitation in the agent’s name');
    $(el, '[part=accept-invitation-button]')!.click();
    await until(() => !!$(el, 'form[part=start-form]'), 'the start form');
    expect($(el, '[part=queue-choice]'), 'the invitation’s queue, no choice').to.equal(null);
    expect(localStorage.length, 'the chat is open now: its token is kept').to.equal(1);
    ($(el, 'input[name=name]') as HTMLInputElement).value = 'Ville Visitor';
    $(el, '[part=start-button]')!.click();
    await until(() => agent!.conversations.all().some((c) => c.customer.name === 'Ville Visitor'), 'the conversation with the inviting agent');
    expect(agent!.conversations.all().find((c) => c.customer.name === 'Ville Visitor')!.proactive).to.equal(true);
    await until(() => !!$(el, 'chat-composer'), 'the chat view');
  });

  it('shows the site’s invitation after its seconds on a matching page, in the widget’s language; accepting marks the chat proactive', async () => {
    await agent!.send({ type: 'presence', presence: 'away' });
    const busy = await agentSignedIn('Ossi', ['proactive-test']);
    try {
      const el = await fixture<ChatWidget>(html`<chat-widget url=${testRelay.ws} proactive lang="fi"></chat-widget>`);
      await until(() => bubble(el) === 'Voimmeko auttaa?', 'the site’s invitation', 4000);
      $(el, '[part=accept-invitation-button]')!.click();
      await until(() => !!$(el, 'form[part=start-form]'), 'the start form');
      ($(el, 'input[name=name]') as HTMLInputElement).value = 'Sanni Site';
      $(el, '[part=start-button]')!.click();
      await until(() => !!el.client!.waiting, 'in line');
      await until(() => busy.queueSnapshots.get('proactive-test')?.waiting.some((w) => w.name === 'Sanni Site' && w.proactive === true) === true, 'marked proactive in the line');
      await el.client!.send({ type: 'leave' });
    } finally {
      await agentGoes(busy, true);
    }
  });

  it('without `proactive`, connects to nobody before it is opened', async () => {
    const el = await fixture<ChatWidget>(html`<chat-widget url=${testRelay.ws}></chat-widget>`);
    await new Promise((r) => setTimeout(r, 1500));
    expect(el.client).to.equal(undefined);
    expect($(el, '[part=invitation]')).to.equal(null);
  });
});
