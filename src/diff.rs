//! What changed between two runs: quotes matched by document and span, then the quotes added and
//! removed and, for the quotes in both, the span, speaker, rule and stance changes.
//!
//! Rows match when their `doc` columns are equal and their spans are equal; the rows left over in
//! a document are then paired when their spans overlap with intersection-over-union >= 0.5 (best
//! overlap first), as a changed span. Whatever is still left is added or removed.
//!
//! ```
//! use whosaid::diff::{diff, RunRow};
//!
//! let old = vec![RunRow { doc: "a.txt".into(), start: 1, end: 17, speaker: "Mario Rossi".into(), ..RunRow::default() }];
//! let mut new = old.clone();
//! new[0].speaker = "Giulia Ferri".into();
//! let d = diff(&old, &new);
//! assert_eq!(d.speaker_changed(), 1);
//! assert!(!d.is_empty());
//! ```

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::eval::{first_words, Table};

/// One quote of a run, as whosaid writes it (CSV or JSON Lines).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunRow {
    /// The document's id.
    pub doc: String,
    /// Character offset of the quote's first character.
    pub start: usize,
    /// Character offset just past the quote's last character.
    pub end: usize,
    /// The quote's text.
    pub quote: String,
    /// The speaker, empty if none.
    pub speaker: String,
    /// The rule that fired, empty if none.
    pub rule: String,
    /// The stance label.
    pub stance: String,
    /// `Target:stance` pairs.
    pub targets: String,
}

const RUN_REQUIRED: &[&str] = &[
    "doc",
    "quote_start",
    "quote_end",
    "quote",
    "speaker",
    "rule",
    "stance",
];
const RUN_HINT: &str = "diff compares the output of `whosaid extract` (CSV or --format jsonl)";

/// Reads a run written by `whosaid extract`: CSV, or JSON Lines when the file starts with `{`.
pub fn read_run(path: &Path) -> Result<Vec<RunRow>> {
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_string(&mut text))
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    let name = path.display().to_string();
    if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        read_jsonl(&name, &text)
    } else {
        read_csv(&name, text.as_bytes())
    }
}

fn read_csv(name: &str, bytes: &[u8]) -> Result<Vec<RunRow>> {
    let table = Table::read(name, bytes, RUN_REQUIRED, RUN_HINT)?;
    let mut rows = Vec::with_capacity(table.records.len());
    for (i, rec) in table.records.iter().enumerate() {
        let row = i + 2;
        let get = |c: &str| table.get(rec, c).to_string();
        let offset = |c: &str| {
            let v = table.get(rec, c).trim();
            v.parse::<usize>()
                .map_err(|_| table.error(row, &format!("{c} {v:?} is not a character offset")))
        };
        rows.push(RunRow {
            doc: get("doc"),
            start: offset("quote_start")?,
            end: offset("quote_end")?,
            quote: get("quote"),
            speaker: get("speaker"),
            rule: get("rule"),
            stance: get("stance"),
            targets: get("targets"),
        });
    }
    Ok(rows)
}

fn read_jsonl(name: &str, text: &str) -> Result<Vec<RunRow>> {
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
        let s = |k: &str| -> Result<String> {
            match v.get(k) {
                Some(serde_json::Value::String(s)) => Ok(s.clone()),
                None if k == "targets" => Ok(String::new()),
                _ => Err(err(format!("no string field {k:?}: {RUN_HINT}"))),
            }
        };
        let u = |k: &str| -> Result<usize> {
            v.get(k)
                .and_then(serde_json::Value::as_u64)
                .map(|x| x as usize)
                .ok_or_else(|| err(format!("no offset field {k:?}: {RUN_HINT}")))
        };
        rows.push(RunRow {
            doc: s("doc")?,
            start: u("quote_start")?,
            end: u("quote_end")?,
            quote: s("quote")?,
            speaker: s("speaker")?,
            rule: s("rule")?,
            stance: s("stance")?,
            targets: s("targets")?,
        });
    }
    Ok(rows)
}

/// One difference between two runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A quote only the new run has.
    Added(RunRow),
    /// A quote only the old run has.
    Removed(RunRow),
    /// The same quote with a different span.
    Span(RunRow, RunRow),
    /// The same quote with a different speaker.
    Speaker(RunRow, RunRow),
    /// The same quote and speaker, by a different rule.
    Rule(RunRow, RunRow),
    /// The same quote with a different stance label or targets.
    Stance(RunRow, RunRow),
}

