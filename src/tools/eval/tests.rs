//! The scorer agrees with the reference scorer (`shared/tools/score.py`): its output on the
//! fixtures in `tests/fixtures/eval/` was stored as `expected*.json` (see the README there), and
//! the library's figures must parse to the same JSON values. Bad gold files are errors that name
//! the file and row.

use std::path::Path;

use super::*;
use crate::tools::run::Run;

const DIR: &str = "tests/fixtures/eval";

fn docs() -> Vec<(String, String)> {
    let mut paths: Vec<_> = std::fs::read_dir(format!("{DIR}/docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

fn gold() -> Gold {
    Gold::read(Path::new(&format!("{DIR}/gold.csv"))).unwrap()
}

fn score(pred: &str) -> Evaluation {
    let run = Run::read(Path::new(&format!("{DIR}/{pred}"))).unwrap();
    gold().score(&docs(), &run).unwrap()
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

fn expected(name: &str) -> serde_json::Value {
    json(&std::fs::read_to_string(format!("{DIR}/{name}")).unwrap())
}

#[test]
fn agrees_with_reference_scorer_on_an_extract_run() {
    let ev = score("pred.csv");
    assert_eq!(json(&ev.overall.to_json()), expected("expected.json"));
}

#[test]
fn agrees_with_reference_scorer_on_edge_cases() {
    // offsets missing or out of range, white space that differs, a quote not in its text, an
    // unknown document, two predictions for one span, a false speaker, an inexact span
    let ev = score("pred_edge.csv");
    assert_eq!(json(&ev.overall.to_json()), expected("expected_edge.json"));
}

#[test]
fn per_document_figures_add_up() {
    let ev = score("pred.csv");
    assert_eq!(ev.per_doc.len(), 4);
    let marked: usize = ev.per_doc.iter().map(|(_, s)| s.gold_marked).sum();
    assert_eq!(marked, ev.overall.gold_marked);
    let (key, d) = &ev.per_doc[3];
    assert_eq!(key, "d_negozio");
    assert_eq!((d.detection_precision, d.detection_recall), (0.5, 0.5));
}

#[test]
fn error_list_names_each_miss_false_positive_and_wrong_speaker() {
    let ev = score("pred.csv");
    let kinds: Vec<(&str, ErrorKind)> =
        ev.errors.iter().map(|e| (e.doc.as_str(), e.kind)).collect();
    for want in [
        ("d_negozio", ErrorKind::Missed),
        ("d_negozio", ErrorKind::FalsePositive),
        ("c_mercato", ErrorKind::WrongSpeaker),
        ("b_biblioteca", ErrorKind::MissedUnmarked),
    ] {
        assert!(kinds.contains(&want), "{want:?} not in {kinds:?}");
    }
    let text = ev.errors_text();
    let wrong = text.lines().find(|l| l.starts_with("c_mercato:")).unwrap();
    assert!(
        wrong.contains("wrong speaker: «Il Comune ci ha abbandonati da anni e…» expected \"Giorgio Ferrara\", got \"")
            && wrong.contains("(rule "),
        "{wrong}"
    );
    let edge = score("pred_edge.csv");
    let kinds: Vec<ErrorKind> = edge.errors.iter().map(|e| e.kind).collect();
    assert!(
        kinds.contains(&ErrorKind::FalseSpeaker) && kinds.contains(&ErrorKind::Span),
        "{kinds:?}"
    );
}

#[test]
fn table_has_a_line_per_document_and_overall() {
    let t = score("pred.csv").table();
    let lines: Vec<&str> = t.lines().collect();
    assert!(
        lines[0].starts_with("doc") && lines[0].contains("det F1"),
        "{t}"
    );
    assert!(lines[1].starts_with("a_porto "), "{t}");
    assert!(
        lines[5].starts_with("overall (4 docs)") && lines[5].contains("0.9167"),
        "{t}"
    );
}

/// The error a gold text gives with the fixture documents.
fn gold_error(text: &str) -> String {
    let err = Gold::from_reader("my_gold.csv", text.as_bytes())
        .and_then(|g| evaluate(&docs(), &g, &[]).map(|_| ()))
        .expect_err("bad gold is an error");
    assert!(matches!(err, Error::Input { .. }), "{err:?}");
    err.to_string()
}

const HEADER: &str = "doc,quote,speaker,aliases,kind,cue,stance,targets\n";

#[test]
fn bad_gold_files_name_the_file_and_row() {
    let cases = [
        (
            "doc,quote,speaker,kind\na_porto.txt,x,y,direct\n".to_string(),
            "my_gold.csv:row 1: missing column aliases",
        ),
        (
            format!("{HEADER}a_porto.txt,Chiediamo di fermare i lavori,Elena Riva,,direct,,,\nc_mercato.txt,Parole che non ci sono,X,,direct,,,\n"),
            "my_gold.csv:row 3: quote «Parole che non ci sono» is not in document c_mercato",
        ),
        (
            format!("{HEADER}a_porto.txt,Chiediamo di fermare i lavori,Elena Riva,,direct,,,\nz_manca.txt,x,X,,direct,,,\n"),
            "my_gold.csv:row 3: document \"z_manca.txt\" is not among the documents given",
        ),
        (
            format!("{HEADER}a_porto.txt,Chiediamo di fermare i lavori,Elena Riva,,Direct,,,\n"),
            "my_gold.csv:row 2: kind \"Direct\" is not one of",
        ),
        (
            format!("{HEADER}a_porto.txt,Chiediamo di fermare i lavori,Elena Riva\n"),
            "my_gold.csv:row 2: has 3 fields but the header has 8",
        ),
        (
            format!("{HEADER},Chiediamo,Elena Riva,,direct,,,\n"),
            "my_gold.csv:row 2: the doc column is empty",
        ),
        (
            format!("{HEADER}a_porto.txt,,Elena Riva,,direct,,,\n"),
            "my_gold.csv:row 2: the quote column is empty",
        ),
        (
            "doc,quote,speaker,aliases,kind,start,end\na_porto.txt,Chiediamo,X,,direct,0,9\n".to_string(),
            "my_gold.csv:row 2: offsets 0-9 of document a_porto hold «Porto di»",
        ),
        (
            "doc,quote,speaker,aliases,kind,start,end\na_porto.txt,Chiediamo,X,,direct,dieci,20\n".to_string(),
            "my_gold.csv:row 2: start \"dieci\" is not a character offset",
        ),
        (
            "doc,quote,speaker,aliases,kind,start,end\na_porto.txt,Chiediamo,X,,direct,5,99999\n".to_string(),
            "my_gold.csv:row 2: offsets 5-99999 are outside document a_porto",
        ),
        (String::new(), "my_gold.csv:row 1: the file is empty"),
        (
            format!("{HEADER}a_porto.txt,Chiediamo di fermare i lavori,Elena Riva,,direct,,,\na_porto.txt,Chiediamo di fermare i lavori,Elena Riva,,direct,,,\n"),
            "every occurrence is taken by an earlier row",
        ),
    ];
    for (text, want) in cases {
        let got = gold_error(&text);
        assert!(got.contains(want), "got: {got}\nwant: {want}");
    }
}

#[test]
fn gold_rows_may_come_with_offsets_and_a_bom() {
    let text = "\u{feff}doc,quote,speaker,aliases,kind,start,end\nfolder/a_porto.txt,Chiediamo di fermare i lavori,Elena Riva,Riva,,559,588\n";
    let g = Gold::from_reader("g.csv", text.as_bytes()).unwrap();
    let ev = evaluate(&docs(), &g, &[]).unwrap();
    assert_eq!(
        (ev.overall.gold_marked, ev.overall.detection_recall),
        (1, 0.0)
    );
}

#[test]
fn documents_with_the_same_name_are_an_error() {
    let d = vec![
        ("x/a.txt".to_string(), "uno".to_string()),
        ("y/a.txt".to_string(), "due".to_string()),
    ];
    let g = Gold::from_reader("g.csv", HEADER.as_bytes()).unwrap();
    let err = evaluate(&d, &g, &[]).unwrap_err().to_string();
    assert!(
        err.contains("y/a.txt: has the same name as x/a.txt"),
        "{err}"
    );
}

#[test]
fn names_normalise_as_the_reference_scorer() {
    for (raw, want) in [
        ("Kim Jong-un", "kim jong un"),
        ("L’Esercito", "esercito"),
        ("il ministro Sergei Lavrov", "ministro sergei lavrov"),
        ("Ministério das Relações", "ministerio das relacoes"),
        ("  Dmitrij   Peskov. ", "dmitrij peskov"),
        ("the Kremlin", "kremlin"),
        ("d'Alema", "alema"),
        ("ﬁnanza", "finanza"),
    ] {
        assert_eq!(norm_name(raw), want, "{raw}");
    }
}

#[test]
fn speakers_match_names_aliases_and_descriptions() {
    assert!(speaker_ok("Lavrov", "Sergei Lavrov", "Lavrov|il ministro"));
    assert!(speaker_ok(
        "il ministro degli Esteri Sergei Lavrov",
        "Sergei Lavrov",
        ""
    ));
    assert!(speaker_ok("KIM JONG-UN", "Kim Jong-un", ""));
    assert!(!speaker_ok("", "Sergei Lavrov", ""));
    assert!(!speaker_ok("Peskov", "Sergei Lavrov", "Lavrov"));
    assert!(!speaker_ok("Lavrovich", "Lavrov", ""));
}

#[test]
fn rounding_is_pythons() {
    assert_eq!(round4(1.0 / 32.0), 0.0312);
    assert_eq!(round4(3.0 / 32.0), 0.0938);
    assert_eq!(round4(2.0 / 3.0), 0.6667);
    assert_eq!(round4(0.5), 0.5);
}

#[test]
fn spans_prefer_occurrences_between_marks() {
    let t = Text::new("Ha detto pace, poi: «pace».");
    assert_eq!(find_span(&t, "pace", &HashSet::new()), Some((21, 25)));
    let taken: HashSet<Span> = [(21, 25)].into();
    assert_eq!(find_span(&t, "pace", &taken), Some((9, 13)));
    let t = Text::new("«non ci\n fermeremo»");
    assert_eq!(
        find_span(&t, "non ci fermeremo", &HashSet::new()),
        Some((1, 18))
    );
    assert_eq!(find_span(&t, "assente", &HashSet::new()), None);
}

#[test]
fn ties_break_as_python_sorts() {
    // two predictions overlap the gold span equally: the later one wins (reverse order)
    let gm = match_spans(&[(0, 10), (0, 10)], &[(0, 10)]);
    assert_eq!(gm[&0], 1);
    let gm = match_spans(&[(0, 10)], &[(0, 10), (0, 10)]);
    assert_eq!(gm[&1], 0);
}

#[test]
fn json_has_pythons_separators() {
    let s = Counts::default().scores(0, vec!["x".into()]);
    let j = s.to_json();
    assert!(j.starts_with("{\"docs\": 0, \"gold_marked\": 0"), "{j}");
    assert!(j.contains("\"unmarked_recall\": null"), "{j}");
    assert!(j.contains("\"unknown_docs\": [\"x\"]"), "{j}");
    assert!(!j.contains("stance"), "{j}");
}
