//! Phrase maps: the lexicon entries of one file (cues, stance terms, modifiers, target names) as
//! sequences of normalised words, found in a document's tokens, longest first.

use super::wordmap::{PrefixFilter, Probe, WordMap};
use crate::text::token::words_of;

/// A set of token phrases with a value each; the longest phrase at a position wins.
#[derive(Debug, Clone)]
pub struct PhraseMap<T> {
    entries: Vec<Phrase<T>>,
    /// The entries filed under their first word (all but one-word stems), as (the first byte of
    /// the second word, or 0 for one word; the entry's index): most of the dozens of phrases under
    /// a word like "les" or "governo" are ruled out by that byte, without reading the entry.
    by_first: WordMap<Vec<(u8, usize)>>,
    /// One-word stems, filed under their first [`STEM_KEY_CHARS`] characters, as (the byte
    /// that follows the key, or 0 for a stem no longer than it; the entry's index).
    by_stem: WordMap<Vec<(u8, usize)>>,
    /// Bit k set when some stem key has k characters: the other lengths are not looked up.
    stem_key_lens: u8,
    /// Every first word, and the first bytes of every stem of three bytes or more: most words
    /// start no entry, and are answered without a hash look-up.
    filter: PrefixFilter,
    /// Some stem has fewer than three bytes: stems are looked up whatever the filter says.
    short_stems: bool,
}

/// Stems are filed under this many leading characters: a word needs at most this many look-ups.
const STEM_KEY_CHARS: usize = 3;

fn stem_key(stem: &str) -> &str {
    match stem.char_indices().nth(STEM_KEY_CHARS) {
        Some((end, _)) => &stem[..end],
        None => stem,
    }
}

#[derive(Debug, Clone)]
struct Phrase<T> {
    words: Vec<String>,
    prefix: bool,
    text: String,
    value: T,
}

/// A phrase found in a token sequence.
#[derive(Debug, Clone, Copy)]
pub struct PhraseMatch<'a, T> {
    /// How many tokens it covers.
    pub len: usize,
    /// Its value.
    pub value: &'a T,
    /// The lexicon entry as written.
    pub text: &'a str,
}

impl<T> Default for PhraseMap<T> {
    fn default() -> Self {
        PhraseMap {
            entries: Vec::new(),
            by_first: WordMap::default(),
            by_stem: WordMap::default(),
            stem_key_lens: 0,
            filter: PrefixFilter::default(),
            short_stems: false,
        }
    }
}

impl<T> PhraseMap<T> {
    pub(crate) fn insert(&mut self, entry: &str, value: T) -> std::result::Result<(), String> {
        let (body, prefix) = match entry.strip_suffix('*') {
            Some(b) => (b, true),
            None => (entry, false),
        };
        let mut words: Vec<String> = words_of(body);
        // a word with a leading or trailing apostrophe or hyphen is one token in text ("'t" in
        // "don't", "n'" in "n'a", the stem "anti-" of "anti-war"): keep it whole here too
        let glued = |w: &str| matches!(w, "'" | "-");
        if words.len() >= 2 && glued(&words[0]) && !body.starts_with(char::is_whitespace) {
            let w = words.remove(0);
            words[0].insert_str(0, &w);
        }
        if words.len() >= 2 && glued(&words[words.len() - 1]) {
            let w = words.pop().unwrap_or_default();
            if let Some(last) = words.last_mut() {
                last.push_str(&w);
            }
        }
        if words.is_empty() {
            return Err(format!("'{entry}' has no words"));
        }
        let idx = self.entries.len();
        if prefix && words.len() == 1 {
            let key = stem_key(&words[0]);
            self.stem_key_lens |= 1 << key.chars().count();
            if key.len() >= 3 {
                self.filter.add_prefix(key);
            } else {
                self.short_stems = true;
            }
            let next_byte = words[0].as_bytes().get(key.len()).copied().unwrap_or(0);
            self.by_stem.entry_or_default(key).push((next_byte, idx));
        } else {
            self.filter.add_word(&words[0]);
            let second_byte = words.get(1).map_or(0, |w| w.as_bytes()[0]);
            self.by_first
                .entry_or_default(&words[0])
                .push((second_byte, idx));
        }
        self.entries.push(Phrase {
            words,
            prefix,
            text: entry.to_string(),
            value,
        });
        Ok(())
    }

