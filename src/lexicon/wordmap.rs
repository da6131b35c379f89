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

/// Bits in each half of a [`PrefixFilter`].
const FILTER_BITS: usize = 1 << 14;

/// Two bit sets that rule out most words before a hash look-up. One is over whole words, by
/// their first three bytes, length and last byte (for words that must match an entry exactly);
/// the other over the first three bytes only (all of a shorter word, with its length), for
/// stems a word may merely start with. A word whose bit is clear is not in the set (or starts
/// no stem of it); a set bit only says "maybe".
#[derive(Debug, Clone)]
pub struct PrefixFilter {
    // arrays, not vectors: a bit index is known to be in range, with no bounds check
    words: Box<[u64; FILTER_BITS / 64]>,
    prefixes: Box<[u64; FILTER_BITS / 64]>,
}

impl Default for PrefixFilter {
    fn default() -> Self {
        PrefixFilter {
            words: Box::new([0; FILTER_BITS / 64]),
            prefixes: Box::new([0; FILTER_BITS / 64]),
        }
    }
}

/// A word's two bits in any [`PrefixFilter`]: computed once, and asked of several filters.
#[derive(Debug, Clone, Copy)]
pub struct Probe {
    word: usize,
    prefix: usize,
}

impl Probe {
    /// The bits of `word`.
    #[inline]
    pub fn of(word: &str) -> Probe {
        let w = word.as_bytes();
        let key = prefix_key(w);
        Probe {
            word: word_bit(w, key),
            prefix: prefix_bit(key),
        }
    }
}

/// What a [`PrefixFilter`] says of a word.
#[derive(Debug, Clone, Copy)]
pub struct Admitted {
    /// The word may be one added with [`PrefixFilter::add_word`].
    pub word: bool,
    /// The word may start with a prefix added with [`PrefixFilter::add_prefix`].
    pub prefix: bool,
}

/// The word's first three bytes (all of a shorter word), with how many they are.
#[inline]
fn prefix_key(word: &[u8]) -> u32 {
    let n = word.len().min(3);
    let mut k = n as u32;
    for &b in &word[..n] {
        k = (k << 8) | u32::from(b);
    }
    k
}

/// The bit of a prefix key.
#[inline]
fn prefix_bit(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - FILTER_BITS.trailing_zeros())) as usize
}

/// The bit of a whole word, from its prefix key, its length and its last byte: words that share
/// their first three bytes ("contro", "controllo") mostly get different bits, and the bit costs
/// no more loads than the prefix's.
#[inline]
fn word_bit(word: &[u8], key: u32) -> usize {
    let last = word.last().copied().unwrap_or(0);
    let k = u64::from(key) | (word.len() as u64) << 32 | u64::from(last) << 48;
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FILTER_BITS.trailing_zeros())) as usize
}

fn set(bits: &mut [u64; FILTER_BITS / 64], bit: usize) {
    bits[bit / 64] |= 1 << (bit % 64);
}

#[inline]
fn is_set(bits: &[u64; FILTER_BITS / 64], bit: usize) -> bool {
    bits[bit / 64] & (1 << (bit % 64)) != 0
}

impl PrefixFilter {
    /// Admits `word` itself.
    pub fn add_word(&mut self, word: &str) {
        let w = word.as_bytes();
        set(&mut self.words, word_bit(w, prefix_key(w)));
    }

    /// Admits every word whose first three bytes are those of `prefix` (or, for a prefix of
    /// fewer than three bytes, the word equal to it).
    pub fn add_prefix(&mut self, prefix: &str) {
        set(
            &mut self.prefixes,
            prefix_bit(prefix_key(prefix.as_bytes())),
        );
    }

    /// Whether the word of `probe` may be a word added, and whether it may start with a prefix
    /// added (or equal a short one).
    #[inline]
    pub fn admits(&self, probe: Probe) -> Admitted {
        Admitted {
            word: is_set(&self.words, probe.word),
            prefix: is_set(&self.prefixes, probe.prefix),
        }
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
        f.add_prefix("contro");
        f.add_prefix("di");
        f.add_prefix("città");
        f.add_word("contro");
        f.add_word("di");
        for w in [
            "contro",
            "controllo",
            "con",
            "di",
            "città",
            "cittadino",
            "cit",
        ] {
            assert!(f.admits(Probe::of(w)).prefix, "{w}");
        }
        assert!(f.admits(Probe::of("contro")).word);
        assert!(f.admits(Probe::of("di")).word);
        // with only these prefixes and words, nearly every other word is refused
        let words = [
            "il", "la", "che", "non", "per", "una", "sono", "anche", "dire",
        ];
        let refused = words
            .iter()
            .filter(|w| !f.admits(Probe::of(w)).prefix)
            .count();
        assert!(refused >= words.len() - 1, "{refused}");
        let others = ["controllo", "dì", "con", "il", "la", "che", "non", "per"];
        let refused = others
            .iter()
            .filter(|w| !f.admits(Probe::of(w)).word)
            .count();
        assert!(refused >= others.len() - 1, "{refused}");
    }
}
