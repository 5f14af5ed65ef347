# Sourced by every script: the tools the set-up installs come first on PATH, npm's wasm-opt
# (binaryen) before any other (Debian's wasm-opt 108 silently breaks current wasm-bindgen output).
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# A RUSTFLAGS variable, even empty, replaces .cargo/config.toml's rustflags: the scripts set it
# explicitly where they need it and nowhere else.
unset RUSTFLAGS
