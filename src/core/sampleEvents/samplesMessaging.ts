// Messaging, schedule and identity samples: SQS, SNS, EventBridge (custom and scheduled), Cognito.
// Shapes and field names follow the AWS pages cited in each `docUrl` (retrieved 2026-11-26).
import { createHash } from 'node:crypto';
import type { EventSample } from './types';

const region = 'us-east-1';
const account = '123456789012';

/** SQS batch with one standard-queue message; md5OfBody is the real MD5 of the body. */
export const sqs: EventSample = {
  id: 'sqs', label: 'SQS message batch', source: 'messaging', typeName: 'SQSEvent',
  docUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html',
  params: {
    queue: { description: 'Queue name', default: 'orders' },
    body: { description: 'Message body', default: '{"orderId":"o-1001","quantity":2}' },
    messageId: { description: 'Message id (use it as the idempotency key)', default: '059f36b4-87a3-44ab-83d2-661975830a7d' },
  },
  build: (p) => ({
    Records: [{
      messageId: p.messageId,
      receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...',
      body: p.body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1795694400000',
        SenderId: 'AIDAIENQZJOLO23YVJ4VO',
        ApproximateFirstReceiveTimestamp: '1795694400001',
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(p.body, 'utf8').digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${region}:${account}:${p.queue}`,
      awsRegion: region,
    }],
  }),
};

/** SNS notification delivered to Lambda. */
export const sns: EventSample = {
  id: 'sns', label: 'SNS notification', source: 'messaging', typeName: 'SNSEvent',
  docUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html',
  params: {
    topic: { description: 'Topic name', default: 'order-events' },
    subject: { description: 'Subject', default: 'OrderPlaced' },
    message: { description: 'Message text', default: '{"orderId":"o-1001"}' },
  },
  build: (p) => {
    // The subscription's ARN is the topic ARN plus the subscription id; the unsubscribe link names it.
    const subscriptionArn = `arn:aws:sns:${region}:${account}:${p.topic}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`;
    return {
    Records: [{
      EventVersion: '1.0',
      EventSubscriptionArn: subscriptionArn,
      EventSource: 'aws:sns',
      Sns: {
        SignatureVersion: '1',
        Timestamp: '2026-11-26T12:00:00.000Z',
        Signature: 'tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==',
        SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
        MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
        Message: p.message,
        MessageAttributes: {},
        Type: 'Notification',
        UnsubscribeUrl: `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
        TopicArn: `arn:aws:sns:${region}:${account}:${p.topic}`,
        Subject: p.subject,
      },
    }],
    };
  },
};

/** EventBridge custom event put by an application. */
export const eventbridgeCustom: EventSample = {
  id: 'eventbridge-custom', label: 'EventBridge custom event', source: 'messaging', typeName: 'EventBridgeEvent<string, unknown>',
  docUrl: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html',
  params: {
    source: { description: 'Event source', default: 'com.example.orders' },
    detailType: { description: 'detail-type', default: 'OrderPlaced' },
    detail: { description: 'detail (JSON object)', default: '{"orderId":"o-1001","total":42.5}' },
  },
  build: (p) => ({
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': p.detailType,
    source: p.source,
    account,
    time: '2026-11-26T12:00:00Z',
    region,
    resources: [],
    detail: JSON.parse(p.detail) as unknown,
  }),
};

/** EventBridge scheduled event (rate or cron rule). */
export const eventbridgeScheduled: EventSample = {
  id: 'eventbridge-scheduled', label: 'EventBridge scheduled event (cron/rate)', source: 'schedule', typeName: 'ScheduledEvent',
  docUrl: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html',
  params: {
    rule: { description: 'Rule name', default: 'nightly-report' },
    time: { description: 'Scheduled time (ISO 8601, UTC, no milliseconds)', default: '2026-11-26T02:00:00Z' },
  },
  build: (p) => ({
    version: '0',
    id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    time: p.time,
    region,
    resources: [`arn:aws:events:${region}:${account}:rule/${p.rule}`],
    detail: {},
  }),
};

/** Cognito user pool post-confirmation trigger (after sign-up). */
export const cognitoPostConfirmation: EventSample = {
  id: 'cognito-post-confirmation', label: 'Cognito post confirmation (sign-up)', source: 'identity', typeName: 'PostConfirmationTriggerEvent',
  docUrl: 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html',
  params: {
    userName: { description: 'User name (sub)', default: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' },
    email: { description: 'Email attribute', default: 'learner@example.com' },
  },
  build: (p) => ({
    version: '1',
    region,
    userPoolId: `${region}_EXAMPLE`,
    userName: p.userName,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '1example23456789' },
    triggerSource: 'PostConfirmation_ConfirmSignUp',
    request: {
      userAttributes: { sub: p.userName, 'cognito:user_status': 'CONFIRMED', email_verified: 'true', email: p.email },
    },
    response: {},
  }),
};
