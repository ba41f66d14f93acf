import WebSocket from 'ws';

/** A `ws` client socket, open. Rejects after 20 s. */
export function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`connecting to ${url} took over 20 s`));
    }, 20_000);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve(ws);
    });
    ws.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Drops every socket at once (the benchmark is done with them; no close handshake to wait for). */
export function closeSockets(sockets: Iterable<WebSocket>): Promise<void> {
  for (const ws of sockets) ws.terminate();
  return Promise.resolve();
}
