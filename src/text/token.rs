//! Tokens: the words and punctuation of a document, with the normalised form every lexicon is
//! matched on, and the paragraph each belongs to (sentences and quotes are marked on them by
//! [`super::sentences`]).

use bumpalo::Bump;

use super::normalise::{ascii_lowercase_in, fold, normalise_token};

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
    // the rest of Latin-1 (« » and the like; ª º µ and the digits ² ³ ¹ ¼ ½ ¾ are letters and
    // numbers) and the accented letters of Latin Extended-A (× and ÷ are the only signs among
    // them), without the tables
    if c < '\u{c0}' {
        return matches!(c, 'ª' | '²' | '³' | 'µ' | '¹' | 'º' | '¼'..='¾');
    }
    if c <= '\u{17f}' {
        return c != '×' && c != '÷';
    }
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

/// True when the character at byte `p` is a letter or a digit.
#[inline(always)]
fn alnum_at(text: &str, p: usize) -> bool {
    char_at(text, p).is_some_and(|(c, _)| is_alnum(c))
}

/// The end of the English clitic ("s", "t", "ll" …, in any case) whose letters start at `p`,
/// when the letters there are one and nothing but it.
fn clitic_at(text: &str, p: usize) -> Option<usize> {
    // the longest clitic has two letters: read up to three, then no letter may follow
    let mut k = p;
    for _ in 0..3 {
        match char_at(text, k) {
            Some((c, next)) if is_alnum(c) => k = next,
            _ => break,
        }
    }
    // no letter outside ASCII lowercases to the letters of a clitic: an ASCII comparison is
    // the same as comparing the lowercase form
    let clitic =
        k > p && !alnum_at(text, k) && CLITICS.iter().any(|c| text[p..k].eq_ignore_ascii_case(c));
    clitic.then_some(k)
}

/// [`ASCII_CLASS`] of a lowercase ASCII letter or a digit.
const LOWER_OR_DIGIT: u8 = 1;
/// [`ASCII_CLASS`] of an uppercase ASCII letter.
const UPPER: u8 = 2;
/// [`ASCII_CLASS`] of white space within a line: space, tab, vertical tab, form feed.
const SPACE: u8 = 4;
/// [`ASCII_CLASS`] of a line end: \n, \r.
const LINE_END: u8 = 8;
/// [`ASCII_CLASS`] of the ASCII characters that are always a token of their own: punctuation
/// (the hyphen and the full stop too: they join letters only inside a word), signs, control
/// characters.
const PUNCT: u8 = 16;
/// [`ASCII_CLASS`] of the bytes of characters outside ASCII and of ' and ` (apostrophes may
/// start a clitic, and ` is normalised): the general rules of [`token_at`].
const OTHER: u8 = 0;

/// What each byte is to the tokenizer (one load a byte): a letter or a digit and of which case,
/// white space, a line end, a mark that is a token of its own, or [`OTHER`].
static ASCII_CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'0'..=b'9' => LOWER_OR_DIGIT,
            b'A'..=b'Z' => UPPER,
            // char::is_whitespace, in ASCII
            b' ' | b'\t' | 0x0b | 0x0c => SPACE,
            b'\n' | b'\r' => LINE_END,
            b'\'' | b'`' => OTHER,
            _ => PUNCT,
        };
        b += 1;
    }
    table
};

/// What a word's normalised form needs, as bits: nothing (its own normalised form), [`ASCII_UPPER`]
/// (lowercasing ASCII letters only), or [`OTHER_CHANGE`] (a non-ASCII uppercase letter, a
/// character the normalisation folds, or a joiner outside ASCII: ’ ‐ ‑).
const ASCII_UPPER: u8 = 1;
const OTHER_CHANGE: u8 = 2;

/// The [`ASCII_UPPER`] / [`OTHER_CHANGE`] bits of a letter or digit that is not ASCII.
#[inline(always)]
fn change_of(c: char) -> u8 {
    // the lowercase Latin-1 letters (à è é ì ò ù ç …) are most of them
    if ('\u{df}'..='\u{ff}').contains(&c) || !(c.is_uppercase() || fold(c).is_some()) {
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
    // the classes of the ASCII letters met (UPPER >> 1 is ASCII_UPPER), the change bits of the
    // others
    let mut classes = 0;
    let mut change = 0;
    while p < bytes.len() {
        let class = ASCII_CLASS[bytes[p] as usize];
        if class & (LOWER_OR_DIGIT | UPPER) != 0 {
            classes |= class;
            p += 1;
            continue;
        }
        if bytes[p] < 0x80 {
            break;
        }
        match char_at(text, p) {
            Some((c, next)) if is_alnum(c) => {
                change |= change_of(c);
                p = next;
            }
            _ => break,
        }
    }
    (p, classes >> 1 | change)
}

/// The normalised form of `s`, whose [`ASCII_UPPER`] / [`OTHER_CHANGE`] bits are `change`.
#[inline(always)]
fn normalised_word<'a>(s: &'a str, change: u8, arena: &'a Bump) -> &'a str {
    match change {
        0 => s,
        ASCII_UPPER => ascii_lowercase_in(s, arena),
        _ => normalise_token(s, arena),
    }
}

/// The normalised form of the punctuation character `c` (not a letter or digit), written `s`.
/// Uppercase characters are all letters (a test checks it): only the apostrophes and the hyphens
/// change.
#[inline(always)]
fn normalised_punct(c: char, s: &str) -> &str {
    match fold(c) {
        Some('\'') => "'",
        Some(_) => "-",
        None => s,
    }
}

/// A token as the rules find it, before its place (white space, paragraph) is known.
struct Shape<'a> {
    end: usize,
    word: bool,
    cap: bool,
    norm: &'a str,
}

