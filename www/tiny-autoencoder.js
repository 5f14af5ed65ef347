// <tiny-autoencoder>: the demo as one tag for any page. It lives in a shadow root, so the page's
// CSS and ours never meet, and adds nothing to `window`. It does nothing until it comes near
// the viewport, trains only while near it in a visible tab, and each instance has its own
// worker and model. The compact view loads only what it draws; the explorer's modules are
// fetched for panels="full" alone. Its files may come from the page's origin or from a CDN with
// CORS (worker-client.js then starts the worker through a blob: bootstrap).
import { createCompactView } from './embed/compact-view.js';
import { ATTRIBUTES, embedConfig, THEMES } from './embed/config.js';
import { setting } from './core/urlstate.js';
import { COMPACT_PARTS, hideControls } from './embed/controls.js';
import { watchPresence } from './core/presence.js';
import { startWorker } from './core/worker-client.js';
import { classicNetwork } from './core/architecture.js';

// Stylesheets as <link>s in the shadow root: allowed by `style-src 'self'`, where a <style>
// element is not, and shared by every instance through the browser's cache.
const EMBED_CSS = new URL('./embed/embed.css', import.meta.url).href;
// The data-* attributes it publishes on itself (for the page's scripts and the tests; n and
// latent: panels="map"'s data set and code); the page's own data-* attributes on the tag are
// left alone.
const PUBLISHED = 'state error active build kernels seed run epoch loss n latent'.split(' ');

// Where there is no DOM (a server rendering the page, Node importing the module) the class
// extends a stand-in and nothing is registered: importing the module is safe anywhere.
const Base = globalThis.HTMLElement ?? class {};

/** The custom element; defined as <tiny-autoencoder> when this module loads in a browser. */
export class TinyAutoencoder extends Base {
  static observedAttributes = [...ATTRIBUTES, 'theme'];

  #shadow = this.attachShadow({ mode: 'open' });
  #config = null; // embedConfig()'s result, or null when the attributes are bad
  #view = null; // { setActive, redraw?, destroy }, once started (full mode: once loaded)
  #started = false;
  #active = false;
  #stopWatching = null;
  #generation = 0; // bumped by every rebuild, so a full view that loads late is dropped

  #queued = []; // script calls made before the run could take them
  #events = null; // the MutationObserver that turns the published state into events
  #announced = 'idle'; // the state the last statechange event reported
  #epochFrame = 0;

  /** Trains on to the last epoch; a finished run starts again. */
  play() {
    this.#call((view) => view.play());
  }

  /** Stops training (the run keeps its place). */
  pause() {
    this.#call((view) => view.pause());
  }

  /** Pauses, then trains `steps` more epochs (a whole number, 1 to 100,000; default 1). */
  step(steps = 1) {
    if (!Number.isInteger(steps) || steps < 1 || steps > 100_000) {
      // The value as given, with its type: step('5') was a string, not the number 5.
      const given =
        typeof steps === 'string' ? `the string "${steps}"` : `${typeof steps} ${String(steps)}`;
      throw new RangeError(
        `tiny-autoencoder step(steps): steps must be a whole number from 1 to 100,000, got ${given}`,
      );
    }
    this.#call((view) => view.step(steps));
  }

  /** Starts the run again from its seed, paused at epoch 0. */
  reset() {
    this.#call((view) => view.reset());
  }

  /** Epochs trained so far. */
  get epoch() {
    return Number(this.dataset.epoch ?? 0);
  }

  /** The training loss now (MSE), or null before the first frame. */
  get loss() {
    return this.dataset.loss === undefined ? null : Number(this.dataset.loss);
  }

  /** idle, loading, training, paused, done or error. */
  get state() {
    return this.dataset.state ?? 'idle';
  }

