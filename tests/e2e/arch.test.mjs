// End to end, the network editor on the '4' page and on <tiny-autoencoder>: each control makes
// exactly one new run with its options (read off the messages the page posts to the worker),
// the link records every option and reproduces the network, a bad value or a clash is refused
// with a message and changes nothing, and the element's attributes build the network they name.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ARCH_PRESETS, coreOptions, layerWidths } from '../../www/core/architecture.js';
import { numbersWords } from '../../www/core/format.js';
import { DEFAULTS, readState } from '../../www/core/urlstate.js';
import { openPage, screenshot, useBrowser } from './harness.mjs';
import { assertCleanLog, oneRun, recordResets, resets, waitForState } from './page-helpers.mjs';

describe('the network editor', () => {
  const env = useBrowser();
  let session;

  async function open(hash) {
    session = await env.open({ viewport: { width: 1200, height: 900 } });
    await session.page.addInitScript(recordResets);
    await session.page.goto(`${env.site.url}index.html${hash}`);
    await waitForState(session.page, ['done']);
    return session.page;
  }

  test('each control: one new run with exactly those options, and a link that rebuilds them', async () => {
    const page = await open('#speed=max&epochs=20');
    let expected = { ...DEFAULTS, epochs: 20, speed: 'max' };
    const steps = [
      [
        'preset deep',
        () => page.click('[data-preset=deep]'),
        { encoder: [32, 16], decoder: [16, 32], seed: 6 },
      ],
      ['a unit more', () => page.click('[data-key="encoder-1-more"]'), { encoder: [32, 17] }],
      ['a layer more', () => page.click('[data-key="decoder-add"]'), { decoder: [16, 16, 32] }],
      ['a layer less', () => page.click('[data-key="encoder-remove"]'), { encoder: [32] }],
      ['latent unit more', () => page.click('[data-key="latent-more"]'), { latent: 5 }],
      [
        'hidden activation',
        () => page.selectOption('#arch-activation', 'elu'),
        { activation: 'elu' },
      ],
      [
        'latent activation',
        () => page.selectOption('#arch-latentActivation', 'tanh'),
        { latentActivation: 'tanh' },
      ],
      [
        'loss',
        () => page.selectOption('#arch-loss', 'binary_crossentropy'),
        { loss: 'binary_crossentropy' },
      ],
      ['optimizer', () => page.selectOption('#arch-optimizer', 'sgd'), { optimizer: 'sgd' }],
      [
        'momentum',
        () => page.fill('#arch-momentum', '0.9').then(() => page.press('#arch-momentum', 'Enter')),
        { momentum: 0.9 },
      ],
      [
        'l1',
        () => page.fill('#arch-l1', '0.0001').then(() => page.press('#arch-l1', 'Enter')),
        { l1: 0.0001 },
      ],
      [
        'noise type',
        () => page.selectOption('#arch-noise', 'mask'),
        { noise: { type: 'mask', amount: 0.2 } },
      ],
      [
        'noise amount',
        () =>
          page
            .fill('#arch-noise-amount', '0.5')
            .then(() => page.press('#arch-noise-amount', 'Enter')),
        { noise: { type: 'mask', amount: 0.5 } },
      ],
    ];
    for (const [what, act, patch] of steps) {
      const reset = await oneRun(page, act);
      expected = { ...expected, ...patch };
      assert.deepEqual(reset.options, coreOptions(expected), what);
      const link = readState({ hash: await page.evaluate(() => location.hash) });
      assert.deepEqual(link.state, { ...expected, input: link.state.input }, `${what}: the link`);
    }
    // While the loss is cross-entropy, a linear output is not offered, and the page says why.
    assert.equal(await page.locator('#arch-output option[value=linear]').isDisabled(), true);
    assert.match(await page.locator('#arch-why').textContent(), /needs a sigmoid output/);
    assert.match(await page.locator('#arch-params').textContent(), /^[\d,]+ weights and biases$/);
    // The link opened afresh: the same network, asked of the worker in its first run.
    const hash = await page.evaluate(() => location.hash);
    const again = await open(hash);
    assert.deepEqual((await resets(again))[0].options, coreOptions(expected));
    assert.equal(await again.locator('#arch-activation').inputValue(), 'elu');
    assertCleanLog(session.log);
    await session.context.close();
  });

  test('a bad value is named, starts no run and leaves the fields as they were', async () => {
    const page = await open('#speed=max&epochs=20');
    const before = (await resets(page)).length;
    await page.fill('#arch-l1', '-1');
    await page.press('#arch-l1', 'Enter');
    assert.match(
      await page.locator('#arch-error').textContent(),
      /^L1 must be a number >= 0 such as 0.001, got "-1"\. The current run carries on\.$/,
    );
    assert.equal(await page.locator('#arch-l1').getAttribute('aria-invalid'), 'true');
    await page.waitForTimeout(300);
    assert.equal((await resets(page)).length, before, 'no run');
    // A link with a clash: named, and the default stands in.
    const clash = await open('#speed=max&epochs=5&loss=binary_crossentropy&out=linear');
    assert.match(
      await clash.locator('#link-note').textContent(),
      /loss="binary_crossentropy" \(must be mse with a linear output/,
    );
    assert.equal((await resets(clash))[0].options.loss, 'mse');
    assertCleanLog(session.log);
    await session.context.close();
  });

  test("on data wider than 64 the steppers double and halve past 64, up to the core's limits", async () => {
    const page = await open('#speed=max&epochs=1');
    // The editor alone on a div, for 784-wide data (the digits page's wide data sets call it so).
    const seen = await page.evaluate(async () => {
      const { createArchEditor } = await import('./www/core/arch-editor.js');
      const { ARCH_DEFAULTS } = await import('./www/core/architecture.js');
      const div = document.body.appendChild(document.createElement('div'));
      const patches = [];
      const editor = createArchEditor(div, { onChange: (p) => patches.push(p), inputWidth: 784 });
      let config = { ...ARCH_DEFAULTS, encoder: [64, 1000], latent: 16, decoder: [1024] };
      const click = (key) => {
        div.querySelector(`[data-key="${key}"]`).click();
        const patch = patches.at(-1);
        config = { ...config, ...patch };
        editor.render(config, 1);
        return JSON.stringify(patch);
      };
      const disabled = (key) => div.querySelector(`[data-key="${key}"]`).ariaDisabled;
      editor.render(config, 1);
      const out = [
        click('encoder-0-more'),
        click('encoder-0-more'),
        click('encoder-1-more'),
        disabled('encoder-1-more'),
        click('encoder-1-less'),
        click('decoder-0-less'),
        click('latent-more'),
        click('encoder-add'),
        click('encoder-add'),
        disabled('encoder-add'),
        patches.length,
      ];
      // Back to 64-wide data: the limits of always (a width past them can only come down).
      editor.setInputWidth(64);
      config = { ...config, encoder: [64, 3, 2, 1], latent: 16, decoder: [65] };
      editor.render(config, 1);
      out.push(
        disabled('encoder-0-more'),
        disabled('latent-more'),
        disabled('encoder-add'),
        click('decoder-0-less'),
        click('encoder-1-more'),
      );
      div.remove();
      return out;
    });
    assert.deepEqual(seen, [
      '{"encoder":[128,1000]}',
      '{"encoder":[256,1000]}',
      '{"encoder":[256,1024]}',
      'true',
      '{"encoder":[256,512]}',
      '{"decoder":[512]}',
      '{"latent":17}',
      '{"encoder":[256,512,512]}',
      '{"encoder":[256,512,512,512]}',
      'true',
      8,
      'true',
      'true',
      'true',
      '{"decoder":[64]}',
      '{"encoder":[64,4,2,1]}',
    ]);
    assertCleanLog(session.log);
    await session.context.close();
  });

  test('each preset trains to the end at phone width, light and dark, with nothing sideways (screenshots)', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page, log } = await openPage(env.browser, env.site.origin, {
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        colorScheme,
      });
      await page.goto(`${env.site.url}index.html#speed=max`);
      await waitForState(page, ['done']);
      for (const name of Object.keys(ARCH_PRESETS)) {
        // The page opens on the classic network; each other preset is one new run.
        if (name !== 'classic') {
          const run = await page.evaluate(() => document.body.dataset.run);
          await page.click(`[data-preset="${name}"]`);
          await page.waitForFunction(
            (run) => document.body.dataset.run !== run && document.body.dataset.state === 'done',
            run,
            { timeout: 30_000 },
          );
        }
        assert.equal(await page.getAttribute(`[data-preset="${name}"]`, 'aria-pressed'), 'true');
        // The lede names the network it runs, not always the classic one.
        assert.equal(
          await page.textContent('.lede .net-widths'),
          layerWidths(ARCH_PRESETS[name]).join('\u00a0\u2192\u00a0'),
        );
        assert.equal(
          await page.textContent('.lede .k-numbers'),
          numbersWords(ARCH_PRESETS[name].latent),
        );
        assert.equal(
          await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
          0,
          `${name}: sideways`,
        );
        await screenshot(page, `preset-${name}-${colorScheme}`);
      }
      assertCleanLog(log);
      await context.close();
    }
  });
});

