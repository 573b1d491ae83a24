// {{name}}: runs when a row is inserted into a table of the local BaaS. Single responsibility: react to the new row.
// The rule that invokes it is this function's "events" in .serverless-lab/functions.json (source
// serverless-lab.database, the table and INSERT): change "todos" there to your table. The detail is
// Supabase's database-webhook payload (https://supabase.com/docs/guides/database/webhooks):
// { type, table, schema, record, old_record }.

// Module scope runs once per sandbox (cold start): create clients here so warm calls reuse them.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';

function log(level, message, fields) {
  console.log(JSON.stringify({ level, message, service: SERVICE, ...fields }));
}

exports.handler = async (event, context) => {
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
