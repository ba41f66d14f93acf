// The widget bundle behind a one-line module: a module graph is fetched and compiled whole, then
// evaluated in import order, so eval-mark.js runs right before dist/chat-widget.js is evaluated.
import './eval-mark.js';
import '/dist/chat-widget.js';
