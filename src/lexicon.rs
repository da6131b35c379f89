//! Lexicons: the plain-text word lists that hold everything language-specific.
//!
//! Each language has a folder `lexicons/<lang>/` of small files, one entry a line, fields separated
//! by a TAB, `#` starting a comment. They are embedded in the binary; `--lexicons DIR` replaces a
//! file with `DIR/<lang>/<file>`, or extends it when that file's first entry line is `@extends`.
//! Every entry is matched on normalised tokens (lowercase, ’ written '), so a multiword entry is
//! written as plain words and a trailing `*` makes its last word a prefix.

use rustc_hash::FxHashMap as HashMap;

use crate::wordmap::{PrefixFilter, Probe, WordMap};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::inflect;
use crate::text::normalise::normalise;
use crate::text::token::words_of;

/// The files that make up one language's lexicons, in the order they are documented.
pub const FILES: &[&str] = &[
    "cues.tsv",
    "grammar.tsv",
    "roles.tsv",
    "stance.tsv",
    "modifiers.tsv",
    "targets.tsv",
];

/// Built-in lexicons: (language, file, text).
const BUILTIN: &[(&str, &str, &str)] = &[
    ("en", "cues.tsv", include_str!("../lexicons/en/cues.tsv")),
    (
        "en",
        "grammar.tsv",
        include_str!("../lexicons/en/grammar.tsv"),
    ),
    ("en", "roles.tsv", include_str!("../lexicons/en/roles.tsv")),
    (
        "en",
        "stance.tsv",
        include_str!("../lexicons/en/stance.tsv"),
    ),
    (
        "en",
        "modifiers.tsv",
        include_str!("../lexicons/en/modifiers.tsv"),
    ),
    (
        "en",
        "targets.tsv",
        include_str!("../lexicons/en/targets.tsv"),
    ),
    ("fr", "cues.tsv", include_str!("../lexicons/fr/cues.tsv")),
    (
        "fr",
        "grammar.tsv",
        include_str!("../lexicons/fr/grammar.tsv"),
    ),
    ("fr", "roles.tsv", include_str!("../lexicons/fr/roles.tsv")),
    (
        "fr",
        "stance.tsv",
        include_str!("../lexicons/fr/stance.tsv"),
    ),
    (
        "fr",
        "modifiers.tsv",
        include_str!("../lexicons/fr/modifiers.tsv"),
    ),
    (
        "fr",
        "targets.tsv",
        include_str!("../lexicons/fr/targets.tsv"),
    ),
    ("it", "cues.tsv", include_str!("../lexicons/it/cues.tsv")),
    (
        "it",
        "grammar.tsv",
        include_str!("../lexicons/it/grammar.tsv"),
    ),
    ("it", "roles.tsv", include_str!("../lexicons/it/roles.tsv")),
    (
        "it",
        "stance.tsv",
        include_str!("../lexicons/it/stance.tsv"),
    ),
    (
        "it",
        "modifiers.tsv",
        include_str!("../lexicons/it/modifiers.tsv"),
    ),
    (
        "it",
        "targets.tsv",
        include_str!("../lexicons/it/targets.tsv"),
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

/// How a reporting cue is used in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueForm {
    /// A past participle that needs an auxiliary: "(ha) detto", "(a) déclaré".
    Participle,
    /// A finite form that stands alone: "dice", "afferma", "said".
    Finite,
    /// A gerund or participle clause whose subject is the sentence's: "aggiungendo", "saying".
    Gerund,
    /// A preposition that introduces the speaker: "secondo", "according to", "selon".
    According,
    /// A preposition that introduces the speaker only before a quote and a comma: "per".
    Lead,
    /// A verb whose following phrase is the hearer, not the speaker: "told" (X told Reuters).
    Addressed,
    /// An infinitive: a cue only after a preposition ("per ribadire che", "avant d'ajouter"),
    /// where, like a gerund, it takes the subject of the clause it hangs on.
    Infinitive,
}

/// A reporting cue: its form and the stance it carries (-1 oppose .. 1 support).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cue {
    /// How the cue is used.
    pub form: CueForm,
    /// The stance the cue itself carries.
    pub weight: f64,
}

