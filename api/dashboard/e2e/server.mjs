// Starts `leadsource serve --demo` on a fresh SQLite database and a free port, with the demo
// pinned to an --as-of date, and reads the credentials it prints.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const AS_OF = '2026-11-28';
const REPO = resolve(import.meta.dirname, '../../..');

function binary() {
  if (process.env.LEADSOURCE_BIN) return process.env.LEADSOURCE_BIN;
  const target = process.env.CARGO_TARGET_DIR ?? join(REPO, 'target');
  for (const profile of ['debug', 'release']) {
    const path = join(target, profile, 'leadsource');
    if (existsSync(path)) return path;
  }
  throw new Error(`no leadsource binary under ${target}: cargo build -p leadsource, or set LEADSOURCE_BIN`);
}

const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'leadsource-e2e-'));
  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: `sqlite://${join(dir, 'demo.db')}`, LISTEN_ADDR: `127.0.0.1:${port}`, LOG: 'warn' };
  delete env.REDIS_URL;
  delete env.METRICS_ADDR;
  const child = spawn(binary(), ['serve', '--demo', '--as-of', AS_OF], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`server not ready in 240 s:\n${output}`);
    const login = output.match(/dashboard login \(\w+\): (\S+) \/ (\S+)/);
    const token = output.match(/API token \(all scopes\): (lsk_\w+)/);
    if (login && token) {
      const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (ok) {
        return {
          url,
          email: login[1],
          password: login[2],
          token: token[1],
          async stop() {
            child.kill('SIGTERM');
            await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
            rmSync(dir, { recursive: true, force: true });
          },
        };
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A GraphQL call with the given bearer token; throws on errors. */
export async function gql(server, token, query, variables = {}) {
  const r = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const answer = await r.json();
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}
