// {{name}}: Azure Functions timer trigger (Node.js v4 programming model). Single responsibility: one periodic task.
// Deploy with Azure Functions Core Tools (npm i @azure/functions). Locally, ./lambdaShim.ts runs it in Serverless Lab's invoker.
import { app, type InvocationContext, type Timer } from '@azure/functions';

// Module scope runs once per worker (cold start): create SDK clients here so warm calls reuse them.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';

export async function {{camelName}}(timer: Timer, context: InvocationContext): Promise<void> {
  {{cursor}}// isPastDue marks a catch-up run after downtime: keep the job idempotent so a repeated window is harmless.
  if (timer.isPastDue) context.warn(JSON.stringify({ level: 'warn', message: 'late run', service: SERVICE, invocationId: context.invocationId }));
  context.log(JSON.stringify({ level: 'info', message: 'scheduled run', service: SERVICE, invocationId: context.invocationId, next: timer.scheduleStatus?.next }));
}

// NCRONTAB with seconds: every day at 02:00 UTC.
app.timer('{{name}}', { schedule: '0 0 2 * * *', handler: {{camelName}} });
