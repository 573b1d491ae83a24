import { strict as assert } from 'node:assert';
import { ceilTo, fmtPrice, fmtUsd } from '../../../src/core/cost';

describe('cost: display formatting', () => {
  it('shows cents from one cent up and three significant digits below, never in e-notation', () => {
    assert.equal(fmtUsd(18.737), '$18.74');
    assert.equal(fmtUsd(1234.5), '$1,234.50');
    assert.equal(fmtUsd(-6.868), '-$6.87');
    assert.equal(fmtUsd(0), '$0.00');
    assert.equal(fmtUsd(0.000000123456), '$0.000000123');
  });

  it('prints unit prices exactly as published', () => {
    assert.equal(fmtPrice(0.0000166667), '$0.0000166667');
    assert.equal(fmtPrice(0.2), '$0.20');
  });

  it('rounds up to the billing step, ignoring float noise but never billing a real run as zero', () => {
    assert.equal(ceilTo(200.00000000001, 100), 200);
    assert.equal(ceilTo(200.5, 100), 300);
    assert.equal(ceilTo(1e-9, 1), 1);
    assert.equal(ceilTo(0, 100), 0);
  });
});
