import type { CustomerStrings } from '../i18n/translation.js';
import type { ConversationView } from './conversation-store.js';
import { timelineItems } from './timeline.js';

/**
 * The conversation as a readable text file for the customer (W5): time, author and text per
 * line, files by name, join and call lines, and the end. Built from the customer's own stream, which never
 * holds private messages; private ones are skipped here too, should an agent's view be given.
 */
export function transcriptText(conversation: ConversationView, t: CustomerStrings, time: (at: number) => string, date: string, selfId: string): string {
  const lines = [t.transcriptTitle(conversation.agent.name, date), ''];
  for (const item of timelineItems(conversation, t)) {
    if (item.type === 'notice') {
      lines.push(`— ${item.text}`);
      continue;
    }
    if (item.private) continue;
    const author = item.author.id === selfId ? t.you : item.author.name;
    const files = item.attachments?.map((a) => `[${a.name}]`).join(' ') ?? '';
    const text = [item.text, files].filter(Boolean).join(' ');
    lines.push(`[${time(item.at)}] ${author}: ${text.replace(/\n/g, '\n    ')}`);
  }
  if (conversation.ended) lines.push(`[${time(conversation.ended.at)}] — ${t.ended}`);
  return `${lines.join('\n')}\n`;
}
