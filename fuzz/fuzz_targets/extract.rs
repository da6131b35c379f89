//! Fuzz target over the library's entry point, `Extractor::extract`.
//!
//! Every input is run through the `auto` extractor and through each fixed language, and every
//! output must keep the invariants of `tests/invariants.rs`:
//!
//! * no panic;
//! * `quote_start <= quote_end <= chars(text)` (a leading U+FEFF is not part of the text);
//! * `text.chars().skip(quote_start).take(quote_end - quote_start)` is `quote`;
//! * rows sorted by start and disjoint; `quote_id` is 1..=n;
//! * the quote has no white space at either end (it is excluded with the marks);
//! * `stance_score` finite and in [-1, 1];
//! * a second run on the same text gives identical rows (determinism).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use whosaid::{Extractor, LangChoice, LexiconSource, Row};

/// The languages each input is run with: `auto` first, then each fixed one.
const FIXED: &[&str] = &["it", "en", "fr"];

fn extractors() -> &'static [(String, Extractor)] {
    static EXTRACTORS: OnceLock<Vec<(String, Extractor)>> = OnceLock::new();
    EXTRACTORS.get_or_init(|| {
        let source = LexiconSource::default();
        let mut v = vec![(
            "auto".to_string(),
            Extractor::new(LangChoice::Auto, &source).expect("auto extractor"),
        )];
        for l in FIXED {
            let ex = Extractor::new(LangChoice::Fixed(l.to_string()), &source)
                .unwrap_or_else(|e| panic!("extractor for {l}: {e}"));
            v.push((l.to_string(), ex));
        }
        v
    })
}

fn check(lang: &str, text: &str, rows: &[Row]) {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let n_chars = body.chars().count();
    let mut last_end = 0usize;
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r.quote_id, i + 1, "[{lang}] quote_id is not 1..n: {r:?}");
        assert!(
            r.quote_start <= r.quote_end && r.quote_end <= n_chars,
            "[{lang}] offsets out of range (text has {n_chars} chars): {r:?}"
        );
        let slice: String = body
            .chars()
            .skip(r.quote_start)
            .take(r.quote_end - r.quote_start)
            .collect();
        assert_eq!(
            slice, r.quote,
            "[{lang}] offsets do not slice the quote: {r:?}"
        );
        assert!(
            r.quote_start >= last_end,
            "[{lang}] spans overlap or are out of order (previous end {last_end}): {r:?}"
        );
        assert_eq!(
            r.quote.trim(),
            r.quote,
            "[{lang}] white space inside the marks is not excluded: {r:?}"
        );
        assert!(
            r.stance_score.is_finite() && (-1.0..=1.0).contains(&r.stance_score),
            "[{lang}] stance_score out of [-1, 1]: {r:?}"
        );
        last_end = r.quote_end;
    }
}

fn run(text: &str) {
    for (lang, ex) in extractors() {
        let rows = ex.extract("fuzz", text);
        check(lang, text, &rows);
        let again = ex.extract("fuzz", text);
        assert!(rows == again, "[{lang}] extract is not deterministic");
    }
}

fuzz_target!(|data: &[u8]| {
    // Valid UTF-8 is run as is; anything else as its lossy decoding (U+FFFD for bad bytes).
    match std::str::from_utf8(data) {
        Ok(text) => run(text),
        Err(_) => run(&String::from_utf8_lossy(data)),
    }
});
