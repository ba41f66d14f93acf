import { expect, fixture, html } from '@open-wc/testing';
import '../../components/chat-call/define.js';
import type { ChatCall } from '../../components/chat-call/chat-call.js';
import type { ChatConnection } from '../../components/chat-connection/chat-connection.js';
import type { ChatSession } from '../../components/chat-session/chat-session.js';
import type { ChatWidget } from '../../components/chat-widget/chat-widget.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import type { ChatCallErrorEvent } from '../../components/events/chat-call.js';
import { allInside, conversationPair, inside, messageList, type ConversationPair } from './conversation-pair.js';
import { agentGoes, agentSignedIn, agentToken, testRelay, until } from './relay.js';

/** Customers may start a video chat in this queue; agents pick (web-test-runner.config.mjs). */
const queue = 'video-test';
const callOf = (host: Element) => inside<ChatCall>(host, 'chat-call');
const button = (host: Element, part: string) => inside<HTMLButtonElement>(host, `[part=${part}]`);
const statusOf = (call: ChatCall) => inside(call, '[part=status]')?.textContent?.trim() ?? '';
const notices = (host: Element) => allInside(messageList(host), '[part=notice]').map((n) => n.textContent!.trim());
const connected = (host: Element) => callOf(host)?.connectionState === 'connected';

/** Holds every getUserMedia until `release()`, so a call stays connecting as long as a test looks at it. */
function holdMedia() {
  const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    await held;
    return real(constraints);
  };
  return release;
}

/** Makes getUserMedia refuse as a browser does when the person blocks camera and microphone, or has none. */
function refuseMedia(name: 'NotAllowedError' | 'NotFoundError') {
  navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('refused in this test', name));
}

/** The agent asks, the customer accepts, and both calls connect peer to peer. */
async function callConnected(pair: ConversationPair): Promise<[ChatCall, ChatCall]> {
  button(pair.session, 'video-call-button')!.click();
  await until(() => !!button(pair.widget, 'accept-call-button'), 'the prompt at the customer');
  button(pair.widget, 'accept-call-button')!.click();
  await until(() => connected(pair.session) && connected(pair.widget), 'both calls connected', 8000);
  return [callOf(pair.session)!, callOf(pair.widget)!];
}

