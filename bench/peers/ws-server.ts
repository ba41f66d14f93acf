/**
 * Child process: a plain `ws` server that parses each frame's JSON and forwards the frame to the
 * other sockets of its conversation. Peer wire protocol: see peers/README.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import { serve } from '../lib/child.js';

let server: WebSocketServer | undefined;

serve(
  () =>
    new Promise((resolve) => {
      const conversations = new Map<string, Set<WebSocket>>();
      server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: 64 * 1024 });
      server.on('connection', (ws) => {
        const joined: string[] = [];
        ws.on('message', (data: Buffer) => {
          const frame = JSON.parse(data.toString()) as { type: string; conversation: string };
          if (frame.type === 'send') {
            for (const peer of conversations.get(frame.conversation) ?? []) if (peer !== ws) peer.send(data, { binary: false });
          } else if (frame.type === 'join') {
            let members = conversations.get(frame.conversation);
            if (!members) conversations.set(frame.conversation, (members = new Set()));
            members.add(ws);
            joined.push(frame.conversation);
            ws.send('{"type":"joined"}');
          }
        });
        ws.on('close', () => {
          for (const id of joined) conversations.get(id)?.delete(ws);
        });
      });
      server.on('listening', () => resolve({ port: (server!.address() as { port: number }).port }));
    }),
  { stop: () => server?.close() },
);
