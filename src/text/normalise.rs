//! Normalisation: the one form every lexicon entry and every token is matched on. Lowercase, with
//! the apostrophes ’ ‘ ʼ and ` written ' and the hyphens U+2010 and U+2011 written -, as lexicons
//! write them; nothing else changes (accents stay: "città" is not "citta").

use bumpalo::Bump;

/// [`normalise`] without copying when `s` is written so already (most words are); otherwise the
/// normalised form is written into `arena`.
pub fn normalise_token<'a>(s: &'a str, arena: &'a Bump) -> &'a str {
    // one pass: 1 = some uppercase ASCII, 2 = some byte that is not plain ASCII (or a backtick)
    let kind = s.bytes().fold(0u8, |k, b| {
        k | u8::from(b.is_ascii_uppercase()) | (u8::from(!b.is_ascii() || b == b'`') << 1)
    });
    match kind {
        0 => s,
        1 => ascii_lowercase_in(s, arena),
        _ if !s.chars().any(|c| c.is_uppercase() || fold(c).is_some()) => s,
        _ => {
            let mut out = bumpalo::collections::String::with_capacity_in(s.len(), arena);
            normalise_chars(s, |c| out.push(c));
            out.into_bump_str()
        }
    }
}

/// `s` with its ASCII capitals lowercased (it has no other change to make), in `arena`.
pub(crate) fn ascii_lowercase_in<'a>(s: &str, arena: &'a Bump) -> &'a str {
    let out = arena.alloc_str(s);
    out.make_ascii_lowercase();
    out
}

/// Lowercases and folds the apostrophes and dashes that lexicons write in ASCII.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalise_chars(s, |c| out.push(c));
    out
}

/// The ASCII character [`normalise`] writes for `c`, if it folds it: apostrophes and hyphens
/// as the lexicons write them. The one table of folds.
#[inline(always)]
pub(crate) fn fold(c: char) -> Option<char> {
    match c {
        '’' | '‘' | 'ʼ' | '`' => Some('\''),
        '\u{2010}' | '\u{2011}' => Some('-'),
        _ => None,
    }
}

/// Hands the normalised characters of `s` to `push`.
#[inline]
fn normalise_chars(s: &str, mut push: impl FnMut(char)) {
    for c in s.chars() {
        // ASCII first: most characters (` is the one ASCII character that folds)
        if c.is_ascii() && c != '`' {
            push(c.to_ascii_lowercase());
        } else if let Some(folded) = fold(c) {
            push(folded);
        } else if c.is_uppercase() {
            c.to_lowercase().for_each(&mut push);
        } else {
            push(c);
        }
    }
}
