/**
 * Attachments over HTTP (C7) against a real relay: upload with a file token, send in a message,
 * download by the other side; limits, types by content, quota, visibility, headers, removal.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { signFileGrant } from '../../relay/auth/file-access.js';
import { receiveFile } from '../../relay/transport/file-upload.js';
import type { HttpExchange } from '../../relay/transport/http-exchange.js';
import type { FileUpload } from '../../relay/files/file-store.js';
import { FILE_SECRET, fileToken, QUEUE_B, startConversation, startTestRelay, TICK_WAIT_MS, until, type TestClient, type TestRelay } from './helpers.js';

const MiB = 1024 * 1024;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\x00\x00\x00\x0dIHDR fake image data', 'latin1')]);
const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const text = Buffer.from('Tilausnumero 12345 – kiitos!\r\nOrder number 12345.\n');

interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json: () => { error?: string; message?: string; id?: string; name?: string; type?: string; size?: number };
}

interface UploadOptions {
  /** Default: the body's length. `null` sends the body chunked, without Content-Length. */
  contentLength?: number | null;
  /** Send only the headers, and as much of the body as given here, then wait for the answer. */
  partial?: Buffer;
  headers?: Record<string, string>;
}

/** POSTs `body` as one file. The relay may answer before the body is sent and close: that is fine. */
function upload(
  relay: TestRelay,
  conversation: string,
  token: string | undefined,
  name: string | undefined,
  body: Buffer,
  options: UploadOptions = {},
): Promise<HttpAnswer> {
  const query = name === undefined ? '' : `?name=${encodeURIComponent(name)}`;
  const headers: Record<string, string> = { ...options.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.contentLength === null) headers['transfer-encoding'] = 'chunked';
  else headers['content-length'] = String(options.contentLength ?? body.length);
  return new Promise((resolve, reject) => {
    // A connection of its own: one kept alive would hold the test process open after the relay closed.
    const target = { host: '127.0.0.1', port: relay.relay.port, agent: false, method: 'POST', path: `/files/${conversation}${query}`, headers };
    let answered = false;
    const req = httpRequest(target, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, body, json: () => JSON.parse(body.toString()) });
      });
    });
    // Writing into a connection the relay closed after answering early fails; the answer still counts.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (options.partial) req.write(options.partial);
    else if (options.contentLength === null) writeChunked(req, body);
    else req.end(body);
  });
}

function writeChunked(req: ReturnType<typeof httpRequest>, body: Buffer): void {
  for (let offset = 0; offset < body.length; offset += 64 * 1024) req.write(body.subarray(offset, offset + 64 * 1024));
  req.end();
}

async function download(
  relay: TestRelay,
  conversation: string,
  file: string,
  token: string,
  init: { viaHeader?: boolean; origin?: string } = {},
): Promise<HttpAnswer> {
  const url = `${relay.relay.url}/files/${conversation}/${file}${init.viaHeader ? '' : `?access=${token}`}`;
  const headers: Record<string, string> = { connection: 'close' };
  if (init.viaHeader) headers.authorization = `Bearer ${token}`;
  if (init.origin) headers.origin = init.origin;
  const response = await fetch(url, { headers });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: Object.fromEntries(response.headers), body, json: () => JSON.parse(body.toString()) };
}

type Uploaded = { id: string; name: string; type: string; size: number };

async function uploaded(relay: TestRelay, conversation: string, token: string, name: string, body: Buffer): Promise<Uploaded> {
  const answer = await upload(relay, conversation, token, name, body);
  assert.equal(answer.status, 201, answer.body.toString());
  return answer.json() as Uploaded;
}

function assertRefused(answer: HttpAnswer, status: number, code: string): void {
  assert.equal(answer.status, status, answer.body.toString());
  assert.equal(answer.headers['content-type'], 'application/json');
  const body = answer.json();
  assert.equal(body.error, code);
  assert.match(body.message ?? '', /^[A-Z].*\.$/, 'the message is a sentence');
}

