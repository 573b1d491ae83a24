// How each scaffold trigger maps to SAM: the event source, the resources it needs, and the IAM
// statements its execution role needs, each scoped to that resource's ARN. Specs (read 2026-11-27):
//   https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventsource.html
//   https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#events-sqs-permissions (sqs:ReceiveMessage, DeleteMessage, GetQueueAttributes)
//   https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-eventsourcemapping.html (DescribeStream, GetRecords, GetShardIterator, ListStreams)
// Statements instead of SAM policy templates: a function with its own Role gets no SAM-attached
// managed policies, and those (AWSLambdaSQSQueueExecutionRole, AWSLambdaDynamoDBExecutionRole) grant on "*".
import { pascalName } from '../scaffold/names';

/** A CloudFormation value: plain data or an intrinsic function object. */
export type CfnValue = unknown;

/** What the exporter adds for one function's trigger. */
export interface TriggerExport {
  /** Events entry: `{ <Name>: { Type, Properties } }`. */
  events: Record<string, { Type: string; Properties: Record<string, CfnValue> }>;
  /** Extra resources the event source needs (queue, table, bucket, …), keyed by logical id. */
  resources: Record<string, Record<string, CfnValue>>;
  /** Template parameters (e.g. a globally unique bucket name), keyed by logical id. */
  parameters: Record<string, Record<string, CfnValue>>;
  /** Statements for the function's own role: named actions on named ARNs, never "*". */
  statements: IamStatement[];
}

/** One IAM policy statement (Allow only). */
export interface IamStatement {
  Effect: 'Allow';
  Action: string[];
  Resource: CfnValue | CfnValue[];
}

/** SAM event type -> scaffold trigger id (used by the reader). */
export const eventTypeToTrigger: Record<string, string> = {
  HttpApi: 'http-api', Api: 'rest-api', S3: 's3', SQS: 'sqs', SNS: 'sns', EventBridgeRule: 'eventbridge',
  Schedule: 'schedule', ScheduleV2: 'schedule', DynamoDB: 'dynamodb', Cognito: 'cognito-post-confirmation', Kinesis: 'kinesis',
};

/** Required properties per SAM event source type (from each event source's page of the SAM spec). */
export const requiredEventProperties: Record<string, string[]> = {
  Api: ['Path', 'Method'], HttpApi: [], S3: ['Bucket', 'Events'], SQS: ['Queue'], SNS: ['Topic'], EventBridgeRule: ['Pattern'],
  Schedule: ['Schedule'], ScheduleV2: ['ScheduleExpression'], DynamoDB: ['Stream', 'StartingPosition'], Kinesis: ['Stream', 'StartingPosition'],
  Cognito: ['UserPool', 'Trigger'],
};

/** Builds the SAM pieces for `trigger`, or undefined when the trigger has no SAM equivalent. */
export function exportTrigger(trigger: string, functionName: string, timeoutSec: number): TriggerExport | undefined {
  const id = pascalName(functionName);
  const path = `/${functionName}`;
  const none = { resources: {}, parameters: {}, statements: [] };
  switch (trigger) {
    case 'http-api':
      return { ...none, events: { HttpPost: { Type: 'HttpApi', Properties: { Path: path, Method: 'post' } } } };
    case 'rest-api':
      return { ...none, events: { ApiPost: { Type: 'Api', Properties: { Path: path, Method: 'post' } } } };
    case 's3': {
      // The bucket name is a parameter, not !Ref Bucket: a policy that references the bucket resource
      // creates a circular dependency (bucket -> notification -> function -> role -> bucket).
      const param = `${id}BucketName`;
      return {
        events: { ObjectCreated: { Type: 'S3', Properties: { Bucket: { Ref: `${id}Bucket` }, Events: 's3:ObjectCreated:*' } } },
        resources: { [`${id}Bucket`]: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { Ref: param } } } },
        parameters: { [param]: { Type: 'String', Description: `Globally unique, lowercase name of the bucket that triggers ${functionName}`, AllowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' } },
        // Read the new object (the template inspects it); nothing else in the bucket, no other bucket.
        statements: [
          { Effect: 'Allow', Action: ['s3:GetObject'], Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:s3:::\${${param}}/*` } },
          { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:s3:::\${${param}}` } },
        ],
      };
    }
    case 'sqs':
      return {
        events: { QueueMessages: { Type: 'SQS', Properties: { Queue: { 'Fn::GetAtt': [`${id}Queue`, 'Arn'] }, BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] } } },
        // AWS recommends a visibility timeout of at least six times the function timeout.
        resources: { [`${id}Queue`]: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: Math.max(30, timeoutSec * 6) } } },
        parameters: {},
        // What the event source mapping polls with, on this queue only.
        statements: [{ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: { 'Fn::GetAtt': [`${id}Queue`, 'Arn'] } }],
      };
    case 'sns':
      return {
        ...none,
        events: { Notification: { Type: 'SNS', Properties: { Topic: { Ref: `${id}Topic` } } } },
        resources: { [`${id}Topic`]: { Type: 'AWS::SNS::Topic' } },
      };
    case 'eventbridge':
      return { ...none, events: { OrderPlaced: { Type: 'EventBridgeRule', Properties: { Pattern: { source: ['com.example.orders'], 'detail-type': ['OrderPlaced'] } } } } };
    case 'schedule':
      return { ...none, events: { Nightly: { Type: 'Schedule', Properties: { Schedule: 'cron(0 2 * * ? *)', Description: `Runs ${functionName} daily at 02:00 UTC` } } } };
    case 'dynamodb':
      return {
        events: { Stream: { Type: 'DynamoDB', Properties: { Stream: { 'Fn::GetAtt': [`${id}Table`, 'StreamArn'] }, StartingPosition: 'TRIM_HORIZON', BatchSize: 100, FunctionResponseTypes: ['ReportBatchItemFailures'] } } },
        resources: {
          [`${id}Table`]: {
            Type: 'AWS::DynamoDB::Table',
            Properties: {
              BillingMode: 'PAY_PER_REQUEST',
              AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
              KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
              StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
            },
          },
        },
        parameters: {},
        // What the event source mapping reads with: this table's stream only (ListStreams on the table's streams).
        statements: [
          { Effect: 'Allow', Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], Resource: { 'Fn::GetAtt': [`${id}Table`, 'StreamArn'] } },
          { Effect: 'Allow', Action: ['dynamodb:ListStreams'], Resource: { 'Fn::Sub': `\${${id}Table.Arn}/stream/*` } },
        ],
      };
    case 'cognito-post-confirmation':
      return {
        ...none,
        events: { PostConfirmation: { Type: 'Cognito', Properties: { UserPool: { Ref: `${id}UserPool` }, Trigger: 'PostConfirmation' } } },
        resources: { [`${id}UserPool`]: { Type: 'AWS::Cognito::UserPool', Properties: { AutoVerifiedAttributes: ['email'], UsernameAttributes: ['email'] } } },
      };
    default:
      return undefined;
  }
}
