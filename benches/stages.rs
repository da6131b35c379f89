//! Where the time goes: the wall time of each stage of `whosaid extract`, on one thread.
//!
//! ```sh
//! cargo bench --features bench-stages --bench stages                                 # the 25 MB bench corpus, or the fixtures
//! cargo bench --features bench-stages --bench stages -- --jsonl corpus.jsonl         # any JSON Lines corpus
//! cargo bench --features bench-stages --bench stages -- articles/ --lang it --runs 5 # .txt files
//! ```
//!
//! Each document is read, extracted with [`Extractor::extract_timed`] (the same rows as `extract`,
//! with a clock read between stages) and encoded as CSV, one after the other on one thread; the
//! line "rest" is what the stages leave out of the run's time (freeing each input and its rows). The table shows, for each stage, its seconds, its
//! share, and the MB/s the whole run would reach if that stage took no time at all (how much a
//! faster stage can give). The run with the least total time of `--runs` (default 3) is shown.
//!
//! It then measures how much of the text lies near quotes, for a design that would tokenize and
//! look up words only there: the share of tokens, in documents with quotes, in the sentence of a
//! quote, with one sentence either side, and with two.
//!
//! `benches/bench.sh` measures the binary end to end (threads, memory, scaling); this bench splits
//! one thread's time. Reading timestamps costs some 50 ns a stage, well under 1% of a document.

use std::time::{Duration, Instant};

use whosaid::testing::{self, Stage, StageTimes};
use whosaid::{Extractor, Format, Inputs, LangChoice, LexiconSource};

struct Args {
    paths: Vec<String>,
    jsonl: bool,
    lang: LangChoice,
    runs: usize,
}

fn usage(msg: &str) -> ! {
    eprintln!("stages: {msg}");
    eprintln!("usage: cargo bench --features bench-stages --bench stages -- [--jsonl] [PATH ...] [--lang auto|it|en|fr] [--runs N]");
    std::process::exit(2);
}

fn parse_args() -> Args {
    let mut args = Args {
        paths: Vec::new(),
        jsonl: false,
        lang: LangChoice::Auto,
        runs: 3,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            // cargo bench passes --bench to every bench target
            "--bench" => {}
            "--jsonl" => args.jsonl = true,
            "--lang" => {
                let l = it.next().unwrap_or_else(|| usage("--lang needs a value"));
                args.lang = if l == "auto" {
                    LangChoice::Auto
                } else {
                    LangChoice::Fixed(l)
                };
            }
            "--runs" => {
                args.runs = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .unwrap_or_else(|| usage("--runs needs a positive number"));
            }
            _ if a.starts_with("--") => usage(&format!("unknown option {a}")),
            _ => args.paths.push(a),
        }
    }
    if args.paths.is_empty() {
        // the bench corpus when benches/bench.sh has written it, else the fixture articles
        let corpus = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/target/bench/corpus-25mb.jsonl"
        );
        if std::path::Path::new(corpus).exists() {
            args.paths.push(corpus.into());
            args.jsonl = true;
        } else {
            args.paths
                .push(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures").into());
        }
    }
    args
}

/// One pass over the inputs: reading, the extraction stages, CSV encoding.
#[derive(Default)]
struct Pass {
    reading: Duration,
    stages: StageTimes,
    csv: Duration,
    /// The whole loop, of which the above are parts.
    total: Duration,
    bytes: u64,
    documents: usize,
    quotes: usize,
    unreadable: usize,
}

impl Pass {
    /// The part of the run no stage counts.
    fn rest(&self) -> Duration {
        self.total
            .saturating_sub(self.reading + self.stages.total() + self.csv)
    }
}

