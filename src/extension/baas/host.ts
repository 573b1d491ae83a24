// The BaaS in the extension host: one running BaaS per window (first workspace folder), its state for the
// status bar and views, who the explorer acts as, and the request monitor's log. Loaded lazily (dist/lazy/baas.js).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BAAS_DATA_DIR, startBaas, type RunningBaas } from '../../core/baas';
import { signJwt, loadOrCreateSecret } from '../../core/baas/auth/jwt';
import { REPLAYABLE_METHODS, RequestLog, type RequestEntry } from '../../core/baas/explorer/requestLog';
import { actingLabel, claimsFor, type ActingAs } from '../../core/baas/explorer/users';
import type { JwtClaims } from '../../core/baas/db/types';
import { getLogger } from '../log';

const log = getLogger('baas');

/** Where the host is; `untrusted` and `noFolder` say why it cannot start. */
export type BaasState = 'stopped' | 'starting' | 'running' | 'stopping' | 'failed' | 'untrusted' | 'noFolder';

/** Where the BaaS should keep data and which database to use (read from settings by the caller). */
export interface BaasHostOptions {
  databaseUrl?: string;
  autoConfirm?: boolean;
  /** Tests share a template cache; default ~/.cache/serverless-lab/baas. */
  templateCacheDir?: string;
  /** How long one statement may run in PGlite's worker thread before it is restarted (default 30). */
  statementTimeoutSeconds?: number;
  /** The port to try first (the workspace's last one), so URLs in scripts and functions survive a restart. */
  preferredPort?: number;
}

/** Owns the one running BaaS of this window. */
export class BaasHost implements vscode.Disposable {
  private running?: RunningBaas;
  private starting?: Promise<RunningBaas>;
  private stateValue: BaasState = 'stopped';
  private lastError?: string;
  private actor: ActingAs = { kind: 'service' };
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly dataChanged = new vscode.EventEmitter<void>();
  /** Fires when the state, the URL or the acting-as user changes. */
  readonly onDidChange = this.changed.event;
  /** Fires after the explorer wrote data (rows, users), so views refresh. */
  readonly onDidChangeData = this.dataChanged.event;
  /** Every API call the running BaaS answered. */
  readonly requests = new RequestLog();
  private readonly willRun = new Set<(baas: RunningBaas) => Promise<void>>();

  /**
   * Runs `hook` on every start, after the database and server are up and before the state becomes `running`
   * (and the status bar shows the URL): what it connects, such as change events, then misses nothing a client
   * does once it sees the BaaS running. A failing hook is logged; it never fails the start.
   */
  onWillRun(hook: (baas: RunningBaas) => Promise<void>): vscode.Disposable {
    this.willRun.add(hook);
    return { dispose: () => this.willRun.delete(hook) };
  }

  constructor(private readonly workspace: string | undefined, private readonly isTrusted: () => boolean) {
    if (!workspace) this.stateValue = 'noFolder';
    else if (!isTrusted()) this.stateValue = 'untrusted';
  }

  /** The current state. */
  get state(): BaasState {
    return this.stateValue;
  }

  /** Why the last start failed (shown in views), if it did. */
  get error(): string | undefined {
    return this.lastError;
  }

  /** `<workspace>/.serverless-lab/baas`; undefined without a folder. */
  get dataRoot(): string | undefined {
    return this.workspace && path.join(this.workspace, BAAS_DATA_DIR);
  }

  /** The workspace folder the BaaS serves. */
  get workspaceFolder(): string | undefined {
    return this.workspace;
  }

  /** The running BaaS, if any. */
  get current(): RunningBaas | undefined {
    return this.running;
  }

  /** The running BaaS; throws an actionable error otherwise. */
  require(): RunningBaas {
    if (!this.running) throw new Error('The BaaS is not running: run "Serverless Lab: Start BaaS" first.');
    return this.running;
  }

  /** Who the explorer and SQL console act as. */
  get actingAs(): ActingAs {
    return this.actor;
  }

  /** A label for banners: "alice@example.com (authenticated)". */
  get actingLabel(): string {
    return actingLabel(this.actor);
  }

  /** The claims of the acting-as caller (service role bypasses RLS). */
  claims(): JwtClaims {
    return claimsFor(this.actor);
  }

  /** Switches who every view acts as. */
  actAs(actor: ActingAs): void {
    this.actor = actor;
    this.changed.fire();
  }

  /** Tells views that data changed. */
  touched(): void {
    this.dataChanged.fire();
  }

  /** Re-reads Workspace Trust (after the learner grants it). */
  trustChanged(): void {
    if (this.stateValue === 'untrusted' && this.isTrusted()) this.set('stopped');
  }

