// {{name}}: scheduled job (EventBridge cron or rate rule). Single responsibility: one periodic task.
// Types come from @types/aws-lambda (npm i -D @types/aws-lambda); type-only imports vanish at run time.
import type { Context, ScheduledEvent } from 'aws-lambda';

// Module scope runs once per sandbox (cold start): create SDK clients here so warm calls reuse them.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';

function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ level, message, service: SERVICE, ...fields }));
}

export const handler = async (event: ScheduledEvent, context: Context): Promise<{ window: string }> => {
  {{cursor}}// Use the scheduled time, not the clock: a retried or late run then covers the same window (idempotent).
  const window = event.time.slice(0, 10);
  // Leave a safety margin before the function's own timeout and stop early rather than be killed mid-write.
  if (context.getRemainingTimeInMillis() < 1000) throw new Error('not enough time left to run the job');
  log('info', 'scheduled run', { requestId: context.awsRequestId, rule: event.resources[0], window });
  return { window };
};
