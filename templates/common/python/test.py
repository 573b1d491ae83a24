"""Unit test for {{name}}: runs the handler against its own sample events.

Run: python3 -m unittest discover -s {{functionDir}} -p "{{testFile}}"   (or: python3 {{functionDir}}/{{testFile}})
"""
import importlib.util
import json
import pathlib
import unittest

HERE = pathlib.Path(__file__).resolve().parent
# Load handler.py by path so several functions' handler.py files never clash on sys.path.
_spec = importlib.util.spec_from_file_location("{{moduleName}}", HERE / "{{handlerBase}}")
handler_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(handler_module)

# Each sample event with the response fields it must produce (None: the handler returns nothing).
CASES = json.loads({{casesJsonString}})


class FakeContext:
    """A minimal Lambda context: enough for handlers that log the request id or check the remaining time."""

    aws_request_id = "test-request-id"
    function_name = "{{name}}"

    def get_remaining_time_in_millis(self):
        return 3000


class HandlerTest(unittest.TestCase):
    def test_sample_events(self):
        for case in CASES:
            with self.subTest(event=case["file"]):
                event = json.loads((HERE / case["file"]).read_text(encoding="utf-8"))
                result = handler_module.{{handlerName}}(event, FakeContext())
                if case["expect"] is None:
                    self.assertIsNone(result)
                    continue
                for key, value in case["expect"].items():
                    self.assertEqual(result[key], value, f'response field "{key}"')


if __name__ == "__main__":
    unittest.main()
