//! Loading lexicons: the built-in files, the user's replacements and extensions from
//! `--lexicons DIR`, each file parsed into entry records (a malformed line is an error that names
//! its file and line), and the records made into a language's [`Lexicons`].

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap as HashMap;

use super::inflect;
use super::phrase_map::PhraseMap;
use super::wordmap::WordMap;
use super::{
    Cue, CueForm, Gender, Lexicons, Modifier, Target, WordClass, ROLE_KINDS, WORD_CLASSES,
};
use crate::error::{Error, Result};
use crate::text::normalise::normalise;

/// The files that make up one language's lexicons, in the order they are documented.
pub const FILES: &[&str] = &[
    "cues.tsv",
    "grammar.tsv",
    "roles.tsv",
    "stance.tsv",
    "modifiers.tsv",
    "targets.tsv",
    "gender.tsv",
];

/// Built-in lexicons: (language, file, text).
const BUILTIN: &[(&str, &str, &str)] = &[
    ("en", "cues.tsv", include_str!("../../lexicons/en/cues.tsv")),
    (
        "en",
        "grammar.tsv",
        include_str!("../../lexicons/en/grammar.tsv"),
    ),
    (
        "en",
        "roles.tsv",
        include_str!("../../lexicons/en/roles.tsv"),
    ),
    (
        "en",
        "stance.tsv",
        include_str!("../../lexicons/en/stance.tsv"),
    ),
    (
        "en",
        "modifiers.tsv",
        include_str!("../../lexicons/en/modifiers.tsv"),
    ),
    (
        "en",
        "targets.tsv",
        include_str!("../../lexicons/en/targets.tsv"),
    ),
    (
        "en",
        "gender.tsv",
        include_str!("../../lexicons/en/gender.tsv"),
    ),
    ("fr", "cues.tsv", include_str!("../../lexicons/fr/cues.tsv")),
    (
        "fr",
        "grammar.tsv",
        include_str!("../../lexicons/fr/grammar.tsv"),
    ),
    (
        "fr",
        "roles.tsv",
        include_str!("../../lexicons/fr/roles.tsv"),
    ),
    (
        "fr",
        "stance.tsv",
        include_str!("../../lexicons/fr/stance.tsv"),
    ),
    (
        "fr",
        "modifiers.tsv",
        include_str!("../../lexicons/fr/modifiers.tsv"),
    ),
    (
        "fr",
        "targets.tsv",
        include_str!("../../lexicons/fr/targets.tsv"),
    ),
    (
        "fr",
        "gender.tsv",
        include_str!("../../lexicons/fr/gender.tsv"),
    ),
    ("it", "cues.tsv", include_str!("../../lexicons/it/cues.tsv")),
    (
        "it",
        "grammar.tsv",
        include_str!("../../lexicons/it/grammar.tsv"),
    ),
    (
        "it",
        "roles.tsv",
        include_str!("../../lexicons/it/roles.tsv"),
    ),
    (
        "it",
        "stance.tsv",
        include_str!("../../lexicons/it/stance.tsv"),
    ),
    (
        "it",
        "modifiers.tsv",
        include_str!("../../lexicons/it/modifiers.tsv"),
    ),
    (
        "it",
        "targets.tsv",
        include_str!("../../lexicons/it/targets.tsv"),
    ),
    (
        "it",
        "gender.tsv",
        include_str!("../../lexicons/it/gender.tsv"),
    ),
];

/// The languages that have built-in lexicons.
pub fn languages() -> Vec<&'static str> {
    let mut langs: Vec<&str> = BUILTIN.iter().map(|(l, _, _)| *l).collect();
    langs.dedup();
    langs
}

/// The built-in text of one lexicon file, if the language has it.
pub fn builtin_text(lang: &str, file: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(l, f, _)| *l == lang && *f == file)
        .map(|(_, _, t)| *t)
}

/// One entry line of a lexicon file.
#[derive(Debug, Clone)]
struct Record {
    path: String,
    line: usize,
    fields: Vec<String>,
}

impl Record {
    fn error(&self, message: impl Into<String>) -> Error {
        Error::Lexicon {
            path: self.path.clone(),
            line: self.line,
            message: message.into(),
        }
    }

