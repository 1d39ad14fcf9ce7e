// Prints the size of every built asset, raw and gzipped, and the gzipped JavaScript a first visit
// loads (the entry chunk and what it imports statically; fallback backends load only on demand).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = 'dist/assets';
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const rows = readdirSync(dir)
  .map((name) => {
    const buf = readFileSync(join(dir, name));
    return { name, raw: statSync(join(dir, name)).size, gzip: gzipSync(buf, { level: 9 }).length };
  })
  .sort((a, b) => b.gzip - a.gzip);

const html = readFileSync('dist/index.html', 'utf8');
const entry = [...html.matchAll(/assets\/([^"']+\.js)/g)].map((m) => m[1]);
const initial = new Set(entry);
// Follow static imports (import ... from "./x.js") of the entry chunks.
for (const name of [...initial]) {
  const text = readFileSync(join(dir, name), 'utf8');
  for (const m of text.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"();]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    if (!initial.has(m[1])) initial.add(m[1]);
  }
}

console.log('\nBundle (dist/assets):');
for (const r of rows) {
  const tag = initial.has(r.name) ? ' [initial]' : '';
  console.log(`  ${r.name.padEnd(52)} ${kb(r.raw).padStart(11)}  gzip ${kb(r.gzip).padStart(10)}${tag}`);
}
const js = rows.filter((r) => r.name.endsWith('.js'));
const sum = (xs) => xs.reduce((s, r) => s + r.gzip, 0);
console.log(`  initial JavaScript, gzipped: ${kb(sum(js.filter((r) => initial.has(r.name))))}`);
console.log(`  all JavaScript, gzipped:     ${kb(sum(js))}`);