  /** The run's seed (setting it, like the attribute, restarts the element). */
  get seed() {
    return Number(this.dataset.seed ?? this.#config?.state.seed);
  }

  /** A bad seed throws a RangeError, as step() does, and the element stays as it was. */
  set seed(value) {
    setting('attribute', 'seed').parse(String(value)); // a SettingError: a RangeError
    this.setAttribute('seed', String(value));
  }

  /** Runs `action(view)` once a run is there to take it; starts the element if need be. */
  #call(action) {
    if (!this.#config)
      throw new Error(`tiny-autoencoder: ${this.dataset.error ?? 'not on the page'}`);
    this.#queued.push(action);
    if (!this.#started && this.#stopWatching) this.#start();
    this.#flush();
  }

  #flush() {
    if (!this.#view?.play || !['training', 'paused', 'done'].includes(this.state)) return;
    const queued = this.#queued.splice(0);
    for (const action of queued) action(this.#view);
  }

  /**
   * statechange and done as the published state changes; epoch at most once a frame. A restart
   * passes through states the reader never sees (the teardown's idle): an event is sent only
   * when the state differs from the one last reported, which is its `previous`.
   */
  #watchEvents() {
    const win = this.ownerDocument.defaultView;
    const emit = (type, detail) => this.dispatchEvent(new CustomEvent(type, { detail }));
    this.#events = new win.MutationObserver((records) => {
      for (const { attributeName } of records) {
        if (
          attributeName === 'data-state' &&
          this.dataset.state &&
          this.state !== this.#announced
        ) {
          const previous = this.#announced;
          this.#announced = this.state;
          this.#flush();
          emit('statechange', { state: this.state, previous, epoch: this.epoch, loss: this.loss });
          if (this.state === 'done')
            emit('done', { epoch: this.epoch, loss: this.loss, seed: this.seed });
        } else if (attributeName === 'data-epoch' && !this.#epochFrame) {
          this.#epochFrame = win.requestAnimationFrame(() => {
            this.#epochFrame = 0;
            emit('epoch', { epoch: this.epoch, loss: this.loss, state: this.state });
          });
        }
      }
    });
    this.#events.observe(this, { attributes: true, attributeFilter: ['data-state', 'data-epoch'] });
  }

  connectedCallback() {
    this.#watchEvents();
    this.#build();
    this.#stopWatching = watchPresence(this, (active) => this.#setActive(active));
  }

  disconnectedCallback() {
    this.#events?.disconnect();
    this.#queued = [];
    this.#stopWatching?.();
    this.#stopWatching = null;
    this.#teardown();
  }

  attributeChangedCallback(name, before, after) {
    if (!this.#stopWatching || before === after) return; // not on the page yet: built on connect
    // A good theme only recolours; a bad one (or a fix for one) goes through the checks again.
    const goodTheme = (v) => v === null || THEMES.includes(v.trim().toLowerCase());
    if (name === 'theme' && this.#config && goodTheme(after)) return this.#view?.redraw?.();
    this.#teardown();
    this.#build();
    if (this.#active) this.#start();
  }

  /** The shell: stylesheets, the box, and in compact mode the view with its input drawn. */
  #build() {
    this.#generation++;
    let config = null;
    let error = null;
    try {
      config = embedConfig((name) => this.getAttribute(name));
    } catch (err) {
      error = `tiny-autoencoder ${err.message}`;
    }
    this.#config = config;
    const doc = this.ownerDocument;
    const box = doc.createElement('div');
    box.className = 'tae';
    box.dataset.panels = config?.panels ?? 'compact';
    // CSSOM, not a style attribute: allowed under a strict style-src.
    if (config?.height) box.style.height = config.height;
    // Hidden until styled, so the page never shows it unstyled; its space is kept meanwhile.
    box.style.visibility = 'hidden';
    // The larger views bring the page's sheets with their markup (embed/markup.js).
    const link = Object.assign(doc.createElement('link'), { rel: 'stylesheet', href: EMBED_CSS });
    link.onload = link.onerror = () => box.style.removeProperty('visibility');
    this.#shadow.append(link, box);
    this.dataset.state = 'idle';
    if (error) this.#fail(box, error);
    else if (config.panels === 'compact') {
      this.#view = createCompactView(box, { host: this, config });
      if (config.controls) hideControls(box, COMPACT_PARTS, config.controls);
    } else
      box.append(
        Object.assign(doc.createElement('p'), {
          className: 'tae-status',
          textContent: 'Loading…',
        }),
      );
  }

  /** Shows `message` in place of the demo, and publishes it. */
  #fail(box, message) {
    const p = this.ownerDocument.createElement('p');
    p.className = 'tae-status error';
    p.setAttribute('role', 'status');
    p.textContent = message;
    box.replaceChildren(p);
    this.dataset.state = 'error';
    this.dataset.error = message;
  }

  #setActive(active) {
    this.#active = active;
    if (active && !this.#started) this.#start();
    this.#view?.setActive(active);
  }

  /** The first time it is near the viewport: the worker, the wasm, and the full view's modules. */
  #start() {
    const config = this.#config;
    if (!config || this.#started) return;
    this.#started = true;
    // The compact figure of the classic network needs only the compact build.
    const worker = config.data
      ? null
      : startWorker(undefined, {
          compact: config.panels === 'compact' && classicNetwork(config.state),
        });
    if (config.panels === 'compact') {
      this.#view.start(worker);
      // A rebuilt view starts out away; tell it where it is.
      return this.#view.setActive(this.#active);
    }

    const generation = this.#generation;
    const box = this.#shadow.querySelector('.tae');
    let mount;
    if (config.data) {
      // The data page's figures start their own engine, and fetch the data, in their module,
      // which webpack leaves out of a build (its graph names the 28x28 data sets' 2 MB).
      mount = import(/* webpackIgnore: true */ './embed/data-view.js').then((m) =>
        m.mountDataView(box, this, config),
      );
    } else {
      // The run starts while the explorer's modules and markup are still on their way.
      const firstRun = worker.reset(config.state);
      if (config.autoplay) worker.play(config.state.speed);
      mount = import('./embed/full.js').then(({ mountFull }) =>
        mountFull(box, { host: this, config, worker, firstRun }),
      );
    }
    mount
      .then((view) => {
        if (generation !== this.#generation) return view.destroy();
        this.#view = view;
        view.setActive(this.#active);
        this.#flush();
      })
      .catch((err) => {
        worker?.terminate();
        if (generation === this.#generation)
          this.#fail(box, `tiny-autoencoder: ${err?.message ?? err}`);
      });
  }

  #teardown() {
    this.#generation++;
    this.#view?.destroy();
    this.#view = null;
    this.#started = false;
    this.#shadow.replaceChildren();
    for (const key of PUBLISHED) delete this.dataset[key];
  }
}

if (globalThis.customElements && !customElements.get('tiny-autoencoder'))
  customElements.define('tiny-autoencoder', TinyAutoencoder);
