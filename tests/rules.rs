//! The rule table is the one source: the README's table is rendered from it, and every rule has
//! an attribution case.

use whosaid::testing::{markdown_table, RULES};

/// The lines of the first Markdown table after `heading` in `text`.
fn table_after<'t>(text: &'t str, heading: &str) -> Vec<&'t str> {
    text.lines()
        .skip_while(|l| *l != heading)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect()
}

#[test]
fn readme_shows_the_rule_table() {
    let readme = include_str!("../README.md");
    let shown = table_after(readme, "### Attribution rules");
    let table = markdown_table();
    assert_eq!(
        shown,
        table.lines().collect::<Vec<_>>(),
        "the README's \"Attribution rules\" table should read:\n{table}"
    );
}

/// A case ends with the speaker and the rule: `=> "Mario Rossi", "after_cue";`.
#[test]
fn every_rule_has_an_attribution_case() {
    let cases = include_str!("attribution.rs");
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.name)
        .filter(|name| !cases.contains(&format!(", \"{name}\";")))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a case in tests/attribution.rs: {missing:?}"
    );
}
