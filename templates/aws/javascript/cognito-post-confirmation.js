// {{name}}: Cognito user pool post-confirmation trigger. Single responsibility: welcome a confirmed user.
// Module scope runs once per sandbox (cold start): create SDK clients here so warm calls reuse them.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';

function log(level, message, fields) {
  console.log(JSON.stringify({ level, message, service: SERVICE, ...fields }));
}

exports.handler = async (event, context) => {
  {{cursor}}// Cognito waits for this trigger (5 s limit) and fails the sign-up if it throws: keep it short.
  if (event.triggerSource === 'PostConfirmation_ConfirmSignUp') {
    // Never log personal data such as the email address: log the opaque user name only.
    log('info', 'user confirmed', { requestId: context.awsRequestId, userPoolId: event.userPoolId, userName: event.userName });
  }
  return event; // Cognito requires the event back
};

