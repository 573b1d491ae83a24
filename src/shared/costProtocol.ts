// Messages between the Cost panel page (media/cost/main.ts) and its host (src/extension/cost/).
// The host computes every figure (pure core/cost); the page only renders and sends the learner's edits.
// Requests carry a `requestId` answered by one `reply` (src/shared/webviewMessaging); both sides validate what they receive.
import type { CostModel, CostScenario } from '../core/cost';
import type { MessageSchema, ReplyMessage } from './webviewMessaging';

export type { CostBreakdown, CostItemId, CostModel, CostScenario, GranularityRow, Provider } from '../core/cost';

/** View type of the Cost panel; also used by its WebviewPanelSerializer and `onWebviewPanel:` activation. */
export const COST_VIEW_TYPE = 'serverlessLab.cost';

/** Version of the page state saved with setState(); bump together with migrateCostState(). */
export const COST_STATE_VERSION = 1;

/**
 * Argument of `serverlessLab.openCost`: measured runs of one function, so other views (the
 * invocation panel, lessons) can open the panel prefilled. All fields come from REPORT lines.
 */
export interface OpenCostArgs {
  /** Measured durations in ms (median and p90 are derived from them). */
  durationsMs: number[];
  /** Peak "Max Memory Used" over the runs, in MB. */
  maxMemoryUsedMb: number;
  /** The function's configured memory, in MB. */
  memoryMb: number;
  /** Observed share of cold starts (0..1), e.g. from a load run. */
  coldFraction?: number;
  /** Typical Init Duration of a cold start, in ms. */
  initMs?: number;
  functionName?: string;
}

/** Checks an untrusted command argument; returns undefined when it is not usable. */
export function parseOpenCostArgs(raw: unknown): OpenCostArgs | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  if (!Array.isArray(r.durationsMs) || !r.durationsMs.length || !r.durationsMs.every((d) => num(d) !== undefined && (d as number) >= 0)) return undefined;
  const memoryMb = num(r.memoryMb);
  if (memoryMb === undefined) return undefined;
  return {
    durationsMs: r.durationsMs as number[],
    maxMemoryUsedMb: num(r.maxMemoryUsedMb) ?? memoryMb,
    memoryMb,
    ...(num(r.coldFraction) !== undefined ? { coldFraction: num(r.coldFraction) } : {}),
    ...(num(r.initMs) !== undefined ? { initMs: num(r.initMs) } : {}),
    ...(typeof r.functionName === 'string' ? { functionName: r.functionName } : {}),
  };
}

/** What the page saves so the panel can be restored after a reload. */
export interface CostWebviewState {
  version: typeof COST_STATE_VERSION;
  scenario: CostScenario;
}

/**
 * Reads saved page state of any version; undefined when it is unusable. Only the shape is checked here
 * (the page must not load the pricing code): the host clamps the scenario with normalizeScenario() on restore.
 */
export function migrateCostState(raw: unknown): CostWebviewState | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (r.version !== COST_STATE_VERSION || !r.scenario || typeof r.scenario !== 'object') return undefined;
  const durations = (r.scenario as Record<string, unknown>).durationsMs;
  if (!Array.isArray(durations) || !durations.some((d) => typeof d === 'number' && Number.isFinite(d) && d >= 0)) return undefined;
  return { version: COST_STATE_VERSION, scenario: r.scenario as CostScenario };
}

/** Messages from the page to the host. */
export type CostWebviewMessage =
  /** The page has loaded its script and can receive messages. */
  | { type: 'ready' }
  /** The learner changed an input; the reply's result is the re-priced CostModel (its error: why it could not be priced). */
  | { type: 'update'; requestId: number; scenario: CostScenario };

/** Requests of the cost page (the messages that get a reply). */
export type CostRequest = Extract<CostWebviewMessage, { requestId: number }>;

/** Field checks for each page message: the host validates every message against them (and clamps the scenario). */
export const COST_WEBVIEW_SCHEMA: MessageSchema = {
  ready: {},
  update: { requestId: 'number', scenario: 'object' },
};

/** Messages from the host to the page. */
export type CostHostMessage =
  /** The host replaced the inputs (opened with new measurements, or restored): show this model and its scenario. */
  | { type: 'model'; model: CostModel }
  /** The answer to a request. */
  | ReplyMessage<CostModel>;

/** Field checks for each host message: the page validates every message against them. */
export const COST_HOST_SCHEMA: MessageSchema = {
  model: { model: (v) => !!v && typeof v === 'object' && !!(v as CostModel).scenario },
  reply: { requestId: 'number', error: 'string?' },
};
