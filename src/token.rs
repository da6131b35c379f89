//! Tokens: the words and punctuation of a document, with the normalised form every lexicon is
//! matched on, and the paragraph and sentence each belongs to.

use bumpalo::Bump;

use crate::lexicon::{Lexicons, WordClass};
use crate::model::Quote;

/// A word or punctuation mark of the document.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset just past its last byte.
    pub end: usize,
    /// Lowercase, with the apostrophes ’ ‘ ʼ and ` written ' and the hyphens U+2010 and U+2011
    /// written -. Borrowed from the text when the token is written so already (most are), a
    /// static string for a folded punctuation mark, else from the document's arena.
    pub norm: &'a str,
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

impl AsRef<str> for Token<'_> {
    fn as_ref(&self) -> &str {
        self.norm
    }
}

impl Token<'_> {
    /// True for a punctuation token that is exactly `c`.
    pub fn is(&self, c: &str) -> bool {
        !self.word && self.norm == c
    }
}

/// [`normalise`] without copying when `s` is written so already (most words are); otherwise the
/// normalised form is written into `arena`.
pub fn normalise_token<'a>(s: &'a str, arena: &'a Bump) -> &'a str {
    // one pass: 1 = some uppercase ASCII, 2 = some byte that is not plain ASCII (or a backtick)
    let kind = s.bytes().fold(0u8, |k, b| {
        k | u8::from(b.is_ascii_uppercase()) | (u8::from(!b.is_ascii() || b == b'`') << 1)
    });
    match kind {
        0 => s,
        1 => {
            let out = arena.alloc_str(s);
            out.make_ascii_lowercase();
            out
        }
        _ if !s.chars().any(|c| c.is_uppercase() || folded(c)) => s,
        _ => {
            let mut out = bumpalo::collections::String::with_capacity_in(s.len(), arena);
            normalise_chars(s, |c| out.push(c));
            out.into_bump_str()
        }
    }
}

/// Lowercases and folds the apostrophes and dashes that lexicons write in ASCII.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalise_chars(s, |c| out.push(c));
    out
}

/// The characters [`normalise`] writes in ASCII.
fn folded(c: char) -> bool {
    matches!(c, '’' | '‘' | 'ʼ' | '`' | '\u{2010}' | '\u{2011}')
}

/// Hands the normalised characters of `s` to `push`.
#[inline]
fn normalise_chars(s: &str, mut push: impl FnMut(char)) {
    for c in s.chars() {
        match c {
            c if c.is_ascii() && c != '`' => push(c.to_ascii_lowercase()),
            '’' | '‘' | 'ʼ' | '`' => push('\''),
            '\u{2010}' | '\u{2011}' => push('-'),
            c if c.is_uppercase() => c.to_lowercase().for_each(&mut push),
            c => push(c),
        }
    }
}

/// The normalised words (and punctuation) of a short text, as the tokenizer splits them.
pub fn words_of(s: &str) -> Vec<String> {
    let arena = Bump::new();
    tokenize(s, &arena)
        .into_iter()
        .map(|t| t.norm.to_string())
        .collect()
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

/// Top-level domains that make "word.tld" a web address.
const DOMAINS: &[&str] = &[
    "be", "ca", "ch", "co", "com", "de", "edu", "es", "eu", "fr", "gov", "info", "int", "io", "it",
    "net", "org", "uk",
];

/// English clitics written after an apostrophe: "don't", "Lavrov's".
const CLITICS: &[&str] = &["s", "t", "ll", "re", "ve", "d", "m"];

/// The character at byte `p` of `text` and the position just past it; `None` at the end (or
/// inside a character). ASCII, most of any text, is read without decoding.
#[inline(always)]
fn char_at(text: &str, p: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(p)?;
    if b < 0x80 {
        return Some((b as char, p + 1));
    }
    let c = text.get(p..)?.chars().next()?;
    Some((c, p + c.len_utf8()))
}

/// `char::is_alphanumeric`, answering the punctuation of news text (’ “ ” — …) without the
/// Unicode tables.
#[inline(always)]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // the accented letters of Latin-1 and Latin Extended-A, without the tables (× and ÷ are
    // the only signs among them)
    if ('\u{c0}'..='\u{17f}').contains(&c) {
        return c != '×' && c != '÷';
    }
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

/// [`ASCII_CLASS`] of a lowercase ASCII letter or a digit.
const LOWER_OR_DIGIT: u8 = 1;
/// [`ASCII_CLASS`] of an uppercase ASCII letter.
const UPPER: u8 = 2;

/// For each byte, whether it is an ASCII letter or digit and of which case (0: neither): one load
/// a byte in the word loop.
static ASCII_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_lowercase() || c.is_ascii_digit() {
            LOWER_OR_DIGIT
        } else if c.is_ascii_uppercase() {
            UPPER
        } else {
            0
        };
        b += 1;
    }
    table
};

