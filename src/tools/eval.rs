//! Scoring a run against a gold file: the figures, the matching and the name normalisation of the
//! team's reference scorer (`shared/tools/score.py`), so that `whosaid eval --json` and
//! `score.py --json` print the same object on the same input; plus a readable per-document table
//! and the list of errors a rule author works from.
//!
//! The gold file is CSV with the columns `doc,quote,speaker,aliases,kind` and optionally
//! `cue,stance,targets` and `start,end` (character offsets of the quote). Documents are matched by
//! file name, without folders and without `.txt` ([`doc_key`]). A predicted quote matches a gold
//! quote of the same document when their character spans overlap with intersection-over-union
//! >= 0.5, greedily, best overlap first.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::tools::first_words;
use crate::tools::run::{Run, RunRow};
use crate::tools::table::Table;

/// A character span `(start, end)`; `(-1, -1)` for a prediction that could not be located.
pub type Span = (i64, i64);

/// The columns a gold file must have.
pub const GOLD_REQUIRED: &[&str] = &["doc", "quote", "speaker", "aliases", "kind"];

/// What a gold quote is, which decides how it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A quotation (also written as an empty kind).
    Direct,
    /// A scare-quoted word or a title of a work.
    Scare,
    /// A quote in a headline or subheading.
    Title,
    /// A quotation whose marks were lost: counts only toward unmarked recall.
    Unmarked,
    /// A span that counts neither way.
    Ignore,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "" | "direct" => Kind::Direct,
            "scare" => Kind::Scare,
            "title" => Kind::Title,
            "unmarked" => Kind::Unmarked,
            "ignore" => Kind::Ignore,
            _ => return None,
        })
    }

    /// Marked kinds count for detection and attribution.
    pub fn is_marked(self) -> bool {
        matches!(self, Kind::Direct | Kind::Scare | Kind::Title)
    }

    /// The kind as written in a gold file.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Scare => "scare",
            Kind::Title => "title",
            Kind::Unmarked => "unmarked",
            Kind::Ignore => "ignore",
        }
    }
}

/// One row of a gold file.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldRow {
    /// Where the row is, for messages: `gold.csv:row N` (the header is row 1).
    pub place: String,
    /// The `doc` column as written.
    pub doc: String,
    /// The exact text between the marks.
    pub quote: String,
    /// The speaker's name, empty if none.
    pub speaker: String,
    /// Other names of the speaker, `|`-separated.
    pub aliases: String,
    /// The kind.
    pub kind: Kind,
    /// The stance label, empty if not annotated.
    pub stance: String,
    /// Character offsets from the `start,end` columns, when given.
    pub offsets: Option<Span>,
}

/// A gold file: the quotes of some documents, each with its speaker. It is CSV with the columns
/// `doc,quote,speaker,aliases,kind` and optionally `cue,stance,targets` and `start,end`
/// (character offsets of the quote); the README's "whosaid eval" section says what each holds.
/// [`Gold::score`] scores a [`Run`] against it as `whosaid eval` does.
///
/// ```
/// use whosaid::{Extractor, Gold, LangChoice, LexiconSource, Run};
///
/// let text = "«Non ci fermeremo», ha detto Mario Rossi.";
/// let gold = Gold::from_reader(
///     "gold.csv",
///     "doc,quote,speaker,aliases,kind\na.txt,Non ci fermeremo,Mario Rossi,Rossi,direct\n".as_bytes(),
/// )
/// .unwrap();
/// let ex = Extractor::new(LangChoice::Fixed("it".into()), &LexiconSource::default()).unwrap();
/// let run = Run::from_rows(&ex.extract("a.txt", text));
/// let ev = gold.score(&[("docs/a.txt".into(), text.into())], &run).unwrap();
/// assert_eq!(ev.overall.detection_f1, 1.0);
/// assert_eq!(ev.overall.attribution_accuracy, Some(1.0));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Gold {
    /// The file's name, as used in messages.
    pub(crate) name: String,
    /// Its rows, in file order.
    pub(crate) rows: Vec<GoldRow>,
}

