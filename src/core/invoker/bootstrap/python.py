# Python runtime bootstrap: the Lambda Runtime API loop inside each Python sandbox (standard library only).
# Mirrors the managed Python runtime: import `module`, look up `function` (_HANDLER = "module.function"),
# then GET /invocation/next, call handler(event, context), POST /response or /error.
# Docs (read 2026-11-26): https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
#   https://docs.aws.amazon.com/lambda/latest/dg/python-context.html
#   https://docs.aws.amazon.com/lambda/latest/dg/python-exceptions.html
# Imports are kept to C modules where possible: http.client would add ~15 ms to every cold start and
# socket.py (enum, selectors) ~10 ms more than the `_socket` extension it wraps.
import time

_boot = time.perf_counter()
import _socket  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

try:
    import resource  # noqa: E402  (POSIX only: Windows has no getrusage)
except ImportError:
    resource = None

BASE = "/2018-06-01/runtime"
ERROR_CT = "application/vnd.aws.lambda.error+json"


class RapidClient:
    """One keep-alive HTTP/1.1 connection to AWS_LAMBDA_RUNTIME_API; requests are sequential."""

    def __init__(self, address):
        host, port = address.split(":")
        self.addr = (host, int(port))
        self.sock = None
        self.buf = b""
        self.host_line = "Host: %s:%d\r\n" % self.addr

    def request(self, method, path, body=None, headers=None):
        return self.pipeline([(method, path, body, headers)])[0]

    def pipeline(self, requests):
        """Sends requests in one write (HTTP/1.1 pipelining) and reads their responses in order."""
        if self.sock is None:
            self.sock = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
            self.sock.connect(self.addr)
            self.sock.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
        out = b""
        for method, path, body, headers in requests:
            data = body.encode("utf-8") if body is not None else b""
            head = "%s %s HTTP/1.1\r\n%s" % (method, path, self.host_line)
            for k, v in (headers or {}).items():
                head += "%s: %s\r\n" % (k, v)
            head += "Content-Length: %d\r\n\r\n" % len(data)
            out += head.encode("latin-1") + data
        self.sock.sendall(out)
        return [self._read() for _ in requests]

    def _read(self):
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        end = self.buf.index(b"\r\n\r\n")
        lines = self.buf[:end].decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        hdrs = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            hdrs[k.strip().lower()] = v.strip()
        length = int(hdrs.get("content-length", "0"))
        while len(self.buf) < end + 4 + length:
            self._fill()
        payload = self.buf[end + 4:end + 4 + length]
        self.buf = self.buf[end + 4 + length:]
        return status, hdrs, payload

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("Runtime API connection closed")
        self.buf += chunk


class LambdaContext:
    """The context object as the managed Python runtime provides it."""

    # Fixed for the life of the environment: read once (os.environ lookups encode keys on every call).
    _static = None

    def __init__(self, headers):
        static = LambdaContext._static
        if static is None:
            env = os.environ
            static = LambdaContext._static = (
                env.get("AWS_LAMBDA_FUNCTION_NAME"), env.get("AWS_LAMBDA_FUNCTION_VERSION"),
                int(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")), env.get("AWS_LAMBDA_LOG_GROUP_NAME"), env.get("AWS_LAMBDA_LOG_STREAM_NAME"),
            )
        self.function_name, self.function_version, self.memory_limit_in_mb, self.log_group_name, self.log_stream_name = static
        self.invoked_function_arn = headers.get("lambda-runtime-invoked-function-arn")
        self.aws_request_id = headers.get("lambda-runtime-aws-request-id")
        self._deadline = int(headers.get("lambda-runtime-deadline-ms", "0"))
        identity = headers.get("lambda-runtime-cognito-identity")
        client_context = headers.get("lambda-runtime-client-context")
        self.identity = json.loads(identity) if identity else None
        self.client_context = json.loads(client_context) if client_context else None

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline - int(time.time() * 1000))


def error_doc(exc, error_type=None):
    import traceback  # only on the error path

    tb = traceback.extract_tb(exc.__traceback__)
    return {
        "errorMessage": str(exc),
        "errorType": error_type or type(exc).__name__,
        "requestId": "",
        "stackTrace": traceback.format_list(tb),
    }


