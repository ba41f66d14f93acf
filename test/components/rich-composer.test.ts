import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/chat-widget/conversation-elements.js';
import type { ChatComposer } from '../../components/chat-composer/chat-composer.js';
import { emoji } from '../../components/chat-composer/emoji-picker.js';
import { typingIdleMs, typingRepeatMs } from '../../components/chat-composer/typing-notifier.js';
import type { PendingUpload } from '../../components/client/uploads-controller.js';
import type { CannedResponse } from '../../protocol/common.js';
import { allInside, inside } from './conversation-pair.js';

const textarea = (el: ChatComposer) => inside<HTMLTextAreaElement>(el, 'textarea')!;
const focused = (el: ChatComposer) => el.shadowRoot!.activeElement;

/** Sets the field as typing would and fires its input event. */
function typeInto(el: ChatComposer, value: string) {
  textarea(el).value = value;
  textarea(el).dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Files in a DataTransfer, as a file choice, a drop or a paste hands them over. */
function transfer(...files: File[]): DataTransfer {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  return data;
}

describe('chat-composer rich features', () => {
  describe('emoji', () => {
    it('inserts an emoji at the cursor by keyboard; arrow keys move in the picker and Escape closes it', async () => {
      const el = await fixture<ChatComposer>(html`<chat-composer></chat-composer>`);
      el.focus();
      await sendKeys({ type: 'ab' });
      await sendKeys({ press: 'ArrowLeft' });
      // Field → Send → emoji button.
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.getAttribute('part')).to.equal('emoji-button');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(inside(el, '[part=emoji-button]')!.getAttribute('aria-expanded')).to.equal('true');
      expect(inside(el, '[part=emoji-picker]')!.getAttribute('aria-label')).to.equal('Insert emoji');
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.textContent).to.equal(emoji[0]);
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(el)?.textContent).to.equal(emoji[10], 'down moves one row of eight');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await el.updateComplete;
      expect(textarea(el).value).to.equal(`a${emoji[10]}b`);
      expect(focused(el), 'the field has the focus back').to.equal(textarea(el));
      await sendKeys({ type: 'c' });
      expect(textarea(el).value, 'the cursor stays after the emoji').to.equal(`a${emoji[10]}cb`);

      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.textContent).to.equal(emoji[0]);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(inside(el, '[part=emoji-picker]')).to.equal(null);
      expect(inside(el, '[part=emoji-button]')!.getAttribute('aria-expanded')).to.equal('false');
      expect(focused(el), 'Escape returns to the field').to.equal(textarea(el));
    });
  });

  describe('typing', () => {
    const realNow = Date.now;
    let shift = 0;
    beforeEach(() => {
      shift = 0;
      Date.now = () => realNow() + shift;
    });
    afterEach(() => {
      Date.now = realNow;
    });

    it('tells of typing at the first keystroke, repeats at most every 2.5 s, and stops when the field empties', async () => {
      const el = await fixture<ChatComposer>(html`<chat-composer></chat-composer>`);
      const events: boolean[] = [];
      el.addEventListener('chat-typing', (e) => events.push(e.detail.typing));
      typeInto(el, 'H');
      expect(events).to.deep.equal([true]);
      typeInto(el, 'He');
      typeInto(el, 'Hel');
      shift = typingRepeatMs - 100;
      typeInto(el, 'Hell');
      expect(events, 'no repeat sooner than 2.5 s').to.deep.equal([true]);
      shift = typingRepeatMs + 10;
      typeInto(el, 'Hello');
      expect(events).to.deep.equal([true, true]);
      typeInto(el, 'Hello!');
      expect(events).to.deep.equal([true, true]);
      typeInto(el, '');
      expect(events, 'an emptied field stops at once').to.deep.equal([true, true, false]);
      typeInto(el, '   ');
      expect(events, 'blanks are not typing').to.deep.equal([true, true, false]);
      typeInto(el, 'Again');
      expect(events, 'the next keystroke is news again').to.deep.equal([true, true, false, true]);
    });

    it('tells of stopping after 4 s without a keystroke', async () => {
      const el = await fixture<ChatComposer>(html`<chat-composer></chat-composer>`);
      const events: boolean[] = [];
      el.addEventListener('chat-typing', (e) => events.push(e.detail.typing));
      // Catch the idle timer rather than wait for it.
      const realSetTimeout = window.setTimeout;
      let idle: (() => void) | undefined;
      window.setTimeout = ((handler: () => void, ms?: number) => {
        if (ms === typingIdleMs) idle = handler;
        return realSetTimeout(() => {}, 0);
      }) as typeof window.setTimeout;
      try {
        typeInto(el, 'Hi');
      } finally {
        window.setTimeout = realSetTimeout;
      }
      expect(events).to.deep.equal([true]);
      expect(idle, 'an idle timer of 4 s').to.be.a('function');
      idle!();
      expect(events).to.deep.equal([true, false]);
    });

    it('says nothing more when the message is sent: the message itself ends the typing', async () => {
      const el = await fixture<ChatComposer>(html`<chat-composer></chat-composer>`);
      const events: boolean[] = [];
      el.addEventListener('chat-typing', (e) => events.push(e.detail.typing));
      el.focus();
      await sendKeys({ type: 'Hi' });
      expect(events).to.deep.equal([true]);
      const sent = oneEvent(el, 'chat-message-send');
      await sendKeys({ press: 'Enter' });
      expect((await sent).detail.text).to.equal('Hi');
      await el.updateComplete;
      expect(events).to.deep.equal([true]);
      await sendKeys({ type: 'N' });
      expect(events, 'a new message is typing again').to.deep.equal([true, true]);
    });

    it('marks typing in private mode as private', async () => {
      const el = await fixture<ChatComposer>(html`<chat-composer allow-private></chat-composer>`);
      const events: Array<{ typing: boolean; private: boolean }> = [];
      el.addEventListener('chat-typing', (e) => events.push(e.detail));
      const toggle = inside<HTMLInputElement>(el, '[part=private-toggle] input')!;
      toggle.click();
      await el.updateComplete;
      typeInto(el, 'note');
      expect(events).to.deep.equal([{ typing: true, private: true }]);
    });
  });

  describe('files', () => {
    const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'photo.png', { type: 'image/png' });

    it('offers the file button only with allow-files', async () => {
      const plain = await fixture<ChatComposer>(html`<chat-composer></chat-composer>`);
      expect(inside(plain, '[part=attach-button]')).to.equal(null);
      expect(inside(plain, 'input[type=file]')).to.equal(null);
      let selected = 0;
      plain.addEventListener('chat-files-select', () => selected++);
      textarea(plain).dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer(png()), bubbles: true, cancelable: true }));
      expect(selected, 'a pasted file is ignored without allow-files').to.equal(0);
    });

    it('hands on files chosen, dropped or pasted, accessibly', async () => {
      const el = await fixture<ChatComposer>(html`<chat-composer allow-files accept="image/png,application/pdf"></chat-composer>`);
      const button = inside(el, '[part=attach-button]')!;
      expect(button.getAttribute('aria-label')).to.equal('Attach files');
      const input = inside<HTMLInputElement>(el, 'input[type=file]')!;
      expect(input.accept).to.equal('image/png,application/pdf');
      expect(input.multiple).to.equal(true);
      expect(input.hidden).to.equal(true);
      await expect(el).to.be.accessible();

      input.files = transfer(png(), new File(['%PDF-1.4'], 'doc.pdf')).files;
      setTimeout(() => input.dispatchEvent(new Event('change')));
      const chosen = await oneEvent(el, 'chat-files-select');
      expect(chosen.detail.files.map((f: File) => f.name)).to.deep.equal(['photo.png', 'doc.pdf']);
      expect(input.value, 'the same file may be chosen again').to.equal('');

      const form = inside(el, 'form')!;
      setTimeout(() => form.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer(png()), bubbles: true, cancelable: true })));
      expect((await oneEvent(el, 'chat-files-select')).detail.files.map((f: File) => f.name)).to.deep.equal(['photo.png']);

      const paste = new ClipboardEvent('paste', { clipboardData: transfer(png()), bubbles: true, cancelable: true });
      setTimeout(() => textarea(el).dispatchEvent(paste));
      expect((await oneEvent(el, 'chat-files-select')).detail.files).to.have.length(1);
      expect(paste.defaultPrevented, 'a pasted file does not paste its name as text').to.equal(true);
    });

    it('shows each file with its progress, refusal or readiness; Send waits for uploads; remove fires chat-file-remove', async () => {
      const uploading: PendingUpload = { key: 'u1', conversation: 'c1', name: 'photo.png', size: 2048, progress: 0.4 };
      const refused: PendingUpload = { key: 'u2', conversation: 'c1', name: 'page.png', size: 30, progress: 0, refused: { reason: 'type', detail: '' } };
      const ready: PendingUpload = {
        key: 'u3',
        conversation: 'c1',
        name: 'doc.pdf',
        size: 5000,
        progress: 1,
        attachment: { id: 'f1', name: 'doc.pdf', type: 'application/pdf', size: 5000 },
      };
      const el = await fixture<ChatComposer>(html`<chat-composer allow-files .uploads=${[uploading, refused, ready]}></chat-composer>`);
      const chips = allInside(el, '[part=upload]');
      expect(chips.map((c) => c.querySelector('.name')!.textContent)).to.deep.equal(['photo.png, 2 kB', 'page.png, 30 byte', 'doc.pdf, 4.9 kB']);
      const progress = chips[0]!.querySelector('progress')!;
      expect(progress.value).to.equal(40);
      expect(progress.getAttribute('aria-label')).to.equal('Uploading photo.png: 40 %');
      expect(chips[1]!.querySelector('[role=alert]')!.textContent).to.equal('page.png was not attached: this type of file is not accepted.');
      expect(chips[2]!.querySelector('progress, [role=alert]'), 'a ready file shows neither').to.equal(null);
      expect(inside<HTMLButtonElement>(el, '[part=send-button]')!.disabled, 'no send while a file uploads').to.equal(true);
      await expect(el).to.be.accessible();

      const remove = chips[1]!.querySelector('button.remove') as HTMLButtonElement;
      expect(remove.getAttribute('aria-label')).to.equal('Remove page.png');
      setTimeout(() => remove.click());
      expect((await oneEvent(el, 'chat-file-remove')).detail.key).to.equal('u2');

      el.uploads = [ready];
      await el.updateComplete;
      expect(inside<HTMLButtonElement>(el, '[part=send-button]')!.disabled, 'files alone may be sent').to.equal(false);
    });
  });

  describe('canned responses', () => {
    const canned: CannedResponse[] = [
      { title: 'Greeting', text: 'Hello!' },
      { title: 'Goodbye', text: 'Bye for now.' },
      { title: 'Order number', text: 'Your order number, please?' },
    ];

    it('searches by /title, moves with the arrow keys, shows when nothing matches, and Escape closes, accessibly', async () => {
      const el = await fixture<ChatComposer>(html`<chat-composer .cannedResponses=${canned}></chat-composer>`);
      expect(inside(el, '[part=canned-button]')!.getAttribute('aria-keyshortcuts')).to.equal('Alt+R');
      el.focus();
      await sendKeys({ type: '/g' });
      await el.updateComplete;
      const options = () => allInside(el, '[part=canned-option]');
      expect(options().map((o) => o.querySelector('strong')!.textContent)).to.deep.equal(['Greeting', 'Goodbye']);
      expect(textarea(el).getAttribute('aria-activedescendant')).to.equal('canned-0');
      expect(textarea(el).getAttribute('aria-controls')).to.equal('canned-list');
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(options().map((o) => o.getAttribute('aria-selected'))).to.deep.equal(['false', 'true']);
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(textarea(el).getAttribute('aria-activedescendant'), 'the list wraps').to.equal('canned-0');

      await sendKeys({ type: 'zz' });
      await el.updateComplete;
      expect(inside(el, '[part=canned] [role=status]')!.textContent).to.equal('No canned response matches.');
      expect(textarea(el).hasAttribute('aria-activedescendant')).to.equal(false);
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(inside(el, '[part=canned]')).to.equal(null);
      expect(textarea(el).value, 'Escape keeps what was typed').to.equal('/gzz');
    });
  });
});
