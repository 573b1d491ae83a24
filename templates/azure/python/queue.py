"""{{name}}: Azure Functions Storage Queue trigger (Python v2 programming model). Single responsibility: process one order message.

Deploy with Azure Functions Core Tools (pip install azure-functions). Locally, lambda_shim.py runs it in Serverless Lab's invoker.
"""
import json
import logging
import os

import azure.functions as func

# Module scope runs once per worker (cold start): create SDK clients here so warm calls reuse them.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")
app = func.FunctionApp()
# Queue messages are delivered at least once, so processing must be idempotent. This set only dedupes inside
# one worker; in production record processed message ids durably (e.g. a Table Storage insert that fails on duplicates).
PROCESSED = set()


def log(level, message, **fields):
    logging.getLogger(SERVICE).log(getattr(logging, level.upper()), json.dumps({"level": level, "message": message, "service": SERVICE, **fields}))


@app.queue_trigger(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
def {{snakeName}}(msg: func.QueueMessage) -> None:
    {{cursor}}if msg.id in PROCESSED:
        return  # duplicate delivery: already done
    order = json.loads(msg.get_body().decode("utf-8"))
    # Raising makes the host retry this message (up to maxDequeueCount, then the -poison queue).
    if not isinstance(order, dict) or not isinstance(order.get("orderId"), str):
        raise ValueError("message has no orderId")
    log("info", "order processed", messageId=msg.id, orderId=order["orderId"], dequeueCount=msg.dequeue_count)
    PROCESSED.add(msg.id)
