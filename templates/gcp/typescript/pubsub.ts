// {{name}}: Google Cloud Functions CloudEvent function for Pub/Sub (functions-framework). Single responsibility: react to one order message.
// Deploy with gcloud functions deploy --trigger-topic (npm i @google-cloud/functions-framework). Locally, ./lambdaShim.ts runs it in Serverless Lab's invoker.
import * as functions from '@google-cloud/functions-framework';

// Module scope runs once per instance (cold start): create SDK clients here so warm calls reuse them.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';

/** The CloudEvent data of google.cloud.pubsub.topic.v1.messagePublished. */
interface MessagePublishedData {
  message: { data?: string; messageId: string; publishTime: string; attributes?: Record<string, string> };
  subscription: string;
}

function log(severity: 'INFO' | 'WARNING' | 'ERROR', message: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ severity, message, service: SERVICE, ...fields }));
}

export async function {{camelName}}(cloudEvent: functions.CloudEvent<MessagePublishedData>): Promise<void> {
  {{cursor}}const message = cloudEvent.data?.message;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(message?.data ?? '', 'base64').toString('utf8'));
  } catch {
    // A malformed message will never succeed: log it and return (acknowledged) instead of failing into endless retries.
    log('WARNING', 'message is not JSON, skipped', { eventId: cloudEvent.id });
    return;
  }
  // Pub/Sub delivers at least once: anything with side effects should be idempotent on cloudEvent.id.
  log('INFO', 'message received', { eventId: cloudEvent.id, messageId: message?.messageId, payload });
}

functions.cloudEvent('{{name}}', {{camelName}});
