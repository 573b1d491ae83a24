"""{{name}}: HTTP API handler (API Gateway payload 2.0). Single responsibility: validate and accept an order."""
import base64
import json
import os

# Module scope runs once per sandbox (cold start): create boto3 clients here so warm calls reuse them. No per-request state here.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")


def log(level, message, **fields):
    """Structured JSON logging: one object per line, queryable in CloudWatch Logs Insights."""
    print(json.dumps({"level": level, "message": message, "service": SERVICE, **fields}))


def response(status_code, body):
    return {"statusCode": status_code, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}


def parse_order(body):
    """Input validation at the edge: bad input is the caller's fault, so it gets a 400, never a 500."""
    if not body:
        return None, "body is required"
    try:
        data = json.loads(body)
    except ValueError:
        return None, "body must be JSON"
    if not isinstance(data, dict) or not isinstance(data.get("orderId"), str) or not data["orderId"]:
        return None, "orderId must be a non-empty string"
    quantity = data.get("quantity")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        return None, "quantity must be a positive integer"
    return {"orderId": data["orderId"], "quantity": quantity}, None


def lambda_handler(event, context):
    {{cursor}}request_id = context.aws_request_id
    try:
        body = event.get("body")
        if body and event.get("isBase64Encoded"):
            body = base64.b64decode(body).decode("utf-8")
        order, error = parse_order(body)
        if error:
            log("warn", "rejected request", requestId=request_id, reason=error)
            return response(400, {"error": error})
        # Give any downstream call a timeout shorter than this function's, which is shorter than API Gateway's 30 s.
        log("info", "order accepted", requestId=request_id, orderId=order["orderId"])
        return response(201, {**order, "status": "accepted"})
    except Exception as err:  # noqa: BLE001 - the boundary: log the detail, return a generic 500 that leaks no internals
        log("error", "unhandled error", requestId=request_id, error=str(err))
        return response(500, {"error": "internal error"})
