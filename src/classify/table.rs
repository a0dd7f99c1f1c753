//! The model's weight table, stored sparsely.
//!
//! A model hashes features into `2^bits` buckets (2^19 by default), but
//! only about one bucket in eight carries a weight or an IDF of its own.
//! A dense table of every bucket (20 bytes each, 10 MB by default) makes
//! each feature lookup a cache and TLB miss; this one keeps a presence
//! bitmap with running ranks (4 bytes per 8 buckets, 256 KB by default)
//! and the rows that exist, densely packed (about 1.3 MB for the built-in
//! model): far less memory to touch (measured: classification about 4 %
//! faster, the model 10 MB smaller in memory, loading faster). Buckets that
//! are not stored read as the unseen row: weight 0, the unseen IDF.
//!
//! The bitmap comes in blocks of 8 buckets, each one `u32`: the presence
//! byte and, above it, the number of stored rows before the block. A
//! lookup is one load, a bit test and a byte popcount from a 256-entry
//! table (no `popcnt` instruction is assumed).

/// One hash bucket: its IDF and the four label weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Row {
    pub w: [f32; 4],
    pub idf: f32,
}

/// Buckets per block.
const BLOCK: u32 = 8;

/// Set bits of every byte.
const POPCOUNT: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u32).count_ones() as u8;
        i += 1;
    }
    t
};

/// The stored rows of a model, found by bucket in constant time.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    /// Per block of 8 buckets: `rank << 8 | presence`.
    blocks: Vec<u32>,
    weights: Vec<[f32; 4]>,
    idfs: Vec<f32>,
    idf_unseen: f32,
}

impl Table {
    /// A table of `2^bits` buckets (`3 ≤ bits ≤ 24`) from `(bucket, row)` pairs in
    /// strictly increasing bucket order, every bucket `< 2^bits` (callers
    /// check both). Rows equal to the unseen row are not stored, so equal
    /// tables compare equal however they were built.
    pub(crate) fn from_entries(bits: u32, idf_unseen: f32, entries: impl IntoIterator<Item = (u32, Row)>) -> Table {
        debug_assert!((3..=24).contains(&bits));
        let mut t = Table { blocks: vec![0; 1 << (bits - 3)], weights: Vec::new(), idfs: Vec::new(), idf_unseen };
        let mut last = None;
        for (b, row) in entries {
            debug_assert!(last.is_none_or(|l| b > l), "buckets strictly increasing");
            last = Some(b);
            if row.w.iter().all(|x| *x == 0.0) && row.idf == idf_unseen {
                continue;
            }
            t.blocks[(b / BLOCK) as usize] |= 1 << (b % BLOCK);
            t.weights.push(row.w);
            t.idfs.push(row.idf);
        }
        let mut rank = 0u32;
        for block in &mut t.blocks {
            let present = *block;
            *block |= rank << 8;
            rank += present.count_ones();
        }
        t
    }

    /// A table from every bucket's row (`rows.len()` a power of two ≥ 8).
    pub(crate) fn from_dense(rows: &[Row], idf_unseen: f32) -> Table {
        debug_assert!(rows.len().is_power_of_two() && rows.len() >= 8);
        let bits = rows.len().trailing_zeros();
        Table::from_entries(bits, idf_unseen, rows.iter().enumerate().map(|(i, r)| (i as u32, *r)))
    }

    /// Where the row of `bucket` is stored, if it is.
    #[inline]
    pub(crate) fn find(&self, bucket: u32) -> Option<usize> {
        let block = self.blocks[(bucket / BLOCK) as usize];
        let bit = 1u32 << (bucket % BLOCK);
        if block & bit == 0 {
            return None;
        }
        Some((block >> 8) as usize + usize::from(POPCOUNT[(block & (bit - 1)) as usize]))
    }

    /// The label weights of stored row `i`.
    #[inline]
    pub(crate) fn weights(&self, i: usize) -> [f32; 4] {
        self.weights[i]
    }

