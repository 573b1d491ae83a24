"""A minimal Lambda-style handler in Python."""
import json
import time

# Module-level code runs once per sandbox: the "function init" phase of a cold start.
STARTED_AT = time.time()
INVOCATIONS = 0


def lambda_handler(event, context):
    global INVOCATIONS
    INVOCATIONS += 1
    name = (event or {}).get("name", "world") if isinstance(event, dict) else "world"
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps({
            "message": f"Hello, {name}!",
            "sandboxStartedAt": STARTED_AT,
            "invocationsInThisSandbox": INVOCATIONS,
            "remainingMs": context.get_remaining_time_in_millis(),
        }),
    }
