//! Lexicons: the plain-text word lists that hold everything language-specific.
//!
//! Each language has a folder `lexicons/<lang>/` of small files, one entry a line, fields separated
//! by a TAB, `#` starting a comment. They are embedded in the binary; `--lexicons DIR` replaces a
//! file with `DIR/<lang>/<file>`, or extends it when that file's first entry line is `@extends`.
//! Every entry is matched on normalised tokens (lowercase, ’ written '), so a multiword entry is
//! written as plain words and a trailing `*` makes its last word a prefix.

mod inflect;
mod load;
mod phrase_map;
pub(crate) mod wordmap;

use rustc_hash::FxHashMap as HashMap;

pub use load::{builtin_text, languages, LexiconSource, FILES};
use phrase_map::PhraseMap;
use wordmap::WordMap;

use crate::error::Result;

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

/// A person's grammatical gender, as pronouns, titles and articles show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// he, lui, il, Mr, il ministro.
    Male,
    /// she, lei, elle, Mrs, la ministra.
    Female,
}

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
    /// Nouns for what someone said, with the stance they carry: "«…», la replica di X",
    /// "Le parole del ministro X: «…»", "a statement from X".
    pub(crate) speech: PhraseMap<f64>,
    /// Words that mark the quote right after them as nobody's words: "so-called", "cosiddetto".
    pub(crate) scare: PhraseMap<()>,
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
    /// Words that tell a person's gender: pronouns, titles, articles before a role, roles.
    pub(crate) gender: HashMap<String, Gender>,
    /// `grammar` and `roles` in one table, so that a word needs one look-up for both.
    words: WordMap<(Option<WordClass>, Option<RoleKind>)>,
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

    /// The class and the role kind of a word, in one look-up.
    pub(crate) fn word(&self, norm: &str) -> (Option<WordClass>, Option<RoleKind>) {
        self.words.get(norm).copied().unwrap_or_default()
    }

    /// The class of a function word, if it has one.
    pub(crate) fn class(&self, norm: &str) -> Option<WordClass> {
        self.word(norm).0
    }

    /// The gender a word tells (a pronoun, a title, an article, a role), if any.
    pub(crate) fn gender(&self, norm: &str) -> Option<Gender> {
        self.gender.get(norm).copied()
    }
}
