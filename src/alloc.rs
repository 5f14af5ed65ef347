//! The wasm builds' allocator: one free list per power-of-two size class, blocks carved from
//! `memory.grow`n pages and never handed back. std's default on wasm32 (dlmalloc) is 7 KB of
//! the module, 2.5 kB gzipped, a fifth of the compact build's code; the model allocates a few
//! dozen buffers of a few sizes and reuses them run after run, which this serves as well.
//! At most half of a block is unused; wasm memory never shrinks anyway.
//!
//! Single-threaded by construction: these builds have no threads (no `atomics` target feature).

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32::memory_grow;
use core::cell::UnsafeCell;

const PAGE: usize = 65_536;
/// Every block is at least this large and this aligned (a free block holds the list's next
/// pointer); larger alignments are met when carving and checked when reusing.
const MIN: usize = 16;

struct Heap {
    /// The head of each class's free list (class c: blocks of 2^c bytes), or null.
    free: [*mut u8; usize::BITS as usize],
    /// The unused part of the last pages grown: [next, end).
    next: usize,
    end: usize,
}

/// The global allocator of the wasm builds (src/lib.rs).
pub struct Classes(UnsafeCell<Heap>);

// SAFETY: the wasm builds are single-threaded; nothing else can touch the heap concurrently.
unsafe impl Sync for Classes {}

impl Classes {
    pub const fn new() -> Self {
        Classes(UnsafeCell::new(Heap { free: [core::ptr::null_mut(); usize::BITS as usize], next: 0, end: 0 }))
    }
}

impl Default for Classes {
    fn default() -> Self {
        Classes::new()
    }
}

/// The class of a request: the smallest power of two that holds `size` (and MIN).
fn class(size: usize) -> usize {
    size.max(MIN).next_power_of_two().trailing_zeros() as usize
}

// Out of line: inlined into every caller, the allocator would make the module bigger, not
// smaller.
unsafe impl GlobalAlloc for Classes {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let heap = &mut *self.0.get();
        let c = class(layout.size().max(layout.align()));
        let head = heap.free[c];
        // A block of class c is 2^c-aligned up to MIN at least; reuse it if that is enough.
        if !head.is_null() && (head as usize) % layout.align() == 0 {
            heap.free[c] = *(head as *mut *mut u8);
            return head;
        }
        let size = 1usize << c;
        let align = layout.align().max(MIN);
        let mut start = (heap.next + align - 1) & !(align - 1);
        if heap.next == 0 || start + size > heap.end {
            let pages = (size + align).div_ceil(PAGE);
            let old = memory_grow(0, pages);
            if old == usize::MAX {
                return core::ptr::null_mut();
            }
            // Contiguous with the last pages unless something else grew the memory meanwhile.
            if old * PAGE != heap.end {
                heap.next = old * PAGE;
            }
            heap.end = (old + pages) * PAGE;
            start = (heap.next + align - 1) & !(align - 1);
        }
        heap.next = start + size;
        start as *mut u8
    }

    #[inline(never)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let heap = &mut *self.0.get();
        let c = class(layout.size().max(layout.align()));
        *(ptr as *mut *mut u8) = heap.free[c];
        heap.free[c] = ptr;
    }

    #[inline(never)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // The same class: the block already holds it.
        if class(new_size.max(layout.align())) == class(layout.size().max(layout.align())) {
            return ptr;
        }
        let new = self.alloc(Layout::from_size_align_unchecked(new_size, layout.align()));
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}