/// The grammatical class of a function word, as far as attribution needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    /// Article or determiner that may open a speaker phrase: il, la, the.
    Det,
    /// Preposition that links a complement inside a speaker phrase: di, of.
    Of,
    /// The same with an article; it also joins one name to its complement: "Corea del Nord".
    Link,
    /// Coordination inside a joint speaker: e, and, et.
    And,
    /// Lowercase particle inside a personal name: de, von, bin, al.
    Particle,
    /// Auxiliary verb before a participle cue: ha, has, a.
    Aux,
    /// Adverb or time word that may stand inside a cue or between cue and speaker.
    Adverb,
    /// Personal subject pronoun: it points back to the previous speaker, a person.
    Pronoun,
    /// Impersonal subject pronoun ("it"): it points back to the previous speaker, person or not.
    Thing,
    /// Object pronoun between a speaker and the cue: "l'ha definita", "ne ha parlato".
    Clitic,
    /// Abbreviation whose period does not end a sentence.
    Abbr,
    /// The word that introduces reported speech or a relative clause: che, that, que.
    That,
    /// A pronoun suffix joined to a verb: "-t-il" in "a-t-il déclaré".
    Inversion,
    /// A dash that opens a dialogue turn at the start of a paragraph.
    Dialogue,
    /// Any other function word: never part of a name, even when capitalised.
    Stop,
}

impl WordClass {
    /// True for the classes that tell one language from another: articles, prepositions,
    /// auxiliaries, conjunctions, pronouns and other function words.
    pub fn is_function_word(self) -> bool {
        matches!(
            self,
            WordClass::Det
                | WordClass::Of
                | WordClass::Link
                | WordClass::And
                | WordClass::Aux
                | WordClass::Pronoun
                | WordClass::Thing
                | WordClass::That
                | WordClass::Stop
        )
    }
}

/// The word classes of `grammar.tsv`, by the name its second column gives them.
pub const WORD_CLASSES: &[(&str, WordClass)] = &[
    ("det", WordClass::Det),
    ("of", WordClass::Of),
    ("link", WordClass::Link),
    ("and", WordClass::And),
    ("particle", WordClass::Particle),
    ("aux", WordClass::Aux),
    ("adverb", WordClass::Adverb),
    ("pronoun", WordClass::Pronoun),
    ("thing", WordClass::Thing),
    ("clitic", WordClass::Clitic),
    ("abbr", WordClass::Abbr),
    ("that", WordClass::That),
    ("inversion", WordClass::Inversion),
    ("dialogue", WordClass::Dialogue),
    ("stop", WordClass::Stop),
];

/// What a role noun names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleKind {
    /// A person's title or role: ministro, portavoce, spokesperson.
    Person,
    /// An organisation noun: governo, agenzia, ministero, army.
    Org,
    /// A capitalised word that belongs to a title, never to a name: Esteri, Difesa, State.
    Title,
}

/// The kinds of `roles.tsv`, by the name its second column gives them.
pub const ROLE_KINDS: &[(&str, RoleKind)] = &[
    ("person", RoleKind::Person),
    ("org", RoleKind::Org),
    ("title", RoleKind::Title),
];

/// The value a lexicon's table gives `name`.
fn named<T: Copy>(table: &[(&str, T)], name: &str) -> Option<T> {
    table.iter().find(|(n, _)| *n == name).map(|&(_, v)| v)
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

/// A stance modifier.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Modifier {
    /// Flips the stance of the next N words.
    Negator(usize),
    /// Scales the next stance term.
    Intensifier(f64),
    /// Weights what follows it in the quote ("ma", "but").
    Contrast(f64),
}

