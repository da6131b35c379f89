//! The `whosaid` command line: flags, wiring and exit codes; the work is in the library.

use std::cell::Cell;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use whosaid::{Extractor, Format, Gold, Inputs, LangChoice, LexiconSource, Run};

/// mimalloc: small per-thread allocations (token strings, phrase vectors) are a tenth of the work,
/// and the system allocator's locking and consolidation cost more than the work they serve.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Who said what: extract direct quotations, their speakers and their stance from news articles.
#[derive(Parser, Debug)]
#[command(name = "whosaid", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract quotes from files, folders (recursively), `-` (standard input) or JSONL records.
    Extract(ExtractArgs),
    /// Score extraction against a gold file: detection, attribution and stance, per document and overall.
    Eval(EvalArgs),
    /// Show what changed between two runs of `extract`; exit status 1 when anything changed.
    Diff(DiffArgs),
}

#[derive(Parser, Debug)]
struct ExtractArgs {
    /// Files, folders (searched recursively for the extension) or `-` for standard input.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Csv)]
    format: OutFormat,
    /// Replace invalid UTF-8 with U+FFFD (with a warning) instead of skipping the document.
    #[arg(long)]
    lossy: bool,
    #[command(flatten)]
    run: RunOpts,
}

/// How documents are read and extracted: shared by `extract` and `eval`.
#[derive(clap::Args, Debug)]
struct RunOpts {
    /// Read each input as JSON Lines records {"id": …, "text": …}.
    #[arg(long)]
    jsonl: bool,
    /// Language of the documents: it, en, fr, or auto (chosen per document).
    #[arg(long, default_value = "auto")]
    lang: String,
    /// A folder of edited lexicons (`DIR/<lang>/<file>`) replacing or extending the built-in ones.
    #[arg(long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// File extension searched for in folders.
    #[arg(long, default_value = "txt")]
    ext: String,
    /// Extraction threads (default: all cores); reading and writing run on two more.
    #[arg(long)]
    threads: Option<usize>,
}

#[derive(Parser, Debug)]
struct EvalArgs {
    /// The gold file: CSV with doc,quote,speaker,aliases,kind[,cue,stance,targets][,start,end].
    #[arg(long, value_name = "GOLD.csv")]
    gold: PathBuf,
    /// The documents: files or folders (searched recursively for the extension), matched to the
    /// gold by file name without `.txt`.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Print one JSON object with the reference scorer's keys (score.py --json) instead of the table.
    #[arg(long, conflicts_with = "errors")]
    json: bool,
    /// After the table, list every miss, false positive, span difference and wrong speaker.
    #[arg(long)]
    errors: bool,
    /// Score a saved run (CSV or JSON Lines written by `extract`) instead of extracting now.
    #[arg(long, value_name = "PRED.csv")]
    pred: Option<PathBuf>,
    #[command(flatten)]
    run: RunOpts,
}

