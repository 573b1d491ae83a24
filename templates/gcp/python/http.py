"""{{name}}: Google Cloud Functions HTTP function (functions-framework). Single responsibility: validate and accept an order.

Deploy with gcloud functions deploy --entry-point {{snakeName}} (pip install functions-framework). Locally, lambda_shim.py runs it in Serverless Lab's invoker.
"""
import json
import os

import functions_framework

# Module scope runs once per instance (cold start): create SDK clients here so warm calls reuse them. No per-request state here.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")


def log(severity, message, **fields):
    """Structured logging: Cloud Logging reads "severity" and "message" from JSON lines on stdout."""
    print(json.dumps({"severity": severity, "message": message, "service": SERVICE, **fields}))


def respond(status, body):
    return json.dumps(body), status, {"Content-Type": "application/json"}


def parse_order(data):
    """Input validation at the edge: bad input is the caller's fault, so it gets a 400, never a 500."""
    if not isinstance(data, dict):
        return None, "body must be a JSON object"
    if not isinstance(data.get("orderId"), str) or not data["orderId"]:
        return None, "orderId must be a non-empty string"
    quantity = data.get("quantity")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        return None, "quantity must be a positive integer"
    return {"orderId": data["orderId"], "quantity": quantity}, None


@functions_framework.http
def {{snakeName}}(request):
    {{cursor}}trace = request.headers.get("X-Cloud-Trace-Context")
    try:
        order, error = parse_order(request.get_json(silent=True))
        if error:
            log("WARNING", "rejected request", trace=trace, reason=error)
            return respond(400, {"error": error})
        # Give any downstream call a timeout shorter than this function's, which is shorter than the caller's.
        log("INFO", "order accepted", trace=trace, orderId=order["orderId"])
        return respond(201, {**order, "status": "accepted"})
    except Exception as err:  # noqa: BLE001 - the boundary: log the detail, return a generic 500 that leaks no internals
        log("ERROR", "unhandled error", trace=trace, error=str(err))
        return respond(500, {"error": "internal error"})
