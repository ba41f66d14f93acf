import type { ConversationCustomerInfo, Person } from '../../protocol/events.js';
import type { QueueId } from '../../protocol/common.js';

/**
 * A conversation came into view: the host CRM may look the customer up and show its record in
 * the `customer-record` slot. `info.verified` holds only attributes the relay verified (W6).
 */
export class ChatCustomerOpenEvent extends Event {
  constructor(readonly detail: { conversation: string; queue: QueueId; customer: Person; info?: ConversationCustomerInfo }) {
    super('chat-customer-open', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-customer-open': ChatCustomerOpenEvent;
  }
}
