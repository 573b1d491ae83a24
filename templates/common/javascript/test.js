// Unit test for {{name}}: runs the handler against its own sample events.
// Run: node --test {{testFile}}
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const { handler } = require('./{{entryModule}}');

/** Each sample event with the response fields it must produce (null: the handler returns nothing). */
const cases = {{casesJson}};

// A minimal Lambda context: enough for handlers that log the request id or check the remaining time.
const context = { awsRequestId: 'test-request-id', functionName: '{{name}}', getRemainingTimeInMillis: () => 3000 };

for (const { file, expect } of cases) {
  test(`{{name}} handles ${file}`, async () => {
    const event = JSON.parse(readFileSync(path.join(__dirname, file), 'utf8'));
    const result = (await handler(event, context));
    if (expect === null) {
      assert.equal(result, undefined);
      return;
    }
    assert.ok(result, 'the handler returned nothing');
    for (const [key, value] of Object.entries(expect)) assert.deepEqual(result[key], value, `response field "${key}"`);
  });
}

