// The event engine: buses and rules, queues, topics, event source mappings and asynchronous
// invocation, wired together, traced hop by hop, and run on an injected clock. Functions run only
// through the injected runtime service.
import { randomUUID } from 'crypto';
import { seededRandom, type Random } from '../run/random';
import type { FunctionRuntime, InvocationType } from '../runtime/types';
import { arnOf, parseArn } from './arn';
import { AsyncInvoker } from './asyncInvoke';
import { EventBus, type PutEventsEntry, type PutEventsResultEntry } from './bus';
import { ManualClock, systemClock, type Clock } from './clock';
import { EngineError } from './errors';
import { QueueMapping } from './esm';
import { checkRate, drawFunctionFault, type FaultSettings } from './faults';
import type { Hub, HopContext, InvokeOutcome } from './hub';
import type { AsyncInvokeConfig, QueueMappingConfig } from './model';
import type { PersistedState, StateStore } from './persistence';
import { Queue } from './queue';
import type { QueueAttributes, SendInput, SendResult } from './queueTypes';
import { type ScheduleParser, scheduleTimer } from './scheduler';
import { parseSchedule } from './schedules';
import { engineSnapshot, type EngineSnapshot } from './snapshot';
import { Topic, type HttpPoster, type PublishInput } from './topic';
import { TraceLog, type TraceEvent } from './trace';

/** How to build an engine. */
export interface EngineOptions {
  runtime: FunctionRuntime;
  /** Default: real time. Use ManualClock in tests, systemClock(factor) to compress time. */
  clock?: Clock;
  /** Random source for injected faults (seed it for reproducible runs). */
  random?: Random;
  /** Where queue contents persist; none by default. */
  store?: StateStore;
  /** Names of the functions that exist; when set, deliveries to others fail like a missing target. */
  knownFunctions?: string[];
  /** Parses schedule expressions; default: the schedules module, with rate() periods counted from engine start (as from rule creation). */
  parseSchedule?: ScheduleParser;
  /** Delivers SNS HTTP notifications. */
  httpPost?: HttpPoster;
  /** Trace history size (default 10,000). */
  traceCapacity?: number;
}

/** The embedded event engine. */
export class EventEngine implements Hub {
  readonly clock: Clock;
  readonly trace: TraceLog;
  readonly random: Random;
  readonly queues = new Map<string, Queue>();
  readonly buses = new Map<string, EventBus>();
  readonly topics = new Map<string, Topic>();
  readonly mappings: QueueMapping[] = [];
  readonly asyncConfigs = new Map<string, AsyncInvokeConfig>();
  faults: FaultSettings = { functions: {}, queues: {} };
  private readonly asyncInvoker: AsyncInvoker;
  private readonly inFlight = new Set<Promise<unknown>>();
  private scheduleCancels: (() => void)[] = [];
  private saveQueued = false;
  private held = 0;
  private started = false;
  private paused = false;
  private scheduleParser?: ScheduleParser;

  constructor(private readonly options: EngineOptions) {
    this.clock = options.clock ?? systemClock();
    this.trace = new TraceLog(() => this.clock.now(), options.traceCapacity);
    this.random = options.random ?? seededRandom(Date.now());
    this.asyncInvoker = new AsyncInvoker(this, (fn) => this.asyncConfigs.get(fn));
    this.createBus('default');
  }

  // ---- resources ----

  /** CreateQueue: idempotent for the same attributes (SQS's rule), else QueueAlreadyExists. */
  createQueue(name: string, attributes: Partial<QueueAttributes> = {}): Queue {
    if (!/^[\w-]{1,80}(\.fifo)?$/.test(name)) throw new EngineError('InvalidParameterValue', `Queue name "${name}" can have only alphanumeric characters, hyphens and underscores, at most 80 (FIFO names end in .fifo).`);
    const attrs = Queue.attributes({ fifoQueue: name.endsWith('.fifo'), ...attributes });
    const existing = this.queues.get(name);
    if (existing) {
      if (JSON.stringify(existing.attributes) !== JSON.stringify(attrs) && Object.keys(attributes).length) throw new EngineError('QueueAlreadyExists', `A queue already exists with the same name and a different value for attribute(s).`);
      return existing;
    }
    const queue = new Queue(name, attrs, this);
    this.queues.set(name, queue);
    return queue;
  }

  /** A queue by name, or undefined. */
  queue(name: string): Queue | undefined {
    return this.queues.get(name);
  }

  /** A queue by ARN, or undefined. */
  queueByArn(arn: string): Queue | undefined {
    const p = parseArn(arn);
    return p?.kind === 'queue' ? this.queues.get(p.name) : undefined;
  }

