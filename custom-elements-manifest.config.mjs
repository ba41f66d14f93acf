/** Generates custom-elements.json from the elements' JSDoc: `npm run manifest`. */
export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts', 'components/pii/**'],
  litelement: true,
  // package.json names the manifest itself; a check that writes elsewhere must not rewrite it.
  packagejson: false,
  plugins: [
    {
      // The analyzer reads files concurrently, so modules come out in varying order; sorted, the
      // manifest is the same on every run and the freshness check in `npm test` is stable.
      name: 'tiski-stable-order',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
    {
      // Events are documented with @event; the analyzer also lists each dispatchEvent call
      // without a name, which says nothing to a reader.
      name: 'tiski-named-events-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          }
        }
      },
    },
  ],
};
