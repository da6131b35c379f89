//! # whosaid: who said what, in news articles
//!
//! whosaid reads news text and returns one row per direct quotation: the quote, its speaker
//! (the fullest name the article gives), the reporting cue, the attribution rule that fired, and a
//! lexicon-based stance with its targets and evidence. Italian, English and French are built in;
//! everything language-specific is in plain-text lexicons that users edit.
//!
//! ```
//! use whosaid::{Extractor, LangChoice, LexiconSource};
//!
//! let ex = Extractor::new(LangChoice::Fixed("it".into()), &LexiconSource::default()).unwrap();
//! let text = "«Non ci fermeremo», ha detto il ministro degli Esteri Mario Rossi.";
//! let rows = ex.extract("esempio.txt", text);
//! assert_eq!(rows[0].quote, "Non ci fermeremo");
//! assert_eq!(rows[0].speaker, "Mario Rossi");
//! assert_eq!(rows[0].cue, "ha detto");
//! assert_eq!(rows[0].rule, "after_cue");
//! ```
//!
//! # The API
//!
//! - [`Extractor`] loads the lexicons once ([`LangChoice`] says which languages,
//!   [`LexiconSource`] where from: built in, or a folder of edited files) and extracts the
//!   [`Row`]s of a document with [`Extractor::extract`]; [`Extractor::extract_all`] runs it over
//!   many [`Inputs`] (files, folders, JSON Lines) in parallel and hands the results back in input
//!   order. [`Lexicons`] are one language's lexicons, parsed.
//! - [`Format`] writes rows as CSV or JSON Lines, the columns of the README.
//! - [`Gold`] scores a [`Run`] (rows extracted now, or saved by `whosaid extract`) as
//!   `whosaid eval` does, and [`Run::diff`] says what changed between two runs.
//! - Every failure is an [`Error`] whose message names the file and line, or the document.
//!
//! The pipeline has one module per stage, each a function of the text, the earlier stages' results
//! and the lexicons: detection, tokens and sentences, attribution, stance, output. The README's
//! "How it works" maps them to the source files.

mod attribute;
mod detect;
mod error;
mod extract;
mod io;
mod language;
mod lexicon;
mod model;
mod output;
mod stages;
mod stance;
mod text;
mod tools;

pub use error::{Error, Result};
pub use extract::{Extractor, LangChoice};
pub use io::input::Inputs;
pub use lexicon::{LexiconSource, Lexicons};
pub use model::{Row, StanceLabel};
pub use output::Format;
pub use tools::eval::Gold;
pub use tools::run::Run;

/// Internals that the crate's own tests and benches reach, and nothing else: not part of the API,
/// and free to change with any release.
#[doc(hidden)]
pub mod testing {
    pub use crate::attribute::rules::markdown_table;
    pub use crate::attribute::{RuleInfo, RULES};
    pub use crate::io::stream::CHUNK_DOCS;
    pub use crate::lexicon::{builtin_text, languages, FILES, ROLE_KINDS, WORD_CLASSES};
    pub use crate::text::normalise::normalise;
    pub use crate::text::sentences::Doc;
    pub use crate::text::token::tokenize;

    #[cfg(feature = "bench-stages")]
    pub use crate::stages::{Stage, StageTimes};

    /// The tokens, sentences and quotes of a document, as [`crate::Extractor::extract`] prepares
    /// them before attribution; `None` for a document without quote marks or dialogue dashes.
    pub fn document<'a>(
        ex: &crate::Extractor,
        text: &'a str,
        arena: &'a bumpalo::Bump,
    ) -> Option<Doc<'a>> {
        ex.prepare(text, arena, &mut ()).map(|(doc, _)| doc)
    }
}
