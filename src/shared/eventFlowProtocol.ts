// Messages between the Event Flow page (media/eventFlow/) and its host (src/extension/eventing/flowPanel.ts).
// The host owns the engine and sends the diagram's model plus batched trace events; the page lays the
// graph out (dagre), animates, and asks for details or actions through requests (src/shared/webviewMessaging).
import type { MessageSchema, ReplyMessage } from './webviewMessaging';

/** View type of the Event Flow panel; also used by its serializer and `onWebviewPanel:` activation. */
export const EVENT_FLOW_VIEW_TYPE = 'serverlessLab.eventFlow';

/** Version of the page state saved with setState(); bump together with migrateEventFlowState(). */
export const EVENT_FLOW_STATE_VERSION = 1;

/** Kinds of node in the diagram. */
export type FlowNodeKind = 'bus' | 'rule' | 'schedule' | 'queue' | 'dlq' | 'topic' | 'function' | 'external';

/** One node; its id is the trace `resource` it stands for (`queue:orders`, `rule:default/placed`, `function:process`). */
export interface FlowNode {
  id: string;
  kind: FlowNodeKind;
  label: string;
  /** Queue counts (queues and DLQs). */
  counts?: { visible: number; inFlight: number; delayed: number };
  /** The injected faults on this function or queue, in words (e.g. "30% failures"). */
  fault?: string;
  /** A schedule rule's expression, or a rule's one-line pattern. */
  note?: string;
}

/** Kinds of edge: a rule target, a queue's redrive to its DLQ, an event source mapping, an SNS subscription, a dead-letter or destination. */
export type FlowEdgeKind = 'route' | 'target' | 'redrive' | 'mapping' | 'subscription' | 'dead-letter' | 'destination';

/** One edge. */
export interface FlowEdge {
  id: string;
  from: string;
  to: string;
  kind: FlowEdgeKind;
  label?: string;
}

/** The diagram and the controls' state. */
export interface FlowState {
  nodes: FlowNode[];
  edges: FlowEdge[];
  schedulesPaused: boolean;
  /** Time-compression factor (1 = real time); the page labels timings when it is not 1. */
  compression: number;
  /** Messages waiting in dead-letter queues. */
  dlqMessages: number;
  /** Template files the architecture came from (workspace-relative). */
  templates: string[];
  /** Template problems, `file:line: message`. */
  problems: string[];
  /** Fault settings as the engine has them. */
  faults: { functions: Record<string, { failureRate?: number; throttleRate?: number; slowMs?: number }>; queues: Record<string, { duplicateRate?: number; maxDelayMs?: number }> };
}

/** A trace event as the page sees it (payloads stripped: details are fetched on demand). */
export interface FlowTraceEvent {
  seq: number;
  at: number;
  traceId: string;
  kind: string;
  resource: string;
  fault?: string;
  /** Short text for the activity list (message id, error, attempt…). */
  summary?: string;
}

/** What the page can inspect. */
export type InspectTarget = { kind: 'event'; traceId: string } | { kind: 'rule'; bus: string; rule: string } | { kind: 'queue'; name: string };

/** One hop of an event's trace, with its payload when the hop has one. */
export interface TraceHop {
  seq: number;
  at: number;
  kind: string;
  resource: string;
  fault?: string;
  detail: Record<string, unknown>;
  /** The consumer's invocation record (function hops). */
  invocation?: { requestId: string; durationMs?: number; error?: { errorType: string; errorMessage: string }; response?: unknown; logs?: string[] };
}

/** A rule's verdict on one recent event. */
export interface RuleVerdict {
  eventId: string;
  at: number;
  traceId: string;
  matched: boolean;
  leaves: { path: string; condition: string; actual?: unknown; matched: boolean; note?: string; branch?: number }[];
  event: Record<string, unknown>;
}

/** A queue's messages. */
export interface QueueMessageView {
  messageId: string;
  body: string;
  receiveCount: number;
  state: 'visible' | 'in flight' | 'delayed';
  /** When it becomes visible (engine time), for in-flight and delayed messages. */
  visibleAt: number;
  sentAt: number;
  traceId: string;
  fault?: string;
  /** Why it is here, for dead-lettered messages (ERROR_MESSAGE / ErrorMessage attributes). */
  error?: string;
}

