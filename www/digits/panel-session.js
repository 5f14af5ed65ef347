// A panel's run (the k-curve's, the VAE's): model `id` of the panels' engine, on its own data
// slot, driven by a run session like every run, at full speed, paused while the tab is hidden.
import { watchPresence } from '../core/presence.js';
import { RunSession } from '../core/session.js';

/**
 * Sets `p.model` and `p.session` for panel `p` ({ root, engine, host? }); `on`: RunSession's.
 * The session publishes on `p.host` when given (an embed, which then says when it may train),
 * else on the panel.
 */
export function startPanelSession(p, id, on) {
  p.model = p.engine().model(id, id, id);
  const host = p.host ?? p.root;
  p.session = new RunSession({ host, worker: p.model, speed: () => 'max', on });
  p.session.listen();
  // Hidden, the tab trains nothing; shown again, on from where it was.
  if (!p.host)
    watchPresence(p.root.ownerDocument.documentElement, (active) => p.session.setActive(active));
}
