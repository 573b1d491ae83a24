// The PGlite worker's errors cross the thread boundary flattened: Postgres's fields must survive, so the SQL
// console can place the caret and the REST layer can map the SQLSTATE.
import { strict as assert } from 'node:assert';
import { DatabaseError } from '../../../src/core/baas/db/types';
import { serializeError } from '../../../src/core/baas/db/workerProtocol';

describe('baas worker protocol: errors', () => {
  it('keeps code, detail, hint and position of a DatabaseError, and survives structured cloning', () => {
    const err = new DatabaseError('duplicate key value violates unique constraint "t_pkey"', '23505', 'Key (id)=(1) already exists.', 'a hint', 12);
    const flat = structuredClone(serializeError(err));
    assert.deepEqual(flat, { message: err.message, name: 'DatabaseError', code: '23505', detail: 'Key (id)=(1) already exists.', hint: 'a hint', position: 12 });
  });

  it('turns PGlite\'s string position into a number and drops what is not a string', () => {
    const pglite = Object.assign(new Error('syntax error at or near "fron"'), { code: '42601', position: '10', detail: 42 });
    assert.deepEqual(serializeError(pglite), { message: 'syntax error at or near "fron"', name: 'Error', code: '42601', detail: undefined, hint: undefined, position: 10 });
  });

  it('flattens plain errors and thrown non-errors to a message', () => {
    assert.deepEqual(serializeError(new TypeError('bad')), { message: 'bad', name: 'TypeError', code: undefined, detail: undefined, hint: undefined, position: undefined });
    assert.deepEqual(serializeError('just text'), { message: 'just text' });
  });
});