/// A set of token phrases with a value each; the longest phrase at a position wins.
#[derive(Debug, Clone)]
pub struct PhraseMap<T> {
    entries: Vec<Phrase<T>>,
    /// The entries filed under their first word (all but one-word stems), as (the first byte of
    /// the second word, or 0 for one word; the entry's index): most of the dozens of phrases under
    /// a word like "les" or "governo" are ruled out by that byte, without reading the entry.
    by_first: WordMap<Vec<(u8, usize)>>,
    /// One-word stems, filed under their first [`STEM_KEY_CHARS`] characters, as (the byte
    /// that follows the key, or 0 for a stem no longer than it; the entry's index).
    by_stem: WordMap<Vec<(u8, usize)>>,
    /// Bit k set when some stem key has k characters: the other lengths are not looked up.
    stem_key_lens: u8,
    /// Every first word, and the first bytes of every stem of three bytes or more: most words
    /// start no entry, and are answered without a hash look-up.
    filter: PrefixFilter,
    /// Some stem has fewer than three bytes: stems are looked up whatever the filter says.
    short_stems: bool,
}

/// Stems are filed under this many leading characters: a word needs at most this many look-ups.
const STEM_KEY_CHARS: usize = 3;

fn stem_key(stem: &str) -> &str {
    match stem.char_indices().nth(STEM_KEY_CHARS) {
        Some((end, _)) => &stem[..end],
        None => stem,
    }
}

#[derive(Debug, Clone)]
struct Phrase<T> {
    words: Vec<String>,
    prefix: bool,
    text: String,
    value: T,
}

/// A phrase found in a token sequence.
#[derive(Debug, Clone, Copy)]
pub struct PhraseMatch<'a, T> {
    /// How many tokens it covers.
    pub len: usize,
    /// Its value.
    pub value: &'a T,
    /// The lexicon entry as written.
    pub text: &'a str,
}

impl<T> Default for PhraseMap<T> {
    fn default() -> Self {
        PhraseMap {
            entries: Vec::new(),
            by_first: WordMap::default(),
            by_stem: WordMap::default(),
            stem_key_lens: 0,
            filter: PrefixFilter::default(),
            short_stems: false,
        }
    }
}

impl<T> PhraseMap<T> {
    fn insert(&mut self, entry: &str, value: T) -> std::result::Result<(), String> {
        let (body, prefix) = match entry.strip_suffix('*') {
            Some(b) => (b, true),
            None => (entry, false),
        };
        let mut words: Vec<String> = words_of(body);
        // a word with a leading or trailing apostrophe or hyphen is one token in text ("'t" in
        // "don't", "n'" in "n'a", the stem "anti-" of "anti-war"): keep it whole here too
        let glued = |w: &str| matches!(w, "'" | "-");
        if words.len() >= 2 && glued(&words[0]) && !body.starts_with(char::is_whitespace) {
            let w = words.remove(0);
            words[0].insert_str(0, &w);
        }
        if words.len() >= 2 && glued(&words[words.len() - 1]) {
            let w = words.pop().unwrap_or_default();
            if let Some(last) = words.last_mut() {
                last.push_str(&w);
            }
        }
        if words.is_empty() {
            return Err(format!("'{entry}' has no words"));
        }
        let idx = self.entries.len();
        if prefix && words.len() == 1 {
            let key = stem_key(&words[0]);
            self.stem_key_lens |= 1 << key.chars().count();
            if key.len() >= 3 {
                self.filter.add_prefix(key);
            } else {
                self.short_stems = true;
            }
            let next_byte = words[0].as_bytes().get(key.len()).copied().unwrap_or(0);
            self.by_stem.entry_or_default(key).push((next_byte, idx));
        } else {
            self.filter.add_word(&words[0]);
            let second_byte = words.get(1).map_or(0, |w| w.as_bytes()[0]);
            self.by_first
                .entry_or_default(&words[0])
                .push((second_byte, idx));
        }
        self.entries.push(Phrase {
            words,
            prefix,
            text: entry.to_string(),
            value,
        });
        Ok(())
    }

