// Subscribed to the "orders" SNS topic with a filter policy on the `priority` message attribute.
// Lambda receives one SNS notification per invocation, wrapped in an envelope:
//   {"Records": [{"EventSource": "aws:sns", "Sns": {"MessageId", "TopicArn", "Message", "MessageAttributes", ...}}]}
// Returns which order to expedite: {"orderId": "o-1", "priority": "high"}.
exports.handler = async (event) => {
  const sns = event.Records[0].Sns;
  const order = sns.Message;
  const priority = sns.MessageAttributes.priority;
  return { orderId: order.orderId, priority };
};
