// The network view, fetched when its panel comes near the screen or a link's knock-outs ask for
// it: a first visit that never scrolls down to it does not download it (npm run size: on
// demand). Until it is there, the latest network, knock-outs and frame are kept and given to it.
import { watchPresence } from '../core/presence.js';

/** createNetworkView(container, opts)'s methods, the view itself imported at first need. */
export function lazyNetworkView(container, opts) {
  let view = null;
  let loading = null;
  let options = null;
  let off = [];
  let frame = null;
  const load = () =>
    (loading ??= import('../core/network-view.js').then(({ createNetworkView }) => {
      stop();
      view = createNetworkView(container, opts);
      if (options) view.setNetwork(options);
      if (off.length) view.knockOut(off);
      if (frame) view.draw(...frame);
    }));
  const stop = watchPresence(container, (near) => near && load(), { margin: '600px' });
  return {
    setNetwork(next) {
      options = next;
      off = [];
      view?.setNetwork(next);
    },
    knockOuts: () => (view ? view.knockOuts() : off.slice()),
    knockOut(units) {
      if (view) return view.knockOut(units);
      off = units.slice();
      load();
    },
    draw(...args) {
      if (view) view.draw(...args);
      else frame = args;
    },
  };
}
