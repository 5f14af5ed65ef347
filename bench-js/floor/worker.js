// The floor page's worker (index.html beside it): the compact simd build, the classic run.
import init, { Autoencoder } from '../../www/pkg/compact-simd/tinyae.js';

// The page compiles the .wasm and posts the module.
const module = await new Promise((resolve) => (self.onmessage = ({ data }) => resolve(data)));
await init({ module_or_path: module });
const ae = new Autoencoder(78);
ae.train_step(1000);
const four = new Float32Array(64);
[
  '00010000',
  '00110000',
  '01010000',
  '10010000',
  '11111000',
  '00010000',
  '00010000',
  '00010000',
].forEach((row, r) => [...row].forEach((c, i) => (four[r * 8 + i] = Number(c))));
self.postMessage({ recon: ae.reconstruct(four) });
