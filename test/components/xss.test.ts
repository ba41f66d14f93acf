import { expect, fixture, html } from '@open-wc/testing';
import '../../components/agent.js';
import '../../components/chat-widget.js';
import type { ChatConnection } from '../../components/chat-connection/chat-connection.js';
import type { ChatSession } from '../../components/chat-session/chat-session.js';
import type { ChatWidget } from '../../components/chat-widget/chat-widget.js';
import { TiskiClient } from '../../components/client/tiski-client.js';
import { allInside, composer, inside, messageList } from './conversation-pair.js';
import { agentGoes, agentToken, customerGoes, memoryStorage, pause, testRelay, until } from './relay.js';
import { xssCorpus, type XssPayload } from './xss-corpus.js';

// Text stays text: every payload of the corpus goes in wherever a person can type — the
// customer's name, survey answers, page, first message, messages and file names; the agent's
// name, messages, private notes and choice menus — and is read back in <agent-queue-bar>,
// <chat-session> and <chat-widget>. Nothing may run, and no element or attribute may come of it.
// Assertions compare strings and lists, never elements: a failing assertion on an element makes
// the runner serialise it and stall.

const batchSize = 10;
const queue = 'survey-test';
/** The survey-test queue's labels (web-test-runner.config.mjs); the last one is hostile itself. */
const noteLabel = 'Note <img src=x onerror="window.__pwned=1">';

/** Payloads that ran, by the id they passed to `__xss`. */
const hits: string[] = [];
type Trap = { __xss?: (id?: unknown) => void; __xssHit?: unknown; __pwned?: unknown };
const page = window as unknown as Trap & Pick<Window, 'alert' | 'confirm' | 'prompt' | 'print'>;

/** The payloads behind `__xss` calls, once each. */
const ran = (calls: readonly string[]) =>
  [...new Set(calls)].map((id) => {
    const p = xssCorpus.find((x) => String(x.id) === id);
    return p ? `#${p.id} ${p.family}: ${p.text}` : id;
  });
/** What fits in a field of `max` characters. */
const fit = (text: string, max: number) => text.slice(0, max);
/** Text as compared: without whitespace, which the elements trim and fold and text inputs drop. */
const squash = (text: string) => text.replace(/\s+/g, '');
/** The payload as an email address, where it can be one; else a plain address. */
const emailFor = (text: string) => (/^[^\s@]+$/.test(text) && text.length <= 240 ? `${text}@example.com` : 'customer@example.com');
const textFile = (name: string) => new File(['Plain text, nothing more.\n'], name, { type: 'text/plain' });

/** Tags the elements render themselves, in their shadow roots and in these fixtures. */
const ownTags = new Set(
  `a aside blockquote button caption datalist dd div dl dt fieldset figcaption figure form h2 h3 h4 header img input label legend li ol option p
   path progress rect section select slot span strong svg table tbody td textarea th thead time tr ul video
   chat-call chat-composer chat-message-list chat-connection chat-session chat-widget agent-queue-bar`.split(/\s+/),
);
const svgTags = new Set(['svg', 'path', 'rect']);
const htmlNamespace = 'http://www.w3.org/1999/xhtml';
/** Attributes the elements never write: each only carries a URL or markup to load. */
const foreignUrlAttributes = new Set(['action', 'formaction', 'srcdoc', 'srcset', 'data', 'poster', 'background', 'dynsrc', 'lowsrc', 'xlink:href', 'codebase', 'ping']);
const relayOrigin = new URL(testRelay.http).origin;

/** A relay file's address (thumbnails and downloads), or a blob the page made itself. */
function isOwnUrl(value: string): boolean {
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'blob:' || (url.origin === relayOrigin && url.pathname.startsWith('/files/'));
  } catch {
    return false;
  }
}

/** Every element under `root`, through every shadow root, with the host it lives in. */
function* elements(root: ParentNode, host = 'page'): Generator<[Element, string]> {
  for (const el of root.querySelectorAll('*')) {
    yield [el, host];
    if (el.shadowRoot) yield* elements(el.shadowRoot, `${host} > ${el.localName}`);
  }
}

/** Which payloads an element came from, by the ids in its markup. */
const sourceOf = (el: Element) => [...new Set([...el.outerHTML.matchAll(/__xss\W{0,3}(\d+)/g)].map((m) => `#${m[1]}`))].join(',') || 'unknown payload';

