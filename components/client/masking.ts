import type { MessageEvent } from '../../protocol/events.js';
import { maskPii } from '../pii/index.js';

const maskedTexts = new WeakMap<MessageEvent, string>();

/** A customer's message as a masking agent sees it; each message is masked once. */
export function maskedMessage(message: MessageEvent): MessageEvent {
  if (message.author.role !== 'customer') return message;
  let text = maskedTexts.get(message);
  if (text === undefined) maskedTexts.set(message, (text = maskPii(message.text)));
  return text === message.text ? message : { ...message, text };
}

/** A customer's name, masked where it is a phone number or an email address (P1). */
export function maskedName(name: string): string {
  return maskPii(name, { kinds: ['phone', 'email'] });
}

/** Any customer text, masked (P1). */
export const maskedText = (text: string): string => maskPii(text);
