import type { Attachment } from '../../protocol/common.js';
import type { CommandInput } from '../../protocol/commands.js';
import type { ServerEvent } from '../../protocol/events.js';
import { ClientError, type UploadErrorCode } from './client-error.js';

/** An upload under way: its progress from 0 to 1, and how to stop it. */
export interface UploadHandle {
  done: Promise<Attachment>;
  abort(): void;
}

/** The relay's HTTP origin for files, from its WebSocket URL. */
export function filesBase(wsUrl: string): string {
  const url = new URL(wsUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return `${url.origin}/files`;
}

/** A token is asked for again when it has less than this left. */
const renewMs = 5 * 60 * 1000;

/**
 * File tokens per conversation (C7), asked of the relay over the connection, and the uploads and
 * download URLs made with them.
 */
export class FileAccess {
  readonly #grants = new Map<string, ServerEvent<'file-access'>>();
  readonly #waiting = new Map<string, Array<(grant: ServerEvent<'file-access'>) => void>>();
  readonly #asking = new Set<string>();

  constructor(
    private readonly base: string,
    private readonly send: (input: CommandInput) => Promise<unknown>,
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {}

  /** The relay granted a token. */
  granted(grant: ServerEvent<'file-access'>): void {
    this.#grants.set(grant.conversation, grant);
    this.#asking.delete(grant.conversation);
    for (const resolve of this.#waiting.get(grant.conversation) ?? []) resolve(grant);
    this.#waiting.delete(grant.conversation);
  }

  /** A download URL, or undefined while the token is being asked for (a change follows). */
  url(conversation: string, file: Attachment): string | undefined {
    const grant = this.#fresh(conversation);
    if (!grant) {
      void this.token(conversation).then(this.changed, () => {});
      return undefined;
    }
    return `${this.base}/${encodeURIComponent(conversation)}/${encodeURIComponent(file.id)}?access=${encodeURIComponent(grant.token)}`;
  }

  token(conversation: string): Promise<string> {
    const grant = this.#fresh(conversation);
    if (grant) return Promise.resolve(grant.token);
    return new Promise((resolve, reject) => {
      const list = this.#waiting.get(conversation) ?? [];
      list.push((g) => resolve(g.token));
      this.#waiting.set(conversation, list);
      if (this.#asking.has(conversation)) return;
      this.#asking.add(conversation);
      this.send({ type: 'file-access', conversation }).catch((error: Error) => {
        this.#asking.delete(conversation);
        this.#waiting.delete(conversation);
        reject(error);
      });
    });
  }

  /** Uploads one file with progress; resolves with the relay's record of it, or rejects with its refusal. */
  upload(conversation: string, file: File, progress: (fraction: number) => void): UploadHandle {
    const xhr = new XMLHttpRequest();
    const done = this.token(conversation).then(
      (token) =>
        new Promise<Attachment>((resolve, reject) => {
          xhr.open('POST', `${this.base}/${encodeURIComponent(conversation)}?name=${encodeURIComponent(file.name || 'file')}`);
          xhr.setRequestHeader('authorization', `Bearer ${token}`);
          xhr.upload.addEventListener('progress', (e) => e.lengthComputable && progress(e.loaded / e.total));
          xhr.addEventListener('load', () => {
            const body = parse(xhr.responseText);
            if (xhr.status === 201 && body && typeof body.id === 'string') resolve(body as unknown as Attachment);
            else reject(new ClientError((body?.error ?? 'upload-failed') as UploadErrorCode, String(body?.message ?? `the upload failed (${xhr.status})`)));
          });
          xhr.addEventListener('error', () => reject(new ClientError('upload-failed', 'the upload was interrupted')));
          xhr.addEventListener('abort', () => reject(new ClientError('upload-aborted', 'the upload was cancelled')));
          xhr.send(file);
        }),
    );
    return { done, abort: () => xhr.abort() };
  }

  #fresh(conversation: string) {
    const grant = this.#grants.get(conversation);
    return grant && grant.expiresAt - this.now() > renewMs ? grant : undefined;
  }
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
