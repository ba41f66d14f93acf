import { nanoid } from 'nanoid';
import { limits } from '../../protocol/index.js';
import { readFileGrant, type FileGrant } from '../auth/file-access.js';
import { inlineImageTypes, type AttachmentsConfig } from '../config.js';
import type { FileCheck } from '../domain/files.js';
import { after, type DomainPort } from '../port/domain-port.js';
import { cleanFileName, contentDisposition } from '../files/file-names.js';
import { isSafeId, type FileStore } from '../files/file-store.js';
import { describeBytes, receiveFile, tooLarge, type Received } from './file-upload.js';
import { HttpExchange, type Headers } from './http-exchange.js';
import { streamAnswer } from './http-stream.js';
import type { TemplatedApp } from './native-uws.js';

export interface FileRoutesOptions {
  domain: DomainPort;
  files: FileStore;
  /** Signs and checks file tokens (relay-services.ts). */
  fileSecret: string;
  attachments: AttachmentsConfig;
  clock: () => number;
}

/** A stored file is shown as what it is and nothing more: never sniffed, never run as a page. */
const downloadHeaders: Headers = [
  ['x-content-type-options', 'nosniff'],
  ['content-security-policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"],
  ['cache-control', 'private, max-age=300'],
];
const inline: ReadonlySet<string> = new Set(inlineImageTypes);
const unauthorized: Headers = [['www-authenticate', 'Bearer']];
const tokenInvalid = 'The file token is missing, expired or for another conversation; ask for a new one with file-access.';

/**
 * Attachments over HTTP (C7): `POST /files/<conversation>?name=…` with the raw file as the body
 * and `Authorization: Bearer <file token>`; `GET /files/<conversation>/<file>?access=<file token>`.
 */
export function mountFileRoutes(app: TemplatedApp, options: FileRoutesOptions): void {
  const { domain, files, attachments, clock } = options;
  const grantFor = (token: string | undefined, conversation: string): FileGrant | undefined => {
    const grant = token ? readFileGrant(token, options.fileSecret, clock()) : undefined;
    return grant?.conversation === conversation && isSafeId(conversation) ? grant : undefined;
  };

  app.options('/files/*', (res, req) => {
    const exchange = new HttpExchange(res, corsHeaders(req.getHeader('origin')));
    res.cork(() => {
      exchange.writeHead(204, [
        ['access-control-allow-methods', 'GET, POST'],
        ['access-control-allow-headers', 'authorization, content-type'],
        ['access-control-max-age', '600'],
      ]);
      res.endWithoutBody();
    });
    exchange.markAnswered();
  });

  app.post('/files/:conversation', (res, req) => {
    const conversation = req.getParameter(0) ?? '';
    const rawName = new URLSearchParams(req.getQuery() ?? '').get('name') ?? '';
    const token = bearer(req.getHeader('authorization'));
    const length = req.getHeader('content-length');
    const exchange = new HttpExchange(res, corsHeaders(req.getHeader('origin')));
    // The body is still arriving: close after refusing, so a client still sending does not hang.
    const refuse = (status: number, code: string, message: string, headers?: Headers) =>
      exchange.json(status, { error: code, message }, { close: true, ...(headers ? { headers } : {}) });

    const grant = grantFor(token, conversation);
    if (!grant) return refuse(401, 'token-invalid', tokenInvalid, unauthorized);
    const refuseUpload = (check: Extract<FileCheck, { ok: false }>) => refuse(check.status, check.code, sentence(check.message));
    // Checked before the first byte is read; in the shared mode the leader answers while the body arrives.
    const allowed = domain.mayUpload(grant.participant, conversation);
    if (!(allowed instanceof Promise) && !allowed.ok) return refuseUpload(allowed);
    const name = cleanFileName(rawName);
    if (!name) return refuse(400, 'name-missing', 'Give the file a name with ?name=.');
    if (name.length > limits.fileNameLength) return refuse(400, 'name-too-long', `A file name is at most ${limits.fileNameLength} characters.`);
    if (!/^\d{1,16}$/.test(length)) return refuse(411, 'length-required', 'Send the file with a Content-Length header.');
    const declaredBytes = Number(length);
    if (declaredBytes === 0) return refuse(400, 'file-empty', 'The file is empty.');
    if (declaredBytes > attachments.maxFileBytes) {
      const refusal = tooLarge(attachments.maxFileBytes);
      return refuse(refusal.status, refusal.code, refusal.message);
    }
    const upload = files.startUpload(declaredBytes);
    if (!upload) return refuse(507, 'quota-exceeded', `The relay has no room for ${describeBytes(declaredBytes)} more now; try again later.`);
    const discard = () => upload.discard().catch(logFailure);
    exchange.onAbort(() => void discard());
    if (allowed instanceof Promise) {
      after(allowed, (check) => {
        if (check.ok || !exchange.open) return;
        refuseUpload(check);
        void discard();
      });
    }

    const keep = async (received: Received & { ok: true }): Promise<void> => {
      const fileId = nanoid();
      const stillAllowed = await domain.mayUpload(grant.participant, conversation);
      if (!stillAllowed.ok || !exchange.open) {
        if (!stillAllowed.ok) exchange.json(stillAllowed.status, { error: stillAllowed.code, message: sentence(stillAllowed.message) });
        return discard();
      }
      await upload.keep(conversation, fileId);
      const file = { id: fileId, name, type: received.type, size: received.size };
      const stored = exchange.open ? await domain.fileStored(grant.participant, conversation, file) : undefined;
      if (stored?.ok) return exchange.json(201, stored.file);
      if (stored) exchange.json(stored.status, { error: stored.code, message: sentence(stored.message) });
      await files.removeFile(conversation, fileId);
    };
    receiveFile(exchange, upload, { maxFileBytes: attachments.maxFileBytes, declaredBytes, types: attachments.types })
      .then((received) => {
        if (received.ok) return keep(received);
        refuse(received.status, received.code, received.message);
        return discard();
      })
      .catch((error: unknown) => {
        failed(exchange, error, 'upload');
        return discard();
      });
  });

  app.get('/files/:conversation/:file', (res, req) => {
    const conversation = req.getParameter(0) ?? '';
    const fileId = req.getParameter(1) ?? '';
    const token = new URLSearchParams(req.getQuery() ?? '').get('access') ?? bearer(req.getHeader('authorization'));
    const exchange = new HttpExchange(res, corsHeaders(req.getHeader('origin')));

    const grant = grantFor(token, conversation);
    if (!grant) return exchange.json(401, { error: 'token-invalid', message: tokenInvalid }, { headers: unauthorized });
    after(domain.fileFor(grant.participant, conversation, fileId), (found) => {
      if (!found.ok) return exchange.json(found.status, { error: found.code, message: sentence(found.message) });
      if (!exchange.open) return;
      const { file } = found;
      const headers: Headers = [
        ['content-type', file.type === 'text/plain' ? 'text/plain; charset=utf-8' : file.type],
        ['content-disposition', contentDisposition(inline.has(file.type) ? 'inline' : 'attachment', file.name)],
        ...downloadHeaders,
      ];
      files
        .openFile(conversation, fileId)
        .then((opened) => {
          if (!opened) return exchange.json(404, { error: 'attachment-unknown', message: 'There is no such file.' });
          if (!exchange.open) return void opened.stream.destroy();
          streamAnswer(exchange, 200, headers, opened.stream, opened.size);
        })
        .catch((error: unknown) => failed(exchange, error, 'download'));
    });
  });
}

function failed(exchange: HttpExchange, error: unknown, doing: 'upload' | 'download'): void {
  logFailure(error);
  const message = `The relay could not ${doing === 'upload' ? 'store' : 'read'} the file; try again later.`;
  exchange.json(500, { error: `${doing}-failed`, message }, { close: true });
}

function logFailure(error: unknown): void {
  console.error(`tiski relay: a file request failed: ${error instanceof Error ? error.message : String(error)}`);
}

function bearer(header: string): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1];
}

/**
 * Any page may call these routes: the file token is the credential (no cookies are involved), and
 * only the WebSocket hands tokens out — to customers on allowed origins, and to agents' desks,
 * which live on the integrator's CRM wherever that is.
 */
function corsHeaders(origin: string): Headers {
  const vary: [string, string] = ['vary', 'origin'];
  return origin ? [['access-control-allow-origin', origin], ['access-control-expose-headers', 'content-disposition'], vary] : [vary];
}

/** The domain's messages are phrases; HTTP answers carry sentences. */
function sentence(phrase: string): string {
  const text = phrase.charAt(0).toUpperCase() + phrase.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
