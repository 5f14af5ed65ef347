//! Writes the HDF5 subset a `.keras` file's `model.weights.h5` needs, laid out as h5py writes
//! it by default (libver "earliest"): superblock version 0, groups as symbol tables (a version 1
//! B-tree over symbol-table nodes, names in a local heap), version 1 object headers, and
//! contiguous little-endian datasets (float32 arrays, int64 scalars). No attributes, no
//! compression, no chunking: Keras reads none of them back. See the HDF5 File Format
//! Specification version 2.0, sections II (superblock), III.A-D (B-trees, groups, heaps) and
//! IV (object headers and their messages).

/// The undefined address.
const UNDEF: u64 = u64::MAX;
/// Symbol-table nodes hold up to 2 * LEAF_K names; group B-tree nodes up to 2 * NODE_K
/// children. HDF5's defaults, so every reader sizes the nodes the same way.
const LEAF_K: usize = 4;
const NODE_K: usize = 16;
/// The most members one group may have: one B-tree node of full symbol-table nodes.
pub const MAX_MEMBERS: usize = 4 * LEAF_K * NODE_K;

/// A member of a group.
pub enum Node {
    /// A group and its members (any order: they are written sorted, as HDF5 keeps them).
    Group(Vec<(String, Node)>),
    /// A float32 array of `shape` (row-major).
    F32(Vec<usize>, Vec<f32>),
    /// An int64 scalar.
    I64(i64),
}

fn put(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(bytes);
}

fn put64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn pad8(out: &mut Vec<u8>) {
    out.resize(out.len().next_multiple_of(8), 0);
}

/// The bytes of an HDF5 file whose root group holds `members`.
/// Every group must have at most `MAX_MEMBERS` members (a model's groups have a few dozen).
pub fn write(members: &[(String, Node)]) -> Vec<u8> {
    let mut out = vec![0u8; 96];
    let (header, btree, heap) = group(&mut out, members);
    let mut sb = Vec::with_capacity(96);
    put(&mut sb, b"\x89HDF\r\n\x1a\n");
    // Versions: superblock, free space, root symbol table entry, reserved, shared header
    // messages; then the sizes of offsets and lengths (8 bytes each), reserved.
    put(&mut sb, &[0, 0, 0, 0, 0, 8, 8, 0]);
    put(&mut sb, &(LEAF_K as u16).to_le_bytes());
    put(&mut sb, &(NODE_K as u16).to_le_bytes());
    put(&mut sb, &[0; 4]); // file consistency flags
    for v in [0, UNDEF, out.len() as u64, UNDEF] {
        put64(&mut sb, v); // base address, free-space info, end of file, driver info
    }
    // The root group's symbol table entry, its B-tree and heap cached in the scratch pad.
    for v in [0, header] {
        put64(&mut sb, v);
    }
    put(&mut sb, &[1, 0, 0, 0, 0, 0, 0, 0]);
    for v in [btree, heap] {
        put64(&mut sb, v);
    }
    out[..96].copy_from_slice(&sb);
    out
}

