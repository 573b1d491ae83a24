"""{{name}}: Google Cloud Functions CloudEvent function for Pub/Sub (functions-framework). Single responsibility: react to one order message.

Deploy with gcloud functions deploy --trigger-topic (pip install functions-framework). Locally, lambda_shim.py runs it in Serverless Lab's invoker.
"""
import base64
import json
import os

import functions_framework

# Module scope runs once per instance (cold start): create SDK clients here so warm calls reuse them.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")


def log(severity, message, **fields):
    print(json.dumps({"severity": severity, "message": message, "service": SERVICE, **fields}))


@functions_framework.cloud_event
def {{snakeName}}(cloud_event):
    {{cursor}}message = (cloud_event.data or {}).get("message", {})
    try:
        payload = json.loads(base64.b64decode(message.get("data", "")).decode("utf-8"))
    except ValueError:
        # A malformed message will never succeed: log it and return (acknowledged) instead of failing into endless retries.
        log("WARNING", "message is not JSON, skipped", eventId=cloud_event["id"])
        return
    # Pub/Sub delivers at least once: anything with side effects should be idempotent on cloud_event["id"].
    log("INFO", "message received", eventId=cloud_event["id"], messageId=message.get("messageId"), payload=payload)
