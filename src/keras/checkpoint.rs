//! The checkpoint entry, `tinyae.json`: what exact resumption needs and Keras does not (Keras
//! reads only the entries it knows, so the file still loads there). u64 states are hex strings,
//! since a JSON number holds only 53 bits.

use super::json::Json;
use crate::error::Invalid;
use crate::invalid;
use crate::trainer::{Position, MAX_SEED};

/// The entry's name in the zip.
pub const ENTRY: &str = "tinyae.json";
/// Its format version.
const VERSION: f64 = 1.0;

/// The entry's text for a model of `seed` at `p`.
pub fn write(seed: u64, p: &Position) -> String {
    let order: Vec<String> = p.order.iter().map(|i| i.to_string()).collect();
    format!(
        r#"{{"format": "tinyae-checkpoint", "version": 1, "seed": {seed}, "rng": "{:016x}", "sampler": "{:016x}", "step": {}, "epoch": {}, "batch_size": {}, "cursor": {}, "data": "{:016x}", "order": [{}]}}"#,
        p.rng,
        p.sampler,
        p.step,
        p.epoch,
        p.batch_size,
        p.cursor,
        p.data,
        order.join(", ")
    )
}

fn whole(j: &Json, key: &str, max: u64) -> Result<u64, Invalid> {
    match j.get(key).num() {
        Some(v) if v >= 0.0 && v.fract() == 0.0 && v <= max as f64 => Ok(v as u64),
        _ => invalid!("{ENTRY}: {key} must be a whole number in 0..={max}"),
    }
}

fn hex(j: &Json, key: &str) -> Result<u64, Invalid> {
    match j.get(key).str().map(|s| (s.len(), u64::from_str_radix(s, 16))) {
        Some((16, Ok(v))) => Ok(v),
        _ => invalid!("{ENTRY}: {key} must be 16 hex digits"),
    }
}

/// The seed and position an entry holds.
pub fn read(text: &str) -> Result<(u64, Position), Invalid> {
    let j = Json::parse(text, ENTRY)?;
    if j.get("format").str() != Some("tinyae-checkpoint") || j.get("version").num() != Some(VERSION) {
        return invalid!("{ENTRY} is not a tinyae checkpoint of version 1 (format \"tinyae-checkpoint\", version 1)");
    }
    let Some(items) = j.get("order").arr() else { return invalid!("{ENTRY}: order must be an array") };
    let mut order = Vec::with_capacity(items.len());
    for item in items {
        match item.num() {
            Some(v) if v >= 0.0 && v.fract() == 0.0 && v < u32::MAX as f64 => order.push(v as u32),
            _ => return invalid!("{ENTRY}: order must hold whole numbers"),
        }
    }
    let big = (1u64 << 53) - 1;
    let position = Position {
        rng: hex(&j, "rng")?,
        sampler: hex(&j, "sampler")?,
        step: whole(&j, "step", big)?,
        epoch: whole(&j, "epoch", big)?,
        batch_size: whole(&j, "batch_size", u32::MAX as u64)? as usize,
        cursor: whole(&j, "cursor", u32::MAX as u64)? as usize,
        data: hex(&j, "data")?,
        order,
    };
    Ok((whole(&j, "seed", MAX_SEED)?, position))
}