#[derive(Parser, Debug)]
struct DiffArgs {
    /// The earlier run (CSV or JSON Lines written by `extract`).
    old: PathBuf,
    /// The later run.
    new: PathBuf,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
enum OutFormat {
    Csv,
    Jsonl,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("whosaid: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Eval(args) => eval(args),
        Command::Diff(args) => diff(args),
    }
}

/// Sets the worker threads and loads the lexicons.
fn extractor(opts: &RunOpts) -> Result<Extractor> {
    let (threads, lang, lexicons) = (opts.threads, opts.lang.as_str(), &opts.lexicons);
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot set up worker threads")?;
    }
    let choice = match lang {
        "auto" => LangChoice::Auto,
        l => LangChoice::Fixed(l.to_string()),
    };
    let source = LexiconSource {
        dir: lexicons.clone(),
    };
    Ok(Extractor::new(choice, &source)?)
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let extractor = extractor(&args.run)?;
    let format = match args.format {
        OutFormat::Csv => Format::Csv,
        OutFormat::Jsonl => Format::Jsonl,
    };
    let sink: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let mut writer = format.writer(sink)?;
    let inputs = Inputs::new(&args.paths)
        .jsonl(args.run.jsonl)
        .ext(&args.run.ext)
        .lossy(args.lossy);
    let progress = Progress::new(&args.paths);
    let (mut docs, mut quotes, mut skipped) = (0usize, 0usize, 0usize);
    Arc::new(extractor).extract_all(inputs, format, |inp, extracted| {
        if let Some(w) = &inp.warning {
            progress.println(&format!("whosaid: {}: {w}", inp.id));
        }
        match (extracted, &inp.text) {
            (Some(done), _) => {
                docs += 1;
                quotes += done.rows;
                writer.write_encoded(done.encoded)?;
            }
            (None, Err(e)) => {
                skipped += 1;
                progress.println(&format!("whosaid: {}: {e} (skipped)", inp.id));
            }
            (None, Ok(_)) => unreachable!("every readable document is extracted"),
        }
        progress.advance(inp.bytes);
        Ok::<(), io::Error>(())
    })?;
    writer.flush()?;
    progress.finish();
    eprintln!("whosaid: {docs} documents, {quotes} quotes, {skipped} skipped");
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A progress bar on standard error when it is a terminal: documents, bytes, speed and, when the
/// inputs are plain files, the time left. Silent otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    docs: Cell<u64>,
}

impl Progress {
    fn new(paths: &[String]) -> Progress {
        if !io::stderr().is_terminal() {
            return Progress {
                bar: None,
                docs: Cell::new(0),
            };
        }
        // the total is known when every input is a plain file
        let total: Option<u64> = paths
            .iter()
            .map(|p| {
                std::fs::metadata(p)
                    .ok()
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
            })
            .sum();
        let bar = match total {
            Some(t) => indicatif::ProgressBar::new(t).with_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta} {msg}",
                )
                .expect("valid template"),
            ),
            None => indicatif::ProgressBar::new_spinner().with_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {bytes} {binary_bytes_per_sec} {elapsed} {msg}",
                )
                .expect("valid template"),
            ),
        };
        Progress {
            bar: Some(bar),
            docs: Cell::new(0),
        }
    }

    fn advance(&self, bytes: u64) {
        if let Some(b) = &self.bar {
            b.inc(bytes);
            self.docs.set(self.docs.get() + 1);
            b.set_message(format!("{} documents", self.docs.get()));
        }
    }

    fn println(&self, line: &str) {
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

fn eval(args: EvalArgs) -> Result<ExitCode> {
    let gold = Gold::read(&args.gold)?;
    let mut docs = Vec::new();
    for inp in Inputs::new(&args.paths)
        .jsonl(args.run.jsonl)
        .ext(&args.run.ext)
    {
        match inp.text {
            Ok(t) => docs.push((inp.id, t)),
            // scoring without a document would count its gold quotes as missed
            Err(e) => anyhow::bail!("{}: {e} (eval needs every document)", inp.id),
        }
    }
    let run = match &args.pred {
        Some(p) => Run::read(p)?,
        None => {
            let extractor = extractor(&args.run)?;
            let rows: Vec<Vec<whosaid::Row>> = docs
                .par_iter()
                .map(|(id, t)| extractor.extract(id, t))
                .collect();
            Run::from_rows(rows.iter().flatten())
        }
    };
    let ev = gold.score(&docs, &run)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.json {
        writeln!(out, "{}", ev.overall.to_json())?;
    } else {
        write!(out, "{}", ev.table())?;
        if args.errors {
            let n = ev.errors.len();
            writeln!(out, "\n{n} error{}:", if n == 1 { "" } else { "s" })?;
            write!(out, "{}", ev.errors_text())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn diff(args: DiffArgs) -> Result<ExitCode> {
    let old = Run::read_complete(&args.old)?;
    let new = Run::read_complete(&args.new)?;
    let d = old.diff(&new);
    let mut out = io::BufWriter::new(io::stdout().lock());
    write!(out, "{}", d.report())?;
    out.flush()?;
    Ok(if d.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
