// core/format.js's fmt groups digits by hand (toLocaleString's first call loads the locale
// data, ~30 ms of the page's first frame): checked against Intl's en-US grouping itself; and the
// milestones screen readers hear while a run trains.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fmt, milestoneText } from '../../www/core/format.js';

test('fmt groups whole numbers as en-US does', () => {
  const values = [
    1,
    9,
    10,
    99,
    100,
    999,
    1000,
    1001,
    1797,
    9999,
    10000,
    65536,
    99999,
    100000,
    999999,
    1000000,
    1234567,
    2 ** 31,
    2 ** 53,
  ];
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

describe('milestoneText', () => {
  test('once per multiple passed, never at the end, never for a frame that passes none', () => {
    const spoken = [];
    for (let epoch = 5, before = 0; epoch <= 1000; before = epoch, epoch += 5) {
      const text = milestoneText(before, epoch, 1000, 500, 'loss 1.000e-3');
      if (text) spoken.push(text);
    }
    assert.deepEqual(spoken, ['Epoch 500 of 1,000: loss 1.000e-3.']);
    assert.equal(
      milestoneText(180, 230, 2000, 200, 'x'),
      'Epoch 230 of 2,000: x.',
      'a frame that jumps past it',
    );
    assert.equal(milestoneText(0, 0, 1000, 500, 'x'), null, 'the start is spoken as the start');
  });
});
