/** The conversation view, loaded when the window first opens: the launcher does not wait for it. */
import '../i18n/customer-strings.js';
import { ChatComposer } from '../chat-composer/chat-composer.js';
import { ChatMessageList } from '../chat-message-list/chat-message-list.js';

ChatMessageList.define('chat-message-list');
ChatComposer.define('chat-composer');

export { renderEndView } from './end-view.js';
export { transcriptText } from '../client/transcript-text.js';
export { renderOfflineForm } from './offline-form.js';
export { renderQueueChoice, renderStartForm } from './start-form.js';
export { UploadsController } from '../client/uploads-controller.js';
