//! Every built-in lexicon parses, is sorted and has no duplicates; edited lexicons replace or
//! extend the built-in ones, and a malformed line names its file and line.

use std::fs;

use whosaid::testing::{builtin_text, languages, FILES, ROLE_KINDS, WORD_CLASSES};
use whosaid::{Error, Extractor, LangChoice, LexiconSource, Lexicons};

fn keys(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#') && l.trim() != "@extends")
        .map(|(i, l)| (i + 1, l.split('\t').next().unwrap().to_string()))
        .collect()
}

#[test]
fn builtin_lexicons_parse() {
    for lang in languages() {
        Lexicons::builtin(lang).unwrap_or_else(|e| panic!("{lang}: {e}"));
    }
}

#[test]
fn builtin_lexicons_are_sorted_without_duplicates() {
    for lang in languages() {
        for file in FILES {
            let text = builtin_text(lang, file).unwrap();
            let k = keys(text);
            for w in k.windows(2) {
                assert!(
                    w[0].1.as_bytes() < w[1].1.as_bytes(),
                    "lexicons/{lang}/{file}:{}: '{}' should come before '{}' (sorted, no duplicates)",
                    w[1].0,
                    w[1].1,
                    w[0].1
                );
            }
        }
    }
}

/// A lexicon's header explains every value its second column may take, as `# name : meaning`, so
/// that whoever edits the file needs no code to know what a class does.
#[test]
fn every_class_is_documented_in_each_header() {
    let tables: [(&str, Vec<&str>); 2] = [
        (
            "grammar.tsv",
            WORD_CLASSES.iter().map(|(n, _)| *n).collect(),
        ),
        ("roles.tsv", ROLE_KINDS.iter().map(|(n, _)| *n).collect()),
    ];
    for lang in languages() {
        for (file, classes) in &tables {
            let text = builtin_text(lang, file).unwrap();
            let documented: Vec<&str> = text
                .lines()
                .take_while(|l| l.starts_with('#'))
                .filter_map(|l| l.trim_start_matches('#').split_once(':'))
                .map(|(name, _)| name.trim())
                .collect();
            for class in classes {
                assert!(
                    documented.contains(class),
                    "lexicons/{lang}/{file}: the header does not say what '{class}' is"
                );
            }
        }
    }
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("whosaid-test-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(d.join("it")).unwrap();
    d
}

#[test]
fn malformed_line_names_file_and_line() {
    let d = temp_dir("malformed");
    fs::write(
        d.join("it/stance.tsv"),
        "# comment\nbuono\t0.5\ncattivo\tmolto\n",
    )
    .unwrap();
    let err = LexiconSource {
        dir: Some(d.clone()),
    }
    .load("it")
    .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::Lexicon { line: 3, .. }), "{msg}");
    assert!(msg.contains("stance.tsv:3"), "{msg}");
    fs::write(d.join("it/stance.tsv"), "buono\t0.5\nbuono\t0.6\n").unwrap();
    let msg = LexiconSource {
        dir: Some(d.clone()),
    }
    .load("it")
    .unwrap_err()
    .to_string();
    assert!(
        msg.contains("stance.tsv:2") && msg.contains("duplicate"),
        "{msg}"
    );
    fs::write(d.join("it/stance.tsv"), "buono\t1.5\n").unwrap();
    let msg = LexiconSource {
        dir: Some(d.clone()),
    }
    .load("it")
    .unwrap_err()
    .to_string();
    assert!(msg.contains("stance.tsv:1") && msg.contains("1.5"), "{msg}");
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn unknown_language_is_an_error() {
    let err = LexiconSource::default().load("xx").unwrap_err();
    assert!(matches!(err, Error::UnknownLanguage(_)));
}

#[test]
fn an_edited_lexicon_changes_the_output_without_code() {
    let text = "«Il piano è una vergogna», ha tuonato Rossi.";
    let builtin =
        Extractor::new(LangChoice::Fixed("it".into()), &LexiconSource::default()).unwrap();
    let before = builtin.extract("x", text);
    assert_eq!(before[0].speaker, "Rossi");

    // a cue the built-in lexicon lacks, added with @extends
    let d = temp_dir("extends");
    fs::write(d.join("it/cues.tsv"), "@extends\nsibilato\tpart\t-0.2\n").unwrap();
    let text2 = "«Basta così», ha sibilato Rossi.";
    assert_eq!(builtin.extract("x", text2)[0].speaker, "");
    let edited = Extractor::new(
        LangChoice::Fixed("it".into()),
        &LexiconSource {
            dir: Some(d.clone()),
        },
    )
    .unwrap();
    let after = edited.extract("x", text2);
    assert_eq!(after[0].speaker, "Rossi");
    assert_eq!(after[0].cue, "ha sibilato");
    // the rest of the built-in cues are still there
    assert_eq!(edited.extract("x", text)[0].speaker, "Rossi");

    // a replaced stance lexicon: only its terms count
    fs::write(d.join("it/stance.tsv"), "piano\t0.9\n").unwrap();
    let replaced = Extractor::new(
        LangChoice::Fixed("it".into()),
        &LexiconSource {
            dir: Some(d.clone()),
        },
    )
    .unwrap();
    let r = &replaced.extract("x", text)[0];
    assert!(
        r.evidence.split(';').any(|e| e == "piano"),
        "{}",
        r.evidence
    );
    assert!(!r.evidence.contains("vergogn"), "{}", r.evidence);
    let _ = fs::remove_dir_all(&d);
}
