import type { EndReason, Person } from '../../protocol/events.js';
import type { Translation } from './translation.js';

/** The line shown under the messages once a conversation ended, worded for the side reading it. */
export function endNotice(t: Translation, ended: { reason: EndReason; by?: Person }, reader: 'agent' | 'customer'): string {
  if (ended.reason === 'customer-gone') return reader === 'agent' ? t.customerGone : t.ended;
  if (ended.reason === 'customer-ended') return reader === 'agent' ? t.endedByCustomer : t.ended;
  return reader === 'customer' && ended.by ? t.endedByAgent(ended.by.name) : t.ended;
}
