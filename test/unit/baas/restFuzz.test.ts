import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { RestError } from '../../../src/core/baas/api/rest/errors';
import { parseQuery } from '../../../src/core/baas/api/rest/queryParser';

describe('REST query-string parser (fuzzed)', () => {
  it('either parses or throws a 400 RestError, for any query string', () => {
    const piece = fc.constantFrom('select=', 'order=', 'limit=', 'or=', 'and=', 'not.', 'eq.', 'in.', 'is.', '(', ')', ',', '"', ':', '::', '!', '*', '.', '&', '=', 'id', 'a', '%', '\\');
    fc.assert(fc.property(fc.oneof(fc.string(), fc.array(piece, { maxLength: 20 }).map((p) => p.join(''))), (query) => {
      try {
        parseQuery(query);
      } catch (error) {
        assert.ok(error instanceof RestError, `non-RestError for ${JSON.stringify(query)}: ${String(error)}`);
        assert.equal(error.status, 400);
      }
    }), { numRuns: 2000 });
  });
});
