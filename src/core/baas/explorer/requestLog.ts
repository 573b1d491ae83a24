/**
 * The request monitor's log: every API call the BaaS answered, newest last, with who called, what happened and,
 * for table calls, the row-level security policies that decided. Pure: the server feeds it, views read it.
 */
import type { RequestLogEntry } from '../api/types';
import type { RlsReport } from '../api/rest/types';
import type { JwtClaims } from '../db/types';

/** Who made a request, as the monitor labels it. */
export interface Caller {
  kind: 'anon' | 'user' | 'service' | 'unauthenticated';
  /** The user's id, for `user`. */
  sub?: string;
  email?: string;
}

/** What the monitor concludes about row-level security for one request. */
export type Decision = 'allowed' | 'denied' | 'bypassed' | 'no-rls' | 'filtered';

/** One request in the monitor. */
export interface RequestEntry {
  id: number;
  /** Epoch ms when the request was answered. */
  time: number;
  method: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
  caller: Caller;
  /** The JWT claims the database saw (`request.jwt.claims`). */
  claims?: JwtClaims;
  sql?: string;
  rls?: RlsReport;
  decision?: Decision;
  /** Why, in one sentence a learner can read. */
  explanation?: string;
}

/** Methods "Replay as another user" can resend: the server never logs bodies, so only body-less requests. */
export const REPLAYABLE_METHODS: readonly string[] = ['GET', 'HEAD', 'DELETE'];

/** Labels the caller from verified claims. */
export function callerOf(claims: JwtClaims | undefined): Caller {
  if (!claims) return { kind: 'unauthenticated' };
  if (claims.role === 'service_role') return { kind: 'service' };
  if (claims.role === 'authenticated') return { kind: 'user', sub: claims.sub, email: typeof claims.email === 'string' ? claims.email : undefined };
  return { kind: 'anon' };
}

/**
 * Explains a table request's RLS outcome. Postgres does not say which policy let each row through, so an
 * allowed request names the candidate policies; a read that RLS filters to nothing is indistinguishable from an
 * empty table, so it is labelled `filtered` only when no policy applies to the caller's role.
 */
export function decide(status: number, rls: RlsReport | undefined, role: string | undefined): { decision?: Decision; explanation?: string } {
  if (!rls) return {};
  if (role === 'service_role') return { decision: 'bypassed', explanation: 'The service role bypasses row-level security (BYPASSRLS).' };
  if (!rls.rlsEnabled) return { decision: 'no-rls', explanation: `Row-level security is off on ${rls.table}: every ${rls.role} request the grants allow gets every row.` };
  const names = rls.policies.map((p) => p.name).join(', ');
  if (rls.denied || status === 401 || status === 403) {
    return { decision: 'denied', explanation: rls.policies.length ? `Postgres refused it: no ${rls.command} policy among ${names} passed (${rls.denied ?? `status ${status}`}).` : `Postgres refused it: RLS is on and no ${rls.command} policy applies to ${rls.role}, so nothing is allowed.` };
  }
  if (status >= 400) return {};
  if (!rls.policies.length) {
    return { decision: 'filtered', explanation: `RLS is on and no ${rls.command} policy applies to ${rls.role}: Postgres hid every row (an empty result, not an error).` };
  }
  return { decision: 'allowed', explanation: `Rows pass when any permissive policy passes: ${names}.` };
}

/** Builds a monitor entry from what the server reports. */
export function toEntry(id: number, served: RequestLogEntry): RequestEntry {
  return {
    id,
    time: Date.parse(served.at),
    method: served.method,
    path: served.path,
    query: served.query,
    status: served.status,
    durationMs: served.durationMs,
    caller: callerOf(served.claims),
    claims: served.claims,
    sql: served.sql,
    rls: served.rls,
    ...decide(served.status, served.rls, served.claims?.role),
  };
}

/** Filters of the monitor view; every field is optional. */
export interface RequestFilter {
  caller?: Caller['kind'];
  /** e.g. `4` for every 4xx. */
  statusClass?: number;
  decision?: Decision;
  /** Case-insensitive substring of method, path or query. */
  text?: string;
}

/** True when `entry` passes `filter`. */
export function matchesFilter(entry: RequestEntry, filter: RequestFilter): boolean {
  if (filter.caller && entry.caller.kind !== filter.caller) return false;
  if (filter.statusClass && Math.floor(entry.status / 100) !== filter.statusClass) return false;
  if (filter.decision && entry.decision !== filter.decision) return false;
  if (filter.text) {
    const hay = `${entry.method} ${entry.path}?${entry.query}`.toLowerCase();
    if (!hay.includes(filter.text.toLowerCase())) return false;
  }
  return true;
}

/** A bounded log of entries (oldest dropped first) with change listeners. */
export class RequestLog {
  private readonly entries: RequestEntry[] = [];
  private nextId = 1;
  private readonly listeners = new Set<(entry: RequestEntry) => void>();

  constructor(private readonly capacity = 1000) {}

  /** Records a served request and tells the listeners. */
  add(served: RequestLogEntry): RequestEntry {
    const entry = toEntry(this.nextId++, served);
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  /** Entries that pass `filter`, oldest first. */
  list(filter: RequestFilter = {}): RequestEntry[] {
    return this.entries.filter((e) => matchesFilter(e, filter));
  }

  /** One entry by id. */
  get(id: number): RequestEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.length = 0;
  }

  /** Subscribes to new entries; returns the unsubscribe function. */
  onEntry(listener: (entry: RequestEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
