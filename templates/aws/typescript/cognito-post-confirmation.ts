// {{name}}: Cognito user pool post-confirmation trigger. Single responsibility: welcome a confirmed user.
// Types come from @types/aws-lambda (npm i -D @types/aws-lambda); type-only imports vanish at run time.
import type { Context, PostConfirmationTriggerEvent } from 'aws-lambda';

// Module scope runs once per sandbox (cold start): create SDK clients here so warm calls reuse them.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';

function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ level, message, service: SERVICE, ...fields }));
}

export const handler = async (event: PostConfirmationTriggerEvent, context: Context): Promise<PostConfirmationTriggerEvent> => {
  {{cursor}}// Cognito waits for this trigger (5 s limit) and fails the sign-up if it throws: keep it short.
  if (event.triggerSource === 'PostConfirmation_ConfirmSignUp') {
    // Never log personal data such as the email address: log the opaque user name only.
    log('info', 'user confirmed', { requestId: context.awsRequestId, userPoolId: event.userPoolId, userName: event.userName });
  }
  return event; // Cognito requires the event back
};