/// What the character after the letters of a word does.
#[derive(PartialEq)]
enum Join {
    /// Nothing: the word ends before it (a space, a mark, or the apostrophe of "Lavrov" + "'s").
    End,
    /// A hyphen between letters ("non-stop"): the word goes on after it.
    Hyphen,
    /// An apostrophe inside a name or word (O'Brien, aujourd'hui): the word goes on after it.
    Inside,
    /// The apostrophe of an elided article ("l'" + "esercito"): the word ends with it.
    Elision,
}

/// What the character at `j` does to the word `text[start..j]` (which starts with `first`), and
/// the position after it. Only ' - and characters outside ASCII can join: the caller asks for
/// nothing else.
#[inline(never)]
fn joiner_at(text: &str, start: usize, first: char, j: usize) -> (Join, usize) {
    let Some((joiner, next)) = char_at(text, j) else {
        return (Join::End, j);
    };
    let hyphen = is_hyphen(joiner);
    if !(hyphen || is_apostrophe(joiner)) || !alnum_at(text, next) {
        return (Join::End, j);
    }
    if hyphen {
        return (Join::Hyphen, next);
    }
    // how many letters before the apostrophe (we only need to know up to six)
    let before_len = text[start..j].chars().take(6).count();
    if before_len >= 2 && clitic_at(text, next).is_some() {
        return (Join::End, j); // "Lavrov" + "'s"
    }
    // D'Alema, O'Brien; but L' is always an article (L'Ukraine)
    let initial_of_name = before_len == 1
        && first.is_uppercase()
        && first != 'L'
        && char_at(text, next).is_some_and(|(c, _)| c.is_uppercase());
    if before_len <= 5 && !initial_of_name {
        return (Join::Elision, next);
    }
    (Join::Inside, next) // O'Brien, aujourd'hui
}

/// The end of the web address that the word `text[start..j]` begins, when a full stop and a
/// top-level domain follow it ("indique maintiendelordre.fr"); else `j`.
#[inline(never)]
fn domain_end(text: &str, start: usize, mut j: usize) -> usize {
    while text.as_bytes().get(j) == Some(&b'.') {
        let tld_end = text[j + 1..]
            .find(|ch: char| !ch.is_ascii_lowercase())
            .map_or(text.len(), |e| j + 1 + e);
        let tld = &text[j + 1..tld_end];
        if !DOMAINS.contains(&tld) || alnum_at(text, tld_end) || j - start < 2 {
            break;
        }
        j = tld_end;
    }
    j
}

/// The word that starts at `start` with the letter or digit `first`, which ends at `next` and
/// whose [`ASCII_UPPER`] / [`OTHER_CHANGE`] bits are `first_change`.
#[inline(always)]
fn word_at<'a>(
    text: &'a str,
    start: usize,
    first: char,
    next: usize,
    first_change: u8,
    arena: &'a Bump,
) -> Shape<'a> {
    let bytes = text.as_bytes();
    let mut j = next;
    // what the normalised form needs (most words are written as it)
    let mut change = first_change;
    let mut hyphenated = false;
    loop {
        let (end, run_change) = alnum_run(text, j);
        j = end;
        change |= run_change;
        // most words end at a space or a punctuation mark: no joiner (' - ’ ʼ ‐ ‑)
        if !matches!(bytes.get(j), Some(b'\'' | b'-' | 0x80..)) {
            break;
        }
        let (join, after) = joiner_at(text, start, first, j);
        if join == Join::End {
            break;
        }
        if bytes[j] >= 0x80 {
            change |= OTHER_CHANGE;
        }
        j = after;
        match join {
            Join::Hyphen => hyphenated = true,
            Join::Elision => break,
            _ => {}
        }
    }
    // a web address names a source ("indique maintiendelordre.fr"): one word, a name
    let mut domain = false;
    if bytes.get(j) == Some(&b'.') {
        let end = domain_end(text, start, j);
        domain = end != j;
        j = end;
    }
    let s = &text[start..j];
    // "al-Sisi", "el-Baradei": a lowercase particle joined to a capitalised name
    let cap = first.is_uppercase() || (hyphenated && capitalised_after_hyphen(s)) || domain;
    Shape {
        end: j,
        word: true,
        cap,
        norm: normalised_word(s, change, arena),
    }
}