impl Gold {
    /// Scores a run against this gold file, as the reference scorer does (see the module
    /// documentation of `eval` in the source for the matching). `docs` are `(id, text)` pairs;
    /// ids, the gold's `doc` column and the run's are matched by file name, without folders and
    /// without `.txt`. A gold row whose document is not among `docs`, or whose quote is not in
    /// its document, is an error that names the row.
    ///
    /// The evaluation has the `overall` figures (with the reference scorer's names;
    /// `overall.to_json()` prints them as `score.py --json` does), the figures `per_doc`, the
    /// `errors` (misses, false positives, span differences, wrong speakers), and prints them with
    /// `table()` and `errors_text()`.
    pub fn score(&self, docs: &[(String, String)], run: &Run) -> Result<Evaluation> {
        evaluate(docs, self, &run.rows)
    }

    /// Reads a gold file from disk.
    pub fn read(path: &Path) -> Result<Gold> {
        let file = std::fs::File::open(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Gold::from_reader(&path.display().to_string(), file)
    }

    /// Reads a gold file; `name` is used in error messages.
    pub fn from_reader(name: &str, reader: impl Read) -> Result<Gold> {
        let table = Table::read(name, reader, GOLD_REQUIRED, GOLD_HINT)?;
        let (has_start, has_end) = (table.has("start"), table.has("end"));
        if has_start != has_end {
            return Err(table.error(
                1,
                "has a start column without an end column, or the reverse: give both or neither",
            ));
        }
        let mut rows = Vec::with_capacity(table.records.len());
        for (i, rec) in table.records.iter().enumerate() {
            let row = i + 2;
            let get = |col: &str| table.get(rec, col).to_string();
            let doc = get("doc");
            if doc.trim().is_empty() {
                return Err(table.error(
                    row,
                    "the doc column is empty: give the document's file name",
                ));
            }
            let kind_text = get("kind");
            let kind = Kind::parse(&kind_text).ok_or_else(|| {
                table.error(
                    row,
                    &format!(
                        "kind {kind_text:?} is not one of direct, scare, title, unmarked, ignore (or empty for direct)"
                    ),
                )
            })?;
            let offsets = if has_start {
                let (s, e) = (table.get(rec, "start").trim(), table.get(rec, "end").trim());
                match (s.is_empty(), e.is_empty()) {
                    (true, true) => None,
                    (false, false) => {
                        let parse = |v: &str, col: &str| {
                            v.parse::<i64>().map_err(|_| {
                                table.error(row, &format!("{col} {v:?} is not a character offset"))
                            })
                        };
                        Some((parse(s, "start")?, parse(e, "end")?))
                    }
                    _ => return Err(table.error(row, "gives start without end, or the reverse")),
                }
            } else {
                None
            };
            rows.push(GoldRow {
                place: format!("{name}:row {row}"),
                doc,
                quote: get("quote"),
                speaker: get("speaker"),
                aliases: get("aliases"),
                kind,
                stance: get("stance"),
                offsets,
            });
        }
        Ok(Gold {
            name: name.to_string(),
            rows,
        })
    }
}

const GOLD_HINT: &str =
    "a gold file's header is doc,quote,speaker,aliases,kind[,cue,stance,targets][,start,end]";

/// A document's key: its file name without folders and without a `.txt` ending.
pub fn doc_key(name: &str) -> &str {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.strip_suffix(".txt").unwrap_or(base)
}

/// Python's `str.isspace`: Unicode white space plus the separators U+001C..U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

static NON_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^\p{L}\p{N}_' ]+").expect("valid regex"));
static LEADING_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:il|lo|la|i|gli|le|the|les|el|los|las|der|die|das) |(?:l|d)')")
        .expect("valid regex")
});

/// A name normalised for comparison: accents dropped, lower case, punctuation to spaces, a leading
/// article dropped ("L'Esercito" and "esercito" compare equal).
pub fn norm_name(s: &str) -> String {
    let s: String = s
        .nfkd()
        .filter(|&c| canonical_combining_class(c) == 0)
        .collect();
    let s = s.to_lowercase().replace('-', " ").replace('’', "'");
    // Python's \w is letters, numbers and the underscore
    let s = NON_WORD.replace_all(&s, " ");
    let s = s
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    LEADING_ARTICLE.replace(&s, "").into_owned()
}

