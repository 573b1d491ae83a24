// {{name}}: SNS subscriber. Single responsibility: react to one order notification.
// Types come from @types/aws-lambda (npm i -D @types/aws-lambda); type-only imports vanish at run time.
import type { Context, SNSEvent } from 'aws-lambda';

// Module scope runs once per sandbox (cold start): create SDK clients here so warm calls reuse them.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';

function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ level, message, service: SERVICE, ...fields }));
}

export const handler = async (event: SNSEvent, context: Context): Promise<void> => {
  {{cursor}}for (const record of event.Records) {
    const { MessageId, Subject, Message } = record.Sns;
    let payload: unknown;
    try {
      payload = JSON.parse(Message);
    } catch {
      // A malformed message will never succeed: log it and move on instead of failing (retries would not help).
      log('warn', 'message is not JSON, skipped', { requestId: context.awsRequestId, messageId: MessageId });
      continue;
    }
    // SNS may deliver more than once: anything with side effects should be idempotent on MessageId.
    log('info', 'notification received', { requestId: context.awsRequestId, messageId: MessageId, subject: Subject, payload });
  }
};