    /// The longest entry that starts at `norms[i]`.
    #[inline]
    pub fn longest_at<'a, S: AsRef<str>>(
        &'a self,
        norms: &[S],
        i: usize,
    ) -> Option<PhraseMatch<'a, T>> {
        let first = norms.get(i)?.as_ref();
        self.longest_at_probed(norms, i, Probe::of(first))
    }

    /// [`PhraseMap::longest_at`], with the filter bits of `norms[i]` (`probe`) computed by the
    /// caller, who may ask several maps about the same word.
    #[inline]
    pub fn longest_at_probed<'a, S: AsRef<str>>(
        &'a self,
        norms: &[S],
        i: usize,
        probe: Probe,
    ) -> Option<PhraseMatch<'a, T>> {
        // most words start no phrase: the filter answers them here, without a call
        let first = norms.get(i)?.as_ref();
        let admitted = self.filter.admits(probe);
        // a stem shorter than three bytes is not in the filter: stems are then always looked up
        let stems = self.stem_key_lens != 0 && (admitted.prefix || self.short_stems);
        if !admitted.word && !stems {
            return None;
        }
        self.longest_from(norms, i, first, admitted.word, stems)
    }

    /// [`PhraseMap::longest_at`] for a word the filter did not rule out: `word` when it may be
    /// a first word, `stems` when it may start with a stem.
    fn longest_from<'a, S: AsRef<str>>(
        &'a self,
        norms: &[S],
        i: usize,
        first: &str,
        word: bool,
        stems: bool,
    ) -> Option<PhraseMatch<'a, T>> {
        if let Some(list) = word.then(|| self.by_first.get(first)).flatten() {
            if let Some(m) = self.longest_filed(list, norms, i) {
                // a stem is one word, never longer than this match
                return Some(m);
            }
        }
        if stems {
            // stems are filed under their first STEM_KEY_CHARS characters (or all, if shorter):
            // `end` closes the word's first k characters
            let mut chars = first.chars();
            let mut end = 0;
            for k in 1..=STEM_KEY_CHARS {
                let Some(c) = chars.next() else { break };
                end += c.len_utf8();
                if self.stem_key_lens & (1 << k) == 0 {
                    continue;
                }
                if let Some(list) = self.by_stem.get(&first[..end]) {
                    // all stems are one word long: the first that matches is the longest
                    let next = first.as_bytes().get(end).copied();
                    for &(b, idx) in list {
                        if (b == 0 || Some(b) == next)
                            && first.starts_with(self.entries[idx].words[0].as_str())
                        {
                            return Some(self.found(idx));
                        }
                    }
                }
            }
        }
        None
    }

    /// The longest of the entries filed under the word `norms[i]` (`list`, in the order they were
    /// entered) that starts there; of equally long ones, the first.
    fn longest_filed<'a, S: AsRef<str>>(
        &'a self,
        list: &[(u8, usize)],
        norms: &[S],
        i: usize,
    ) -> Option<PhraseMatch<'a, T>> {
        let next = norms
            .get(i + 1)
            .and_then(|n| n.as_ref().as_bytes().first().copied());
        let mut best: Option<PhraseMatch<'a, T>> = None;
        for &(_, idx) in list.iter().filter(|&&(b, _)| b == 0 || Some(b) == next) {
            let p = &self.entries[idx];
            let len = p.words.len();
            if i + len > norms.len() {
                continue;
            }
            // the first word is the list's key; a one-word entry filed here is no stem
            let ok = p.words.iter().enumerate().skip(1).all(|(k, w)| {
                let n = norms[i + k].as_ref();
                if k == len - 1 && p.prefix {
                    n.starts_with(w.as_str())
                } else {
                    n == w
                }
            });
            if ok && best.as_ref().is_none_or(|b| len > b.len) {
                best = Some(self.found(idx));
            }
        }
        best
    }

    /// The match of entry `idx`.
    fn found(&self, idx: usize) -> PhraseMatch<'_, T> {
        let p = &self.entries[idx];
        PhraseMatch {
            len: p.words.len(),
            value: &p.value,
            text: &p.text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        crate::text::token::tokenize(s, &bumpalo::Bump::new())
            .into_iter()
            .map(|t| t.norm.to_string())
            .collect()
    }

    #[test]
    fn glued_apostrophes_and_hyphens_match_text_tokens() {
        let mut m: PhraseMap<f64> = PhraseMap::default();
        m.insert("'t", 1.0).unwrap();
        m.insert("n'", 2.0).unwrap();
        m.insert("anti-*", 3.0).unwrap();
        m.insert("l'esercito", 4.0).unwrap();
        let at = |text: &str, i: usize| m.longest_at(&norms(text), i).map(|x| *x.value);
        assert_eq!(at("don't", 1), Some(1.0));
        assert_eq!(at("il n'a pas", 1), Some(2.0));
        assert_eq!(at("anti-war", 0), Some(3.0));
        assert_eq!(at("L’esercito", 0), Some(4.0));
    }
}