  /** Creates an event bus (idempotent). */
  createBus(name: string): EventBus {
    let bus = this.buses.get(name);
    if (!bus) this.buses.set(name, (bus = new EventBus(name, this)));
    return bus;
  }

  /** A bus by name or ARN; throws ResourceNotFoundException. */
  bus(nameOrArn = 'default'): EventBus {
    const name = nameOrArn.startsWith('arn:') ? parseArn(nameOrArn)?.name ?? nameOrArn : nameOrArn;
    const bus = this.buses.get(name);
    if (!bus) throw new EngineError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
    return bus;
  }

  /** Creates a topic (idempotent). */
  createTopic(name: string): Topic {
    let topic = this.topics.get(name);
    if (!topic) this.topics.set(name, (topic = new Topic(name, this, this.options.httpPost)));
    return topic;
  }

  /** A topic by name or ARN; throws NotFound. */
  topic(nameOrArn: string): Topic {
    const name = nameOrArn.startsWith('arn:') ? parseArn(nameOrArn)?.name ?? nameOrArn : nameOrArn;
    const topic = this.topics.get(name);
    if (!topic) throw new EngineError('NotFound', 'Topic does not exist');
    return topic;
  }

  /** Adds a queue → function event source mapping (pollers start with the engine). */
  addQueueMapping(config: QueueMappingConfig): QueueMapping {
    if (!this.queues.has(config.queue)) throw new EngineError('ResourceNotFoundException', `Event source mapping for ${config.functionName}: queue ${config.queue} does not exist.`);
    const mapping = new QueueMapping(this, config);
    this.mappings.push(mapping);
    if (this.started) mapping.start();
    return mapping;
  }

  /** Sets a function's asynchronous invocation settings (retries, event age, destinations, DLQ). */
  setAsyncConfig(functionName: string, config: AsyncInvokeConfig): void {
    this.asyncConfigs.set(functionName, config);
  }

  /** Replaces the injected faults. */
  setFaults(faults: FaultSettings): void {
    for (const [name, f] of Object.entries(faults.functions)) for (const k of ['failureRate', 'throttleRate'] as const) checkRate(`${name}.${k}`, f[k]);
    for (const [name, f] of Object.entries(faults.queues)) checkRate(`${name}.duplicateRate`, f.duplicateRate);
    this.faults = faults;
  }

  // ---- operations ----

  /** PutEvents: one result per entry, in order (a bad entry fails alone, as in EventBridge). */
  putEvents(entries: PutEventsEntry[], traceId?: string): { failedEntryCount: number; entries: PutEventsResultEntry[] } {
    if (!entries.length || entries.length > 10) throw new EngineError('ValidationException', `PutEvents takes 1 to 10 entries (got ${entries.length}).`);
    const results = entries.map((entry): PutEventsResultEntry => {
      try {
        const bus = this.bus(entry.EventBusName ?? 'default');
        const event = EventBus.envelope(entry, this.clock.now());
        const tid = traceId ?? randomUUID();
        // The whole event rides along so views can show it and replay it against patterns (recent events).
        this.trace.emit({ traceId: tid, kind: 'event.put', resource: `bus:${bus.name}`, detail: { eventId: event.id, source: event.source, detailType: event['detail-type'], event } });
        bus.route(event, tid);
        return { EventId: String(event.id) };
      } catch (err) {
        return { ErrorCode: err instanceof EngineError ? err.code : 'InternalFailure', ErrorMessage: (err as Error).message };
      }
    });
    return { failedEntryCount: results.filter((r) => 'ErrorCode' in r).length, entries: results };
  }

  /** SendMessage with queue faults applied (duplicates, delays). */
  sendMessage(queueName: string, input: SendInput): SendResult {
    const queue = this.queues.get(queueName);
    if (!queue) throw new EngineError('QueueDoesNotExist', 'The specified queue does not exist.');
    const f = this.faults.queues[queueName];
    if (f && !queue.attributes.fifoQueue) {
      if (f.maxDelayMs && input.delaySeconds === undefined) {
        const delay = Math.min(900, Math.round((this.random() * f.maxDelayMs) / 1000));
        if (delay > 0) input = { ...input, delaySeconds: delay, fault: 'delay' };
      }
      if (f.duplicateRate && this.random() < f.duplicateRate) {
        const first = queue.send(input);
        queue.send({ ...input, fault: 'duplicate' });
        return first;
      }
    }
    return queue.send(input);
  }

