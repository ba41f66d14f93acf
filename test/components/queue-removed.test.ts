import { expect, fixture, html } from '@open-wc/testing';
import '../../components/chat-widget.js';
import type { ChatWidget } from '../../components/chat-widget/chat-widget.js';
import { fiCustomer } from '../../components/i18n/fi-customer.js';
import { agentGoes, agentSignedIn, agentToken, testRelay, until } from './relay.js';

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement | null;

describe('the widget when its queue is deleted (C14)', () => {
  beforeEach(() => localStorage.clear());

  it('tells the waiting customer, in their language, and offers the start form again', async () => {
    const operator = await agentToken('Olga', '*', 'agent,operator');
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`/test-admin${path}`, { method, headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const id = `short-lived-${Math.random().toString(36).slice(2, 8)}`;
    expect((await admin('POST', '/admin/queues', { id, name: 'Short-lived' })).status).to.equal(201);
    const agent = await agentSignedIn('Aapo', [id]);
    try {
      await until(() => agent.signedIn, 'the agent signed in');
      const el = await fixture<ChatWidget>(html`<chat-widget url=${testRelay.ws} lang="fi" inline></chat-widget>`);
      $(el, '[part=launcher]')!.click();
      await until(() => !!$(el, '[part=queue-choice] select'), 'the queue choice');
      const select = $(el, '[part=queue-choice] select') as HTMLSelectElement;
      select.value = id;
      select.dispatchEvent(new Event('change'));
      await until(() => !!$(el, 'form[part=start-form]'), 'the start form of the new queue, whose agent is in');
      ($(el, 'input[name=name]') as HTMLInputElement).value = 'Kaisa';
      $(el, '[part=start-button]')!.click();
      await until(() => !!$(el, '[part=waiting]'), 'the waiting view');

      expect((await admin('DELETE', `/admin/queues/${id}`)).status).to.equal(204);
      await until(() => $(el, '[role=alert]')?.textContent?.trim() === fiCustomer.queueRemoved, 'the notice');
      expect($(el, '[part=waiting]')).to.equal(null);
      await until(() => !!$(el, 'form[part=start-form]') || !!$(el, 'form[part=offline-form]'), 'a form again');
      await expect(el).to.be.accessible();
    } finally {
      await agentGoes(agent, true);
    }
  });
});
