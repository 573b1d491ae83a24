// {{name}}: runs when a row is inserted into a table of the local BaaS. Single responsibility: react to the new row.
// The rule that invokes it is this function's "events" in .serverless-lab/functions.json (source
// serverless-lab.database, the table and INSERT): change "todos" there to your table. The detail is
// Supabase's database-webhook payload (https://supabase.com/docs/guides/database/webhooks).
// Types come from @types/aws-lambda (npm i -D @types/aws-lambda); type-only imports vanish at run time.
import type { Context, EventBridgeEvent } from 'aws-lambda';

/** A row change as Supabase database webhooks send it; `truncated` (ours) marks a row too big to announce. */
interface DatabaseChange<Row> {
  type: 'INSERT' | 'UPDATE' | 'DELETE';
  table: string;
  schema: string;
  record: Row | null;
  old_record: Row | null;
  truncated?: true;
}

/** The columns this function uses; describe your table's here. */
interface Row {
  id: number;
  [column: string]: unknown;
}

// Module scope runs once per sandbox (cold start): create clients here so warm calls reuse them.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';

function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ level, message, service: SERVICE, ...fields }));
}

export const handler = async (event: EventBridgeEvent<'Database Change', DatabaseChange<Row>>, context: Context): Promise<{ handled: boolean; table?: string; id?: number }> => {
  {{cursor}}const change = event.detail;
  // The rule already picks inserts; check anyway, since its pattern can be edited to send more.
  if (change.type !== 'INSERT' || !change.record) {
    const why = change.truncated ? 'row too big to announce: read it from the table' : `not an insert (${change.type})`;
    log('warn', `skipped: ${why}`, { requestId: context.awsRequestId, table: change.table });
    return { handled: false };
  }
  // Events arrive at least once: make the work idempotent on the row's primary key.
  log('info', 'row inserted', { requestId: context.awsRequestId, table: `${change.schema}.${change.table}`, id: change.record.id });
  return { handled: true, table: change.table, id: change.record.id };
};