describe("<tiny-autoencoder>: the network's attributes", () => {
  const env = useBrowser();
  test('compact and full build the networks their attributes name; a clash is refused by name', async () => {
    {
      const { context, page, log } = await env.open({ viewport: { width: 1200, height: 900 } });
      await page.addInitScript(recordResets);
      await page.goto(`${env.site.url}tests/e2e/blog/network.html`);
      for (const id of ['deep', 'sparse', 'narrow']) {
        await page.locator(`#${id}`).scrollIntoViewIfNeeded();
        await page.waitForFunction((id) => document.getElementById(id).state === 'done', id, {
          timeout: 30_000,
        });
      }
      const options = (await resets(page)).map((r) => r.options);
      const deep = options.find((o) => o.latent === 2);
      assert.deepEqual(
        { ...deep },
        {
          ...coreOptions(DEFAULTS),
          encoder: [32, 16],
          latent: 2,
          decoder: [16],
          activation: 'tanh',
          latent_activation: 'linear',
          optimizer: 'rmsprop',
          noise: { type: 'mask', amount: 0.1 },
        },
      );
      assert.ok(
        options.some((o) => o.latent === 16 && o.l1 === 0.001),
        'the sparse one',
      );
      // The full explorer's editor shows its network; its latent grid is the nearest, 1x2.
      const shown = await page.evaluate(() => {
        const root = document.getElementById('deep').shadowRoot;
        return {
          act: root.querySelector('#arch-activation').value,
          caption: root.querySelector('#latent-caption').textContent,
        };
      });
      assert.deepEqual(shown, { act: 'tanh', caption: 'Latent space representation (1x2)' });
      // The compact view's code grid follows the latent size too: 16 units, 4x4.
      const compact = await page.evaluate(() => {
        const root = document.getElementById('sparse').shadowRoot;
        const canvas = root.querySelector('#latent');
        return {
          caption: canvas.closest('figure').querySelector('figcaption').textContent,
          label: canvas.getAttribute('aria-label'),
        };
      });
      assert.deepEqual(compact, {
        caption: 'Latent code (4x4)',
        label: 'Latent space representation (4x4)',
      });
      await screenshot(page, 'embed-networks');
      // The network view follows its own width: layers side by side in the wide post, stacked
      // (every tile inside the element) in the 520 px column.
      // Each view is fetched as it nears the screen.
      for (const id of ['deep', 'narrow']) {
        await page.locator(`#${id} .net-panel`).scrollIntoViewIfNeeded();
        await page.locator(`#${id} .net-columns`).waitFor({ state: 'attached' });
      }
      const layout = await page.evaluate(() =>
        Object.fromEntries(
          ['deep', 'narrow'].map((id) => {
            const host = document.getElementById(id);
            const box = host.getBoundingClientRect();
            const tiles = [...host.shadowRoot.querySelectorAll('.net-tile')];
            const outside = tiles.filter((t) => {
              const r = t.getBoundingClientRect();
              return r.left < box.left || r.right > box.right;
            });
            return [
              id,
              {
                direction: getComputedStyle(host.shadowRoot.querySelector('.net-columns'))
                  .flexDirection,
                outside: outside.length,
              },
            ];
          }),
        ),
      );
      assert.deepEqual(layout, {
        deep: { direction: 'row', outside: 0 },
        narrow: { direction: 'column', outside: 0 },
      });
      const clash = await page.evaluate(() => document.getElementById('clash').dataset.error);
      assert.match(clash, /loss: must be mse with a linear output/);
      assert.deepEqual(log.pageErrors, []);
      await context.close();
    }
  });
});
