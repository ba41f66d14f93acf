import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/chat-widget.js';
import type { ChatWidget } from '../../components/chat-widget/chat-widget.js';
import { limits } from '../../protocol/limits.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import { agentGoes, agentSignedIn, testRelay, until } from './relay.js';
import { clockTime, expectSpeaks, focused, formatPattern, heard, minutes, opening, strings, type Lang } from './widget-states-helpers.js';

/** The agent's name, and what they write: no word of any language, so no string check can trip on them. */
const agentName = 'Aino';
/** Queues of the test relay (web-test-runner.config.mjs): the first of all, one with video chats, one closed today. */
const firstQueue = 'support-en';
const videoQueue = 'video-test';
const closedQueue = 'closed-test';

/**
 * An address where the test server takes the WebSocket upgrade and never answers it, so the
 * widget stays in its connecting state for as long as a test looks at it.
 */
const silentRelay = () => `ws://${location.host}/widget-states-never-answers`;

// Not conversation-pair.ts: it would load the agents' elements as well.
const inside = <T extends Element = HTMLElement>(host: Element | null | undefined, selector: string) => (host?.shadowRoot?.querySelector(selector) as T | null) ?? null;
const messageList = (el: ChatWidget) => inside(el, 'chat-message-list');
const part = (el: ChatWidget, name: string) => inside(el, `[part=${name}]`);
const notices = (el: ChatWidget) => [...(messageList(el)?.shadowRoot?.querySelectorAll('[part=notice]') ?? [])].map((n) => n.textContent!.trim());

/** Where each language is set: on the widget itself, or on an element around it as a page would. */
const langs: { lang: Lang; on: 'widget' | 'page' }[] = [
  { lang: 'en', on: 'widget' },
  { lang: 'fi', on: 'widget' },
  { lang: 'sv', on: 'page' },
];

async function widget(lang: Lang, on: 'widget' | 'page', url: string, queue = ''): Promise<ChatWidget> {
  if (on === 'widget') return fixture<ChatWidget>(html`<chat-widget url=${url} queue=${queue} lang=${lang} inline></chat-widget>`);
  const page = await fixture<HTMLElement>(html`<div lang=${lang}><chat-widget url=${url} queue=${queue} inline></chat-widget></div>`);
  return page.querySelector('chat-widget')!;
}

/** Waits for `selector` in the widget; on a timeout, says what the widget shows instead. */
async function shows(el: ChatWidget, selector: string, what: string, timeoutMs?: number): Promise<void> {
  await until(() => !!inside(el, selector), what, timeoutMs).catch((error: Error) => {
    throw new Error(`${error.message}; the widget shows: ${heard(el)}`);
  });
}

function choose(el: ChatWidget, queue: string) {
  const select = inside<HTMLSelectElement>(el, 'select[name=queue]')!;
  select.value = queue;
  select.dispatchEvent(new Event('change'));
}

