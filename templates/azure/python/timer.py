"""{{name}}: Azure Functions timer trigger (Python v2 programming model). Single responsibility: one periodic task.

Deploy with Azure Functions Core Tools (pip install azure-functions). Locally, lambda_shim.py runs it in Serverless Lab's invoker.
"""
import json
import logging
import os

import azure.functions as func

# Module scope runs once per worker (cold start): create SDK clients here so warm calls reuse them.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")
app = func.FunctionApp()


def log(level, message, **fields):
    logging.getLogger(SERVICE).log(getattr(logging, level.upper()), json.dumps({"level": level, "message": message, "service": SERVICE, **fields}))


# NCRONTAB with seconds: every day at 02:00 UTC.
@app.timer_trigger(schedule="0 0 2 * * *", arg_name="timer", run_on_startup=False)
def {{snakeName}}(timer: func.TimerRequest) -> None:
    {{cursor}}# past_due marks a catch-up run after downtime: keep the job idempotent so a repeated window is harmless.
    if timer.past_due:
        log("warning", "late run")
    log("info", "scheduled run")
