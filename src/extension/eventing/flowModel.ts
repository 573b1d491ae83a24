// Pure model of the Event Flow panel: the diagram built from an engine snapshot, trace events trimmed
// for the page, and the answers to "inspect" (an event's hops, a rule's verdicts, a queue's messages).
// No vscode import, so unit tests build it from a real engine.
import { parseArn } from '../../core/eventing/arn';
import type { EventEngine, TraceEvent } from '../../core/eventing';
import type { EngineSnapshot } from '../../core/eventing/snapshot';
import type { AsyncInvokeConfig } from '../../core/eventing/model';
import { compilePattern } from '../../core/eventing/patterns';
import type { RecentEvent } from '../../core/eventing/recentEvents';
import type { RuntimeRecord } from '../../core/runtime/types';
import type { FlowEdge, FlowNode, FlowState, FlowTraceEvent, InspectResult, InspectTarget, QueueMessageView, RuleVerdict, TraceHop } from '../../shared/eventFlowProtocol';

/** The resource id (as in traces) an ARN names, or undefined for a foreign one. */
export function resourceOfArn(arn: string): string | undefined {
  const p = parseArn(arn);
  if (!p) return arn.startsWith('http') ? `external:${arn}` : undefined;
  return p.kind === 'rule' ? undefined : `${p.kind}:${p.name}`;
}

const pct = (r: number | undefined) => (r ? `${Math.round(r * 100)}%` : '');