    /// The IDF of stored row `i`.
    #[inline]
    pub(crate) fn idf_at(&self, i: usize) -> f32 {
        self.idfs[i]
    }

    /// The IDF of buckets that are not stored.
    pub(crate) fn idf_unseen(&self) -> f32 {
        self.idf_unseen
    }

    /// The row of `bucket` (the unseen row when it is not stored).
    #[cfg(test)]
    pub(crate) fn row(&self, bucket: u32) -> Row {
        match self.find(bucket) {
            Some(i) => Row { w: self.weights[i], idf: self.idfs[i] },
            None => Row { w: [0.0; 4], idf: self.idf_unseen },
        }
    }

    /// The stored rows with their buckets, in bucket order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (u32, Row)> + '_ {
        self.blocks.iter().enumerate().flat_map(move |(k, &block)| {
            // The block's rows follow its rank, in bucket order.
            let (mut present, mut i) = (block & 0xff, (block >> 8) as usize);
            std::iter::from_fn(move || {
                if present == 0 {
                    return None;
                }
                let bit = present.trailing_zeros();
                present &= present - 1;
                let row = Row { w: self.weights[i], idf: self.idfs[i] };
                i += 1;
                Some((k as u32 * BLOCK + bit, row))
            })
        })
    }

    /// How many rows are stored.
    pub(crate) fn len(&self) -> usize {
        self.weights.len()
    }

    /// Every stored IDF equals the unseen IDF, and that is 1.
    pub(crate) fn uniform_idf(&self) -> bool {
        self.idf_unseen == 1.0 && self.idfs.iter().all(|&x| x == 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dense table with rows in a scattered set of buckets.
    fn dense(bits: u32) -> Vec<Row> {
        let mut rows = vec![Row { w: [0.0; 4], idf: 2.0 }; 1 << bits];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for k in 0..(1usize << bits) / 5 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let i = (x as usize) & ((1 << bits) - 1);
            rows[i] = Row { w: [k as f32, -1.0, 0.0, 0.5], idf: if k % 3 == 0 { 2.0 } else { 1.0 + k as f32 } };
        }
        // Block edges: first and last bucket, both ends of a block.
        rows[0].w[0] = 7.0;
        rows[7].idf = 9.0;
        let n = rows.len();
        rows[8 % n].w[3] = -2.0;
        rows[n - 1].w[1] = 3.0;
        rows
    }

    #[test]
    fn every_bucket_reads_as_in_the_dense_table() {
        for bits in [3, 4, 7, 12] {
            let rows = dense(bits);
            let t = Table::from_dense(&rows, 2.0);
            for (b, r) in rows.iter().enumerate() {
                assert_eq!(t.row(b as u32), *r, "bits {bits} bucket {b}");
            }
            let stored = rows.iter().filter(|r| **r != Row { w: [0.0; 4], idf: 2.0 }).count();
            assert_eq!(t.len(), stored);
            assert!(stored > 0 && stored < rows.len());
        }
    }

    #[test]
    fn entries_round_trip_in_bucket_order() {
        let rows = dense(12);
        let t = Table::from_dense(&rows, 2.0);
        let entries: Vec<(u32, Row)> = t.entries().collect();
        assert!(entries.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(entries.len(), t.len());
        assert_eq!(Table::from_entries(12, 2.0, entries), t);
    }

    #[test]
    fn unseen_rows_are_not_stored_and_idf_uniformity_is_seen() {
        let t = Table::from_entries(8, 1.0, [(3, Row { w: [0.0; 4], idf: 1.0 }), (9, Row { w: [0.5; 4], idf: 1.0 })]);
        assert_eq!(t.len(), 1);
        assert_eq!(t.find(3), None);
        assert_eq!(t.find(9), Some(0));
        assert!(t.uniform_idf());
        let t = Table::from_entries(8, 1.0, [(9, Row { w: [0.0; 4], idf: 1.5 })]);
        assert!(!t.uniform_idf());
        assert_eq!(t.row(9).idf, 1.5);
        assert_eq!(t.row(10).idf, 1.0);
    }
}
