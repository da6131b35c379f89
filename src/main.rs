//! The `whosaid` command line: flags, wiring and exit codes; the work is in the library.

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use whosaid::{Extractor, Format, LangChoice, LexiconSource, RowWriter};

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
    }
}

/// One input document, or the reason it could not be read.
struct Input {
    id: String,
    text: std::result::Result<String, String>,
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot set up worker threads")?;
    }
    let choice = match args.lang.as_str() {
        "auto" => LangChoice::Auto,
        l => LangChoice::Fixed(l.to_string()),
    };
    let source = LexiconSource {
        dir: args.lexicons.clone(),
    };
    let extractor = Extractor::new(choice, &source)?;
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
        collect_inputs(p, &args, &mut inputs);
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

fn collect_inputs(p: &str, args: &ExtractArgs, out: &mut Vec<Input>) {
    if p == "-" {
        let mut buf = Vec::new();
        let text = io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))
            .and_then(|_| decode(buf));
        push_text(out, "-".into(), text, args.jsonl);
        return;
    }
    let path = Path::new(p);
    if path.is_dir() {
        let mut files = Vec::new();
        let mut seen = std::collections::HashSet::new();
        walk(path, &args.ext, &mut files, &mut seen, out);
        for f in files {
            let id = f.display().to_string();
            let text = read_file(&f);
            push_text(out, id, text, args.jsonl);
        }
        return;
    }
    let text = read_file(path);
    push_text(out, p.to_string(), text, args.jsonl);
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
