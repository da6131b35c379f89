//! Dirty input, as news dumps have it: nothing panics, nothing is lost, every document is either
//! in the output or named on standard error, and the exit status says what happened (0 all well,
//! 1 something skipped, 2 usage error). One test per kind of bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use whosaid::{Extractor, LangChoice, LexiconSource, Row};

const BIN: &str = env!("CARGO_BIN_EXE_whosaid");

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env_remove("RUST_BACKTRACE");
    if stdin.is_some() {
        cmd.stdin(Stdio::piped());
    }
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("whosaid runs");
    if let Some(input) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("robust-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(p: &Path, bytes: &[u8]) -> String {
    std::fs::write(p, bytes).unwrap();
    p.display().to_string()
}

/// The CSV data rows of an output, as records.
fn rows(csv_text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .collect()
}

const GOOD: &[u8] = "«Resteremo qui», ha detto Mario Rossi.\n".as_bytes();

#[test]
fn invalid_utf8_is_reported_with_its_offset_and_the_others_go_on() {
    let d = scratch("utf8");
    let bad = write(&d.join("bad.txt"), b"Il sindaco \xff\xfe ha detto \xc3");
    let good = write(&d.join("good.txt"), GOOD);
    let o = run(&["extract", &bad, &good], None);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains(&format!("{bad}: not valid UTF-8 at byte offset 11")),
        "{}",
        err(&o)
    );
    assert!(
        err(&o).contains("1 documents, 1 quotes, 1 skipped"),
        "{}",
        err(&o)
    );
    assert_eq!(rows(&out(&o)).len(), 1);
}

#[test]
fn lossy_replaces_bad_bytes_with_a_warning() {
    let d = scratch("lossy");
    let bad = write(
        &d.join("bad.txt"),
        b"\xff\xfe \xc2\xab Ciao \xc2\xbb, ha detto Rossi.",
    );
    let o = run(&["extract", "--lossy", &bad], None);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        err(&o).contains("invalid UTF-8 at byte offset 0 replaced"),
        "{}",
        err(&o)
    );
    let r = rows(&out(&o));
    assert_eq!(&r[0][4], "Ciao");
    assert_eq!(&r[0][5], "Rossi");
}

#[test]
fn binary_content_is_skipped_with_a_message() {
    let d = scratch("binary");
    let bin = write(
        &d.join("image.txt"),
        b"GIF89a\x00\x01\x02 \xc2\xab no \xc2\xbb",
    );
    let o = run(&["extract", &bin], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains(&format!(
            "{bin}: binary content (NUL byte at byte offset 6)"
        )),
        "{}",
        err(&o)
    );
}

#[test]
fn empty_files_and_byte_order_marks_are_documents() {
    let d = scratch("empty");
    let empty = write(&d.join("empty.txt"), b"");
    let bom = write(
        &d.join("bom.txt"),
        "\u{feff}«Sì», ha detto Rossi.".as_bytes(),
    );
    let o = run(&["extract", &empty, &bom], None);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        err(&o).contains("2 documents, 1 quotes, 0 skipped"),
        "{}",
        err(&o)
    );
    let r = rows(&out(&o));
    assert_eq!((&r[0][2], &r[0][3], &r[0][4]), ("1", "3", "Sì"));
}

#[test]
fn crlf_and_lone_cr_line_ends_keep_offsets_right() {
    let ex = Extractor::new(LangChoice::Fixed("it".into()), &LexiconSource::default()).unwrap();
    for text in [
        "Titolo\r\n\r\n«Primo», ha detto Rossi.\r\n«Secondo\r\n«continua»\r\nFine.",
        "Titolo\r\r«Primo», ha detto Rossi.\r«non chiuso\rAltro «ultimo».",
    ] {
        let r = ex.extract("x", text);
        assert!(r.len() >= 2, "{r:?}");
        check(text, &r);
        assert_eq!(r[0].speaker, "Rossi");
    }
}

