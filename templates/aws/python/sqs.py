"""{{name}}: SQS consumer. Single responsibility: process each order message once."""
import json
import os

# Module scope runs once per sandbox (cold start): create boto3 clients here so warm calls reuse them.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")
# SQS delivers at least once, so processing must be idempotent. This set only dedupes inside one sandbox;
# in production record processed messageIds durably (e.g. a DynamoDB conditional put) instead.
PROCESSED = set()


def log(level, message, **fields):
    print(json.dumps({"level": level, "message": message, "service": SERVICE, **fields}))


def process_record(record):
    """Handles one message; raises when it cannot, so only that message is retried."""
    if record["messageId"] in PROCESSED:
        return  # duplicate delivery: already done
    order = json.loads(record["body"])
    if not isinstance(order, dict) or not isinstance(order.get("orderId"), str):
        raise ValueError("message has no orderId")
    log("info", "order processed", messageId=record["messageId"], orderId=order["orderId"])
    PROCESSED.add(record["messageId"])


def lambda_handler(event, context):
    {{cursor}}batch_item_failures = []
    for record in event["Records"]:
        try:
            process_record(record)
        except Exception as err:  # noqa: BLE001 - one bad message must not fail the whole batch
            log("error", "message failed", requestId=context.aws_request_id, messageId=record["messageId"], error=str(err))
            # Partial batch response (needs ReportBatchItemFailures on the event source): only failures return to the queue.
            batch_item_failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": batch_item_failures}
