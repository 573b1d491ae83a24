// The workspace's one event engine, rebuilt when its templates change: queue contents carry over
// through the state store, fault settings and paused schedules through this object, and listeners
// stay subscribed across rebuilds. The editor host (src/extension/eventing/host.ts) adds files,
// watchers and the endpoint around it; tests drive it with a ManualClock and a fake runtime.
import type { SamDiagnostic } from '../sam/reader';
import type { FunctionRuntime } from '../runtime/types';
import type { Clock } from './clock';
import { applyArchitecture, type EventArchitecture } from './definitions';
import { EventEngine } from './engine';
import type { FaultSettings } from './faults';
import type { StateStore } from './persistence';
import { RecentEvents } from './recentEvents';
import type { HttpPoster } from './topic';
import type { TraceEvent } from './trace';
import type { FunctionRulesSource } from './functionRules';
import { readWorkspaceArchitecture, type TemplateSource } from './workspaceArchitecture';

/** How to build each engine. */
export interface WorkspaceEngineOptions {
  runtime: FunctionRuntime;
  /** A fresh clock per engine (time compression is fixed per clock); `startAt` is the previous engine's time, so saved deadlines keep their meaning. */
  clock: (startAt?: number) => Clock;
  /** Where queue contents persist. */
  store?: StateStore;
  httpPost?: HttpPoster;
  /** Recent bus events kept for views (default 200). */
  recentCapacity?: number;
}

/** Why the last load could not fully apply. */
export interface LoadProblem {
  message: string;
  file?: string;
}

/** The engine of a workspace, across template edits. */
export class WorkspaceEngine {
  private current: EventEngine;
  private unsubscribe: () => void = () => undefined;
  private readonly traceListeners = new Set<(e: TraceEvent) => void>();
  private readonly changeListeners = new Set<() => void>();
  private templateProblems: SamDiagnostic[] = [];
  private loadProblems: LoadProblem[] = [];
  private faults: FaultSettings = { functions: {}, queues: {} };
  private paused = false;
  private files: string[] = [];
  private disposed = false;
  /** Events the buses saw, newest kept. */
  readonly recent: RecentEvents;

  constructor(private readonly options: WorkspaceEngineOptions) {
    this.recent = new RecentEvents(options.recentCapacity);
    this.current = this.build(undefined, undefined);
  }

  /** The live engine (replaced on every load: do not keep it). */
  get engine(): EventEngine {
    return this.current;
  }

  /** The templates of the last load. */
  get templates(): readonly string[] {
    return this.files;
  }

  /** Template problems (file, line) of the last load. */
  problems(): readonly SamDiagnostic[] {
    return this.templateProblems;
  }

  /** What stopped the last load from applying fully (a corrupt state file, a resource the engine refused). */
  startProblems(): readonly LoadProblem[] {
    return this.loadProblems;
  }

  /** Replaces the engine with one built from these templates (and the rules functions.json files declare) and starts it. */
  load(templates: TemplateSource[], knownFunctions?: string[], functionRules: readonly FunctionRulesSource[] = []): void {
    if (this.disposed) return;
    const ws = readWorkspaceArchitecture(templates, functionRules);
    this.files = ws.files;
    this.templateProblems = ws.problems;
    this.current.stop();
    this.unsubscribe();
    this.current = this.build(ws.architecture, knownFunctions);
    this.emitChange();
  }

  private build(architecture: EventArchitecture | undefined, knownFunctions: string[] | undefined): EventEngine {
    this.loadProblems = [];
    const startAt = this.current?.clock.now();
    const make = (store: StateStore | undefined) =>
      new EventEngine({ runtime: this.options.runtime, clock: this.options.clock(startAt), store, httpPost: this.options.httpPost, knownFunctions: knownFunctions ? [...new Set([...knownFunctions, ...(architecture?.functions ?? [])])] : undefined });
    let engine = make(this.options.store);
    this.apply(engine, architecture);
    engine.setFaults(this.faults);
    if (this.paused) engine.pauseSchedules();
    try {
      engine.start();
    } catch (err) {
      // A corrupt state file must not stop the learner: run with empty, unsaved queues and say so.
      this.loadProblems.push({ message: `${(err as Error).message}. Queues start empty and are not saved until it is fixed.` });
      engine = make(undefined);
      this.apply(engine, architecture);
      engine.setFaults(this.faults);
      if (this.paused) engine.pauseSchedules();
      engine.start();
    }
    this.unsubscribe = engine.onTrace((e) => {
      this.recent.add(e);
      for (const l of this.traceListeners) l(e);
    });
    return engine;
  }

  private apply(engine: EventEngine, architecture: EventArchitecture | undefined): void {
    if (!architecture) return;
    try {
      applyArchitecture(engine, architecture);
    } catch (err) {
      // The template's own diagnostics usually name the cause on its line; this keeps the engine running with what applied.
      this.loadProblems.push({ message: `Not every resource could be created: ${(err as Error).message}`, file: this.files[0] });
    }
  }

  /** Current fault settings (kept across loads). */
  get faultSettings(): FaultSettings {
    return this.faults;
  }

  /** Replaces the injected faults (validated by the engine; kept across loads). */
  setFaults(faults: FaultSettings): void {
    this.current.setFaults(faults);
    this.faults = faults;
    this.emitChange();
  }

  /** True while schedules are paused. */
  get schedulesPaused(): boolean {
    return this.paused;
  }

  /** Pauses or resumes schedule rules (kept across loads). */
  setSchedulesPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) this.current.pauseSchedules();
    else this.current.resumeSchedules();
    this.emitChange();
  }

  /** Subscribes to trace events of whichever engine is live; returns an unsubscribe function. */
  onTrace(listener: (e: TraceEvent) => void): () => void {
    this.traceListeners.add(listener);
    return () => this.traceListeners.delete(listener);
  }

  /** Subscribes to architecture and setting changes (new engine, faults, pause); returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Tells listeners that state changed outside a trace (e.g. clear history). */
  emitChange(): void {
    for (const l of this.changeListeners) {
      try {
        l();
      } catch {
        /* a listener's own problem must not stop the others */
      }
    }
  }

  /** Stops the engine and saves queue contents. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe();
    this.current.stop();
    this.traceListeners.clear();
    this.changeListeners.clear();
  }
}