/** Builds the diagram: nodes are trace resources, edges the routes between them. */
export function buildFlowGraph(snapshot: EngineSnapshot, asyncConfigs: ReadonlyMap<string, AsyncInvokeConfig>, functions: readonly string[] = []): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes = new Map<string, FlowNode>();
  const edges = new Map<string, FlowEdge>();
  const dlqs = new Set(snapshot.queues.map((q) => q.attributes.redrivePolicy?.deadLetterTargetArn).filter((a): a is string => !!a).map((a) => resourceOfArn(a)));
  for (const cfg of asyncConfigs.values()) if (cfg.deadLetterArn) dlqs.add(resourceOfArn(cfg.deadLetterArn));
  for (const b of snapshot.buses) for (const r of b.rules) for (const t of r.targets) if (t.deadLetterArn) dlqs.add(resourceOfArn(t.deadLetterArn));
  const fnFault = (name: string) => {
    const f = snapshot.faults.functions[name];
    const parts = [f?.failureRate ? `${pct(f.failureRate)} failures` : '', f?.throttleRate ? `${pct(f.throttleRate)} throttles` : '', f?.slowMs ? `+${f.slowMs} ms` : ''].filter(Boolean);
    return parts.length ? parts.join(', ') : undefined;
  };
  const ensure = (id: string): void => {
    if (nodes.has(id)) return;
    const [kind, ...rest] = id.split(':');
    const name = rest.join(':');
    if (kind === 'function') nodes.set(id, { id, kind: 'function', label: name, fault: fnFault(name) });
    else if (kind === 'queue') nodes.set(id, { id, kind: dlqs.has(id) ? 'dlq' : 'queue', label: `${name} (missing)` });
    else if (kind === 'topic') nodes.set(id, { id, kind: 'topic', label: name });
    else if (kind === 'bus') nodes.set(id, { id, kind: 'bus', label: name });
    else nodes.set(id, { id, kind: 'external', label: name });
  };
  const edge = (from: string, to: string, kind: FlowEdge['kind'], label?: string) => {
    ensure(from);
    ensure(to);
    const id = `${from}->${to}:${kind}`;
    if (!edges.has(id)) edges.set(id, { id, from, to, kind, ...(label ? { label } : {}) });
  };
  for (const q of snapshot.queues) {
    const id = `queue:${q.name}`;
    const f = snapshot.faults.queues[q.name];
    const fault = [f?.duplicateRate ? `${pct(f.duplicateRate)} duplicates` : '', f?.maxDelayMs ? `delays ≤ ${f.maxDelayMs} ms` : ''].filter(Boolean).join(', ');
    nodes.set(id, { id, kind: dlqs.has(id) ? 'dlq' : 'queue', label: q.name, counts: { visible: q.visible, inFlight: q.inFlight, delayed: q.delayed }, ...(fault ? { fault } : {}) });
  }
  for (const t of snapshot.topics) nodes.set(`topic:${t.name}`, { id: `topic:${t.name}`, kind: 'topic', label: t.name });
  for (const name of functions) ensure(`function:${name}`);
  for (const b of snapshot.buses) {
    const busId = `bus:${b.name}`;
    // The default bus is drawn only when something routes through it.
    if (b.name !== 'default' || b.rules.some((r) => r.eventPattern !== undefined)) ensure(busId);
    for (const r of b.rules) {
      const ruleId = `rule:${b.name}/${r.name}`;
      const schedule = r.scheduleExpression !== undefined;
      nodes.set(ruleId, { id: ruleId, kind: schedule ? 'schedule' : 'rule', label: r.name, note: schedule ? r.scheduleExpression : JSON.stringify(r.eventPattern), ...(r.state === 'DISABLED' ? { fault: 'disabled' } : {}) });
      if (!schedule) edge(busId, ruleId, 'route');
      for (const t of r.targets) {
        const to = resourceOfArn(t.arn);
        if (to) edge(ruleId, to, 'target', t.id);
        const dl = t.deadLetterArn && resourceOfArn(t.deadLetterArn);
        if (dl) edge(ruleId, dl, 'dead-letter', 'undeliverable');
      }
    }
  }
  for (const q of snapshot.queues) {
    const dlq = q.attributes.redrivePolicy;
    const to = dlq && resourceOfArn(dlq.deadLetterTargetArn);
    if (dlq && to) edge(`queue:${q.name}`, to, 'redrive', `after ${dlq.maxReceiveCount} receives`);
  }
  for (const m of snapshot.mappings) edge(`queue:${m.queue}`, `function:${m.functionName}`, 'mapping', `batch ${m.batchSize}`);
  for (const t of snapshot.topics) for (const s of t.subscriptions) {
    const to = resourceOfArn(s.endpoint);
    if (to) edge(`topic:${t.name}`, to, 'subscription', s.filterPolicy ? 'filtered' : undefined);
  }
  for (const [fn, cfg] of asyncConfigs) {
    for (const [arn, label, kind] of [[cfg.onSuccessArn, 'on success', 'destination'], [cfg.onFailureArn, 'on failure', 'destination'], [cfg.deadLetterArn, 'dead letter', 'dead-letter']] as const) {
      const to = arn && resourceOfArn(arn);
      if (to) edge(`function:${fn}`, to, kind, label);
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** The whole page state. */
export function buildFlowState(engine: EventEngine, extra: { functions: readonly string[]; templates: string[]; problems: string[] }): FlowState {
  const snapshot = engine.snapshot();
  const { nodes, edges } = buildFlowGraph(snapshot, engine.asyncConfigs, extra.functions);
  const dlqMessages = nodes.filter((n) => n.kind === 'dlq').reduce((sum, n) => sum + (n.counts ? n.counts.visible + n.counts.inFlight + n.counts.delayed : 0), 0);
  return { nodes, edges, schedulesPaused: snapshot.schedulesPaused, compression: snapshot.compression, dlqMessages, templates: extra.templates, problems: extra.problems, faults: snapshot.faults };
}

/** Messages waiting in dead-letter queues (for the status bar), without building the diagram. */
export function dlqMessageCount(snapshot: EngineSnapshot): number {
  const dlqs = new Set(snapshot.queues.map((q) => q.attributes.redrivePolicy?.deadLetterTargetArn).filter(Boolean));
  return snapshot.queues.filter((q) => dlqs.has(q.arn)).reduce((sum, q) => sum + q.visible + q.inFlight + q.delayed, 0);
}

/** A trace event trimmed for the page: no payloads, a short summary. */
export function toFlowTrace(e: TraceEvent): FlowTraceEvent {
  const d = e.detail;
  const error = d.error && typeof d.error === 'object' ? `${(d.error as { errorType?: string }).errorType}: ${(d.error as { errorMessage?: string }).errorMessage}` : typeof d.error === 'string' ? d.error : undefined;
  const summary = error ?? (typeof d.message === 'string' ? d.message : undefined) ?? (d.to !== undefined ? `→ ${String(d.to)}` : undefined) ?? (d.receiveCount !== undefined ? `receive #${String(d.receiveCount)}` : undefined) ?? (typeof d.detailType === 'string' ? String(d.detailType) : undefined);
  return { seq: e.seq, at: e.at, traceId: e.traceId, kind: e.kind, resource: e.resource, ...(e.fault ? { fault: e.fault } : {}), ...(summary ? { summary: summary.slice(0, 200) } : {}) };
}

/** An event's trace hop by hop, each function hop with its invocation record. */
export function inspectEvent(engine: EventEngine, traceId: string, records: (requestId: string) => RuntimeRecord | undefined): InspectResult {
  const hops: TraceHop[] = engine.trace.history(traceId).map((e) => {
    const requestId = typeof e.detail.requestId === 'string' ? e.detail.requestId : undefined;
    const r = requestId ? records(requestId) : undefined;
    return {
      seq: e.seq, at: e.at, kind: e.kind, resource: e.resource, detail: e.detail, ...(e.fault ? { fault: e.fault } : {}),
      ...(requestId ? { invocation: { requestId, ...(r ? { durationMs: r.report?.durationMs, error: r.error, response: r.response, logs: r.logs?.slice(0, 50).map((l) => (typeof l === 'string' ? l : JSON.stringify(l))) } : {}) } } : {}),
    };
  });
  return { kind: 'event', traceId, hops };
}

/** A rule's verdict, field by field, on the last events its bus saw. */
export function inspectRule(engine: EventEngine, bus: string, rule: string, recent: RecentEvent[]): InspectResult {
  const config = engine.bus(bus).rules.get(rule);
  if (!config) throw new Error(`Rule ${rule} is not on bus ${bus} any more (the template changed?).`);
  if (config.eventPattern === undefined) return { kind: 'rule', bus, rule, schedule: config.scheduleExpression, verdicts: [] };
  const pattern = compilePattern(config.eventPattern);
  const verdicts: RuleVerdict[] = recent.map((r) => {
    const x = pattern.explain(r.event);
    return { eventId: r.eventId, at: r.at, traceId: r.traceId, matched: x.matched, leaves: x.leaves, event: r.event };
  });
  return { kind: 'rule', bus, rule, pattern: config.eventPattern, verdicts };
}

/** A queue's messages with receive counts and visibility deadlines. */
export function inspectQueue(engine: EventEngine, name: string, limit = 200): InspectResult {
  const queue = engine.queue(name);
  if (!queue) throw new Error(`Queue ${name} does not exist any more (the template changed?).`);
  const now = engine.clock.now();
  const sources = [...engine.queues.values()].filter((q) => q.attributes.redrivePolicy?.deadLetterTargetArn === queue.arn).map((q) => q.name);
  const messages: QueueMessageView[] = queue.stored().slice(0, limit).map((m) => {
    const err = m.attributes.ERROR_MESSAGE ?? m.attributes.ErrorMessage;
    return {
      messageId: m.messageId, body: m.body.length > 2000 ? `${m.body.slice(0, 2000)}…` : m.body, receiveCount: m.receiveCount,
      state: m.visibleAt <= now ? 'visible' : m.receiptHandle ? 'in flight' : 'delayed', visibleAt: m.visibleAt, sentAt: m.sentAt, traceId: m.traceId,
      ...(m.fault ? { fault: m.fault } : {}), ...(err?.StringValue ? { error: err.StringValue } : {}),
    };
  });
  return { kind: 'queue', name, isDlq: sources.length > 0, sources, now, messages };
}

/** What to inspect for a node id (rules and queues have details; other nodes none). */
export function targetOfNode(nodeId: string | undefined): InspectTarget | undefined {
  if (nodeId?.startsWith('queue:')) return { kind: 'queue', name: nodeId.slice(6) };
  const rule = nodeId?.startsWith('rule:') ? nodeId.slice(5) : undefined;
  const slash = rule?.indexOf('/') ?? -1;
  return rule && slash > 0 ? { kind: 'rule', bus: rule.slice(0, slash), rule: rule.slice(slash + 1) } : undefined;
}
