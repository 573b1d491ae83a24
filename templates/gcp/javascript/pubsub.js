// {{name}}: Google Cloud Functions CloudEvent function for Pub/Sub (functions-framework). Single responsibility: react to one order message.
// Deploy with gcloud functions deploy --trigger-topic (npm i @google-cloud/functions-framework). Locally, ./lambdaShim.js runs it in Serverless Lab's invoker.
const functions = require('@google-cloud/functions-framework');

// Module scope runs once per instance (cold start): create SDK clients here so warm calls reuse them.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';

function log(severity, message, fields) {
  console.log(JSON.stringify({ severity, message, service: SERVICE, ...fields }));
}

async function {{camelName}}(cloudEvent) {
  {{cursor}}const message = cloudEvent.data?.message;
  let payload;
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
exports.{{camelName}} = {{camelName}};
