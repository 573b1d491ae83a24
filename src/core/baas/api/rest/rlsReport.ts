/** What the request monitor learns about row-level security for one request. */
import { SchemaSnapshot } from './schemaCache';
import { RlsReport } from './types';

/**
 * The policies Postgres would consider for `command` as `role` on `table`. Postgres does not say
 * which policy let each row through, so this lists the candidates and, on 42501, the refusal.
 */
export function rlsReport(snapshot: SchemaSnapshot, table: string, command: RlsReport['command'], role: string, denied?: string): RlsReport | undefined {
  const info = snapshot.tables.get(table);
  if (!info) return undefined;
  const policies = snapshot.policies
    .filter((p) => p.table === table && (p.command === 'ALL' || p.command === command) && (p.roles.includes('public') || p.roles.includes(role)))
    .map((p) => ({ name: p.name, permissive: p.permissive, roles: p.roles, using: p.using, check: p.check }));
  return { table, rlsEnabled: info.rlsEnabled, command, role, policies, ...(denied ? { denied } : {}) };
}