describe('video calls (V1–V5)', () => {
  const agents: TiskiClient[] = [];
  beforeEach(() => localStorage.clear());
  afterEach(async () => {
    delete (navigator.mediaDevices as Partial<MediaDevices>).getUserMedia;
    for (const agent of agents.splice(0)) await agentGoes(agent);
  });

  async function pair(agentName: string, customerName: string): Promise<ConversationPair> {
    const p = await conversationPair({ queue, agentName, customerName });
    agents.push(p.agent);
    return p;
  }

  describe('asking (V1)', () => {
    it('gives the agent a Video call button, then a waiting line, and the customer a prompt, accessibly', async () => {
      const { session, widget } = await pair('Vilja', 'Veikko Video');
      expect(button(session, 'video-call-button')!.textContent).to.equal('Video call');
      await expect(session).to.be.accessible();

      button(session, 'video-call-button')!.click();
      await until(() => !!inside(session, '[part=call-status]'), 'the waiting line');
      const waiting = inside(session, '[part=call-status]')!;
      expect(waiting.getAttribute('role')).to.equal('status');
      expect(waiting.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Waiting for the customer to accept the video call… Withdraw');
      expect(button(session, 'video-call-button'), 'no second request').to.equal(null);
      await expect(session).to.be.accessible();

      await until(() => !!inside(widget, '[part=call-prompt]'), 'the prompt at the customer');
      const prompt = inside(widget, '[part=call-prompt]')!;
      expect(prompt.getAttribute('role')).to.equal('alert');
      expect(prompt.querySelector('span')!.textContent).to.equal('Vilja asks to switch to a video call.');
      expect(button(widget, 'accept-call-button')!.textContent).to.equal('Accept video');
      expect(button(widget, 'decline-call-button')!.textContent).to.equal('Stay with text');
      expect(callOf(widget), 'no camera before the customer accepts').to.equal(null);
      await expect(widget).to.be.accessible();
    });

    it('the agent withdraws: the prompt goes and both sides read that the call ended', async () => {
      const { session, widget } = await pair('Ville', 'Vappu Video');
      button(session, 'video-call-button')!.click();
      await until(() => !!inside(widget, '[part=call-prompt]'), 'the prompt at the customer');
      inside(session, '[part=call-status] button')!.click();
      await until(() => !inside(widget, '[part=call-prompt]'), 'the prompt gone');
      await until(() => !!button(session, 'video-call-button'), 'the Video call button back');
      for (const side of [session, widget]) {
        await until(() => notices(side).length === 2, 'both notices');
        expect(notices(side)).to.deep.equal(['A video call was asked for.', 'The video call ended; the chat goes on.']);
      }
    });

    it('the customer stays with text: no call on either side, and both read that it was declined', async () => {
      const { session, widget } = await pair('Venla', 'Väinö Video');
      button(session, 'video-call-button')!.click();
      await until(() => !!button(widget, 'decline-call-button'), 'the prompt at the customer');
      button(widget, 'decline-call-button')!.click();
      await until(() => !inside(widget, '[part=call-prompt]'), 'the prompt gone');
      await until(() => !inside(session, '[part=call-status]') && !!button(session, 'video-call-button'), 'the agent back to text');
      for (const side of [session, widget]) {
        await until(() => notices(side).length === 2, 'both notices');
        expect(notices(side)).to.deep.equal(['A video call was asked for.', 'The video call was declined; the chat goes on.']);
        expect(callOf(side)).to.equal(null);
      }
      await expect(session).to.be.accessible();
      await expect(widget).to.be.accessible();
    });
  });

  describe('the call (V1, V5)', () => {
    it('shows both sides connecting, then connected, with their controls, accessibly', async () => {
      const { session, widget } = await pair('Valtteri', 'Vuokko Video');
      const release = holdMedia();
      button(session, 'video-call-button')!.click();
      await until(() => !!button(widget, 'accept-call-button'), 'the prompt at the customer');
      button(widget, 'accept-call-button')!.click();
      await until(() => !!callOf(session) && !!callOf(widget), 'the call on both sides');
      expect(inside(session, '[part=call-status]'), 'no waiting line once accepted').to.equal(null);
      expect(inside(widget, '[part=call-prompt]'), 'no prompt once accepted').to.equal(null);
      for (const [side, other] of [
        [session, 'Vuokko Video'],
        [widget, 'Valtteri'],
      ] as const) {
        const call = callOf(side)!;
        await call.updateComplete;
        expect(call.connectionState).to.equal('new');
        expect(statusOf(call)).to.equal('Connecting the video call…');
        expect(inside(call, '[part=status]')!.getAttribute('role')).to.equal('status');
        expect(inside(call, '[part=remote-video]')!.getAttribute('aria-label')).to.equal(`Video of ${other}`);
        expect(inside(call, '[part=self-video]')!.getAttribute('aria-label')).to.equal('Your own video');
        expect(allInside(call, '[part=controls] button').map((b) => [b.textContent, b.getAttribute('aria-pressed')])).to.deep.equal([
          ['Mute', 'false'],
          ['Camera off', 'false'],
          ['Full screen', null],
          ['Hang up', null],
        ]);
        await expect(side).to.be.accessible();
      }

      release();
      await until(() => connected(session) && connected(widget), 'both calls connected', 8000);
      for (const side of [session, widget]) {
        const call = callOf(side)!;
        await call.updateComplete;
        expect(statusOf(call), 'nothing to say while both are heard and seen').to.equal('');
        expect(inside<HTMLVideoElement>(call, '[part=self-video]')!.srcObject).to.be.instanceOf(MediaStream);
        await expect(side).to.be.accessible();
      }
      expect(button(session, 'video-call-button'), 'no second call').to.equal(null);
      for (const side of [session, widget]) await until(() => notices(side).includes('The video call started.'), 'the started notice');
    });

    it('mute and camera off press their buttons and show on the other side; hanging up on the agent returns both to text', async () => {
      const p = await pair('Vertti', 'Virpi Video');
      const { session, widget } = p;
      const [agentCall, customerCall] = await callConnected(p);

      button(agentCall, 'mute-button')!.click();
      await until(() => button(agentCall, 'mute-button')!.getAttribute('aria-pressed') === 'true', 'Mute pressed');
      await until(() => statusOf(customerCall) === 'Vertti has muted their microphone.', 'the mute at the customer');
      await expect(widget).to.be.accessible();
      await expect(session).to.be.accessible();

      button(customerCall, 'camera-button')!.click();
      await until(() => button(customerCall, 'camera-button')!.getAttribute('aria-pressed') === 'true', 'Camera off pressed');
      await until(() => statusOf(agentCall) === 'Virpi Video has turned their camera off.', 'the camera at the agent');
      await expect(session).to.be.accessible();

      button(agentCall, 'mute-button')!.click();
      await until(() => button(agentCall, 'mute-button')!.getAttribute('aria-pressed') === 'false', 'Mute released');
      await until(() => statusOf(customerCall) === '', 'the customer hears the agent again');
      button(customerCall, 'camera-button')!.click();
      await until(() => statusOf(agentCall) === '', 'the agent sees the customer again');

      button(agentCall, 'hang-up-button')!.click();
      await until(() => !callOf(session) && !callOf(widget), 'the call gone on both sides');
      for (const call of [agentCall, customerCall]) {
        const own = inside<HTMLVideoElement>(call, '[part=self-video]')!.srcObject as MediaStream;
        expect(own.getTracks().map((t) => t.readyState), 'camera and microphone released').to.deep.equal(['ended', 'ended']);
      }
      for (const side of [session, widget]) {
        await until(() => notices(side).at(-1) === 'The video call ended; the chat goes on.', 'the ended notice');
        expect(inside(side, 'chat-composer')!.hasAttribute('disabled'), 'the chat goes on').to.equal(false);
      }
      expect(button(session, 'video-call-button'), 'a new call may be asked for').to.not.equal(null);
      await expect(session).to.be.accessible();
      await expect(widget).to.be.accessible();
    });
  });

  describe('a video chat (V2, V3)', () => {
    async function openWidget(queueId: string, lang = 'en'): Promise<ChatWidget> {
      const el = await fixture<ChatWidget>(html`<chat-widget url=${testRelay.ws} queue=${queueId} lang=${lang} inline></chat-widget>`);
      button(el, 'launcher')!.click();
      await until(() => !!inside(el, 'form[part=start-form]'), 'the start form');
      return el;
    }

    it('offers "Start video chat" only for a queue that takes video, accessibly', async () => {
      // An available agent in each queue shown (support-en is the first, chosen at opening): with nobody
      // there, the widget offers the message form instead (Q8).
      agents.push(await agentSignedIn('Vilja', ['support-en', queue, 'asiakaspalvelu']));
      const chooser = await openWidget('');
      const select = inside<HTMLSelectElement>(chooser, 'select')!;
      const choose = async (id: string) => {
        select.value = id;
        select.dispatchEvent(new Event('change'));
        await chooser.updateComplete;
      };
      await choose('video-test');
      expect(button(chooser, 'start-video-button')!.textContent).to.equal('Start video chat');
      expect(button(chooser, 'start-video-button')!.type).to.equal('submit');
      await expect(chooser).to.be.accessible();
      await choose('asiakaspalvelu');
      expect(button(chooser, 'start-video-button')).to.equal(null);
      expect(button(chooser, 'start-button')!.textContent).to.equal('Start chat');

      const fixed = await openWidget('asiakaspalvelu');
      expect(button(fixed, 'start-video-button')).to.equal(null);
      const video = await openWidget(queue, 'fi');
      expect(button(video, 'start-video-button')!.textContent).to.equal('Aloita videochat');
    });

    it('a video chat connects as soon as the agent picks it, and Hang up asks the customer to end the chat', async () => {
      const token = await agentToken('Valma');
      const root = await fixture<HTMLElement>(html`<div>
        <chat-connection url=${testRelay.ws} token=${token}><chat-session></chat-session></chat-connection>
        <chat-widget url=${testRelay.ws} queue=${queue} inline></chat-widget>
      </div>`);
      const connection = root.querySelector('chat-connection') as ChatConnection;
      const session = root.querySelector('chat-session') as ChatSession;
      const widget = root.querySelector('chat-widget') as ChatWidget;
      await until(() => connection.client?.status === 'open', 'the agent connection');
      const agent = connection.client!;
      agents.push(agent);
      await agent.send({ type: 'sign-in', queues: [queue] });
      button(widget, 'launcher')!.click();
      await until(() => !!inside(widget, 'form[part=start-form]'), 'the start form');
      inside<HTMLInputElement>(widget, 'input[name=name]')!.value = 'Vieno Video';
      button(widget, 'start-video-button')!.click();
      await until(() => !!inside(widget, '[part=waiting]'), 'the waiting view');
      await agent.send({ type: 'pick', queue, customer: widget.client!.self!.id });

      await until(() => connected(session) && connected(widget), 'both calls connected', 8000);
      expect(inside(widget, '[part=call-prompt]'), 'nothing to accept: the customer asked for video').to.equal(null);
      expect(button(session, 'video-call-button')).to.equal(null);
      button(callOf(widget)!, 'hang-up-button')!.click();
      await until(() => !!button(widget, 'confirm-end-button'), 'the question whether to end the chat');
      expect(inside(widget, '.toolbar [role=alert]')!.textContent).to.equal('End this chat?');
      expect(connected(widget), 'the call goes on until the customer ends the chat').to.equal(true);
      await expect(widget).to.be.accessible();
    });
  });

  describe('devices refused (V5)', () => {
    /** Enough of a connection for a call that never gets as far as signalling. */
    const quietClient = () =>
      Object.assign(new EventTarget(), { iceServers: [], send: () => Promise.resolve({}), takeCallSignals: () => [] }) as unknown as TiskiClient;

    for (const [name, reason, message] of [
      ['NotAllowedError', 'permission-denied', 'The camera or microphone was not allowed, so there is no video. The chat goes on.'],
      ['NotFoundError', 'no-device', 'No camera or microphone was found, so there is no video. The chat goes on.'],
    ] as const) {
      it(`explains ${name} in an alert and fires chat-call-error with ${reason}`, async () => {
        refuseMedia(name);
        const errors: ChatCallErrorEvent['detail'][] = [];
        const el = await fixture<ChatCall>(
          html`<chat-call .client=${quietClient()} conversation="c1" remote-name="Vilma" @chat-call-error=${(e: ChatCallErrorEvent) => errors.push(e.detail)}></chat-call>`,
        );
        await until(() => errors.length > 0, 'chat-call-error');
        await el.updateComplete;
        expect(errors).to.deep.equal([{ conversation: 'c1', reason }]);
        const alert = inside(el, '[part=error]')!;
        expect(alert.getAttribute('role')).to.equal('alert');
        expect(alert.textContent).to.equal(message);
        expect(inside(el, 'video'), 'no video without devices').to.equal(null);
        await expect(el).to.be.accessible();
      });
    }

    it('starts once it is given a connection after it was put on the page', async () => {
      refuseMedia('NotAllowedError');
      const errors: ChatCallErrorEvent['detail'][] = [];
      const el = await fixture<ChatCall>(html`<chat-call conversation="c2" @chat-call-error=${(e: ChatCallErrorEvent) => errors.push(e.detail)}></chat-call>`);
      expect(el.connectionState).to.equal('new');
      el.client = quietClient();
      await until(() => errors.length > 0, 'chat-call-error');
      expect(errors).to.deep.equal([{ conversation: 'c2', reason: 'permission-denied' }]);
    });
  });

  describe('localisation', () => {
    it('asks and shows the controls in Finnish with lang="fi"', async () => {
      const p = await pair('Veera', 'Voitto Video');
      p.widget.lang = 'fi';
      p.session.lang = 'fi';
      await p.widget.updateComplete;
      await p.session.updateComplete;
      expect(button(p.session, 'video-call-button')!.textContent).to.equal('Videopuhelu');
      const release = holdMedia();
      button(p.session, 'video-call-button')!.click();
      await until(() => !!inside(p.session, '[part=call-status]'), 'the waiting line');
      expect(inside(p.session, '[part=call-status]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Odotetaan, että asiakas hyväksyy videopuhelun… Peru');
      await until(() => !!inside(p.widget, '[part=call-prompt]'), 'the prompt');
      expect(inside(p.widget, '[part=call-prompt] span')!.textContent).to.equal('Veera pyytää siirtymään videopuheluun.');
      expect(button(p.widget, 'accept-call-button')!.textContent).to.equal('Hyväksy video');
      expect(button(p.widget, 'decline-call-button')!.textContent).to.equal('Jatka tekstillä');
      await expect(p.widget).to.be.accessible();

      button(p.widget, 'accept-call-button')!.click();
      await until(() => !!callOf(p.widget) && !!callOf(p.session), 'the call on both sides');
      for (const [side, other] of [
        [p.widget, 'Veera'],
        [p.session, 'Voitto Video'],
      ] as const) {
        const call = callOf(side)!;
        await call.updateComplete;
        expect(statusOf(call)).to.equal('Yhdistetään videopuhelua…');
        expect(inside(call, '[part=remote-video]')!.getAttribute('aria-label')).to.equal(`${other}: video`);
        expect(inside(call, '[part=self-video]')!.getAttribute('aria-label')).to.equal('Oma videosi');
        expect(allInside(call, '[part=controls] button').map((b) => b.textContent)).to.deep.equal(['Mykistä', 'Kamera pois', 'Koko näyttö', 'Lopeta puhelu']);
      }
      await expect(p.widget).to.be.accessible();
      release();
    });
  });
});
