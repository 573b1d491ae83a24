// The AWS-compatible loopback endpoint: one HTTP server that speaks SQS (JSON 1.0), EventBridge
// (JSON 1.1) and SNS (query), so that learners' unchanged SDK code reaches the local engine.
// Signatures are not checked: the endpoint listens on 127.0.0.1 only.
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { readLimitedBody } from '../../http/readBody';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import type { EnvironmentProvider } from '../../runtime/types';
import { REGION } from '../arn';
import type { EventEngine } from '../engine';
import { EngineError } from '../errors';
import { handleEvents } from './eventsApi';
import { handleSns, snsError } from './snsApi';
import { handleSqs, sqsQueryCodes } from './sqsApi';

/** A running endpoint. */
export interface EventEndpoint {
  /** e.g. `http://127.0.0.1:4566`. */
  url: string;
  port: number;
  /** Gives sandboxes AWS_ENDPOINT_URL and dummy credentials (through a shared-credentials file) while the endpoint runs. */
  environment: EnvironmentProvider;
  /**
   * Serves another engine from now on (a template edit rebuilds the engine). The URL and the sandboxes'
   * environment stay exactly the same, so warm sandboxes stay warm and no invocation sees the endpoint missing.
   */
  serve(engine: EventEngine): void;
  close(): Promise<void>;
}

const MAX_BODY = 2 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return readLimitedBody(req, MAX_BODY, () => new EngineError('RequestEntityTooLarge', 'Request body is larger than 2 MiB')).then((b) => b.toString('utf8'));
}

/** AWS answers client errors with 400, except SNS's NotFound (404). */
function statusOf(err: EngineError): number {
  return err.code === 'NotFound' ? 404 : 400;
}

/** Starts the endpoint on 127.0.0.1 (port 0 picks a free one). */
export function startEndpoint(initial: EventEngine, port = 0): Promise<EventEndpoint> {
  let engine = initial;
  let url = '';
  const server = http.createServer((req, res) => {
    void (async () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const json = target.startsWith('AmazonSQS.') ? '1.0' : target.startsWith('AWSEvents.') ? '1.1' : undefined;
      let text = '';
      try {
        text = await readBody(req);
        if (json) {
          const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          const action = target.slice(target.indexOf('.') + 1);
          const result = json === '1.0' ? await handleSqs(engine, url, action, body) : handleEvents(engine, action, body);
          res.writeHead(200, { 'content-type': `application/x-amz-json-${json}`, 'x-amzn-requestid': randomUUID() });
          res.end(JSON.stringify(result));
          return;
        }
        const form = new URLSearchParams(text || (req.url?.split('?')[1] ?? ''));
        if (!form.get('Action')) throw new EngineError('MissingAction', 'Send AWS JSON (X-Amz-Target: AmazonSQS.* or AWSEvents.*) or an SNS query request (Action=Publish, …).');
        const xml = handleSns(engine, form);
        res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() });
        res.end(xml);
      } catch (err) {
        const e = err instanceof EngineError ? err : err instanceof SyntaxError ? new EngineError('SerializationException', 'Request body is not valid JSON') : new EngineError('InternalFailure', (err as Error).message, false);
        const status = e.sender ? statusOf(e) : 500;
        if (json) {
          const type = json === '1.0' ? `com.amazonaws.sqs#${e.code}` : e.code;
          const headers: Record<string, string> = { 'content-type': `application/x-amz-json-${json}`, 'x-amzn-requestid': randomUUID() };
          if (json === '1.0') headers['x-amzn-query-error'] = `${sqsQueryCodes[e.code] ?? e.code};${e.sender ? 'Sender' : 'Receiver'}`;
          res.writeHead(status, headers);
          res.end(JSON.stringify({ __type: type, message: e.message }));
        } else {
          res.writeHead(status, { 'content-type': 'text/xml' });
          res.end(snsError(e.code, e.message, e.sender));
        }
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = (server.address() as AddressInfo).port;
      url = `http://127.0.0.1:${actual}`;
      let open = true;
      // Lambda reserves AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_REGION (the invoker sets the region), so dummy
      // credentials reach the SDKs through a private shared-credentials file, a variable Lambda does not reserve.
      const credsFile = sharedCredentialsFile();
      resolve({
        url,
        port: actual,
        environment: () => (open ? { AWS_ENDPOINT_URL: url, AWS_SHARED_CREDENTIALS_FILE: credsFile, AWS_CONFIG_FILE: credsFile } : undefined),
        serve: (next) => {
          engine = next;
        },
        close: () => new Promise<void>((done) => {
          open = false;
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}

let credentials: { dir: string; file: string } | undefined;

/**
 * One dummy-credentials file per process, shared by every endpoint it starts: a rebuilt engine's endpoint then
 * gives sandboxes the same environment, so warm sandboxes stay warm (a new path each time made every rebuild
 * a cold start) and never point at a file that was deleted. Removed when the process exits.
 */
function sharedCredentialsFile(): string {
  if (!credentials) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-endpoint-'));
    credentials = { dir, file: path.join(dir, 'credentials') };
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  if (!fs.existsSync(credentials.file)) {
    fs.mkdirSync(credentials.dir, { recursive: true });
    fs.writeFileSync(credentials.file, `[default]\naws_access_key_id = local\naws_secret_access_key = local\nregion = ${REGION}\n`, { mode: 0o600 });
  }
  return credentials.file;
}
