//! What changed between two runs: quotes matched by document and span, then the quotes added and
//! removed and, for the quotes in both, the span, speaker, rule and stance changes.
//!
//! Rows match when their `doc` columns are equal and their spans are equal; the rows left over in
//! a document are then paired when their spans overlap with intersection-over-union >= 0.5 (best
//! overlap first), as a changed span. Whatever is still left is added or removed.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use crate::tools::first_words;
use crate::tools::run::{Run, RunRow};

impl Run {
    /// What changed from this run to `newer`: quotes matched by document and span, then the quotes
    /// added and removed and, for the quotes in both, the span, speaker, rule and stance changes.
    /// The difference `is_empty()` when the runs agree on every quote; `report()` is the summary
    /// line, then a line per change, as `whosaid diff` prints them.
    ///
    /// ```
    /// use whosaid::{Extractor, LangChoice, LexiconSource, Run};
    ///
    /// let ex = Extractor::new(LangChoice::Fixed("it".into()), &LexiconSource::default()).unwrap();
    /// let old = Run::from_rows(&ex.extract("a.txt", "«Basta», ha detto Mario Rossi."));
    /// let new = Run::from_rows(&ex.extract("a.txt", "«Basta», ha detto Giulia Ferri."));
    /// let d = old.diff(&new);
    /// assert!(!d.is_empty());
    /// assert!(d.report().starts_with("0 added, 0 removed, 0 spans changed, 1 speakers changed"));
    /// ```
    pub fn diff(&self, newer: &Run) -> Diff {
        diff(&self.rows, &newer.rows)
    }
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
            let (start, end) = r.span();
            let _ = write!(
                out,
                "{} {}:{start}-{end} «{}»",
                sign(c),
                r.doc,
                first_words(&r.quote)
            );
            let _ = match c {
                Change::Added(r) | Change::Removed(r) => {
                    write!(out, " speaker {}", who(r))
                }
                Change::Span(o, n) => {
                    let ((os, oe), (ns, ne)) = (o.span(), n.span());
                    write!(out, " span: {os}-{oe} -> {ns}-{ne}")
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
    let ((a0, a1), (b0, b1)) = (a.span(), b.span());
    let inter = (a1.min(b1) - a0.max(b0)).max(0);
    let union = a1.max(b1) - a0.min(b0);
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
                .find(|(i, o)| !used_old.contains(i) && o.offsets == n.offsets);
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
            if o.offsets != n.offsets {
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
        doc_changes.sort_by_key(|c| (c.row().span(), c.order()));
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

    fn row(start: i64, end: i64, speaker: &str, stance: &str) -> RunRow {
        RunRow {
            doc: "a.txt".into(),
            offsets: Some((start, end)),
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
