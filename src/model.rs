//! The data that flows between the pipeline's stages: quotes, attributions, stances and the rows
//! written out.

use serde::Serialize;

/// A quotation found by [`crate::detect`]. All offsets are byte offsets into the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Offset of the opening mark.
    pub open: usize,
    /// Offset of the quote's first character (marks and inner white space excluded).
    pub start: usize,
    /// Offset just past the quote's last character.
    pub end: usize,
    /// Offset just past the closing mark; for an unclosed quote, the end of the text it covers.
    pub close: usize,
    /// True when no closing mark was found and the quote was cut at a paragraph or length limit.
    pub unclosed: bool,
    /// True for a dialogue turn opened by a dash at the start of a paragraph ("— Non, répondit
    /// Paul."), which has no closing mark.
    pub dialogue: bool,
}

/// Who said a quote, and which rule decided it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attribution {
    /// Canonical name: the fullest name the document gives the entity; empty if none.
    pub speaker: String,
    /// The mention the rule linked ("il ministro", "Lavrov"); empty if none.
    pub mention: String,
    /// The reporting expression ("ha detto", "secondo"); empty if none.
    pub cue: String,
    /// The stance the cue carries (-1 .. 1).
    pub cue_weight: f64,
    /// The attribution rule that fired; `None` if none.
    pub rule: Option<crate::attribute::Rule>,
}

/// A stance label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum StanceLabel {
    /// Approval, praise, support.
    Support,
    /// Criticism, condemnation, opposition.
    Oppose,
    /// No clear stance.
    #[default]
    Neutral,
    /// Strong support and strong opposition together.
    Mixed,
}

impl StanceLabel {
    /// The label as written in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            StanceLabel::Support => "support",
            StanceLabel::Oppose => "oppose",
            StanceLabel::Neutral => "neutral",
            StanceLabel::Mixed => "mixed",
        }
    }
}

/// The stance a quote takes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stance {
    /// The label.
    pub label: StanceLabel,
    /// A score in [-1, 1].
    pub score: f64,
    /// Targets with the stance taken toward each, in order of first mention.
    pub targets: Vec<(String, StanceLabel)>,
    /// The lexicon terms that decided the stance.
    pub evidence: Vec<String>,
}

/// One row of the who-said-what table.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    /// The document's id.
    pub doc: String,
    /// 1-based index of the quote in its document.
    pub quote_id: usize,
    /// Character offset of the quote's first character.
    pub quote_start: usize,
    /// Character offset just past the quote's last character.
    pub quote_end: usize,
    /// The quoted text, verbatim.
    pub quote: String,
    /// Canonical speaker name, empty if none.
    pub speaker: String,
    /// The mention the rule linked.
    pub speaker_mention: String,
    /// The reporting expression.
    pub cue: String,
    /// The attribution rule that fired.
    pub rule: String,
    /// support, oppose, neutral or mixed.
    pub stance: StanceLabel,
    /// A score in [-1, 1].
    pub stance_score: f64,
    /// `Target:stance` pairs separated by `;`.
    pub targets: String,
    /// Evidence terms separated by `;`.
    pub evidence: String,
    /// The language used for the document.
    pub lang: String,
    /// `unclosed` when the quote had no closing mark, `dialogue` for a dash dialogue turn
    /// (separated by `;` when both apply).
    pub flags: String,
}
