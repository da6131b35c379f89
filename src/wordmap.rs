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
    let mut key = [0u8; 16];
    key[..b.len()].copy_from_slice(b);
    key[SHORT] = b.len() as u8;
    Some(u128::from_le_bytes(key))
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

    /// The number of words.
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
        assert_eq!(m.len(), 7);
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
}
