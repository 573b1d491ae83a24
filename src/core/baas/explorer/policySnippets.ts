/** "New policy…" snippets for the common RLS patterns, in Supabase's own style (https://supabase.com/docs/guides/database/postgres/row-level-security, read 2026-11-27). */
import { quoteIdent } from '../api/rest/sqlBuilder';

/** One snippet the Policies view offers. */
export interface PolicySnippet {
  id: 'owner-only' | 'public-read' | 'authenticated-insert';
  label: string;
  detail: string;
  sql: string;
}

/** Snippets for `table`; `ownerColumn` is the column that holds the owner's user id. */
export function policySnippets(table: string, ownerColumn = 'user_id'): PolicySnippet[] {
  const t = `public.${quoteIdent(table)}`;
  const owner = quoteIdent(ownerColumn);
  return [
    {
      id: 'owner-only',
      label: 'Owner only',
      detail: `Each user reads and changes only rows whose ${ownerColumn} is their id.`,
      sql: `alter table ${t} enable row level security;\n\ncreate policy "Owners manage their rows" on ${t}\n  for all to authenticated\n  using ((select auth.uid()) = ${owner})\n  with check ((select auth.uid()) = ${owner});\n`,
    },
    {
      id: 'public-read',
      label: 'Public read',
      detail: 'Anyone, signed in or not, can read every row; nobody can write through the API.',
      sql: `alter table ${t} enable row level security;\n\ncreate policy "Anyone can read" on ${t}\n  for select to anon, authenticated\n  using (true);\n`,
    },
    {
      id: 'authenticated-insert',
      label: 'Authenticated insert',
      detail: `Signed-in users can add rows, only as themselves (${ownerColumn} must be their id).`,
      sql: `alter table ${t} enable row level security;\n\ncreate policy "Signed-in users can insert their own rows" on ${t}\n  for insert to authenticated\n  with check ((select auth.uid()) = ${owner});\n`,
    },
  ];
}
