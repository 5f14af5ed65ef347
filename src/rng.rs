//! The seeded, portable PRNG (SplitMix64): the same seed gives the same stream on every
//! platform, natively and in wasm, because it only uses integer arithmetic.

/// A SplitMix64 generator.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator whose whole stream is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The generator's whole state: `Rng::new(state)` continues the same stream.
    pub fn state(&self) -> u64 {
        self.0
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float uniform in [0, 1) with 24 random bits, exact in f32.
    pub fn unit_f32(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 * (1.0 / (1u64 << 24) as f32)
    }

    /// Two independent standard normal draws (Marsaglia's polar method, in f64 over our
    /// portable `ln` and IEEE `sqrt`: the same bits natively and in wasm).
    pub fn normal_pair(&mut self) -> (f64, f64) {
        loop {
            let u = (self.next_u64() >> 11) as f64 * (2.0 / (1u64 << 53) as f64) - 1.0;
            let v = (self.next_u64() >> 11) as f64 * (2.0 / (1u64 << 53) as f64) - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let f = (-2.0 * crate::expf::ln(s) / s).sqrt();
                return (u * f, v * f);
            }
        }
    }

    /// An integer uniform in `0..bound` without modulo bias (Lemire's method); `bound > 0`.
    pub fn below(&mut self, bound: u32) -> u32 {
        let bound = bound as u64;
        let threshold = (1u64 << 32).wrapping_sub(bound) % bound;
        loop {
            let product = (self.next_u64() >> 32) * bound;
            if (product & 0xFFFF_FFFF) >= threshold {
                return (product >> 32) as u32;
            }
        }
    }

    /// Fisher-Yates shuffle.
    pub fn shuffle(&mut self, items: &mut [u32]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u32 + 1) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_is_fixed_by_the_seed() {
        // SplitMix64's published first output for seed 0.
        assert_eq!(Rng::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert!((0..100).all(|_| a.next_u64() == b.next_u64()));
    }

    #[test]
    fn normal_pairs_have_unit_variance() {
        let mut rng = Rng::new(8);
        let (mut sum, mut sq) = (0.0, 0.0);
        for _ in 0..20_000 {
            let (a, b) = rng.normal_pair();
            sum += a + b;
            sq += a * a + b * b;
        }
        assert!((sum / 40_000.0f64).abs() < 0.02 && (sq / 40_000.0 - 1.0).abs() < 0.03, "{sum} {sq}");
    }

    #[test]
    fn below_covers_the_range_evenly() {
        let mut rng = Rng::new(3);
        let mut counts = [0u32; 5];
        for _ in 0..50_000 {
            counts[rng.below(5) as usize] += 1;
        }
        assert!(counts.iter().all(|&c| (9_500..10_500).contains(&c)), "{counts:?}");
    }

    #[test]
    fn unit_is_in_range_and_shuffle_permutes() {
        let mut rng = Rng::new(11);
        assert!((0..10_000).map(|_| rng.unit_f32()).all(|u| (0.0..1.0).contains(&u)));
        let mut items: Vec<u32> = (0..50).collect();
        rng.shuffle(&mut items);
        assert_ne!(items, (0..50).collect::<Vec<_>>());
        items.sort();
        assert_eq!(items, (0..50).collect::<Vec<_>>());
    }
}
