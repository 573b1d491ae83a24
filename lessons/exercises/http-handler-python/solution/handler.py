# An HTTP handler behind API Gateway or a function URL.
# POST a JSON body such as {"name": "Ada"}; answer 200 {"greeting": "Hello, Ada"}.
# A missing name or a body that is not JSON must get 400 {"error": "..."}.
import json


def reply(status_code, data):
    return {
        "statusCode": status_code,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(data),
    }


def lambda_handler(event, context):
    try:
        data = json.loads(event.get("body") or "")
    except ValueError:
        return reply(400, {"error": 'The body must be JSON, e.g. {"name": "Ada"}'})
    name = data.get("name") if isinstance(data, dict) else None
    if not isinstance(name, str) or not name:
        return reply(400, {"error": 'Give a non-empty "name"'})
    return reply(200, {"greeting": f"Hello, {name}"})
