// <tiny-autoencoder>'s events tell the truth (issue 24, item 4): a restart (a new seed, any
// attribute) is one statechange per real change of state, each `previous` the state before it;
// a refused call (step(0), el.seed = -5) throws and changes nothing, started or not.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { enforceCsp, useBrowser } from './harness.mjs';
import { assertCleanLog, TRAINING_TIMEOUT_MS } from './page-helpers.mjs';

const env = useBrowser();
let session;
before(async () => {
  session = await env.open({ viewport: { width: 1000, height: 800 } });
  await enforceCsp(session.page);
  await session.page.addInitScript(() => {
    window.__events = [];
    document.addEventListener(
      'statechange',
      (e) => window.__events.push({ id: e.target.id, ...e.detail }),
      true,
    );
  });
  await session.page.goto(`${env.site.url}tests/e2e/blog/events.html`);
});
env.cleanup = () => session?.page.unrouteAll({ behavior: 'ignoreErrors' });

const waitState = (page, id, states) =>
  page.waitForFunction(
    ({ id, states }) => states.includes(document.getElementById(id).state),
    { id, states },
    { timeout: TRAINING_TIMEOUT_MS },
  );
/** The statechange events of `id` since the last call, as "previous->state". */
const takeEvents = (page, id) =>
  page.evaluate((id) => {
    const mine = window.__events.filter((e) => e.id === id).map((e) => `${e.previous}->${e.state}`);
    window.__events = window.__events.filter((e) => e.id !== id);
    return mine;
  }, id);

/** Asserts `events` chain: each previous is the state before it, none repeats its state. */
function assertChain(events, from) {
  let current = from;
  for (const event of events) {
    const [previous, next] = event.split('->');
    assert.equal(previous, current, `${events.join(', ')}: ${event} does not follow ${current}`);
    assert.notEqual(next, previous, `${events.join(', ')}: ${event} is no change`);
    current = next;
  }
  return current;
}

test("a figure's first run and a restart: one statechange per change, each from the state before", async () => {
  const { page } = session;
  await waitState(page, 'fig', ['paused']);
  assertChain(await takeEvents(page, 'fig'), 'idle');

  await page.evaluate(() => (document.getElementById('fig').seed = 42));
  await page.waitForFunction(
    () =>
      document.getElementById('fig').dataset.seed === '42' &&
      document.getElementById('fig').state === 'paused',
    null,
    { timeout: TRAINING_TIMEOUT_MS },
  );
  const events = await takeEvents(page, 'fig');
  assert.equal(assertChain(events, 'paused'), 'paused');
  assert.deepEqual(events, ['paused->loading', 'loading->paused']);

  await page.evaluate(() => document.getElementById('fig').play());
  await waitState(page, 'fig', ['done']);
  assert.deepEqual(await takeEvents(page, 'fig'), ['paused->training', 'training->done']);
});

test('a bad seed attribute: one change to error, and back', async () => {
  const { page } = session;
  await page.evaluate(() => document.getElementById('fig').setAttribute('seed', '-5'));
  await waitState(page, 'fig', ['error']);
  await page.waitForTimeout(200); // any late echo of the restart would land here
  assert.deepEqual(await takeEvents(page, 'fig'), ['done->error']);
  await page.evaluate(() => document.getElementById('fig').setAttribute('seed', '78'));
  await waitState(page, 'fig', ['paused']);
  assert.deepEqual(await takeEvents(page, 'fig'), ['error->loading', 'loading->paused']);
});

test('refused calls throw and change nothing: el.seed = -5, step(0), on a started and an unstarted figure', async () => {
  const { page, log } = session;
  const result = await page.evaluate(async () => {
    const attempt = (fn) => {
      try {
        fn();
        return null;
      } catch (err) {
        return `${err.name}: ${err.message}`;
      }
    };
    const fig = document.getElementById('fig');
    const far = document.getElementById('far');
    const out = {
      seed: attempt(() => (fig.seed = -5)),
      seedText: attempt(() => (fig.seed = 'abc')),
      step: attempt(() => fig.step(0)),
      farStep: attempt(() => far.step(0)),
      farBadSeed: attempt(() => (far.seed = 1.5)),
    };
    await new Promise((resolve) => setTimeout(resolve, 300));
    return {
      ...out,
      figSeed: fig.getAttribute('seed'),
      figState: fig.state,
      farSeed: far.getAttribute('seed'),
      farState: far.state,
      farStarted: !!far.dataset.build,
    };
  });
  assert.match(result.seed, /^RangeError: seed must be a whole number/);
  assert.match(result.seedText, /^RangeError: seed must be a whole number.*got "abc"/);
  assert.match(
    result.step,
    /^RangeError: .*steps must be a whole number from 1 to 100,000, got number 0$/,
  );
  assert.match(result.farStep, /^RangeError: .*steps must be a whole number/);
  assert.match(result.farBadSeed, /^RangeError: seed must be /);
  assert.deepEqual(
    {
      figSeed: result.figSeed,
      figState: result.figState,
      farSeed: result.farSeed,
      farState: result.farState,
      farStarted: result.farStarted,
    },
    { figSeed: '78', figState: 'paused', farSeed: '3', farState: 'idle', farStarted: false },
  );
  assert.deepEqual(await takeEvents(page, 'fig'), []);
  assert.deepEqual(await takeEvents(page, 'far'), []);
  assertCleanLog(log);
});
