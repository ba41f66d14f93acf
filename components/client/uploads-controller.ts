import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Attachment } from '../../protocol/common.js';
import type { FileRefusal } from '../i18n/translation.js';
import type { ClientError } from './client-error.js';
import type { UploadHandle } from './file-access.js';
import type { TiskiClient } from './tiski-client.js';

/** A file on its way into the next message: uploading, uploaded, or refused with the reason. */
export interface PendingUpload {
  key: string;
  conversation: string;
  name: string;
  size: number;
  /** 0 to 1 while uploading. */
  progress: number;
  attachment?: Attachment;
  refused?: { reason: FileRefusal; detail: string };
}

const refusalOf: Partial<Record<ClientError['code'], FileRefusal>> = {
  'file-too-large': 'too-large',
  'file-type-refused': 'type',
  'quota-exceeded': 'quota',
};

let keys = 0;

/**
 * The files attached to the message being written, per conversation (C7): checks what the
 * browser can check at once (count, size), uploads the rest with progress, and keeps each
 * refusal beside its file until the person removes it.
 */
export class UploadsController implements ReactiveController {
  #uploads: PendingUpload[] = [];
  readonly #handles = new Map<string, UploadHandle>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => TiskiClient | undefined,
    private readonly fileSize: (bytes: number) => string,
  ) {
    host.addController(this);
  }

  hostConnected() {}

  hostDisconnected() {
    for (const handle of this.#handles.values()) handle.abort();
  }

  of(conversation: string): PendingUpload[] {
    return this.#uploads.filter((u) => u.conversation === conversation);
  }

  /** Whether the message can go: nothing still uploading. */
  busy(conversation: string): boolean {
    return this.of(conversation).some((u) => !u.attachment && !u.refused);
  }

  ready(conversation: string): Attachment[] {
    return this.of(conversation).flatMap((u) => (u.attachment ? [u.attachment] : []));
  }

  add(conversation: string, files: readonly File[]): void {
    const client = this.client();
    const limits = client?.fileLimits;
    if (!client || !limits) return;
    let room = limits.perMessage - this.of(conversation).filter((u) => !u.refused).length;
    for (const file of files) {
      const upload: PendingUpload = { key: `upload-${++keys}`, conversation, name: file.name || 'file', size: file.size, progress: 0 };
      this.#uploads = [...this.#uploads, upload];
      if (room <= 0) upload.refused = { reason: 'too-many', detail: String(limits.perMessage) };
      else if (file.size > limits.maxFileBytes) upload.refused = { reason: 'too-large', detail: this.fileSize(limits.maxFileBytes) };
      else {
        room--;
        this.#start(client, upload, file);
      }
    }
    this.host.requestUpdate();
  }

  remove(key: string): void {
    this.#handles.get(key)?.abort();
    this.#handles.delete(key);
    this.#uploads = this.#uploads.filter((u) => u.key !== key);
    this.host.requestUpdate();
  }

  /** The message went: its files and the refusals beside them are done with. */
  clear(conversation: string): void {
    this.#uploads = this.#uploads.filter((u) => u.conversation !== conversation);
    this.host.requestUpdate();
  }

  #start(client: TiskiClient, upload: PendingUpload, file: File) {
    const handle = client.files.upload(upload.conversation, file, (fraction) => this.#update(upload.key, { progress: fraction }));
    this.#handles.set(upload.key, handle);
    handle.done.then(
      (attachment) => this.#update(upload.key, { attachment, progress: 1 }),
      (error: ClientError) => {
        if (error.code === 'upload-aborted') return;
        const reason = refusalOf[error.code] ?? 'failed';
        const detail = reason === 'too-large' ? this.fileSize(client.fileLimits?.maxFileBytes ?? 0) : error.message;
        this.#update(upload.key, { refused: { reason, detail } });
      },
    ).finally(() => this.#handles.delete(upload.key));
  }

  #update(key: string, change: Partial<PendingUpload>) {
    this.#uploads = this.#uploads.map((u) => (u.key === key ? { ...u, ...change } : u));
    this.host.requestUpdate();
  }
}
