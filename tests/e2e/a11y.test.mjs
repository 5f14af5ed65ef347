// Accessibility measured by a real engine: axe-core (WCAG 2.0/2.1/2.2 A and AA, and axe's best
// practices) on the page, the digits page, the blog post with its embeds and a post with two
// full explorers, in light and dark,
// once each has trained a little, with zero violations allowed. The post runs under its strict
// CSP; the context's bypassCSP lets axe's script in without loosening what the page itself does.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { enforceCsp, screenshot, useBrowser } from './harness.mjs';
import { axeViolations } from './page-helpers.mjs';

const PAGES = {
  'index.html': {
    path: 'index.html',
    ready: () => Number(document.getElementById('epoch')?.dataset.value) >= 1,
  },
  'digits.html': {
    path: 'digits.html',
    ready: () => Number(document.getElementById('epoch')?.dataset.value) >= 1,
  },
  'blog post': {
    path: 'tests/e2e/blog/post.html',
    csp: true,
    // Every embed drawn, the full one (#d) included.
    ready: () =>
      [...document.querySelectorAll('tiny-autoencoder')].every((e) => e.dataset.state) &&
      !!document.getElementById('d').shadowRoot?.querySelector('.link-button'),
  },
  // Two full explorers in one post: each one's landmarks named apart from the other's.
  'post with two explorers': {
    path: 'tests/e2e/blog/two-full.html',
    csp: true,
    ready: () =>
      ['narrow', 'wide'].every((id) =>
        document.getElementById(id).shadowRoot?.querySelector('.link-button'),
      ),
  },
};

describe('axe-core: zero violations', () => {
  const env = useBrowser();

  for (const [name, spec] of Object.entries(PAGES)) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${name}, ${colorScheme}`, async () => {
        const { context, page } = await env.open({
          viewport: { width: 1280, height: 900 },
          colorScheme,
          bypassCSP: true,
        });
        try {
          if (spec.csp) await enforceCsp(page);
          await page.goto(`${env.site.url}${spec.path}`);
          await page.waitForFunction(spec.ready, null, { timeout: 30_000 });
          const violations = await axeViolations(page);
          await screenshot(page, `a11y-${name.replace(/\W+/g, '-')}-${colorScheme}`);
          assert.deepEqual(
            violations,
            [],
            `${violations.length} violations:\n${violations.join('\n')}`,
          );
        } finally {
          await context.close();
        }
      });
    }
  }
});
