// API-style samples: API Gateway REST (payload 1.0), HTTP API (payload 2.0) and ALB.
// Shapes and field names follow the AWS pages cited in each `docUrl` (retrieved 2026-11-26).
import type { EventSample } from './types';

const accountId = '123456789012';
const requestTime = '26/Nov/2026:12:00:00 +0000';
const requestTimeEpoch = 1795694400000;

const httpParams = {
  method: { description: 'HTTP method', default: 'POST' },
  path: { description: 'Request path', default: '/orders' },
  body: { description: 'Request body (string, usually JSON)', default: '{"orderId":"o-1001","quantity":2}' },
};

/** Splits `a=1&b=2` into a map; API Gateway passes null rather than {} when there is no query. */
function query(path: string): { path: string; qs: Record<string, string> | null; raw: string } {
  const [p, raw = ''] = path.split('?');
  if (!raw) return { path: p, qs: null, raw: '' };
  return { path: p, qs: Object.fromEntries(new URLSearchParams(raw)), raw };
}

/** API Gateway REST API, Lambda proxy integration (payload format 1.0). */
export const apiGatewayRest: EventSample = {
  id: 'apigw-rest',
  label: 'API Gateway REST API (proxy, payload 1.0)',
  source: 'api',
  typeName: 'APIGatewayProxyEvent',
  docUrl: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format',
  params: httpParams,
  build: (p) => {
    const q = query(p.path);
    const headers = { 'content-type': 'application/json', Host: 'abcdef1234.execute-api.us-east-1.amazonaws.com', 'User-Agent': 'curl/8.5.0' };
    return {
      resource: q.path,
      path: q.path,
      httpMethod: p.method,
      headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      queryStringParameters: q.qs,
      multiValueQueryStringParameters: q.qs && Object.fromEntries(Object.entries(q.qs).map(([k, v]) => [k, [v]])),
      pathParameters: null,
      stageVariables: null,
      requestContext: {
        accountId,
        apiId: 'abcdef1234',
        authorizer: null,
        domainName: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
        domainPrefix: 'abcdef1234',
        extendedRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
        httpMethod: p.method,
        identity: {
          accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null,
          cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null,
          cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: '203.0.113.10', user: null,
          userAgent: 'curl/8.5.0', userArn: null,
        },
        path: `/prod${q.path}`,
        protocol: 'HTTP/1.1',
        requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
        requestTime,
        requestTimeEpoch,
        resourceId: 'abc123',
        resourcePath: q.path,
        stage: 'prod',
      },
      body: p.method === 'GET' ? null : p.body,
      isBase64Encoded: false,
    };
  },
};

/** API Gateway HTTP API (payload format 2.0). */
export const apiGatewayHttp: EventSample = {
  id: 'apigw-http',
  label: 'API Gateway HTTP API (payload 2.0)',
  source: 'api',
  typeName: 'APIGatewayProxyEventV2',
  docUrl: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html',
  params: httpParams,
  build: (p) => {
    const q = query(p.path);
    const event: Record<string, unknown> = {
      version: '2.0',
      routeKey: `${p.method} ${q.path}`,
      rawPath: q.path,
      rawQueryString: q.raw,
      headers: { 'content-type': 'application/json', host: 'abcdef1234.execute-api.us-east-1.amazonaws.com', 'user-agent': 'curl/8.5.0' },
      requestContext: {
        accountId,
        apiId: 'abcdef1234',
        domainName: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
        domainPrefix: 'abcdef1234',
        http: { method: p.method, path: q.path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'curl/8.5.0' },
        requestId: 'JKJaXmPLvHcESHA=',
        routeKey: `${p.method} ${q.path}`,
        stage: '$default',
        time: requestTime,
        timeEpoch: requestTimeEpoch,
      },
      isBase64Encoded: false,
    };
    // HTTP API omits absent fields instead of sending null.
    if (q.qs) event.queryStringParameters = q.qs;
    if (p.method !== 'GET') event.body = p.body;
    return event;
  },
};

/** Application Load Balancer target (multi-value headers off). */
export const alb: EventSample = {
  id: 'alb',
  label: 'Application Load Balancer request',
  source: 'api',
  typeName: 'ALBEvent',
  docUrl: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html',
  params: httpParams,
  build: (p) => {
    const q = query(p.path);
    return {
      requestContext: { elb: { targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${accountId}:targetgroup/lambda-tg/6d0ecf831eec9f09` } },
      httpMethod: p.method,
      path: q.path,
      queryStringParameters: q.qs ?? {},
      headers: { 'content-type': 'application/json', host: 'lambda-alb-123578498.us-east-1.elb.amazonaws.com', 'user-agent': 'curl/8.5.0', 'x-forwarded-for': '203.0.113.10', 'x-forwarded-port': '443', 'x-forwarded-proto': 'https' },
      body: p.method === 'GET' ? '' : p.body,
      isBase64Encoded: false,
    };
  },
};
