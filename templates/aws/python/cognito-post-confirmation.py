"""{{name}}: Cognito user pool post-confirmation trigger. Single responsibility: welcome a confirmed user."""
import json
import os

# Module scope runs once per sandbox (cold start): create boto3 clients here so warm calls reuse them.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")


def log(level, message, **fields):
    print(json.dumps({"level": level, "message": message, "service": SERVICE, **fields}))


def lambda_handler(event, context):
    {{cursor}}# Cognito waits for this trigger (5 s limit) and fails the sign-up if it raises: keep it short.
    if event["triggerSource"] == "PostConfirmation_ConfirmSignUp":
        # Never log personal data such as the email address: log the opaque user name only.
        log("info", "user confirmed", requestId=context.aws_request_id, userPoolId=event["userPoolId"], userName=event["userName"])
    return event  # Cognito requires the event back
