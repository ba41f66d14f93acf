/** The person chose files to attach (C7); the element holding the conversation uploads them. */
export class ChatFilesSelectEvent extends Event {
  constructor(readonly detail: { files: File[] }) {
    super('chat-files-select', { bubbles: true, composed: true });
  }
}

/** The person removed an attached file before sending; an upload under way stops. */
export class ChatFileRemoveEvent extends Event {
  constructor(readonly detail: { key: string }) {
    super('chat-file-remove', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-files-select': ChatFilesSelectEvent;
    'chat-file-remove': ChatFileRemoveEvent;
  }
}
