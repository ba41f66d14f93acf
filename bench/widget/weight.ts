/**
 * Widget weight: bytes a page downloads before the chat shows, minified as shipped and after
 * gzip -9 (zlib level 9, each file on its own as a server would send it). Tiski's bundles are
 * measured with their static imports followed; other widgets from their published packages,
 * installed in bench/widget/peers (npm install --ignore-scripts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../..', import.meta.url));
const peers = fileURLToPath(new URL('./peers/node_modules/', import.meta.url));

export interface Weight {
  name: string;
  files: string[];
  minBytes: number;
  gzipBytes: number;
  note: string;
}

const gzipSize = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** An ES module and every module it imports statically, relative imports only. */
function withStaticImports(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)) visit(resolve(dirname(file), match[1]!));
  };
  visit(entry);
  return [...seen];
}

function weigh(name: string, files: string[], note: string, base: string): Weight {
  return {
    name,
    files: files.map((f) => f.slice(base.length)),
    minBytes: files.reduce((n, f) => n + statSync(f).size, 0),
    gzipBytes: files.reduce((n, f) => n + gzipSize(f), 0),
    note,
  };
}

const versionOf = (pkg: string) => (JSON.parse(readFileSync(join(peers, pkg, 'package.json'), 'utf8')) as { version: string }).version;

export function widgetWeights(): { weights: Weight[]; missing: string[] } {
  const weights: Weight[] = [];
  const missing: string[] = [];
  const built = statSync(join(root, 'dist/chat-widget.js')).mtime.toISOString();
  for (const bundle of ['chat-widget', 'agent']) {
    const files = withStaticImports(join(root, `dist/${bundle}.js`));
    weights.push(weigh(`Tiski dist/${bundle}.js`, files, `${files.length === 1 ? 'one file, no static imports' : `${files.length} files`}; built ${built}`, root));
  }

  const livechat = join(peers, '@rocket.chat/livechat/build/');
  if (existsSync(livechat)) {
    const version = versionOf('@rocket.chat/livechat');
    const loader = join(livechat, 'rocketchat-livechat.min.js');
    weights.push(weigh(`@rocket.chat/livechat ${version}: host-page loader`, [loader], 'the script the website embeds; it opens an iframe', livechat));
    const html = join(livechat, 'index.html');
    const scripts = [...readFileSync(html, 'utf8').matchAll(/<script src="livechat\/([^"]+)"/g)].map((m) => join(livechat, m[1]!));
    weights.push(weigh(`@rocket.chat/livechat ${version}: loader + iframe page`, [loader, html, ...scripts], 'loader, the iframe\'s index.html and its four scripts, all fetched at page load', livechat));
  } else missing.push('@rocket.chat/livechat (run `npm install --ignore-scripts` in bench/widget/peers)');

  const deepChat = join(peers, 'deep-chat/dist/deepChat.bundle.js');
  if (existsSync(deepChat)) {
    weights.push(weigh(`deep-chat ${versionOf('deep-chat')}: deepChat.bundle.js`, [deepChat], 'the self-contained browser bundle (one file)', join(peers, 'deep-chat/')));
  } else missing.push('deep-chat (run `npm install --ignore-scripts` in bench/widget/peers)');
  return { weights, missing };
}
