import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Resolves a URL path inside one of the mounted folders; nothing outside them is ever read. */
export function readStaticFile(mounts: ReadonlyArray<{ prefix: string; dir: string }>, urlPath: string): StaticFile | undefined {
  const path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  for (const { prefix, dir } of mounts) {
    if (!path.startsWith(prefix)) continue;
    let relative = path.slice(prefix.length);
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
    const file = normalize(join(dir, relative));
    if (!file.startsWith(normalize(dir) + sep)) return undefined;
    try {
      if (!statSync(file).isFile()) continue;
      return { body: readFileSync(file), contentType: contentTypes[extname(file)] ?? 'application/octet-stream' };
    } catch {
      continue;
    }
  }
  return undefined;
}
