//! # whosaid: who said what, in news articles
//!
//! whosaid reads news text and returns one row per direct quotation: the quote, its speaker
//! (the fullest name the article gives), the reporting cue, the attribution rule that fired, and a
//! lexicon-based stance with its targets and evidence.
//!
//! The pipeline has one module per stage, each a pure function of its input and the lexicons:
//! [`detect`] finds quotes, [`attribute`] finds speakers, [`stance`] tags stance, [`output`] writes
//! rows. [`Extractor`] runs them all on one document; [`stream::extract_all`] runs it over a
//! stream of inputs in parallel, handing the results back in input order.
//!
//! ```
//! use whosaid::{Extractor, LangChoice, LexiconSource};
//!
//! let ex = Extractor::new(LangChoice::Fixed("it".into()), &LexiconSource::default()).unwrap();
//! let text = "«Non ci fermeremo», ha detto il ministro degli Esteri Mario Rossi.";
//! let rows = ex.extract("esempio.txt", text);
//! assert_eq!(rows[0].quote, "Non ci fermeremo");
//! assert_eq!(rows[0].speaker, "Mario Rossi");
//! assert_eq!(rows[0].cue, "ha detto");
//! ```

pub mod attribute;
pub mod detect;
pub mod diff;
mod error;
pub mod eval;
mod inflect;
pub mod input;
pub mod lexicon;
mod model;
pub mod output;
pub mod stance;
pub mod stream;
pub mod token;
mod wordmap;

use std::collections::BTreeMap;

pub use error::{Error, Result};
pub use lexicon::{LexiconSource, Lexicons};
pub use model::{Attribution, Quote, Row, Stance, StanceLabel};
pub use output::{encode_rows, Format, RowWriter};

/// Which language's lexicons to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LangChoice {
    /// The same language for every document.
    Fixed(String),
    /// Chosen per document from the languages loaded.
    Auto,
}

/// How much of a text language detection reads: bytes, and words.
const LANGUAGE_SAMPLE_BYTES: usize = 4000;
const LANGUAGE_SAMPLE_WORDS: usize = 300;

/// Runs the whole pipeline with lexicons loaded once.
#[derive(Debug, Clone)]
pub struct Extractor {
    choice: LangChoice,
    lexicons: BTreeMap<String, Lexicons>,
    /// The loaded languages, in the order of `lexicons`.
    languages: Vec<String>,
    /// Function words of every loaded language, with a bit per language (for `Auto`).
    function_words: wordmap::WordMap<u32>,
    /// The length in bytes of the longest of them: a longer word is not looked up.
    longest_function_word: usize,
}

impl Extractor {
    /// Loads the lexicons for a language choice (all built-in languages for `Auto`).
    pub fn new(choice: LangChoice, source: &LexiconSource) -> Result<Extractor> {
        let langs: Vec<String> = match &choice {
            LangChoice::Fixed(l) => vec![l.clone()],
            LangChoice::Auto => lexicon::languages().iter().map(|s| s.to_string()).collect(),
        };
        let mut lexicons = BTreeMap::new();
        for l in langs {
            let lex = source.load(&l)?;
            lexicons.insert(l, lex);
        }
        let languages: Vec<String> = lexicons.keys().cloned().collect();
        // one table of function words for every loaded language: word -> bit per language
        let mut function_words: wordmap::WordMap<u32> = Default::default();
        let mut longest_function_word = 0;
        for (k, lex) in lexicons.values().enumerate().take(32) {
            for (word, class) in &lex.grammar {
                if class.is_function_word() {
                    *function_words.entry_or_default(word) |= 1 << k;
                    longest_function_word = longest_function_word.max(word.len());
                }
            }
        }
        Ok(Extractor {
            choice,
            lexicons,
            languages,
            function_words,
            longest_function_word,
        })
    }

    /// The language to use for a text: the fixed one, or for `Auto` the loaded language whose
    /// function words (articles, prepositions, auxiliaries, conjunctions) are most frequent in
    /// the text's first few thousand bytes.
    pub fn language_of(&self, text: &str) -> &str {
        if let LangChoice::Fixed(l) = &self.choice {
            return l;
        }
        let mut cut = text.len().min(LANGUAGE_SAMPLE_BYTES);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let arena = bumpalo::Bump::new();
        self.language_of_tokens(&token::tokenize(&text[..cut], &arena))
    }

