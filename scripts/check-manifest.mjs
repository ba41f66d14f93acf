// Fails when custom-elements.json no longer matches what the analyzer makes from the sources.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// The analyzer resolves --outdir against the working directory.
const dir = 'node_modules/.cache/tiski-manifest-check';
try {
  execFileSync('npx', ['cem', 'analyze', '--outdir', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const fresh = readFileSync(join(dir, 'custom-elements.json'), 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (fresh !== committed) {
    console.error('custom-elements.json is stale: run `npm run manifest` and commit the result.');
    process.exit(1);
  }
  console.log('custom-elements.json is up to date.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
