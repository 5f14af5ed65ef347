// Scripts off (issue 24, item 11): both pages say so at the top, under the title, and show
// nothing that cannot work without them: no buttons, fields or canvases, no "Loading...".
// Screenshots: test-results/no-script-*.png.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshot, useBrowser } from './harness.mjs';

describe('with JavaScript off', () => {
  const env = useBrowser();

  for (const path of ['index.html', 'digits.html']) {
    test(`${path}: the notice comes first, and nothing that needs scripts is shown`, async () => {
      const { context, page } = await env.open({
        javaScriptEnabled: false,
        viewport: { width: 1280, height: 900 },
      });
      try {
        await page.goto(`${env.site.url}${path}`);
        const shown = await page.evaluate(() => {
          const visible = (sel) =>
            [...document.querySelectorAll(sel)].filter((el) => el.checkVisibility());
          const note = visible('.noscript-note')[0];
          const intro = document.querySelector('.intro');
          return {
            note: note?.textContent.replace(/\s+/g, ' '),
            // Right under the title: nothing visible between the intro and the notice.
            gap: note
              ? Math.round(note.getBoundingClientRect().top - intro.getBoundingClientRect().bottom)
              : null,
            controls: visible('main button, main input, main select, main canvas').length,
            loading: document.body.innerText.includes('Loading the WebAssembly'),
          };
        });
        await screenshot(page, `no-script-${path.replace('.html', '')}`);
        assert.equal(
          shown.note,
          'This page needs JavaScript and WebAssembly: with them off, only this text can be shown.',
        );
        assert.ok(
          shown.gap >= 0 && shown.gap < 40,
          `the notice is ${shown.gap} px under the title`,
        );
        assert.equal(shown.controls, 0, 'no control or canvas that cannot work');
        assert.equal(
          shown.loading,
          false,
          'no "Loading the WebAssembly module..." that never ends',
        );
      } finally {
        await context.close();
      }
    });
  }
});