#[test]
fn jsonl_bad_records_name_their_line_and_the_others_go_on() {
    let input = "{\"id\":\"a\",\"text\":\"«Sì», ha detto Rossi.\"}\n{broken\n{\"id\":\"c\"}\n{\"id\":\"d\",\"text\":\"«No», ha detto Bianchi.\"}\n[\"e\", \"«Forse», ha detto Verdi.\"]\n";
    let o = run(&["extract", "--jsonl", "-"], Some(input.as_bytes()));
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("-:2: not a JSON record"), "{}", err(&o));
    assert!(
        err(&o).contains("-:3: record has no string field \"text\""),
        "{}",
        err(&o)
    );
    // an array is not a record, even with an id and a text in it
    assert!(
        err(&o).contains("-:5: record has no string field \"text\""),
        "{}",
        err(&o)
    );
    let r = rows(&out(&o));
    let ids: Vec<&str> = r.iter().map(|x| &x[0]).collect();
    assert_eq!(ids, ["a", "d"]);
}

#[test]
fn a_missing_path_is_reported_and_counted() {
    let d = scratch("missing");
    let good = write(&d.join("good.txt"), GOOD);
    let missing = d.join("nope.txt").display().to_string();
    let o = run(&["extract", &missing, &good], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains(&format!("{missing}: cannot read")),
        "{}",
        err(&o)
    );
    assert_eq!(rows(&out(&o)).len(), 1);
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_walked_once() {
    let d = scratch("loop");
    std::fs::create_dir_all(d.join("a/b")).unwrap();
    write(&d.join("a/b/doc.txt"), GOOD);
    std::os::unix::fs::symlink(d.join("a"), d.join("a/b/back")).unwrap();
    let o = run(&["extract", &d.display().to_string()], None);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(rows(&out(&o)).len(), 1);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["extract"], None).status.code(), Some(2));
    assert_eq!(
        run(&["extract", "--no-such-flag", "x"], None).status.code(),
        Some(2)
    );
    let o = run(&["extract", "--lang", "xx", "x"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("unknown language 'xx'"), "{}", err(&o));
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let one = run(&["extract", "--threads", "1", "tests/fixtures"], None);
    let two = run(&["extract", "--threads", "3", "tests/fixtures"], None);
    assert_eq!(one.status.code(), Some(0), "{}", err(&one));
    assert!(rows(&out(&one)).len() > 100);
    assert_eq!(one.stdout, two.stdout);
}

/// `text[quote_start..quote_end] == quote` in characters, spans sorted and disjoint.
fn check(text: &str, rows: &[Row]) {
    let chars: Vec<char> = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .chars()
        .collect();
    let mut last = 0;
    for r in rows {
        assert!(
            r.quote_start >= last && r.quote_start <= r.quote_end && r.quote_end <= chars.len()
        );
        let s: String = chars[r.quote_start..r.quote_end].iter().collect();
        assert_eq!(s, r.quote);
        last = r.quote_end;
    }
}

/// Huge and hostile documents finish with the invariants intact.
#[test]
fn hostile_documents_keep_the_invariants() {
    let ex = Extractor::new(LangChoice::Auto, &LexiconSource::default()).unwrap();
    let long_line =
        "il ministro ha detto che la Russia e Mario Rossi secondo KCNA l’esercito po’ non "
            .repeat(40_000); // 3.3 MB, no line end
    let texts = [
        long_line,
        "“".repeat(100_000),
        " «a» ".repeat(20_000),
        (0..3000).map(|i| format!("«non chiuso {i}\n")).collect(),
        format!("{}x{}", "«".repeat(20_000), "»".repeat(20_000)),
        "a'".repeat(200_000),
        "— ".repeat(10_000),
        "sostegno".repeat(100_000),
    ];
    for t in &texts {
        let r = ex.extract("hostile", t);
        check(t, &r);
    }
    // 20,000 closed quotes in one line are all found
    assert_eq!(ex.extract("x", &texts[2]).len(), 20_000);
    // thousands of unclosed marks at paragraph starts are cut into bounded quotes
    let unclosed = ex.extract("x", &texts[3]);
    assert!(unclosed.len() > 100 && unclosed.iter().all(|r| r.flags == "unclosed"));
}