describe('<chat-widget> state by state, in English, Finnish and Swedish', function () {
  this.timeout(30_000);
  /** Signed in before any widget opens: with nobody available the widget offers the message form instead. */
  let agent: TiskiClient;
  before(async () => {
    agent = await agentSignedIn(agentName, [firstQueue, videoQueue]);
  });
  after(async () => {
    await agentGoes(agent, true);
  });
  // No resume token from the test before, wherever the client keeps it: each widget starts as a new customer.
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });

  for (const { lang, on } of langs) {
    const t = strings[lang];

    describe(`${lang} (lang on the ${on})`, () => {
      it('launcher, then connecting', async () => {
        const el = await widget(lang, on, silentRelay());
        expect(part(el, 'launcher')!.textContent).to.equal(t.openChat);
        expect(part(el, 'window')).to.equal(null);
        expectSpeaks(el, lang, 'launcher', [(s) => s.openChat]);
        await expect(el).to.be.accessible();

        part(el, 'launcher')!.click();
        await el.updateComplete;
        expect(el.client!.status).to.equal('connecting');
        expect(part(el, 'window')!.getAttribute('aria-label')).to.equal(t.chatTitle);
        expect(part(el, 'close-button')!.getAttribute('aria-label')).to.equal(t.closeChat);
        expectSpeaks(el, lang, 'connecting', [(s) => s.chatTitle, (s) => s.closeChat, (s) => s.connecting]);
        await expect(el).to.be.accessible();
        expect(el.client!.status, 'still connecting after axe').to.equal('connecting');
      });

      it('start form, message form and its thanks, waiting, chat, video prompt, end, rating', async () => {
        const el = await widget(lang, on, testRelay.ws);
        part(el, 'launcher')!.click();

        // Start form with the queue choice: the first queue is served, and takes video chats.
        await shows(el, 'form[part=start-form]', 'the start form');
        expect(inside<HTMLSelectElement>(el, 'select[name=queue]')!.value).to.equal(firstQueue);
        expectSpeaks(el, lang, 'start form with the queue choice', [
          (s) => s.chatTitle,
          (s) => s.closeChat,
          (s) => s.chooseQueue,
          (s) => s.yourName,
          (s) => s.firstMessageLabel,
          (s) => s.startChat,
          (s) => s.startVideoChat,
        ]);
        await expect(el).to.be.accessible();

        // A closed queue chosen: the message form, naming the next opening.
        choose(el, closedQueue);
        await shows(el, 'form[part=offline-form]', 'the message form');
        const opensAt = el.client!.queueStatus!.find((q) => q.id === closedQueue)!.opensAt!;
        expectSpeaks(el, lang, 'message form', [
          (s) => s.chooseQueue,
          (s) => s.offlineTitle,
          (s) => s.offlineText,
          (s) => s.opensNext(opening(lang, opensAt)),
          (s) => s.yourName,
          (s) => s.emailLabel,
          (s) => s.offlineMessageLabel,
          (s) => s.sendOffline,
        ]);
        expect(heard(el)).not.to.contain(t.startChat);
        await expect(el).to.be.accessible();

        inside<HTMLInputElement>(el, 'input[name=name]')!.value = 'Kim';
        inside<HTMLInputElement>(el, 'input[name=email]')!.value = 'kim@example.com';
        inside<HTMLTextAreaElement>(el, 'textarea[name=message]')!.value = '12345';
        part(el, 'offline-send-button')!.click();
        await shows(el, '[part=offline-thanks]', 'the thanks for the message');
        expectSpeaks(el, lang, 'thanks for the message', [(s) => s.offlineThanks]);
        await expect(el).to.be.accessible();

        // The start form for one fixed queue: no choice.
        el.queue = videoQueue;
        await shows(el, 'form[part=start-form]', 'the start form of the fixed queue');
        expect(inside(el, 'select')).to.equal(null);
        expectSpeaks(el, lang, 'start form of a fixed queue', [(s) => s.yourName, (s) => s.firstMessageLabel, (s) => s.startChat, (s) => s.startVideoChat]);
        expect(heard(el)).not.to.contain(t.chooseQueue);
        await expect(el).to.be.accessible();

        // Waiting in line.
        inside<HTMLInputElement>(el, 'input[name=name]')!.value = 'Kim';
        part(el, 'start-button')!.click();
        await shows(el, '[part=waiting]', 'the waiting view');
        const client = el.client!;
        const position = client.waiting!.position;
        expectSpeaks(el, lang, 'waiting', [(s) => s.waitingTitle, (s) => s.placeInLine(position), (s) => s.leaveQueue]);
        expect(part(el, 'waiting')!.textContent).to.match(formatPattern(t.waitedFor, '\\d+:\\d{2}'));
        // The relay reports a typical wait once five customers of the queue were served in a week,
        // and works it out at most once a minute: too slow to reach here, so the client's waiting
        // state gets one as the relay's `waiting` event would carry it.
        client.waiting = { ...client.waiting!, typicalWait: 190 };
        el.requestUpdate();
        await el.updateComplete;
        expectSpeaks(el, lang, 'waiting with a typical wait', [(s) => s.typicalWait('3:10')]);
        await expect(el).to.be.accessible();

        // Chatting: the agent picks exactly this customer.
        const { conversation } = await agent.send({ type: 'pick', queue: videoQueue, customer: client.self!.id });
        await until(() => !!inside(el, 'chat-composer') && !!messageList(el) && customElements.get('chat-composer') !== undefined, 'the chat view');
        await agent.send({ type: 'send', conversation: conversation!, text: '👋 42' });
        await until(() => heard(el).includes('👋 42'), 'the agent message');
        const input = inside<HTMLTextAreaElement>(inside(el, 'chat-composer'), 'textarea')!;
        input.focus();
        await sendKeys({ type: '1 2 3' });
        await sendKeys({ press: 'Enter' });
        await until(() => agent.conversations.get(conversation!)?.messages.length === 2, 'the customer message at the agent');
        await until(() => input.value === '' && heard(el).includes('1 2 3'), 'the own message shown');
        const view = client.conversations.get(conversation!)!;
        const times = (s: typeof t) => s.chatTimes(clockTime(lang, view.joinedAt), minutes(view.startedAt - view.joinedAt), clockTime(lang, view.startedAt));
        expectSpeaks(el, lang, 'chatting', [
          (s) => s.chatWith(agentName),
          times,
          (s) => s.endChat,
          (s) => s.you,
          (s) => s.messageLabel,
          (s) => s.send,
          (s) => s.insertEmoji,
          ...(client.fileLimits ? [(s: typeof t) => s.attachFiles] : []),
          (s) => s.charactersLeft(limits.messageLength, limits.messageLength),
        ]);
        expect(inside(el, 'header h2')!.textContent).to.equal(t.chatWith(agentName));
        await expect(el).to.be.accessible();

        // The agent asks to switch to video; the customer stays with text.
        await agent.send({ type: 'call-start', conversation: conversation! });
        await shows(el, '[part=call-prompt]', 'the video call prompt');
        expectSpeaks(el, lang, 'video call prompt', [(s) => s.callAsked(agentName), (s) => s.acceptCall, (s) => s.declineCall, (s) => s.callNotice('asked', '')]);
        await expect(el).to.be.accessible();
        part(el, 'decline-call-button')!.click();
        await until(() => !part(el, 'call-prompt') && notices(el).length === 2, 'the prompt gone');
        expect(notices(el)).to.deep.equal([t.callNotice('asked', ''), t.callNotice('declined', '')]);
        expectSpeaks(el, lang, 'video call declined', [(s) => s.callNotice('declined', '')]);

        // End, confirmed.
        part(el, 'end-button')!.click();
        await el.updateComplete;
        expect(part(el, 'confirm-end-button')!.textContent).to.equal(t.endChat);
        expectSpeaks(el, lang, 'end confirmation', [(s) => s.confirmEnd, (s) => s.endChat]);
        await expect(el).to.be.accessible();

        part(el, 'confirm-end-button')!.click();
        await shows(el, '[part=end-view]', 'the end view');
        const ended = client.conversations.get(conversation!)!.ended!;
        expectSpeaks(el, lang, 'ended', [
          (s) => s.chatTitle,
          times,
          (s) => s.endedAt(clockTime(lang, ended.at)),
          (s) => s.ended,
          (s) => s.startNewChat,
          (s) => s.downloadTranscript,
          (s) => s.rateTitle,
          ...[1, 2, 3, 4, 5].map((n) => (s: typeof t) => s.stars(n)),
          (s) => s.ratingComment,
          (s) => s.sendRating,
        ]);
        expect(inside(el, 'header h2')!.textContent).to.equal(t.chatTitle);
        expect(part(el, 'chat-times')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(times(t) + t.endedAt(clockTime(lang, ended.at)));
        await expect(el).to.be.accessible();

        // Rated.
        inside<HTMLInputElement>(el, '[part=rating-form] input[value="4"]')!.click();
        part(el, 'rating-button')!.click();
        await shows(el, '[part=rating-thanks]', 'the thanks for the rating');
        expectSpeaks(el, lang, 'rated', [(s) => s.ratingThanks, (s) => s.downloadTranscript, (s) => s.startNewChat]);
        expect(heard(el)).not.to.contain(t.sendRating);
        await expect(el).to.be.accessible();

        // A new chat, then closed: the launcher again.
        part(el, 'new-chat-button')!.click();
        await shows(el, 'form[part=start-form]', 'the start form after the end');
        part(el, 'close-button')!.click();
        await el.updateComplete;
        expect(part(el, 'launcher')!.textContent).to.equal(t.openChat);
      });
    });
  }

  describe('keyboard', () => {
    /** Presses Tab until `reached` holds, as a keyboard user would; fails past `most` presses. */
    async function tabTo(reached: () => boolean, what: string, most = 8, shift = false) {
      if (shift) await sendKeys({ down: 'Shift' });
      for (let i = 0; i < most && !reached(); i++) await sendKeys({ press: 'Tab' });
      if (shift) await sendKeys({ up: 'Shift' });
      expect(reached(), `${what} reachable within ${most} presses of ${shift ? 'Shift+Tab' : 'Tab'}`).to.equal(true);
    }

    it('fi: opens, fills the start form, joins and closes by keyboard alone, focus following', async () => {
      const lang = 'fi';
      const t = strings[lang];
      const page = await fixture<HTMLElement>(html`<div>
        <button>·</button>
        <chat-widget url=${testRelay.ws} queue=${videoQueue} lang=${lang} inline></chat-widget>
        <button>··</button>
      </div>`);
      const el = page.querySelector('chat-widget') as ChatWidget;
      const inWindow = () => !!focused() && !!part(el, 'window')?.contains(focused());
      /** Focus checks, gathered so that one failing does not hide the next. */
      const focusProblems: string[] = [];
      page.querySelector('button')!.focus();

      await sendKeys({ press: 'Tab' });
      expect(focused(), 'Tab from the page reaches the launcher').to.equal(part(el, 'launcher'));
      await sendKeys({ press: 'Space' });
      await shows(el, 'form[part=start-form]', 'the start form');
      if (!inWindow()) focusProblems.push(`after opening, focus is on ${nameOf(focused())}, not in the chat window`);

      const name = inside<HTMLInputElement>(el, 'input[name=name]')!;
      await tabTo(() => focused() === name, 'the name field');
      await sendKeys({ type: 'Kim' });
      await sendKeys({ press: 'Tab' });
      expect(focused(), 'Tab from the name goes to the first message').to.equal(inside(el, 'textarea[name=message]'));
      await sendKeys({ type: '12345' });
      await sendKeys({ press: 'Tab' });
      expect(focused(), 'Tab from the first message goes to the start button').to.equal(part(el, 'start-button'));
      await sendKeys({ press: 'Enter' });
      await shows(el, '[part=waiting]', 'the waiting view');
      expect(el.client!.waiting, 'joined').to.not.equal(undefined);
      expect(part(el, 'waiting')!.textContent).to.contain(t.waitingTitle);
      if (!inWindow()) focusProblems.push(`after joining, focus is on ${nameOf(focused())}, not in the chat window`);

      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      if (el.open) {
        focusProblems.push('Escape does not close the window');
        await tabTo(() => focused() === part(el, 'close-button'), 'the close button', 8, true);
        await sendKeys({ press: 'Enter' });
      }
      await until(() => !el.open, 'the window closed');
      await el.updateComplete;
      if (focused() !== part(el, 'launcher')) focusProblems.push(`after closing, focus is on ${nameOf(focused())}, not on the launcher`);
      // Out of the line whichever way the window closed, so this customer meets no later test.
      if (el.client?.waiting) await el.client.send({ type: 'leave' }).catch(() => {});

      expect(focusProblems).to.deep.equal([]);
    });
  });
});

/** A focused element as a failure message names it. */
function nameOf(element: Element | null): string {
  if (!element) return 'nothing';
  const partName = element.getAttribute('part');
  return `<${element.localName}${partName ? ` part="${partName}"` : ''}>${element === document.body ? '' : ` "${element.textContent?.trim().slice(0, 20) ?? ''}"`}`;
}
