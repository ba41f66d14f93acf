import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/chat-widget.js';
import type { ChatWidget } from '../../components/chat-widget/chat-widget.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import { agentGoes, agentSignedIn, testRelay, until } from './relay.js';

/** An element inside `root`'s shadow tree, following shadow hosts: `deep(el, 'chat-composer', '[part=input]')`. */
function deep(root: Element, ...selectors: string[]): HTMLElement {
  let node: Element = root;
  for (const selector of selectors) {
    const found = node.shadowRoot!.querySelector(selector);
    if (!found) throw new Error(`no ${selectors.join(' › ')}`);
    node = found;
  }
  return node as HTMLElement;
}
const box = (root: Element, ...selectors: string[]) => deep(root, ...selectors).getBoundingClientRect();
const has = (el: ChatWidget, selector: string) => !!el.shadowRoot!.querySelector(selector);

/** The default --tiski-chat-widget-offset-x/-y: 1.25em of the reader's default 16px. */
const offset = 20;
const defaultViewport = { width: 800, height: 600 };

/** A floating widget (not `inline`) in a page part of the given direction, opened on its start form. */
async function openFloating(queue: string, dir: 'ltr' | 'rtl' = 'ltr'): Promise<ChatWidget> {
  const wrapper = await fixture<HTMLElement>(html`<div dir=${dir}><chat-widget url=${testRelay.ws} queue=${queue}></chat-widget></div>`);
  const el = wrapper.querySelector('chat-widget') as ChatWidget;
  await el.updateComplete;
  deep(el, '[part=launcher]').click();
  await until(() => has(el, 'form[part=start-form]'), 'the start form');
  return el;
}

/** Joins from the start form, is picked by `agent`, and exchanges a message each way. */
async function chat(el: ChatWidget, agent: TiskiClient, queue: string): Promise<void> {
  (deep(el, 'input[name=name]') as HTMLInputElement).value = 'Layla';
  deep(el, '[part=start-button]').click();
  await until(() => has(el, '[part=waiting]'), 'the waiting view');
  const ack = await agent.send({ type: 'pick', queue });
  await until(() => has(el, 'chat-composer'), 'the chat view');
  await agent.send({ type: 'send', conversation: ack.conversation!, text: 'مرحبا، كيف أساعدك؟' });
  deep(el, 'chat-composer').focus();
  await sendKeys({ type: 'Hello' });
  await sendKeys({ press: 'Enter' });
  const list = () => deep(el, 'chat-message-list');
  await until(() => !!list().shadowRoot!.querySelector('li.own') && !!list().shadowRoot!.querySelector('li.other'), 'both bubbles');
  await Promise.all(list().shadowRoot!.getAnimations().map((a) => a.finished));
}