    /// The value that `table` gives field `k` (a word class, a role kind), or an error that
    /// names the `what` and lists the values it may take.
    fn named<T: Copy>(&self, k: usize, table: &[(&str, T)], what: &str) -> Result<T> {
        let name = &self.fields[k];
        let found = table.iter().find(|(n, _)| n == name).map(|&(_, v)| v);
        found.ok_or_else(|| self.error(format!("unknown {what} '{name}': use {}", names(table))))
    }

    fn number(&self, k: usize, lo: f64, hi: f64) -> Result<f64> {
        let f = &self.fields[k];
        match f.trim().parse::<f64>() {
            Ok(v) if v.is_finite() && (lo..=hi).contains(&v) => Ok(v),
            _ => Err(self.error(format!(
                "'{f}' is not a number from {lo} to {hi} (field {} of '{}')",
                k + 1,
                self.fields[0]
            ))),
        }
    }
}

/// Parses a lexicon file's text into entry records: blank lines and `#` comments skipped, fields
/// split on TAB, the field count checked, duplicate keys refused. Returns whether the file asks to
/// extend the built-in one (`@extends` as its first entry line).
fn parse_records(path: &str, text: &str, fields: usize) -> Result<(Vec<Record>, bool)> {
    let mut records: Vec<Record> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::default();
    let mut extends = false;
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        let content = raw.trim_end_matches(['\r', ' ']);
        if content.trim().is_empty() || content.trim_start().starts_with('#') {
            continue;
        }
        if content.trim() == "@extends" {
            if records.is_empty() && !extends {
                extends = true;
                continue;
            }
            return Err(Error::Lexicon {
                path: path.into(),
                line,
                message: "'@extends' must be the first entry line".into(),
            });
        }
        let parts: Vec<String> = content.split('\t').map(|s| s.trim().to_string()).collect();
        if parts.len() != fields || parts.iter().any(|p| p.is_empty()) {
            return Err(Error::Lexicon {
                path: path.into(),
                line,
                message: format!(
                    "expected {fields} non-empty field(s) separated by TAB, found {}: '{content}'",
                    parts.iter().filter(|p| !p.is_empty()).count()
                ),
            });
        }
        let key = normalise(&parts[0]);
        if let Some(first) = seen.insert(key, line) {
            return Err(Error::Lexicon {
                path: path.into(),
                line,
                message: format!("duplicate entry '{}' (first on line {first})", parts[0]),
            });
        }
        records.push(Record {
            path: path.into(),
            line,
            fields: parts,
        });
    }
    Ok((records, extends))
}

/// Where a language's lexicon files come from.
#[derive(Debug, Clone, Default)]
pub struct LexiconSource {
    /// A folder holding `<lang>/<file>` overrides, if any.
    pub dir: Option<PathBuf>,
}

impl LexiconSource {
    /// Loads one language's lexicons: built-in files, replaced or extended from `dir`.
    pub fn load(&self, lang: &str) -> Result<Lexicons> {
        // (built-in name, built-in text, the user's (path, text) if any)
        type FileTexts = (String, String, Option<(String, String)>);
        let mut texts: Vec<FileTexts> = Vec::new();
        let has_builtin = languages().contains(&lang);
        let user_dir = self.dir.as_ref().map(|d| d.join(lang));
        if !has_builtin && !user_dir.as_ref().is_some_and(|d| d.is_dir()) {
            return Err(Error::UnknownLanguage(lang.to_string()));
        }
        for file in FILES {
            let builtin = builtin_text(lang, file).unwrap_or("");
            let user = match &user_dir {
                Some(d) => read_optional(&d.join(file))?,
                None => None,
            };
            texts.push((
                format!("lexicons/{lang}/{file} (built-in)"),
                builtin.to_string(),
                user,
            ));
        }
        let get = |i: usize, fields: usize| -> Result<Vec<Record>> {
            let (bpath, btext, user) = &texts[i];
            let (builtin, _) = parse_records(bpath, btext, fields)?;
            let Some((upath, utext)) = user else {
                return Ok(builtin);
            };
            let (mine, extends) = parse_records(upath, utext, fields)?;
            if !extends {
                return Ok(mine);
            }
            let replaced: std::collections::HashSet<String> =
                mine.iter().map(|m| normalise(&m.fields[0])).collect();
            let mut merged: Vec<Record> = builtin
                .into_iter()
                .filter(|b| !replaced.contains(&normalise(&b.fields[0])))
                .collect();
            merged.extend(mine);
            Ok(merged)
        };
        Lexicons::from_records(
            lang,
            [
                get(0, 3)?,
                get(1, 2)?,
                get(2, 2)?,
                get(3, 2)?,
                get(4, 3)?,
                get(5, 2)?,
                get(6, 2)?,
            ],
        )
    }
}

