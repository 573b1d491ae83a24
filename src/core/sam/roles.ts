// Each exported function gets its own execution role and log group, so the role that is actually
// deployed (after the SAM transform) is least-privilege: every statement names an ARN, and no managed
// policy is attached. Left to itself, SAM creates a role with AWSLambdaBasicExecutionRole (logs on "*")
// and, for SQS and DynamoDB event sources, AWSLambdaSQSQueueExecutionRole / AWSLambdaDynamoDBExecutionRole
// (both on "*"); it attaches none of them when the function names its own Role. See docs/sam.md.
// Specs (read 2026-11-27):
//   https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-role
//   https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html (LoggingConfig.LogGroup)
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-loggroup.html (Arn ends in ":*")
import type { CfnValue, IamStatement } from './triggers';

/** How long the function's log group keeps logs: a learner's stack should not store logs forever. */
export const logRetentionDays = 14;

/** Logical ids of the role and log group that belong to function `id`. */
export function roleIds(id: string): { role: string; logGroup: string } {
  return { role: `${id}Role`, logGroup: `${id}LogGroup` };
}

/**
 * The role and log group resources for function `id`, and the function properties that use them.
 * Logs: only CreateLogStream and PutLogEvents on the function's own group (it exists, so no
 * CreateLogGroup). `statements` are the trigger's, already scoped to its resources.
 */
export function executionRole(id: string, statements: readonly IamStatement[]): { resources: Record<string, Record<string, CfnValue>>; functionProperties: Record<string, CfnValue> } {
  const ids = roleIds(id);
  const logs: IamStatement = { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [ids.logGroup, 'Arn'] } };
  return {
    resources: {
      [ids.logGroup]: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: logRetentionDays } },
      [ids.role]: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          Policies: [{ PolicyName: 'least-privilege', PolicyDocument: { Version: '2012-10-17', Statement: [logs, ...statements] } }],
        },
      },
    },
    functionProperties: { Role: { 'Fn::GetAtt': [ids.role, 'Arn'] }, LoggingConfig: { LogGroup: { Ref: ids.logGroup } } },
  };
}
