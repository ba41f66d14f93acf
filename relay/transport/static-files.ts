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

/**
 * A folder served as it is, or an allowlist: each name under `prefix` mapped to one file, and
 * nothing else of the folder the files live in.
 */
export type StaticMount = { prefix: string; dir: string } | { prefix: string; files: Readonly<Record<string, string>> };

/** Resolves a URL path inside one of the mounted folders or allowlists; nothing outside them is ever read. */
export function readStaticFile(mounts: ReadonlyArray<StaticMount>, urlPath: string): StaticFile | undefined {
  const path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  for (const mount of mounts) {
    if (!path.startsWith(mount.prefix)) continue;
    const relative = path.slice(mount.prefix.length);
    const file = 'files' in mount ? (Object.hasOwn(mount.files, relative) ? mount.files[relative] : undefined) : inFolder(mount.dir, relative);
    if (file === null) return undefined;
    if (file === undefined) continue;
    try {
      if (!statSync(file).isFile()) continue;
      return { body: readFileSync(file), contentType: contentTypes[extname(file)] ?? 'application/octet-stream' };
    } catch {
      continue;
    }
  }
  return undefined;
}

/** The file a path names inside a folder (a folder's index.html for the folder); null when the path would leave it. */
function inFolder(dir: string, relative: string): string | null {
  const file = normalize(join(dir, relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative));
  return file.startsWith(normalize(dir) + sep) ? file : null;
}
