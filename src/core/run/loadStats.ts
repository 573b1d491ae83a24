// Statistics for a load run: percentiles, histogram, cold-start share and sandboxes over time.
// Pure functions over the per-invocation samples the runner collects.

/** One completed invocation of a load run. */
export interface LoadSample {
  index: number;
  /** Scheduled offset and actual send/finish offsets from the run's start, in ms. */
  scheduledMs: number;
  startMs: number;
  endMs: number;
  /** Client-observed latency (end − start), including any cold start, in ms. */
  latencyMs: number;
  cold: boolean;
  /** REPORT Duration and Init Duration (cold only). */
  durationMs: number;
  billedDurationMs: number;
  initMs?: number;
  maxMemoryUsedMb: number;
  sandboxId?: string;
  error?: string;
  throttled?: boolean;
}

/** A point of the "sandboxes alive" series. */
export interface AlivePoint {
  tMs: number;
  alive: number;
}

/** A histogram bin [fromMs, toMs). */
export interface HistogramBin {
  fromMs: number;
  toMs: number;
  count: number;
}

/** Summary of a load run. */
export interface LoadSummary {
  count: number;
  errors: number;
  throttled: number;
  coldStarts: number;
  coldPct: number;
  p50: number;
  p90: number;
  p99: number;
  meanMs: number;
  maxMs: number;
  wallMs: number;
  maxAlive: number;
  histogram: HistogramBin[];
}

/** Nearest-rank percentile (p in 0–100) of an ascending array; NaN when empty. */
export function percentile(sortedAsc: readonly number[], p: number): number {
  if (!sortedAsc.length) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sortedAsc.length));
  return sortedAsc[Math.min(rank, sortedAsc.length) - 1];
}

/** Equal-width histogram with about `bins` bins on "nice" boundaries (1, 2, 5 × 10^k ms). */
export function histogram(values: readonly number[], bins = 20): HistogramBin[] {
  if (!values.length) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const raw = Math.max((max - min) / bins, 0.001);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const width = [1, 2, 5, 10].map((m) => m * magnitude).find((w) => w >= raw) ?? raw;
  const start = Math.floor(min / width) * width;
  const n = Math.max(1, Math.floor((max - start) / width) + 1);
  const result: HistogramBin[] = Array.from({ length: n }, (_, i) => ({ fromMs: start + i * width, toMs: start + (i + 1) * width, count: 0 }));
  for (const v of values) result[Math.min(n - 1, Math.floor((v - start) / width))].count++;
  return result;
}

/** Summarises samples (successful and failed; throttled ones are excluded from latency figures). */
export function summarizeLoad(samples: readonly LoadSample[], alive: readonly AlivePoint[] = []): LoadSummary {
  const served = samples.filter((s) => !s.throttled);
  const latencies = served.map((s) => s.latencyMs).sort((a, b) => a - b);
  const coldStarts = served.filter((s) => s.cold).length;
  return {
    count: samples.length,
    errors: samples.filter((s) => s.error && !s.throttled).length,
    throttled: samples.length - served.length,
    coldStarts,
    coldPct: served.length ? (coldStarts / served.length) * 100 : 0,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    meanMs: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : NaN,
    maxMs: latencies.length ? latencies[latencies.length - 1] : NaN,
    wallMs: samples.length ? Math.max(...samples.map((s) => s.endMs)) - Math.min(...samples.map((s) => s.startMs)) : 0,
    maxAlive: alive.reduce((m, p) => Math.max(m, p.alive), 0),
    histogram: histogram(latencies),
  };
}

const CSV_COLUMNS: (keyof LoadSample)[] = ['index', 'scheduledMs', 'startMs', 'endMs', 'latencyMs', 'cold', 'durationMs', 'billedDurationMs', 'initMs', 'maxMemoryUsedMb', 'sandboxId', 'throttled', 'error'];

/** CSV export of the samples (RFC 4180 quoting). */
export function samplesToCsv(samples: readonly LoadSample[]): string {
  const quote = (v: unknown): string => {
    if (v === undefined || v === null) return '';
    const s = typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [CSV_COLUMNS.join(','), ...samples.map((s) => CSV_COLUMNS.map((c) => quote(s[c])).join(','))].join('\n') + '\n';
}
