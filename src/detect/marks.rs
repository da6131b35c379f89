//! Quotes between marks.
//!
//! Two `memchr3` scans for the lead bytes of the mark characters, merged in text order, then a
//! small state machine pairs the marks: each opener knows which closers it accepts, a stack holds nested openers (only the outermost span is
//! reported), and a line break is a hard boundary for an open quote unless the next paragraph
//! re-opens with the same mark (the Italian and French multi-paragraph convention). ’ is an
//! apostrophe unless a ‘ is open and it does not stand between letters. A mark that is never closed
//! is reported as unclosed at its paragraph's end (or after [`MAX_OPEN_BYTES`]); a stray closer is
//! ignored.

use std::iter::Peekable;

use memchr::Memchr3;

use crate::model::Quote;

/// How far (in bytes) an opener may run without a closer before it is cut as unclosed.
const MAX_OPEN_BYTES: usize = 5000;

/// How many paragraphs may re-open one quote: a longer run of unclosed marks at paragraph
/// starts is a list of unclosed quotes, not one speech.
const MAX_REOPENED: usize = 12;

/// A single quote longer than this is an apostrophe misread as a mark, not a quote.
const MAX_SINGLE_BYTES: usize = 600;

/// The mark characters, in text order: « » “ ” „ ‘ ’ ‹ › " ' and the line breaks \n \r.
///
/// Every mark starts with one of six bytes: the ASCII ones themselves, 0xC2 (« ») or 0xE2 (the
/// others). Two `memchr3` searches find those bytes (SIMD, a few instructions per 32 bytes) and
/// are merged in order; a byte that starts another character (a no-break space, a dash) is
/// skipped after a look at the bytes that follow. A character-by-character scan, or an automaton
/// stepping every byte, costs an order of magnitude more on text where marks are a byte in forty.
struct Marks<'a> {
    bytes: &'a [u8],
    /// `"` `'` and line feeds: the frequent ones.
    ascii: Peekable<Memchr3<'a>>,
    /// Carriage returns and the lead bytes of the multi-byte marks.
    other: Peekable<Memchr3<'a>>,
}

