#!/usr/bin/env bash
# Builds the two release wasm modules the page ships, into www/pkg/{simd,scalar}/:
# tinyae.js (wasm-bindgen's --target web glue) and tinyae_bg.wasm (wasm-opt -O3).
# The page picks one by feature detection (www/core/bridge.js).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

build() { # name, rustflags
  local name=$1 flags=$2 target_dir=target/wasm-$1 out=www/pkg/$1
  # Separate target dirs: the two flag sets would otherwise rebuild each other every time.
  RUSTFLAGS="$flags" cargo build --quiet --release --lib --target wasm32-unknown-unknown \
    --target-dir "$target_dir"
  rm -rf "$out"; mkdir -p "$out"
  wasm-bindgen --target web --out-dir "$out" \
    "$target_dir/wasm32-unknown-unknown/release/tinyae.wasm"
  local opt=(-O3); [ "$name" = simd ] && opt+=(--enable-simd)
  wasm-opt "${opt[@]}" --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/tinyae_bg.wasm" -o "$out/tinyae_bg.wasm"
  printf '[build] %-6s %7d bytes wasm\n' "$name" "$(wc -c < "$out/tinyae_bg.wasm")"
}

build simd "-C target-feature=+simd128"
build scalar ""

# The element's static poster (its fallback where scripts are stripped): the finished classic
# run, trained by the simd build just made.
node scripts/poster.mjs
