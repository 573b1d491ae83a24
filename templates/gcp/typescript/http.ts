// {{name}}: Google Cloud Functions HTTP function (functions-framework). Single responsibility: validate and accept an order.
// Deploy with gcloud functions deploy (npm i @google-cloud/functions-framework). Locally, ./lambdaShim.ts runs it in Serverless Lab's invoker.
import * as functions from '@google-cloud/functions-framework';

// Module scope runs once per instance (cold start): create SDK clients here so warm calls reuse them. No per-request state here.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';

interface Order { orderId: string; quantity: number }

/** Structured logging: Cloud Logging reads "severity" and "message" from JSON lines on stdout. */
function log(severity: 'INFO' | 'WARNING' | 'ERROR', message: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ severity, message, service: SERVICE, ...fields }));
}

/** Input validation at the edge: bad input is the caller's fault, so it gets a 400, never a 500. */
function parseOrder(body: unknown): Order | string {
  if (body === undefined || body === null || typeof body !== 'object') return 'body must be a JSON object';
  const data = body as Partial<Order>;
  if (typeof data.orderId !== 'string' || data.orderId === '') return 'orderId must be a non-empty string';
  if (typeof data.quantity !== 'number' || !Number.isInteger(data.quantity) || data.quantity < 1) return 'quantity must be a positive integer';
  return { orderId: data.orderId, quantity: data.quantity };
}

export async function {{camelName}}(req: functions.Request, res: functions.Response): Promise<void> {
  {{cursor}}const trace = req.get('x-cloud-trace-context');
  try {
    // The framework has already parsed a JSON body (content-type: application/json) into req.body.
    const order = parseOrder(req.body);
    if (typeof order === 'string') {
      log('WARNING', 'rejected request', { trace, reason: order });
      res.status(400).json({ error: order });
      return;
    }
    // Give any downstream call a timeout shorter than this function's, which is shorter than the caller's.
    log('INFO', 'order accepted', { trace, orderId: order.orderId });
    res.status(201).json({ ...order, status: 'accepted' });
  } catch (err) {
    // Unexpected failure: log the detail, return a generic 500 that leaks no internals.
    log('ERROR', 'unhandled error', { trace, error: String(err) });
    res.status(500).json({ error: 'internal error' });
  }
}

functions.http('{{name}}', {{camelName}});