  /** Starts the BaaS (or returns the one starting or running). Refused in untrusted workspaces and without a folder. */
  async start(options: BaasHostOptions, onProgress?: (message: string) => void): Promise<RunningBaas> {
    if (this.running) return this.running;
    if (this.starting) return this.starting;
    if (!this.workspace) throw new Error('Open a folder first: the BaaS keeps its data in the workspace (.serverless-lab/baas).');
    if (!this.isTrusted()) {
      this.set('untrusted');
      throw new Error('The BaaS does not start in an untrusted workspace: it runs the workspace\'s migrations. Trust the folder (Manage Workspace Trust) to use it.');
    }
    const workspace = this.workspace;
    this.lastError = undefined;
    this.set('starting');
    onProgress?.(options.databaseUrl ? 'Connecting to the Postgres server…' : 'Opening the embedded Postgres (PGlite); the very first start builds a template, which can take a minute…');
    this.starting = startBaas({
      workspace,
      databaseUrl: options.databaseUrl || undefined,
      autoConfirm: options.autoConfirm,
      templateCacheDir: options.templateCacheDir,
      // PGlite runs in a worker thread: a learner's runaway SQL must never block the extension host.
      worker: {
        statementTimeoutMs: Math.max(1, options.statementTimeoutSeconds ?? 30) * 1000,
        onRestart: (reason) => log.warn(`The embedded database was restarted: ${reason}.`),
      },
      onError: (err) => log.error(`API error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
      ...(options.preferredPort ? { port: options.preferredPort, portIsPreference: true } : {}),
    });
    try {
      this.running = await this.starting;
      this.running.onRequest((entry) => this.requests.add(entry));
      for (const hook of [...this.willRun]) {
        await hook(this.running).catch((err: unknown) => log.warn(`while starting the BaaS: ${err instanceof Error ? err.message : String(err)}`));
      }
      log.info(`BaaS running at ${this.running.url} (${this.running.db.kind})`);
      this.set('running');
      return this.running;
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      this.set('failed');
      throw err;
    } finally {
      this.starting = undefined;
    }
  }

  /** Stops the server and closes the database cleanly (PGlite flushes its data directory). */
  async stop(): Promise<void> {
    if (this.starting) await this.starting.catch(() => undefined);
    const running = this.running;
    if (!running) return;
    this.set('stopping');
    this.running = undefined;
    try {
      await running.close();
      log.info('BaaS stopped');
    } finally {
      this.set('stopped');
    }
  }

  /** Calls the running BaaS's HTTP API as the service role (admin operations), returning the parsed JSON. */
  async serviceFetch(apiPath: string, init: { method?: string; body?: unknown } = {}): Promise<unknown> {
    const baas = this.require();
    const res = await fetch(`${baas.url}${apiPath}`, {
      method: init.method ?? 'GET',
      headers: { apikey: baas.serviceRoleKey, authorization: `Bearer ${baas.serviceRoleKey}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    const value: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      const v = value as { msg?: string; message?: string } | undefined;
      throw new Error(v?.msg ?? v?.message ?? `${init.method ?? 'GET'} ${apiPath} failed with ${res.status}`);
    }
    return value;
  }

  /**
   * Sends a logged request again as `actor` (a fresh token signed with the workspace secret); returns the new entry.
   * The server never logs bodies, so only body-less requests (reads, deletes) can be replayed.
   */
  async replay(entry: RequestEntry, actor: ActingAs): Promise<RequestEntry | undefined> {
    this.require();
    if (!REPLAYABLE_METHODS.includes(entry.method)) throw new Error(`Only ${REPLAYABLE_METHODS.join(', ')} requests can be replayed: the BaaS never logs request bodies. Send the ${entry.method} again from your client as the other user.`);
    const all = this.requests.list();
    const before = all.length ? all[all.length - 1].id : 0;
    await this.fetchAs(`${entry.path}${entry.query ? `?${entry.query}` : ''}`, { method: entry.method }, actor);
    return this.requests.list().find((e) => e.id > before);
  }

  /**
   * Calls the running BaaS's HTTP API as `actor` (default: the acting-as caller), as a client would: the key of
   * its role and, for a user, a token signed with the workspace secret. So RLS, the storage layer's limits and
   * events apply, and the request monitor shows the call. Returns the status, headers and raw body.
   */
  async fetchAs(apiPath: string, init: { method?: string; body?: Uint8Array | string; headers?: Record<string, string> } = {}, actor: ActingAs = this.actor): Promise<{ status: number; headers: Headers; body: Buffer }> {
    const baas = this.require();
    const res = await fetch(`${baas.url}${apiPath}`, { method: init.method ?? 'GET', headers: { ...(await this.authHeaders(actor)), ...init.headers }, body: typeof init.body === 'string' || init.body === undefined ? init.body : new Uint8Array(init.body) });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  }

  private async authHeaders(actor: ActingAs): Promise<Record<string, string>> {
    const baas = this.require();
    const key = actor.kind === 'service' ? baas.serviceRoleKey : baas.anonKey;
    const bearer = actor.kind === 'user' ? await signJwt({ ...claimsFor(actor), iss: 'serverless-lab' }, await loadOrCreateSecret(this.dataRoot as string), 3600) : key;
    return { apikey: key, authorization: `Bearer ${bearer}` };
  }

  private set(state: BaasState): void {
    this.stateValue = state;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
    this.dataChanged.dispose();
  }
}
