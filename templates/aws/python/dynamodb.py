"""{{name}}: DynamoDB Streams consumer. Single responsibility: react to new orders."""
import json
import os

# Module scope runs once per sandbox (cold start): create boto3 clients here so warm calls reuse them.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")


def log(level, message, **fields):
    print(json.dumps({"level": level, "message": message, "service": SERVICE, **fields}))


def process_record(record):
    """Streams retry a failed batch from the failed record on, so side effects must be idempotent (key on the item)."""
    if record["eventName"] != "INSERT":
        return
    ddb = record.get("dynamodb", {})
    item_id = ddb.get("Keys", {}).get("id", {}).get("S")
    if not item_id:
        raise ValueError('record has no string key "id"')
    log("info", "new item", eventId=record["eventID"], id=item_id, status=ddb.get("NewImage", {}).get("status", {}).get("S"))


def lambda_handler(event, context):
    {{cursor}}batch_item_failures = []
    for record in event["Records"]:
        try:
            process_record(record)
        except Exception as err:  # noqa: BLE001 - report the failed record instead of failing the whole batch
            log("error", "record failed", requestId=context.aws_request_id, eventId=record["eventID"], error=str(err))
            # Report the first failure's sequence number (ReportBatchItemFailures): records before it are checkpointed.
            batch_item_failures.append({"itemIdentifier": record.get("dynamodb", {}).get("SequenceNumber", "")})
            break  # stream order matters: stop at the first failure
    return {"batchItemFailures": batch_item_failures}
