//! The streaming run (`Extractor::extract_all`): every input comes back once, in input order,
//! across chunks; an error from the caller stops the run at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use whosaid::testing::CHUNK_DOCS;
use whosaid::{Extractor, Format, Inputs, LangChoice, LexiconSource};

/// A JSON Lines file of `n` records (every seventh is not a record), written once per test.
fn corpus(name: &str, n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("whosaid-stream-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("corpus.jsonl");
    let mut text = String::new();
    for i in 0..n {
        if i % 7 == 3 {
            text.push_str("{not a record\n");
        } else {
            text.push_str(&format!(
                "{{\"id\":\"d{i}\",\"text\":\"«Numero {i}», ha detto Rossi.\"}}\n"
            ));
        }
    }
    std::fs::write(&path, text).unwrap();
    path
}

fn inputs(path: &Path) -> Inputs {
    Inputs::new(&[path.display().to_string()]).jsonl(true)
}

fn extractor() -> Arc<Extractor> {
    Arc::new(Extractor::new(LangChoice::Fixed("it".into()), &LexiconSource::default()).unwrap())
}

#[test]
fn every_input_comes_back_once_in_input_order_across_chunks() {
    let n = CHUNK_DOCS * 2 + 40;
    let path = corpus("order", n);
    let mut seen = Vec::new();
    extractor()
        .extract_all(inputs(&path), Format::Csv, |inp, extracted| {
            match extracted {
                Some(done) => {
                    assert_eq!(done.rows, 1, "{}", inp.id);
                    let line = String::from_utf8(done.encoded.to_vec()).unwrap();
                    assert!(line.starts_with(&format!("{},1,", inp.id)), "{line}");
                    seen.push(inp.id.clone());
                }
                None => {
                    assert!(inp.text.is_err());
                    seen.push(format!("bad {}", inp.id));
                }
            }
            Ok::<(), ()>(())
        })
        .unwrap();
    assert_eq!(seen.len(), n);
    for (i, id) in seen.iter().enumerate() {
        if i % 7 == 3 {
            assert!(
                id.starts_with("bad ") && id.ends_with(&format!(":{}", i + 1)),
                "{id}"
            );
        } else {
            assert_eq!(id, &format!("d{i}"));
        }
    }
}

#[test]
fn an_error_from_the_caller_stops_the_run_at_once() {
    let path = corpus("stop", CHUNK_DOCS * 3);
    let mut calls = 0;
    let result = extractor().extract_all(inputs(&path), Format::Jsonl, |_, _| {
        calls += 1;
        if calls == 10 {
            Err("disk full")
        } else {
            Ok(())
        }
    });
    assert_eq!(result, Err("disk full"));
    assert_eq!(calls, 10);
}
