import type { MessageEvent } from '../../protocol/events.js';
import type { MessageListItem } from '../chat-message-list/chat-message-list.js';
import type { CustomerStrings } from '../i18n/translation.js';
import type { ConversationView } from './conversation-store.js';

/** A conversation's messages, join/leave lines, the video call's turns and returns after the end, as a message list shows them. */
export function timelineItems(
  conversation: ConversationView,
  t: CustomerStrings,
  message: (m: MessageEvent) => MessageEvent = (m) => m,
): MessageListItem[] {
  return conversation.timeline.map((event) => {
    if (event.type === 'message') return message(event);
    const text =
      event.type === 'agent-joined'
        ? t.agentJoined(event.agent.name)
        : event.type === 'agent-left'
          ? t.agentLeft(event.agent.name, event.reason)
          : event.type === 'conversation-reopened'
            ? t.reopened(event.agent.name)
            : t.callNotice(event.state, event.reason ?? '');
    return { type: 'notice', seq: event.seq, text };
  });
}