fn run(ex: &Extractor, args: &Args) -> Pass {
    let mut inputs = Inputs::new(&args.paths).jsonl(args.jsonl);
    let mut pass = Pass::default();
    let mut sink = 0usize;
    let start = Instant::now();
    loop {
        let t = Instant::now();
        let Some(input) = inputs.next() else { break };
        pass.reading += t.elapsed();
        pass.bytes += input.bytes;
        let Ok(text) = &input.text else {
            pass.unreadable += 1;
            continue;
        };
        pass.documents += 1;
        let rows = ex.extract_timed(&input.id, text, &mut pass.stages);
        pass.quotes += rows.len();
        let t = Instant::now();
        sink += Format::Csv.encode(&rows).len();
        pass.csv += t.elapsed();
    }
    pass.total = start.elapsed();
    std::hint::black_box(sink);
    pass
}

/// Tokens near quotes, in documents with quotes: (in the quote's sentence, with one sentence either
/// side, with two, all tokens).
fn windows(ex: &Extractor, args: &Args) -> [usize; 4] {
    let mut counts = [0usize; 4];
    for input in Inputs::new(&args.paths).jsonl(args.jsonl) {
        let Ok(text) = &input.text else { continue };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let arena = bumpalo::Bump::new();
        let Some(doc) = testing::document(ex, text, &arena) else {
            continue;
        };
        if doc.quotes.is_empty() {
            continue;
        }
        let sentences = doc.sentences.len();
        // the sentences that hold part of a quote
        let mut quoted = vec![false; sentences];
        for &(a, b) in &doc.quote_tokens {
            for t in &doc.tokens[a..b] {
                quoted[t.sent as usize] = true;
            }
        }
        for (k, reach) in [0usize, 1, 2].into_iter().enumerate() {
            for s in 0..sentences {
                let lo = s.saturating_sub(reach);
                let hi = (s + reach).min(sentences - 1);
                if quoted[lo..=hi].iter().any(|&q| q) {
                    counts[k] += doc.sentences[s].1 - doc.sentences[s].0;
                }
            }
        }
        counts[3] += doc.tokens.len();
    }
    counts
}

fn main() {
    let args = parse_args();
    let ex = Extractor::new(args.lang.clone(), &LexiconSource::default())
        .unwrap_or_else(|e| usage(&e.to_string()));
    let mut best: Option<Pass> = None;
    for _ in 0..args.runs {
        let pass = run(&ex, &args);
        if best.as_ref().is_none_or(|b| pass.total < b.total) {
            best = Some(pass);
        }
    }
    let pass = best.expect("at least one run");
    let mb = pass.bytes as f64 / 1e6;
    let total = pass.total.as_secs_f64();
    println!(
        "stages: {} ({:.1} MB, {} documents, {} quotes, {} unreadable), one thread, best of {} runs",
        args.paths.join(" "),
        mb,
        pass.documents,
        pass.quotes,
        pass.unreadable,
        args.runs
    );
    println!();
    println!("| stage | s | share | MB/s without it |");
    println!("| --- | ---: | ---: | ---: |");
    let line = |name: &str, d: Duration| {
        let s = d.as_secs_f64();
        let rest = (total - s).max(1e-9);
        println!(
            "| {name} | {s:.3} | {:.1}% | {:.0} |",
            100.0 * s / total.max(1e-9),
            mb / rest
        );
    };
    line("reading (files or JSON Lines)", pass.reading);
    for stage in Stage::ALL {
        line(stage.describe(), pass.stages.get(stage));
    }
    line("CSV encoding", pass.csv);
    line("rest (freeing inputs and rows)", pass.rest());
    println!(
        "| **total** | {total:.3} | 100% | {:.1} MB/s |",
        mb / total.max(1e-9)
    );
    let [own, one, two, all] = windows(&ex, &args);
    let share = |n: usize| 100.0 * n as f64 / all.max(1) as f64;
    println!();
    println!(
        "tokens near quotes, in the {all} tokens of documents with quotes: {:.0}% in a quote's \
         sentence, {:.0}% with one sentence either side, {:.0}% with two",
        share(own),
        share(one),
        share(two)
    );
}
