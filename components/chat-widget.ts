/** The customer widget, defined under its tag: the one file a website loads (it fetches the conversation view itself when opened). */
import { ChatWidget } from './chat-widget/chat-widget.js';

ChatWidget.define('chat-widget');

export { ChatWidget };
export { registerTranslation } from './i18n/localize.js';
export type { Translation } from './i18n/translation.js';
