//! Invariants that hold for every output row, checked over the fixtures and over generated text.

use whosaid::{Extractor, LangChoice, LexiconSource, Row, StanceLabel};

fn extractor() -> Extractor {
    Extractor::new(LangChoice::Fixed("it".into()), &LexiconSource::default()).unwrap()
}

/// `text[quote_start..quote_end] == quote` in characters, spans sorted and disjoint.
fn check(text: &str, rows: &[Row]) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let chars: Vec<char> = text.chars().collect();
    let mut last_end = 0;
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r.quote_id, i + 1);
        assert!(
            r.quote_start <= r.quote_end && r.quote_end <= chars.len(),
            "{r:?}"
        );
        let slice: String = chars[r.quote_start..r.quote_end].iter().collect();
        assert_eq!(slice, r.quote, "offsets do not slice the quote");
        assert!(
            r.quote_start >= last_end,
            "spans overlap or are out of order: {r:?}"
        );
        assert_eq!(
            r.quote.trim(),
            r.quote,
            "white space inside the marks is excluded"
        );
        // the label agrees with the score's sign, and a quote with no evidence has no stance
        match r.stance {
            StanceLabel::Support => assert!(r.stance_score > 0.0, "{r:?}"),
            StanceLabel::Oppose => assert!(r.stance_score < 0.0, "{r:?}"),
            _ => {}
        }
        if r.evidence.is_empty() {
            assert_eq!(
                (r.stance, r.stance_score),
                (StanceLabel::Neutral, 0.0),
                "{r:?}"
            );
        }
        last_end = r.quote_end;
    }
}

#[test]
fn fixture_offsets_slice_the_text() {
    let ex = extractor();
    let mut n = 0;
    for lang in std::fs::read_dir("tests/fixtures").unwrap() {
        for f in std::fs::read_dir(lang.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&p).unwrap();
                let rows = ex.extract("x", &text);
                check(&text, &rows);
                n += rows.len();
            }
        }
    }
    assert!(n > 50, "the fixtures hold quotes ({n})");
}

/// A small deterministic generator of messy text: marks, apostrophes, line ends, accents.
fn messy(seed: u64, len: usize) -> String {
    const PIECES: &[&str] = &[
        "«",
        "»",
        "“",
        "”",
        "„",
        "‘",
        "’",
        "‹",
        "›",
        "\"",
        "'",
        "\n",
        "\r\n",
        " ",
        " ",
        " ",
        ".",
        ",",
        " - ",
        " – ",
        ":",
        "ha detto",
        "Mario Rossi",
        "il ministro",
        "l’esercito",
        "po’",
        "è",
        "\u{a0}",
        "secondo",
        "Kim",
        "ha aggiunto",
        "che",
        "(",
        ")",
        "\u{feff}",
        "🙂",
        "e",
        "Corea del Nord",
    ];
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut s = String::new();
    for _ in 0..len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s.push_str(PIECES[(x % PIECES.len() as u64) as usize]);
    }
    s
}

#[test]
fn generated_text_keeps_the_invariants() {
    let ex = extractor();
    for seed in 0..400u64 {
        let text = messy(seed, 10 + (seed as usize % 200));
        let rows = ex.extract("gen", &text);
        check(&text, &rows);
    }
}

#[test]
fn a_leading_byte_order_mark_is_not_text() {
    let ex = extractor();
    let text = "\u{feff}«Sì», ha detto Rossi.";
    let rows = ex.extract("bom", text);
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].quote_start, rows[0].quote_end), (1, 3));
    check(text, &rows);
}

/// Texts that stop right after a quote, or right after a cue, a dash or a comma that follows one:
/// every rule that reads past the closing mark meets the end of the document.
#[test]
fn texts_that_end_just_after_a_quote_keep_the_invariants() {
    let quotes = [
        "«Parola parola.»",
        "“Word word,”",
        "\"Mot mot\"",
        "« Mot. »",
    ];
    let before = ["", "Rossi ha detto: ", "She said: ", "— ", "Il a dit : "];
    let after = [
        "",
        " —",
        ", —",
        " –",
        " -",
        ",",
        ".",
        ":",
        " ha",
        ", ha detto",
        ", said",
        " said the",
        ", a-t-il",
        " a déclaré",
        " —\n",
        ", secondo",
        " – Mario",
        "\n—",
    ];
    for lang in ["it", "en", "fr"] {
        let ex = Extractor::new(LangChoice::Fixed(lang.into()), &LexiconSource::default()).unwrap();
        for b in before {
            for q in quotes {
                for a in after {
                    for text in [format!("{b}{q}{a}"), format!("{q}{a} {q}{a}")] {
                        let rows = ex.extract("end", &text);
                        check(&text, &rows);
                        assert!(!rows.is_empty(), "{lang}: {text:?}");
                    }
                }
            }
        }
    }
}

/// Every token's normalised form is `normalise` of the text it spans, whatever
/// shortcut the tokenizer takes (words already lowercase, ASCII capitals, accents, capitals outside
/// ASCII, typographic apostrophes and hyphens, punctuation).
#[test]
fn token_norms_are_the_normalised_text() {
    use whosaid::testing::{normalise, tokenize};
    let mut texts: Vec<String> = (0..200u64).map(|s| messy(s, 60)).collect();
    texts.extend(
        [
            "L’ÉCOLE d’été: «Œuvre», ÀNCORA Perché PERCHÉ città CITTÀ Straße ΑΘΗΝΑ Москва",
            "l`uomo it‐was non‑stop O’Brien d’Alema Lavrov’s DON’T ʼok aʼb ǅemal Ǆ",
            "U.S. B.C. maintiendelordre.fr Vive-la-France al-Sisi 12ª ÿ Ÿ ß ẞ İstanbul",
            "‘quoted’ ‹ › „ “ ” — – … ‐ ‑ ` ’ ‘ ʼ Ⅻ ⓐ Ⓐ",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    for text in &texts {
        let arena = bumpalo::Bump::new();
        for t in tokenize(text, &arena) {
            assert_eq!(
                t.norm,
                normalise(&text[t.start..t.end]),
                "token {:?} of {text:?}",
                &text[t.start..t.end]
            );
        }
    }
}
