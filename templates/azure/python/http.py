"""{{name}}: Azure Functions HTTP trigger (Python v2 programming model). Single responsibility: validate and accept an order.

Deploy with Azure Functions Core Tools (pip install azure-functions). Locally, lambda_shim.py runs it in Serverless Lab's invoker.
"""
import json
import logging
import os

import azure.functions as func

# Module scope runs once per worker (cold start): create SDK clients here so warm calls reuse them. No per-request state here.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")
app = func.FunctionApp()


def log(level, message, **fields):
    """Structured JSON logging: one object per line, queryable in Application Insights."""
    logging.getLogger(SERVICE).log(getattr(logging, level.upper()), json.dumps({"level": level, "message": message, "service": SERVICE, **fields}))


def respond(status_code, body):
    return func.HttpResponse(json.dumps(body), status_code=status_code, mimetype="application/json")


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


@app.route(route="{{name}}", methods=["POST"], auth_level=func.AuthLevel.FUNCTION)
def {{snakeName}}(req: func.HttpRequest) -> func.HttpResponse:
    {{cursor}}try:
        order, error = parse_order(req.get_body().decode("utf-8"))
        if error:
            log("warning", "rejected request", reason=error)
            return respond(400, {"error": error})
        # Give any downstream call a timeout shorter than this function's, which is shorter than the HTTP caller's (230 s on Azure's load balancer).
        log("info", "order accepted", orderId=order["orderId"])
        return respond(201, {**order, "status": "accepted"})
    except Exception as err:  # noqa: BLE001 - the boundary: log the detail, return a generic 500 that leaks no internals
        log("error", "unhandled error", error=str(err))
        return respond(500, {"error": "internal error"})
