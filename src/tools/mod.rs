//! The tools around extraction: scoring a run against a gold file (`eval`), comparing two runs
//! (`diff`), and reading saved runs for both.

pub mod diff;
pub mod eval;
pub mod run;
mod table;

/// The first eight words of a quote, with an ellipsis when there are more.
pub(crate) fn first_words(q: &str) -> String {
    let words: Vec<&str> = q.split_whitespace().collect();
    if words.len() <= 8 {
        words.join(" ")
    } else {
        format!("{}…", words[..8].join(" "))
    }
}