/// True when a predicted speaker names the gold speaker: the name, an alias, or a longer
/// description that contains the full name ("il ministro Sergei Lavrov").
pub fn speaker_ok(pred: &str, speaker: &str, aliases: &str) -> bool {
    let p = norm_name(pred);
    if p.is_empty() {
        return false;
    }
    let full = norm_name(speaker);
    let mut names = vec![full.clone()];
    names.extend(
        aliases
            .split('|')
            .filter(|a| !a.trim_matches(is_py_space).is_empty())
            .map(norm_name),
    );
    if names.iter().any(|n| !n.is_empty() && *n == p) {
        return true;
    }
    !full.is_empty() && format!(" {p} ").contains(&format!(" {full} "))
}

/// A document's text with its characters indexed, for character offsets.
struct Text<'a> {
    s: &'a str,
    /// Byte offset of each character, then the text's length.
    bytes: Vec<usize>,
}

impl<'a> Text<'a> {
    fn new(s: &'a str) -> Text<'a> {
        let mut bytes: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
        bytes.push(s.len());
        Text { s, bytes }
    }

    fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    fn char_at(&self, i: usize) -> char {
        self.s[self.bytes[i]..].chars().next().unwrap_or(' ')
    }

    fn char_of_byte(&self, b: usize) -> usize {
        self.bytes.partition_point(|&x| x < b)
    }

    fn slice(&self, (s, e): Span) -> &'a str {
        &self.s[self.bytes[s as usize]..self.bytes[e as usize]]
    }

    fn valid(&self, (s, e): Span) -> bool {
        0 <= s && s <= e && e as usize <= self.len()
    }
}

const OPENERS: &str = "«“„‘‹\"'‚—–-:";
const CLOSERS: &str = "»”“’›\"'‘";

/// True when the span sits between quote marks (white space just inside them allowed).
fn at_marks(t: &Text, (i, j): Span) -> bool {
    let mut a = i - 1;
    while a >= 0 && is_py_space(t.char_at(a as usize)) {
        a -= 1;
    }
    let mut b = j as usize;
    while b < t.len() && is_py_space(t.char_at(b)) {
        b += 1;
    }
    (a < 0 || OPENERS.contains(t.char_at(a as usize)))
        && (b >= t.len() || CLOSERS.contains(t.char_at(b)))
}

/// The occurrence of `quote` not already taken, preferring one that stands between quote marks (so
/// that a short quote is not found inside a longer one); tolerant of white space.
fn find_span(t: &Text, quote: &str, taken: &HashSet<Span>) -> Option<Span> {
    if quote.is_empty() {
        return None;
    }
    let n = quote.chars().count() as i64;
    let mut cands = Vec::new();
    let mut from = 0;
    while let Some(i) = t.s[from..].find(quote) {
        let b = from + i;
        let c = t.char_of_byte(b) as i64;
        cands.push((c, c + n));
        from = b + t.s[b..].chars().next().map_or(1, char::len_utf8);
    }
    if cands.is_empty() {
        let words: Vec<String> = quote
            .split(is_py_space)
            .filter(|w| !w.is_empty())
            .map(regex::escape)
            .collect();
        if !words.is_empty() {
            if let Ok(re) = Regex::new(&words.join(r"[\s\x1c-\x1f]+")) {
                cands = re
                    .find_iter(t.s)
                    .map(|m| {
                        (
                            t.char_of_byte(m.start()) as i64,
                            t.char_of_byte(m.end()) as i64,
                        )
                    })
                    .collect();
            }
        }
    }
    let free: Vec<Span> = cands.into_iter().filter(|c| !taken.contains(c)).collect();
    free.iter()
        .copied()
        .find(|&c| at_marks(t, c))
        .or_else(|| free.first().copied())
}

fn iou(a: Span, b: Span) -> f64 {
    let inter = (a.1.min(b.1) - a.0.max(b.0)).max(0);
    let union = a.1.max(b.1) - a.0.min(b.0);
    if union != 0 {
        inter as f64 / union as f64
    } else {
        0.0
    }
}

