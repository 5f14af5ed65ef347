// The note above the page that names what in its link could not be used, both pages': every
// bad value with what is accepted, those the model refused added as they come back.
import { showText } from './dom.js';
import { describeLinkProblems } from './settings.js';

/**
 * The note `#link-note` in `root` (an embed has none: `host` still publishes
 * data-link-problems). Returns `{ show(problems), add(problem) }`: all of them, one more.
 */
export function createLinkNote(root, host) {
  const el = root.querySelector('#link-note');
  let named = [];
  const show = (list) => {
    named = list;
    host.dataset.linkProblems = list.map((p) => p.key).join(' ');
    const text = describeLinkProblems(list);
    if (!el) return;
    showText(el, text);
  };
  return { show, add: (problem) => show([...named.filter((p) => p.key !== problem.key), problem]) };
}