/** Files stored on disk for the conversation (uploads in progress excluded). */
async function storedFiles(relay: TestRelay, conversation: string): Promise<string[]> {
  return readdir(join(relay.dataDir, 'files', conversation)).catch(() => []);
}

async function sendFiles(client: TestClient, conversation: string, ids: string[], extra: { private?: boolean } = {}) {
  return client.request({ type: 'send', conversation, text: '', attachments: ids, ...extra });
}

describe('attachments', () => {
  it('go from the customer to the agent: upload, send, download the same bytes', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    const customerToken = await fileToken(customer.client, conversation);

    const file = await uploaded(relay, conversation, customerToken, 'C:\\Users\\maija\\tilaus.txt', text);
    const { id, ...described } = file;
    assert.match(id, /^[A-Za-z0-9_-]{21}$/);
    assert.deepEqual(described, { name: 'tilaus.txt', type: 'text/plain', size: text.length });
    assert.deepEqual(await storedFiles(relay, conversation), [file.id]);

    assert.equal((await sendFiles(customer.client, conversation, [file.id])).type, 'ack');
    const message = await agent.client.next('message', (m) => m.conversation === conversation);
    assert.deepEqual(message.attachments, [file]);

    const agentToken = await fileToken(agent.client, conversation);
    const fetched = await download(relay, conversation, file.id, agentToken);
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body, text);
    const viaHeader = await download(relay, conversation, file.id, agentToken, { viaHeader: true });
    assert.deepEqual(viaHeader.body, text);
    // And back the other way, an image the customer sees.
    const image = await uploaded(relay, conversation, agentToken, 'screenshot.png', png);
    assert.equal(image.type, 'image/png');
    assert.equal((await sendFiles(agent.client, conversation, [image.id])).type, 'ack');
    assert.deepEqual((await download(relay, conversation, image.id, customerToken)).body, png);
  });

  it('of the largest size allowed go up and come down whole, streamed both ways', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    const body = Buffer.concat([png, randomBytes(20 * MiB - png.length)]);
    const file = await uploaded(relay, conversation, await fileToken(customer.client, conversation), 'photo.png', body);
    assert.deepEqual([file.type, file.size], ['image/png', 20 * MiB]);
    assert.equal((await sendFiles(customer.client, conversation, [file.id])).type, 'ack');
    const fetched = await download(relay, conversation, file.id, await fileToken(agent.client, conversation));
    assert.equal(fetched.status, 200);
    assert.ok(fetched.body.equals(body), 'the same bytes came back');
  });

  it('are at most five in one message: a sixth is refused as an invalid message', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    const token = await fileToken(customer.client, conversation);
    const ids: string[] = [];
    for (let i = 1; i <= 6; i++) ids.push((await uploaded(relay, conversation, token, `note-${i}.txt`, Buffer.from(`note ${i}\n`))).id);

    const six = await sendFiles(customer.client, conversation, ids);
    assert.equal(six.type === 'error' && six.code, 'invalid-message');
    assert.match(six.type === 'error' ? six.message : '', /at most 5 files/);
    assert.equal((await sendFiles(customer.client, conversation, ids.slice(0, 5))).type, 'ack');
    const message = await agent.client.next('message', (m) => m.conversation === conversation);
    assert.deepEqual(message.attachments?.map((a) => a.id), ids.slice(0, 5));
  });

  it('over the limit are refused with 413, by Content-Length before reading and never stored', async (t) => {
    const relay = await startTestRelay(t, { attachments: { maxFileBytes: MiB } });
    const { customer, conversation } = await startConversation(relay);
    const token = await fileToken(customer.client, conversation);

    assertRefused(await upload(relay, conversation, token, 'big.txt', Buffer.alloc(MiB + 1, 0x61)), 413, 'file-too-large');
    // Only the headers and a first kilobyte go out: the answer comes without the rest being sent.
    const early = await upload(relay, conversation, token, 'big.txt', Buffer.alloc(0), { contentLength: MiB + 1, partial: Buffer.alloc(1024, 0x61) });
    assertRefused(early, 413, 'file-too-large');
    // No Content-Length, a chunked body past the limit: refused before a byte is read.
    assertRefused(await upload(relay, conversation, token, 'big.txt', Buffer.alloc(MiB + 1, 0x61), { contentLength: null }), 411, 'length-required');
    assert.deepEqual(await storedFiles(relay, conversation), []);

    const exact = await uploaded(relay, conversation, token, 'exact.txt', Buffer.alloc(MiB, 0x61));
    assert.equal(exact.size, MiB);
    await until(() => existsSync(join(relay.dataDir, 'files', '.uploading')), 'the upload folder exists');
    assert.deepEqual(await readdir(join(relay.dataDir, 'files', '.uploading')), [], 'nothing half-written is left');
  });

  it('of 21 MB are refused against the default 20 MiB by their Content-Length alone', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, conversation } = await startConversation(relay);
    const token = await fileToken(customer.client, conversation);
    const answer = await upload(relay, conversation, token, 'video.txt', Buffer.alloc(0), { contentLength: 21_000_000, partial: Buffer.alloc(0) });
    assertRefused(answer, 413, 'file-too-large');
    assert.match(answer.json().message!, /20 MiB/);
  });

  it('are typed by content: HTML or SVG named .png is refused with 415', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, conversation } = await startConversation(relay);
    const token = await fileToken(customer.client, conversation);
    const markups = [
      '<!DOCTYPE html><html><script>alert(1)</script></html>',
      '\ufeff\n  <SCRIPT>alert(1)</SCRIPT>',
      '<svg/onload=alert(1)>',
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    ];
    for (const markup of markups) {
      const answer = await upload(relay, conversation, token, 'cat.png', Buffer.from(markup));
      assertRefused(answer, 415, 'file-type-refused');
      assert.match(answer.json().message!, /text\/html.*image\/png/);
    }
    assert.deepEqual(await storedFiles(relay, conversation), []);
    // A real PNG named .txt is a PNG.
    assert.equal((await uploaded(relay, conversation, token, 'notes.txt', png)).type, 'image/png');
  });

  it('refuse executables and archives, as soon as their first bytes show it', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, conversation } = await startConversation(relay);
    const token = await fileToken(customer.client, conversation);
    const zip = Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), Buffer.alloc(64, 1)]);
    const elf = Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\x00', 'latin1'), Buffer.alloc(64)]);
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(64)]);
    for (const [name, body] of [['invoice.zip', zip], ['run.txt', elf], ['setup.pdf', exe]] as const) {
      const answer = await upload(relay, conversation, token, name, body);
      assertRefused(answer, 415, 'file-type-refused');
      assert.match(answer.json().message!, /application\/octet-stream/);
    }
    // A large archive is refused from its first chunk; the rest is never waited for.
    const partialZip = await upload(relay, conversation, token, 'big.zip', Buffer.alloc(0), { contentLength: 5 * MiB, partial: zip });
    assertRefused(partialZip, 415, 'file-type-refused');
    assert.deepEqual(await storedFiles(relay, conversation), []);
  });

  it('belong to their conversation: others can neither download nor upload', async (t) => {
    const relay = await startTestRelay(t);
    const first = await startConversation(relay, 'Maija', 'alice');
    const second = await startConversation(relay, 'Pekka', 'bob');
    const maijaToken = await fileToken(first.customer.client, first.conversation);
    const file = await uploaded(relay, first.conversation, maijaToken, 'order.pdf', pdf);
    assert.equal((await sendFiles(first.customer.client, first.conversation, [file.id])).type, 'ack');

    // Pekka and Bob hold tokens for their own conversation only, and cannot get one for Maija's.
    const pekkaToken = await fileToken(second.customer.client, second.conversation);
    const bobToken = await fileToken(second.agent.client, second.conversation);
    for (const token of [pekkaToken, bobToken]) {
      assertRefused(await download(relay, first.conversation, file.id, token), 401, 'token-invalid');
      assertRefused(await upload(relay, first.conversation, token, 'x.txt', text), 401, 'token-invalid');
      assertRefused(await download(relay, second.conversation, file.id, token), 404, 'attachment-unknown');
    }
    const asked = await second.customer.client.request({ type: 'file-access', conversation: first.conversation });
    assert.equal(asked.type === 'error' && asked.code, 'not-participant');

    // A guest who left keeps a token that no longer opens anything.
    const { client: carol } = await relay.agent('carol', [QUEUE_B]);
    const invite = await first.agent.client.request({ type: 'invite', conversation: first.conversation, to: { agent: 'agent:carol' } });
    assert.equal(invite.type, 'ack');
    const request = await carol.next('request');
    assert.equal((await carol.request({ type: 'answer-request', request: request.request.id, accept: true })).type, 'ack');
    await carol.next('agent-joined', (m) => m.conversation === first.conversation);
    const carolToken = await fileToken(carol, first.conversation);
    assert.equal((await download(relay, first.conversation, file.id, carolToken)).status, 200);
    assert.equal((await carol.request({ type: 'leave-conversation', conversation: first.conversation })).type, 'ack');
    assertRefused(await download(relay, first.conversation, file.id, carolToken), 403, 'not-participant');
    assertRefused(await upload(relay, first.conversation, carolToken, 'x.txt', text), 403, 'not-participant');
  });

  it('sent privately by an agent, or not sent yet, stay hidden from the customer', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    const agentToken = await fileToken(agent.client, conversation);
    const customerToken = await fileToken(customer.client, conversation);
    const internal = await uploaded(relay, conversation, agentToken, 'internal-notes.pdf', pdf);
    const unsent = await uploaded(relay, conversation, agentToken, 'draft.txt', text);

    assertRefused(await download(relay, conversation, unsent.id, customerToken), 404, 'attachment-unknown');
    assert.equal((await sendFiles(agent.client, conversation, [internal.id], { private: true })).type, 'ack');
    assertRefused(await download(relay, conversation, internal.id, customerToken), 404, 'attachment-unknown');
    assert.deepEqual((await download(relay, conversation, internal.id, agentToken)).body, pdf);
    assert.deepEqual((await download(relay, conversation, unsent.id, agentToken)).body, text);
  });

  it('are downloaded with headers that keep them inert: nosniff, a sandbox, inline only for images', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    const token = await fileToken(customer.client, conversation);
    const files = {
      pdf: await uploaded(relay, conversation, token, 'kuitti "maaliskuu" – ä.pdf', pdf),
      text: await uploaded(relay, conversation, token, 'notes.txt', text),
      png: await uploaded(relay, conversation, token, 'kuva (1).png', png),
    };
    assert.equal((await sendFiles(customer.client, conversation, Object.values(files).map((f) => f.id))).type, 'ack');
    const agentToken = await fileToken(agent.client, conversation);
    const get = (file: { id: string }) => download(relay, conversation, file.id, agentToken, { origin: 'https://shop.example' });

    const [pdfAnswer, textAnswer, pngAnswer] = [await get(files.pdf), await get(files.text), await get(files.png)];
    for (const answer of [pdfAnswer, textAnswer, pngAnswer]) {
      assert.equal(answer.headers['x-content-type-options'], 'nosniff');
      assert.equal(answer.headers['content-security-policy'], "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
      assert.equal(answer.headers['cache-control'], 'private, max-age=300');
      assert.equal(answer.headers['access-control-allow-origin'], 'https://shop.example');
      assert.equal(Number(answer.headers['content-length']), answer.body.length);
    }
    assert.equal(pdfAnswer.headers['content-type'], 'application/pdf');
    assert.equal(
      pdfAnswer.headers['content-disposition'],
      `attachment; filename="kuitti _maaliskuu_ _ _.pdf"; filename*=UTF-8''kuitti%20%22maaliskuu%22%20%E2%80%93%20%C3%A4.pdf`,
    );
    assert.equal(textAnswer.headers['content-type'], 'text/plain; charset=utf-8');
    assert.match(textAnswer.headers['content-disposition'] as string, /^attachment; filename="notes.txt"/);
    assert.equal(pngAnswer.headers['content-type'], 'image/png');
    assert.equal(pngAnswer.headers['content-disposition'], `inline; filename="kuva (1).png"; filename*=UTF-8''kuva%20%281%29.png`);

    // Pages elsewhere may call the file routes after a preflight.
    const preflight = await fetch(`${relay.relay.url}/files/${conversation}`, {
      method: 'OPTIONS',
      headers: {
        connection: 'close',
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.equal(preflight.headers.get('access-control-allow-headers'), 'authorization, content-type');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
  });

  it('fill a quota; what does not fit is refused with 507, and removal frees it', async (t) => {
    const relay = await startTestRelay(t, { attachments: { quotaBytes: 3000 }, recentMinutes: 1 });
    const { customer, agent, conversation } = await startConversation(relay);
    const token = await fileToken(customer.client, conversation);
    const first = await uploaded(relay, conversation, token, 'one.txt', Buffer.alloc(2000, 0x61));
    assertRefused(await upload(relay, conversation, token, 'two.txt', Buffer.alloc(2000, 0x62)), 507, 'quota-exceeded');
    assert.equal((await uploaded(relay, conversation, token, 'small.txt', Buffer.alloc(1000, 0x63))).size, 1000);

    // Files are removed with the conversation, recentMinutes after it ended, and their bytes are free again.
    assert.equal((await sendFiles(customer.client, conversation, [first.id])).type, 'ack');
    assert.equal((await agent.client.request({ type: 'end', conversation })).type, 'ack');
    relay.clock.advance(61_000);
    await until(() => !existsSync(join(relay.dataDir, 'files', conversation)), 'the conversation\'s folder is gone', TICK_WAIT_MS);
    assertRefused(await download(relay, conversation, first.id, token), 404, 'attachment-unknown');

    const next = await startConversation(relay, 'Pekka', 'bob');
    const nextToken = await fileToken(next.customer.client, next.conversation);
    assert.equal((await uploaded(relay, next.conversation, nextToken, 'two.txt', Buffer.alloc(2000, 0x62))).size, 2000);
  });

  it('need a valid token for their conversation: missing, forged and expired ones get 401', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, conversation } = await startConversation(relay);
    const token = await fileToken(customer.client, conversation);
    const file = await uploaded(relay, conversation, token, 'a.txt', text);
    const [conversationPart, participant, expiry, mac] = token.split('.') as [string, string, string, string];
    const someoneElse = [conversationPart, Buffer.from('agent:mallory').toString('base64url'), expiry, mac].join('.');
    const longer = [conversationPart, participant, (Number.parseInt(expiry, 36) + 86_400_000).toString(36), mac].join('.');
    // A character in the middle of the MAC: the last one also carries padding bits that decoding ignores.
    const flipped = mac[10] === 'A' ? 'B' : 'A';
    const tampered = [conversationPart, participant, expiry, `${mac.slice(0, 10)}${flipped}${mac.slice(11)}`].join('.');

    for (const bad of [undefined, 'nonsense', tampered, someoneElse, longer]) {
      const answer = await upload(relay, conversation, bad, 'b.txt', text);
      assertRefused(answer, 401, 'token-invalid');
      assert.equal(answer.headers['www-authenticate'], 'Bearer');
    }
    assertRefused(await download(relay, conversation, file.id, 'nonsense'), 401, 'token-invalid');
    relay.clock.advance(61 * 60_000);
    assertRefused(await download(relay, conversation, file.id, token), 401, 'token-invalid');
    assertRefused(await upload(relay, conversation, token, 'b.txt', text), 401, 'token-invalid');
  });

  it('are checked before the body: no name, no Content-Length, an ended conversation', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    const token = await fileToken(customer.client, conversation);
    assertRefused(await upload(relay, conversation, token, undefined, text), 400, 'name-missing');
    assertRefused(await upload(relay, conversation, token, '../\u0000\u202e', text), 400, 'name-missing');
    assertRefused(await upload(relay, conversation, token, 'x'.repeat(201), text), 400, 'name-too-long');
    assert.equal((await uploaded(relay, conversation, token, 'a/b/ok\u202efdp.txt', text)).name, 'okfdp.txt');
    assert.equal((await agent.client.request({ type: 'end', conversation })).type, 'ack');
    assertRefused(await upload(relay, conversation, token, 'late.txt', text), 409, 'conversation-ended');
  });

  it('are refused with 403 when the relay takes none', async (t) => {
    const relay = await startTestRelay(t, { attachments: { enabled: false } });
    const { customer, conversation } = await startConversation(relay);
    const reply = await customer.client.request({ type: 'file-access', conversation });
    assert.equal(reply.type === 'error' && reply.code, 'attachments-off', 'no file tokens from a relay that takes no files');
    const forged = signFileGrant({ conversation, participant: customer.welcome.self.id, expiresAt: relay.clock.read() + 60_000 }, FILE_SECRET);
    assertRefused(await upload(relay, conversation, forged, 'a.txt', text), 403, 'attachments-off');
  });

  it('leave nothing behind when the client goes away mid-upload', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, conversation } = await startConversation(relay);
    const token = await fileToken(customer.client, conversation);
    const uploading = join(relay.dataDir, 'files', '.uploading');
    const req = httpRequest({
      host: '127.0.0.1',
      port: relay.relay.port,
      agent: false,
      method: 'POST',
      path: `/files/${conversation}?name=big.txt`,
      headers: { authorization: `Bearer ${token}`, 'content-length': String(2 * MiB) },
    });
    req.on('error', () => {});
    req.write(Buffer.alloc(256 * 1024, 0x61));
    await until(() => existsSync(uploading) && readdirSyncSafe(uploading).length === 1, 'the upload has started');
    req.destroy();
    await until(() => readdirSyncSafe(uploading).length === 0, 'the half-written file is deleted');
    assert.deepEqual(await storedFiles(relay, conversation), []);
  });
});

function readdirSyncSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

describe('the upload stream', () => {
  /** Drives receiveFile with chunks as uWS would hand them over, counting what reached the disk. */
  function feed(chunks: Buffer[], limits: { maxFileBytes: number; declaredBytes: number }) {
    let onData: (chunk: ArrayBuffer, isLast: boolean) => void = () => {};
    const res = { onData: (handler: typeof onData) => (onData = handler), pause() {}, resume() {} };
    const written: Buffer[] = [];
    const sink: FileUpload = {
      bytes: 0,
      write: (chunk) => void written.push(chunk),
      keep: async () => {},
      discard: async () => {},
    };
    const exchange = { res, open: true } as unknown as HttpExchange;
    const received = receiveFile(exchange, sink, { ...limits, types: ['text/plain'] });
    chunks.forEach((chunk, i) => onData(new Uint8Array(chunk).buffer, i === chunks.length - 1));
    return { received, written };
  }

  it('stops at the first byte past the limit, even when the body is longer than announced', async () => {
    const { received, written } = feed([Buffer.alloc(600, 0x61), Buffer.alloc(400, 0x61), Buffer.alloc(1, 0x61), Buffer.alloc(500, 0x61)], {
      maxFileBytes: 1000,
      declaredBytes: 1000,
    });
    const outcome = await received;
    assert.equal(outcome.ok || outcome.status, 413);
    assert.equal(Buffer.concat(written).length, 1000, 'nothing past the limit was written');
  });

  it('stops when the content turns out to be of a refused type', async () => {
    const chunks = [Buffer.from('plain text so far, '), Buffer.from([0x00, 0x01, 0x02]), Buffer.alloc(100)];
    const { received, written } = feed(chunks, { maxFileBytes: 1000, declaredBytes: 1000 });
    const outcome = await received;
    assert.equal(outcome.ok || outcome.status, 415);
    assert.equal(Buffer.concat(written).toString(), 'plain text so far, ');
  });
});