    /// The longest entry that starts at `norms[i]`.
    #[inline]
    pub fn longest_at<'a, S: AsRef<str>>(
        &'a self,
        norms: &[S],
        i: usize,
    ) -> Option<PhraseMatch<'a, T>> {
        let first = norms.get(i)?.as_ref();
        self.longest_at_probed(norms, i, Probe::of(first))
    }

    /// [`PhraseMap::longest_at`], with the filter bits of `norms[i]` (`probe`) computed by the
    /// caller, who may ask several maps about the same word.
    #[inline]
    pub fn longest_at_probed<'a, S: AsRef<str>>(
        &'a self,
        norms: &[S],
        i: usize,
        probe: Probe,
    ) -> Option<PhraseMatch<'a, T>> {
        // most words start no phrase: the filter answers them here, without a call
        let first = norms.get(i)?.as_ref();
        let admitted = self.filter.admits(probe);
        // a stem shorter than three bytes is not in the filter: stems are then always looked up
        let stems = self.stem_key_lens != 0 && (admitted.prefix || self.short_stems);
        if !admitted.word && !stems {
            return None;
        }
        self.longest_from(norms, i, first, admitted.word, stems)
    }

    /// [`PhraseMap::longest_at`] for a word the filter did not rule out: `word` when it may be
    /// a first word, `stems` when it may start with a stem.
    fn longest_from<'a, S: AsRef<str>>(
        &'a self,
        norms: &[S],
        i: usize,
        first: &str,
        word: bool,
        stems: bool,
    ) -> Option<PhraseMatch<'a, T>> {
        if let Some(list) = word.then(|| self.by_first.get(first)).flatten() {
            if let Some(m) = self.longest_filed(list, norms, i) {
                // a stem is one word, never longer than this match
                return Some(m);
            }
        }
        if stems {
            // stems are filed under their first STEM_KEY_CHARS characters (or all, if shorter):
            // `end` closes the word's first k characters
            let mut chars = first.chars();
            let mut end = 0;
            for k in 1..=STEM_KEY_CHARS {
                let Some(c) = chars.next() else { break };
                end += c.len_utf8();
                if self.stem_key_lens & (1 << k) == 0 {
                    continue;
                }
                if let Some(list) = self.by_stem.get(&first[..end]) {
                    // all stems are one word long: the first that matches is the longest
                    let next = first.as_bytes().get(end).copied();
                    for &(b, idx) in list {
                        if (b == 0 || Some(b) == next)
                            && first.starts_with(self.entries[idx].words[0].as_str())
                        {
                            return Some(self.found(idx));
                        }
                    }
                }
            }
        }
        None
    }

    /// The longest of the entries filed under the word `norms[i]` (`list`, in the order they were
    /// entered) that starts there; of equally long ones, the first.
    fn longest_filed<'a, S: AsRef<str>>(
        &'a self,
        list: &[(u8, usize)],
        norms: &[S],
        i: usize,
    ) -> Option<PhraseMatch<'a, T>> {
        let next = norms
            .get(i + 1)
            .and_then(|n| n.as_ref().as_bytes().first().copied());
        let mut best: Option<PhraseMatch<'a, T>> = None;
        for &(_, idx) in list.iter().filter(|&&(b, _)| b == 0 || Some(b) == next) {
            let p = &self.entries[idx];
            let len = p.words.len();
            if i + len > norms.len() {
                continue;
            }
            // the first word is the list's key; a one-word entry filed here is no stem
            let ok = p.words.iter().enumerate().skip(1).all(|(k, w)| {
                let n = norms[i + k].as_ref();
                if k == len - 1 && p.prefix {
                    n.starts_with(w.as_str())
                } else {
                    n == w
                }
            });
            if ok && best.as_ref().is_none_or(|b| len > b.len) {
                best = Some(self.found(idx));
            }
        }
        best
    }

    /// The match of entry `idx`.
    fn found(&self, idx: usize) -> PhraseMatch<'_, T> {
        let p = &self.entries[idx];
        PhraseMatch {
            len: p.words.len(),
            value: &p.value,
            text: &p.text,
        }
    }
}

