//! # whosaid: who said what, in news articles
//!
//! whosaid reads news text and returns one row per direct quotation: the quote, its speaker
//! (the fullest name the article gives), the reporting cue, the attribution rule that fired, and a
//! lexicon-based stance with its targets and evidence.
//!
//! The pipeline has one module per stage, each a pure function of its input and the lexicons:
//! [`detect`] finds quotes, [`attribute`] finds speakers, [`stance`] tags stance, [`output`] writes
//! rows. [`Extractor`] runs them all on one document; [`stream::extract_all`] runs it over a
//! stream of inputs in parallel, handing the results back in input order.
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
//! ```

pub mod attribute;
pub mod detect;
mod error;
mod extract;
mod inflect;
pub mod input;
mod language;
pub mod lexicon;
mod model;
pub mod output;
mod stages;
pub mod stance;
pub mod stream;
pub mod token;
pub mod tools;
mod wordmap;

pub use error::{Error, Result};
pub use extract::{Extractor, LangChoice};
pub use lexicon::{LexiconSource, Lexicons};
pub use model::{Attribution, Quote, Row, Stance, StanceLabel};
pub use output::{encode_rows, Format, RowWriter};
#[cfg(feature = "bench-stages")]
pub use stages::{Stage, StageTimes};
