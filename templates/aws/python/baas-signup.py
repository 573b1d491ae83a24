"""{{name}}: runs when a user signs up in the local BaaS. Single responsibility: send the welcome mail.

The rule that invokes it is this function's "events" in .serverless-lab/functions.json (source
serverless-lab.auth, detail-type "User Signed Up"); the event's shape is in docs/baas.md.
"""
import json
import os
import urllib.request

# Module scope runs once per sandbox (cold start).
SERVICE = os.environ.get("SERVICE_NAME", "{{name}}")
MAIL_FROM = os.environ.get("MAIL_FROM", "welcome@example.com")


def log(level, message, **fields):
    print(json.dumps({"level": level, "message": message, "service": SERVICE, **fields}))


def send_mail(mail, idempotency_key):
    """Sends one mail through a transactional mail API.

    The local BaaS's (MAIL_API_URL and MAIL_API_KEY are set while it runs; the mail lands in its Inbox),
    or a provider such as Resend with the same two variables. Returns False when no mail API is
    configured (as in the unit test), so the rest of the handler still runs.
    """
    url = os.environ.get("MAIL_API_URL")
    key = os.environ.get("MAIL_API_KEY")
    if not url or not key:
        log("warn", "MAIL_API_URL or MAIL_API_KEY is not set (start the BaaS, or configure a mail provider): mail not sent")
        return False
    request = urllib.request.Request(
        url,
        data=json.dumps({"from": MAIL_FROM, **mail}).encode("utf-8"),
        method="POST",
        # The same key as a bearer token (providers) and as apikey (the local BaaS).
        # Events arrive at least once: an idempotency key lets a provider drop a repeated send.
        headers={"content-type": "application/json", "authorization": f"Bearer {key}", "apikey": key, "idempotency-key": idempotency_key},
    )
    # urlopen raises HTTPError on a 4xx/5xx answer: the invocation fails, so the event rule's asynchronous invocation retries it.
    with urllib.request.urlopen(request, timeout=5) as response:
        response.read()
    return True


def lambda_handler(event, context):
    {{cursor}}user = event["detail"]["user"]
    if not user.get("email"):
        log("info", "user has no email address, nothing to send", requestId=context.aws_request_id, userId=user["id"])
        return {"to": None, "sent": False}
    name = user.get("user_metadata", {}).get("name") or "there"
    text = f"Hi {name},\n\nthanks for signing up. We are glad you are here."
    sent = send_mail({"to": user["email"], "subject": "Welcome!", "text": text}, f"welcome-{user['id']}")
    # Never log personal data such as the email address: log the opaque user id only.
    log("info", "welcome mail sent" if sent else "welcome mail not sent", requestId=context.aws_request_id, userId=user["id"])
    return {"to": user["email"], "sent": sent}
