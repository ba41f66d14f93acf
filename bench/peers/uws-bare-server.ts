/**
 * Child process: the floor. Bare uWebSockets.js that parses each frame's JSON and forwards it to
 * the other side of its conversation (uWS pub/sub: one topic per conversation, the sender
 * excluded). No validation, no state, no history. Peer wire protocol: see peers/README.
 */
import { uws, type us_listen_socket } from '../../relay/transport/native-uws.js';
import { serve } from '../lib/child.js';

const decoder = new TextDecoder();
let listenSocket: us_listen_socket | undefined;

serve(
  () =>
    new Promise((resolve, reject) => {
      const app = uws.App().ws('/*', {
        compression: uws.DISABLED,
        maxPayloadLength: 64 * 1024,
        idleTimeout: 60,
        message(ws, message) {
          const frame = JSON.parse(decoder.decode(message)) as { type: string; conversation: string };
          if (frame.type === 'send') ws.publish(frame.conversation, message, false);
          else if (frame.type === 'join') {
            ws.subscribe(frame.conversation);
            ws.send('{"type":"joined"}');
          }
        },
      });
      app.listen('127.0.0.1', 0, (socket) => {
        if (!socket) return reject(new Error('uWS could not listen'));
        listenSocket = socket;
        resolve({ port: uws.us_socket_local_port(socket) });
      });
    }),
  { stop: () => listenSocket && uws.us_listen_socket_close(listenSocket) },
);
