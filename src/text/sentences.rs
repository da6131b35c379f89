//! Sentences: the tokens of a document marked with the quote and the sentence each belongs to,
//! and the [`Doc`] that attribution and stance read.

use super::token::Token;
use crate::lexicon::{Lexicons, WordClass};
use crate::model::Quote;

/// Marks the tokens that belong to quotes and splits sentences, in one pass; returns each
/// sentence's token range. A sentence ends at . ! ? or … outside quotes when white space and a
/// capital (or an opening mark, or a new paragraph) follow, unless the word before is an
/// abbreviation or an initial.
pub fn annotate(
    text: &str,
    tokens: &mut [Token<'_>],
    quotes: &[Quote],
    lex: &Lexicons,
) -> Vec<(usize, usize)> {
    let mut q = 0;
    let mut sent = 0u32;
    let mut sentences: Vec<(usize, usize)> = Vec::with_capacity(tokens.len() / 16 + 1);
    for i in 0..tokens.len() {
        let start = tokens[i].start;
        while q < quotes.len() && quotes[q].close <= start {
            q += 1;
        }
        if q < quotes.len() && quotes[q].open <= start && start < quotes[q].close {
            tokens[i].quote = q as u32 + 1;
        }
        if i > 0 && tokens[i].para != tokens[i - 1].para && sent == tokens[i - 1].sent {
            sent += 1;
        }
        tokens[i].sent = sent;
        // sentence numbers grow by one at a time: a new number opens the next range
        if sentences.len() == sent as usize + 1 {
            if let Some(last) = sentences.last_mut() {
                last.1 = i + 1;
            }
        } else {
            sentences.push((i, i + 1));
        }
        let t = &tokens[i];
        if t.word || t.quote != 0 || !matches!(t.norm, "." | "!" | "?" | "…") {
            continue;
        }
        let Some(next) = tokens.get(i + 1) else {
            continue;
        };
        if next.para != t.para || !next.space_before {
            continue;
        }
        let starts_sentence = next.cap
            || next.norm.chars().next().is_some_and(|c| c.is_ascii_digit())
            || (!next.word
                && ("«“„\"‹—–-".contains(next.norm) || &text[next.start..next.end] == "‘"));
        if !starts_sentence || t.norm != "." {
            if starts_sentence {
                sent += 1;
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| &tokens[p]);
        let abbreviation = prev.is_some_and(|p| {
            p.word
                && p.end == t.start
                && ((p.cap && p.norm.chars().count() == 1)
                    || lex.class(p.norm) == Some(WordClass::Abbr))
        });
        if !abbreviation {
            sent += 1;
        }
    }
    sentences
}

/// A document prepared for attribution and stance: its tokens, its quotes and where they meet.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    /// The text (without a leading byte-order mark).
    pub text: &'a str,
    /// Its tokens, annotated.
    pub tokens: Vec<Token<'a>>,
    /// Its quotes, in order.
    pub quotes: Vec<Quote>,
    /// For each quote, the token range from its opening mark to just past its closing mark.
    pub quote_tokens: Vec<(usize, usize)>,
    /// For each sentence, its token range.
    pub sentences: Vec<(usize, usize)>,
}

impl<'a> Doc<'a> {
    /// A text split by [`super::token::tokenize`], annotated with its detected quotes.
    pub fn from_tokens(
        text: &'a str,
        mut tokens: Vec<Token<'a>>,
        quotes: Vec<Quote>,
        lex: &Lexicons,
    ) -> Doc<'a> {
        let sentences = annotate(text, &mut tokens, &quotes, lex);
        let quote_tokens = quotes
            .iter()
            .map(|q| {
                let a = tokens.partition_point(|t| t.start < q.open);
                let b = tokens.partition_point(|t| t.start < q.close);
                (a, b)
            })
            .collect();
        Doc {
            text,
            tokens,
            quotes,
            quote_tokens,
            sentences,
        }
    }

    /// The token range of the sentence that holds token `i`.
    pub fn sentence_of(&self, i: usize) -> (usize, usize) {
        let s = self.tokens[i].sent as usize;
        self.sentences[s]
    }

    /// The text of a token range.
    pub fn span_text(&self, a: usize, b: usize) -> &'a str {
        if a >= b {
            return "";
        }
        &self.text[self.tokens[a].start..self.tokens[b - 1].end]
    }
}

#[cfg(test)]
mod tests {
    use bumpalo::Bump;

    use super::*;
    use crate::text::token::tokenize;

    /// The sentence numbers of the tokens written `a` and `b` in `text` (English lexicons).
    fn sentences_of(text: &str, a: &str, b: &str) -> (u32, u32) {
        let lex = crate::LexiconSource::default().load("en").unwrap();
        let arena = Bump::new();
        let tokens = tokenize(text, &arena);
        let doc = Doc::from_tokens(text, tokens, crate::detect::detect(text, &[]), &lex);
        let sent = |w: &str| {
            let t = doc.tokens.iter().find(|t| &text[t.start..t.end] == w);
            t.map(|t| t.sent).unwrap()
        };
        (sent(a), sent(b))
    }

    #[test]
    fn an_opening_mark_after_a_full_stop_starts_a_sentence() {
        for (open, close) in [("“", "”"), ("‘", "’"), ("«", "»")] {
            let text =
                format!("The mayor left early. {open}We will not close it,{close} she said.");
            let (before, after) = sentences_of(&text, "early", open);
            assert_eq!(after, before + 1, "{text}");
        }
        // a lowercase word after a full stop does not
        let (before, after) =
            sentences_of("The mayor left at 5 p.m. and came back.", "left", "came");
        assert_eq!(before, after);
    }
}