/// What a word's normalised form needs, as bits: nothing (its own normalised form), [`ASCII_UPPER`]
/// (lowercasing ASCII letters only), or [`OTHER_CHANGE`] (a non-ASCII uppercase letter, a
/// character the normalisation folds, or a joiner outside ASCII: ’ ‐ ‑). A joiner met after the
/// word and then left out of it ("Lavrov" of "Lavrov’s") still sets OTHER_CHANGE: the word then
/// takes the general path, which gives the same form.
const ASCII_UPPER: u8 = 1;
const OTHER_CHANGE: u8 = 2;

/// The [`ASCII_UPPER`] / [`OTHER_CHANGE`] bits of a letter or digit that is not ASCII.
#[inline(always)]
fn change_of(c: char) -> u8 {
    // the lowercase Latin-1 letters (à è é ì ò ù ç …) are most of them
    if ('\u{df}'..='\u{ff}').contains(&c) || !(c.is_uppercase() || folded(c)) {
        0
    } else {
        OTHER_CHANGE
    }
}

/// The end of the run of letters and digits that starts at `p`, and the [`ASCII_UPPER`] /
/// [`OTHER_CHANGE`] bits of its characters.
#[inline(always)]
fn alnum_run(text: &str, mut p: usize) -> (usize, u8) {
    let bytes = text.as_bytes();
    let mut change = 0;
    while p < bytes.len() {
        let class = ASCII_CLASS[bytes[p] as usize];
        if class != 0 {
            // UPPER (2) gives ASCII_UPPER (1), LOWER_OR_DIGIT (1) nothing
            change |= class >> 1;
            p += 1;
            continue;
        }
        match char_at(text, p) {
            Some((c, next)) if !c.is_ascii() && is_alnum(c) => {
                change |= change_of(c);
                p = next;
            }
            _ => break,
        }
    }
    (p, change)
}

/// The normalised form of `s`, whose [`ASCII_UPPER`] / [`OTHER_CHANGE`] bits are `change`.
#[inline(always)]
fn normalised_word<'a>(s: &'a str, change: u8, arena: &'a Bump) -> &'a str {
    match change {
        0 => s,
        ASCII_UPPER => {
            let out = arena.alloc_str(s);
            out.make_ascii_lowercase();
            out
        }
        _ => normalise_token(s, arena),
    }
}

/// The normalised form of the punctuation character `c`, written `s`.
#[inline(always)]
fn normalised_punct<'a>(c: char, s: &'a str, arena: &'a Bump) -> &'a str {
    match c {
        '’' | '‘' | 'ʼ' | '`' => "'",
        '\u{2010}' | '\u{2011}' => "-",
        c if c.is_ascii() || !c.is_uppercase() => s,
        _ => normalise_token(s, arena),
    }
}

