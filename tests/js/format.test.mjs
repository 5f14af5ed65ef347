// core/format.js's fmt groups digits by hand (toLocaleString's first call loads the locale
// data, ~30 ms of the page's first frame): checked against Intl's en-US grouping itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fmt } from '../../www/core/format.js';

test('fmt groups whole numbers as en-US does', () => {
  const values = [1, 9, 10, 99, 100, 999, 1000, 1001, 1797, 9999, 10000, 65536, 99999, 100000, 999999, 1000000, 1234567, 2 ** 31, 2 ** 53];
  for (let n = 1; n < 1e15; n = n * 7 + 3) values.push(n);
  for (const n of values) {
    assert.equal(fmt(n), n.toLocaleString('en-US'), `${n}`);
    assert.equal(fmt(-n), (-n).toLocaleString('en-US'), `${-n}`);
  }
});

test('fmt never writes "-0", and keeps a fraction as it is', () => {
  assert.equal(fmt(-0), '0');
  assert.equal(fmt(1234.5), '1,234.5');
  assert.equal(fmt(0.25), '0.25');
});
