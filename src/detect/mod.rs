//! Stage 1: find the quotations of a document, before tokens or language: the quotes between
//! marks ([`marks`]), and the dialogue turns that a dash opens at the start of a paragraph
//! ([`dialogue`]), with the dashes of the document's lexicons.

mod dialogue;
mod marks;

use crate::model::Quote;

/// The quotations of a text, in order and disjoint: every quote between marks, and the dialogue
/// turns opened by one of `dashes` (a lexicon's dialogue dashes) where no marked quote stands.
pub(crate) fn detect(text: &str, dashes: &[char]) -> Vec<Quote> {
    dialogue::with_turns(text, dashes, marks::marked(text))
}
