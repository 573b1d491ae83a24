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


# Error documents, error logging and the logging setup follow awslambdaric (bootstrap.py and
# lambda_runtime_log_utils.py in aws/aws-lambda-python-runtime-interface-client, read 2026-11-27).
_ERROR_LINE_END = "\r"  # joins an error's lines: one log event, as the managed runtime writes it
_NBSP = "\u00a0"  # traceback indentation becomes no-break spaces, so the event keeps its layout
_JSON_LOGS = (os.environ.get("AWS_LAMBDA_LOG_FORMAT") or "").upper() == "JSON"
_request_id = None
_logging_ready = False


def error_doc(exc, request_id=""):
    """errorMessage, errorType, requestId and stackTrace, without this bootstrap's own frames."""
    import traceback  # only on the error path

    frames = traceback.extract_tb(exc.__traceback__)
    # awslambdaric drops the leading frames of its bootstrap: the learner's code starts the trace.
    for i, frame in enumerate(frames):
        if frame.filename != __file__:
            frames = frames[i:]
            break
    else:
        frames = []
    return {
        "errorMessage": str(exc),
        "errorType": type(exc).__name__,
        "requestId": request_id or "",
        "stackTrace": traceback.format_list(frames),
    }


def log_error(doc):
    """Writes an error as one log event: text `[ERROR] Type: message` plus traceback, or one JSON object."""
    if _JSON_LOGS:
        line = json.dumps(dict({"timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "log_level": "ERROR"}, **doc), ensure_ascii=False)
        sys.stdout.write(line + "\n")
        return
    head = "[ERROR]"
    if doc.get("errorType"):
        head += " " + doc["errorType"]
    if doc.get("errorMessage"):
        head += (":" if doc.get("errorType") else "") + " " + doc["errorMessage"]
    lines = [head]
    if doc.get("stackTrace") is not None:
        lines.append("Traceback (most recent call last):")
        for element in doc["stackTrace"]:
            for line in element.splitlines() or [""]:
                stripped = line.lstrip(" ")
                lines.append(_NBSP * (len(line) - len(stripped)) + stripped)
    sys.stdout.write(_ERROR_LINE_END.join(lines) + "\n")


def setup_logging():
    """The root logger's handler as the managed runtime installs it, honouring AWS_LAMBDA_LOG_LEVEL/FORMAT."""
    global _logging_ready
    import logging

    _logging_ready = True
    logging.Formatter.converter = time.gmtime
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL")
    level = {None: "", "TRACE": "DEBUG"}.get(level, level).upper()

    class RequestIdFilter(logging.Filter):
        def filter(self, record):
            record.aws_request_id = _request_id or ""
            return True

    class StdoutHandler(logging.Handler):
        def emit(self, record):
            sys.stdout.write(self.format(record))

    handler = StdoutHandler()
    if _JSON_LOGS:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S"))
    root = logging.getLogger()
    if level in logging._nameToLevel:
        root.setLevel(level)
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)


class SetupLoggingOnImport:
    """Installs the managed runtime's root handler when the function first imports `logging`.

    Importing logging costs about a third of a bare interpreter's start (traceback, string, threading),
    so a function that never logs should not pay it in its Init Duration. Configuring on first import
    gives the same observable behaviour as configuring up front: no record can be emitted before
    logging exists.
    """

    def find_spec(self, name, path=None, target=None):
        if name != "logging":
            return None
        sys.meta_path.remove(self)
        spec = None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = find(name, path, target) if find else None
            if spec is not None:
                break
        if spec is None or spec.loader is None or isinstance(spec.loader, type):
            return spec  # not a per-module loader (frozen or builtin): main() configures it before the next invocation
        exec_module = spec.loader.exec_module

        def exec_then_setup(module):
            exec_module(module)
            setup_logging()

        spec.loader.exec_module = exec_then_setup
        return spec


def _json_formatter():
    import logging

    # LogRecord attributes that are not copied into the JSON object as extra fields.
    reserved = {"name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info", "exc_text",
                "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated", "thread", "threadName",
                "processName", "process", "aws_request_id", "tenant_id", "_frame_type", "taskName"}

    class Json(logging.Formatter):
        """One JSON object per record: timestamp, level, message, logger, requestId, error fields, extras."""

        def __init__(self):
            super().__init__(datefmt="%Y-%m-%dT%H:%M:%SZ")

        def format(self, record):
            import traceback

            record.levelno = min(50, max(0, record.levelno)) // 10 * 10
            record.levelname = logging.getLevelName(record.levelno)
            exc = record.exc_info
            doc = {
                "timestamp": self.formatTime(record, self.datefmt),
                "level": record.levelname,
                "message": record.getMessage(),
                "logger": record.name,
                "stackTrace": traceback.format_tb(exc[2]) if exc else None,
                "errorType": exc[0].__name__ if exc else None,
                "errorMessage": str(exc[1]) if exc else None,
                "requestId": getattr(record, "aws_request_id", None),
                "location": "%s:%s:%s" % (record.pathname, record.funcName, record.lineno) if exc else None,
            }
            doc.update((k, v) for k, v in record.__dict__.items() if k not in reserved and k not in doc)
            return json.dumps({k: v for k, v in doc.items() if v is not None}, ensure_ascii=False, default=str) + "\n"

    return Json


def JsonFormatter():
    return _json_formatter()()


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


def _own_maxrss_is_trustworthy():
    """Linux keeps ru_maxrss across fork and exec, so a sandbox spawned by a large host starts with the
    host's peak. When the counter already exceeds this process's own RSS at start-up it is not ours: send
    no figure, and the invoker reads the per-process peak (VmHWM, reset on exec) from /proc instead."""
    if resource is None or not sys.platform.startswith("linux"):
        return True
    try:
        with open("/proc/self/statm") as statm:
            rss_kb = int(statm.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, ValueError, IndexError):
        return True
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss <= rss_kb + 8192


TRUST_MAXRSS = _own_maxrss_is_trustworthy()


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
    if resource is None or not TRUST_MAXRSS:  # the invoker then measures (or reports memory as not measured)
        return {"X-SL-Flush-Markers": str(markers)}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # macOS reports bytes, Linux KiB
        peak //= 1024
    return {"X-SL-Flush-Markers": str(markers), "X-SL-Max-Rss-Kb": str(peak)}


def load_handler():
    """Imports the handler, mapping failures to the managed runtime's init error types."""
    task_root = os.environ.get("LAMBDA_TASK_ROOT", ".")
    handler_file = os.environ.pop("SL_HANDLER_FILE", "")
    name = os.environ.pop("SL_HANDLER_NAME", "lambda_handler")
    module_dir = os.path.dirname(handler_file) or task_root
    module_name = os.path.splitext(os.path.basename(handler_file))[0]
    sys.path.insert(0, module_dir)
    import importlib

    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise InitError("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, exc))
    except SyntaxError as exc:
        trace = ['  File "%s" Line %s\n    %s' % (exc.filename, exc.lineno, exc.text)]
        raise InitError("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, exc), trace)
    # Any other exception raised by top-level code keeps its own type (ValueError, KeyError, ...).
    fn = getattr(module, name, None)
    if not callable(fn):
        raise InitError("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (name, module_name))
    return fn


class InitError(Exception):
    def __init__(self, error_type, message, trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.trace = trace


# Logged before an init failure, as the managed runtime does (awslambdaric lambda_literals.py).
UNHANDLED_WARNING = (
    "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. However, in rare cases, "
    "a Lambda runtime update can cause unexpected function behavior. For functions using managed runtimes, runtime updates "
    "can be triggered by a function change, or can be applied automatically. To determine if the runtime has been updated, "
    "check the runtime version in the INIT_START log entry. If this error correlates with a change in the runtime version, "
    "you may be able to mitigate this error by temporarily rolling back to the previous runtime version. For more "
    "information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html\r"
)


def main():
    global _request_id
    sys.stdout = TrackedStream(sys.stdout)
    sys.stderr = TrackedStream(sys.stderr)
    client = RapidClient(os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001"))
    os.environ.setdefault("AWS_EXECUTION_ENV", "AWS_Lambda_python%d.%d" % sys.version_info[:2])
    load_start = time.perf_counter()
    try:
        if "logging" in sys.modules:
            setup_logging()
        else:
            sys.meta_path.insert(0, SetupLoggingOnImport())
        handler = load_handler()
        doc = None
    except InitError as exc:
        doc = {"errorMessage": str(exc), "errorType": exc.error_type, "requestId": "", "stackTrace": exc.trace or []}
    except Exception as exc:  # top-level code raised: reported with its own type
        doc = error_doc(exc)
    if doc is not None:
        import logging

        logging.warning(UNHANDLED_WARNING)
        log_error(doc)
        post_error(client, BASE + "/init/error", doc)
        sys.exit(1)
    load_end = time.perf_counter()
    extra = hints("init")
    extra["X-SL-Runtime-Init-Ms"] = "%.3f" % ((load_start - _boot) * 1000)
    extra["X-SL-Function-Init-Ms"] = "%.3f" % ((load_end - load_start) * 1000)
    next_request = ("GET", BASE + "/invocation/next", None, None)
    _, headers, body = client.request("GET", BASE + "/invocation/next", None, extra)
    while True:
        if not _logging_ready and "logging" in sys.modules:
            setup_logging()  # imported through a loader SetupLoggingOnImport could not wrap
        request_id = headers.get("lambda-runtime-aws-request-id")
        _request_id = request_id
        trace = headers.get("lambda-runtime-trace-id")
        if trace:
            os.environ["_X_AMZN_TRACE_ID"] = trace
        try:
            result = handler(json.loads(body), LambdaContext(headers))
            post = ("POST", BASE + "/invocation/%s/response" % request_id, json.dumps(result), hints(request_id))
        except Exception as exc:
            doc = error_doc(exc, request_id)
            log_error(doc)
            error_headers = {"Content-Type": ERROR_CT, "Lambda-Runtime-Function-Error-Type": doc["errorType"]}
            error_headers.update(hints(request_id))
            post = ("POST", BASE + "/invocation/%s/error" % request_id, json.dumps(doc), error_headers)
        # Post the result and ask for the next event in one write (HTTP pipelining).
        _, headers, body = client.pipeline([post, next_request])[1]


if __name__ == "__main__":
    main()
