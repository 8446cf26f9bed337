/**
 * The boundaries between Hearth's parts, checked by `npm run boundaries` (and so by
 * `npm test` and CI). See "Working on Hearth" in the README.
 *
 * - A context (libs/<name>) is used from outside only through its entries: src/index.ts,
 *   and for tests src/testing.ts (platform: src/testing/index.ts). A context that must be
 *   usable without Nest (the benchmark's bare reference servers run Hearth's own SQL and
 *   rules) adds src/bare.ts, which imports nothing of Nest.
 * - An app (apps/<name>) is used from outside only through its src/index.ts; libraries
 *   never use an app.
 * - Contexts depend on each other without circles (tools/check-boundaries.mjs, which runs
 *   this configuration, checks that on the graph of contexts, not only of files).
 */
const CONTEXT_ENTRY = '^libs/[^/]+/src/(index|testing|bare)\\.ts$|^libs/platform/src/testing/index\\.ts$';
const APP_ENTRY = '^apps/[^/]+/src/index\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'into-another-context',
      comment: 'A context uses another only through @hearth/<context> (its src/index.ts, testing.ts or bare.ts).',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: [`^libs/$1/`, CONTEXT_ENTRY] },
    },
    {
      name: 'into-a-context-from-outside',
      comment: 'Apps, migrations, tests, the benchmark and tools use a context only through its entries.',
      severity: 'error',
      from: { pathNot: '^libs/' },
      to: { path: '^libs/', pathNot: CONTEXT_ENTRY },
    },
    {
      name: 'into-another-app',
      comment: 'An app (and the tests, the benchmark, the tools) uses another app only through its src/index.ts (@hearth/api).',
      severity: 'error',
      from: { path: '^(apps/([^/]+)/|e2e/|bench/|tools/)' },
      to: { path: '^apps/', pathNot: [`^apps/$2/`, APP_ENTRY] },
    },
    {
      name: 'library-uses-an-app',
      comment: 'Libraries and migrations never depend on an app.',
      severity: 'error',
      from: { path: '^(libs|migrations)/' },
      to: { path: '^apps/' },
    },
    {
      name: 'bare-entry-loads-nest',
      comment: 'A bare.ts entry is for code that runs without Nest or TypeORM.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/bare\\.ts$' },
      to: { path: 'node_modules/(@nestjs|typeorm)/' },
    },
    {
      name: 'testing-entry-in-production',
      comment: 'testing.ts entries are for tests (specs, e2e, the benchmark) only.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '\\.(int-)?spec\\.ts$|/testing(\\.ts|/)' },
      to: { path: '^libs/[^/]+/src/testing(\\.ts|/index\\.ts)$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|apps/web/node_modules)/|\\.angular/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