/// Writes a group's members, heap, symbol-table nodes, B-tree and object header, in that order
/// (each refers only to what comes before it); returns the header's, B-tree's and heap's addresses.
fn group(out: &mut Vec<u8>, members: &[(String, Node)]) -> (u64, u64, u64) {
    debug_assert!(members.len() <= MAX_MEMBERS);
    let mut sorted: Vec<&(String, Node)> = members.iter().collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let headers: Vec<u64> = sorted
        .iter()
        .map(|(_, node)| match node {
            Node::Group(inner) => group(out, inner).0,
            Node::F32(shape, values) => {
                let raw: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
                // Floating point, version 1; little-endian, implied leading mantissa bit, sign
                // at bit 31; size 4; offset 0, precision 32, exponent at 23 of 8 bits,
                // mantissa at 0 of 23 bits, exponent bias 127.
                let dtype = [0x11, 0x20, 31, 0, 4, 0, 0, 0, 0, 0, 32, 0, 23, 8, 0, 23, 127, 0, 0, 0];
                dataset(out, shape, &dtype, &raw)
            }
            Node::I64(v) => {
                // Fixed point, version 1; little-endian, signed; size 8; offset 0, precision 64.
                let dtype = [0x10, 0x08, 0, 0, 8, 0, 0, 0, 0, 0, 64, 0];
                dataset(out, &[], &dtype, &v.to_le_bytes())
            }
        })
        .collect();
    // The local heap's data: "" at offset 0 (the B-tree's first key), then each name.
    let mut names = vec![0u8; 8];
    let offsets: Vec<u64> = sorted
        .iter()
        .map(|(name, _)| {
            let at = names.len() as u64;
            put(&mut names, name.as_bytes());
            names.push(0);
            pad8(&mut names);
            at
        })
        .collect();
    pad8(out);
    let data = out.len() as u64;
    put(out, &names);
    let heap = out.len() as u64;
    put(out, b"HEAP\0\0\0\0");
    // Data size, free list head (1: none, HDF5's H5HL_FREE_NULL), data address.
    for v in [names.len() as u64, 1, data] {
        put64(out, v);
    }
    let mut nodes = Vec::new();
    for (start, chunk) in (0..sorted.len()).collect::<Vec<_>>().chunks(2 * LEAF_K).map(|c| (c[0], c.len())) {
        nodes.push((out.len() as u64, offsets[start + chunk - 1]));
        put(out, b"SNOD\x01\0");
        put(out, &(chunk as u16).to_le_bytes());
        for i in start..start + chunk {
            for v in [offsets[i], headers[i], 0, 0, 0] {
                put64(out, v); // name, object header, cache type 0 and reserved, scratch pad
            }
        }
        // A node is read whole, at its full size.
        out.resize(out.len() + (2 * LEAF_K - chunk) * 40, 0);
    }
    let btree = out.len() as u64;
    put(out, b"TREE\0\0");
    put(out, &(nodes.len() as u16).to_le_bytes());
    for v in [UNDEF, UNDEF, 0] {
        put64(out, v); // left and right siblings, the first key ("")
    }
    for (node, last_name) in &nodes {
        put64(out, *node);
        put64(out, *last_name);
    }
    out.resize(btree as usize + 24 + (4 * NODE_K + 1) * 8, 0);
    let mut stab = Vec::new();
    put64(&mut stab, btree);
    put64(&mut stab, heap);
    (object_header(out, &[(0x11, 0, &stab)]), btree, heap)
}

/// Writes the raw data, then the dataset's header; returns the header's address.
fn dataset(out: &mut Vec<u8>, shape: &[usize], dtype: &[u8], raw: &[u8]) -> u64 {
    pad8(out);
    let at = out.len() as u64;
    put(out, raw);
    // Dataspace version 1: rank, no maximum dimensions, then each dimension.
    let mut space = vec![1, shape.len() as u8, 0, 0, 0, 0, 0, 0];
    for &d in shape {
        put64(&mut space, d as u64);
    }
    // Fill value version 2: allocated late, written if set, none defined.
    let fill = [2, 2, 2, 0];
    // Layout version 3, contiguous: address and size.
    let mut layout = vec![3, 1];
    put64(&mut layout, at);
    put64(&mut layout, raw.len() as u64);
    // Flag 1: the datatype and fill value are constant.
    object_header(out, &[(0x1, 0, &space), (0x3, 1, dtype), (0x5, 1, &fill), (0x8, 0, &layout)])
}

/// A version 1 object header holding `messages` (type, flags, data); returns its address.
fn object_header(out: &mut Vec<u8>, messages: &[(u16, u8, &[u8])]) -> u64 {
    pad8(out);
    let at = out.len() as u64;
    let size: usize = messages.iter().map(|(_, _, d)| 8 + d.len().next_multiple_of(8)).sum();
    put(out, &[1, 0]);
    put(out, &(messages.len() as u16).to_le_bytes());
    put(out, &1u32.to_le_bytes()); // reference count
    put(out, &(size as u32).to_le_bytes());
    put(out, &[0; 4]); // the messages start 8-aligned
    for (kind, flags, data) in messages {
        put(out, &kind.to_le_bytes());
        put(out, &(data.len().next_multiple_of(8) as u16).to_le_bytes());
        put(out, &[*flags, 0, 0, 0]);
        put(out, data);
        pad8(out);
    }
    at
}
