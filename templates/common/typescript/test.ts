// Unit test for {{name}}: runs the handler against its own sample events.
// Run: npx tsx --test {{testFile}}   (tsx is needed: Node's own type stripping cannot resolve './{{entryModule}}' without an extension)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Context } from 'aws-lambda';
import { handler } from './{{entryModule}}';

/** Each sample event with the response fields it must produce (null: the handler returns nothing). */
const cases: { file: string; expect: Record<string, unknown> | null }[] = {{casesJson}};

// A minimal Lambda context: enough for handlers that log the request id or check the remaining time.
const context = { awsRequestId: 'test-request-id', functionName: '{{name}}', getRemainingTimeInMillis: () => 3000 } as unknown as Context;

for (const { file, expect } of cases) {
  test(`{{name}} handles ${file}`, async () => {
    const event = JSON.parse(readFileSync(path.join(__dirname, file), 'utf8'));
    const result = (await handler(event, context)) as unknown as Record<string, unknown> | undefined;
    if (expect === null) {
      assert.equal(result, undefined);
      return;
    }
    assert.ok(result, 'the handler returned nothing');
    for (const [key, value] of Object.entries(expect)) assert.deepEqual(result[key], value, `response field "${key}"`);
  });
}