/// Greedy matching, best overlap first, ties broken as Python's `sorted(reverse=True)` over
/// `(iou, pred index, gold index)`: returns gold index -> pred index.
fn match_spans(preds: &[Span], golds: &[Span]) -> HashMap<usize, usize> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, &p) in preds.iter().enumerate() {
        for (j, &g) in golds.iter().enumerate() {
            let o = iou(p, g);
            if o >= 0.5 {
                pairs.push((o, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
    let (mut pm, mut gm) = (HashSet::new(), HashMap::new());
    for (_, i, j) in pairs {
        if pm.contains(&i) || gm.contains_key(&j) {
            continue;
        }
        pm.insert(i);
        gm.insert(j, i);
    }
    gm
}

/// Python's `round(x, 4)`: Rust's formatting rounds the exact binary value half to even, as
/// Python does, and parsing back gives the same double.
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r != 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// The tallies behind the figures, for one document or summed.
#[derive(Debug, Clone, Default)]
struct Counts {
    gold_marked: usize,
    gold_unmarked: usize,
    gold_with_speaker: usize,
    predicted: usize,
    hit_marked: usize,
    hit_unmarked: usize,
    exact: usize,
    speaker_correct: usize,
    pred_speaker_on_gold_speaker: usize,
    pred_speaker_correct: usize,
    false_speaker: usize,
    false_positive: usize,
    pred_unlocatable: usize,
    /// (gold, predicted) stance labels of matched gold quotes that carry one.
    stance_pairs: Vec<(String, String)>,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold_marked += o.gold_marked;
        self.gold_unmarked += o.gold_unmarked;
        self.gold_with_speaker += o.gold_with_speaker;
        self.predicted += o.predicted;
        self.hit_marked += o.hit_marked;
        self.hit_unmarked += o.hit_unmarked;
        self.exact += o.exact;
        self.speaker_correct += o.speaker_correct;
        self.pred_speaker_on_gold_speaker += o.pred_speaker_on_gold_speaker;
        self.pred_speaker_correct += o.pred_speaker_correct;
        self.false_speaker += o.false_speaker;
        self.false_positive += o.false_positive;
        self.pred_unlocatable += o.pred_unlocatable;
        self.stance_pairs.extend(o.stance_pairs.iter().cloned());
    }

    fn scores(&self, docs: usize, unknown_docs: Vec<String>) -> Scores {
        let ratio = |a: usize, b: usize| {
            if b > 0 {
                Some(round4(a as f64 / b as f64))
            } else {
                None
            }
        };
        let n_pred_marked = self.hit_marked + self.false_positive;
        let det_p = if n_pred_marked > 0 {
            self.hit_marked as f64 / n_pred_marked as f64
        } else {
            0.0
        };
        let det_r = if self.gold_marked > 0 {
            self.hit_marked as f64 / self.gold_marked as f64
        } else {
            0.0
        };
        let mut s = Scores {
            docs,
            gold_marked: self.gold_marked,
            gold_unmarked: self.gold_unmarked,
            gold_with_speaker: self.gold_with_speaker,
            predicted: self.predicted,
            detection_precision: round4(det_p),
            detection_recall: round4(det_r),
            detection_f1: round4(f1(det_p, det_r)),
            exact_span_share: ratio(self.exact, self.hit_marked).unwrap_or(0.0),
            unmarked_recall: ratio(self.hit_unmarked, self.gold_unmarked),
            attribution_accuracy: ratio(self.speaker_correct, self.gold_with_speaker),
            attribution_precision: ratio(
                self.pred_speaker_correct,
                self.pred_speaker_on_gold_speaker,
            ),
            false_speakers: self.false_speaker,
            unlocatable_predictions: self.pred_unlocatable,
            unknown_docs,
            stance_n: None,
            stance_accuracy: None,
            stance_macro_f1: None,
        };
        let pairs = &self.stance_pairs;
        if !pairs.is_empty() {
            let labels: BTreeSet<&str> = pairs.iter().map(|(g, _)| g.as_str()).collect();
            let hits = pairs.iter().filter(|(g, p)| g == p).count();
            let mut sum = 0.0;
            for lab in &labels {
                let count =
                    |f: &dyn Fn(&str, &str) -> bool| pairs.iter().filter(|(g, p)| f(g, p)).count();
                let tp = count(&|g, p| g == *lab && p == *lab);
                let fp = count(&|g, p| g != *lab && p == *lab);
                let fn_ = count(&|g, p| g == *lab && p != *lab);
                let pp = if tp + fp > 0 {
                    tp as f64 / (tp + fp) as f64
                } else {
                    0.0
                };
                let rr = if tp + fn_ > 0 {
                    tp as f64 / (tp + fn_) as f64
                } else {
                    0.0
                };
                sum += f1(pp, rr);
            }
            s.stance_n = Some(pairs.len());
            s.stance_accuracy = Some(round4(hits as f64 / pairs.len() as f64));
            s.stance_macro_f1 = Some(round4(sum / labels.len() as f64));
        }
        s
    }
}

/// The figures, with the reference scorer's names; `None` where it prints `null` (or, for the
/// stance figures, leaves the key out).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// Documents scored.
    pub docs: usize,
    /// Gold quotes of a marked kind (direct, scare, title).
    pub gold_marked: usize,
    /// Gold quotes of kind unmarked.
    pub gold_unmarked: usize,
    /// Marked gold quotes with a speaker.
    pub gold_with_speaker: usize,
    /// Predicted quotes.
    pub predicted: usize,
    /// Matched marked gold quotes over predictions that are not unmarked or ignored matches.
    pub detection_precision: f64,
    /// Matched marked gold quotes over marked gold quotes.
    pub detection_recall: f64,
    /// Their harmonic mean.
    pub detection_f1: f64,
    /// Share of matched marked quotes whose span is identical.
    pub exact_span_share: f64,
    /// Matched unmarked gold quotes over unmarked gold quotes.
    pub unmarked_recall: Option<f64>,
    /// Right speakers over marked gold quotes with a speaker (a miss counts as wrong).
    pub attribution_accuracy: Option<f64>,
    /// Right speakers over matched predictions that name one, where the gold has one.
    pub attribution_precision: Option<f64>,
    /// Speakers named for marked gold quotes that have none.
    pub false_speakers: usize,
    /// Predictions whose text is not in their document.
    pub unlocatable_predictions: usize,
    /// Documents of predictions that are not among the documents scored.
    pub unknown_docs: Vec<String>,
    /// Matched gold quotes with a stance label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance_n: Option<usize>,
    /// Right stance labels over those.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance_accuracy: Option<f64>,
    /// Macro-F1 over the gold stance labels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance_macro_f1: Option<f64>,
}

impl Scores {
    /// One JSON object, as `score.py --json` prints it (`", "` and `": "` separators).
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, PyFormatter);
        self.serialize(&mut ser).expect("scores serialize");
        String::from_utf8(out).expect("JSON is UTF-8")
    }
}

