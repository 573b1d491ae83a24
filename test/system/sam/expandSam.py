"""Expands a SAM template (JSON on stdin, intrinsics in long form) with aws-sam-translator and prints the
CloudFormation JSON it deploys. Used by leastPrivilege.test.ts; aws-sam-translator is what SAM CLI and cfn-lint run."""
import json
import os
import sys

from samtranslator.parser import parser
from samtranslator.translator.translator import Translator

template = json.load(sys.stdin)
# The translator reads the region for ARNs from the environment (as cfn-lint sets it); no AWS call is made.
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
# What `sam package` does before the transform runs: local CodeUri folders become S3 locations.
for resource in template.get("Resources", {}).values():
    props = resource.get("Properties", {})
    if resource.get("Type") == "AWS::Serverless::Function" and isinstance(props.get("CodeUri"), str) and not props["CodeUri"].startswith("s3://"):
        props["CodeUri"] = "s3://bucket/" + props["CodeUri"].strip("./") + "code.zip"
# No managed policy names are looked up: an empty map makes a policy given by name fail loudly instead.
translator = Translator(managed_policy_map={}, sam_parser=parser.Parser())
expanded = translator.translate(sam_template=template, parameter_values={})
json.dump(expanded, sys.stdout, indent=1, default=str)
