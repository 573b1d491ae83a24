"""{{name}}: EventBridge rule target for a custom event. Single responsibility: handle "OrderPlaced"."""
import json
import os

# Module scope runs once per sandbox (cold start): create boto3 clients here so warm calls reuse them.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")


def log(level, message, **fields):
    print(json.dumps({"level": level, "message": message, "service": SERVICE, **fields}))


def lambda_handler(event, context):
    {{cursor}}detail = event.get("detail") or {}
    order_id, total = detail.get("orderId"), detail.get("total")
    # The rule's pattern filters by source and detail-type, but validate the detail you depend on.
    if not isinstance(order_id, str) or not isinstance(total, (int, float)):
        raise ValueError(f"invalid {event.get('detail-type')} detail from {event.get('source')}")  # async target: retried, then the DLQ
    # Delivery is at least once: make side effects idempotent on event["id"].
    log("info", "order placed", requestId=context.aws_request_id, eventId=event["id"], orderId=order_id, total=total)
    return {"orderId": order_id, "accepted": True}
