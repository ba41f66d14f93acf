/** The customer widget, defined under its tag: the one file a website loads. */
import { ChatComposer } from './chat-composer/chat-composer.js';
import { ChatMessageList } from './chat-message-list/chat-message-list.js';
import { ChatWidget } from './chat-widget/chat-widget.js';

ChatWidget.define('chat-widget');
ChatMessageList.define('chat-message-list');
ChatComposer.define('chat-composer');

export { ChatWidget };
export { registerTranslation } from './i18n/localize.js';
export type { Translation } from './i18n/translation.js';