    /// [`Extractor::language_of`] on a text already tokenized (its first tokens are read).
    fn language_of_tokens(&self, tokens: &[token::Token]) -> &str {
        if let LangChoice::Fixed(l) = &self.choice {
            return l;
        }
        // hits per language (function words of at most 32 languages are counted)
        let mut hits = [0usize; 32];
        let mut words = 0;
        for t in tokens {
            if t.start >= LANGUAGE_SAMPLE_BYTES || words == LANGUAGE_SAMPLE_WORDS {
                break;
            }
            if !t.word {
                continue;
            }
            words += 1;
            if t.norm.len() > self.longest_function_word {
                continue;
            }
            if let Some(&mask) = self.function_words.get(t.norm) {
                let mut m = mask;
                while m != 0 {
                    hits[m.trailing_zeros() as usize] += 1;
                    m &= m - 1;
                }
            }
        }
        let hits = &hits[..self.languages.len().min(32)];
        // the most hits; ties go to the first language in the table
        let best = (0..hits.len()).fold(0, |b, k| if hits[k] > hits[b] { k } else { b });
        self.languages.get(best).map_or("it", String::as_str)
    }

    /// Extracts the rows of one document. A leading byte-order mark is not part of the text.
    pub fn extract(&self, doc_id: &str, text: &str) -> Vec<Row> {
        self.extract_with(doc_id, text, &mut ())
    }

    /// [`Extractor::extract`], adding the wall time of each [`Stage`] to `times` (for profiling:
    /// the rows are the same).
    pub fn extract_timed(&self, doc_id: &str, text: &str, times: &mut StageTimes) -> Vec<Row> {
        self.extract_with(doc_id, text, times)
    }

    fn extract_with(&self, doc_id: &str, text: &str, laps: &mut impl Laps) -> Vec<Row> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        laps.start();
        // marks are found without tokens or language: a document with none (and no dialogue
        // dash) has no rows, and costs one scan
        let marked = detect::detect(text);
        let unmarked = marked.is_empty() && !detect::contains_any(text, &['—', '–']);
        laps.lap(Stage::Detect);
        if unmarked {
            return Vec::new();
        }
        // the normalised forms that differ from the text live here as long as the tokens
        let arena = bumpalo::Bump::new();
        let tokens = token::tokenize(text, &arena);
        laps.lap(Stage::Tokenize);
        let lang = self.language_of_tokens(&tokens).to_string();
        let lex = &self.lexicons[&lang];
        laps.lap(Stage::Language);
        let quotes = detect::with_dialogue_turns(text, &lex.dialogue_dashes, marked);
        let doc = token::Doc::from_tokens(text, tokens, quotes, lex);
        laps.lap(Stage::Sentences);
        let attributions = attribute::attribute(&doc, lex);
        laps.lap(Stage::Attribute);
        let offsets = char_offsets(text, &doc.quotes);
        let mut rows = Vec::with_capacity(doc.quotes.len());
        // attributions are moved into the rows, not copied
        for (i, (q, a)) in doc.quotes.iter().zip(attributions).enumerate() {
            let (os, ce) = doc.quote_tokens[i];
            let inner = &doc.tokens[os..ce];
            let context = intro_clause(&doc, os);
            let st = stance::tag(inner, context, a.cue_weight, &a.cue, lex);
            let (cs, cend) = offsets[i];
            rows.push(Row {
                doc: doc_id.to_string(),
                quote_id: i + 1,
                quote_start: cs,
                quote_end: cend,
                quote: text[q.start..q.end].to_string(),
                speaker: a.speaker,
                speaker_mention: a.mention,
                cue: a.cue,
                rule: a.rule.map_or("", attribute::Rule::name).to_string(),
                stance: st.label,
                stance_score: st.score,
                targets: st
                    .targets
                    .iter()
                    .map(|(n, l)| format!("{n}:{}", l.as_str()))
                    .collect::<Vec<_>>()
                    .join(";"),
                evidence: st.evidence.join(";"),
                lang: lang.clone(),
                flags: if q.unclosed {
                    "unclosed".into()
                } else {
                    String::new()
                },
            });
        }
        // the tokens are freed within the last stage, so that the stages add up to the whole
        drop(doc);
        drop(arena);
        laps.lap(Stage::Stance);
        rows
    }
}

