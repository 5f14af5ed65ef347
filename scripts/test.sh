#!/usr/bin/env bash
# Every test: native Rust, wasm in Node (simd128 and scalar builds), wasm in headless Chromium,
# then the release builds from JS and the page end to end. Run through `npm test`, which first
# runs the set-up.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

step() { printf '\n== %s\n' "$*"; }

# Lints are gates: formatting, then clippy natively and for wasm32 with and without simd128
# (the simd128 kernels only compile with the flag).
step "lint: cargo fmt, clippy (native, wasm32 simd128, wasm32 scalar, wasm32 compact)"
cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
RUSTFLAGS="-C target-feature=+simd128" cargo clippy --quiet --target wasm32-unknown-unknown \
  --target-dir target/clippy-simd --lib --tests -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --target-dir target/clippy-scalar --lib --tests -- -D warnings
# And the compact build's cfg paths (no `full` feature: the classic model alone).
cargo clippy --quiet --no-default-features --target wasm32-unknown-unknown --target-dir target/clippy-scalar --lib -- -D warnings

# And ESLint (eslint.config.js) over the page, the scripts, the JS benchmark and the tests, and
# Prettier (.prettierrc.json) as their format, so eslint's line limits measure code, not layout.
step "lint: eslint, prettier"
npm run --silent lint

step "native: cargo test"
cargo test --quiet
# .keras files (src/keras/, the `keras` feature: www/pkg/keras, loaded on demand): natively and in wasm.
cargo test --quiet --features keras --test keras_files

# The kernel and training tests again inside wasm, once per kernel path: the simd128 path must
# reproduce the scalar one, and both the native runs, to the bit.
step "wasm (node, simd128): kernels, rejections, pca, alloc"
TINYAE_EXPECT_KERNELS=simd128 RUSTFLAGS="-C target-feature=+simd128" CARGO_TARGET_DIR=target/test-simd \
  wasm-pack test --node -- --test kernels --test rejections --test pca --test alloc
step "wasm (node, scalar): kernels, rejections, pca, alloc"
TINYAE_EXPECT_KERNELS=scalar CARGO_TARGET_DIR=target/test-scalar wasm-pack test --node -- --test kernels --test rejections --test pca --test alloc

step "wasm (node, scalar): keras_files"
TINYAE_EXPECT_KERNELS=scalar CARGO_TARGET_DIR=target/test-scalar wasm-pack test --node -- --features keras --test keras_files

step "wasm (headless Chromium, simd128): the JS API"
TINYAE_EXPECT_KERNELS=simd128 RUSTFLAGS="-C target-feature=+simd128" CARGO_TARGET_DIR=target/test-simd \
  wasm-pack test --headless --chrome -- --test web
step "wasm (headless Chromium, scalar): the JS API"
TINYAE_EXPECT_KERNELS=scalar CARGO_TARGET_DIR=target/test-scalar wasm-pack test --headless --chrome -- --test web

# And in Firefox (geckodriver from scripts/setup.sh): the simd128 build, which any Firefox
# since 89 runs; the scalar path is the same Rust as in Chromium's scalar run above.
step "wasm (headless Firefox, simd128): the JS API"
TINYAE_EXPECT_KERNELS=simd128 RUSTFLAGS="-C target-feature=+simd128" CARGO_TARGET_DIR=target/test-simd \
  wasm-pack test --headless --firefox -- --test web

step "release builds"
bash scripts/build.sh

step "JS: release modules in Node, the page in headless Chromium, the npm package"
node --test tests/js/ tests/e2e/ tests/package/