/** Elements and attributes that no element renders itself: what injected markup would leave. */
function injected(root: Element): string[] {
  const found: string[] = [];
  for (const [el, host] of elements(root)) {
    const tag = el.localName;
    const say = (what: string) => found.push(`${host}: ${what} (${sourceOf(el)}): ${el.outerHTML.slice(0, 160)}`);
    if (el.namespaceURI !== htmlNamespace && !svgTags.has(tag)) say(`<${tag}> in ${el.namespaceURI}`);
    else if (!ownTags.has(tag)) say(`<${tag}>`);
    for (const { name, value } of el.attributes) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on')) say(`attribute ${name}`);
      else if (foreignUrlAttributes.has(lower)) say(`attribute ${name}`);
      else if (lower === 'href' && (tag !== 'a' || !isOwnUrl(value))) say(`href ${value.slice(0, 60)}`);
      else if (lower === 'src' && (tag !== 'img' || !isOwnUrl(value))) say(`src ${value.slice(0, 60)}`);
      else if (lower === 'style' && /expression|url\(|javascript:|@import|__xss/i.test(value)) say(`style ${value.slice(0, 60)}`);
    }
  }
  return found;
}

/** Payloads (cut to `max`) in none of the texts of `selector` in `scope`. */
function absent(scope: ParentNode | null | undefined, selector: string, payloads: readonly XssPayload[], max: number): string[] {
  const texts = [...(scope?.querySelectorAll(selector) ?? [])].map((e) => squash(e.textContent ?? ''));
  return payloads.filter((p) => !texts.some((t) => t.includes(squash(fit(p.text, max))))).map((p) => `#${p.id} ${p.family}`);
}

/** Waits for every payload to show as text, then says which did not. */
async function shown(scope: () => ParentNode | null | undefined, selector: string, payloads: readonly XssPayload[], max = Infinity): Promise<string[]> {
  await until(() => absent(scope(), selector, payloads, max).length === 0, `the payloads in ${selector}`, 3000).catch(() => {});
  return absent(scope(), selector, payloads, max);
}

/** The customer-info panel's rows (answers and page) as label → text. */
function infoRows(session: ChatSession): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const dt of session.shadowRoot!.querySelectorAll('[part=customer-info] dl:not([part=verified]) dt')) {
    rows[dt.textContent!.trim()] = (dt.nextElementSibling as HTMLElement).textContent!;
  }
  return rows;
}

