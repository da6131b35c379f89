//! The whole pipeline on one document: [`Extractor`] holds the lexicons, loaded once, and runs
//! the stages in turn (detect, tokenize, choose the language, sentences, attribute, stance) to
//! make the document's rows.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::error::Result;
use crate::io::input::{Input, Inputs};
use crate::io::stream::{self, Extracted};
use crate::language::{FunctionWords, SAMPLE_BYTES};
use crate::lexicon::{self, LexiconSource, Lexicons};
use crate::model::{Attribution, Quote, Row};
use crate::output::Format;
use crate::stages::{Laps, Stage};
use crate::text::sentences::Doc;
use crate::text::token::{tokenize, Token};
use crate::{attribute, detect, stance};

/// Which language's lexicons to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LangChoice {
    /// The same language for every document.
    Fixed(String),
    /// Chosen per document from the languages loaded.
    Auto,
}

/// Runs the whole pipeline with lexicons loaded once.
#[derive(Debug, Clone)]
pub struct Extractor {
    choice: LangChoice,
    lexicons: BTreeMap<String, Lexicons>,
    /// For [`LangChoice::Auto`]: the function words of every loaded language.
    function_words: FunctionWords,
    /// The dialogue dashes of every loaded language.
    dialogue_dashes: Vec<char>,
}

impl Extractor {
    /// Loads the lexicons for a language choice (all built-in languages for `Auto`).
    ///
    /// ```
    /// use whosaid::{Extractor, LangChoice, LexiconSource};
    ///
    /// let ex = Extractor::new(LangChoice::Auto, &LexiconSource::default()).unwrap();
    /// assert_eq!(ex.language_of("“We will not close it,” the mayor said of the library."), "en");
    /// ```
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
        let function_words = FunctionWords::new(&lexicons);
        let mut dialogue_dashes: Vec<char> = Vec::new();
        for d in lexicons.values().flat_map(|lex| &lex.dialogue_dashes) {
            if !dialogue_dashes.contains(d) {
                dialogue_dashes.push(*d);
            }
        }
        Ok(Extractor {
            choice,
            lexicons,
            function_words,
            dialogue_dashes,
        })
    }

    /// The language to use for a text: the fixed one, or for `Auto` the loaded language whose
    /// function words (articles, prepositions, auxiliaries, conjunctions) are most frequent in
    /// the text's first few thousand bytes.
    pub fn language_of(&self, text: &str) -> &str {
        if let LangChoice::Fixed(l) = &self.choice {
            return l;
        }
        let mut cut = text.len().min(SAMPLE_BYTES);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let arena = bumpalo::Bump::new();
        self.language_of_tokens(&tokenize(&text[..cut], &arena))
    }

    /// [`Extractor::language_of`] on a text already tokenized (its first tokens are read).
    fn language_of_tokens(&self, tokens: &[Token]) -> &str {
        match &self.choice {
            LangChoice::Fixed(l) => l,
            LangChoice::Auto => self.function_words.language_of(tokens),
        }
    }

    /// Extracts the rows of one document. A leading byte-order mark is not part of the text.
    pub fn extract(&self, doc_id: &str, text: &str) -> Vec<Row> {
        self.extract_with(doc_id, text, &mut ())
    }

    /// [`Extractor::extract`], adding the wall time of each stage to `times` (for the stages
    /// bench: the rows are the same).
    #[cfg(any(test, feature = "bench-stages"))]
    pub fn extract_timed(
        &self,
        doc_id: &str,
        text: &str,
        times: &mut crate::stages::StageTimes,
    ) -> Vec<Row> {
        self.extract_with(doc_id, text, times)
    }

    fn extract_with(&self, doc_id: &str, text: &str, laps: &mut impl Laps) -> Vec<Row> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        laps.start();
        // the normalised forms that differ from the text live here as long as the tokens
        let arena = bumpalo::Bump::new();
        let Some((doc, lex)) = self.prepare(text, &arena, laps) else {
            return Vec::new();
        };
        let attributions = attribute::attribute(&doc, lex);
        laps.lap(Stage::Attribute);
        let rows = rows(doc_id, &doc, attributions, lex);
        // the tokens are freed within the last stage, so that the stages add up to the whole
        drop(doc);
        drop(arena);
        laps.lap(Stage::Stance);
        rows
    }

    /// The stages before attribution: the document's quotes, tokens and sentences, and its
    /// language's lexicons; `None` for a document without quotes.
    pub(crate) fn prepare<'a>(
        &self,
        text: &'a str,
        arena: &'a bumpalo::Bump,
        laps: &mut impl Laps,
    ) -> Option<(Doc<'a>, &Lexicons)> {
        // the language, and with it the dialogue dashes, is known only from the tokens; with the
        // dashes of every loaded language, detection finds all the quotes the document's language
        // can have, and a document without any has no rows and costs no tokens
        let mut quotes = detect::detect(text, &self.dialogue_dashes);
        laps.lap(Stage::Detect);
        if quotes.is_empty() {
            return None;
        }
        let tokens = tokenize(text, arena);
        laps.lap(Stage::Tokenize);
        let lex = &self.lexicons[self.language_of_tokens(&tokens)];
        laps.lap(Stage::Language);
        // a turn opened by a dash of another language is no turn: detect again, with the
        // language's own dashes, the rare document that holds one
        let foreign_dash = self
            .dialogue_dashes
            .iter()
            .any(|d| !lex.dialogue_dashes.contains(d));
        if foreign_dash && quotes.iter().any(|q| q.dialogue) {
            quotes = detect::detect(text, &lex.dialogue_dashes);
        }
        let doc = Doc::from_tokens(text, tokens, quotes, lex);
        laps.lap(Stage::Sentences);
        Some((doc, lex))
    }

    /// Extracts every input in parallel and calls `each` on every input in input order, with its
    /// result: its number of rows and the rows encoded in `format`, or `None` when it could not
    /// be read (the reason is the input's `text` error). An error from `each` stops the run at
    /// once and is returned.
    ///
    /// Reading, extraction and the calls to `each` run at once on their own threads (extraction
    /// on rayon's pool), in chunks of documents, so that memory does not grow with the corpus.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use whosaid::{Extractor, Format, Inputs, LangChoice, LexiconSource};
    ///
    /// let ex = Extractor::new(LangChoice::Auto, &LexiconSource::default()).unwrap();
    /// let inputs = Inputs::new(&["tests/fixtures/en".to_string()]);
    /// let mut quotes = 0;
    /// Arc::new(ex)
    ///     .extract_all(inputs, Format::Csv, |input, done| {
    ///         quotes += done.map_or(0, |d| d.rows);
    ///         Ok::<(), std::io::Error>(())
    ///     })
    ///     .unwrap();
    /// assert!(quotes > 50);
    /// ```
    pub fn extract_all<E>(
        self: Arc<Self>,
        inputs: Inputs,
        format: Format,
        each: impl FnMut(&Input, Option<Extracted>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        stream::extract_all(inputs, self, format, each)
    }
}