def post_error(client, path, doc):
    body = json.dumps(doc)
    client.request("POST", path, body, {"Content-Type": ERROR_CT, "Lambda-Runtime-Function-Error-Type": doc["errorType"]})


FLUSH_MARKER = "\u0000SL-FLUSH:"


class TrackedStream:
    """Wraps stdout/stderr to know whether anything was written since the last invocation."""

    def __init__(self, stream):
        self._stream = stream
        self.dirty = False

    def write(self, text):
        self.dirty = True
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def hints(request_id):
    """Headers our invoker reads. Flush markers: the invoker reads the pipes up to them, so every
    line lands in its own invocation. ru_maxrss is the kernel's peak RSS (KiB on Linux), the same
    counter as /proc VmHWM."""
    markers = 0
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, TrackedStream) and stream.dirty:
            stream._stream.write(FLUSH_MARKER + request_id + "\n")
            stream._stream.flush()
            stream.dirty = False
            markers += 1
    if resource is None:  # the invoker then reports memory as not measured on this OS
        return {"X-SL-Flush-Markers": str(markers)}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # macOS reports bytes, Linux KiB
        peak //= 1024
    return {"X-SL-Flush-Markers": str(markers), "X-SL-Max-Rss-Kb": str(peak)}


def load_handler():
    """Imports the handler, mapping failures to the managed runtime's init error types."""
    task_root = os.environ.get("LAMBDA_TASK_ROOT", ".")
    handler_file = os.environ.get("SL_HANDLER_FILE", "")
    name = os.environ.get("SL_HANDLER_NAME", "lambda_handler")
    module_dir = os.path.dirname(handler_file) or task_root
    module_name = os.path.splitext(os.path.basename(handler_file))[0]
    sys.path.insert(0, module_dir)
    try:
        import importlib

        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        raise InitError("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, exc))
    except SyntaxError as exc:
        raise InitError("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, exc))
    except Exception as exc:  # top-level code raised
        raise InitError("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, exc))
    fn = getattr(module, name, None)
    if not callable(fn):
        raise InitError("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (name, module_name))
    return fn


class InitError(Exception):
    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type


def main():
    sys.stdout = TrackedStream(sys.stdout)
    sys.stderr = TrackedStream(sys.stderr)
    client = RapidClient(os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001"))
    os.environ.setdefault("AWS_EXECUTION_ENV", "AWS_Lambda_python%d.%d" % sys.version_info[:2])
    load_start = time.perf_counter()
    try:
        handler = load_handler()
    except InitError as exc:
        doc = {"errorMessage": str(exc), "errorType": exc.error_type, "requestId": "", "stackTrace": []}
        sys.stdout.write("[ERROR] %s: %s\nTraceback (most recent call last):\n" % (exc.error_type, exc))
        post_error(client, BASE + "/init/error", doc)
        sys.exit(129)
    load_end = time.perf_counter()
    extra = hints("init")
    extra["X-SL-Runtime-Init-Ms"] = "%.3f" % ((load_start - _boot) * 1000)
    extra["X-SL-Function-Init-Ms"] = "%.3f" % ((load_end - load_start) * 1000)
    next_request = ("GET", BASE + "/invocation/next", None, None)
    _, headers, body = client.request("GET", BASE + "/invocation/next", None, extra)
    while True:
        request_id = headers.get("lambda-runtime-aws-request-id")
        trace = headers.get("lambda-runtime-trace-id")
        if trace:
            os.environ["_X_AMZN_TRACE_ID"] = trace
        try:
            result = handler(json.loads(body), LambdaContext(headers))
            post = ("POST", BASE + "/invocation/%s/response" % request_id, json.dumps(result), hints(request_id))
        except Exception as exc:
            doc = error_doc(exc)
            doc["requestId"] = request_id
            sys.stdout.write("[ERROR] %s: %s\nTraceback (most recent call last):\n%s" % (doc["errorType"], doc["errorMessage"], "".join(doc["stackTrace"])))
            error_headers = {"Content-Type": ERROR_CT, "Lambda-Runtime-Function-Error-Type": doc["errorType"]}
            error_headers.update(hints(request_id))
            post = ("POST", BASE + "/invocation/%s/error" % request_id, json.dumps(doc), error_headers)
        # Post the result and ask for the next event in one write (HTTP pipelining).
        _, headers, body = client.pipeline([post, next_request])[1]


if __name__ == "__main__":
    main()
