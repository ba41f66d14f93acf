import { createRequire } from 'node:module';
import type * as Uws from 'uWebSockets.js';

/**
 * The uWS package falls back to a slow pure-JS server when its native binary does not load
 * on this Node build. That fallback is not the product: refuse to run on it.
 */
function loadNativeUws(): typeof Uws {
  const require = createRequire(import.meta.url);
  const uws = require('uWebSockets.js') as typeof Uws;
  const native = Function.prototype.toString.call(uws.App).includes('[native code]');
  if (!native) {
    throw new Error(
      'uWebSockets.js loaded its pure-JS fallback instead of the native binding ' +
        `(Node ${process.version}, ABI ${process.versions.modules}, ${process.platform}-${process.arch}). ` +
        'Use a Node version the installed binary supports (Node 20 on Linux x64), and unset UWS_USE_FALLBACK.',
    );
  }
  return uws;
}

export const uws = loadNativeUws();
export type { HttpRequest, HttpResponse, TemplatedApp, WebSocket, us_listen_socket } from 'uWebSockets.js';