/// The rows of a document, from its quotes, their attributions and their stance.
fn rows(doc_id: &str, doc: &Doc, attributions: Vec<Attribution>, lex: &Lexicons) -> Vec<Row> {
    let text = doc.text;
    let offsets = char_offsets(text, &doc.quotes);
    let mut rows = Vec::with_capacity(doc.quotes.len());
    // attributions are moved into the rows, not copied
    for (i, (q, a)) in doc.quotes.iter().zip(attributions).enumerate() {
        let (os, ce) = doc.quote_tokens[i];
        let inner = &doc.tokens[os..ce];
        let context = intro_clause(doc, os);
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
            lang: lex.lang.clone(),
            flags: flags(q).into(),
        });
    }
    rows
}

/// The `flags` column: `unclosed` for a quote without its closing mark, `dialogue` for a dash
/// dialogue turn, `;` between them.
fn flags(q: &Quote) -> &'static str {
    match (q.unclosed, q.dialogue) {
        (false, false) => "",
        (true, false) => "unclosed",
        (false, true) => "dialogue",
        (true, true) => "unclosed;dialogue",
    }
}

/// The tokens of the sentence before a quote's opening mark, outside other quotes.
fn intro_clause<'d, 'a>(doc: &'d Doc<'a>, open_tok: usize) -> &'d [Token<'a>] {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_name_each_kind_of_quote_once() {
        let q = |unclosed, dialogue| Quote {
            open: 0,
            start: 1,
            end: 2,
            close: 3,
            unclosed,
            dialogue,
        };
        assert_eq!(flags(&q(false, false)), "");
        assert_eq!(flags(&q(true, false)), "unclosed");
        assert_eq!(flags(&q(false, true)), "dialogue");
        assert_eq!(flags(&q(true, true)), "unclosed;dialogue");
    }

    /// Detection runs before the language is known, with the dashes of every language; a dash
    /// turn counts only where the document's language has that dash (English has none).
    #[test]
    fn dialogue_turns_follow_the_documents_language() {
        let ex = Extractor::new(LangChoice::Auto, &LexiconSource::default()).unwrap();
        let english = "The night was cold and the boat was late.\n— Will you come back tonight? she asked.\n— If the tide lets me, he said.\n";
        assert_eq!(ex.language_of(english), "en");
        assert!(ex.extract("en", english).is_empty());
        let french = "La nuit était froide et le bateau était en retard.\n— Tu reviens ce soir ? demanda-t-elle.\n— Si la marée le permet, dit-il.\n";
        let rows = ex.extract("fr", french);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert!(rows.iter().all(|r| r.lang == "fr" && r.flags == "dialogue"));
    }
}
