/**
 * Child process: a Socket.IO server (default `ws` engine, WebSocket transport only) with one room
 * per conversation: `join` puts the socket in the room, `send` emits the message to the room's
 * other sockets.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { serve } from '../lib/child.js';

let io: Server | undefined;

serve(
  () =>
    new Promise((resolve) => {
      const http = createServer();
      io = new Server(http, { transports: ['websocket'], perMessageDeflate: false, serveClient: false, maxHttpBufferSize: 64 * 1024 });
      io.on('connection', (socket) => {
        socket.on('join', (conversation: string, ack?: () => void) => {
          void socket.join(conversation);
          ack?.();
        });
        socket.on('send', (message: { conversation: string }) => {
          socket.to(message.conversation).emit('message', message);
        });
      });
      http.listen(0, '127.0.0.1', () => resolve({ port: (http.address() as { port: number }).port }));
    }),
  { stop: () => io?.close() },
);