describe('hostile text stays text: an XSS corpus in every element', () => {
  const agents: TiskiClient[] = [];
  const customers: TiskiClient[] = [];
  const saved = { alert: page.alert, confirm: page.confirm, prompt: page.prompt, print: page.print };

  before(() => {
    page.__xss = (id) => void hits.push(String(id));
    // Classic payloads call these; none may open a dialog or go unnoticed.
    page.alert = (m) => void hits.push(`alert(${String(m)})`);
    page.confirm = (m) => (hits.push(`confirm(${String(m)})`), false);
    page.prompt = (m) => (hits.push(`prompt(${String(m)})`), null);
    page.print = () => void hits.push('print()');
  });
  after(() => {
    delete page.__xss;
    Object.assign(page, saved);
  });
  beforeEach(() => localStorage.clear());
  afterEach(async () => {
    for (const customer of customers.splice(0)) await customerGoes(customer);
    for (const agent of agents.splice(0)) await agentGoes(agent);
  });

  it('holds at least 100 distinct payloads of the published families', () => {
    const texts = xssCorpus.map((p) => p.text);
    expect(texts.length).to.be.at.least(100);
    expect(new Set(texts).size, 'no payload twice').to.equal(texts.length);
    expect(new Set(xssCorpus.map((p) => p.family)).size).to.be.at.least(12);
    expect(texts.filter((t) => !t.trim()), 'none blank').to.deep.equal([]);
  });

  for (let start = 0; start < xssCorpus.length; start += batchSize) {
    const batch = xssCorpus.slice(start, start + batchSize);
    const [first] = batch as [XssPayload, ...XssPayload[]];
    const last = batch[batch.length - 1]!;
    it(`payloads #${first.id}–#${last.id} (${[...new Set(batch.map((p) => p.family))].join(', ')}) render inertly on both sides`, async function () {
      this.timeout(30000);
      const hitsBefore = hits.length;
      // The test server makes the token's subject of the name and a suffix, at most 64 characters.
      const token = await agentToken(fit(first.text, 50));
      const root = await fixture<HTMLElement>(html`<div>
        <chat-connection url=${testRelay.ws} token=${token}><agent-queue-bar></agent-queue-bar><chat-session></chat-session></chat-connection>
        <chat-widget url=${testRelay.ws} queue=${queue} inline></chat-widget>
      </div>`);
      const connection = root.querySelector('chat-connection') as ChatConnection;
      const bar = root.querySelector('agent-queue-bar')!;
      const session = root.querySelector('chat-session') as ChatSession;
      const widget = root.querySelector('chat-widget') as ChatWidget;
      /** Injected elements and attributes, each once, with the stage it was first seen at. */
      const problems: string[] = [];
      /** Payload text that should have been read somewhere and was not, by where. */
      const unread: Record<string, string[]> = {};
      const note = (where: string, absent: string[]) => {
        if (absent.length) unread[where] = absent;
      };
      const check = (stage: string) => {
        for (const found of injected(root)) if (!problems.some((p) => p.endsWith(found))) problems.push(`${stage}: ${found}`);
      };

      await until(() => connection.client?.status === 'open', 'the agent connection');
      const agent = connection.client!;
      agents.push(agent);
      await agent.send({ type: 'sign-in', queues: [queue] });

      // The first payload through the widget's start form: name, every survey answer, first message.
      inside(widget, '[part=launcher]')!.click();
      await until(() => !!inside(widget, 'form[part=start-form]'), 'the start form');
      const set = (name: string, value: string) => ((inside<HTMLInputElement>(widget, `[name="${name}"]`)!).value = value);
      set('name', fit(first.text, 80));
      set('survey-order', fit(first.text, 200));
      set('survey-email', emailFor(first.text));
      set('survey-topic', 'billing');
      set('survey-details', fit(first.text, 1000));
      set('survey-note', fit(first.text, 200));
      set('message', fit(first.text, 1000));
      inside(widget, '[part=start-button]')!.click();
      await until(() => !!inside(widget, '[part=waiting]'), 'the waiting view');
      const widgetCustomer = widget.client!;
      customers.push(widgetCustomer);

      // The others on connections of their own, each payload also as the page they came from.
      const others: TiskiClient[] = [];
      for (const p of batch.slice(1)) {
        const customer = new TiskiClient({ url: testRelay.ws, role: 'customer', storage: memoryStorage() });
        customers.push(customer);
        others.push(customer);
        customer.connect();
        await customer.send({
          type: 'join',
          queue,
          name: fit(p.text, 80),
          message: fit(p.text, 1000),
          survey: { order: fit(p.text, 200), email: emailFor(p.text), topic: 'delivery', details: fit(p.text, 1000), note: fit(p.text, 200) },
          info: { page: p.text, referrer: p.text, language: fit(p.text, 35), userAgent: fit(p.text, 512) },
        });
      }
      const ids = [widgetCustomer.self!.id, ...others.map((c) => c.self!.id)];

      // <agent-queue-bar>: each waiting customer's name and first message, and the queue's log.
      const card = () => inside(bar, `[data-queue="${queue}"]`);
      const waiting = () => card()?.querySelector('[part=waiting-list]');
      note('names in the waiting list', await shown(waiting, '.name', batch, 80));
      note('first messages in the waiting list', await shown(waiting, '.preview', batch, 1000));
      card()!.querySelector<HTMLButtonElement>('[part=log-button]')!.click();
      note('names in the queue log', await shown(card, '[part=queue-log] li', batch, 80));
      check('agent-queue-bar');

      // <chat-session>: a tab each; header, tab and customer info per customer. An agent has at most
      // three conversations at once: the widget's stays open, the others go two at a time.
      const conversations: string[] = [];
      const wrong: string[] = [];
      const read = async (i: number) => {
        const p = batch[i]!;
        const tab = session.shadowRoot!.getElementById(`tab-${conversations[i]}`)!;
        tab.click();
        await until(() => squash(inside(session, '[part=customer-info] h3')?.textContent ?? '') === squash(fit(p.text, 80)), `the customer info of #${p.id}`).catch(() => {});
        const expected: Record<string, string> = {
          tab: fit(p.text, 80),
          header: fit(p.text, 80),
          info: fit(p.text, 80),
          'Order number': fit(p.text, 200),
          Email: emailFor(p.text),
          Details: fit(p.text, 1000),
          [noteLabel]: fit(p.text, 200),
          ...(i > 0 ? { Page: p.text, 'Came from': p.text, Language: fit(p.text, 35) } : {}),
        };
        const actual: Record<string, string> = {
          ...infoRows(session),
          tab: tab.textContent ?? '',
          header: inside(session, '[part=header] h2')?.textContent ?? '',
          info: inside(session, '[part=customer-info] h3')?.textContent ?? '',
        };
        for (const [label, value] of Object.entries(expected)) if (squash(actual[label] ?? '') !== squash(value)) wrong.push(`#${p.id} ${label}: ${JSON.stringify(actual[label])}`);
        check(`chat-session customer #${p.id}`);
      };
      for (let i = 0; i < ids.length; i += i === 0 ? 1 : 2) {
        const group = i === 0 ? [0] : [i, i + 1].filter((j) => j < ids.length);
        for (const j of group) conversations[j] = (await agent.send({ type: 'pick', queue, customer: ids[j]! })).conversation!;
        await until(() => group.every((j) => !!session.shadowRoot!.getElementById(`tab-${conversations[j]}`)), 'the tabs');
        for (const j of group) await read(j);
        if (i > 0) for (const j of group) await agent.send({ type: 'end', conversation: conversations[j]! });
      }
      note('tab, header and customer info', wrong);

      // The widget's conversation: the customer writes and attaches, the agent writes, notes and asks.
      const conversation = conversations[0]!;
      session.shadowRoot!.getElementById(`tab-${conversation}`)!.click();
      await until(() => !!messageList(widget) && !!composer(widget), 'the widget chat view');
      await Promise.all(batch.map((p) => widgetCustomer.send({ type: 'send', conversation, text: fit(p.text, 1000) })));

      const chips = () => allInside(composer(widget), '[part=upload]');
      const uploaded: string[] = [];
      const chipProblems: string[] = [];
      for (let i = 0; i < batch.length; i += 5) {
        const group = batch.slice(i, i + 5);
        const files = group.map((p) => textFile(fit(p.text, 200)));
        const data = new DataTransfer();
        for (const file of files) data.items.add(file);
        const input = inside<HTMLInputElement>(composer(widget), 'input[type=file]')!;
        input.files = data.files;
        input.dispatchEvent(new Event('change'));
        await until(() => chips().length === files.length && allInside(composer(widget), '[part=upload-progress]').length === 0, 'the uploads done');
        for (const [j, chip] of chips().entries()) {
          const name = squash(files[j]!.name);
          const refusal = chip.querySelector('[role=alert]')?.textContent;
          if (!squash(chip.querySelector('.name')!.textContent!).includes(name)) chipProblems.push(`#${group[j]!.id} chip name`);
          if (refusal !== undefined && !squash(refusal).includes(name)) chipProblems.push(`#${group[j]!.id} refusal: ${refusal}`);
        }
        check(`chat-widget attachments of #${group[0]!.id}–#${group.at(-1)!.id}`);
        const before = widgetCustomer.conversations.get(conversation)!.messages.length;
        if (inside<HTMLButtonElement>(composer(widget), '[part=send-button]')!.disabled) {
          for (const remove of allInside<HTMLButtonElement>(composer(widget), '[part=upload] button.remove')) remove.click();
        } else {
          inside(composer(widget), '[part=send-button]')!.click();
          await until(() => widgetCustomer.conversations.get(conversation)!.messages.length > before, 'the files sent');
          const sent = widgetCustomer.conversations.get(conversation)!.messages.at(-1)!;
          uploaded.push(...(sent.attachments ?? []).map((a) => a.name));
        }
        await until(() => chips().length === 0, 'the chips cleared');
      }
      note('file names and refusals in the composer', chipProblems);

      // Three at a time: the relay allows a connection a burst of 60 commands, then 20 a second.
      for (const p of batch) {
        await Promise.all([
          agent.send({ type: 'send', conversation, text: fit(p.text, 1000) }),
          agent.send({ type: 'send', conversation, text: fit(p.text, 1000), private: true }),
          agent.send({ type: 'send', conversation, text: fit(p.text, 1000), choices: [fit(p.text, 100), 'None of these'] }),
        ]);
      }
      // The customer answers the first menu, so both sides show it locked with the choice marked.
      await until(() => allInside(messageList(widget), '[part=choice-button]').length === batch.length * 2, 'the menus in the widget');
      allInside<HTMLButtonElement>(messageList(widget), '[part=choice-button]')[0]!.click();
      await until(() => !!inside(messageList(widget), '[part~=chosen-choice]') && !!inside(messageList(session), '[part~=chosen-choice]'), 'the answered menu on both sides');

      const fileNames = (host: Element) => allInside(messageList(host), '[part=attachment]').map((a) => squash(a.textContent ?? ''));
      const filesMissing = (host: Element) => uploaded.filter((name) => !fileNames(host).some((t) => t.includes(squash(name))));
      await until(() => filesMissing(widget).length === 0 && filesMissing(session).length === 0, 'the files on both sides').catch(() => {});
      note('file names in the widget', filesMissing(widget));
      note('file names in the session', filesMissing(session));
      const list = (host: Element) => () => messageList(host)?.shadowRoot;
      note('customer messages in the session', await shown(list(session), '[part~=other] .text', batch, 1000));
      note('agent messages in the session', await shown(list(session), '[part~=own]:not([part~=private]) .text', batch, 1000));
      note('private notes in the session', await shown(list(session), '[part~=private] .text', batch, 1000));
      note('menu options in the session', await shown(list(session), '[part~=choice]', batch, 100));
      note('the customer’s name in the session', await shown(list(session), '[part=author]', batch.slice(0, 1), 80));
      note('the customer’s messages in the widget', await shown(list(widget), '[part~=own] .text', batch, 1000));
      note('agent messages in the widget', await shown(list(widget), '[part~=other] .text', batch, 1000));
      note('menu options in the widget', await shown(list(widget), '[part=choice-button], [part~=choice]', batch, 100));
      note('the agent’s name in the widget', await shown(list(widget), '[part=author]', batch.slice(0, 1), 50));
      note('private notes at the customer', allInside(messageList(widget), '[part~=private]').map((e) => e.textContent ?? ''));
      await pause(300); // onerror, onload, autofocus and SVG animations fire by now.
      check('the conversation on both sides');

      // Ended: the widget's end view, and the conversation among the agent's recent ones with its transcript.
      await agent.send({ type: 'end', conversation });
      await until(() => !!inside(widget, '[part=end-view]'), 'the end view');
      inside<HTMLButtonElement>(session, '[part=recent-button]')!.click();
      await until(() => allInside(session, '.recent-list button').length > 0, 'the recent conversations');
      note('names among recent conversations', await shown(() => session.shadowRoot, '.recent-list button', batch, 80));
      const entry = allInside<HTMLButtonElement>(session, '.recent-list button').find((b) => squash(b.textContent ?? '').startsWith(squash(fit(first.text, 80))));
      entry!.click();
      note('the transcript', await shown(() => session.shadowRoot, '.transcript li', batch, 1000));
      await pause(100);
      check('ended');
      inside<HTMLButtonElement>(session, '[part=recent-button]')!.click(); // closed again before the connection goes

      // All three at once: what ran, what became markup, and what was not read as text.
      expect({ ran: ran(hits.slice(hitsBefore)), injected: problems, unread }).to.deep.equal({ ran: [], injected: [], unread: {} });
      expect(page.__xssHit, 'window.__xssHit').to.equal(undefined);
      expect(page.__pwned, 'the survey label').to.equal(undefined);
      if (start + batchSize >= xssCorpus.length) {
        // Once, at the end: hostile text read as text leaves both sides accessible.
        await expect(widget).to.be.accessible();
        await expect(session).to.be.accessible();
        card()!.querySelector<HTMLButtonElement>('[part=log-button]')!.click(); // the log, long with these names, scrolls and cannot take focus
        await bar.updateComplete;
        await expect(bar).to.be.accessible();
      }
    });
  }

  it('none ran late either', async () => {
    await pause(300);
    expect(ran(hits)).to.deep.equal([]);
    expect(page.__xssHit).to.equal(undefined);
  });
});
