// The '4' page's link: the settings in the URL hash, the digits tab's link that carries them
// over, and what in a link could not be used, named at the top where the reader looks.
import { setAttr } from '../core/dom.js';
import { createLinkNote } from '../core/link-note.js';
import {
  digitsTabHref,
  readState,
  recalledLink,
  rememberLink,
  setting,
  stateHash,
} from '../core/urlstate.js';

// Link updates wait for a pause in painting: browsers throttle (and warn about) rapid
// history.replaceState calls.
const URL_DELAY_MS = 250;

/** The knock-outs of a link's `off=2.1-3.5` (layer.unit, both from 1) as pairs; anything else is left out. */
export function readKnockOuts(hash) {
  const text = new URLSearchParams(hash.replace(/^#/, '')).get('off') ?? '';
  return text
    .split('-')
    .map((p) => /^(\d+)\.(\d+)$/.exec(p))
    .filter(Boolean)
    .map((m) => [Number(m[1]), Number(m[2])]);
}

/**
 * The link of the page in `root` (`host` publishes data-link-problems). Without `location`
 * (an embed) only the problems are published. `config()` is the settings in use, `hasRun()`
 * whether a run is there to record, `knockOuts()` the network view's ([layer, unit] pairs),
 * written as `off=` after the settings; `onEdit()` hears of a link edited by hand (or Back).
 * Returns `{ save(), flush(), read(), showProblems(problems), addProblem(problem), destroy() }`.
 */
export function createLink(
  root,
  { host, location, history, config, hasRun, knockOuts = () => [], onEdit },
) {
  const win = host.ownerDocument.defaultView;
  const note = createLinkNote(root, host);
  let timer = null;
  if (location) win.addEventListener('hashchange', onEdit);
  // The link it came with is the page's until it writes its own (the digits tab comes back to it).
  if (location?.hash) rememberLink(win, 'index.html', location.hash);
  // Leaving by the other page's tab: the hash is written first, so Back comes back to it all.
  root.querySelector('nav.modes')?.addEventListener('click', () => flush());

  function flush() {
    if (!location || !hasRun()) return;
    win.clearTimeout(timer);
    const off = knockOuts();
    const hash = `${stateHash(config())}${off.length ? `&off=${off.map(([c, u]) => `${c}.${u}`).join('-')}` : ''}`;
    if (hash !== location.hash) history.replaceState(history.state, '', hash);
    rememberLink(win, 'index.html', hash);
  }

  return {
    /** Records the settings in a moment, and in the digits tab's link at once. */
    save() {
      if (!location) return;
      // The digits tab: the digits page's own last link, with the seed, network and drawing from here.
      const tab = root.querySelector('nav.modes a[href^="digits.html"]');
      if (tab) setAttr(tab, 'href', digitsTabHref(config(), recalledLink(win, 'digits.html')));
      win.clearTimeout(timer);
      timer = win.setTimeout(flush, URL_DELAY_MS);
    },
    /** Records them now (a stroke ended). */
    flush,
    /** The link's settings; a value that does not parse is named, and the one in use stays. */
    read() {
      const { state: parsed, problems } = readState({
        search: location.search,
        hash: location.hash,
      });
      note.show(problems);
      const c = config();
      const bad = new Set(problems.map((p) => setting('key', p.key).field));
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, bad.has(k) ? c[k] : v]));
    },
    showProblems: note.show,
    /** Names one more value the link gave that could not be used (the model refused it). */
    addProblem: note.add,
    destroy() {
      if (location) win.removeEventListener('hashchange', onEdit);
      win.clearTimeout(timer);
    },
  };
}