/// serde_json's compact output with Python's `json.dumps` separators.
struct PyFormatter;

/// `", "` before every item of an array or object but the first.
fn py_separator<W: ?Sized + std::io::Write>(w: &mut W, first: bool) -> std::io::Result<()> {
    if first {
        Ok(())
    } else {
        w.write_all(b", ")
    }
}

impl serde_json::ser::Formatter for PyFormatter {
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        py_separator(w, first)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        py_separator(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
}

/// What went wrong with one quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ErrorKind {
    /// A marked gold quote that no prediction matches.
    Missed,
    /// An unmarked gold quote that no prediction matches.
    MissedUnmarked,
    /// A prediction that matches no gold quote.
    FalsePositive,
    /// A matched marked quote whose span differs from the gold one.
    Span,
    /// A matched quote with a speaker that is not the gold one, or none.
    WrongSpeaker,
    /// A speaker named for a marked gold quote that has none.
    FalseSpeaker,
}

impl ErrorKind {
    /// The label printed in the list.
    pub fn label(self) -> &'static str {
        match self {
            ErrorKind::Missed => "missed",
            ErrorKind::MissedUnmarked => "missed unmarked",
            ErrorKind::FalsePositive => "false positive",
            ErrorKind::Span => "span",
            ErrorKind::WrongSpeaker => "wrong speaker",
            ErrorKind::FalseSpeaker => "false speaker",
        }
    }
}

/// One entry of the error list.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalError {
    /// The document's key.
    pub doc: String,
    /// The gold span (the predicted one for a false positive); `(-1, -1)` if unknown.
    pub span: Span,
    /// What went wrong.
    pub kind: ErrorKind,
    /// The quote's text (gold, or predicted for a false positive).
    pub quote: String,
    /// What the gold says (a speaker, a span, or the kind).
    pub expected: String,
    /// What the run gave.
    pub got: String,
    /// The rule that fired, empty if none.
    pub rule: String,
}

