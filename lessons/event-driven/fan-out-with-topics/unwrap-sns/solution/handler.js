// Subscribed to the "orders" SNS topic with a filter policy on the `priority` message attribute.
// Lambda receives one SNS notification per invocation, wrapped in an envelope:
//   {"Records": [{"EventSource": "aws:sns", "Sns": {"MessageId", "TopicArn", "Message", "MessageAttributes", ...}}]}
// Returns which order to expedite: {"orderId": "o-1", "priority": "high"}.
exports.handler = async (event) => {
  const sns = event.Records[0].Sns;
  // SNS carries the published message as a string: the publisher's JSON must be parsed.
  const order = JSON.parse(sns.Message);
  // Attributes arrive as { Type, Value } pairs, and may be absent when no filter policy requires them.
  const priority = sns.MessageAttributes?.priority?.Value ?? 'normal';
  return { orderId: order.orderId, priority };
};
