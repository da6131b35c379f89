//! Choosing a document's language: the loaded language whose function words (articles,
//! prepositions, auxiliaries, conjunctions, pronouns) are most frequent among its first words.

use std::collections::BTreeMap;

use crate::lexicon::wordmap::WordMap;
use crate::lexicon::Lexicons;
use crate::text::token::Token;

/// How much of a text language detection reads: bytes, and words.
pub(crate) const SAMPLE_BYTES: usize = 4000;
const SAMPLE_WORDS: usize = 300;

/// The function words of every loaded language, for telling them apart.
#[derive(Debug, Clone)]
pub(crate) struct FunctionWords {
    /// The loaded languages, in the order of the lexicon table.
    languages: Vec<String>,
    /// Each function word with a bit per language that has it (at most 32 languages count).
    words: WordMap<u32>,
    /// The length in bytes of the longest of them: a longer word is not looked up.
    longest: usize,
}

impl FunctionWords {
    pub(crate) fn new(lexicons: &BTreeMap<String, Lexicons>) -> FunctionWords {
        let mut words: WordMap<u32> = Default::default();
        let mut longest = 0;
        for (k, lex) in lexicons.values().enumerate().take(32) {
            for (word, class) in &lex.grammar {
                if class.is_function_word() {
                    *words.entry_or_default(word) |= 1 << k;
                    longest = longest.max(word.len());
                }
            }
        }
        FunctionWords {
            languages: lexicons.keys().cloned().collect(),
            words,
            longest,
        }
    }

    /// The language with the most function words among the first tokens of a text (its first
    /// [`SAMPLE_WORDS`] words within [`SAMPLE_BYTES`] bytes); ties go to the first language.
    pub(crate) fn language_of(&self, tokens: &[Token]) -> &str {
        let mut hits = [0usize; 32];
        let mut words = 0;
        for t in tokens {
            if t.start >= SAMPLE_BYTES || words == SAMPLE_WORDS {
                break;
            }
            if !t.word {
                continue;
            }
            words += 1;
            if t.norm.len() > self.longest {
                continue;
            }
            if let Some(&mask) = self.words.get(t.norm) {
                let mut m = mask;
                while m != 0 {
                    hits[m.trailing_zeros() as usize] += 1;
                    m &= m - 1;
                }
            }
        }
        let hits = &hits[..self.languages.len().min(32)];
        let best = (0..hits.len()).fold(0, |b, k| if hits[k] > hits[b] { k } else { b });
        self.languages.get(best).map_or("it", String::as_str)
    }
}
