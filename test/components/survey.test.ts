import { expect, fixture, html } from '@open-wc/testing';
import '../../components/chat-widget.js';
import type { ChatWidget } from '../../components/chat-widget/chat-widget.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import { enCustomer } from '../../components/i18n/en-customer.js';
import { fiCustomer } from '../../components/i18n/fi-customer.js';
import { svCustomer } from '../../components/i18n/sv-customer.js';
import { agentGoes, agentSignedIn, testRelay, until } from './relay.js';

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement | null;
const strings = { en: enCustomer, fi: fiCustomer, sv: svCustomer };
/** The survey-test queue's questions as each language labels them (web-test-runner.config.mjs). */
const labels = {
  en: ['Order number', 'Email', 'Topic', 'Details'],
  fi: ['Tilausnumero', 'Sähköposti', 'Aihe', 'Lisätiedot'],
  sv: ['Ordernummer', 'E-post', 'Ämne', 'Detaljer'],
};

async function openSurvey(lang: 'en' | 'fi' | 'sv'): Promise<ChatWidget> {
  const el = await fixture<ChatWidget>(html`<chat-widget url=${testRelay.ws} queue="survey-test" lang=${lang} inline></chat-widget>`);
  $(el, '[part=launcher]')!.click();
  await until(() => !!$(el, 'form[part=start-form]'), 'the start form');
  return el;
}

const fieldLabels = (el: ChatWidget) => [...el.shadowRoot!.querySelectorAll('[part=survey-field]')].map((l) => [...l.firstElementChild!.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())!.textContent!.trim());
const control = (el: ChatWidget, name: string) => $(el, `[name="${name}"]`) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
const problemOf = (el: ChatWidget, name: string) => {
  const id = control(el, name).getAttribute('aria-describedby');
  return id ? el.shadowRoot!.getElementById(id)?.textContent?.trim() : undefined;
};

describe('pre-chat survey in the widget (W1)', () => {
  let agent: TiskiClient | undefined;
  beforeEach(async () => {
    localStorage.clear();
    agent = await agentSignedIn('Sanna', ['survey-test']);
    await until(() => agent!.signedIn, 'the agent signed in');
  });
  afterEach(async () => {
    if (agent) await agentGoes(agent, true);
  });

  for (const lang of ['en', 'fi', 'sv'] as const) {
    it(`asks the queue's questions in ${lang}, optional ones marked, a select with its options, accessibly`, async () => {
      const t = strings[lang];
      const el = await openSurvey(lang);
      expect(fieldLabels(el).slice(0, 4)).to.deep.equal(labels[lang]);
      const fields = [...el.shadowRoot!.querySelectorAll('[part=survey-field]')].map((l) => l.textContent!.replace(/\s+/g, ' ').trim());
      expect(fields[0]).to.not.contain(t.optional, 'a required question is not marked optional');
      expect(fields[1]).to.contain(t.optional);
      const options = [...(control(el, 'survey-topic') as HTMLSelectElement).options].map((o) => o.textContent!.trim());
      expect(options[0]).to.equal(t.chooseOption);
      expect(options.slice(1)).to.deep.equal({ en: ['Billing', 'Delivery'], fi: ['Laskutus', 'Toimitus'], sv: ['Fakturering', 'Leverans'] }[lang]);
      expect(control(el, 'survey-email').getAttribute('type')).to.equal('email');
      expect(control(el, 'survey-details').tagName).to.equal('TEXTAREA');
      await expect(el).to.be.accessible();
    });
  }

  it('names each wrong answer in the widget’s language, focuses the first, and joins nothing until they are right', async () => {
    const t = strings.fi;
    const el = await openSurvey('fi');
    $(el, '[part=start-button]')!.click();
    await until(() => problemOf(el, 'name') !== undefined, 'the problems');
    expect(problemOf(el, 'name')).to.equal(t.surveyProblem('required'));
    expect(problemOf(el, 'survey-order')).to.equal(t.surveyProblem('required'));
    expect(problemOf(el, 'survey-topic')).to.equal(t.surveyProblem('required'));
    expect(problemOf(el, 'survey-email'), 'an optional question left empty is fine').to.equal(undefined);
    expect(control(el, 'name').getAttribute('aria-invalid')).to.equal('true');
    await until(() => el.shadowRoot!.activeElement === control(el, 'name'), 'the focus on the first wrong field');
    await expect(el).to.be.accessible();

    control(el, 'name').value = 'Maija';
    control(el, 'survey-order').value = '12345';
    control(el, 'survey-email').value = 'not an email';
    $(el, '[part=start-button]')!.click();
    await until(() => problemOf(el, 'survey-email') !== undefined, 'the email problem');
    expect(problemOf(el, 'survey-email')).to.equal(t.surveyProblem('email'));
    expect(problemOf(el, 'name')).to.equal(undefined);
    expect(el.client!.waiting, 'nothing was sent').to.equal(undefined);
    await until(() => el.shadowRoot!.activeElement === control(el, 'survey-email'), 'the focus on the email');

    control(el, 'survey-email').value = 'maija@example.fi';
    (control(el, 'survey-topic') as HTMLSelectElement).value = 'billing';
    control(el, 'survey-details').value = 'Lasku <b>tuplana</b>';
    $(el, '[part=start-button]')!.click();
    await until(() => !!el.client!.waiting, 'the customer in line');

    const pick = await agent!.send({ type: 'pick', queue: 'survey-test' });
    expect(pick.type).to.equal('ack');
    await until(() => agent!.conversations.all().length === 1, 'the conversation for the agent');
    expect(agent!.conversations.all()[0]!.info?.answers).to.deep.equal([
      { label: 'Order number', value: '12345' },
      { label: 'Email', value: 'maija@example.fi' },
      { label: 'Topic', value: 'Billing' },
      { label: 'Details', value: 'Lasku <b>tuplana</b>' },
    ]);
  });
});
