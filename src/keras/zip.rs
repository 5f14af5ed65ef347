//! The zip container of a `.keras` file: stored (uncompressed) entries, as Keras writes them.
//! The writer makes exactly that; the reader finds entries through the central directory and
//! checks each one's CRC-32, and refuses compressed or zip64 entries by name.

use crate::error::Invalid;
use crate::invalid;

/// CRC-32 (IEEE, reflected, polynomial 0xEDB88320), bit by bit: a few hundred kB at most.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// 1980-01-01 00:00, the zip epoch: a fixed date keeps the bytes the same for the same model.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

/// A zip of `entries` (name, bytes), each stored, in the order given.
pub fn write(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let (crc, size, offset) = (crc32(data), data.len() as u32, out.len() as u32);
        // The fields both headers share: version needed, flags, method (0: stored), time,
        // date, CRC, compressed and uncompressed sizes, name length, extra length.
        let mut common = Vec::new();
        for v in [20u16, 0, 0, DOS_TIME, DOS_DATE] {
            put16(&mut common, v);
        }
        for v in [crc, size, size] {
            put32(&mut common, v);
        }
        put16(&mut common, name.len() as u16);
        put16(&mut common, 0);
        put32(&mut out, 0x0403_4b50);
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        put32(&mut central, 0x0201_4b50);
        put16(&mut central, 20); // made by: MS-DOS, zip 2.0
        central.extend_from_slice(&common);
        for v in [0u16, 0, 0] {
            put16(&mut central, v); // comment length, disk, internal attributes
        }
        put32(&mut central, 0); // external attributes
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let (cd_offset, cd_size, n) = (out.len() as u32, central.len() as u32, entries.len() as u16);
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    for v in [0u16, 0, n, n] {
        put16(&mut out, v);
    }
    put32(&mut out, cd_size);
    put32(&mut out, cd_offset);
    put16(&mut out, 0);
    out
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize)
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// One entry of a zip: its name and where its stored bytes are.
#[derive(Debug)]
pub struct Entry<'a> {
    /// The entry's name.
    pub name: String,
    /// Its bytes.
    pub data: &'a [u8],
}

/// Every entry of a zip whose entries are stored, CRC-checked.
pub fn read(zip: &[u8]) -> Result<Vec<Entry<'_>>, Invalid> {
    let damaged = |what: &str| invalid!("the .keras file is not a complete zip ({what})");
    // The end-of-central-directory record: the last 22 bytes, or before a comment.
    let start = zip.len().saturating_sub(22 + 65_535);
    let Some(eocd) = (start..zip.len().saturating_sub(21)).rev().find(|&i| u32_at(zip, i) == Some(0x0605_4b50)) else {
        return if zip.starts_with(b"PK") {
            damaged("no end record")
        } else {
            invalid!("the file is not a .keras file: a .keras file is a zip, and this one does not start like one")
        };
    };
    let (Some(n), Some(mut at)) = (u16_at(zip, eocd + 10), u32_at(zip, eocd + 16)) else {
        return damaged("end record cut short");
    };
    let mut entries = Vec::new();
    for _ in 0..n {
        let p = at as usize;
        let field = |off: usize| u32_at(zip, p + off);
        if field(0) != Some(0x0201_4b50) {
            return damaged("central directory");
        }
        let (Some(method), Some(crc), Some(size), Some(name_len), Some(extra), Some(comment), Some(local)) = (
            u16_at(zip, p + 10),
            field(16),
            field(20),
            u16_at(zip, p + 28),
            u16_at(zip, p + 30),
            u16_at(zip, p + 32),
            field(42),
        ) else {
            return damaged("central directory cut short");
        };
        let Some(name) = zip.get(p + 46..p + 46 + name_len) else { return damaged("entry name") };
        let name = String::from_utf8_lossy(name).into_owned();
        if method != 0 {
            return invalid!(
                "the .keras file's entry \"{name}\" is compressed (zip method {method}); tinyae reads stored entries, as Keras writes them"
            );
        }
        if size == u32::MAX || local == u32::MAX {
            return invalid!(
                "the .keras file's entry \"{name}\" is a zip64 entry; tinyae reads plain zips, as Keras writes them"
            );
        }
        let l = local as usize;
        let (Some(0x0403_4b50), Some(lname), Some(lextra)) = (u32_at(zip, l), u16_at(zip, l + 26), u16_at(zip, l + 28))
        else {
            return damaged("local header");
        };
        let begin = l + 30 + lname + lextra;
        let Some(data) = zip.get(begin..begin + size as usize) else { return damaged("entry cut short") };
        if crc32(data) != crc {
            return invalid!("the .keras file's entry \"{name}\" is damaged (its CRC-32 does not match)");
        }
        entries.push(Entry { name, data });
        at += 46 + (name_len + extra + comment) as u32;
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_the_standard_check_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn writes_and_reads_back_stored_entries() {
        let zip = write(&[("a.json", b"{}"), ("b.bin", &[1, 2, 3])]);
        let entries = read(&zip).unwrap();
        let got: Vec<(&str, &[u8])> = entries.iter().map(|e| (e.name.as_str(), e.data)).collect();
        assert_eq!(got, [("a.json", &b"{}"[..]), ("b.bin", &[1u8, 2, 3][..])]);
        let mut bad = zip.clone();
        bad[31 + 6] ^= 1; // a byte of a.json's data
        assert!(read(&bad).unwrap_err().0.contains("\"a.json\" is damaged"));
        assert!(read(b"not a zip").unwrap_err().0.contains("is a zip"));
        assert!(read(&zip[..zip.len() - 30]).is_err());
    }
}
