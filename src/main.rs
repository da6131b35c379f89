//! The `whosaid` command line: flags, wiring and exit codes; the work is in the library.

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use whosaid::eval::{self, Pred};
use whosaid::{diff, Extractor, Format, LangChoice, LexiconSource, RowWriter};

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
    /// Read each input as JSON Lines records {"id": …, "text": …}.
    #[arg(long)]
    jsonl: bool,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Csv)]
    format: OutFormat,
    /// Language of the documents: it, en, fr, or auto (chosen per document).
    #[arg(long, default_value = "auto")]
    lang: String,
    /// A folder of edited lexicons (`DIR/<lang>/<file>`) replacing or extending the built-in ones.
    #[arg(long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// File extension searched for in folders.
    #[arg(long, default_value = "txt")]
    ext: String,
    /// Worker threads (default: all cores).
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
    /// Score a saved run (a CSV written by `extract`) instead of extracting now.
    #[arg(long, value_name = "PRED.csv")]
    pred: Option<PathBuf>,
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
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
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

/// One input document, or the reason it could not be read.
struct Input {
    id: String,
    text: std::result::Result<String, String>,
}

/// Sets the worker threads and loads the lexicons.
fn extractor(threads: Option<usize>, lang: &str, lexicons: &Option<PathBuf>) -> Result<Extractor> {
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
    let extractor = extractor(args.threads, &args.lang, &args.lexicons)?;
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
    let mut writer = RowWriter::new(sink, format)?;
    let mut inputs: Vec<Input> = Vec::new();
    let mut skipped = 0usize;
    let mut docs = 0usize;
    let mut quotes = 0usize;
    for p in &args.paths {
        collect_inputs(p, args.jsonl, &args.ext, &mut inputs);
    }
    for chunk in inputs.chunks(256) {
        let results: Vec<_> = chunk
            .par_iter()
            .map(|inp| match &inp.text {
                Ok(t) => Ok(extractor.extract(&inp.id, t)),
                Err(e) => Err(e.clone()),
            })
            .collect();
        for (inp, res) in chunk.iter().zip(results) {
            match res {
                Ok(rows) => {
                    docs += 1;
                    quotes += rows.len();
                    for r in &rows {
                        writer.write(r)?;
                    }
                }
                Err(e) => {
                    skipped += 1;
                    eprintln!("whosaid: {}: {e} (skipped)", inp.id);
                }
            }
        }
    }
    writer.flush()?;
    if io::stderr().is_terminal() || skipped > 0 {
        eprintln!("whosaid: {docs} documents, {quotes} quotes, {skipped} skipped");
    }
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn eval(args: EvalArgs) -> Result<ExitCode> {
    let gold = eval::Gold::read(&args.gold)?;
    let mut inputs: Vec<Input> = Vec::new();
    for p in &args.paths {
        collect_inputs(p, args.jsonl, &args.ext, &mut inputs);
    }
    let mut docs = Vec::with_capacity(inputs.len());
    for inp in inputs {
        match inp.text {
            Ok(t) => docs.push((inp.id, t)),
            // scoring without a document would count its gold quotes as missed
            Err(e) => anyhow::bail!("{}: {e} (eval needs every document)", inp.id),
        }
    }
    let preds: Vec<Pred> = match &args.pred {
        Some(p) => eval::read_pred(p)?,
        None => {
            let extractor = extractor(args.threads, &args.lang, &args.lexicons)?;
            let rows: Vec<Vec<whosaid::Row>> = docs
                .par_iter()
                .map(|(id, t)| extractor.extract(id, t))
                .collect();
            rows.iter().flatten().map(Pred::from).collect()
        }
    };
    let ev = eval::evaluate(&docs, &gold, &preds)?;
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
    let old = diff::read_run(&args.old)?;
    let new = diff::read_run(&args.new)?;
    let d = diff::diff(&old, &new);
    let mut out = io::BufWriter::new(io::stdout().lock());
    write!(out, "{}", d.report())?;
    out.flush()?;
    Ok(if d.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn collect_inputs(p: &str, jsonl: bool, ext: &str, out: &mut Vec<Input>) {
    if p == "-" {
        let mut buf = Vec::new();
        let text = io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))
            .and_then(|_| decode(buf));
        push_text(out, "-".into(), text, jsonl);
        return;
    }
    let path = Path::new(p);
    if path.is_dir() {
        let mut files = Vec::new();
        let mut seen = std::collections::HashSet::new();
        walk(path, ext, &mut files, &mut seen, out);
        for f in files {
            let id = f.display().to_string();
            let text = read_file(&f);
            push_text(out, id, text, jsonl);
        }
        return;
    }
    let text = read_file(path);
    push_text(out, p.to_string(), text, jsonl);
}

fn push_text(
    out: &mut Vec<Input>,
    id: String,
    text: std::result::Result<String, String>,
    jsonl: bool,
) {
    if !jsonl {
        out.push(Input { id, text });
        return;
    }
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            out.push(Input { id, text: Err(e) });
            return;
        }
    };
    for (n, line) in io::Cursor::new(text).lines().enumerate() {
        let line = line.unwrap_or_default();
        if line.trim().is_empty() {
            continue;
        }
        let rec_id = format!("{id}:{}", n + 1);
        match serde_json::from_str::<serde_json::Value>(&line) {
            Ok(v) => {
                let doc_id = match v.get("id") {
                    Some(serde_json::Value::String(s)) => s.clone(),
                    Some(serde_json::Value::Number(n)) => n.to_string(),
                    _ => rec_id.clone(),
                };
                match v.get("text").and_then(|t| t.as_str()) {
                    Some(t) => out.push(Input {
                        id: doc_id,
                        text: Ok(t.to_string()),
                    }),
                    None => out.push(Input {
                        id: rec_id,
                        text: Err("record has no string field \"text\"".into()),
                    }),
                }
            }
            Err(e) => out.push(Input {
                id: rec_id,
                text: Err(format!("not a JSON record: {e}")),
            }),
        }
    }
}

fn walk(
    dir: &Path,
    ext: &str,
    files: &mut Vec<PathBuf>,
    seen: &mut std::collections::HashSet<PathBuf>,
    errors: &mut Vec<Input>,
) {
    let canon = match dir.canonicalize() {
        Ok(c) => c,
        Err(e) => {
            errors.push(Input {
                id: dir.display().to_string(),
                text: Err(format!("cannot open folder: {e}")),
            });
            return;
        }
    };
    if !seen.insert(canon) {
        return; // a symlink loop, or a folder reached twice
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            errors.push(Input {
                id: dir.display().to_string(),
                text: Err(format!("cannot read folder: {e}")),
            });
            return;
        }
    };
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, ext, files, seen, errors);
        } else if p.extension().is_some_and(|e| e == ext) {
            files.push(p);
        }
    }
}

fn read_file(path: &Path) -> std::result::Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    decode(bytes)
}

fn decode(bytes: Vec<u8>) -> std::result::Result<String, String> {
    if let Some(pos) = memchr::memchr(0, &bytes) {
        return Err(format!("binary content (NUL byte at byte offset {pos})"));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 at byte offset {}",
            e.utf8_error().valid_up_to()
        )
    })
}
