#!/usr/bin/env node
// `npm run boundaries`: the design's boundaries, checked (npm test runs it first).
//
//   1. dependency-cruiser with .dependency-cruiser.cjs: no deep import into a context or an
//      app, no library using an app, testing entries only in tests, bare entries without Nest;
//   2. on the graph of contexts that follows (libs/a → libs/b when a file of a imports b):
//      no circle, however long;
//   3. docs/architecture.md's event map is the code's (tools/event-map.mjs --check).
//
// Prints each problem with its files, and the contexts' graph when asked (--graph). Exits
// non-zero on any problem.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const scanned = ['apps/api/src', 'apps/cli/src', 'apps/web/src', 'libs', 'migrations', 'e2e', 'bench', 'tools'];
const run = spawnSync('npx', ['depcruise', '--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...scanned], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
if (!run.stdout) {
  console.error(`dependency-cruiser did not run:\n${run.stderr}`);
  process.exit(2);
}
const result = JSON.parse(run.stdout);

const problems = result.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`);

// The contexts' graph: which context's code imports which other context. Tests are left
// out: an integration test may well put several contexts together.
const contextOf = (path) => /^libs\/([^/]+)\//.exec(path)?.[1] ?? null;
const isTest = (path) => /\.(int-)?spec\.ts$|\/testing(\.ts|\/)/.test(path);
const edges = new Map();
const because = new Map();
for (const module of result.modules) {
  const from = contextOf(module.source);
  if (!from || isTest(module.source)) continue;
  for (const dependency of module.dependencies) {
    const to = contextOf(dependency.resolved);
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
    if (!because.has(`${from}>${to}`)) because.set(`${from}>${to}`, `${module.source} → ${dependency.resolved}`);
  }
}

// Circles: depth-first search, reporting each circle once by its smallest rotation.
const circles = new Set();
const visit = (node, path) => {
  for (const next of edges.get(node) ?? []) {
    const at = path.indexOf(next);
    if (at >= 0) {
      const circle = path.slice(at);
      const start = circle.indexOf([...circle].sort()[0]);
      circles.add([...circle.slice(start), ...circle.slice(0, start)].join(' → '));
    } else {
      visit(next, [...path, next]);
    }
  }
};
for (const context of edges.keys()) visit(context, [context]);
for (const circle of circles) {
  const contexts = circle.split(' → ');
  const links = contexts.map((context, i) => because.get(`${context}>${contexts[(i + 1) % contexts.length]}`));
  problems.push(`contexts-in-a-circle: ${circle} → ${contexts[0]} (${links.join('; ')})`);
}

if (process.argv.includes('--graph')) {
  for (const [from, to] of [...edges].sort()) console.log(`${from} → ${[...to].sort().join(', ')}`);
}
// 3. The event map in docs/architecture.md is the code's (tools/event-map.mjs).
const map = spawnSync('node', ['tools/event-map.mjs', '--check'], { cwd: root, encoding: 'utf8' });
if (map.status !== 0) problems.push(`event-map: ${(map.stderr || map.stdout).trim()}`);

if (problems.length > 0) {
  console.error(`The boundaries are crossed (${problems.length}):\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  console.error('See .dependency-cruiser.cjs and "Working on Hearth" in the README for the rules.');
  process.exit(1);
}
console.log(`Boundaries hold: ${result.summary.totalCruised} modules, ${result.summary.totalDependenciesCruised} dependencies, ${edges.size} contexts without a circle; the event map in docs/architecture.md is current.`);