impl<'a> Marks<'a> {
    fn new(text: &'a str) -> Marks<'a> {
        let bytes = text.as_bytes();
        Marks {
            bytes,
            ascii: memchr::memchr3_iter(b'"', b'\'', b'\n', bytes).peekable(),
            other: memchr::memchr3_iter(b'\r', 0xC2, 0xE2, bytes).peekable(),
        }
    }

    /// The mark that starts at `pos` (a byte found by one of the searches), if it is one.
    fn mark_at(&self, pos: usize) -> Option<char> {
        let b = self.bytes;
        let c = match b[pos] {
            b'"' => '"',
            b'\'' => '\'',
            b'\n' => '\n',
            b'\r' => '\r',
            0xC2 => match b.get(pos + 1)? {
                0xAB => '«',
                0xBB => '»',
                _ => return None,
            },
            _ => match (b.get(pos + 1)?, b.get(pos + 2)?) {
                (0x80, 0x9C) => '“',
                (0x80, 0x9D) => '”',
                (0x80, 0x9E) => '„',
                (0x80, 0x98) => '‘',
                (0x80, 0x99) => '’',
                (0x80, 0xB9) => '‹',
                (0x80, 0xBA) => '›',
                _ => return None,
            },
        };
        Some(c)
    }
}

impl Iterator for Marks<'_> {
    /// A mark's byte offset and character.
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        loop {
            let pos = match (self.ascii.peek(), self.other.peek()) {
                (Some(&a), Some(&o)) if o < a => self.other.next(),
                (Some(_), _) => self.ascii.next(),
                (None, _) => self.other.next(),
            }?;
            if let Some(c) = self.mark_at(pos) {
                return Some((pos, c));
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    /// «
    Guillemet,
    /// “
    Curly,
    /// „
    Low,
    /// ” used as an opener (Swedish style, or messy copy)
    ReverseCurly,
    /// ‘
    Single,
    /// ‹
    Angle,
    /// "
    Straight,
    /// ' where it cannot be an apostrophe
    StraightSingle,
}

impl Opener {
    fn accepts(self, closer: char) -> bool {
        match self {
            Opener::Guillemet => matches!(closer, '»' | '”'),
            Opener::Curly => matches!(closer, '”' | '»' | '“' | '"'),
            Opener::Low => matches!(closer, '“' | '”'),
            Opener::ReverseCurly => closer == '”',
            Opener::Single => closer == '’',
            Opener::Angle => closer == '›',
            Opener::Straight => matches!(closer, '"' | '”'),
            Opener::StraightSingle => closer == '\'',
        }
    }

    fn is_single(self) -> bool {
        matches!(self, Opener::Single | Opener::StraightSingle)
    }

    /// True when `c` at the start of the next paragraph re-opens this quote.
    fn reopened_by(self, c: char) -> bool {
        match self {
            Opener::Guillemet => c == '«',
            Opener::Curly | Opener::ReverseCurly => matches!(c, '“' | '«'),
            Opener::Low => c == '„',
            Opener::Angle => c == '‹',
            Opener::Straight => c == '"',
            Opener::Single | Opener::StraightSingle => false,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Open {
    kind: Opener,
    pos: usize,
    len: usize,
    /// Where the current paragraph of the quote began (for the length limit).
    since: usize,
    /// How many paragraphs re-opened it so far.
    reopened: usize,
}

struct Scanner<'a> {
    text: &'a str,
    stack: Vec<Open>,
    out: Vec<Quote>,
}

impl Scanner<'_> {
    fn push(&mut self, kind: Opener, pos: usize, len: usize) {
        if !kind.is_single() && self.stack.iter().all(|o| o.kind.is_single()) {
            // a double mark inside an open single one: the single one was an apostrophe
            self.stack.clear();
        }
        self.stack.push(Open {
            kind,
            pos,
            len,
            since: pos,
            reopened: 0,
        });
    }

    /// Closes the nearest open quote that accepts `c`; false when none does (a stray closer).
    fn close(&mut self, c: char, pos: usize) -> bool {
        let Some(idx) = self.stack.iter().rposition(|o| o.kind.accepts(c)) else {
            return false;
        };
        if idx > 0 {
            self.stack.truncate(idx);
            return true;
        }
        let o = self.stack[0];
        self.stack.clear();
        let close = pos + c.len_utf8();
        // a single quote longer than a paragraph, or around a single letter ("rock 'n' roll"),
        // was apostrophes
        let inner = self.text[o.pos + o.len..pos].trim();
        if o.kind.is_single() && (pos - o.pos > MAX_SINGLE_BYTES || inner.chars().count() <= 1) {
            return true;
        }
        self.emit(o, pos, close, false);
        true
    }

    fn emit(&mut self, o: Open, inner_end: usize, close: usize, unclosed: bool) {
        let inner = &self.text[o.pos + o.len..inner_end];
        let lead = inner.len() - inner.trim_start().len();
        let trimmed = if unclosed {
            inner
                .trim_end()
                .trim_end_matches(['.', ',', ';', ':'])
                .trim_end()
        } else {
            inner.trim_end()
        };
        let start = o.pos + o.len + lead;
        let end = o.pos + o.len + trimmed.len();
        if end > start {
            self.out.push(Quote {
                open: o.pos,
                start,
                end,
                close,
                unclosed,
                dialogue: false,
            });
        }
    }

    /// Reports the outermost open quote as unclosed at `end`, and forgets every open mark.
    fn flush_unclosed(&mut self, end: usize) {
        if let Some(&o) = self.stack.first() {
            if !o.kind.is_single() {
                self.emit(o, end, end, true);
            }
        }
        self.stack.clear();
    }

    /// Cuts an opener that has run too far without a closer, at the last sentence end within
    /// the limit.
    fn cut_if_too_long(&mut self, pos: usize) {
        let Some(o) = self.stack.first() else { return };
        if pos.saturating_sub(o.since) <= MAX_OPEN_BYTES {
            return;
        }
        let mut limit = o.since + MAX_OPEN_BYTES;
        while !self.text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &self.text[o.since..limit];
        let cut = window
            .rfind(". ")
            .map(|i| o.since + i + 1)
            .filter(|&c| c > o.pos + o.len)
            .unwrap_or(limit);
        self.flush_unclosed(cut);
    }
}

/// Finds the quotations between marks of a text, in order, non-overlapping.
pub(crate) fn marked(text: &str) -> Vec<Quote> {
    let mut sc = Scanner {
        text,
        stack: Vec::new(),
        out: Vec::new(),
    };
    let mut skip_at: Option<usize> = None;
    for (pos, c) in Marks::new(text) {
        let len = c.len_utf8();
        if c == '\n' || c == '\r' {
            if sc.stack.is_empty() {
                continue;
            }
            sc.cut_if_too_long(pos);
            let Some(&bottom) = sc.stack.first() else {
                continue;
            };
            let rest = &text[pos..];
            let next = rest
                .char_indices()
                .find(|(_, ch)| !ch.is_whitespace())
                .map(|(i, ch)| (pos + i, ch));
            match next {
                Some((at, ch)) if bottom.kind.reopened_by(ch) && bottom.reopened < MAX_REOPENED => {
                    skip_at = Some(at);
                    sc.stack.truncate(1);
                    sc.stack[0].since = at;
                    sc.stack[0].reopened += 1;
                }
                _ => sc.flush_unclosed(pos),
            }
            continue;
        }
        if skip_at == Some(pos) {
            skip_at = None;
            continue;
        }
        sc.cut_if_too_long(pos);
        // the commonest mark of all, an apostrophe with no ‘ open, changes nothing: it is passed
        // over before the flanking tests below (Unicode look-ups around it) are paid for
        if c == '’' && !sc.stack.iter().any(|o| o.kind == Opener::Single) {
            continue;
        }
        let prev = text[..pos].chars().next_back();
        let next = text[pos + len..].chars().next();
        // flanking as in CommonMark: a mark before punctuation that follows a word closes
        let punct = |c: char| !c.is_alphanumeric() && !c.is_whitespace();
        let left = next.is_some_and(|n| {
            !n.is_whitespace() && (!punct(n) || prev.is_none_or(|p| p.is_whitespace() || punct(p)))
        });
        let right = prev.is_some_and(|p| {
            !p.is_whitespace() && (!punct(p) || next.is_none_or(|n| n.is_whitespace() || punct(n)))
        });
        let prev_alnum = prev.is_some_and(char::is_alphanumeric);
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        match c {
            '«' => sc.push(Opener::Guillemet, pos, len),
            '‹' => sc.push(Opener::Angle, pos, len),
            '„' => sc.push(Opener::Low, pos, len),
            '»' | '›' => {
                sc.close(c, pos);
            }
            '“' => {
                let top_accepts = sc.stack.last().is_some_and(|o| {
                    o.kind == Opener::Low || (o.kind == Opener::Curly && right && !left)
                });
                if !(top_accepts && sc.close(c, pos)) {
                    sc.push(Opener::Curly, pos, len);
                }
            }
            '”' => {
                let closed = sc.close(c, pos);
                if !closed && left && !right {
                    sc.push(Opener::ReverseCurly, pos, len);
                }
            }
            '‘' if left && !prev_alnum => sc.push(Opener::Single, pos, len),
            '’' => {
                let single_open = sc.stack.iter().any(|o| o.kind == Opener::Single);
                if single_open && right && !(prev_alnum && next_alnum) {
                    sc.close(c, pos);
                }
            }
            '"' => {
                let open = sc.stack.iter().any(|o| o.kind.accepts('"'));
                if open && (right || !left) {
                    sc.close(c, pos);
                } else if left {
                    sc.push(Opener::Straight, pos, len);
                }
            }
            '\'' => {
                let open = sc.stack.iter().any(|o| o.kind == Opener::StraightSingle);
                let after_space = prev.is_none_or(|p| p.is_whitespace() || "([«“—–-".contains(p));
                if open && right && !next_alnum {
                    sc.close(c, pos);
                } else if after_space && next_alnum {
                    sc.push(Opener::StraightSingle, pos, len);
                }
            }
            _ => {}
        }
    }
    sc.cut_if_too_long(text.len());
    sc.flush_unclosed(text.len());
    sc.out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts of the quotes found, with a `!` after unclosed ones.
    fn found(text: &str) -> Vec<String> {
        marked(text)
            .iter()
            .map(|q| {
                let s = &text[q.start..q.end];
                if q.unclosed {
                    format!("{s}!")
                } else {
                    s.to_string()
                }
            })
            .collect()
    }

    macro_rules! detect_cases {
        ($($name:ident: $text:expr => [$($q:expr),*];)*) => {
            $(
                #[test]
                fn $name() {
                    let want: Vec<String> = vec![$($q.to_string()),*];
                    assert_eq!(found($text), want, "in {:?}", $text);
                }
            )*
        };
    }

    detect_cases! {
        guillemets: "Ha detto: «Andiamo avanti». Poi è uscito." => ["Andiamo avanti"];
        guillemets_inner_space: "«\u{a0}Nous irons\u{202f}», a-t-il dit." => ["Nous irons"];
        curly: "“Non cederemo”, ha detto." => ["Non cederemo"];
        low_pair: "Er sagte „Nein“ und ging." => ["Nein"];
        single_pair: "Il cosiddetto ‘piano B’ è saltato." => ["piano B"];
        angle: "Il libro ‹Il mare› è uscito." => ["Il mare"];
        straight: "He said \"no way\" and left." => ["no way"];
        straight_single: "Ha risposto 'sì' senza esitare." => ["sì"];
        mixed_pair: "Lavrov ha accolto “i contatti stretti. »\nAltro." => ["i contatti stretti."];
        apostrophes_inside_words: "L’esercito dell’Ucraina ha detto “l’attacco è fallito” un po’ dopo." => ["l’attacco è fallito"];
        apostrophe_after_word_is_not_a_closer: "Un po’ di tempo fa, ‘forse’ diceva." => ["forse"];
        nested_reports_outer: "Disse “il ruolo di “arsenale” del paese” ieri." => ["il ruolo di “arsenale” del paese"];
        nested_single_in_double: "“Parlò di ‘pace giusta’ ieri”, disse." => ["Parlò di ‘pace giusta’ ieri"];
        nested_guillemets: "«Disse “basta” e uscì», raccontò." => ["Disse “basta” e uscì"];
        multi_paragraph: "«Primo paragrafo.\n«Secondo paragrafo.»\nFine." => ["Primo paragrafo.\n«Secondo paragrafo."];
        unclosed_stops_at_paragraph: "Ha detto “non sappiamo nulla.\nIl giorno dopo “altro” arrivò." => ["non sappiamo nulla!", "altro"];
        stray_closer_ignored: "Il sindaco” ha parlato. Poi “sì”." => ["sì"];
        one_opener_two_closers: "Il paese “a rafforzare le armi”. capacità”, ha detto." => ["a rafforzare le armi"];
        glued_after_closer: "“Scambio di opinioni”.secondo KCNA." => ["Scambio di opinioni"];
        empty_quote_skipped: "Un “” vuoto e “pieno”." => ["pieno"];
        no_quotes: "L’anno dell’Italia, un po’ di tutto." => [];
        rock_n_roll: "The rock 'n' roll band played." => [];
        farmers_apostrophe: "The farmers’ union said “no”." => ["no"];
        german_opening_quote_closer: "„Ja“, sagte er." => ["Ja"];
        opening_curly_as_closer_before_comma: "“Il segretario plaude a Istanbul“, ha affermato." => ["Il segretario plaude a Istanbul"];
        curly_opened_straight_closed: "“La leadership di Carter\". Poi \"altro\" ancora." => ["La leadership di Carter", "altro"];
        straight_opened_curly_closed: "\"Sono rattristato”, ha detto." => ["Sono rattristato"];
        unclosed_at_end_of_text: "Ha detto «non finisce" => ["non finisce!"];
    }

    #[test]
    fn unclosed_is_cut_at_a_limit() {
        let text = format!("«{}", "Parola parola. ".repeat(1000));
        let q = marked(&text);
        assert_eq!(q.len(), 1);
        assert!(q[0].unclosed);
        assert!(q[0].end - q[0].start <= MAX_OPEN_BYTES);
    }

    #[test]
    fn spans_exclude_marks_and_inner_space() {
        let text = "« spazi »";
        let q = &marked(text)[0];
        assert_eq!(&text[q.start..q.end], "spazi");
        assert_eq!(q.open, 0);
        assert_eq!(q.close, text.len());
    }
}