/// The outcome of scoring a run: the overall figures, each document's, and the error list.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Over every document; equal to the reference scorer's output.
    pub overall: Scores,
    /// Per document key, in the order the documents were given.
    pub per_doc: Vec<(String, Scores)>,
    /// Misses, false positives, span differences and wrong speakers, by document and offset.
    pub errors: Vec<EvalError>,
}

/// Scores predictions against a gold file. `docs` are `(id, text)` pairs; ids and the gold's and
/// predictions' `doc` columns are matched by [`doc_key`]. A gold row whose document is not among
/// `docs`, or whose quote is not in its document, is an error that names the gold row.
pub fn evaluate(docs: &[(String, String)], gold: &Gold, preds: &[RunRow]) -> Result<Evaluation> {
    let mut keys: HashMap<&str, &str> = HashMap::new();
    for (id, _) in docs {
        if let Some(other) = keys.insert(doc_key(id), id) {
            return Err(Error::Input {
                doc: id.clone(),
                message: format!(
                    "has the same name as {other}: eval matches documents by file name, so give documents with distinct names"
                ),
            });
        }
    }
    let mut gold_by: HashMap<&str, Vec<&GoldRow>> = HashMap::new();
    for g in &gold.rows {
        let k = doc_key(&g.doc);
        if !keys.contains_key(k) {
            return Err(Error::Input {
                doc: g.place.clone(),
                message: format!(
                    "document {:?} is not among the documents given: pass its file (or its folder) on the command line",
                    g.doc
                ),
            });
        }
        gold_by.entry(k).or_default().push(g);
    }
    let mut pred_by: HashMap<&str, Vec<&RunRow>> = HashMap::new();
    for p in preds {
        pred_by.entry(doc_key(&p.doc)).or_default().push(p);
    }
    let unknown_docs: Vec<String> = pred_by
        .keys()
        .filter(|k| !keys.contains_key(*k))
        .map(|k| k.to_string())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();

    let mut total = Counts::default();
    let mut per_doc = Vec::with_capacity(docs.len());
    let mut errors = Vec::new();
    for (id, text) in docs {
        let key = doc_key(id);
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let golds = gold_by.get(key).map(Vec::as_slice).unwrap_or(&[]);
        let preds = pred_by.get(key).map(Vec::as_slice).unwrap_or(&[]);
        let c = score_doc(key, &Text::new(text), golds, preds, &mut errors)?;
        per_doc.push((key.to_string(), c.scores(1, Vec::new())));
        total.add(&c);
    }
    total.predicted = preds.len();
    Ok(Evaluation {
        overall: total.scores(docs.len(), unknown_docs),
        per_doc,
        errors,
    })
}

fn score_doc(
    key: &str,
    t: &Text,
    golds: &[&GoldRow],
    preds: &[&RunRow],
    errors: &mut Vec<EvalError>,
) -> Result<Counts> {
    let mut taken = HashSet::new();
    let mut gspans = Vec::with_capacity(golds.len());
    for g in golds {
        let sp = gold_span(key, t, g, &taken)?;
        taken.insert(sp);
        gspans.push(sp);
    }
    let mut c = Counts {
        predicted: preds.len(),
        ..Counts::default()
    };
    let mut ptaken = HashSet::new();
    let mut pspans = Vec::with_capacity(preds.len());
    for p in preds {
        let sp = p
            .offsets
            .filter(|&sp| t.valid(sp))
            .or_else(|| find_span(t, &p.quote, &ptaken))
            .unwrap_or_else(|| {
                c.pred_unlocatable += 1;
                (-1, -1)
            });
        ptaken.insert(sp);
        pspans.push(sp);
    }
    let gm = match_spans(&pspans, &gspans);
    let matched: HashSet<usize> = gm.values().copied().collect();
    let mut errs = DocErrors {
        key,
        list: Vec::new(),
    };
    for (j, (&gs, g)) in gspans.iter().zip(golds).enumerate() {
        if g.kind != Kind::Ignore {
            let pred = gm.get(&j).map(|&i| (pspans[i], preds[i]));
            score_gold(&mut c, &mut errs, gs, g, pred);
        }
    }
    for (i, (&ps, p)) in pspans.iter().zip(preds).enumerate() {
        if !matched.contains(&i) {
            c.false_positive += 1;
            errs.push(
                ps,
                ErrorKind::FalsePositive,
                &p.quote,
                String::new(),
                p.speaker.clone(),
                &p.rule,
            );
        }
    }
    errs.list.sort_by_key(|e| (e.span, e.kind));
    errors.extend(errs.list);
    Ok(c)
}

