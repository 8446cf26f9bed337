#!/usr/bin/env node
// `npm test`: every tier, in order, then one summary. Exits non-zero if anything failed.
//
//   boundaries     the design's boundaries between contexts and apps (tools/check-boundaries.mjs)
//   typecheck      tsc over the server, libraries and tests
//   builds         the server (the start test runs it as users do) and the web app
//                  (which the browser tests open)
//   jest           unit, integration, API end-to-end and browser end-to-end (jest.config.js)
//   web unit       the Angular app's own unit tests (Vitest, through `ng test`)
//
// The last line printed is `N passed, N failed`, counting every test of every tier;
// .ci/run repeats it from test-results/summary.txt.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const steps = [];
function run(name, command, args, cwd = root) {
  console.log(`\n=== ${name}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  steps.push({ name, ok: status === 0, seconds: Math.round((Date.now() - started) / 1000) });
  return status === 0;
}

run('boundaries', 'node', ['tools/check-boundaries.mjs']);
run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']);
run('server build', 'npm', ['run', 'build:server', '--silent']);
run('web build', 'npm', ['run', 'build:web', '--silent']);
run('jest', 'npx', ['jest', '--ci', '--maxWorkers=2', '--json', `--outputFile=${join(results, 'jest.json')}`]);
run('web unit', 'npx', ['ng', 'test', '--watch=false', '--reporters=json', '--reporters=default', `--output-file=${join(results, 'web-unit.json')}`], join(root, 'apps/web'));

const tiers = new Map(['unit', 'web unit', 'integration', 'api e2e', 'browser e2e'].map((tier) => [tier, { passed: 0, failed: 0 }]));
const tierOf = (file) =>
  file.includes('/e2e/web/') ? 'browser e2e' : file.includes('/e2e/api/') ? 'api e2e' : file.endsWith('.int-spec.ts') ? 'integration' : 'unit';

function count(file, defaultTier) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  for (const suite of report.testResults ?? []) {
    const tier = tiers.get(defaultTier ?? tierOf(suite.name ?? suite.testFilePath ?? ''));
    const assertions = suite.assertionResults ?? [];
    for (const test of assertions) {
      if (test.status === 'passed') tier.passed += 1;
      else if (test.status === 'failed') tier.failed += 1;
    }
    // A file that could not run at all counts as one failure.
    if (assertions.length === 0 && suite.status === 'failed') tier.failed += 1;
  }
  return true;
}

if (!count(join(results, 'jest.json'))) tiers.get('unit').failed += 1;
if (!count(join(results, 'web-unit.json'), 'web unit')) tiers.get('web unit').failed += 1;

console.log('\n=== summary');
for (const step of steps) console.log(`${step.ok ? 'ok  ' : 'FAIL'}  ${step.name} (${step.seconds} s)`);
let passed = 0;
let failed = steps.filter((step) => !step.ok && step.name !== 'jest' && step.name !== 'web unit').length;
for (const [tier, { passed: p, failed: f }] of tiers) {
  console.log(`${String(p).padStart(5)} passed ${String(f).padStart(4)} failed  ${tier}`);
  passed += p;
  failed += f;
}
const jestStep = steps.find((step) => step.name === 'jest');
const webStep = steps.find((step) => step.name === 'web unit');
const exitCode = failed > 0 || !jestStep.ok || !webStep.ok ? 1 : 0;
const line = `${passed} passed, ${failed} failed`;
writeFileSync(join(results, 'summary.txt'), `${line}\n`);
console.log(line);
process.exit(exitCode);
