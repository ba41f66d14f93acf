/** Defines `<chat-call>`; the widget loads this when a call begins. */
import { ChatCall } from './chat-call.js';

ChatCall.define('chat-call');
