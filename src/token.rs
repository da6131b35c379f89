//! Tokens: the words and punctuation of a document, with the normalised form every lexicon is
//! matched on, and the paragraph and sentence each belongs to.

use compact_str::CompactString;

use crate::lexicon::{Lexicons, WordClass};
use crate::model::Quote;

/// A word or punctuation mark of the document.
#[derive(Debug, Clone)]
pub struct Token {
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset just past its last byte.
    pub end: usize,
    /// Lowercase, with ’ and ‘ written '.
    pub norm: CompactString,
    /// True for words (letters or digits), false for punctuation.
    pub word: bool,
    /// True when the word starts with an uppercase letter.
    pub cap: bool,
    /// True when white space (or the start of the text) stands before it.
    pub space_before: bool,
    /// Paragraph index: a line break starts a new paragraph.
    pub para: u32,
    /// Sentence index (sentences never end inside a quote).
    pub sent: u32,
    /// 1 + the index of the quote whose marks or text hold this token; 0 outside quotes.
    pub quote: u32,
}

impl AsRef<str> for Token {
    fn as_ref(&self) -> &str {
        &self.norm
    }
}

impl Token {
    /// True for a punctuation token that is exactly `c`.
    pub fn is(&self, c: &str) -> bool {
        !self.word && self.norm == c
    }
}

/// [`normalise`] into a small inline string: most words need no heap allocation.
pub fn normalise_token(s: &str) -> CompactString {
    if s.bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'`')
    {
        return CompactString::from(s);
    }
    CompactString::from(normalise(s))
}

/// Lowercases and folds the apostrophes and dashes that lexicons write in ASCII.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '’' | '‘' | 'ʼ' | '`' => out.push('\''),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            c if c.is_uppercase() => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
    out
}

/// The normalised words (and punctuation) of a short text, as the tokenizer splits them.
pub fn words_of(s: &str) -> Vec<String> {
    tokenize(s).into_iter().map(|t| t.norm.into()).collect()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn capitalised_after_hyphen(word: &str) -> bool {
    match word.split_once('-') {
        Some((before, after)) => {
            before.chars().count() <= 3 && after.chars().next().is_some_and(char::is_uppercase)
        }
        None => false,
    }
}

/// English clitics written after an apostrophe: "don't", "Lavrov's".
const CLITICS: &[&str] = &["s", "t", "ll", "re", "ve", "d", "m"];

/// Splits a text into tokens. Paragraph indexes are set; sentences and quotes are set by
/// [`annotate`].
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut para = 0u32;
    let mut line_break = false;
    let mut space_before = true;
    let mut i = 0;
    let n = chars.len();
    while i < n {
        let (pos, c) = chars[i];
        if c == '\n' || c == '\r' {
            // a line end starts a new paragraph; blank lines in between do not count
            line_break = true;
            space_before = true;
            i += 1;
            continue;
        }
        if line_break && !c.is_whitespace() {
            line_break = false;
            if !tokens.is_empty() {
                para += 1;
            }
        }
        if c.is_whitespace() {
            space_before = true;
            i += 1;
            continue;
        }
        // an initialism written with periods ("U.S.", "B.C.") is one word
        if c.is_uppercase()
            && i + 3 < n
            && chars[i + 1].1 == '.'
            && chars[i + 2].1.is_uppercase()
            && chars[i + 3].1 == '.'
        {
            let mut j = i;
            while j + 1 < n && chars[j].1.is_uppercase() && chars[j + 1].1 == '.' {
                j += 2;
            }
            if j >= n || !chars[j].1.is_alphanumeric() {
                let end = if j < n { chars[j].0 } else { text.len() };
                tokens.push(Token {
                    start: pos,
                    end,
                    norm: normalise_token(&text[pos..end]),
                    word: true,
                    cap: true,
                    space_before,
                    para,
                    sent: 0,
                    quote: 0,
                });
                space_before = false;
                i = j;
                continue;
            }
        }
        if c.is_alphanumeric() {
            let start_i = i;
            let mut j = i + 1;
            loop {
                while j < n && chars[j].1.is_alphanumeric() {
                    j += 1;
                }
                if j + 1 < n && chars[j + 1].1.is_alphanumeric() {
                    let joiner = chars[j].1;
                    if is_hyphen(joiner) {
                        j += 1;
                        continue;
                    }
                    if is_apostrophe(joiner) {
                        let before_len = j - start_i;
                        let mut k = j + 1;
                        while k < n && k <= j + 3 && chars[k].1.is_alphanumeric() {
                            k += 1;
                        }
                        let clitic = k <= j + 3 && (k >= n || !chars[k].1.is_alphanumeric());
                        let after_lc: String = chars[j + 1..k]
                            .iter()
                            .flat_map(|p| p.1.to_lowercase())
                            .collect();
                        if clitic && CLITICS.contains(&after_lc.as_str()) && before_len >= 2 {
                            break; // "Lavrov" + "'s"
                        }
                        // D'Alema, O'Brien; but L' is always an article (L'Ukraine)
                        let initial_of_name = before_len == 1
                            && chars[start_i].1.is_uppercase()
                            && chars[start_i].1 != 'L'
                            && chars[j + 1].1.is_uppercase();
                        if before_len <= 5 && !initial_of_name {
                            j += 1; // elision: "l'" + "esercito"
                            break;
                        }
                        j += 1; // O'Brien, aujourd'hui
                        continue;
                    }
                }
                break;
            }
            let end = if j < n { chars[j].0 } else { text.len() };
            let s = &text[pos..end];
            tokens.push(Token {
                start: pos,
                end,
                norm: normalise_token(s),
                word: true,
                // "al-Sisi", "el-Baradei": a lowercase particle joined to a capitalised name
                cap: c.is_uppercase() || capitalised_after_hyphen(s),
                space_before,
                para,
                sent: 0,
                quote: 0,
            });
            space_before = false;
            i = j;
            continue;
        }
        // an apostrophe that starts a clitic ("'s") joins the letters after it
        if is_apostrophe(c) && i > 0 && chars[i - 1].1.is_alphanumeric() {
            let mut k = i + 1;
            while k < n && chars[k].1.is_alphanumeric() {
                k += 1;
            }
            let after: String = chars[i + 1..k]
                .iter()
                .map(|p| p.1.to_ascii_lowercase())
                .collect();
            if k > i + 1 && CLITICS.contains(&after.as_str()) {
                let end = if k < n { chars[k].0 } else { text.len() };
                tokens.push(Token {
                    start: pos,
                    end,
                    norm: normalise_token(&text[pos..end]),
                    word: true,
                    cap: false,
                    space_before,
                    para,
                    sent: 0,
                    quote: 0,
                });
                space_before = false;
                i = k;
                continue;
            }
        }
        let end = pos + c.len_utf8();
        tokens.push(Token {
            start: pos,
            end,
            norm: normalise_token(&text[pos..end]),
            word: false,
            cap: false,
            space_before,
            para,
            sent: 0,
            quote: 0,
        });
        space_before = false;
        i += 1;
    }
    tokens
}

