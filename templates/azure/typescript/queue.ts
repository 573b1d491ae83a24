// {{name}}: Azure Functions Storage Queue trigger (Node.js v4 programming model). Single responsibility: process one order message.
// Deploy with Azure Functions Core Tools (npm i @azure/functions). Locally, ./lambdaShim.ts runs it in Serverless Lab's invoker.
import { app, type InvocationContext } from '@azure/functions';

// Module scope runs once per worker (cold start): create SDK clients here so warm calls reuse them.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';
// Queue messages are delivered at least once, so processing must be idempotent. This set only dedupes inside
// one worker; in production record processed message ids durably (e.g. a Table Storage insert that fails on duplicates).
const processed = new Set<string>();

export async function {{camelName}}(queueItem: unknown, context: InvocationContext): Promise<void> {
  {{cursor}}const messageId = String(context.triggerMetadata?.id ?? context.invocationId);
  if (processed.has(messageId)) return; // duplicate delivery: already done
  const order = (typeof queueItem === 'string' ? JSON.parse(queueItem) : queueItem) as { orderId?: unknown };
  // Throwing makes the host retry this message (up to maxDequeueCount, then the -poison queue).
  if (typeof order?.orderId !== 'string') throw new Error('message has no orderId');
  context.log(JSON.stringify({ level: 'info', message: 'order processed', service: SERVICE, messageId, orderId: order.orderId, dequeueCount: context.triggerMetadata?.dequeueCount }));
  processed.add(messageId);
}

app.storageQueue('{{name}}', { queueName: 'orders', connection: 'AzureWebJobsStorage', handler: {{camelName}} });