  /** Publishes to a topic. */
  publish(topic: string, input: PublishInput): string {
    return this.topic(topic).publish(input);
  }

  /** Moves every message of a DLQ back to the queue it came from (or to `toQueue`). */
  redriveBack(dlqName: string, toQueue?: string): number {
    const dlq = this.queues.get(dlqName);
    if (!dlq) throw new EngineError('QueueDoesNotExist', 'The specified queue does not exist.');
    let moved = 0;
    for (const m of dlq.drain()) {
      const target = toQueue ? this.queues.get(toQueue) : m.sourceArn ? this.queueByArn(m.sourceArn) : undefined;
      if (!target) {
        dlq.accept(m, m.sourceArn ?? dlq.arn);
        continue;
      }
      target.accept(m, dlq.arn);
      this.trace.emit({ traceId: m.traceId, kind: 'queue.moved', resource: `queue:${dlqName}`, detail: { messageId: m.messageId, to: target.name } });
      moved++;
    }
    return moved;
  }

  // ---- Hub ----

  /** Delivers to the resource an ARN names: queue send, topic publish, bus put, or async invoke. */
  deliver(arn: string, payload: unknown, ctx: HopContext): void {
    const target = parseArn(arn);
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    switch (target?.kind) {
      case 'queue':
        this.sendMessage(target.name, { body: text, attributes: ctx.attributes, groupId: ctx.messageGroupId, traceId: ctx.traceId, causationId: ctx.causationId });
        return;
      case 'topic':
        this.topic(target.name).publish({ message: text, attributes: ctx.attributes, traceId: ctx.traceId, causationId: ctx.causationId });
        return;
      case 'bus': {
        const event = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : { detail: payload };
        this.trace.emit({ traceId: ctx.traceId, kind: 'event.put', resource: `bus:${target.name}`, causationId: ctx.causationId, detail: { eventId: event.id, event } });
        this.bus(target.name).route(event, ctx.traceId);
        return;
      }
      case 'function':
        if (this.options.knownFunctions && !this.options.knownFunctions.includes(target.name)) throw new EngineError('ResourceNotFoundException', `Function not found: ${arn}`);
        this.asyncInvoker.enqueue(target.name, payload, ctx);
        return;
      default:
        throw new EngineError('ResourceNotFoundException', `No local resource has ARN ${arn}`);
    }
  }

  /** Invokes through the runtime service, applying injected faults. */
  async invoke(functionName: string, event: unknown, invocationType: InvocationType, ctx: HopContext): Promise<InvokeOutcome> {
    const resource = `function:${functionName}`;
    const faults = this.faults.functions[functionName];
    if (faults?.slowMs) await new Promise<void>((resolve) => this.clock.setTimer(resolve, faults.slowMs as number));
    const fault = drawFunctionFault(faults, this.random);
    this.trace.emit({ traceId: ctx.traceId, kind: 'function.invoked', resource, causationId: ctx.causationId, fault: fault ?? (faults?.slowMs ? 'slow' : undefined), detail: { invocationType, source: ctx.source } });
    let outcome: InvokeOutcome;
    if (fault === 'throttle') outcome = { status: 'throttled', requestId: randomUUID(), error: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded. (injected fault)' }, fault };
    else if (fault === 'failure') outcome = { status: 'error', requestId: randomUUID(), error: { errorType: 'InjectedFault', errorMessage: 'Failure injected by Serverless Lab fault settings' }, fault };
    else {
      try {
        const r = await this.track(this.options.runtime.invoke(functionName, event, { invocationType, source: ctx.source ?? 'event-rule', causationId: ctx.causationId, traceId: ctx.traceId }));
        outcome = r.throttled ? { status: 'throttled', requestId: r.requestId, error: r.error } : r.error ? { status: 'error', requestId: r.requestId, error: r.error } : { status: 'ok', requestId: r.requestId, response: r.response };
      } catch (err) {
        outcome = { status: 'error', requestId: randomUUID(), error: { errorType: 'ResourceNotFoundException', errorMessage: (err as Error).message } };
      }
    }
    const kind = outcome.status === 'ok' ? 'function.succeeded' : outcome.status === 'throttled' ? 'function.throttled' : 'function.failed';
    this.trace.emit({ traceId: ctx.traceId, kind, resource, causationId: outcome.requestId, fault: outcome.fault, detail: { requestId: outcome.requestId, ...(outcome.error ? { error: outcome.error } : {}) } });
    return outcome;
  }

  /** Counts work in progress (for quiescence). */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  /** Marks something waiting on the clock; returns its release. */
  hold(): () => void {
    this.held++;
    let released = false;
    return () => {
      if (!released) this.held--;
      released = true;
    };
  }

  /** Persists queue contents soon (batched per tick). */
  changed(): void {
    const store = this.options.store;
    if (!store || this.saveQueued) return;
    this.saveQueued = true;
    setImmediate(() => this.flush());
  }

  /** Writes queue contents to the store now. */
  flush(): void {
    this.saveQueued = false;
    const store = this.options.store;
    if (!store) return;
    const queues: PersistedState['queues'] = {};
    for (const q of this.queues.values()) {
      const dedup = q.attributes.fifoQueue ? q.dedupHistory() : {};
      queues[q.name] = { attributes: q.attributes, messages: [...q.stored()], ...(Object.keys(dedup).length ? { dedup } : {}) };
    }
    store.save({ version: 1, queues });
  }

  // ---- lifecycle ----

  /** Restores persisted queues, starts pollers and schedules. */
  start(): void {
    if (this.started) return;
    const saved = this.options.store?.load();
    for (const [name, q] of Object.entries(saved?.queues ?? {})) {
      const queue = this.queues.get(name) ?? this.createQueue(name, q.attributes);
      queue.restore(q.messages);
      if (q.dedup) queue.restoreDedup(q.dedup);
    }
    this.started = true;
    for (const m of this.mappings) m.start();
    const startedAt = new Date(this.clock.now());
    this.scheduleParser = this.options.parseSchedule ?? ((expression) => parseSchedule(expression, { start: startedAt }));
    if (!this.schedulesPaused) this.armSchedules();
  }

  /** True while schedule rules are paused (pauseSchedules). */
  get schedulesPaused(): boolean {
    return this.paused;
  }

  /** Stops schedule rules from firing (the editor's Pause Schedules); everything else keeps running. */
  pauseSchedules(): void {
    this.paused = true;
    for (const cancel of this.scheduleCancels.splice(0)) cancel();
  }

  /** Re-arms schedule rules from now; a no-op unless paused. */
  resumeSchedules(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.started) this.armSchedules();
  }

