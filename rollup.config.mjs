import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { execFileSync } from 'node:child_process';

/**
 * Minified ES modules with source maps. Each entry is built on its own so that it stands
 * alone: a website loads dist/chat-widget.js and nothing else.
 */
const bundle = (name, input, output = { file: `dist/${name}.js` }, after = []) => ({
  input,
  // Lets the entry hold the code it shares with its lazy chunks, instead of becoming a facade that imports it.
  preserveEntrySignatures: 'allow-extension',
  output: { format: 'es', sourcemap: true, ...output },
  plugins: [
    nodeResolve({ browser: true }),
    typescript({
      tsconfig: './tsconfig.json',
      noEmit: false,
      declaration: false,
      sourceMap: true,
      outDir: 'dist',
      include: ['components/**/*.ts', 'protocol/**/*.ts'],
    }),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
    ...after,
  ],
});

/**
 * Declarations for TypeScript users in dist/types (package.json's `exports` name them), then
 * test/types/embedding.ts checked against them the way an application imports the package.
 * Types only: nothing of this reaches the bundles.
 */
const declarations = () => ({
  name: 'tiski-declarations',
  writeBundle() {
    for (const project of ['tsconfig.types.json', 'test/types/tsconfig.json']) {
      try {
        execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { stdio: ['ignore', 'inherit', 'inherit'] });
      } catch {
        this.error(`tsc -p ${project} failed`);
      }
    }
  },
});

export default [
  // The widget's conversation view is a chunk of its own, fetched when the window first opens.
  bundle('chat-widget', 'components/chat-widget.ts', { dir: 'dist', entryFileNames: 'chat-widget.js', chunkFileNames: 'chat-widget-[name]-[hash].js' }),
  bundle('agent', 'components/agent.ts'),
  // The masking module alone, for integrators' servers too: no DOM, no dependencies. Built last, it ends with the declarations.
  bundle('pii', 'components/pii/index.ts', undefined, [declarations()]),
];
