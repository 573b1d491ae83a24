// {{name}}: Azure Functions HTTP trigger (Node.js v4 programming model). Single responsibility: validate and accept an order.
// Deploy with Azure Functions Core Tools (npm i @azure/functions). Locally, ./lambdaShim.ts runs it in Serverless Lab's invoker.
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';

// Module scope runs once per worker (cold start): create SDK clients here so warm calls reuse them. No per-request state here.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';

interface Order { orderId: string; quantity: number }

/** Input validation at the edge: bad input is the caller's fault, so it gets a 400, never a 500. */
function parseOrder(body: string): Order | string {
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

export async function {{camelName}}(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  {{cursor}}const invocationId = context.invocationId;
  try {
    const order = parseOrder(await request.text());
    if (typeof order === 'string') {
      // Structured JSON logging: one object per line, queryable in Application Insights.
      context.warn(JSON.stringify({ level: 'warn', message: 'rejected request', service: SERVICE, invocationId, reason: order }));
      return { status: 400, jsonBody: { error: order } };
    }
    // Give any downstream call a timeout shorter than this function's, which is shorter than the HTTP caller's (230 s on Azure's load balancer).
    context.log(JSON.stringify({ level: 'info', message: 'order accepted', service: SERVICE, invocationId, orderId: order.orderId }));
    return { status: 201, jsonBody: { ...order, status: 'accepted' } };
  } catch (err) {
    // Unexpected failure: log the detail, return a generic 500 that leaks no internals.
    context.error(JSON.stringify({ level: 'error', message: 'unhandled error', service: SERVICE, invocationId, error: String(err) }));
    return { status: 500, jsonBody: { error: 'internal error' } };
  }
}

app.http('{{name}}', { methods: ['POST'], authLevel: 'function', handler: {{camelName}} });
