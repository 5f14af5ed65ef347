// Keyboard navigation of the network view's tiles: the whole diagram is one tab stop (a roving
// tabindex on the tile last focused), and the arrow keys move within a layer and across layers
// (left/right across them, or up/down where the layers are stacked).
// It knows tiles only as { c, u, button }; what a focused tile shows is network-view.js's.

const KEYS = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
// A narrow screen stacks the layers top to bottom (style.css): up and down cross layers there.
const STACKED = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/**
 * Arrow keys over `box`'s tiles, `columns()` the current network's [[tile]] (column c at c - 1).
 * Returns `{ moveStop(tile) }`, which gives `tile` the tab stop.
 */
export function tileFocus(box, columns) {
  let current = null; // the tile with the tab stop
  box.addEventListener('keydown', (e) => {
    const stacked = getComputedStyle(box).flexDirection === 'column';
    const move = (stacked ? STACKED : KEYS)[e.key];
    if (!move || !current) return;
    e.preventDefault();
    neighbour(columns(), current, move).button.focus();
  });
  return {
    /** Makes `tile` the diagram's one tab stop. */
    moveStop(tile) {
      if (current) current.button.tabIndex = -1;
      current = tile;
      tile.button.tabIndex = 0;
    },
  };
}

// Up and down stay in the layer, clamped at its ends; left and right land at the same height,
// proportionally, in a layer of another width.
function neighbour(columns, tile, [dc, du]) {
  const c = Math.max(0, Math.min(columns.length - 1, tile.c - 1 + dc));
  const from = columns[tile.c - 1].length;
  const to = columns[c].length;
  const u = dc ? Math.round((tile.u / Math.max(1, from - 1)) * (to - 1)) : tile.u + du;
  return columns[c][Math.max(0, Math.min(to - 1, u))];
}