  private armSchedules(): void {
    const parse = this.scheduleParser as ScheduleParser;
    for (const bus of this.buses.values()) for (const rule of bus.rules.values()) {
      if (!rule.scheduleExpression || rule.state !== 'ENABLED') continue;
      try {
        this.scheduleCancels.push(scheduleTimer(this, bus, rule, parse));
      } catch (err) {
        this.trace.emit({ traceId: randomUUID(), kind: 'error', resource: `rule:${bus.name}/${rule.name}`, detail: { message: `schedule not armed: ${(err as Error).message}` } });
      }
    }
  }

  /** Stops pollers and schedules, and saves state. Pending retries are dropped (their events stay in the trace). */
  stop(): void {
    for (const m of this.mappings) m.stop();
    for (const q of this.queues.values()) q.close();
    for (const cancel of this.scheduleCancels.splice(0)) cancel();
    this.started = false;
    this.flush();
  }

  /** True when nothing is running, waiting to retry, or waiting in a queue that a function consumes. */
  isIdle(): boolean {
    if (this.inFlight.size || this.held || this.asyncInvoker.backlog) return false;
    return this.mappings.every((m) => (this.queues.get(m.config.queue)?.stored().length ?? 0) === 0);
  }

  /** Runs a ManualClock flow to quiescence: waits for running work, then jumps to the next timer. */
  async settle(maxSteps = 100_000): Promise<boolean> {
    if (!(this.clock instanceof ManualClock)) throw new Error('settle() needs a ManualClock; use waitForIdle() with real time');
    for (let i = 0; i < maxSteps; i++) {
      await new Promise((r) => setImmediate(r));
      if (this.inFlight.size) {
        await Promise.race([...this.inFlight]).catch(() => undefined);
        continue;
      }
      if (this.isIdle()) return true;
      if (!this.clock.step()) return this.isIdle();
    }
    return false;
  }

  /** Real or compressed time: resolves true once idle (checked every 10 ms), false after `timeoutMs`. */
  async waitForIdle(timeoutMs: number): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (this.isIdle()) return true;
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.isIdle();
  }

  /** A plain-data view of every resource, for views and the CLI. */
  snapshot(): EngineSnapshot {
    return engineSnapshot(this);
  }

  /** Subscribes to trace events; returns an unsubscribe function. */
  onTrace(listener: (e: TraceEvent) => void): () => void {
    return this.trace.subscribe(listener);
  }

  /** ARN of a function (for targets and destinations). */
  static functionArn(name: string): string {
    return arnOf('function', name);
  }
}
