// The words and colours the pages show readers (issue 24, item 13), in Node: lists of units
// said as a person would, a sparse code's silent units not called a fault, the data set's count
// said once, and the network view's weight colours readable on a dark card.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { everyUnit, listed } from '../../www/core/format.js';
import { diverging, lineCut } from '../../www/core/network-draw.js';
import { createMapNote } from '../../www/digits/map/views.js';
import { describeData } from '../../www/digits/data-panel.js';

/** A stand-in for the note element: its text, data-* and classes. */
function fakeNote() {
  const classes = new Set();
  return {
    textContent: '',
    dataset: {},
    getAttribute(name) {
      return this.dataset[name.slice(5)] ?? null;
    },
    setAttribute(name, value) {
      this.dataset[name.slice(5)] = value;
    },
    classList: {
      contains: (c) => classes.has(c),
      toggle: (c) => (classes.has(c) ? classes.delete(c) : classes.add(c)),
    },
  };
}

describe('lists of units', () => {
  test('said as a person would: "1, 3 and 4", "both", never "all two"', () => {
    assert.equal(listed([2]), '2');
    assert.equal(listed([1, 2]), '1 and 2');
    assert.equal(listed([1, 2, 3, 4]), '1, 2, 3 and 4');
    assert.equal(everyUnit(1), 'The one unit is');
    assert.equal(everyUnit(2), 'Both units are');
    assert.equal(everyUnit(4), 'All four units are');
  });
});

describe('www/digits/map/views.js: the map note', () => {
  test('dead units are listed with commas, and an alive pair is "both"', () => {
    const note = fakeNote();
    const map = createMapNote(note);
    map.update([true, true, true, true], 'pc');
    assert.match(note.textContent, /^Units 1, 2, 3 and 4 are dead: /);
    map.update([false, false], '1-2');
    assert.equal(note.textContent, 'Both units are alive: each carries part of every code.');
  });

  test('a sparse code\'s silent units are its point: no "dead", no new seed', () => {
    const note = fakeNote();
    createMapNote(note).update([true, false, true, true], '1-2', true);
    assert.equal(
      note.textContent,
      "Units 1, 3 and 4 are silent: 0 for every image, the L1 penalty's point (a sparse code). That is why this map is a line: unit 1 is 0 for every dot.",
    );
    assert.doesNotMatch(note.textContent, /dead|Try a new seed/);
    assert.equal(note.classList.contains('warn'), false);
  });
});

describe('www/digits/data-panel.js', () => {
  test('the built-in digits: their count said once, grouped', () => {
    const text = describeData({ n: 1797, nTrain: 1437, nTest: 360, scale: 16, hasLabels: true });
    assert.match(
      text,
      /^The built-in handwritten digits: 1,797 images \(1,437 to train on, 360 held out to test\)/,
    );
    assert.doesNotMatch(text, /1797/);
  });

  test('a file whose label comes first says so', () => {
    const data = { name: 'mnist8.csv', n: 20, nTrain: 16, nTest: 4, scale: 16, hasLabels: true };
    assert.match(
      describeData({ ...data, labelColumn: 1 }),
      /, labelled \(the label read from column 1, before the pixels\)\.$/,
    );
    assert.match(describeData({ ...data, labelColumn: 65 }), /, labelled\.$/);
  });
});

describe('www/core/network-draw.js', () => {
  // WCAG's contrast ratio of two sRGB colours.
  const luminance = (rgb) =>
    rgb
      .map((c) => c / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };

  test('a strong weight stands out from the card at 3:1 or more, light and dark', () => {
    for (const card of [
      [255, 255, 255],
      [27, 30, 36],
    ]) {
      for (const v of [1, -1]) {
        const ratio = contrast(diverging(v, 1, card), card);
        assert.ok(ratio >= 3, `weight ${v} on rgb(${card}): ${ratio.toFixed(2)}:1`);
      }
    }
    assert.deepEqual(diverging(0, 1, [27, 30, 36]), [27, 30, 36], 'zero is the card itself');
  });

  test('between wide layers only the strongest lines are drawn, at most about 128; small layers keep every line but hairs', () => {
    // A 64 x 64 kernel of strengths spread evenly over 0..1 (a fixed shuffle, both signs).
    const w = (i, j) => ((((i * 64 + j) * 2654435761) % 4096) / 4095) * ((i + j) % 2 ? 1 : -1);
    const kernel = { weight: w, top: 1 };
    const cut = lineCut(kernel, 64, 64);
    let kept = 0;
    for (let i = 0; i < 64; i++)
      for (let j = 0; j < 64; j++) kept += Math.abs(w(i, j)) >= cut ? 1 : 0;
    assert.ok(kept <= 128 && kept >= 64, `${kept} of 4,096 lines kept, cut at ${cut}`);
    assert.equal(lineCut(kernel, 16, 4), 0.05, 'the classic network: only the hairs go');
    assert.equal(lineCut({ weight: () => 0, top: 0 }, 64, 64), 0.05, 'all zero: nothing to cut');
  });
});
