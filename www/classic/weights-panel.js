// The weights panel: Download writes the model's weights as a file, Load reads one back. The
// file format is weights-file.js's, imported on the first download or load: a first visit does
// not fetch it (dist/ keeps it out of the page's bundle). Where the weights come from and go
// to is the caller's.
import { setProp, setText, showText } from '../core/dom.js';
import { onFilePicked, saveText } from '../core/download.js';

const weightsFile = () => import('./weights-file.js');

/**
 * Wires the panel found in `root`. `current()` resolves to what to save: `{ weights, name, meta }`;
 * `onLoad(weights, fileName, options)` gets a file's weights (and its network's options, or null
 * for the classic one) once they have been read and checked.
 * Returns `{ setEnabled(on), loaded(fileName), seeded(seed, fileName), refused(fileName, message) }` for the model's verdict.
 */
export function createWeightsPanel(root, { current, onLoad }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const download = $('download');
  const load = $('load');
  const status = $('weights-status');
  const error = $('weights-error');
  const showError = (message) => showText(error, message);

  download.addEventListener('click', async () => {
    const [{ weights, name, meta, options }, { weightsToJson }] = await Promise.all([
      current(),
      weightsFile(),
    ]);
    saveText(
      root.ownerDocument ?? root,
      name,
      weightsToJson(weights, meta, options),
      'application/json',
    );
    setText(status, `Saved ${name}.`);
  });
  onFilePicked(
    $('weights-file'),
    async (file) => {
      showError(null);
      try {
        const { weightsFromJson } = await weightsFile();
        const { weights, options } = weightsFromJson(await file.text());
        onLoad(weights, file.name, options);
      } catch (err) {
        showError(`${file.name}: ${err.message}`);
      }
    },
    load,
  );

  return {
    setEnabled(on) {
      setProp(download, 'disabled', !on);
      setProp(load, 'disabled', !on);
    },
    /** The model took the file's weights. */
    loaded(fileName, network = null) {
      const built = network ? ` (for another network, ${network}: the page rebuilt to it)` : '';
      setText(
        status,
        `Loaded ${fileName}${built}: every run starts from these weights until you pick a seed or change the network. Play trains them on.`,
      );
    },
    /** The reader picked a seed: runs start from it again, no longer from the file. */
    seeded(seed, fileName) {
      setText(
        status,
        `Now training from seed ${seed}; ${fileName} is no longer used (load it again to go back to it).`,
      );
    },
    /** The model refused them (a weight that is not finite, say): why, and nothing changed. */
    refused(fileName, message) {
      setText(status, '');
      showError(`${fileName}: ${message}`);
    },
  };
}
