//! A hash map keyed by words, for the look-ups every token makes (word classes, roles, the first
//! words of lexicon phrases).
//!
//! Nearly every word is shorter than 16 bytes: such a key is packed with its length into one
//! `u128`, so a look-up hashes two machine words and compares two, with no string comparison.
//! Longer words go to an ordinary string-keyed map.

use rustc_hash::FxHashMap;

/// A map from words (normalised token strings) to values.
#[derive(Debug, Clone)]
pub struct WordMap<V> {
    short: FxHashMap<u128, V>,
    long: FxHashMap<Box<str>, V>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        }
    }
}

/// Words up to this many bytes are packed.
const SHORT: usize = 15;

/// The bytes of a short word and its length (in the last byte), as one number.
#[inline]
fn pack(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.len() > SHORT {
        return None;
    }
    let (lo, hi) = if b.len() <= 8 {
        (load(b), 0)
    } else {
        (load(&b[..8]), load(&b[8..]))
    };
    Some(u128::from(lo) | u128::from(hi) << 64 | (b.len() as u128) << 120)
}

/// Up to eight bytes as a little-endian number, read with overlapping loads rather than a copy
/// of variable length (which is a call to `memcpy`).
#[inline]
fn load(b: &[u8]) -> u64 {
    let n = b.len();
    let at = |i: usize| u64::from(b[i]) << (8 * i);
    match n {
        0 => 0,
        1..=3 => at(0) | at(n / 2) | at(n - 1),
        4..=7 => {
            let first = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let last = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
            u64::from(first) | u64::from(last) << (8 * (n - 4))
        }
        _ => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
    }
}

impl<V> WordMap<V> {
    /// The value of `word`.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&V> {
        match pack(word) {
            Some(k) => self.short.get(&k),
            None => self.long.get(word),
        }
    }

    /// The value of `word`, inserted as `V::default()` first if absent.
    pub fn entry_or_default(&mut self, word: &str) -> &mut V
    where
        V: Default,
    {
        match pack(word) {
            Some(k) => self.short.entry(k).or_default(),
            None => self.long.entry(word.into()).or_default(),
        }
    }
}

/// Bits in a [`PrefixFilter`].
const FILTER_BITS: usize = 1 << 14;

/// A bit set over the first three bytes of words (all of a shorter word, with its length): a
/// word whose bit is clear starts no entry of the set, so the hash look-up can be skipped. A set
/// bit only says "maybe".
#[derive(Debug, Clone)]
pub struct PrefixFilter {
    bits: Vec<u64>,
}

impl Default for PrefixFilter {
    fn default() -> Self {
        PrefixFilter {
            bits: vec![0; FILTER_BITS / 64],
        }
    }
}

/// The bit of a word's first three bytes (and of its length, when it is shorter than that).
#[inline]
fn prefix_bit(word: &[u8]) -> usize {
    let n = word.len().min(3);
    let mut k = n as u32;
    for &b in &word[..n] {
        k = (k << 8) | u32::from(b);
    }
    (k.wrapping_mul(0x9E37_79B1) >> (32 - FILTER_BITS.trailing_zeros())) as usize
}

impl PrefixFilter {
    /// Admits every word whose first three bytes are those of `prefix` (or, for a prefix of
    /// fewer than three bytes, the word equal to it).
    pub fn add(&mut self, prefix: &str) {
        let bit = prefix_bit(prefix.as_bytes());
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    /// False when `word` cannot start with any prefix added (nor equal a short one).
    #[inline]
    pub fn may_hold(&self, word: &str) -> bool {
        let bit = prefix_bit(word.as_bytes());
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_words_are_found_and_kept_apart() {
        let mut m: WordMap<u32> = WordMap::default();
        let long = "precipitevolissimevolmente";
        for (i, w) in ["a", "ab", "", "quindicilettere", long, "l'", "città"]
            .iter()
            .enumerate()
        {
            *m.entry_or_default(w) = i as u32;
        }
        assert_eq!(m.get("a"), Some(&0));
        assert_eq!(m.get("ab"), Some(&1));
        assert_eq!(m.get(""), Some(&2));
        assert_eq!(m.get("quindicilettere"), Some(&3));
        assert_eq!(m.get(long), Some(&4));
        assert_eq!(m.get("l'"), Some(&5));
        assert_eq!(m.get("città"), Some(&6));
        // a prefix, a word padded with NUL and a longer word are other keys
        assert_eq!(m.get("abc"), None);
        assert_eq!(m.get("a\0"), None);
        assert_eq!(m.get("precipitevolissimevolment"), None);
        *m.entry_or_default("a") += 10;
        assert_eq!(m.get("a"), Some(&10));
    }

    #[test]
    fn packing_keeps_every_byte_and_the_length() {
        let naive = |w: &str| {
            let mut key = [0u8; 16];
            key[..w.len()].copy_from_slice(w.as_bytes());
            key[SHORT] = w.len() as u8;
            u128::from_le_bytes(key)
        };
        let word = "abcdefghijklmnop";
        for n in 0..=SHORT {
            assert_eq!(pack(&word[..n]), Some(naive(&word[..n])), "{n}");
        }
        assert_eq!(pack("città"), Some(naive("città")));
        assert_eq!(pack(word), None);
    }

    #[test]
    fn a_filter_never_refuses_a_word_it_admitted() {
        let mut f = PrefixFilter::default();
        f.add("contro");
        f.add("di");
        f.add("città");
        for w in [
            "contro",
            "controllo",
            "con",
            "di",
            "città",
            "cittadino",
            "cit",
        ] {
            assert!(f.may_hold(w), "{w}");
        }
        // with only these prefixes, nearly every other word is refused
        let words = [
            "il", "la", "che", "non", "per", "una", "sono", "anche", "dire",
        ];
        let refused = words.iter().filter(|w| !f.may_hold(w)).count();
        assert!(refused >= words.len() - 1, "{refused}");
    }
}