/// Marks the tokens that belong to quotes and splits sentences. A sentence ends at . ! ? or …
/// outside quotes when white space and a capital (or an opening mark, or a new paragraph) follow,
/// unless the word before is an abbreviation or an initial.
pub fn annotate(tokens: &mut [Token], quotes: &[Quote], lex: &Lexicons) {
    let mut q = 0;
    for t in tokens.iter_mut() {
        while q < quotes.len() && quotes[q].close <= t.start {
            q += 1;
        }
        if q < quotes.len() && quotes[q].open <= t.start && t.start < quotes[q].close {
            t.quote = q as u32 + 1;
        }
    }
    let mut sent = 0u32;
    for i in 0..tokens.len() {
        if i > 0 && tokens[i].para != tokens[i - 1].para && sent == tokens[i - 1].sent {
            sent += 1;
        }
        tokens[i].sent = sent;
        let t = &tokens[i];
        if t.word || t.quote != 0 || !matches!(t.norm.as_str(), "." | "!" | "?" | "…") {
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
            || (!next.word && "«“„\"‘‹—–-".contains(next.norm.as_str()));
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
                    || lex.class(&p.norm) == Some(WordClass::Abbr))
        });
        if !abbreviation {
            sent += 1;
        }
    }
}

/// A document prepared for attribution and stance: its tokens, its quotes and where they meet.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    /// The text (without a leading byte-order mark).
    pub text: &'a str,
    /// Its tokens, annotated.
    pub tokens: Vec<Token>,
    /// Its quotes, in order.
    pub quotes: Vec<Quote>,
    /// For each quote, the token range from its opening mark to just past its closing mark.
    pub quote_tokens: Vec<(usize, usize)>,
    /// For each sentence, its token range.
    pub sentences: Vec<(usize, usize)>,
}

impl<'a> Doc<'a> {
    /// Tokenizes and annotates a text whose quotes have been detected.
    pub fn new(text: &'a str, quotes: Vec<Quote>, lex: &Lexicons) -> Doc<'a> {
        Doc::from_tokens(text, tokenize(text), quotes, lex)
    }

    /// [`Doc::new`] for a text already split by [`tokenize`].
    pub fn from_tokens(
        text: &'a str,
        mut tokens: Vec<Token>,
        quotes: Vec<Quote>,
        lex: &Lexicons,
    ) -> Doc<'a> {
        annotate(&mut tokens, &quotes, lex);
        let quote_tokens = quotes
            .iter()
            .map(|q| {
                let a = tokens.partition_point(|t| t.start < q.open);
                let b = tokens.partition_point(|t| t.start < q.close);
                (a, b)
            })
            .collect();
        let mut sentences: Vec<(usize, usize)> = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            match sentences.last_mut() {
                Some(last) if tokens[last.0].sent == t.sent => last.1 = i + 1,
                _ => sentences.push((i, i + 1)),
            }
        }
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
