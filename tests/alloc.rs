//! The wasm builds' allocator (src/alloc.rs), through std's collections: every block aligned
//! as asked, none overlapping a live one, contents kept across growth and reuse. Natively this
//! exercises the system allocator, in wasm (scripts/test.sh) the size classes.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[repr(align(64))]
#[derive(Clone, Copy)]
struct Wide(#[allow(dead_code)] [u8; 64]);

#[test]
fn blocks_are_aligned_distinct_and_keep_their_contents() {
    let mut live: Vec<Vec<u32>> = Vec::new();
    for round in 0..6u32 {
        for size in [1usize, 3, 15, 16, 17, 100, 1000, 4096, 70_000, 300_000] {
            let v: Vec<u32> = (0..size as u32).map(|i| i ^ round).collect();
            assert_eq!(v.as_ptr() as usize % 4, 0);
            live.push(v);
        }
        // Free every other one, so the next round reuses blocks amid live ones.
        let mut i = 0;
        live.retain(|_| {
            i += 1;
            i % 2 == 0
        });
        let wide: Box<[Wide]> = (0..3).map(|_| Wide([round as u8; 64])).collect();
        assert_eq!(wide.as_ptr() as usize % 64, 0, "over-aligned types get their alignment");
    }
    let mut spans: Vec<(usize, usize)> = live.iter().map(|v| (v.as_ptr() as usize, v.len() * 4)).collect();
    spans.sort();
    for w in spans.windows(2) {
        assert!(w[0].0 + w[0].1 <= w[1].0, "live blocks overlap");
    }
    for v in &live {
        let round = v[0];
        assert!(v.iter().enumerate().all(|(i, &x)| x == i as u32 ^ round), "contents changed");
    }
    // Growing in place and across classes keeps the prefix.
    let mut grown: Vec<u64> = Vec::new();
    for i in 0..100_000u64 {
        grown.push(i * 3);
    }
    assert!(grown.iter().enumerate().all(|(i, &x)| x == i as u64 * 3));
}
