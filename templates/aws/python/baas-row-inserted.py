"""{{name}}: runs when a row is inserted into a table of the local BaaS. Single responsibility: react to the new row.

The rule that invokes it is this function's "events" in .serverless-lab/functions.json (source
serverless-lab.database, the table and INSERT): change "todos" there to your table. The detail is
Supabase's database-webhook payload (https://supabase.com/docs/guides/database/webhooks):
{ type, table, schema, record, old_record }.
"""
import json
import os

# Module scope runs once per sandbox (cold start): create clients here so warm calls reuse them.
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")


def log(level, message, **fields):
    print(json.dumps({"level": level, "message": message, "service": SERVICE, **fields}))


def lambda_handler(event, context):
    {{cursor}}change = event["detail"]
    # The rule already picks inserts; check anyway, since its pattern can be edited to send more.
    if change["type"] != "INSERT" or not change.get("record"):
        why = "row too big to announce: read it from the table" if change.get("truncated") else f"not an insert ({change['type']})"
        log("warn", f"skipped: {why}", requestId=context.aws_request_id, table=change["table"])
        return {"handled": False}
    row = change["record"]
    # Events arrive at least once: make the work idempotent on the row's primary key.
    log("info", "row inserted", requestId=context.aws_request_id, table=f"{change['schema']}.{change['table']}", id=row["id"])
    return {"handled": True, "table": change["table"], "id": row["id"]}