impl Change {
    /// The row the change is listed under: the new one, or the old one for a removal.
    fn row(&self) -> &RunRow {
        match self {
            Change::Removed(r) | Change::Added(r) => r,
            Change::Span(_, n)
            | Change::Speaker(_, n)
            | Change::Rule(_, n)
            | Change::Stance(_, n) => n,
        }
    }

    fn order(&self) -> u8 {
        match self {
            Change::Removed(_) => 0,
            Change::Added(_) => 1,
            Change::Span(..) => 2,
            Change::Speaker(..) => 3,
            Change::Rule(..) => 4,
            Change::Stance(..) => 5,
        }
    }
}

/// Every difference between two runs, by document and offset.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diff {
    /// Quotes in the old run.
    pub old_quotes: usize,
    /// Quotes in the new run.
    pub new_quotes: usize,
    /// The changes.
    pub changes: Vec<Change>,
}

impl Diff {
    /// True when the runs agree on every quote.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    fn count(&self, f: fn(&Change) -> bool) -> usize {
        self.changes.iter().filter(|c| f(c)).count()
    }

    /// Quotes added.
    pub fn added(&self) -> usize {
        self.count(|c| matches!(c, Change::Added(_)))
    }

    /// Quotes removed.
    pub fn removed(&self) -> usize {
        self.count(|c| matches!(c, Change::Removed(_)))
    }

    /// Quotes whose span changed.
    pub fn span_changed(&self) -> usize {
        self.count(|c| matches!(c, Change::Span(..)))
    }

    /// Quotes whose speaker changed.
    pub fn speaker_changed(&self) -> usize {
        self.count(|c| matches!(c, Change::Speaker(..)))
    }

    /// Quotes with the same speaker by another rule.
    pub fn rule_changed(&self) -> usize {
        self.count(|c| matches!(c, Change::Rule(..)))
    }

    /// Quotes whose stance label or targets changed.
    pub fn stance_changed(&self) -> usize {
        self.count(|c| matches!(c, Change::Stance(..)))
    }

    /// The summary line.
    pub fn summary(&self) -> String {
        format!(
            "{} added, {} removed, {} spans changed, {} speakers changed, {} rules changed, {} stances changed ({} quotes before, {} after)",
            self.added(),
            self.removed(),
            self.span_changed(),
            self.speaker_changed(),
            self.rule_changed(),
            self.stance_changed(),
            self.old_quotes,
            self.new_quotes
        )
    }

    /// The summary line, then one line per change.
    pub fn report(&self) -> String {
        let mut out = self.summary();
        out.push('\n');
        for c in &self.changes {
            let r = c.row();
            let _ = write!(
                out,
                "{} {}:{}-{} «{}»",
                sign(c),
                r.doc,
                r.start,
                r.end,
                first_words(&r.quote)
            );
            let _ = match c {
                Change::Added(r) | Change::Removed(r) => {
                    write!(out, " speaker {}", who(r))
                }
                Change::Span(o, n) => {
                    write!(out, " span: {}-{} -> {}-{}", o.start, o.end, n.start, n.end)
                }
                Change::Speaker(o, n) => write!(out, " speaker: {} -> {}", who(o), who(n)),
                Change::Rule(o, n) => write!(
                    out,
                    " rule: {} -> {} (speaker {:?})",
                    rule(&o.rule),
                    rule(&n.rule),
                    n.speaker
                ),
                Change::Stance(o, n) => write!(out, " stance: {} -> {}", stance(o), stance(n)),
            };
            out.push('\n');
        }
        out
    }
}

fn sign(c: &Change) -> &'static str {
    match c {
        Change::Added(_) => "+",
        Change::Removed(_) => "-",
        Change::Span(..) => "~ span   ",
        Change::Speaker(..) => "~ speaker",
        Change::Rule(..) => "~ rule   ",
        Change::Stance(..) => "~ stance ",
    }
}

fn who(r: &RunRow) -> String {
    if r.speaker.is_empty() {
        "(none)".into()
    } else if r.rule.is_empty() {
        format!("{:?}", r.speaker)
    } else {
        format!("{:?} ({})", r.speaker, r.rule)
    }
}

fn rule(r: &str) -> &str {
    if r.is_empty() {
        "(none)"
    } else {
        r
    }
}

fn stance(r: &RunRow) -> String {
    if r.targets.is_empty() {
        r.stance.clone()
    } else {
        format!("{} [{}]", r.stance, r.targets)
    }
}

