// The digits page's link: the hash that records the run (written a moment after each change),
// the note naming what a hand-edited link got wrong, the tab back to the '4' carrying what the
// two modes share, and following the hash when the reader edits it or presses Back.
import { createLinkNote } from '../core/link-note.js';
import { recalledLink, rememberLink } from '../core/urlstate.js';
import { carriedKeys, configHash, fourTabHref, readConfig, SETTINGS } from './config.js';

// Browsers throttle (and warn about) rapid history.replaceState calls.
const URL_DELAY_MS = 250;

/**
 * Wires the link of the page in `root` (`location`, `history`: the window's, or null in tests).
 * `current()` is the page's config; `follow(next)` gets the settings a hand-edited link changed
 * (only those that parse). Returns `{ problems(list), addProblem(problem), tab(config),
 * save(config) }`.
 */
export function createLink(root, { host, location, history, current, follow }) {
  const win = host.ownerDocument.defaultView;
  const note = createLinkNote(root, host);
  const carried = location ? carriedKeys(location.hash) : {};
  let timer = null;
  let write = () => {}; // the hash save() has yet to write
  // The link it came with is the page's until it writes its own (the '4' tab comes back to it).
  if (location?.hash) rememberLink(win, 'digits.html', location.hash);
  // Leaving by the other page's tab: the hash is written first, so Back comes back to it all.
  root.querySelector('nav.modes')?.addEventListener('click', () => write());

  const link = {
    /** Names, above the chart where the reader looks, what in the link could not be used. */
    problems: note.show,
    /** Names one more value the link gave that could not be used (the model refused it). */
    addProblem: note.add,
    /** The tab to the '4': its own last link, with the seed, the network and the rate from here. */
    tab(config) {
      root
        .querySelector('nav.modes a[href^="index.html"]')
        ?.setAttribute(
          'href',
          fourTabHref(config, carried, location ? recalledLink(win, 'index.html') : ''),
        );
    },
    /** Records `config` in the hash (soon: a burst of changes writes once). */
    save(config) {
      if (!location) return;
      link.tab(config);
      win.clearTimeout(timer);
      write = () => {
        win.clearTimeout(timer);
        const hash = configHash(config, carried);
        if (hash !== location.hash) history.replaceState(history.state, '', hash);
        rememberLink(win, 'digits.html', hash);
      };
      timer = win.setTimeout(write, URL_DELAY_MS);
    },
  };
  if (location) {
    win.addEventListener('hashchange', () => {
      const { config: parsed, problems } = readConfig({
        search: location.search,
        hash: location.hash,
      });
      link.problems(problems);
      // A value that does not parse is named, and the one in use stays.
      const bad = new Set(problems.map((p) => p.key));
      const now = current();
      const next = {};
      for (const row of SETTINGS) {
        if (!bad.has(row.key) && row.format(parsed[row.field]) !== row.format(now[row.field]))
          next[row.field] = parsed[row.field];
      }
      follow(next);
    });
  }
  return link;
}
