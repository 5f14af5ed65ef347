//! The core reads bottom-up (issue 22): every module of `src/` sits at a level of `ORDER`, and
//! no module names one of a later level (`crate::name` in a `use` or a path). The chain the
//! issue asks for, `kernels -> dense -> layout -> network -> variational -> options -> trainer
//! -> wasm`, is a sub-sequence of it; the modules beside the chain sit where what they use puts
//! them.

use std::fs;
use std::path::Path;

/// Every module, bottom first.
const ORDER: [&str; 24] = [
    "expf",
    "number_text",
    "error",
    // error.rs's macro, `crate::invalid!`.
    "invalid",
    "rng",
    "alloc",
    "kernels",
    "adam",
    "dense",
    "layout",
    "network",
    "variational",
    "options",
    "optimizer",
    "batches",
    "data",
    "jacobi",
    "scatter",
    "subspace",
    "pca",
    "trainer",
    // The `.keras` files (cargo feature `keras`): a trainer's options, weights and optimizer.
    "keras",
    "wasm",
    // lib.rs declares every module and is above them all.
    "lib",
];

/// The module a file under src/ belongs to: its first path component, without `.rs`.
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("src")).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_string()
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules `text` names as `crate::name`, outside comments.
fn named(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim_start).filter(|l| !l.starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String =
                rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit()).collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
        // `use crate::{a, b}` names several.
        if let Some(list) = line.strip_prefix("use crate::{") {
            out.extend(list.split([',', '}']).map(|s| s.trim().split("::").next().unwrap_or("").to_string()));
        }
    }
    // Capitalised names are lib.rs's re-exports and constants (`crate::Invalid`, `CLASSIC_ONLY`).
    out.retain(|n| n.starts_with(|c: char| c.is_ascii_lowercase()));
    out
}

#[test]
fn no_module_names_one_above_it() {
    let level = |m: &str| ORDER.iter().position(|o| *o == m);
    let chain = ["kernels", "dense", "layout", "network", "variational", "options", "trainer", "wasm"];
    assert!(chain.windows(2).all(|w| level(w[0]) < level(w[1])), "the issue's chain is in ORDER's order");
    let mut all = Vec::new();
    files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut all);
    let mut wrong = Vec::new();
    for path in &all {
        let module = module_of(path);
        let own = level(&module).unwrap_or_else(|| panic!("{module} (src/{module}) is not in ORDER"));
        for name in named(&fs::read_to_string(path).unwrap()) {
            let used = level(&name).unwrap_or_else(|| panic!("{}: crate::{name} is not in ORDER", path.display()));
            if used > own {
                wrong.push(format!("{} names crate::{name}", path.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "modules naming one above them:\n{}", wrong.join("\n"));
}

#[test]
fn the_compact_switch_is_read_in_one_place() {
    let mut all = Vec::new();
    files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut all);
    let readers: Vec<String> = all
        .iter()
        .filter(|p| fs::read_to_string(p).unwrap().contains("cfg!(not(feature = \"full\"))"))
        .map(|p| module_of(p))
        .collect();
    assert_eq!(readers, ["lib"], "CLASSIC_ONLY is defined once, in lib.rs");
}
