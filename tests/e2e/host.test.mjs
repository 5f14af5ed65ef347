// The full explorer in a post that is not its page (tests/e2e/blog/two-full.html): the post's
// 40 px root font size does not reach in (its lengths come from a fixed unit, not the post's
// rem), and in a 320 px column nothing sticks out of its box. Screenshots:
// test-results/host-two-full.png.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { enforceCsp, screenshot, useBrowser } from './harness.mjs';
import { assertCleanLog, TRAINING_TIMEOUT_MS } from './page-helpers.mjs';

const env = useBrowser();
let session;
before(async () => {
  session = await env.open({ viewport: { width: 1100, height: 900 } });
  await enforceCsp(session.page);
  await session.page.goto(`${env.site.url}tests/e2e/blog/two-full.html`);
  await session.page.waitForFunction(
    () => ['narrow', 'wide'].every((id) => document.getElementById(id).dataset.state === 'done'),
    null,
    { timeout: TRAINING_TIMEOUT_MS },
  );
});
env.cleanup = () => session?.page.unrouteAll({ behavior: 'ignoreErrors' });

/** Computed font sizes and paddings inside element `id`'s shadow root, by selector. */
const sizes = (page, id) =>
  page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    const style = (sel) => getComputedStyle(root.querySelector(sel));
    return {
      h2: style('h2').fontSize,
      button: style('#play').fontSize,
      buttonPadding: style('#play').paddingLeft,
      explain: style('.explain').fontSize,
      panelPadding: style('.panel').paddingTop,
    };
  }, id);

test('a 40 px root font size in the post does not reach into the explorer', async () => {
  const { page } = session;
  assert.equal(
    await page.evaluate(() => getComputedStyle(document.documentElement).fontSize),
    '40px',
  );
  // The page's own sizes at the browser's 16 px root: what the explorer looks like anywhere.
  assert.deepEqual(await sizes(page, 'wide'), {
    h2: '16px',
    button: '14px',
    buttonPadding: '11.9px',
    explain: '13px',
    panelPadding: '16px',
  });
  assert.deepEqual(await sizes(page, 'narrow'), await sizes(page, 'wide'));
});

test("in a 320 px column nothing sticks out of the explorer's box", async () => {
  const { page, log } = session;
  const out = await page.evaluate(() => {
    const host = document.getElementById('narrow');
    const box = host.shadowRoot.querySelector('.tae');
    const edge = box.getBoundingClientRect();
    const sticking = [...box.querySelectorAll('*')]
      .filter((el) => el.checkVisibility() && !el.closest('[hidden], .tip'))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.right > edge.right + 0.5 || r.left < edge.left - 0.5))
      .map(
        ({ el, r }) =>
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}: ${Math.round(r.left - edge.left)}..${Math.round(r.right - edge.left)} of ${Math.round(edge.width)}`,
      );
    return {
      width: host.getBoundingClientRect().width,
      scroll: box.scrollWidth - box.clientWidth,
      sticking,
    };
  });
  await screenshot(page, 'host-two-full');
  assert.equal(out.width, 320);
  assert.deepEqual(out.sticking, []);
  assert.equal(out.scroll, 0, 'no sideways scrolling inside the box');
  assertCleanLog(log);
});
