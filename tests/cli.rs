//! The command line, run as a user runs it: `eval` (table, `--errors`, `--json`), `diff` and their
//! exit statuses, and bad input reported on one line that names the file and row.

use std::path::PathBuf;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_whosaid");
const DIR: &str = "tests/fixtures/eval";

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("whosaid runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

/// A scratch file for this test binary.
fn scratch(name: &str, text: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    std::fs::write(&p, text).unwrap();
    p
}

fn gold() -> String {
    format!("{DIR}/gold.csv")
}

fn docs() -> String {
    format!("{DIR}/docs")
}

#[test]
fn eval_json_equals_the_reference_scorer() {
    let pred = format!("{DIR}/pred.csv");
    let o = run(&[
        "eval",
        "--json",
        "--gold",
        &gold(),
        "--pred",
        &pred,
        &docs(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let want = json(&std::fs::read_to_string(format!("{DIR}/expected.json")).unwrap());
    assert_eq!(json(&stdout(&o)), want);
}

#[test]
fn eval_scores_its_own_extraction_as_a_saved_run() {
    // whatever the rules extract today, scoring live equals scoring the same run saved as CSV
    let x = run(&["extract", &docs()]);
    assert!(x.status.success(), "{}", stderr(&x));
    let saved = scratch("run.csv", &stdout(&x));
    let live = run(&["eval", "--json", "--gold", &gold(), &docs()]);
    let from_csv = run(&[
        "eval",
        "--json",
        "--gold",
        &gold(),
        "--pred",
        saved.to_str().unwrap(),
        &docs(),
    ]);
    assert!(live.status.success(), "{}", stderr(&live));
    assert_eq!(json(&stdout(&live)), json(&stdout(&from_csv)));
    let one = run(&[
        "eval",
        "--json",
        "--gold",
        &gold(),
        &format!("{DIR}/docs/a_porto.txt"),
        &docs(),
    ]);
    assert_eq!(
        one.status.code(),
        Some(2),
        "a document given twice has the same name"
    );
}

/// `eval --pred` reads the JSON Lines that `extract --format jsonl` writes, as `diff` does: one
/// reader of saved runs for both.
#[test]
fn eval_scores_a_json_lines_run_as_its_csv() {
    let csv = run(&["extract", &docs()]);
    let jsonl = run(&["extract", "--format", "jsonl", &docs()]);
    assert!(csv.status.success() && jsonl.status.success());
    let csv = scratch("pred-run.csv", &stdout(&csv));
    let jsonl = scratch("pred-run.jsonl", &stdout(&jsonl));
    let score = |pred: &PathBuf| {
        let o = run(&[
            "eval",
            "--json",
            "--gold",
            &gold(),
            "--pred",
            pred.to_str().unwrap(),
            &docs(),
        ]);
        assert!(o.status.success(), "{}: {}", pred.display(), stderr(&o));
        json(&stdout(&o))
    };
    let from_jsonl = score(&jsonl);
    assert_eq!(from_jsonl, score(&csv));
    assert_eq!(from_jsonl["docs"], 4, "{from_jsonl}");
}

#[test]
fn eval_prints_a_table_and_the_error_list() {
    let pred = format!("{DIR}/pred.csv");
    let o = run(&[
        "eval",
        "--errors",
        "--gold",
        &gold(),
        "--pred",
        &pred,
        &docs(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("\noverall (4 docs) "), "{out}");
    assert!(out.contains("\n6 errors:\n"), "{out}");
    for line in [
        "d_negozio:311-337: missed: «Vedremo a Natale se durerà» expected \"Sergio Villa\"",
        "d_negozio:371-412: false positive: «Articolo precedente | Articolo successivo» got speaker",
        "c_mercato:319-383: wrong speaker: «Il Comune ci ha abbandonati da anni e…» expected \"Giorgio Ferrara\", got \"Luca Bianchi\" (rule previous_sentence)",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
}

#[test]
fn eval_bad_input_is_one_line_naming_file_and_row() {
    let missing_col = scratch("g1.csv", "doc,quote,speaker,kind\na_porto.txt,x,y,direct\n");
    let bad_quote = scratch(
        "g2.csv",
        "doc,quote,speaker,aliases,kind\na_porto.txt,Chiediamo di fermare i lavori,Elena Riva,,\nc_mercato.txt,Non l'ha mai detto,X,,direct\n",
    );
    let missing_doc = scratch(
        "g3.csv",
        "doc,quote,speaker,aliases,kind\nassente.txt,x,X,,direct\n",
    );
    let cases = [
        (
            missing_col,
            "g1.csv:row 1: missing column aliases".to_string(),
        ),
        (
            bad_quote,
            "g2.csv:row 3: quote «Non l'ha mai detto» is not in document c_mercato".into(),
        ),
        (
            missing_doc,
            "g3.csv:row 2: document \"assente.txt\" is not among the documents given".into(),
        ),
    ];
    for (path, want) in cases {
        let o = run(&["eval", "--gold", path.to_str().unwrap(), &docs()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(&want), "got {err:?}, want {want:?}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let o = run(&["eval", "--gold", "no/such/gold.csv", &docs()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/gold.csv"), "{}", stderr(&o));
    let o = run(&["eval", "--gold", &gold(), "no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/folder"), "{}", stderr(&o));
}

const RUN_HEADER: &str = "doc,quote_id,quote_start,quote_end,quote,speaker,speaker_mention,cue,rule,stance,stance_score,targets,evidence,lang,flags\r\n";

fn run_csv(rows: &[&str]) -> String {
    let mut s = RUN_HEADER.to_string();
    for r in rows {
        s.push_str(r);
        s.push_str("\r\n");
    }
    s
}

#[test]
fn diff_of_identical_runs_exits_0() {
    let x = run(&["extract", &docs()]);
    let a = scratch("same-a.csv", &stdout(&x));
    let b = scratch("same-b.csv", &stdout(&x));
    let o = run(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("0 added, 0 removed, 0 spans changed, 0 speakers changed"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn diff_lists_every_change_and_exits_1() {
    let old = run_csv(&[
        "a.txt,1,0,10,Uno due tre,Mario Rossi,Rossi,ha detto,after_cue,neutral,0,,,it,",
        "a.txt,2,20,30,Quattro cinque,Mario Rossi,,ha aggiunto,after_cue_continuation,neutral,0,,,it,",
        "a.txt,3,40,50,Sei sette,Anna Neri,Neri,ha detto,after_cue,oppose,-0.5,Russia:oppose,condann*,it,",
        "a.txt,4,60,70,Otto nove,,,,,neutral,0,,,it,",
        "b.txt,1,5,15,Dieci,Luca Bianchi,Bianchi,secondo,before_according,support,0.5,,,it,",
    ]);
    let new = run_csv(&[
        "a.txt,1,0,10,Uno due tre,Giulia Ferri,Ferri,ha detto,after_cue,neutral,0,,,it,",
        "a.txt,2,20,30,Quattro cinque,Mario Rossi,,ha aggiunto,paragraph_continuation,neutral,0,,,it,",
        "a.txt,3,40,51,Sei sette,Anna Neri,Neri,ha detto,after_cue,neutral,0,,,it,",
        "b.txt,1,5,15,Dieci,Luca Bianchi,Bianchi,secondo,before_according,support,0.5,,,it,",
        "b.txt,2,80,90,Undici,,,,,neutral,0,,,it,",
    ]);
    let a = scratch("old.csv", &old);
    let b = scratch("new.csv", &new);
    let o = run(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "1 added, 1 removed, 1 spans changed, 1 speakers changed, 1 rules changed, 1 stances changed (5 quotes before, 5 after)"
    );
    for want in [
        "~ speaker a.txt:0-10 «Uno due tre» speaker: \"Mario Rossi\" (after_cue) -> \"Giulia Ferri\" (after_cue)",
        "~ rule    a.txt:20-30 «Quattro cinque» rule: after_cue_continuation -> paragraph_continuation (speaker \"Mario Rossi\")",
        "~ span    a.txt:40-51 «Sei sette» span: 40-50 -> 40-51",
        "~ stance  a.txt:40-51 «Sei sette» stance: oppose [Russia:oppose] -> neutral",
        "- a.txt:60-70 «Otto nove» speaker (none)",
        "+ b.txt:80-90 «Undici» speaker (none)",
    ] {
        assert!(lines.contains(&want), "missing {want:?} in\n{out}");
    }
    assert_eq!(lines.len(), 7, "{out}");
}

#[test]
fn diff_reads_json_lines_too() {
    let x = run(&["extract", "--format", "jsonl", &docs()]);
    let c = run(&["extract", &docs()]);
    let a = scratch("run.jsonl", &stdout(&x));
    let b = scratch("run-csv.csv", &stdout(&c));
    let o = run(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn diff_bad_input_names_file_and_row() {
    let good = scratch(
        "good.csv",
        &run_csv(&["a.txt,1,0,10,Uno,,,,,neutral,0,,,it,"]),
    );
    let no_rule = scratch(
        "norule.csv",
        "doc,quote_start,quote_end,quote,speaker,stance\na.txt,0,10,Uno,,neutral\n",
    );
    let bad_offset = scratch(
        "badoff.csv",
        &run_csv(&["a.txt,1,zero,10,Uno,,,,,neutral,0,,,it,"]),
    );
    for (path, want) in [
        (&no_rule, "norule.csv:row 1: missing column rule"),
        (
            &bad_offset,
            "badoff.csv:row 2: quote_start \"zero\" is not a character offset",
        ),
    ] {
        let o = run(&["diff", good.to_str().unwrap(), path.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(want), "got {err:?}, want {want:?}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// Dash dialogue in Italian: a paragraph opened by — or – (after another such paragraph) is a
/// quote, and its `flags` column says `dialogue`.
#[test]
fn italian_dash_dialogue_is_quoted_and_flagged() {
    for dash in ['—', '–'] {
        let text = format!("{dash} Vieni anche tu? chiese Maria.\n{dash} No, rispose Paolo.\n");
        let doc = scratch("dialogo.txt", &text);
        let o = run(&[
            "extract",
            "--lang",
            "it",
            "--format",
            "jsonl",
            doc.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let rows: Vec<serde_json::Value> = stdout(&o).lines().map(json).collect();
        assert_eq!(rows.len(), 2, "{dash}: {}", stdout(&o));
        let last = &rows[1];
        assert_eq!(last["quote"], "No, rispose Paolo.", "{last}");
        assert_eq!(last["speaker"], "Paolo", "{last}");
        assert_eq!(last["flags"], "dialogue", "{last}");
    }
}
