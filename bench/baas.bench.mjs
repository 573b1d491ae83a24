// BaaS benchmark (issue 15), each figure beside its peer in the same run: a new database from the cached
// template beside reopening an existing data directory (target <= 1.5x); a one-row select through /rest/v1
// with RLS beside the same query run directly on the database (target: p50 within 1 ms); throughput with 8
// concurrent clients; the select and the throughput with PGlite in a worker thread (the product) and on this thread.
// Beside the select, the floor that any HTTP API pays here: the same client (fetch) against a bare node:http server
// answering the same body. Figures, not pass/fail: on a shared machine they are indicative only.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const { fetch } = globalThis;

let loaded;
/**
 * Bundles the BaaS core from source, with the database packages external as in the product, and the PGlite worker
 * beside it (workerDatabase.ts looks for pgliteWorker.js next to the bundle, as dist/ has it).
 */
function loadBaas() {
  loaded ??= (async () => {
    const dir = path.join(root, 'out', 'bench');
    const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['@electric-sql/pglite', 'pg', 'jose'], logLevel: 'error' };
    await Promise.all([
      esbuild.build({ ...common, entryPoints: [path.join(root, 'bench', 'baasEntry.ts')], outfile: path.join(dir, 'baas.cjs') }),
      esbuild.build({ ...common, entryPoints: [path.join(root, 'src', 'core', 'baas', 'db', 'pgliteWorker.ts')], outfile: path.join(dir, 'pgliteWorker.js') }),
    ]);
    return require(path.join(dir, 'baas.cjs'));
  })();
  return loaded;
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function timed(fn) {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/**
 * One BaaS on `workspace` (`options` as for startBaas): a one-row select through /rest/v1 with RLS beside the same
 * query run directly on its database, interleaved; the fetch floor; then throughput with 8 concurrent clients.
 */
async function measureApi(workspace, options, samples, throughputSec) {
  const { startBaas } = await loadBaas();
  const baas = await startBaas({ workspace, autoConfirm: true, ...options });
  try {
    await baas.db.exec(`create table todos (id serial primary key, title text not null, owner uuid not null default auth.uid());
      alter table todos enable row level security;
      create policy "own rows" on todos for select to authenticated using (owner = auth.uid());`);
    const headers = { apikey: baas.anonKey, 'content-type': 'application/json' };
    const up = await (await fetch(`${baas.url}/auth/v1/signup`, { method: 'POST', headers, body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password' }) })).json();
    await baas.db.query('insert into todos (title, owner) select $1 || g, $2 from generate_series(1, 1000) g', ['todo ', up.user.id]);
    const auth = { ...headers, authorization: `Bearer ${up.access_token}` };
    const viaRest = async () => {
      const res = await fetch(`${baas.url}/rest/v1/todos?id=eq.500&select=*`, { headers: auth });
      const rows = await res.json();
      if (rows.length !== 1) throw new Error(`expected one row, got ${JSON.stringify(rows)}`);
      return rows;
    };
    const direct = async () => {
      const { rows } = await baas.db.query('select * from todos where id = $1', [500]);
      if (rows.length !== 1) throw new Error('expected one row');
    };
    const body = JSON.stringify(await viaRest());
    const bare = http.createServer((req, res) => {
      req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    });
    await new Promise((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${bare.address().port}/rest/v1/todos?id=eq.500&select=*`;
    const viaBare = async () => {
      const rows = await (await fetch(bareUrl, { headers: auth })).json();
      if (rows.length !== 1) throw new Error('expected one row');
    };
    for (let i = 0; i < 30; i++) await Promise.all([viaRest(), viaBare()]); // warm the schema cache and the connections
    const rest = [];
    const db = [];
    const floor = [];
    try {
      for (let i = 0; i < samples; i++) {
        rest.push((await timed(viaRest)).ms);
        db.push((await timed(direct)).ms);
        floor.push((await timed(viaBare)).ms);
      }
    } finally {
      await new Promise((resolve) => bare.close(resolve));
    }
    let done = 0;
    const until = performance.now() + throughputSec * 1000;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (performance.now() < until) {
        await viaRest();
        done++;
      }
    }));
    return {
      select: { samples, restP50Ms: percentile(rest, 50), restP95Ms: percentile(rest, 95), directP50Ms: percentile(db, 50), directP95Ms: percentile(db, 95), p50GapMs: percentile(rest, 50) - percentile(db, 50) },
      httpFloor: { samples, p50Ms: percentile(floor, 50), p95Ms: percentile(floor, 95) },
      throughput: { clients: 8, seconds: throughputSec, requestsPerSec: done / throughputSec },
    };
  } finally {
    await baas.close();
  }
}

/** Runs the BaaS bench; `runs` start-ups of each kind, `samples` selects of each kind, `throughputSec` of 8 clients. */
export async function runBaasBench({ runs = 5, samples = 300, throughputSec = 3 } = {}) {
  const { openPglite, ensureTemplate } = await loadBaas();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baas-bench-'));
  try {
    // The API first, before the start-ups leave their databases' memory to the garbage collector: the product's
    // configuration (the extension, `baas serve` and exercise checks run PGlite in a worker thread), then PGlite on
    // this thread (startBaas without `worker`, as the Node tests run it), each on its own workspace.
    const worker = await measureApi(path.join(tmp, 'ws-worker'), { worker: {} }, samples, throughputSec);
    const inThread = await measureApi(path.join(tmp, 'ws-thread'), {}, samples, throughputSec);
    await ensureTemplate(); // made once per user; not part of either figure
    const fromTemplate = [];
    const reopen = [];
    for (let i = 0; i < runs; i++) {
      const dataDir = path.join(tmp, `db${i}`);
      const created = await timed(() => openPglite({ dataDir }));
      fromTemplate.push(created.ms);
      await created.value.close();
      const reopened = await timed(() => openPglite({ dataDir }));
      reopen.push(reopened.ms);
      await reopened.value.close();
    }
    return {
      startup: { runs, fromTemplateMs: percentile(fromTemplate, 50), reopenMs: percentile(reopen, 50), ratio: percentile(fromTemplate, 50) / percentile(reopen, 50) },
      ...worker,
      inThread,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The Markdown table of the BaaS figures. */
export function baasTable(r) {
  const f = (x) => x.toFixed(1);
  return [
    '| BaaS | figure | peer (same run) | target |',
    '|---|---|---|---|',
    `| new database from the cached template (p50 of ${r.startup.runs}) | ${f(r.startup.fromTemplateMs)} ms | reopen existing: ${f(r.startup.reopenMs)} ms (ratio ${r.startup.ratio.toFixed(2)}x) | <= 1.5x |`,
    ...[['PGlite in a worker thread, as the extension, `baas serve` and exercise checks run it', r], ['PGlite on this thread (startBaas without `worker`, as the Node tests run it)', r.inThread]].flatMap(([where, m]) => [
      `| select one row via /rest/v1 with RLS, ${where} (p50 / p95 of ${m.select.samples}) | ${f(m.select.restP50Ms)} / ${f(m.select.restP95Ms)} ms | direct query on the same database: ${f(m.select.directP50Ms)} / ${f(m.select.directP95Ms)} ms (p50 gap ${f(m.select.p50GapMs)} ms) | gap <= 1 ms |`,
      `| fetch of the same body from a bare node:http server, same run (p50 / p95 of ${m.httpFloor.samples}) | ${f(m.httpFloor.p50Ms)} / ${f(m.httpFloor.p95Ms)} ms | | the HTTP floor inside the gap |`,
      `| throughput, ${where}, ${m.throughput.clients} concurrent clients, ${m.throughput.seconds} s | ${Math.round(m.throughput.requestsPerSec)} requests/s | | |`,
    ]),
  ].join('\n');
}

// Standalone: node bench/baas.bench.mjs [--quick]
if (process.argv[1] === new URL(import.meta.url).pathname) {
  const r = await runBaasBench(process.argv.includes('--quick') ? { runs: 1, samples: 50, throughputSec: 1 } : {});
  console.log(baasTable(r));
}