/// Where a gold quote is: its offsets, which must hold its text, or else the first occurrence of
/// its text that no earlier row has `taken`.
fn gold_span(key: &str, t: &Text, g: &GoldRow, taken: &HashSet<Span>) -> Result<Span> {
    let err = |message: String| Error::Input {
        doc: g.place.clone(),
        message,
    };
    let Some(sp) = g.offsets else {
        return find_span(t, &g.quote, taken).ok_or_else(|| {
            err(if g.quote.trim().is_empty() {
                "the quote column is empty: give the exact text between the marks".to_string()
            } else {
                format!(
                    "quote «{}» is not in document {key}{}: copy the exact text between the marks",
                    first_words(&g.quote),
                    if t.s.contains(g.quote.as_str()) {
                        " (every occurrence is taken by an earlier row)"
                    } else {
                        ""
                    }
                )
            })
        });
    };
    if !t.valid(sp) {
        return Err(err(format!(
            "offsets {}-{} are outside document {key} ({} characters)",
            sp.0,
            sp.1,
            t.len()
        )));
    }
    if !g.quote.is_empty() && t.slice(sp) != g.quote {
        return Err(err(format!(
            "offsets {}-{} of document {key} hold «{}», not the quote «{}»",
            sp.0,
            sp.1,
            first_words(t.slice(sp)),
            first_words(&g.quote)
        )));
    }
    Ok(sp)
}

/// The errors of one document, as they are found.
struct DocErrors<'k> {
    key: &'k str,
    list: Vec<EvalError>,
}

impl DocErrors<'_> {
    fn push(
        &mut self,
        span: Span,
        kind: ErrorKind,
        quote: &str,
        expected: String,
        got: String,
        rule: &str,
    ) {
        self.list.push(EvalError {
            doc: self.key.to_string(),
            span,
            kind,
            quote: quote.to_string(),
            expected,
            got,
            rule: rule.to_string(),
        });
    }
}

/// Counts a gold quote (not `ignore`) at `gs` and the prediction matched to it, if any: detection,
/// the span, the speaker, the stance.
fn score_gold(
    c: &mut Counts,
    errs: &mut DocErrors,
    gs: Span,
    g: &GoldRow,
    pred: Option<(Span, &RunRow)>,
) {
    let marked = g.kind.is_marked();
    let has_speaker = !g.speaker.trim_matches(is_py_space).is_empty() && marked;
    if marked {
        c.gold_marked += 1;
    } else {
        c.gold_unmarked += 1;
    }
    if has_speaker {
        c.gold_with_speaker += 1;
    }
    let Some((ps, p)) = pred else {
        let kind = if marked {
            ErrorKind::Missed
        } else {
            ErrorKind::MissedUnmarked
        };
        let expected = speaker_or_kind(&g.speaker, g.kind);
        errs.push(gs, kind, &g.quote, expected, String::new(), "");
        return;
    };
    if marked {
        c.hit_marked += 1;
        if ps == gs {
            c.exact += 1;
        } else {
            let (expected, got) = (span_text(gs), span_text(ps));
            errs.push(gs, ErrorKind::Span, &g.quote, expected, got, "");
        }
    } else {
        c.hit_unmarked += 1;
    }
    let pspk = p.speaker.trim_matches(is_py_space);
    if has_speaker {
        let ok = speaker_ok(pspk, &g.speaker, &g.aliases);
        c.speaker_correct += ok as usize;
        if !pspk.is_empty() {
            c.pred_speaker_on_gold_speaker += 1;
            c.pred_speaker_correct += ok as usize;
        }
        if !ok {
            let (expected, got) = (g.speaker.clone(), pspk.to_string());
            errs.push(
                gs,
                ErrorKind::WrongSpeaker,
                &g.quote,
                expected,
                got,
                &p.rule,
            );
        }
    } else if !pspk.is_empty() && marked {
        c.false_speaker += 1;
        let got = pspk.to_string();
        errs.push(
            gs,
            ErrorKind::FalseSpeaker,
            &g.quote,
            String::new(),
            got,
            &p.rule,
        );
    }
    let gst = g.stance.trim_matches(is_py_space);
    if !gst.is_empty() {
        c.stance_pairs.push((
            gst.to_string(),
            p.stance.trim_matches(is_py_space).to_lowercase(),
        ));
    }
}

