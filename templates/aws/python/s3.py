"""{{name}}: S3 "object created" handler. Single responsibility: inspect each new object."""
import json
import os
from urllib.parse import unquote_plus

# Module scope runs once per sandbox (cold start): create the boto3 S3 client here so warm calls reuse it.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")
MAX_BYTES = int(os.environ.get("MAX_BYTES", "10000000"))


def log(level, message, **fields):
    print(json.dumps({"level": level, "message": message, "service": SERVICE, **fields}))


def lambda_handler(event, context):
    {{cursor}}for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        # S3 URL-encodes keys in notifications (spaces become '+'): decode before using them.
        key = unquote_plus(record["s3"]["object"]["key"])
        size = record["s3"]["object"].get("size", 0)
        # Validate before doing work: skip objects this function is not meant to handle.
        if size > MAX_BYTES:
            log("warn", "object too large, skipped", requestId=context.aws_request_id, bucket=bucket, key=key, size=size)
            continue
        # Writing results under another prefix or bucket avoids re-triggering this function in a loop.
        log("info", "object received", requestId=context.aws_request_id, bucket=bucket, key=key, size=size)
