// Message protocol between the extension host and the invocation panel webview (media/invocation).
// Both sides import only types from here; requests carry an `id` echoed by their reply.
import type { InvocationRecord, RuntimeKind } from '../core/invoker/types';
import type { AlivePoint, LoadSample, LoadSummary } from '../core/run/loadStats';
import type { LoadPlan } from '../core/run/loadPlan';
import type { Prediction, PredictionGrade } from '../core/run/prediction';
import type { WhatIfRequest, WhatIfResult } from '../core/run/whatIf';

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

/** Messages from the webview to the host. */
export type WebviewToHost =
  /** The webview's script is running; the host may now post. */
  | { type: 'ready' }
  /** Open a stack-frame location in an editor. */
  | { type: 'openLocation'; file: string; line: number; column: number }
  /** Invoke the function of a history entry again (optionally cold, optionally with a prediction). */
  | { type: 'invokeAgain'; requestId: string; cold: boolean; prediction?: Prediction }
  /** Run the keep-alive what-if simulation. */
  | { type: 'runWhatIf'; id: number; request: WhatIfRequest }
  /** Export the last load run. */
  | { type: 'exportLoad'; format: 'csv' | 'json' }
  /** Open the cost panel for the selected invocation or the last load run. */
  | { type: 'openCost'; source: 'invocation' | 'load'; requestId?: string }
  /** Start "Run Load…" for the function of a history entry. */
  | { type: 'runLoad'; requestId: string }
  /** Save the event last used for this entry's function as a test event file. */
  | { type: 'saveTestEvent'; requestId: string }
  /** Forget all history. */
  | { type: 'clearHistory' };

/** Messages from the host to the webview. */
export type HostToWebview =
  /** Full state after "ready" (history newest first). */
  | { type: 'init'; history: HistoryEntry[]; load?: LoadRunView; selectRequestId?: string }
  /** A new invocation finished; select it. */
  | { type: 'invocation'; entry: HistoryEntry }
  /** A load run finished or was cancelled. */
  | { type: 'loadResult'; load: LoadRunView }
  /** Reply to runWhatIf. */
  | { type: 'whatIfResult'; id: number; result?: WhatIfResult; error?: string }
  /** Show this view (tab) now. */
  | { type: 'showView'; view: PanelView };

/** Tabs of the panel. */
export type PanelView = 'invocation' | 'load' | 'whatIf';

/** Webview state saved with setState (versioned so old states can be migrated or dropped). */
export interface InvocationPanelState {
  version: 1;
  view: PanelView;
  selectedRequestId?: string;
  predictMode: boolean;
  cloudOverlay: boolean;
  whatIf?: WhatIfResult;
}
