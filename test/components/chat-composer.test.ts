import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/chat-widget/conversation-elements.js';
import type { ChatComposer } from '../../components/chat-composer/chat-composer.js';

const textarea = (el: ChatComposer) => el.shadowRoot!.querySelector('textarea')!;

describe('chat-composer', () => {
  describe('accessibility', () => {
    it('is accessible empty and disabled', async () => {
      const el = await fixture<ChatComposer>(html`<chat-composer></chat-composer>`);
      await expect(el).to.be.accessible();
      el.disabled = true;
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  });

  describe('keyboard', () => {
    it('sends on Enter and clears the field', async () => {
      const el = await fixture<ChatComposer>(html`<chat-composer></chat-composer>`);
      el.focus();
      await sendKeys({ type: 'Hello there' });
      setTimeout(() => sendKeys({ press: 'Enter' }));
      const event = await oneEvent(el, 'chat-message-send');
      expect(event.detail.text).to.equal('Hello there');
      await el.updateComplete;
      expect(textarea(el).value).to.equal('');
    });

    it('breaks the line on Shift+Enter without sending', async () => {
      const el = await fixture<ChatComposer>(html`<chat-composer></chat-composer>`);
      let sent = 0;
      el.addEventListener('chat-message-send', () => sent++);
      el.focus();
      await sendKeys({ type: 'one' });
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
      await sendKeys({ type: 'two' });
      expect(sent).to.equal(0);
      expect(textarea(el).value).to.equal('one\ntwo');
    });

    it('keeps the text when the host cancels the send', async () => {
      const el = await fixture<ChatComposer>(html`<chat-composer></chat-composer>`);
      el.addEventListener('chat-message-send', (e) => e.preventDefault());
      el.focus();
      await sendKeys({ type: 'keep me' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(textarea(el).value).to.equal('keep me');
    });

    it('sends nothing for blank text', async () => {
      const el = await fixture<ChatComposer>(html`<chat-composer></chat-composer>`);
      let sent = 0;
      el.addEventListener('chat-message-send', () => sent++);
      el.focus();
      await sendKeys({ type: '   ' });
      await sendKeys({ press: 'Enter' });
      expect(sent).to.equal(0);
    });
  });

  describe('limits', () => {
    it('allows 1000 characters and counts what is left', async () => {
      const el = await fixture<ChatComposer>(html`<chat-composer></chat-composer>`);
      expect(textarea(el).maxLength).to.equal(1000);
      textarea(el).value = 'x'.repeat(990);
      textarea(el).dispatchEvent(new InputEvent('input'));
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part=counter]')!.textContent).to.equal('10 of 1000 characters left');
    });

    it('counts in Finnish and Swedish', async () => {
      const fi = await fixture<ChatComposer>(html`<chat-composer lang="fi"></chat-composer>`);
      expect(fi.shadowRoot!.querySelector('[part=counter]')!.textContent).to.equal('1000/1000 merkkiä jäljellä');
      const sv = await fixture<ChatComposer>(html`<chat-composer lang="sv"></chat-composer>`);
      expect(sv.shadowRoot!.querySelector('button')!.textContent).to.equal('Skicka');
    });
  });
});
