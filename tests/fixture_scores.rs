//! Expected speakers next to each fixture: every folder `tests/fixtures/<lang>/` has a `gold.csv`
//! (the speaker of each quote its `README.md` names, in the gold format of `whosaid eval`), and
//! the folder's attribution accuracy, scored as `whosaid eval --lang <lang>` scores it, may not
//! fall below the figure recorded in `tests/fixture_scores.tsv`. The quotes attributed
//! wrongly today are listed there as known misses, so that a failure says which quotes moved.

use std::collections::BTreeSet;

use whosaid::{Extractor, Gold, Inputs, LangChoice, LexiconSource, Run};

const SCORES: &str = "tests/fixture_scores.tsv";

/// A quote as the known misses name it: its document and its first eight words.
type QuoteKey = (String, String);

/// The recorded figures and known misses of each folder.
struct Expected {
    /// (folder, attribution accuracy).
    scores: Vec<(String, f64)>,
    /// (folder, quote).
    misses: BTreeSet<(String, QuoteKey)>,
}

fn expected() -> Expected {
    let text = std::fs::read_to_string(SCORES).unwrap();
    let mut e = Expected {
        scores: Vec::new(),
        misses: BTreeSet::new(),
    };
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["score", folder, figure] => {
                let figure = figure
                    .parse()
                    .unwrap_or_else(|_| panic!("{SCORES}:{}: {figure:?} is not a number", n + 1));
                e.scores.push((folder.to_string(), figure));
            }
            ["miss", folder, doc, quote, _today] => {
                e.misses
                    .insert((folder.to_string(), (doc.to_string(), quote.to_string())));
            }
            _ => panic!("{SCORES}:{}: not a score or a miss line: {line:?}", n + 1),
        }
    }
    e
}

/// The first eight words of a quote, with an ellipsis when there are more (as `eval --errors`).
fn first_words(q: &str) -> String {
    let words: Vec<&str> = q.split_whitespace().collect();
    if words.len() <= 8 {
        words.join(" ")
    } else {
        format!("{}…", words[..8].join(" "))
    }
}

/// One folder scored: its attribution accuracy, and each quote attributed wrongly with what
/// whosaid gave.
fn score(folder: &str) -> (f64, Vec<(QuoteKey, String)>) {
    let dir = format!("tests/fixtures/{folder}");
    let docs: Vec<(String, String)> = Inputs::new(std::slice::from_ref(&dir))
        .map(|input| (input.id, input.text.unwrap()))
        .collect();
    let ex = Extractor::new(LangChoice::Fixed(folder.into()), &LexiconSource::default()).unwrap();
    let rows: Vec<_> = docs.iter().flat_map(|(id, t)| ex.extract(id, t)).collect();
    let gold = Gold::read(format!("{dir}/gold.csv").as_ref()).unwrap();
    let ev = gold.score(&docs, &Run::from_rows(&rows)).unwrap();
    let wrong = ev
        .errors
        .iter()
        .filter(|e| matches!(e.kind.label(), "wrong speaker" | "missed" | "false speaker"))
        .map(|e| {
            let got = if e.got.is_empty() {
                format!("{}: expected {:?}, got none", e.kind.label(), e.expected)
            } else {
                format!(
                    "{}: expected {:?}, got {:?} (rule {})",
                    e.kind.label(),
                    e.expected,
                    e.got,
                    e.rule
                )
            };
            ((e.doc.clone(), first_words(&e.quote)), got)
        })
        .collect();
    (ev.overall.attribution_accuracy.unwrap_or(0.0), wrong)
}

#[test]
fn every_fixture_folder_keeps_its_attribution_accuracy() {
    let expected = expected();
    let mut failures = Vec::new();
    for (folder, figure) in &expected.scores {
        let (accuracy, wrong) = score(folder);
        if accuracy >= figure - 1e-9 {
            continue;
        }
        let known: BTreeSet<&QuoteKey> = expected
            .misses
            .iter()
            .filter(|(f, _)| f == folder)
            .map(|(_, q)| q)
            .collect();
        let now: BTreeSet<&QuoteKey> = wrong.iter().map(|(q, _)| q).collect();
        let mut report = format!(
            "{folder}: attribution accuracy {accuracy:.4}, below the recorded {figure:.4}\n"
        );
        for (q, what) in wrong.iter().filter(|(q, _)| !known.contains(q)) {
            report.push_str(&format!("  now wrong: {} «{}» {what}\n", q.0, q.1));
        }
        for q in known.difference(&now) {
            report.push_str(&format!("  now right: {} «{}»\n", q.0, q.1));
        }
        failures.push(report);
    }
    assert!(
        failures.is_empty(),
        "{}(known misses and figures: {SCORES}; a quote's expected speaker: tests/fixtures/<lang>/gold.csv)",
        failures.concat()
    );
}

/// The known misses are the quotes wrong today, no more and no fewer: a quote that whosaid now
/// gets right leaves the list (and the figure goes up), and a new miss that the figure does not
/// show (a speaker given to a scare quote, or one fix and one break) joins it, read.
#[test]
fn the_known_misses_are_the_quotes_wrong_today() {
    let expected = expected();
    let mut failures = Vec::new();
    for (folder, figure) in &expected.scores {
        let (accuracy, wrong) = score(folder);
        let listed: BTreeSet<&QuoteKey> = expected
            .misses
            .iter()
            .filter(|(f, _)| f == folder)
            .map(|(_, q)| q)
            .collect();
        for (q, what) in wrong.iter().filter(|(q, _)| !listed.contains(q)) {
            failures.push(format!(
                "{folder}: not listed, wrong today: {} «{}» {what}",
                q.0, q.1
            ));
        }
        let now: BTreeSet<&QuoteKey> = wrong.iter().map(|(q, _)| q).collect();
        for q in listed.difference(&now) {
            failures.push(format!(
                "{folder}: listed, right today: {} «{}» (the figure {figure:.4} can be {accuracy:.4})",
                q.0, q.1
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "update the known misses in {SCORES}:\n{}",
        failures.join("\n")
    );
}
