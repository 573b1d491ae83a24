"""{{name}}: scheduled job (EventBridge cron or rate rule). Single responsibility: one periodic task."""
import json
import os

# Module scope runs once per sandbox (cold start): create boto3 clients here so warm calls reuse them.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")


def log(level, message, **fields):
    print(json.dumps({"level": level, "message": message, "service": SERVICE, **fields}))


def lambda_handler(event, context):
    {{cursor}}# Use the scheduled time, not the clock: a retried or late run then covers the same window (idempotent).
    window = event["time"][:10]
    # Leave a safety margin before the function's own timeout and stop early rather than be killed mid-write.
    if context.get_remaining_time_in_millis() < 1000:
        raise RuntimeError("not enough time left to run the job")
    log("info", "scheduled run", requestId=context.aws_request_id, rule=(event.get("resources") or [None])[0], window=window)
    return {"window": window}