/// A stage of [`Extractor::extract`], as [`StageTimes`] counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Finding and pairing the quote marks (all a document without any costs).
    Detect,
    /// Splitting the whole text into tokens, with their normalised forms.
    Tokenize,
    /// Choosing the language from the first words (a no-op with a fixed language).
    Language,
    /// Dialogue turns, sentences, and the tokens of each quote.
    Sentences,
    /// The speaker and cue of each quote: entities, word tables, sieves.
    Attribute,
    /// The stance of each quote, its row, and freeing the document's tokens.
    Stance,
}

impl Stage {
    /// Every stage, in the order they run.
    pub const ALL: [Stage; 6] = [
        Stage::Detect,
        Stage::Tokenize,
        Stage::Language,
        Stage::Sentences,
        Stage::Attribute,
        Stage::Stance,
    ];

    /// A short description.
    pub fn describe(self) -> &'static str {
        match self {
            Stage::Detect => "detection (quote marks)",
            Stage::Tokenize => "tokenizing",
            Stage::Language => "language detection",
            Stage::Sentences => "sentences and quote spans",
            Stage::Attribute => "attribution",
            Stage::Stance => "stance, rows, freeing the tokens",
        }
    }
}

/// Wall time spent in each [`Stage`], summed over the documents given to
/// [`Extractor::extract_timed`].
#[derive(Debug, Clone, Default)]
pub struct StageTimes {
    spent: [std::time::Duration; Stage::ALL.len()],
    since: Option<std::time::Instant>,
}

impl StageTimes {
    /// The time spent in one stage.
    pub fn get(&self, stage: Stage) -> std::time::Duration {
        self.spent[stage as usize]
    }

    /// The time spent in all stages.
    pub fn total(&self) -> std::time::Duration {
        self.spent.iter().sum()
    }
}

/// Where [`Extractor::extract_with`] reports the end of each stage: nowhere for `extract` (the
/// calls compile to nothing), a clock for `extract_timed`.
trait Laps {
    /// A document starts.
    fn start(&mut self);
    /// `stage` of the current document ends.
    fn lap(&mut self, stage: Stage);
}

impl Laps for () {
    #[inline(always)]
    fn start(&mut self) {}
    #[inline(always)]
    fn lap(&mut self, _: Stage) {}
}

impl Laps for StageTimes {
    fn start(&mut self) {
        self.since = Some(std::time::Instant::now());
    }

    fn lap(&mut self, stage: Stage) {
        let now = std::time::Instant::now();
        if let Some(since) = self.since {
            self.spent[stage as usize] += now - since;
        }
        self.since = Some(now);
    }
}

/// The tokens of the sentence before a quote's opening mark, outside other quotes.
fn intro_clause<'d, 'a>(doc: &'d token::Doc<'a>, open_tok: usize) -> &'d [token::Token<'a>] {
    if open_tok == 0 || open_tok >= doc.tokens.len() {
        return &[];
    }
    let (ss, _) = doc.sentence_of(open_tok);
    let ss = ss.max(open_tok.saturating_sub(60));
    let from = (ss..open_tok)
        .rev()
        .find(|&k| doc.tokens[k].quote != 0)
        .map_or(ss, |k| k + 1);
    &doc.tokens[from..open_tok]
}

/// Character offsets (start, end) of each quote's text; quotes are sorted and disjoint.
fn char_offsets(text: &str, quotes: &[Quote]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(quotes.len());
    let mut byte = 0;
    let mut chars = 0;
    for q in quotes {
        chars += text[byte..q.start].chars().count();
        let start = chars;
        chars += text[q.start..q.end].chars().count();
        byte = q.end;
        out.push((start, chars));
    }
    out
}
