// Backend tests in four tiers (see DESIGN.md). One embedded PostgreSQL serves the whole
// run (tools/jest-global-setup.ts); each test file gets its own database cloned from a
// migrated template.
//
// The repository is CommonJS; NestJS 12 and a few of its neighbours ship only ES modules,
// which jest's module system cannot require, so swc transforms them too.
const ESM_PACKAGES = ['@nestjs', 'file-type', 'load-esm', 'uid', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer'];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest'] },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper: {
    '^@hearth/platform/testing$': '<rootDir>/libs/platform/src/testing/index.ts',
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
    { ...common, displayName: 'web', testMatch: ['<rootDir>/e2e/web/**/*.e2e-spec.ts'], testTimeout: 60_000 },
  ],
  testTimeout: 30_000,
};
