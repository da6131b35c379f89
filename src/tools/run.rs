//! Saved runs: the rows `whosaid extract` wrote, read back for `whosaid eval --pred` and
//! `whosaid diff`. One reader for both commands and both formats, CSV and JSON Lines
//! (`extract --format jsonl`), told apart by the file's first character.

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::Row;
use crate::tools::table::Table;

/// One quote of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunRow {
    /// The document's id, as the run wrote it.
    pub doc: String,
    /// The quote's text.
    pub quote: String,
    /// The speaker, empty if none.
    pub speaker: String,
    /// The quote's character offsets (`quote_start`, `quote_end`), when both are whole numbers.
    pub offsets: Option<(i64, i64)>,
    /// The attribution rule that fired, empty if none.
    pub rule: String,
    /// The stance label.
    pub stance: String,
    /// `Target:stance` pairs.
    pub targets: String,
}

impl RunRow {
    /// The quote's offsets, `(-1, -1)` when unknown.
    pub(crate) fn span(&self) -> (i64, i64) {
        self.offsets.unwrap_or((-1, -1))
    }
}

impl From<&Row> for RunRow {
    fn from(r: &Row) -> RunRow {
        RunRow {
            doc: r.doc.clone(),
            quote: r.quote.clone(),
            speaker: r.speaker.clone(),
            offsets: Some((r.quote_start as i64, r.quote_end as i64)),
            rule: r.rule.clone(),
            stance: r.stance.as_str().to_string(),
            targets: r.targets.clone(),
        }
    }
}

/// The quotes of one run of `whosaid extract`, saved or made now, in the order written: what
/// [`crate::Gold::score`] scores and [`Run::diff`] compares.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    pub(crate) rows: Vec<RunRow>,
}

/// What a command needs of a run: the fields every record must have, and whether the offsets
/// must be whole numbers.
struct Needs {
    fields: &'static [&'static str],
    offsets: bool,
    /// What a run is, for the error messages.
    hint: &'static str,
}

/// What scoring needs: the reference scorer's predictions (offsets are used when they are numbers).
const TO_SCORE: Needs = Needs {
    fields: &["doc", "quote", "speaker"],
    offsets: false,
    hint: "a run has at least the fields doc, quote and speaker (whosaid extract writes them all)",
};

/// What `diff` compares: every field but the stance's targets, with offsets.
const TO_COMPARE: Needs = Needs {
    fields: &[
        "doc",
        "quote_start",
        "quote_end",
        "quote",
        "speaker",
        "rule",
        "stance",
    ],
    offsets: true,
    hint: "diff compares the output of `whosaid extract` (CSV or --format jsonl)",
};

impl Run {
    /// The rows of an extraction, as a run.
    pub fn from_rows<'r>(rows: impl IntoIterator<Item = &'r Row>) -> Run {
        Run {
            rows: rows.into_iter().map(RunRow::from).collect(),
        }
    }

    /// Reads a run to score it (`eval --pred`): CSV or JSON Lines with at least `doc`, `quote` and
    /// `speaker`; `quote_start`, `quote_end`, `rule` and `stance` are used when present, as the
    /// reference scorer does, so that a run of another tool can be scored too.
    pub fn read(path: &Path) -> Result<Run> {
        read(path, &TO_SCORE)
    }

    /// Reads a run to compare it (`diff`): every field `diff` compares must be there, with
    /// whole-number offsets.
    pub fn read_complete(path: &Path) -> Result<Run> {
        read(path, &TO_COMPARE)
    }

    /// The run's quotes, each with its `doc`, `quote`, `speaker`, `offsets` (the character offsets
    /// `quote_start` and `quote_end`, when known), `rule`, `stance` and `targets`.
    pub fn rows(&self) -> &[RunRow] {
        &self.rows
    }
}

fn read(path: &Path, needs: &Needs) -> Result<Run> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path.display().to_string();
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let rows = if body.trim_ascii_start().starts_with(b"{") {
        let text = std::str::from_utf8(&bytes).map_err(|e| Error::Input {
            doc: format!("{name}:line {}", 1 + newlines(&bytes[..e.valid_up_to()])),
            message: "is not valid UTF-8".into(),
        })?;
        read_jsonl(&name, text, needs)?
    } else {
        read_csv(&name, &bytes, needs)?
    };
    Ok(Run { rows })
}

fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

fn read_csv(name: &str, bytes: &[u8], needs: &Needs) -> Result<Vec<RunRow>> {
    let table = Table::read(name, bytes, needs.fields, needs.hint)?;
    let mut rows = Vec::with_capacity(table.records.len());
    for (i, rec) in table.records.iter().enumerate() {
        let field = |c: &str| table.has(c).then(|| table.get(rec, c).to_string());
        rows.push(run_row(field, needs, |m| table.error(i + 2, &m))?);
    }
    Ok(rows)
}

fn read_jsonl(name: &str, text: &str, needs: &Needs) -> Result<Vec<RunRow>> {
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty() {
            continue;
        }
        let err = |message: String| Error::Input {
            doc: format!("{name}:line {}", n + 1),
            message,
        };
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| err(format!("not a JSON record: {e}")))?;
        // a field's text: strings as they are, offsets as their digits
        let field = |k: &str| match v.get(k)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(x) => Some(x.to_string()),
            _ => None,
        };
        rows.push(run_row(field, needs, err)?);
    }
    Ok(rows)
}

/// A record's row; `field` gives the text of a field, `None` when the record has none.
fn run_row(
    field: impl Fn(&str) -> Option<String>,
    needs: &Needs,
    err: impl Fn(String) -> Error,
) -> Result<RunRow> {
    if let Some(missing) = needs.fields.iter().find(|f| field(f).is_none()) {
        return Err(err(format!("has no field {missing:?}: {}", needs.hint)));
    }
    let text = |k: &str| field(k).unwrap_or_default();
    let (start, end) = (text("quote_start"), text("quote_end"));
    let offsets = if needs.offsets {
        let offset = |c: &str, v: &str| {
            v.trim()
                .parse::<usize>()
                .map(|x| x as i64)
                .map_err(|_| err(format!("{c} {v:?} is not a character offset")))
        };
        Some((offset("quote_start", &start)?, offset("quote_end", &end)?))
    } else {
        // as the reference scorer: offsets count only when both are integers
        match (start.trim().parse::<i64>(), end.trim().parse::<i64>()) {
            (Ok(s), Ok(e)) => Some((s, e)),
            _ => None,
        }
    };
    Ok(RunRow {
        doc: text("doc"),
        quote: text("quote"),
        speaker: text("speaker"),
        offsets,
        rule: text("rule"),
        stance: text("stance"),
        targets: text("targets"),
    })
}