fn iou(a: &RunRow, b: &RunRow) -> f64 {
    let inter = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let union = a.end.max(b.end) - a.start.min(b.start);
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Compares two runs.
pub fn diff(old: &[RunRow], new: &[RunRow]) -> Diff {
    let mut docs: BTreeMap<&str, (Vec<&RunRow>, Vec<&RunRow>)> = BTreeMap::new();
    for r in old {
        docs.entry(&r.doc).or_default().0.push(r);
    }
    for r in new {
        docs.entry(&r.doc).or_default().1.push(r);
    }
    let mut changes = Vec::new();
    for (olds, news) in docs.values() {
        let mut doc_changes = Vec::new();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let (mut used_old, mut used_new) = (HashSet::new(), HashSet::new());
        for (j, n) in news.iter().enumerate() {
            let same = olds
                .iter()
                .enumerate()
                .find(|(i, o)| !used_old.contains(i) && o.start == n.start && o.end == n.end);
            if let Some((i, _)) = same {
                used_old.insert(i);
                used_new.insert(j);
                pairs.push((i, j));
            }
        }
        let mut near: Vec<(f64, usize, usize)> = Vec::new();
        for (i, o) in olds
            .iter()
            .enumerate()
            .filter(|(i, _)| !used_old.contains(i))
        {
            for (j, n) in news
                .iter()
                .enumerate()
                .filter(|(j, _)| !used_new.contains(j))
            {
                let x = iou(o, n);
                if x >= 0.5 {
                    near.push((x, i, j));
                }
            }
        }
        near.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (_, i, j) in near {
            if used_old.contains(&i) || used_new.contains(&j) {
                continue;
            }
            used_old.insert(i);
            used_new.insert(j);
            pairs.push((i, j));
        }
        for (i, o) in olds.iter().enumerate() {
            if !used_old.contains(&i) {
                doc_changes.push(Change::Removed((*o).clone()));
            }
        }
        for (j, n) in news.iter().enumerate() {
            if !used_new.contains(&j) {
                doc_changes.push(Change::Added((*n).clone()));
            }
        }
        for (i, j) in pairs {
            let (o, n) = (olds[i], news[j]);
            if (o.start, o.end) != (n.start, n.end) {
                doc_changes.push(Change::Span(o.clone(), n.clone()));
            }
            if o.speaker != n.speaker {
                doc_changes.push(Change::Speaker(o.clone(), n.clone()));
            } else if o.rule != n.rule {
                doc_changes.push(Change::Rule(o.clone(), n.clone()));
            }
            if o.stance != n.stance || o.targets != n.targets {
                doc_changes.push(Change::Stance(o.clone(), n.clone()));
            }
        }
        doc_changes.sort_by_key(|c| (c.row().start, c.row().end, c.order()));
        changes.extend(doc_changes);
    }
    Diff {
        old_quotes: old.len(),
        new_quotes: new.len(),
        changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(start: usize, end: usize, speaker: &str, stance: &str) -> RunRow {
        RunRow {
            doc: "a.txt".into(),
            start,
            end,
            quote: "parole".into(),
            speaker: speaker.into(),
            rule: "after_cue".into(),
            stance: stance.into(),
            targets: String::new(),
        }
    }

    #[test]
    fn identical_runs_have_no_changes() {
        let a = vec![row(1, 10, "A", "neutral"), row(20, 30, "", "oppose")];
        let d = diff(&a, &a);
        assert!(d.is_empty());
        assert!(d.summary().starts_with("0 added, 0 removed"));
    }

    #[test]
    fn changes_are_classified() {
        let old = vec![
            row(1, 10, "A", "neutral"),
            row(20, 30, "B", "oppose"),
            row(40, 50, "", "neutral"),
        ];
        let new = vec![
            row(1, 11, "A", "neutral"),
            row(20, 30, "C", "support"),
            row(60, 70, "", "neutral"),
        ];
        let d = diff(&old, &new);
        assert_eq!(
            (
                d.added(),
                d.removed(),
                d.span_changed(),
                d.speaker_changed(),
                d.stance_changed()
            ),
            (1, 1, 1, 1, 1)
        );
        let r = d.report();
        assert!(
            r.contains(
                "~ speaker a.txt:20-30 «parole» speaker: \"B\" (after_cue) -> \"C\" (after_cue)"
            ),
            "{r}"
        );
    }
}