/// The token at `p`, which starts with the character `c` (not white space) ending at `next_p`,
/// by the general rules: initialisms, words that start outside ASCII, apostrophes, marks.
#[inline(never)]
fn token_at<'a>(text: &'a str, p: usize, c: char, next_p: usize, arena: &'a Bump) -> Shape<'a> {
    let at = |p: usize| -> Option<char> { char_at(text, p).map(|(c, _)| c) };
    let after = |p: usize| -> usize { char_at(text, p).map_or(p + 1, |(_, next)| next) };
    // an initialism written with periods ("U.S.", "B.C.") is one word
    if at(next_p) == Some('.') && c.is_uppercase() {
        let p2 = next_p + 1;
        if at(p2).is_some_and(char::is_uppercase) && at(after(p2)) == Some('.') {
            let mut j = p;
            while at(j).is_some_and(char::is_uppercase) && at(after(j)) == Some('.') {
                j = after(j) + 1;
            }
            if !alnum_at(text, j) {
                let norm = normalise_token(&text[p..j], arena);
                return Shape {
                    end: j,
                    word: true,
                    cap: true,
                    norm,
                };
            }
        }
    }
    if is_alnum(c) {
        let change = if c.is_ascii() {
            ASCII_CLASS[c as usize] >> 1
        } else {
            change_of(c)
        };
        return word_at(text, p, c, next_p, change, arena);
    }
    // an apostrophe that starts a clitic ("'s") joins the letters after it
    if is_apostrophe(c)
        && text[..p]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    {
        if let Some(k) = clitic_at(text, next_p) {
            let norm = normalise_token(&text[p..k], arena);
            return Shape {
                end: k,
                word: true,
                cap: false,
                norm,
            };
        }
    }
    Shape {
        end: next_p,
        word: false,
        cap: false,
        norm: normalised_punct(c, &text[p..next_p]),
    }
}

/// Splits a text into tokens. Paragraph indexes are set; sentences and quotes are set by
/// `annotate`.
pub fn tokenize<'a>(text: &'a str, arena: &'a Bump) -> Vec<Token<'a>> {
    // byte positions throughout
    let bytes = text.as_bytes();
    // news text has 4 to 6 bytes a token: one allocation, no copy while growing unless the text
    // is denser than that (punctuation runs, one-letter words)
    let mut tokens = Vec::with_capacity(bytes.len() / 4 + 8);
    let mut para = 0u32;
    let mut line_break = false;
    let mut space_before = true;
    let mut p = 0;
    while p < bytes.len() {
        // ASCII, most of any text, is told apart by its first byte
        let class = ASCII_CLASS[bytes[p] as usize];
        if class == SPACE {
            space_before = true;
            p += 1;
            continue;
        }
        if class == LINE_END {
            // a line end starts a new paragraph; blank lines in between do not count
            line_break = true;
            space_before = true;
            p += 1;
            continue;
        }
        let mut first = None;
        if class == OTHER {
            let Some((c, next)) = char_at(text, p) else {
                break;
            };
            // white space outside ASCII: a no-break space, an em space …
            if c.is_whitespace() {
                space_before = true;
                p = next;
                continue;
            }
            first = Some((c, next));
        }
        if line_break {
            line_break = false;
            if !tokens.is_empty() {
                para += 1;
            }
        }
        let token = if class == PUNCT {
            Shape {
                end: p + 1,
                word: false,
                cap: false,
                norm: &text[p..p + 1],
            }
        } else if class == LOWER_OR_DIGIT || (class == UPPER && bytes.get(p + 1) != Some(&b'.')) {
            // a word that starts with an ASCII letter or digit (but not an initialism: "U.S.")
            word_at(text, p, bytes[p] as char, p + 1, class >> 1, arena)
        } else {
            let (c, next) = first.unwrap_or((bytes[p] as char, p + 1));
            token_at(text, p, c, next, arena)
        };
        tokens.push(Token {
            start: p,
            end: token.end,
            norm: token.norm,
            word: token.word,
            cap: token.cap,
            space_before,
            para,
            sent: 0,
            quote: 0,
        });
        space_before = false;
        p = token.end;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_classes_agree_with_the_character_tests() {
        for b in 0..128u8 {
            let c = b as char;
            let expected = match c {
                _ if c.is_ascii_lowercase() || c.is_ascii_digit() => LOWER_OR_DIGIT,
                _ if c.is_ascii_uppercase() => UPPER,
                '\n' | '\r' => LINE_END,
                _ if c.is_whitespace() => SPACE,
                '\'' | '`' => OTHER,
                _ => PUNCT,
            };
            assert_eq!(ASCII_CLASS[b as usize], expected, "{c:?}");
        }
        assert!(ASCII_CLASS[128..].iter().all(|&class| class == OTHER));
    }

    #[test]
    fn no_letter_outside_ascii_lowercases_to_a_clitic_letter() {
        for c in (0x80..=0x10ffffu32).filter_map(char::from_u32) {
            let clitic_letter = |l: char| CLITICS.iter().any(|w| w.contains(l));
            assert!(
                !c.to_lowercase().any(clitic_letter),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn uppercase_characters_are_letters() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            assert!(!c.is_uppercase() || is_alnum(c), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_letter_test_agrees_with_unicode() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            let expected = !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric();
            assert_eq!(is_alnum(c), expected, "{c:?} U+{:04X}", c as u32);
        }
    }
}
