"""{{name}}: Google Cloud Functions CloudEvent function for Cloud Storage "object finalized" (functions-framework).

Single responsibility: inspect each new object. Deploy with gcloud functions deploy --trigger-bucket (pip install
functions-framework). Locally, lambda_shim.py runs it in Serverless Lab's invoker.
"""
import json
import os

import functions_framework

# Module scope runs once per instance (cold start): create the Storage client here so warm calls reuse it.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")
MAX_BYTES = int(os.environ.get("MAX_BYTES", "10000000"))


def log(severity, message, **fields):
    print(json.dumps({"severity": severity, "message": message, "service": SERVICE, **fields}))


@functions_framework.cloud_event
def {{snakeName}}(cloud_event):
    {{cursor}}data = cloud_event.data or {}
    bucket, name = data.get("bucket"), data.get("name")
    if not bucket or not name:
        raise ValueError("event has no bucket/name")  # retried if retries are enabled
    size = int(data.get("size", 0))
    # Validate before doing work: skip objects this function is not meant to handle.
    if size > MAX_BYTES:
        log("WARNING", "object too large, skipped", eventId=cloud_event["id"], bucket=bucket, name=name, size=size)
        return
    # Writing results to another bucket avoids re-triggering this function in a loop.
    log("INFO", "object received", eventId=cloud_event["id"], bucket=bucket, name=name, size=size)