/** The answer to an inspect request. */
export type InspectResult =
  | { kind: 'event'; traceId: string; hops: TraceHop[] }
  | { kind: 'rule'; bus: string; rule: string; pattern?: unknown; schedule?: string; verdicts: RuleVerdict[] }
  | { kind: 'queue'; name: string; isDlq: boolean; sources: string[]; now: number; messages: QueueMessageView[] };

/** Actions the page's controls take (destructive ones confirm on the host). */
export type FlowAction =
  | { action: 'redrive'; queue: string }
  | { action: 'purge'; queue: string }
  | { action: 'pauseSchedules' }
  | { action: 'resumeSchedules' }
  | { action: 'clearHistory' }
  | { action: 'setFault'; target: 'function' | 'queue'; name: string; field: 'failureRate' | 'throttleRate' | 'slowMs' | 'duplicateRate' | 'maxDelayMs'; value: number }
  | { action: 'openInvocations' }
  | { action: 'putEvent'; count?: number };

/** What the page saves so the panel can be restored after a reload. */
export interface EventFlowWebviewState {
  version: typeof EVENT_FLOW_STATE_VERSION;
  /** Diagram or the table alternative. */
  view: 'diagram' | 'table';
  /** The inspected thing, re-inspected on restore. */
  inspected?: InspectTarget;
}

const isInspectTarget = (v: unknown): v is InspectTarget => {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  if (r.kind === 'event') return typeof r.traceId === 'string';
  if (r.kind === 'rule') return typeof r.bus === 'string' && typeof r.rule === 'string';
  if (r.kind === 'queue') return typeof r.name === 'string';
  return false;
};

const FAULT_FIELDS = ['failureRate', 'throttleRate', 'slowMs', 'duplicateRate', 'maxDelayMs'];
const isFlowAction = (v: unknown): v is FlowAction => {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  switch (r.action) {
    case 'redrive': case 'purge': return typeof r.queue === 'string';
    case 'pauseSchedules': case 'resumeSchedules': case 'clearHistory': case 'openInvocations': return true;
    case 'putEvent': return r.count === undefined || (typeof r.count === 'number' && Number.isInteger(r.count));
    case 'setFault': return (r.target === 'function' || r.target === 'queue') && typeof r.name === 'string' && FAULT_FIELDS.includes(String(r.field)) && typeof r.value === 'number' && Number.isFinite(r.value);
    default: return false;
  }
};

/** Reads saved page state of any version; undefined when it is unusable. */
export function migrateEventFlowState(raw: unknown): EventFlowWebviewState | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (r.version !== EVENT_FLOW_STATE_VERSION) return undefined;
  return { version: EVENT_FLOW_STATE_VERSION, view: r.view === 'table' ? 'table' : 'diagram', ...(isInspectTarget(r.inspected) ? { inspected: r.inspected } : {}) };
}

/** Messages from the page to the host. */
export type EventFlowWebviewMessage =
  /** The page has loaded its script and can receive messages. */
  | { type: 'ready' }
  /** Details of an event, rule or queue; the reply's result is an InspectResult. */
  | { type: 'inspect'; requestId: number; target: InspectTarget }
  /** A control; the reply's result is a short text saying what happened (or empty when cancelled). */
  | { type: 'act'; requestId: number; act: FlowAction };

/** Requests of the page. */
export type EventFlowRequest = Extract<EventFlowWebviewMessage, { requestId: number }>;

/** Field checks for each page message. */
export const EVENT_FLOW_WEBVIEW_SCHEMA: MessageSchema = {
  ready: {},
  inspect: { requestId: 'number', target: isInspectTarget },
  act: { requestId: 'number', act: isFlowAction },
};

/** Messages from the host to the page. */
export type EventFlowHostMessage =
  /** The architecture or counts changed: redraw with this state. */
  | { type: 'state'; state: FlowState }
  /** Trace events since the last batch (at most one batch per ~100 ms). */
  | { type: 'traces'; events: FlowTraceEvent[] }
  /** Restored page: inspect this again. */
  | { type: 'inspect'; target: InspectTarget }
  /** The answer to a request. */
  | ReplyMessage<unknown>;

/** Field checks for each host message. */
export const EVENT_FLOW_HOST_SCHEMA: MessageSchema = {
  state: { state: (v) => !!v && typeof v === 'object' && Array.isArray((v as FlowState).nodes) && Array.isArray((v as FlowState).edges) },
  traces: { events: (v) => Array.isArray(v) },
  inspect: { target: isInspectTarget },
  reply: { requestId: 'number', error: 'string?' },
};
