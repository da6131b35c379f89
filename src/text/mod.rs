//! The text of a document as the stages read it: its normalised form, its tokens, its sentences.

pub mod normalise;
pub mod sentences;
pub mod token;
