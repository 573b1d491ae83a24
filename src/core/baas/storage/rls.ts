/** What the request monitor learns about row-level security for a storage request (policies on `storage.objects`). */
import type { RlsReport } from '../api/rest/types';
import type { Database } from '../db/types';

/** The storage command an API call runs on `storage.objects`, as Supabase's docs list the permissions each needs. */
export function storageCommand(method: string, path: string): RlsReport['command'] | undefined {
  if (!path.startsWith('/object')) return undefined;
  if (/^\/object\/(move)$/.test(path)) return 'UPDATE';
  if (/^\/object\/(copy)$/.test(path)) return 'INSERT';
  if (method === 'POST' && /^\/object\/(list|sign|info|authenticated)\//.test(path)) return 'SELECT';
  if (/^\/object\/(public|sign)\//.test(path)) return undefined; // served without RLS: public bucket or signed token
  return ({ GET: 'SELECT', HEAD: 'SELECT', POST: 'INSERT', PUT: 'UPDATE', DELETE: 'DELETE' } as const)[method as 'GET'];
}

/** The policies on `storage.objects` that apply to `command` for `role`; Postgres does not say which one let a row through. */
export async function storageRlsReport(db: Database, command: RlsReport['command'], role: string, denied?: string): Promise<RlsReport> {
  const rows = (
    await db.query<{ policyname: string; permissive: string; roles: string[]; qual: string | null; with_check: string | null }>(
      `select policyname, permissive, roles, qual, with_check from pg_policies
        where schemaname = 'storage' and tablename = 'objects' and (cmd = 'ALL' or cmd = $1) and (roles && array['public', $2]::name[])`,
      [command, role],
    )
  ).rows;
  return {
    table: 'storage.objects',
    rlsEnabled: true,
    command,
    role,
    policies: rows.map((r) => ({ name: r.policyname, permissive: r.permissive === 'PERMISSIVE', roles: r.roles, using: r.qual, check: r.with_check })),
    ...(denied ? { denied } : {}),
  };
}
