// @ts-check
/**
 * Bundles every runtime of ActViz from one file:
 * the extension host (node/cjs), the plot webview (browser/iife), the notebook renderer (browser/esm) and the CLI (node).
 * `--production` minifies without source maps; `--watch` rebuilds and prints what the `$esbuild-watch` matcher reads.
 */
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').Plugin} */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd(({ errors }) => {
      for (const { text, location } of errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  logOverride: { 'import-is-undefined': 'error' },
  legalComments: 'none',
  // Error classes are told apart by name (ExpressionError subclasses) in the host and in messages: keep class names when minifying.
  keepNames: true,
  plugins: [problemMatcher],
};

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    ...common, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js',
    platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'],
  },
  {
    ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js',
    platform: 'browser', format: 'iife', target: 'es2022',
  },
  {
    ...common, entryPoints: ['src/renderer/main.ts'], outfile: 'dist/renderer.js',
    platform: 'browser', format: 'esm', target: 'es2022',
  },
  {
    ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js',
    platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' },
  },
];

async function main() {
  const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  const results = await Promise.allSettled(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (results.some((r) => r.status === 'rejected')) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
