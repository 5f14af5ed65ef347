// The latent panel's colour bar at a huge learning rate (issue 24, item 13): labels of codes in
// the billions (2.304e9) fit beside the bar instead of being cut at the canvas's edge ("2.304e").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot, useBrowser } from './harness.mjs';
import { waitForState } from './page-helpers.mjs';

const env = useBrowser();

test("colour-bar labels in the billions fit their canvas, on the page and in the compact element's size", async () => {
  const { context, page } = await env.open({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${env.site.url}index.html#speed=max`);
    await waitForState(page, ['done']);
    const inkAtEdge = await page.evaluate(async () => {
      const { drawColorBar } = await import('./www/core/grid.js');
      const bar = document.getElementById('colorbar');
      const out = [];
      for (const width of [bar.getBoundingClientRect().width, 44]) {
        const canvas = Object.assign(document.createElement('canvas'), { width, height: 192 });
        canvas.style.cssText = `width: ${width}px; height: 192px; color: black`;
        document.body.append(canvas);
        drawColorBar(canvas, 0, 2.304e9);
        const { data } = canvas
          .getContext('2d')
          .getImageData(canvas.width - 1, 0, 1, canvas.height);
        let ink = 0;
        for (let i = 3; i < data.length; i += 4) ink += data[i] > 0 ? 1 : 0;
        out.push(ink);
        canvas.remove();
      }
      return out;
    });
    assert.deepEqual(inkAtEdge, [0, 0], 'no label runs into the last column of pixels');
    await screenshot(page, 'colorbar-page');
  } finally {
    await context.close();
  }
});
