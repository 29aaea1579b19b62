// Prints the gzip -9 size of the dashboard's assets (what a browser downloads for it) and
// of GraphiQL's, and fails when the dashboard exceeds its 300 KB budget.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync, constants } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: constants.Z_BEST_COMPRESSION }).length;
const referenced = (html) => {
  const text = readFileSync(join(dist, html), 'utf8');
  const files = new Set([html]);
  for (const m of text.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)) files.add(m[1]);
  // Chunks imported by those chunks.
  let grew = true;
  while (grew) {
    grew = false;
    for (const f of [...files]) {
      if (!f.endsWith('.js')) continue;
      for (const m of readFileSync(join(dist, f), 'utf8').matchAll(/["'`]\.?\/?([\w.-]+\.js)["'`]/g)) {
        const name = `assets/${m[1].replace(/^assets\//, '')}`;
        if (readdirSync(join(dist, 'assets')).includes(m[1].replace(/^assets\//, '')) && !files.has(name)) {
          files.add(name);
          grew = true;
        }
      }
    }
  }
  return [...files];
};
const total = (files) => files.reduce((n, f) => n + gz(f), 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const dashboard = referenced('index.html');
const graphiql = referenced('graphiql.html');
const d = total(dashboard);
console.log(`dashboard (index.html and what it loads), gzip -9: ${kb(d)}`);
for (const f of dashboard) console.log(`  ${f}: ${kb(gz(f))}`);
console.log(`GraphiQL (graphiql.html and what it loads), gzip -9: ${kb(total(graphiql))}`);
if (d > 300 * 1024) {
  console.error(`the dashboard is ${kb(d)} gzipped, over its 300 KB budget`);
  process.exit(1);
}
