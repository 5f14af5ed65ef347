// This machine's wasm simd128 multiply-add ceiling, as a yardstick for tinyae's GFLOP/s: a loop
// of `chains` independent `acc = acc * m + c` f32x4 chains (f32x4.mul then f32x4.add, as
// tinyae's kernels do: no fused multiply-add in wasm simd128). The module is assembled here from
// bytes, so it needs no toolchain, and runs the same in Node and in a browser.

const SIMD = 0xfd;
const op = {
  localGet: 0x20,
  localSet: 0x21,
  i32Const: 0x41,
  i32Sub: 0x6b,
  loop: 0x03,
  brIf: 0x0d,
  end: 0x0b,
  f32Const: 0x43,
  f32Add: 0x92,
  voidType: 0x40,
  // SIMD opcodes follow 0xfd as LEB128: f32x4.splat 0x13, extract_lane 0x1f, add 0xe4, mul 0xe6.
  f32x4Splat: [SIMD, 0x13],
  f32x4ExtractLane: [SIMD, 0x1f],
  f32x4Add: [SIMD, 0xe4, 0x01],
  f32x4Mul: [SIMD, 0xe6, 0x01],
};

const uleb = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
};
const f32 = (x) => [...new Uint8Array(new Float32Array([x]).buffer)];
const section = (id, body) => [id, ...uleb(body.length), ...body];
const vec = (items) => [...uleb(items.length), ...items.flat()];

/** `(func (export "run") (param $iters i32) (result f32))` running `chains` chains. */
function moduleBytes(chains) {
  // Locals: 0 = iters (param), 1 = m, 2 = c, 3.. = the accumulators.
  const body = [];
  const splat = (x, local) =>
    body.push(op.f32Const, ...f32(x), ...op.f32x4Splat, op.localSet, local);
  splat(0.999, 1);
  splat(0.001, 2);
  for (let a = 0; a < chains; a++) splat(a / chains, 3 + a);
  body.push(op.loop, op.voidType);
  for (let a = 0; a < chains; a++) {
    // acc = acc * m + c, one instruction per row
    // prettier-ignore
    body.push(
      op.localGet, 3 + a,
      op.localGet, 1,
      ...op.f32x4Mul,
      op.localGet, 2,
      ...op.f32x4Add,
      op.localSet, 3 + a,
    );
  }
  // iters -= 1; loop while iters != 0
  // prettier-ignore
  body.push(
    op.localGet, 0,
    op.i32Const, 1,
    op.i32Sub,
    op.localSet, 0,
    op.localGet, 0,
    op.brIf, 0,
    op.end,
  );
  // Sum lane 0 of every chain into the result, so none of them is dead code.
  body.push(op.f32Const, ...f32(0));
  for (let a = 0; a < chains; a++)
    body.push(op.localGet, 3 + a, ...op.f32x4ExtractLane, 0, op.f32Add);
  body.push(op.end);
  const locals = vec([[...uleb(2 + chains), 0x7b]]); // (2 + chains) locals of type v128
  const func = [...locals, ...body];
  // prettier-ignore
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
    ...section(1, vec([[0x60, 1, 0x7f, 1, 0x7d]])), // type: (i32) -> f32
    ...section(3, vec([[0]])), // one function of type 0
    ...section(7, vec([[3, 0x72, 0x75, 0x6e, 0x00, 0]])), // export "run" = function 0
    ...section(10, vec([[...uleb(func.length), ...func]])),
  ]);
}

/**
 * Best GFLOP/s (mul and add counted as one FLOP per lane each) over chain counts and repeats.
 * Resolves to `{ gflops, chains, byChains }`.
 */
export async function simdCeiling({
  chains = [4, 8, 10, 12, 14, 16],
  targetMs = 40,
  repeats = 5,
} = {}) {
  const byChains = {};
  for (const k of chains) {
    const { instance } = await WebAssembly.instantiate(moduleBytes(k));
    const run = instance.exports.run;
    // Enough calls for the engine to tier up from its baseline compiler, then size the loop.
    for (let i = 0; i < 20; i++) run(10_000);
    let iters = 100_000;
    for (;;) {
      const start = performance.now();
      run(iters);
      if (performance.now() - start >= targetMs) break;
      iters *= 2;
    }
    let best = 0;
    for (let r = 0; r < repeats; r++) {
      const start = performance.now();
      run(iters);
      const s = (performance.now() - start) / 1e3;
      best = Math.max(best, (iters * k * 8) / s / 1e9);
    }
    byChains[k] = best;
  }
  const [chainsAtBest, gflops] = Object.entries(byChains).sort((a, b) => b[1] - a[1])[0];
  return { gflops, chains: Number(chainsAtBest), byChains };
}
