import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';

export interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: { event: string; at: number; data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  receivedAt: number;
}

/** What the receiver answers to the n-th delivery (0-based): a status, or nothing at all. */
export type Answer = (n: number) => number | 'hang';

/** An HTTP receiver on 127.0.0.1 recording every delivery; closed with the test. */
export async function receiver(t: TestContext, answer: Answer = () => 200) {
  const deliveries: Delivery[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const n = deliveries.length;
      deliveries.push({ path: req.url ?? '', headers: req.headers, body, json: JSON.parse(body), receivedAt: Date.now() });
      const status = answer(n);
      if (status === 'hang') {
        hanging.push(res);
        return;
      }
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url, deliveries, hanging };
}
