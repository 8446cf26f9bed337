#!/usr/bin/env node
// The event map, drawn from the code: which context publishes each domain event
// (`events.publish('name', …)`) and which contexts handle it (`events.on('name', …)`),
// with the files, and each context's outbox topics (`outboxTopic<…>('name')`).
//
//   node tools/event-map.mjs           prints it (Markdown)
//   node tools/event-map.mjs --write   writes it into docs/architecture.md, between its markers
//   node tools/event-map.mjs --check   fails when docs/architecture.md's map is not the code's
//
// npm run boundaries runs --check, so the map in the docs cannot drift from the code.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const DOC = join(root, 'docs/architecture.md');
const START = '<!-- event-map:start (node tools/event-map.mjs --write) -->';
const END = '<!-- event-map:end -->';

function* sources(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(entry.name) && !/testing/.test(path)) yield path;
  }
}

const published = new Map();
const handled = new Map();
const topics = new Map();
const add = (map, key, value) => map.set(key, [...new Set([...(map.get(key) ?? []), value])].sort());
for (const path of sources(join(root, 'libs'))) {
  const file = relative(root, path);
  const context = file.split('/')[1];
  // Code only: an example in a comment is not a subscription.
  const text = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const [, name] of text.matchAll(/events\.publish\(\s*'([a-z_.]+)'/g)) add(published, name, `${context} (${file.split('/').pop()})`);
  for (const [, name] of text.matchAll(/events\.on\(\s*'([a-z_.]+)'/g)) add(handled, name, `${context} (${file.split('/').pop()})`);
  for (const [, name] of text.matchAll(/outboxTopic<[^>]*(?:<[^>]*>)?[^>]*>\(\s*'([a-z_.-]+)'/g)) add(topics, context, name);
}

function map() {
  const names = [...new Set([...published.keys(), ...handled.keys()])].sort();
  const lines = [
    '| Event | Published by | Handled by |',
    '| --- | --- | --- |',
    ...names.map((name) => `| \`${name}\` | ${(published.get(name) ?? ['—']).join('<br>')} | ${(handled.get(name) ?? ['—']).join('<br>')} |`),
    '',
    '| Context | Its outbox topics (work done after the commit, retried) |',
    '| --- | --- |',
    ...[...topics.keys()].sort().map((context) => `| ${context} | ${topics.get(context).map((topic) => `\`${topic}\``).join(', ')} |`),
  ];
  return lines.join('\n');
}

const current = map();
if (process.argv.includes('--write') || process.argv.includes('--check')) {
  const doc = readFileSync(DOC, 'utf8');
  const [before, rest] = doc.split(START);
  if (rest === undefined || !rest.includes(END)) throw new Error(`docs/architecture.md has no ${START} … ${END} markers.`);
  const after = rest.slice(rest.indexOf(END));
  const wanted = `${before}${START}\n${current}\n${after}`;
  if (process.argv.includes('--write')) writeFileSync(DOC, wanted);
  else if (wanted !== doc) {
    console.error('docs/architecture.md: its event map is not the code’s any more. Run `node tools/event-map.mjs --write` and commit it.');
    process.exit(1);
  }
} else {
  console.log(current);
}