/// Splits a text into tokens. Paragraph indexes are set; sentences and quotes are set by
/// [`annotate`].
pub fn tokenize<'a>(text: &'a str, arena: &'a Bump) -> Vec<Token<'a>> {
    // byte positions throughout; `at` decodes the character at a position
    let n = text.len();
    let at = |p: usize| -> Option<char> { char_at(text, p).map(|(c, _)| c) };
    let after = |p: usize| -> usize { char_at(text, p).map_or(p + 1, |(_, next)| next) };
    let alnum_at = |p: usize| at(p).is_some_and(is_alnum);
    // news text has 4 to 6 bytes a token: one allocation, no copy while growing unless the text
    // is denser than that (punctuation runs, one-letter words)
    let mut tokens = Vec::with_capacity(n / 4 + 8);
    let mut para = 0u32;
    let mut line_break = false;
    let mut space_before = true;
    let push = move |tokens: &mut Vec<Token<'a>>,
                     start: usize,
                     end: usize,
                     word: bool,
                     cap: bool,
                     space: bool,
                     para: u32,
                     norm: &'a str| {
        tokens.push(Token {
            start,
            end,
            norm,
            word,
            cap,
            space_before: space,
            para,
            sent: 0,
            quote: 0,
        });
    };
    let bytes = text.as_bytes();
    let mut p = 0;
    while p < n {
        // the commonest case first: a space between words
        if bytes[p] == b' ' {
            space_before = true;
            p += 1;
            continue;
        }
        let Some((c, next_p)) = char_at(text, p) else {
            break;
        };
        if c == '\n' || c == '\r' {
            // a line end starts a new paragraph; blank lines in between do not count
            line_break = true;
            space_before = true;
            p += 1;
            continue;
        }
        if c.is_whitespace() {
            space_before = true;
            p = next_p;
            continue;
        }
        if line_break {
            line_break = false;
            if !tokens.is_empty() {
                para += 1;
            }
        }
        // an initialism written with periods ("U.S.", "B.C.") is one word
        if c.is_uppercase() && at(next_p) == Some('.') {
            let p2 = next_p + 1;
            if at(p2).is_some_and(char::is_uppercase) && at(after(p2)) == Some('.') {
                let mut j = p;
                while at(j).is_some_and(char::is_uppercase) && at(after(j)) == Some('.') {
                    j = after(j) + 1;
                }
                if !alnum_at(j) {
                    let norm = normalise_token(&text[p..j], arena);
                    push(&mut tokens, p, j, true, true, space_before, para, norm);
                    space_before = false;
                    p = j;
                    continue;
                }
            }
        }
        if is_alnum(c) {
            let start = p;
            let mut j = next_p;
            let mut hyphenated = false;
            // what the normalised form needs (most words are written as it)
            let mut change = if c.is_ascii() {
                ASCII_CLASS[c as usize] >> 1
            } else {
                change_of(c)
            };
            loop {
                let (end, run_change) = alnum_run(text, j);
                j = end;
                change |= run_change;
                let Some((joiner, next)) = char_at(text, j) else {
                    break;
                };
                // most words end at a space or a punctuation mark: no joiner
                let hyphen = is_hyphen(joiner);
                if !hyphen && !is_apostrophe(joiner) {
                    break;
                }
                if !alnum_at(next) {
                    break;
                }
                if !joiner.is_ascii() {
                    change |= OTHER_CHANGE;
                }
                if hyphen {
                    hyphenated = true;
                    j = next;
                    continue;
                }
                // how many letters before the apostrophe (we only need to know up to six)
                let before_len = text[start..j].chars().take(6).count();
                let mut k = next;
                let mut after_len = 0;
                while after_len < 4 && alnum_at(k) {
                    k = after(k);
                    after_len += 1;
                }
                let clitic = after_len <= 3 && !alnum_at(k);
                if clitic
                    && before_len >= 2
                    && CLITICS.contains(&text[next..k].to_lowercase().as_str())
                {
                    break; // "Lavrov" + "'s"
                }
                // D'Alema, O'Brien; but L' is always an article (L'Ukraine)
                let initial_of_name = before_len == 1
                    && c.is_uppercase()
                    && c != 'L'
                    && at(next).is_some_and(char::is_uppercase);
                if before_len <= 5 && !initial_of_name {
                    j = next; // elision: "l'" + "esercito"
                    break;
                }
                j = next; // O'Brien, aujourd'hui
            }
            // a web address names a source ("indique maintiendelordre.fr"): one word, a name
            let mut domain = false;
            while at(j) == Some('.') {
                let tld_end = text[j + 1..]
                    .find(|ch: char| !ch.is_ascii_lowercase())
                    .map_or(n, |e| j + 1 + e);
                let tld = &text[j + 1..tld_end];
                if !DOMAINS.contains(&tld) || alnum_at(tld_end) || j - start < 2 {
                    break;
                }
                j = tld_end;
                domain = true;
            }
            let s = &text[start..j];
            // "al-Sisi", "el-Baradei": a lowercase particle joined to a capitalised name
            let cap = c.is_uppercase() || (hyphenated && capitalised_after_hyphen(s)) || domain;
            let norm = normalised_word(s, change, arena);
            push(&mut tokens, start, j, true, cap, space_before, para, norm);
            space_before = false;
            p = j;
            continue;
        }
        // an apostrophe that starts a clitic ("'s") joins the letters after it
        if is_apostrophe(c)
            && text[..p]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        {
            let from = next_p;
            let mut k = from;
            let mut len = 0;
            while len < 4 && alnum_at(k) {
                k = after(k);
                len += 1;
            }
            if len > 0
                && !alnum_at(k)
                && CLITICS.contains(&text[from..k].to_ascii_lowercase().as_str())
            {
                let norm = normalise_token(&text[p..k], arena);
                push(&mut tokens, p, k, true, false, space_before, para, norm);
                space_before = false;
                p = k;
                continue;
            }
        }
        push(
            &mut tokens,
            p,
            next_p,
            false,
            false,
            space_before,
            para,
            normalised_punct(c, &text[p..next_p], arena),
        );
        space_before = false;
        p = next_p;
    }
    tokens
}

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
    /// A text split by [`tokenize`], annotated with its detected quotes.
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
    use super::*;

    /// The sentence numbers of the tokens written `a` and `b` in `text` (English lexicons).
    fn sentences_of(text: &str, a: &str, b: &str) -> (u32, u32) {
        let lex = crate::LexiconSource::default().load("en").unwrap();
        let arena = Bump::new();
        let tokens = tokenize(text, &arena);
        let doc = Doc::from_tokens(text, tokens, crate::detect::detect(text), &lex);
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

    #[test]
    fn the_letter_test_agrees_with_unicode() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            let expected = !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric();
            assert_eq!(is_alnum(c), expected, "{c:?} U+{:04X}", c as u32);
        }
    }
}
