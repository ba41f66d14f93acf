/** A static file server on 127.0.0.1 for the browser benchmarks: /dist/… from the build, /pages/… from here. */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const mounts: Record<string, string> = {
  '/dist/': fileURLToPath(new URL('../../dist/', import.meta.url)),
  '/pages/': fileURLToPath(new URL('./pages/', import.meta.url)),
};
const types: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html; charset=utf-8', '.map': 'application/json', '.css': 'text/css' };

export async function startStaticServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const prefix = Object.keys(mounts).find((p) => path.startsWith(p));
    const relative = prefix ? normalize(path.slice(prefix.length)) : '';
    if (!prefix || relative.startsWith('..')) return res.writeHead(404).end();
    try {
      const body = await readFile(join(mounts[prefix]!, relative));
      res.writeHead(200, { 'content-type': types[extname(relative)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