fn speaker_or_kind(speaker: &str, kind: Kind) -> String {
    if speaker.trim().is_empty() {
        format!("({})", kind.as_str())
    } else {
        speaker.to_string()
    }
}

fn span_text((s, e): Span) -> String {
    if s < 0 {
        "?".into()
    } else {
        format!("{s}-{e}")
    }
}

fn fmt_opt(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.4}"))
}

impl Evaluation {
    /// The figures as a table: one line per document, then the overall line.
    pub fn table(&self) -> String {
        let width = self
            .per_doc
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0)
            .max(16);
        let header = [
            "gold",
            "unm",
            "pred",
            "det P",
            "det R",
            "det F1",
            "exact",
            "attr acc",
            "attr P",
            "false spk",
            "unm R",
            "stance acc",
            "stance F1",
        ];
        let mut out = String::new();
        let _ = write!(out, "{:width$}", "doc");
        for h in header {
            let _ = write!(out, "  {h:>w$}", w = col_width(h));
        }
        out.push('\n');
        let mut line = |name: &str, s: &Scores| {
            let cells = [
                s.gold_marked.to_string(),
                s.gold_unmarked.to_string(),
                s.predicted.to_string(),
                format!("{:.4}", s.detection_precision),
                format!("{:.4}", s.detection_recall),
                format!("{:.4}", s.detection_f1),
                format!("{:.4}", s.exact_span_share),
                fmt_opt(s.attribution_accuracy),
                fmt_opt(s.attribution_precision),
                s.false_speakers.to_string(),
                fmt_opt(s.unmarked_recall),
                fmt_opt(s.stance_accuracy),
                fmt_opt(s.stance_macro_f1),
            ];
            let _ = write!(out, "{name:width$}");
            for (h, c) in header.iter().zip(cells) {
                let _ = write!(out, "  {c:>w$}", w = col_width(h));
            }
            out.push('\n');
        };
        for (k, s) in &self.per_doc {
            line(k, s);
        }
        let all = format!("overall ({} docs)", self.overall.docs);
        line(&all, &self.overall);
        let o = &self.overall;
        let mut notes = Vec::new();
        if o.unlocatable_predictions > 0 {
            notes.push(format!(
                "{} predictions not found in their documents",
                o.unlocatable_predictions
            ));
        }
        if !o.unknown_docs.is_empty() {
            notes.push(format!(
                "predictions for unknown documents: {}",
                o.unknown_docs.join(", ")
            ));
        }
        if let Some(n) = o.stance_n {
            notes.push(format!(
                "stance scored on {n} matched gold quotes with a label"
            ));
        }
        for n in notes {
            let _ = writeln!(out, "{n}");
        }
        out
    }

    /// The error list, one line each: `doc:start-end: kind: «first words» expected …, got … (rule …)`.
    pub fn errors_text(&self) -> String {
        let mut out = String::new();
        for e in &self.errors {
            let _ = write!(
                out,
                "{}:{}: {}: «{}»",
                e.doc,
                span_text(e.span),
                e.kind.label(),
                first_words(&e.quote)
            );
            let quoted = |s: &str| {
                if s.is_empty() {
                    "(none)".to_string()
                } else {
                    format!("{s:?}")
                }
            };
            match e.kind {
                ErrorKind::Missed | ErrorKind::MissedUnmarked => {
                    let _ = write!(out, " expected {}", quoted(&e.expected));
                }
                ErrorKind::FalsePositive => {
                    let _ = write!(out, " got speaker {}", quoted(&e.got));
                }
                ErrorKind::Span => {
                    let _ = write!(out, " expected {}, got {}", e.expected, e.got);
                }
                ErrorKind::WrongSpeaker | ErrorKind::FalseSpeaker => {
                    let _ = write!(
                        out,
                        " expected {}, got {}",
                        quoted(&e.expected),
                        quoted(&e.got)
                    );
                }
            }
            if !e.rule.is_empty() {
                let _ = write!(out, " (rule {})", e.rule);
            }
            out.push('\n');
        }
        out
    }
}

fn col_width(h: &str) -> usize {
    h.len().max(6)
}

#[cfg(test)]
mod tests;