describe('chat-widget layout', () => {
  let agent: TiskiClient | undefined;
  // The resume token, wherever the client keeps it: each test starts a customer afresh.
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });
  afterEach(async () => {
    if (agent) await agentGoes(agent, true);
    agent = undefined;
    await setViewport(defaultViewport);
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  describe('right to left', () => {
    it('floats in the bottom-left corner and mirrors the title bar, accessibly', async () => {
      const wrapper = await fixture<HTMLElement>(html`<div dir="rtl"><chat-widget url=${testRelay.ws}></chat-widget></div>`);
      const el = wrapper.querySelector('chat-widget') as ChatWidget;
      await el.updateComplete;
      const launcher = box(el, '[part=launcher]');
      expect(launcher.left).to.be.closeTo(offset, 1);
      expect(launcher.bottom).to.be.closeTo(innerHeight - offset, 1);
      await expect(el).to.be.accessible();

      agent = await agentSignedIn('Rtl', ['support-en']);
      deep(el, '[part=launcher]').click();
      await until(() => has(el, 'form[part=start-form]'), 'the start form');
      const window = box(el, '[part=window]');
      expect(window.left).to.be.closeTo(offset, 1);
      expect(window.bottom).to.be.closeTo(innerHeight - offset, 1);
      expect(box(el, '[part=close-button]').right, 'the close button at the inline end: left').to.be.below(box(el, 'h2').left);
      await expect(el).to.be.accessible();
    });

    it('stays in the bottom-right corner left to right', async () => {
      agent = await agentSignedIn('Ltr', ['support-en']);
      const el = await openFloating('support-en');
      const window = box(el, '[part=window]');
      expect(window.right).to.be.closeTo(document.documentElement.clientWidth - offset, 1);
      expect(box(el, '[part=close-button]').left).to.be.above(box(el, 'h2').right);
    });

    it('puts own bubbles on the left and the composer mirrored, accessibly', async () => {
      agent = await agentSignedIn('Rana', ['kundtjanst']);
      const el = await openFloating('kundtjanst', 'rtl');
      await chat(el, agent, 'kundtjanst');
      const list = box(el, 'chat-message-list');
      const own = box(el, 'chat-message-list', 'li.own .bubble');
      const other = box(el, 'chat-message-list', 'li.other .bubble');
      expect(own.left - list.left, 'own bubble at the left edge').to.be.below(20);
      expect(list.right - other.right, "the agent's bubble at the right edge").to.be.below(20);
      expect(box(el, 'chat-composer', '[part=send-button]').right, 'send button left of the input').to.be.at.most(box(el, 'chat-composer', '[part=input]').left);
      expect(box(el, '[part=end-button]').left - list.left, 'the end button at the inline end: left').to.be.below(20);
      await expect(el).to.be.accessible();
    });
  });

  describe('reduced motion', () => {
    /** Animations and transitions of every element in the widget's shadow trees. */
    function motion(el: Element): string[] {
      const found: string[] = [];
      const visit = (root: ShadowRoot) => {
        for (const node of root.querySelectorAll('*')) {
          const style = getComputedStyle(node);
          if (style.animationName !== 'none') found.push(`${node.localName}: animation ${style.animationName}`);
          if (style.transitionDuration.split(',').some((d) => parseFloat(d) > 0)) found.push(`${node.localName}: transition ${style.transitionProperty}`);
          if (node.shadowRoot) visit(node.shadowRoot);
        }
      };
      visit(el.shadowRoot!);
      return found;
    }

    it('moves nothing when the reader asks for reduced motion', async () => {
      agent = await agentSignedIn('Still', ['asiakaspalvelu']);
      const el = await openFloating('asiakaspalvelu');
      await chat(el, agent, 'asiakaspalvelu');
      expect(motion(el), 'messages rise into place by default').to.include('li: animation arrive');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(motion(el)).to.deep.equal([]);
    });
  });

  describe('narrow screens', () => {
    it('fills the viewport with the open window, and keeps the launcher in its corner', async () => {
      await setViewport({ width: 360, height: 640 });
      agent = await agentSignedIn('Narrow', ['support-en']);
      const wrapper = await fixture<HTMLElement>(html`<div><chat-widget url=${testRelay.ws} queue="support-en"></chat-widget></div>`);
      const el = wrapper.querySelector('chat-widget') as ChatWidget;
      await el.updateComplete;
      const launcher = box(el, '[part=launcher]');
      expect(launcher.right).to.be.closeTo(document.documentElement.clientWidth - offset, 1);
      deep(el, '[part=launcher]').click();
      await until(() => has(el, 'form[part=start-form]'), 'the start form');
      const window = box(el, '[part=window]');
      expect([window.left, window.top, window.width, window.height]).to.deep.equal([0, 0, document.documentElement.clientWidth, innerHeight]);
      await expect(el).to.be.accessible();
    });

    it('stays in the page flow when inline', async () => {
      await setViewport({ width: 360, height: 640 });
      agent = await agentSignedIn('Inline', ['support-en']);
      const wrapper = await fixture<HTMLElement>(html`<div style="padding: 10px"><chat-widget url=${testRelay.ws} queue="support-en" inline open></chat-widget></div>`);
      const el = wrapper.querySelector('chat-widget') as ChatWidget;
      await until(() => has(el, 'form[part=start-form]'), 'the start form');
      expect(box(el, '[part=window]').left).to.equal(wrapper.getBoundingClientRect().left + 10);
    });
  });

  describe('200 % zoom (a 1280×800 screen: 640×400 CSS pixels)', () => {
    /** Whether `part` lies inside the window and the viewport, or the reader can scroll it there. */
    function reachable(el: ChatWidget, ...selectors: string[]): boolean {
      const inView = () => {
        const part = box(el, ...selectors);
        const window = box(el, '[part=window]');
        return part.top >= window.top && part.bottom <= window.bottom && part.top >= 0 && part.bottom <= innerHeight;
      };
      if (inView()) return true;
      const body = deep(el, '.body');
      if (!['auto', 'scroll'].includes(getComputedStyle(body).overflowY)) return false;
      deep(el, ...selectors).scrollIntoView({ block: 'nearest' });
      return inView();
    }

    it('keeps the header, the start button and the composer within reach', async () => {
      await setViewport({ width: 640, height: 400 });
      agent = await agentSignedIn('Zoom', ['support-en', 'kundtjanst']);
      // The queue choice too: the tallest start form.
      const el = await openFloating('');
      const window = box(el, '[part=window]');
      expect(window.top).to.be.at.least(0);
      expect(window.bottom).to.be.at.most(innerHeight);
      expect(reachable(el, '[part=start-button]'), 'the start button').to.equal(true);
      expect(box(el, '[part=header]').top, 'the header stays while the form scrolls').to.be.closeTo(window.top + 1, 1);

      await chat(el, agent, 'support-en');
      expect(box(el, '[part=header]').top).to.be.closeTo(box(el, '[part=window]').top + 1, 1);
      for (const part of ['[part=input]', '[part=send-button]']) {
        const shown = box(el, 'chat-composer', part);
        expect(shown.bottom, `${part} inside the window without scrolling`).to.be.at.most(box(el, '[part=window]').bottom);
      }
    });
  });
});
