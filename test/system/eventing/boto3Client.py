# Drives the local event endpoint with boto3, as a learner's Python code would (AWS_ENDPOINT_URL
# and dummy credentials come from the environment). Prints one JSON document with what it saw.
import json
import boto3

sqs = boto3.client("sqs")
events = boto3.client("events")
sns = boto3.client("sns")
out = {}

url = sqs.create_queue(QueueName="py-orders", Attributes={"VisibilityTimeout": "0"})["QueueUrl"]
sqs.send_message(QueueUrl=url, MessageBody="from python", MessageAttributes={"k": {"DataType": "String", "StringValue": "v"}})
got = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["All"], MessageSystemAttributeNames=["ApproximateReceiveCount"])
out["body"] = got["Messages"][0]["Body"]
out["attr"] = got["Messages"][0]["MessageAttributes"]["k"]["StringValue"]
again = sqs.receive_message(QueueUrl=url, MessageSystemAttributeNames=["ApproximateReceiveCount"])
out["receiveCount"] = again["Messages"][0]["Attributes"]["ApproximateReceiveCount"]
sqs.delete_message(QueueUrl=url, ReceiptHandle=again["Messages"][0]["ReceiptHandle"])

events.put_rule(Name="py-rule", EventPattern=json.dumps({"source": ["py.shop"]}))
events.put_targets(Rule="py-rule", Targets=[{"Id": "q", "Arn": "arn:aws:sqs:us-east-1:123456789012:py-orders"}])
put = events.put_events(Entries=[{"Source": "py.shop", "DetailType": "OrderPlaced", "Detail": json.dumps({"id": 7})}])
out["failed"] = put["FailedEntryCount"]
routed = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)
out["routedDetail"] = json.loads(routed["Messages"][0]["Body"])["detail"]

topic = sns.create_topic(Name="py-topic")["TopicArn"]
sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint="arn:aws:sqs:us-east-1:123456789012:py-orders", Attributes={"RawMessageDelivery": "true"})
sqs.purge_queue(QueueUrl=url)
sns.publish(TopicArn=topic, Message="via sns")
out["snsBody"] = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)["Messages"][0]["Body"]

try:
    sqs.get_queue_url(QueueName="nope")
except sqs.exceptions.QueueDoesNotExist as e:
    out["missing"] = e.response["Error"]["Code"]
print(json.dumps(out))
