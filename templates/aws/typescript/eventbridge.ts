// {{name}}: EventBridge rule target for a custom event. Single responsibility: handle "OrderPlaced".
// Types come from @types/aws-lambda (npm i -D @types/aws-lambda); type-only imports vanish at run time.
import type { Context, EventBridgeEvent } from 'aws-lambda';

// Module scope runs once per sandbox (cold start): create SDK clients here so warm calls reuse them.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';

interface OrderPlaced { orderId: string; total: number }

function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ level, message, service: SERVICE, ...fields }));
}

export const handler = async (event: EventBridgeEvent<'OrderPlaced', OrderPlaced>, context: Context): Promise<{ orderId: string; accepted: boolean }> => {
  {{cursor}}const { orderId, total } = event.detail;
  // The rule's pattern filters by source and detail-type, but validate the detail you depend on.
  if (typeof orderId !== 'string' || typeof total !== 'number') {
    throw new Error(`invalid ${event['detail-type']} detail from ${event.source}`); // async target: EventBridge retries, then the DLQ
  }
  // Delivery is at least once: make side effects idempotent on event.id.
  log('info', 'order placed', { requestId: context.awsRequestId, eventId: event.id, orderId, total });
  return { orderId, accepted: true };
};
