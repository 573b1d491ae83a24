// {{name}}: HTTP API handler (API Gateway payload 2.0). Single responsibility: validate and accept an order.
// Types come from @types/aws-lambda (npm i -D @types/aws-lambda); type-only imports vanish at run time.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

// Module scope runs once per sandbox (cold start): create SDK clients here so warm calls reuse them. No per-request state here.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';

interface Order { orderId: string; quantity: number }

/** Structured JSON logging: one object per line, queryable in CloudWatch Logs Insights. */
function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ level, message, service: SERVICE, ...fields }));
}

function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Input validation at the edge: bad input is the caller's fault, so it gets a 400, never a 500. */
function parseOrder(body: string | undefined): Order | string {
  if (!body) return 'body is required';
  let data: Partial<Order>;
  try {
    data = JSON.parse(body) as Partial<Order>;
  } catch {
    return 'body must be JSON';
  }
  if (typeof data.orderId !== 'string' || data.orderId === '') return 'orderId must be a non-empty string';
  if (typeof data.quantity !== 'number' || !Number.isInteger(data.quantity) || data.quantity < 1) return 'quantity must be a positive integer';
  return { orderId: data.orderId, quantity: data.quantity };
}

export const handler = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
  {{cursor}}const requestId = context.awsRequestId;
  try {
    const raw = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    const order = parseOrder(raw);
    if (typeof order === 'string') {
      log('warn', 'rejected request', { requestId, reason: order });
      return json(400, { error: order });
    }
    // Give any downstream call a timeout shorter than this function's, which is shorter than API Gateway's 30 s.
    log('info', 'order accepted', { requestId, orderId: order.orderId });
    return json(201, { ...order, status: 'accepted' });
  } catch (err) {
    // Unexpected failure: log the detail, return a generic 500 that leaks no internals.
    log('error', 'unhandled error', { requestId, error: String(err) });
    return json(500, { error: 'internal error' });
  }
};
