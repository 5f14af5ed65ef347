#!/usr/bin/env bash
# Builds the release wasm modules into www/pkg/<name>/: tinyae.js (wasm-bindgen's --target web
# glue) and tinyae_bg.wasm (wasm-opt -O3). Each kind in two builds, with and without wasm SIMD;
# the page picks one by feature detection (www/core/bridge.js):
#   simd, scalar                   the full API (the package, the digits mode): PCA, options
#   compact-simd, compact-scalar   the classic model alone (cargo --no-default-features), which
#                                  the <tiny-autoencoder> element loads
#   keras                          the full API and .keras files (cargo --features keras), without
#                                  SIMD: it converts checkpoints, it does not train; loaded only
#                                  when a reader or the package asks for a .keras file
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

build() { # name, rustflags, kernel path (simd | scalar), cargo feature flags, [opt-level]
  local name=$1 flags=$2 kernels=$3 features=$4 level=${5:-3} target_dir=target/wasm-$3 out=www/pkg/$1
  # One target dir per flag set (the two would otherwise rebuild each other every time); the
  # feature sets share it, and its dependencies. Another opt-level is another flag set.
  [ "$level" = 3 ] || target_dir=target/wasm-$1
  # shellcheck disable=SC2086
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$level RUSTFLAGS="$flags" cargo build --quiet --release --lib \
    --target wasm32-unknown-unknown --target-dir "$target_dir" $features
  rm -rf "$out"; mkdir -p "$out"
  wasm-bindgen --target web --out-dir "$out" \
    "$target_dir/wasm32-unknown-unknown/release/tinyae.wasm"
  # --converge repeats -O3 until the module stops shrinking (0.1 kB gzip off the compact build).
  local opt=(-O3 --converge); [ "$kernels" = simd ] && opt+=(--enable-simd)
  # The producers and target-features sections are for toolchains, not browsers.
  wasm-opt "${opt[@]}" --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    --strip-producers --strip-target-features \
    "$out/tinyae_bg.wasm" -o "$out/tinyae_bg.wasm"
  printf '[build] %-14s %7d bytes wasm\n' "$name" "$(wc -c < "$out/tinyae_bg.wasm")"
}

build simd "-C target-feature=+simd128" simd ""
build scalar "" scalar ""
build compact-simd "-C target-feature=+simd128" simd --no-default-features
build compact-scalar "" scalar --no-default-features
# Optimised for size: it converts, once per file, and at opt-level 3 it would be 277 KB, over the
# 244 KiB bundlers warn about (webpack's performance hint); at z, 240 KB. Float semantics do not
# depend on the opt-level: the models it reads and writes are the same to the bit.
build keras "" scalar "--features keras" z

# Each worker imports its kind's simd glue for either build (www/engine/classic-worker.js, engine/compact-worker.js), and
# bridge.js's importGlue relies on the same: the glue must not depend on the kernels.
for kind in "" compact-; do
  cmp -s "www/pkg/${kind}simd/tinyae.js" "www/pkg/${kind}scalar/tinyae.js" ||
    { echo "[build] www/pkg/${kind}simd/tinyae.js and ${kind}scalar/tinyae.js differ" >&2; exit 1; }
done

# The element's static poster (its fallback where scripts are stripped): the finished classic
# run, trained by the simd build just made.
node scripts/poster.mjs