fn read_optional(path: &Path) -> Result<Option<(String, String)>> {
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes).map_err(|e| Error::Lexicon {
                path: path.display().to_string(),
                line: 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count(),
                message: "not valid UTF-8".into(),
            })?;
            Ok(Some((path.display().to_string(), text)))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// The names of a lexicon's table, for an error message: "a, b or c".
fn names<T>(table: &[(&str, T)]) -> String {
    let all: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
    match all.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

impl Lexicons {
    /// A language's lexicons from the records of its files, in the order of [`FILES`].
    fn from_records(lang: &str, files: [Vec<Record>; 7]) -> Result<Lexicons> {
        let [cues, grammar, roles, stance, modifiers, targets, gender] = files;
        let mut lex = Lexicons {
            lang: lang.to_string(),
            cues: PhraseMap::default(),
            back: PhraseMap::default(),
            speech: PhraseMap::default(),
            scare: PhraseMap::default(),
            grammar: HashMap::default(),
            roles: HashMap::default(),
            stance: PhraseMap::default(),
            modifiers: PhraseMap::default(),
            target_mentions: PhraseMap::default(),
            targets: Vec::new(),
            inversions: Vec::new(),
            dialogue_dashes: Vec::new(),
            gender: HashMap::default(),
            words: WordMap::default(),
        };
        lex.add_cues(&cues)?;
        lex.add_grammar(&grammar)?;
        lex.add_roles(&roles)?;
        for r in &stance {
            let w = r.number(1, -1.0, 1.0)?;
            lex.stance.insert(&r.fields[0], w).map_err(|m| r.error(m))?;
        }
        lex.add_modifiers(&modifiers)?;
        lex.add_targets(&targets)?;
        lex.add_gender(&gender)?;
        for (w, &c) in &lex.grammar {
            lex.words.entry_or_default(w).0 = Some(c);
        }
        for (w, &r) in &lex.roles {
            lex.words.entry_or_default(w).1 = Some(r);
        }
        Ok(lex)
    }

    /// `cues.tsv`: the forms listed, then the forms of each verb listed by its lemma, and the
    /// `back` and `noun` entries.
    fn add_cues(&mut self, cues: &[Record]) -> Result<()> {
        // listed forms first: a listed form wins over the same form generated from a lemma
        let mut listed: HashMap<String, ()> = HashMap::default();
        let mut verbs = Vec::new();
        for r in cues {
            let form = match r.fields[1].as_str() {
                "verb" => {
                    verbs.push(r);
                    continue;
                }
                "back" => {
                    self.back.insert(&r.fields[0], ()).map_err(|m| r.error(m))?;
                    continue;
                }
                "scare" => {
                    self.scare.insert(&r.fields[0], ()).map_err(|m| r.error(m))?;
                    continue;
                }
                "noun" => {
                    let weight = r.number(2, -1.0, 1.0)?;
                    self.speech
                        .insert(&r.fields[0], weight)
                        .map_err(|m| r.error(m))?;
                    continue;
                }
                "part" => CueForm::Participle,
                "fin" => CueForm::Finite,
                "ger" => CueForm::Gerund,
                "prep" => CueForm::According,
                "lead" => CueForm::Lead,
                "addr" => CueForm::Addressed,
                other => {
                    return Err(r.error(format!(
                    "unknown cue use '{other}': use verb, part, fin, ger, prep, lead, addr, back, noun or scare"
                )))
                }
            };
            let weight = r.number(2, -1.0, 1.0)?;
            listed.insert(normalise(&r.fields[0]), ());
            self.cues
                .insert(&r.fields[0], Cue { form, weight })
                .map_err(|m| r.error(m))?;
        }
        for r in verbs {
            let weight = r.number(2, -1.0, 1.0)?;
            for (f, form) in inflect::forms(&self.lang, &normalise(&r.fields[0])) {
                if listed.insert(f.clone(), ()).is_none() {
                    self.cues
                        .insert(&f, Cue { form, weight })
                        .map_err(|m| r.error(m))?;
                }
            }
        }
        Ok(())
    }

    /// `grammar.tsv`: function words by class, pronoun suffixes and dialogue dashes.
    fn add_grammar(&mut self, grammar: &[Record]) -> Result<()> {
        for r in grammar {
            let class = r.named(1, WORD_CLASSES, "word class")?;
            let word = normalise(&r.fields[0]);
            match class {
                WordClass::Inversion => self.inversions.push(word.clone()),
                WordClass::Dialogue => {
                    let mut chars = word.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => self.dialogue_dashes.push(c),
                        _ => return Err(r.error("a dialogue dash is one character")),
                    }
                }
                _ => {}
            }
            self.grammar.insert(word, class);
        }
        self.inversions.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Ok(())
    }

    /// `roles.tsv`: role and organisation nouns, and title words.
    fn add_roles(&mut self, roles: &[Record]) -> Result<()> {
        for r in roles {
            let kind = r.named(1, ROLE_KINDS, "role kind")?;
            self.roles.insert(normalise(&r.fields[0]), kind);
        }
        Ok(())
    }

    /// `modifiers.tsv`: negators with their scope, intensifiers and contrast words.
    fn add_modifiers(&mut self, modifiers: &[Record]) -> Result<()> {
        for r in modifiers {
            let m = match r.fields[1].as_str() {
                "negator" => {
                    let n = r.number(2, 1.0, 20.0)?;
                    if n.fract() != 0.0 {
                        return Err(r.error("a negator's scope is a whole number of words"));
                    }
                    Modifier::Negator(n as usize)
                }
                "intensifier" => Modifier::Intensifier(r.number(2, 0.0, 5.0)?),
                "contrast" => Modifier::Contrast(r.number(2, 0.0, 5.0)?),
                other => {
                    return Err(r.error(format!(
                        "unknown modifier kind '{other}': use negator, intensifier or contrast"
                    )))
                }
            };
            self.modifiers
                .insert(&r.fields[0], m)
                .map_err(|e| r.error(e))?;
        }
        Ok(())
    }

    /// `gender.tsv`: the gender each word tells.
    fn add_gender(&mut self, gender: &[Record]) -> Result<()> {
        for r in gender {
            let g = match r.fields[1].as_str() {
                "m" => Gender::Male,
                "f" => Gender::Female,
                other => return Err(r.error(format!("unknown gender '{other}': use m or f"))),
            };
            self.gender.insert(normalise(&r.fields[0]), g);
        }
        Ok(())
    }

    /// `targets.tsv`: each target's name and the aliases that mention it; an alias names one
    /// target only.
    fn add_targets(&mut self, targets: &[Record]) -> Result<()> {
        let mut seen_alias: HashMap<String, String> = HashMap::default();
        for r in targets {
            let idx = self.targets.len();
            let name = r.fields[0].clone();
            let mut mentions = vec![name.clone()];
            mentions.extend(
                r.fields[1]
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty() && *a != "-")
                    .map(String::from),
            );
            for m in mentions {
                let key = normalise(&m);
                if let Some(other) = seen_alias.insert(key, name.clone()) {
                    if other != name {
                        return Err(r.error(format!(
                            "alias '{m}' is already listed under target '{other}'"
                        )));
                    }
                    continue;
                }
                let needs_cap = m.chars().next().is_some_and(char::is_uppercase);
                self.target_mentions
                    .insert(&m, (idx, needs_cap))
                    .map_err(|e| r.error(e))?;
            }
            self.targets.push(Target { name });
        }
        Ok(())
    }
}
