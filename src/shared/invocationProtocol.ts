// Message protocol between the extension host and the invocation panel webview (media/invocation).
// Requests carry a `requestId` answered by one `reply`; both sides validate what they receive.
import type { InvocationRecord, RuntimeKind } from '../core/invoker/types';
import type { AlivePoint, LoadSample, LoadSummary } from '../core/run/loadStats';
import type { LoadPlan } from '../core/run/loadPlan';
import type { Prediction, PredictionGrade } from '../core/run/prediction';
import type { WhatIfRequest, WhatIfResult } from '../core/run/whatIf';
import type { MessageSchema, ReplyMessage } from './webviewMessaging';

export type { TrafficPattern } from '../core/run/traffic';
export type { WhatIfRequest, WhatIfResult, WhatIfRow } from '../core/run/whatIf';

/** One invocation as kept in the per-workspace history. */
export interface HistoryEntry {
  record: InvocationRecord;
  /** Epoch ms when the invocation finished. */
  at: number;
  handlerFile: string;
  handlerName: string;
  runtime: RuntimeKind;
  memoryMb: number;
  keepAliveSec: number;
  /** Where the event came from ("api-gateway-http sample", "saved: order.json", "{}"). */
  eventLabel: string;
  forcedCold: boolean;
  /** Why it was cold or warm, in words. */
  explanation: string;
  prediction?: { prediction: Prediction; grade: PredictionGrade };
}

/** A finished (or cancelled) load run. */
export interface LoadRunView {
  functionName: string;
  plan: LoadPlan;
  samples: LoadSample[];
  alive: AlivePoint[];
  summary: LoadSummary;
  cancelled: boolean;
  at: number;
}

/** View type of the invocation panel; also used by its WebviewPanelSerializer and `onWebviewPanel:` activation. */
export const INVOCATION_VIEW_TYPE = 'serverlessLab.invocations';

/** Version of the page state saved with setState(); bump together with migrateInvocationState(). */
export const INVOCATION_STATE_VERSION = 1;

/** Tabs of the panel. */
export type PanelView = 'invocation' | 'load' | 'whatIf';
const PANEL_VIEWS: readonly PanelView[] = ['invocation', 'load', 'whatIf'];
const isPanelView = (v: unknown): v is PanelView => PANEL_VIEWS.includes(v as PanelView);

/** What the page saves so the panel comes back as it was after a reload. */
export interface InvocationPanelState {
  version: typeof INVOCATION_STATE_VERSION;
  view: PanelView;
  selectedRequestId?: string;
  predictMode: boolean;
  cloudOverlay: boolean;
  whatIf?: WhatIfResult;
}

/** Reads saved page state of any version; older, foreign or damaged states start fresh. */
export function migrateInvocationState(raw: unknown): InvocationPanelState {
  const fresh: InvocationPanelState = { version: INVOCATION_STATE_VERSION, view: 'invocation', predictMode: false, cloudOverlay: false };
  if (!raw || typeof raw !== 'object') return fresh;
  const r = raw as Record<string, unknown>;
  if (r.version !== INVOCATION_STATE_VERSION) return fresh;
  const whatIf = r.whatIf && typeof r.whatIf === 'object' && Array.isArray((r.whatIf as WhatIfResult).rows) ? (r.whatIf as WhatIfResult) : undefined;
  return {
    version: INVOCATION_STATE_VERSION,
    view: isPanelView(r.view) ? r.view : 'invocation',
    ...(typeof r.selectedRequestId === 'string' ? { selectedRequestId: r.selectedRequestId } : {}),
    predictMode: r.predictMode === true,
    cloudOverlay: r.cloudOverlay === true,
    ...(whatIf ? { whatIf } : {}),
  };
}

/**
 * Messages from the page to the host. Requests carry `requestId` and get one `reply` (src/shared/webviewMessaging);
 * `entryId` names a history entry by its invocation's request id.
 */
export type InvocationWebviewMessage =
  /** The page's script is running; the host may now post. */
  | { type: 'ready' }
  /** Open a stack-frame location in an editor. */
  | { type: 'openLocation'; file: string; line: number; column: number }
  /** Forget all history. */
  | { type: 'clearHistory' }
  /** Invoke the function of a history entry again (optionally cold, optionally with a prediction); replies when done. */
  | { type: 'invokeAgain'; requestId: number; entryId: string; cold: boolean; prediction?: Prediction }
  /** Run the keep-alive what-if simulation; the reply's result is a WhatIfResult. */
  | { type: 'runWhatIf'; requestId: number; request: WhatIfRequest }
  /** Export the last load run; replies once the file is saved (or the dialog dismissed). */
  | { type: 'exportLoad'; requestId: number; format: 'csv' | 'json' }
  /** Open the cost panel for an invocation or the last load run. */
  | { type: 'openCost'; requestId: number; source: 'invocation' | 'load'; entryId?: string }
  /** Start "Run Load…" for the function of a history entry; replies when the run ends. */
  | { type: 'runLoad'; requestId: number; entryId: string }
  /** Save the event last used for this entry's function as a test event file. */
  | { type: 'saveTestEvent'; requestId: number; entryId: string };

/** Requests of the invocation page (the messages that get a reply). */
export type InvocationRequest = Extract<InvocationWebviewMessage, { requestId: number }>;

/** Field checks for each page message: the host validates every message against them. */
export const INVOCATION_WEBVIEW_SCHEMA: MessageSchema = {
  ready: {},
  openLocation: { file: 'string', line: 'number', column: 'number' },
  clearHistory: {},
  invokeAgain: { requestId: 'number', entryId: 'string', cold: 'boolean', prediction: (v) => v === undefined || (!!v && typeof v === 'object' && typeof (v as Prediction).cold === 'boolean' && typeof (v as Prediction).band === 'string') },
  runWhatIf: { requestId: 'number', request: (v) => !!v && typeof v === 'object' && typeof (v as WhatIfRequest).perHour === 'number' && ['bursty', 'periodic', 'poisson'].includes((v as WhatIfRequest).pattern) },
  exportLoad: { requestId: 'number', format: (v) => v === 'csv' || v === 'json' },
  openCost: { requestId: 'number', source: (v) => v === 'invocation' || v === 'load', entryId: 'string?' },
  runLoad: { requestId: 'number', entryId: 'string' },
  saveTestEvent: { requestId: 'number', entryId: 'string' },
};

/** Messages from the host to the page. */
export type InvocationHostMessage =
  /** Full state after "ready" (history newest first). */
  | { type: 'init'; history: HistoryEntry[]; load?: LoadRunView; selectRequestId?: string }
  /** A new invocation finished; select it. */
  | { type: 'invocation'; entry: HistoryEntry }
  /** A load run finished or was cancelled. */
  | { type: 'loadResult'; load: LoadRunView }
  /** Show this view (tab) now. */
  | { type: 'showView'; view: PanelView }
  /** The answer to a request. */
  | ReplyMessage;

/** Field checks for each host message: the page validates every message against them. */
export const INVOCATION_HOST_SCHEMA: MessageSchema = {
  init: { history: (v) => Array.isArray(v), load: 'object?', selectRequestId: 'string?' },
  invocation: { entry: 'object' },
  loadResult: { load: 'object' },
  showView: { view: isPanelView },
  reply: { requestId: 'number', error: 'string?' },
};
