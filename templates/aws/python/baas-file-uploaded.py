"""{{name}}: runs when a file is uploaded to a bucket of the local BaaS's storage. Single responsibility: inspect the new file.

The rule that invokes it is this function's "events" in .serverless-lab/functions.json (source aws.s3,
"Object Created", the bucket): change "avatars" there to your bucket. The event is S3's EventBridge event
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html), so the same code reads S3 uploads on AWS.
"""
import json
import os

# Module scope runs once per sandbox (cold start): create the storage client here so warm calls reuse it.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")
MAX_BYTES = int(os.environ.get("MAX_BYTES", "10000000"))


def log(level, message, **fields):
    print(json.dumps({"level": level, "message": message, "service": SERVICE, **fields}))


def lambda_handler(event, context):
    {{cursor}}bucket = event["detail"]["bucket"]["name"]
    key = event["detail"]["object"]["key"]
    size = event["detail"]["object"].get("size", 0)
    # Validate before doing work: skip files this function is not meant to handle.
    if size > MAX_BYTES:
        log("warn", "file too large, skipped", requestId=context.aws_request_id, bucket=bucket, key=key, size=size)
        return {"bucket": bucket, "key": key, "size": size, "skipped": True}
    # Writing results to another bucket (or prefix the rule does not match) avoids re-triggering this function in a loop.
    log("info", "file received", requestId=context.aws_request_id, bucket=bucket, key=key, size=size, uploadedBy=event["detail"]["requester"])
    return {"bucket": bucket, "key": key, "size": size, "skipped": False}
