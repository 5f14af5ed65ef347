//! Reads the HDF5 subset h5py writes by default, which is what Keras's `model.weights.h5` is:
//! superblock version 0 or 1, symbol-table groups (version 1 B-trees, symbol-table nodes, local
//! heaps), version 1 object headers (with continuation blocks), and contiguous or compact
//! datasets of little-endian float32 or integers. Anything else (the newer format, chunked or
//! filtered storage, other types) is refused by name. Every offset is bounds-checked.

use crate::error::Invalid;
use crate::invalid;

/// A dataset's values.
#[derive(Debug, PartialEq)]
pub enum Array {
    /// float32 values and the shape.
    F32(Vec<usize>, Vec<f32>),
    /// Integer values (any width, widened) and the shape.
    Int(Vec<usize>, Vec<i64>),
}

/// An HDF5 file in memory.
pub struct File<'a> {
    b: &'a [u8],
    root: u64,
}

fn bad<T>(what: &str) -> Result<T, Invalid> {
    invalid!("model.weights.h5 is damaged or not HDF5 as h5py writes it ({what})")
}

impl<'a> File<'a> {
    fn bytes(&self, at: u64, len: usize) -> Result<&'a [u8], Invalid> {
        let start = usize::try_from(at).ok();
        match start.and_then(|s| self.b.get(s..s.checked_add(len)?)) {
            Some(b) => Ok(b),
            None => bad("an address past the end"),
        }
    }

    fn u64_at(&self, at: u64) -> Result<u64, Invalid> {
        Ok(u64::from_le_bytes(self.bytes(at, 8)?.try_into().unwrap_or_default()))
    }

    fn u16_at(&self, at: u64) -> Result<usize, Invalid> {
        let b = self.bytes(at, 2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]) as usize)
    }

    /// Checks the superblock and finds the root group.
    pub fn open(b: &'a [u8]) -> Result<Self, Invalid> {
        if !b.starts_with(b"\x89HDF\r\n\x1a\n") {
            return invalid!("model.weights.h5 is not an HDF5 file (no HDF5 signature at its start)");
        }
        let f = File { b, root: 0 };
        let version = f.bytes(8, 1)?[0];
        if version > 1 {
            return invalid!(
                "model.weights.h5 uses HDF5's newer format (superblock version {version}); tinyae reads the format h5py writes by default (version 0), as Keras saves it"
            );
        }
        if f.bytes(13, 2)? != [8, 8] {
            return bad("offsets and lengths other than 8 bytes");
        }
        // The root symbol table entry's object header address.
        let root = f.u64_at(if version == 0 { 64 } else { 68 })?;
        Ok(File { b, root })
    }

    /// The messages (type, data) of the version 1 object header at `at`.
    fn messages(&self, at: u64) -> Result<Vec<(u16, &'a [u8])>, Invalid> {
        if self.bytes(at, 4)? == b"OHDR" {
            return invalid!("model.weights.h5 has version 2 object headers (HDF5's newer format); tinyae reads version 1, as h5py writes by default");
        }
        if self.bytes(at, 1)?[0] != 1 {
            return bad("an object header of an unknown version");
        }
        let count = self.u16_at(at + 2)?;
        let size = u32::from_le_bytes(self.bytes(at + 8, 4)?.try_into().unwrap_or_default());
        let mut chunks = vec![(at + 16, size as u64)];
        let mut out = Vec::new();
        while let Some((start, len)) = chunks.pop() {
            let chunk = self.bytes(start, len as usize)?;
            let mut p = 0;
            while p + 8 <= chunk.len() && out.len() < count {
                let kind = u16::from_le_bytes([chunk[p], chunk[p + 1]]);
                let n = u16::from_le_bytes([chunk[p + 2], chunk[p + 3]]) as usize;
                let Some(data) = chunk.get(p + 8..p + 8 + n) else { return bad("a message past its header") };
                if kind == 0x10 {
                    // A continuation: more messages elsewhere.
                    if chunks.len() > 64 || data.len() < 16 {
                        return bad("continuations");
                    }
                    let f = |i: usize| u64::from_le_bytes(data[i..i + 8].try_into().unwrap_or_default());
                    chunks.push((f(0), f(8)));
                }
                out.push((kind, data));
                p += 8 + n;
            }
        }
        Ok(out)
    }

    /// The members (name, object header address) of the group whose header is at `at`.
    pub fn members(&self, at: u64) -> Result<Vec<(String, u64)>, Invalid> {
        let messages = self.messages(at)?;
        if messages.iter().any(|(k, _)| *k == 0x6 || *k == 0x2) {
            return invalid!("model.weights.h5 stores a group in HDF5's newer link format; tinyae reads symbol-table groups, as h5py writes by default");
        }
        let Some((_, stab)) = messages.iter().find(|(k, _)| *k == 0x11) else {
            return bad("a group without a symbol table");
        };
        if stab.len() < 16 {
            return bad("a short symbol table message");
        }
        let btree = u64::from_le_bytes(stab[0..8].try_into().unwrap_or_default());
        let heap = u64::from_le_bytes(stab[8..16].try_into().unwrap_or_default());
        if self.bytes(heap, 4)? != b"HEAP" {
            return bad("a group's heap");
        }
        let (heap_size, heap_data) = (self.u64_at(heap + 8)?, self.u64_at(heap + 24)?);
        let names = self.bytes(heap_data, heap_size as usize)?;
        let mut out = Vec::new();
        self.walk(btree, names, 0, &mut out)?;
        Ok(out)
    }

    fn walk(&self, node: u64, names: &[u8], depth: usize, out: &mut Vec<(String, u64)>) -> Result<(), Invalid> {
        if self.bytes(node, 4)? != b"TREE" || self.bytes(node + 4, 1)?[0] != 0 || depth > 16 {
            return bad("a group's B-tree");
        }
        let level = self.bytes(node + 5, 1)?[0];
        for i in 0..self.u16_at(node + 6)? as u64 {
            let child = self.u64_at(node + 24 + 8 + 16 * i)?;
            if level > 0 {
                self.walk(child, names, depth + 1, out)?;
                continue;
            }
            if self.bytes(child, 4)? != b"SNOD" {
                return bad("a symbol table node");
            }
            for e in 0..self.u16_at(child + 6)? as u64 {
                let entry = child + 8 + 40 * e;
                let offset = self.u64_at(entry)? as usize;
                let Some(name) = names.get(offset..).and_then(|n| n.split(|&c| c == 0).next()) else {
                    return bad("a name outside its heap");
                };
                out.push((String::from_utf8_lossy(name).into_owned(), self.u64_at(entry + 8)?));
            }
        }
        Ok(())
    }

    /// The object header address of `path` ("a/b/c"), or `None` if some part is missing.
    pub fn find(&self, path: &str) -> Result<Option<u64>, Invalid> {
        let mut at = self.root;
        for part in path.split('/') {
            match self.members(at)?.into_iter().find(|(n, _)| n == part) {
                Some((_, child)) => at = child,
                None => return Ok(None),
            }
        }
        Ok(Some(at))
    }

    /// The dataset whose header is at `at`; `path` names it in errors.
    pub fn array(&self, at: u64, path: &str) -> Result<Array, Invalid> {
        let messages = self.messages(at)?;
        let get = |kind: u16| messages.iter().find(|(k, _)| *k == kind).map(|(_, d)| *d);
        if get(0xB).is_some() {
            return invalid!(
                "model.weights.h5: {path} is compressed or filtered; tinyae reads plain datasets, as Keras writes them"
            );
        }
        let (Some(space), Some(dtype), Some(layout)) = (get(0x1), get(0x3), get(0x8)) else {
            return invalid!("model.weights.h5: {path} is not a dataset");
        };
        let (rank, dims_at) = match space.first() {
            Some(1) => (space.get(1).copied().unwrap_or(0) as usize, 8),
            Some(2) => (space.get(1).copied().unwrap_or(0) as usize, 4),
            _ => return bad("a dataspace of an unknown version"),
        };
        let Some(dims) = space.get(dims_at..dims_at + 8 * rank) else { return bad("a short dataspace") };
        let shape: Vec<usize> =
            dims.chunks(8).map(|d| u64::from_le_bytes(d.try_into().unwrap_or_default()) as usize).collect();
        let count = shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
        let (class, size) =
            (dtype[0] & 0x0f, dtype.get(4..8).map(|s| u32::from_le_bytes(s.try_into().unwrap_or_default())));
        let big_endian = dtype.get(1).is_some_and(|f| f & 1 == 1);
        let float = class == 1 && size == Some(4);
        let int = class == 0 && matches!(size, Some(1 | 2 | 4 | 8));
        if !(float || int) || big_endian {
            let what =
                if class == 1 { format!("float{}", size.unwrap_or(0) * 8) } else { format!("HDF5 type class {class}") };
            return invalid!(
                "model.weights.h5: {path} holds {what} values; tinyae reads float32 weights (little-endian)"
            );
        }
        let width = size.unwrap_or(4) as usize;
        let Some(bytes) = count.and_then(|c| c.checked_mul(width)) else { return bad("a dataset too large") };
        let raw = match layout {
            [3, 0, ..] => layout.get(4..4 + bytes),
            [3, 1, ..] if layout.len() >= 18 => {
                let addr = u64::from_le_bytes(layout[2..10].try_into().unwrap_or_default());
                // Never written (all fill value): zeros.
                if addr == u64::MAX {
                    Some(&[][..])
                } else {
                    Some(self.bytes(addr, bytes)?)
                }
            }
            [3, 2, ..] => {
                return invalid!(
                    "model.weights.h5: {path} is chunked; tinyae reads contiguous datasets, as Keras writes them"
                )
            }
            _ => return bad("a data layout of an unknown version"),
        };
        let Some(raw) = raw else { return bad("compact data cut short") };
        let zeros;
        let raw = if raw.is_empty() && bytes > 0 {
            zeros = vec![0u8; bytes];
            &zeros[..]
        } else {
            raw
        };
        Ok(if float {
            Array::F32(shape, raw.chunks(4).map(|c| f32::from_le_bytes(c.try_into().unwrap_or_default())).collect())
        } else {
            let signed = dtype[1] & 0x08 != 0;
            let value = |c: &[u8]| {
                let mut b = [0u8; 8];
                b[..width].copy_from_slice(c);
                // Sign-extend a negative narrower signed integer.
                if signed && c[width - 1] & 0x80 != 0 {
                    b[width..].fill(0xff);
                }
                i64::from_le_bytes(b)
            };
            Array::Int(shape, raw.chunks(width).map(value).collect())
        })
    }
}
