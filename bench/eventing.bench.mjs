// Eventing benchmark (issue 13): route a stream of events against 100 EventBridge rules with the
// compiled rule set, beside a naive rule-by-rule evaluation of the same compiled patterns in the
// same run. Figures, not pass/fail; the target is >= 50,000 events/s for the rule set.
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);

/** Bundles the matcher from source (no dist bundle exports it). */
async function loadPatterns() {
  const outfile = path.join(root, 'out', 'bench', 'patterns.cjs');
  await esbuild.build({ entryPoints: [path.join(root, 'src/core/eventing/patterns/index.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'error' });
  return require(outfile);
}

const sources = ['shop.orders', 'shop.payments', 'shop.shipping', 'shop.inventory', 'crm.customers'];
const types = ['Created', 'Updated', 'Cancelled', 'Failed', 'Completed'];

/** 100 rules in the shapes learners write: exact source/detail-type, plus operators on detail. */
export function benchRules() {
  const rules = [];
  for (let i = 0; i < 100; i++) {
    const source = sources[i % sources.length];
    const type = types[Math.floor(i / sources.length) % types.length];
    const detail = [
      { status: ['open', 'paid'] },
      { total: [{ numeric: ['>', (i % 7) * 50, '<=', 1000] }] },
      { region: [{ prefix: i % 2 ? 'eu-' : 'us-' }] },
      { customer: { tier: [{ 'anything-but': ['free', 'trial'] }] } },
      { items: { sku: [{ wildcard: `SKU-${i % 10}*` }] } },
    ][i % 5];
    const pattern = i % 10 === 9
      ? { source: [source], $or: [{ 'detail-type': [`Order${type}`] }, { detail }] }
      : { source: [source], 'detail-type': [`Order${type}`], detail };
    rules.push({ name: `rule-${i}`, pattern: i % 25 === 24 ? { detail: { total: [{ numeric: ['>', 990] }] } } : pattern });
  }
  return rules;
}

/** A deterministic stream of EventBridge-shaped events. */
export function benchEvents(count = 2000) {
  let seed = 42;
  const rand = (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  return Array.from({ length: count }, (_, i) => ({
    version: '0', id: `id-${i}`, 'detail-type': `Order${types[rand(types.length)]}`, source: sources[rand(sources.length)],
    account: '123456789012', time: '2026-11-27T10:00:00Z', region: 'eu-west-1', resources: [],
    detail: {
      status: ['open', 'paid', 'shipped'][rand(3)], total: rand(1200), region: ['eu-west-1', 'us-east-1'][rand(2)],
      customer: { id: `c-${rand(500)}`, tier: ['free', 'gold', 'trial', 'silver'][rand(4)] },
      items: Array.from({ length: 1 + rand(3) }, () => ({ sku: `SKU-${rand(20)}-${rand(100)}`, qty: 1 + rand(5) })),
    },
  }));
}

/** Events per second routing `events` through `route`, best of `rounds` windows of `seconds`. */
function rate(route, events, seconds, rounds) {
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const start = performance.now();
    const end = start + seconds * 1000;
    let now = start;
    while (now < end) {
      for (const e of events) route(e);
      n += events.length;
      now = performance.now();
    }
    best = Math.max(best, n / ((now - start) / 1000));
  }
  return Math.round(best);
}

/** Runs the routing bench; returns figures for bench/results/latest.json. */
export async function runEventingBench({ seconds = 2, rounds = 3 } = {}) {
  const { compilePattern, compileRuleSet } = await loadPatterns();
  const rules = benchRules();
  const events = benchEvents();
  const set = compileRuleSet(rules);
  const naive = rules.map((r) => ({ name: r.name, pattern: compilePattern(r.pattern) }));
  const naiveRoute = (e) => naive.filter((r) => r.pattern.matches(e)).map((r) => r.name);
  // Same answers first: a fast wrong router is worth nothing.
  let routed = 0;
  for (const e of events) {
    const a = set.match(e);
    const b = naiveRoute(e);
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`rule set and naive evaluation disagree on ${JSON.stringify(e)}`);
    routed += a.length;
  }
  const ruleSet = rate((e) => set.match(e), events, seconds, rounds);
  const naiveRate = rate(naiveRoute, events, seconds, rounds);
  return { rules: rules.length, events: events.length, matchesPerEvent: Math.round((routed / events.length) * 100) / 100, ruleSetEventsPerSec: ruleSet, naiveEventsPerSec: naiveRate, speedup: Math.round((ruleSet / naiveRate) * 10) / 10 };
}

/** Markdown table of the routing figures. */
export function eventingTable(r) {
  return [
    '| Routing against 100 EventBridge rules | events/s |',
    '| --- | --- |',
    `| Compiled rule set (indexed) | ${r.ruleSetEventsPerSec.toLocaleString('en-US')} |`,
    `| Naive rule-by-rule evaluation, same patterns | ${r.naiveEventsPerSec.toLocaleString('en-US')} |`,
    `| Speed-up | ${r.speedup}x (${r.matchesPerEvent} matching rules per event on average) |`,
  ].join('\n');
}