/// A stance target: a canonical name and the aliases that mention it.
#[derive(Debug, Clone)]
pub struct Target {
    /// The name printed in the `targets` column.
    pub name: String,
}

/// One language's lexicons, parsed and ready to match: the files of `lexicons/<lang>/`, from
/// [`LexiconSource::load`] (or [`Lexicons::builtin`]).
#[derive(Debug, Clone)]
pub struct Lexicons {
    /// The language code.
    pub(crate) lang: String,
    /// Reporting cues.
    pub(crate) cues: PhraseMap<Cue>,
    /// Sentence openers that point back to the quote before them: "Lo ha detto X", "Così X",
    /// "Queste le parole di X", "C'est ce qu'a déclaré X".
    pub(crate) back: PhraseMap<()>,
    /// Function words by class.
    pub(crate) grammar: HashMap<String, WordClass>,
    /// Role and organisation nouns, and title words.
    pub(crate) roles: HashMap<String, RoleKind>,
    /// Stance terms with their weights.
    pub(crate) stance: PhraseMap<f64>,
    /// Negators, intensifiers and contrast words.
    pub(crate) modifiers: PhraseMap<Modifier>,
    /// Target mentions, valued by index into `targets` and whether the mention must be
    /// capitalised in the text (it is in the lexicon: "Usa" but not "usa").
    pub(crate) target_mentions: PhraseMap<(usize, bool)>,
    /// Canonical targets.
    pub(crate) targets: Vec<Target>,
    /// Pronoun suffixes joined to verbs ("-t-il"), longest first.
    pub(crate) inversions: Vec<String>,
    /// Dashes that open dialogue turns ("—").
    pub(crate) dialogue_dashes: Vec<char>,
    /// `grammar` and `roles` in one table, so that a word needs one look-up for both.
    words: WordMap<(Option<WordClass>, Option<RoleKind>)>,
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
            let mut merged: Vec<Record> = builtin
                .into_iter()
                .filter(|b| {
                    let k = normalise(&b.fields[0]);
                    !mine.iter().any(|m| normalise(&m.fields[0]) == k)
                })
                .collect();
            merged.extend(mine);
            Ok(merged)
        };
        Lexicons::from_records(
            lang,
            get(0, 3)?,
            get(1, 2)?,
            get(2, 2)?,
            get(3, 2)?,
            get(4, 3)?,
            get(5, 2)?,
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

impl Lexicons {
    /// The language code.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The built-in lexicons of a language.
    pub fn builtin(lang: &str) -> Result<Lexicons> {
        LexiconSource::default().load(lang)
    }

    fn from_records(
        lang: &str,
        cues: Vec<Record>,
        grammar: Vec<Record>,
        roles: Vec<Record>,
        stance: Vec<Record>,
        modifiers: Vec<Record>,
        targets: Vec<Record>,
    ) -> Result<Lexicons> {
        let mut lex = Lexicons {
            lang: lang.to_string(),
            cues: PhraseMap::default(),
            back: PhraseMap::default(),
            grammar: HashMap::default(),
            roles: HashMap::default(),
            stance: PhraseMap::default(),
            modifiers: PhraseMap::default(),
            target_mentions: PhraseMap::default(),
            targets: Vec::new(),
            inversions: Vec::new(),
            dialogue_dashes: Vec::new(),
            words: WordMap::default(),
        };
        // listed forms first: a listed form wins over the same form generated from a lemma
        let mut listed: HashMap<String, ()> = HashMap::default();
        let mut verbs = Vec::new();
        for r in &cues {
            let form = match r.fields[1].as_str() {
                "verb" => {
                    verbs.push(r);
                    continue;
                }
                "back" => {
                    lex.back.insert(&r.fields[0], ()).map_err(|m| r.error(m))?;
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
                    "unknown cue use '{other}': use verb, part, fin, ger, prep, lead, addr or back"
                )))
                }
            };
            let weight = r.number(2, -1.0, 1.0)?;
            listed.insert(normalise(&r.fields[0]), ());
            lex.cues
                .insert(&r.fields[0], Cue { form, weight })
                .map_err(|m| r.error(m))?;
        }
        for r in verbs {
            let weight = r.number(2, -1.0, 1.0)?;
            for (f, form) in inflect::forms(lang, &normalise(&r.fields[0])) {
                if listed.insert(f.clone(), ()).is_none() {
                    lex.cues
                        .insert(&f, Cue { form, weight })
                        .map_err(|m| r.error(m))?;
                }
            }
        }
        for r in &grammar {
            let class = named(WORD_CLASSES, &r.fields[1]).ok_or_else(|| {
                r.error(format!(
                    "unknown word class '{}': use {}",
                    r.fields[1],
                    names(WORD_CLASSES)
                ))
            })?;
            let word = normalise(&r.fields[0]);
            match class {
                WordClass::Inversion => lex.inversions.push(word.clone()),
                WordClass::Dialogue => {
                    let mut chars = word.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => lex.dialogue_dashes.push(c),
                        _ => return Err(r.error("a dialogue dash is one character")),
                    }
                }
                _ => {}
            }
            lex.grammar.insert(word, class);
        }
        lex.inversions.sort_by_key(|s| std::cmp::Reverse(s.len()));
        for r in &roles {
            let kind = named(ROLE_KINDS, &r.fields[1]).ok_or_else(|| {
                r.error(format!(
                    "unknown role kind '{}': use {}",
                    r.fields[1],
                    names(ROLE_KINDS)
                ))
            })?;
            lex.roles.insert(normalise(&r.fields[0]), kind);
        }
        for r in &stance {
            let w = r.number(1, -1.0, 1.0)?;
            lex.stance.insert(&r.fields[0], w).map_err(|m| r.error(m))?;
        }
        for r in &modifiers {
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
            lex.modifiers
                .insert(&r.fields[0], m)
                .map_err(|e| r.error(e))?;
        }
        let mut seen_alias: HashMap<String, String> = HashMap::default();
        for r in &targets {
            let idx = lex.targets.len();
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
                lex.target_mentions
                    .insert(&m, (idx, needs_cap))
                    .map_err(|e| r.error(e))?;
            }
            lex.targets.push(Target { name });
        }
        for (w, &c) in &lex.grammar {
            lex.words.entry_or_default(w).0 = Some(c);
        }
        for (w, &r) in &lex.roles {
            lex.words.entry_or_default(w).1 = Some(r);
        }
        Ok(lex)
    }

    /// The class and the role kind of a word, in one look-up.
    pub fn word(&self, norm: &str) -> (Option<WordClass>, Option<RoleKind>) {
        self.words.get(norm).copied().unwrap_or_default()
    }

    /// The class of a function word, if it has one.
    pub fn class(&self, norm: &str) -> Option<WordClass> {
        self.word(norm).0
    }

    /// The role kind of a noun, if it is one.
    pub fn role(&self, norm: &str) -> Option<RoleKind> {
        self.word(norm).1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        crate::text::token::tokenize(s, &bumpalo::Bump::new())
            .into_iter()
            .map(|t| t.norm.to_string())
            .collect()
    }

    #[test]
    fn glued_apostrophes_and_hyphens_match_text_tokens() {
        let mut m: PhraseMap<f64> = PhraseMap::default();
        m.insert("'t", 1.0).unwrap();
        m.insert("n'", 2.0).unwrap();
        m.insert("anti-*", 3.0).unwrap();
        m.insert("l'esercito", 4.0).unwrap();
        let at = |text: &str, i: usize| m.longest_at(&norms(text), i).map(|x| *x.value);
        assert_eq!(at("don't", 1), Some(1.0));
        assert_eq!(at("il n'a pas", 1), Some(2.0));
        assert_eq!(at("anti-war", 0), Some(3.0));
        assert_eq!(at("L’esercito", 0), Some(4.0));
    }
}
