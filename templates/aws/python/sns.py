"""{{name}}: SNS subscriber. Single responsibility: react to one order notification."""
import json
import os

# Module scope runs once per sandbox (cold start): create boto3 clients here so warm calls reuse them.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")


def log(level, message, **fields):
    print(json.dumps({"level": level, "message": message, "service": SERVICE, **fields}))


def lambda_handler(event, context):
    {{cursor}}for record in event["Records"]:
        sns = record["Sns"]
        try:
            payload = json.loads(sns["Message"])
        except ValueError:
            # A malformed message will never succeed: log it and move on instead of failing (retries would not help).
            log("warn", "message is not JSON, skipped", requestId=context.aws_request_id, messageId=sns["MessageId"])
            continue
        # SNS may deliver more than once: anything with side effects should be idempotent on MessageId.
        log("info", "notification received", requestId=context.aws_request_id, messageId=sns["MessageId"], subject=sns.get("Subject"), payload=payload)
