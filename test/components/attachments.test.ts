import { expect } from '@open-wc/testing';
import type { ChatComposer } from '../../components/chat-composer/chat-composer.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import { allInside, composer, conversationPair, inside, messageList, type ConversationPair } from './conversation-pair.js';
import { agentGoes, until } from './relay.js';

const hostile = '<img src=x onerror="window.__pwned=1">';

/** A real PNG of 2×2 pixels, drawn here. */
async function pngFile(name: string): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 2;
  canvas.height = 2;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#1f5fbf';
  context.fillRect(0, 0, 2, 2);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

/** The smallest file a PDF reader opens: header, an empty catalog, and the end marker. */
const pdfFile = (name: string, padding = 0) =>
  new File([`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n${' '.repeat(padding)}trailer << /Root 1 0 R >>\n%%EOF\n`], name, { type: 'application/pdf' });

/** The customer chooses files with the widget's file button. */
function choose(pair: ConversationPair, ...files: File[]) {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  const input = inside<HTMLInputElement>(composer(pair.widget), 'input[type=file]')!;
  input.files = data.files;
  input.dispatchEvent(new Event('change'));
}

const chips = (pair: ConversationPair) => allInside(composer(pair.widget), '[part=upload]');

/** Counts XHR uploads while `during` runs. */
async function countUploads(during: () => Promise<void>): Promise<number> {
  const send = XMLHttpRequest.prototype.send;
  let count = 0;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body) {
    count++;
    return send.call(this, body);
  };
  try {
    await during();
  } finally {
    XMLHttpRequest.prototype.send = send;
  }
  return count;
}

describe('attachments through the relay (C7)', () => {
  const agents: TiskiClient[] = [];
  beforeEach(() => localStorage.clear());
  afterEach(async () => {
    for (const agent of agents.splice(0)) await agentGoes(agent);
  });

  async function pair(agentName: string, customerName: string) {
    const p = await conversationPair({ queue: 'asiakaspalvelu', agentName, customerName });
    agents.push(p.agent);
    return p;
  }

  it('the customer uploads a PNG and a PDF with progress, sends them, and the agent gets a thumbnail that loads and a download link', async () => {
    const p = await pair('Fiona', 'Paula Photo');
    const attach = inside(composer(p.widget), '[part=attach-button]');
    expect(attach, 'the relay takes files, so the widget offers them').to.not.equal(null);
    expect(inside<HTMLInputElement>(composer(p.widget), 'input[type=file]')!.accept).to.equal('text/plain,application/pdf,image/png,image/jpeg,image/gif,image/webp');

    const png = await pngFile('photo.png');
    const pdfName = `${hostile}.pdf`;
    choose(p, png, pdfFile(pdfName));
    await p.widget.updateComplete;
    await (composer(p.widget) as ChatComposer).updateComplete;
    expect(chips(p).map((c) => c.querySelector('.name')!.textContent!.split(',')[0])).to.deep.equal(['photo.png', pdfName]);
    expect(allInside(composer(p.widget), '[part=upload-progress]'), 'progress while uploading').to.have.length(2);
    expect(inside<HTMLButtonElement>(composer(p.widget), '[part=send-button]')!.disabled, 'no send while uploading').to.equal(true);

    await until(() => allInside(composer(p.widget), '[part=upload-progress]').length === 0 && chips(p).length === 2, 'both uploads done');
    expect(allInside(composer(p.widget), '[part=upload] [role=alert]')).to.have.length(0);
    expect(inside<HTMLButtonElement>(composer(p.widget), '[part=send-button]')!.disabled).to.equal(false);
    await expect(p.widget).to.be.accessible();

    inside(composer(p.widget), '[part=send-button]')!.click();
    await until(() => chips(p).length === 0, 'the chips to clear once sent');

    const list = () => messageList(p.session)!;
    await until(() => !!inside<HTMLImageElement>(list(), 'img[part=thumbnail]')?.src, 'the thumbnail at the agent');
    const thumbnail = inside<HTMLImageElement>(list(), 'img[part=thumbnail]')!;
    expect(thumbnail.alt).to.match(/^photo\.png, /);
    expect((thumbnail.parentElement as HTMLAnchorElement).href).to.equal(thumbnail.src);
    const image = await fetch(thumbnail.src);
    expect(image.status).to.equal(200);
    expect(image.headers.get('content-type')).to.equal('image/png');
    expect((await image.arrayBuffer()).byteLength).to.equal(png.size);

    await until(() => !!inside<HTMLAnchorElement>(list(), 'a[download]')?.href, 'the PDF link at the agent');
    const link = inside<HTMLAnchorElement>(list(), 'a[download]')!;
    expect(link.getAttribute('download')).to.equal(pdfName);
    expect(link.textContent!.trim()).to.match(/^📄 <img src=x onerror="window.__pwned=1">\.pdf, \d+ byte$/);
    const pdf = await fetch(link.href);
    expect(pdf.status).to.equal(200);
    expect(pdf.headers.get('content-type')).to.equal('application/pdf');
    expect(allInside(list(), 'img'), 'the file name stays text: the thumbnail is the only image').to.have.length(1);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(p.session).to.be.accessible();

    await until(() => allInside(messageList(p.widget), '[part=attachment]').length === 2, 'the files at the customer too');
    await expect(p.widget).to.be.accessible();
  });

  it('a page named .png is refused by the relay, and the chip says so until removed', async () => {
    const p = await pair('Hilda', 'Harry Html');
    const page = new File(['<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'], 'page.png', { type: 'image/png' });
    choose(p, page);
    await until(() => !!inside(composer(p.widget), '[part=upload] [role=alert]'), 'the refusal');
    expect(inside(composer(p.widget), '[part=upload] [role=alert]')!.textContent).to.equal('page.png was not attached: this type of file is not accepted.');
    expect(inside<HTMLButtonElement>(composer(p.widget), '[part=send-button]')!.disabled, 'nothing to send').to.equal(true);
    await expect(p.widget).to.be.accessible();

    inside<HTMLButtonElement>(composer(p.widget), '[part=upload] button.remove')!.click();
    await until(() => chips(p).length === 0, 'the chip removed');
  });

  it('refuses a file over the limit in the browser, before any upload', async () => {
    const p = await pair('Greta', 'Bert Big');
    p.customer.fileLimits = { ...p.customer.fileLimits!, maxFileBytes: 1024 };
    const uploads = await countUploads(async () => {
      choose(p, pdfFile('big.pdf', 4000));
      await until(() => !!inside(composer(p.widget), '[part=upload] [role=alert]'), 'the refusal');
    });
    expect(uploads).to.equal(0);
    expect(inside(composer(p.widget), '[part=upload] [role=alert]')!.textContent).to.equal('big.pdf is too large: at most 1 kB a file.');
    expect(allInside(composer(p.widget), '[part=upload-progress]')).to.have.length(0);
    await expect(p.widget).to.be.accessible();
  });
});
