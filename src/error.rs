//! The library's one error type. Every message names the place (file and line, or byte offset) so
//! that a user can find the bad input.

use std::path::PathBuf;

/// Everything that can go wrong in whosaid's library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A lexicon line that cannot be parsed.
    #[error("{path}:{line}: {message}")]
    Lexicon {
        /// The lexicon file (its built-in name, or its path on disk).
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong, and what to write instead.
        message: String,
    },
    /// A file or folder that could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// An input document that cannot be processed.
    #[error("{doc}: {message}")]
    Input {
        /// The document's id (its path, or `file:line` for a JSONL record).
        doc: String,
        /// What is wrong.
        message: String,
    },
    /// A language that has no lexicons.
    #[error("unknown language '{0}': use one of it, en, fr, auto")]
    UnknownLanguage(String),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
