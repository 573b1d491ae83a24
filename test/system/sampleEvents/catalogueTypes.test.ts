// The sample events type-check against @types/aws-lambda (TypeScript's compiler, so this is a system test;
// the rest of the catalogue's tests are in test/unit/sampleEvents/catalogue.test.ts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateEvent, listEvents } from '../../../src/core/sampleEvents';
import { typeCheck } from '../scaffold/typeCheckHelper';

describe('events catalogue: types', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-events-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('type-checks every sample (defaults and with overrides) against @types/aws-lambda', function () {
    this.timeout(60000);
    const types = [...new Set(listEvents().map((e) => e.typeName.replace(/<.*/, '')))];
    const lines = [
      `import type { ${types.join(', ')}, S3EventRecord, S3ObjectCreatedNotificationEventDetail } from 'aws-lambda';`,
      // The documented deviation: only size and eTag become optional, everything else stays checked.
      "type S3Obj = S3EventRecord['s3']['object'];",
      "type S3DeleteEvent = { Records: (Omit<S3EventRecord, 's3'> & { s3: Omit<S3EventRecord['s3'], 'object'> & { object: Omit<S3Obj, 'size' | 'eTag'> & Partial<Pick<S3Obj, 'size' | 'eTag'>> } })[] };",
    ];
    listEvents().forEach((e, i) => {
      const t = e.typeDeviation?.checkAs ?? e.typeName;
      lines.push(`export const e${i}: ${t} = ${JSON.stringify(generateEvent(e.id))};`);
      const sets = Object.keys(e.params).map((k) => `${k}=${k === 'detail' ? '{"a":1}' : k === 'size' ? '7' : 'x'}`);
      lines.push(`export const f${i}: ${t} = ${JSON.stringify(generateEvent(e.id, sets))};`);
    });
    const file = path.join(dir, 'samples.ts');
    fs.writeFileSync(file, lines.join('\n'));
    assert.deepEqual(typeCheck([file]), []);
  });

  it('the type check catches a sample that drifts from the interface', () => {
    const bad = JSON.parse(JSON.stringify(generateEvent('sqs'))) as { Records: Record<string, unknown>[] };
    delete bad.Records[0].receiptHandle;
    bad.Records[0].bodyy = 'typo';
    const file = path.join(dir, 'bad.ts');
    fs.writeFileSync(file, `import type { SQSEvent } from 'aws-lambda';\nexport const e: SQSEvent = ${JSON.stringify(bad)};`);
    assert.ok(typeCheck([file]).length > 0);
  });
});
