import type { EndReason, Person } from '../../protocol/events.js';
import type { CustomerStrings } from './translation.js';

/** The line shown under the messages once a conversation ended, worded for the side reading it. */
export function endNotice(t: CustomerStrings, ended: { reason: EndReason; by?: Person }, reader: 'agent' | 'customer'): string {
  switch (ended.reason) {
    case 'customer-gone':
      return reader === 'agent' ? t.customerGone : t.ended;
    case 'customer-ended':
      return reader === 'agent' ? t.endedByCustomer : t.ended;
    case 'released':
      return reader === 'agent' ? t.youReleased : t.ended;
    case 'queue-deleted':
    case 'agent-removed':
    case 'call-failed':
      return t.endWarning[ended.reason];
    default:
      return reader === 'customer' && ended.by ? t.endedByAgent(ended.by.name) : t.ended;
  }
}
