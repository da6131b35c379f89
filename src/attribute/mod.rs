//! Stage 2: attribute each quote to its speaker.
//!
//! Ordered sieves, most reliable first (the CoreNLP design of Muzny et al. 2017): each quote takes
//! the first rule that fires, and the row records it. A rule either finds a speaker phrase or says
//! "the previous speaker" (a continuation: "ha aggiunto", "he added"); when no rule fires the
//! speaker stays empty, since a blank is better than a wrong name.
//!
//! The rules, in run order, with their patterns and examples, are [`Rule`] and its table
//! [`RULES`] (the README shows the same table). The sieves run in the order of `SIEVES`, a
//! function each, named after the first rule it yields.

mod entities;
mod phrase;
pub mod rules;

use std::cell::{Cell, OnceCell};
use std::hash::BuildHasher;

use crate::lexicon::{CueForm, Gender, Lexicons, Modifier, RoleKind, WordClass};
use crate::model::Attribution;
use crate::text::normalise::normalise;
use crate::text::sentences::Doc;
use crate::text::token::Token;

use entities::Entities;
use phrase::{CueHit, Grammar, Np};
pub use rules::{Rule, RuleInfo, RULES};

/// What a sieve found for a quote.
enum Found {
    /// A speaker phrase.
    Speaker {
        np: Np,
        cue: Option<CueHit>,
        rule: Rule,
    },
    /// A cue with no subject: the previous speaker said it.
    Continuation { cue: Option<CueHit>, rule: Rule },
    /// A dialogue turn: the speaker of quote `of` (two turns before).
    Turn { of: usize },
    /// An interview answer: the speaker of the answer `of` before the question.
    Answer { of: usize },
}

/// How many paragraphs back a continuation may look for the previous speaker.
const CONTINUATION_PARAGRAPHS: u32 = 4;

/// How many tokens around a quote a rule reads (keeps work per quote bounded on huge sentences).
const MAX_WINDOW: usize = 80;

/// How far before a cue its subject may start, in tokens.
const MAX_SUBJECT_TOKENS: usize = 50;

/// How many quotes back a continuation looks for the previous speaker.
const MAX_QUOTES_BACK: usize = 100;

/// How many of a document's first quotes a headline quote is compared with.
const MAX_HEADLINE_SOURCES: usize = 1000;

/// How many tokens a parenthetical between a speaker and a cue may hold.
const MAX_PARENTHETICAL: usize = 40;

/// Attributes every quote of a document; one [`Attribution`] per quote, in order.
pub fn attribute(doc: &Doc, lex: &Lexicons) -> Vec<Attribution> {
    let g = Grammar::new(doc, lex);
    let ents = Entities::collect(&g);
    let paragraphs = doc.tokens.last().map_or(0, |t| t.para as usize + 1);
    let s = Sieves {
        g: &g,
        ents: &ents,
        headlines: vec![Cell::new(None); paragraphs],
    };
    let mut out: Vec<Attribution> = Vec::with_capacity(doc.quotes.len());
    // whether each quote's speaker is a person, and of which gender (a personal pronoun looks
    // back for a person of its own)
    let mut who: Vec<Who> = Vec::with_capacity(doc.quotes.len());
    for qi in 0..doc.quotes.len() {
        let found = s.run(qi, &out);
        let (attr, person) = match found {
            Some(Found::Speaker { np, cue, rule }) if !np.pronoun => {
                let (speaker, mention) = s.speaker_of(&np, doc.quote_tokens[qi].0);
                let person = s.who(&np);
                let attr = Attribution {
                    speaker,
                    mention,
                    cue: cue
                        .map(|c| g.text(c.start, c.end).to_string())
                        .unwrap_or_default(),
                    cue_weight: cue.map_or(0.0, |c| c.weight),
                    rule: Some(rule),
                };
                (attr, person)
            }
            Some(Found::Speaker { np, cue, rule }) => {
                // "he said", "ha detto lui": a personal pronoun wants a person of its gender
                let personal = s.g.class(np.start) == Some(WordClass::Pronoun);
                // ("il" is also impersonal, yet "Il dénonce" is still a man)
                let want = s.g.gender(np.start);
                s.continuation(qi, &out, &who, cue, rule, (personal, want))
            }
            Some(Found::Continuation { cue, rule }) => {
                // "a-t-elle ajouté": the pronoun joined to the verb has a gender
                let want = cue
                    .filter(|c| c.inverted)
                    .and_then(|c| s.g.gender_suffix(c.start));
                s.continuation(qi, &out, &who, cue, rule, (false, want))
            }
            Some(Found::Answer { of }) => {
                let attr = Attribution {
                    speaker: out[of].speaker.clone(),
                    rule: Some(Rule::InterviewAnswer),
                    ..Attribution::default()
                };
                (attr, who[of])
            }
            Some(Found::Turn { of }) => {
                let attr = Attribution {
                    speaker: out[of].speaker.clone(),
                    rule: Some(Rule::DialogueTurn),
                    ..Attribution::default()
                };
                (attr, who[of])
            }
            None => (Attribution::default(), Who::default()),
        };
        out.push(attr);
        who.push(person);
    }
    s.next_sentence_back(&mut out);
    s.headline_repeat(&mut out);
    // a name or a title in quotes is nobody's words, whatever a rule found around it
    for (qi, attr) in out.iter_mut().enumerate() {
        if !attr.speaker.is_empty() && (s.names_something(qi) || s.scare_quoted(qi)) {
            *attr = Attribution::default();
        }
    }
    out
}

/// What is known of a quote's speaker: whether a person, and their gender.
#[derive(Debug, Clone, Copy, Default)]
struct Who {
    person: bool,
    gender: Option<Gender>,
}

impl Who {
    /// False when a pronoun of gender `want` cannot point to this speaker.
    fn fits(self, want: Option<Gender>) -> bool {
        !matches!((want, self.gender), (Some(w), Some(g)) if w != g)
    }
}

struct Sieves<'s, 'd, 'a> {
    g: &'s Grammar<'d, 'a>,
    ents: &'s Entities<'a>,
    /// For each paragraph, whether it is headline-like, once asked.
    headlines: Vec<Cell<Option<bool>>>,
}

/// A sieve: what it finds for quote `qi`, given the attributions of the quotes before it.
type Sieve = fn(&Sieves<'_, '_, '_>, usize, &[Attribution]) -> Option<Found>;

/// The run order: the sieves, each with the rule it is named after (the first rule it yields, see
/// [`RULES`]). A quote takes the first that finds something; then [`Sieves::headline_repeat`]
/// goes over the whole document, since it compares a quote with those after it too.
const SIEVES: &[(Rule, Sieve)] = &[
    (Rule::AfterCue, |s, qi, _| s.after_cue(qi)),
    (Rule::BeforeCue, |s, qi, _| s.before_cue(qi)),
    (Rule::InsideDash, |s, qi, _| s.inside_dash(qi)),
    (Rule::ClauseSubject, |s, qi, _| s.clause_subject(qi)),
    (Rule::AfterCueFar, |s, qi, _| s.after_cue_far(qi)),
    (Rule::ParagraphIntro, |s, qi, _| s.paragraph_intro(qi)),
    (Rule::NextSentence, |s, qi, _| s.next_sentence(qi)),
    // the context of a quote that has no cue of its own
    (Rule::InterviewAnswer, |s, qi, done| {
        s.interview_answer(qi, done)
    }),
    (Rule::PreviousSentence, |s, qi, _| s.previous_sentence(qi)),
    (Rule::ParagraphContinuation, |s, qi, _| {
        s.paragraph_continuation(qi)
    }),
    (Rule::DialogueTurn, |s, qi, done| s.dialogue_turn(qi, done)),
];

impl Sieves<'_, '_, '_> {
    /// The first sieve's finding for quote `qi`, in the order of [`SIEVES`].
    fn run(&self, qi: usize, done: &[Attribution]) -> Option<Found> {
        SIEVES.iter().find_map(|(_, sieve)| sieve(self, qi, done))
    }

    fn tok(&self, i: usize) -> &Token<'_> {
        &self.g.doc.tokens[i]
    }

    /// True when token `i` is one of the punctuation marks `set` (false past the last token).
    fn is_punct(&self, i: usize, set: &[&str]) -> bool {
        (self.g.doc.tokens.get(i)).is_some_and(|t| !t.word && set.contains(&t.norm))
    }

    /// The canonical speaker and the mention for a speaker phrase.
    fn speaker_of(&self, np: &Np, at: usize) -> (String, String) {
        let g = self.g;
        let mention = g.text(np.start, np.end).to_string();
        let speaker = if np.joint {
            let (a, _) = np.names[0];
            let (_, b) = np.names[np.names.len() - 1];
            g.text(a, b).to_string()
        } else if let (Some(&(a, _)), true) = (np.names.first(), np.complement) {
            g.text(a, np.end).to_string()
        } else if let Some((h, b)) = self.org_name(np) {
            // "la Commissione Europea", "le Conseil Constitutionnel": the organisation noun is
            // part of the name
            g.text(h, b).to_string()
        } else if let Some(&(a, b)) = np.names.first() {
            self.ents.resolve_name(g, a, b)
        } else {
            self.ents
                .resolve_role(g, np, at)
                .unwrap_or_else(|| mention.clone())
        };
        (speaker, mention)
    }

    /// The span of an organisation's name that starts with its capitalised organisation noun
    /// ("Commissione Europea"), when the phrase's name follows that noun at once.
    fn org_name(&self, np: &Np) -> Option<(usize, usize)> {
        let (h, kind) = np.head?;
        let &(a, b) = np.names.first()?;
        (kind == RoleKind::Org && a == h + 1 && self.tok(h).cap).then_some((h, b))
    }

    /// True when a speaker phrase names a person (not an organisation or a place).
    fn is_person_np(&self, np: &Np) -> bool {
        let person_role = matches!(np.head, Some((_, RoleKind::Person)));
        // "Ms. May", "M. Dupont": a title before the name
        let titled = np.names.first().is_some_and(|&(a, _)| {
            (np.start..a).any(|k| self.g.class(k) == Some(WordClass::Abbr) && self.tok(k).cap)
        });
        np.joint
            || person_role
            || titled
            || np
                .names
                .first()
                .is_some_and(|&(a, b)| self.ents.is_person(self.g, a, b))
    }

    /// The speaker of a continuation, and whether it is a person: introduced just before (same
    /// or previous sentence), else the nearest subject since the previous attributed quote, else
    /// that quote's speaker, if it is near enough. With a `personal` pronoun ("he said") only
    /// persons qualify.
    fn continuation(
        &self,
        qi: usize,
        done: &[Attribution],
        who: &[Who],
        cue: Option<CueHit>,
        rule: Rule,
        (personal, want): (bool, Option<Gender>),
    ) -> (Attribution, Who) {
        let doc = self.g.doc;
        let os = doc.quote_tokens[qi].0;
        let para = self.tok(os).para;
        // what every outcome records: the cue, and the rule only when a speaker was found
        let with = |speaker: String, mention: String, person: Who| {
            let found = !speaker.is_empty();
            let attr = Attribution {
                speaker,
                mention,
                cue: cue
                    .map(|c| self.g.text(c.start, c.end).to_string())
                    .unwrap_or_default(),
                cue_weight: cue.map_or(0.0, |c| c.weight),
                rule: found.then_some(rule),
            };
            (attr, person)
        };
        let fits = |w: Who| (w.person || !personal) && w.fits(want);
        // the previous attributed quote (looking back a bounded number of quotes)
        let prev_attributed = (qi.saturating_sub(MAX_QUOTES_BACK)..qi)
            .rev()
            .find(|&j| !done[j].speaker.is_empty() && fits(who[j]));
        // where it ends: a speaker named after it is more recent
        let prev_quote_end = prev_attributed.map_or(0, |j| doc.quote_tokens[j].1);
        // a speaker introduced earlier in the same sentence ("X ha precisato che …: «…», ha
        // sottolineato"), or in the sentence before, after the previous quote; else the nearest
        // person named as a subject since the previous quote ("Lonechild said she … “…,” she said")
        let intro = match self.clause(os, doc.sentence_of(os).0) {
            Some(Found::Speaker { np, .. }) if !np.pronoun => Some(np),
            _ => self
                .previous_sentence_intro(os)
                .filter(|np| np.start >= prev_quote_end),
        }
        .filter(|np| (!personal || self.is_person_np(np)) && self.fits(np, want))
        .or_else(|| self.nearest_subject(os, prev_quote_end, personal, want));
        if let Some(np) = intro {
            let (speaker, mention) = self.speaker_of(&np, os);
            return with(speaker, mention, self.who(&np));
        }
        let prev = prev_attributed
            .filter(|&j| para - self.tok(doc.quote_tokens[j].0).para <= CONTINUATION_PARAGRAPHS);
        match prev {
            Some(j) => with(done[j].speaker.clone(), String::new(), who[j]),
            None => with(String::new(), String::new(), Who::default()),
        }
    }

    /// False when a pronoun of gender `want` cannot point to the speaker phrase `np` (the
    /// gender is only looked up when the pronoun has one).
    fn fits(&self, np: &Np, want: Option<Gender>) -> bool {
        want.is_none() || self.who(np).fits(want)
    }

    /// Whether a speaker phrase names a person, and of which gender (its pronoun, its title or
    /// article and role, or what the document writes before its name elsewhere).
    fn who(&self, np: &Np) -> Who {
        let gender = if np.pronoun {
            self.g.gender(np.start)
        } else {
            self.g.np_gender(np).or_else(|| {
                np.names
                    .first()
                    .and_then(|&(a, b)| self.ents.gender(self.g, a, b))
            })
        };
        Who {
            person: self.is_person_np(np),
            gender,
        }
    }

    /// A speaker phrase right after a cue (skipping adverbs and one parenthetical between commas).
    fn np_after_cue(&self, c: &CueHit, limit: usize) -> Option<Np> {
        if c.inverted || c.form == CueForm::Addressed {
            return None;
        }
        let j = self.g.skip_adverbs(c.end, limit);
        if let Some(np) = self.g.np_at(j, limit) {
            return Some(np);
        }
        if j < limit && self.is_punct(j, &[","]) {
            let p = (j + 1..limit.min(j + 12)).find(|&p| self.is_punct(p, &[","]))?;
            return self.g.np_at(self.g.skip_adverbs(p + 1, limit), limit);
        }
        // "a écrit dans un message aux habitants le cardinal X.": a speaker phrase that closes the
        // clause after a short prepositional phrase (verbs only: "secondo X" names X at once)
        if matches!(c.form, CueForm::According | CueForm::Lead) {
            return None;
        }
        let ends_clause = |e: usize| e >= limit || !self.tok(e).word;
        for k in j + 1..limit.min(j + 9) {
            // "a indiqué sur Twitter, le porte-parole …": a comma may close the phrase
            if self.is_punct(k, &[","]) {
                continue;
            }
            if !self.tok(k).word {
                return None;
            }
            // a phrase opens with an article, a name or a capitalised role ("la stessa
            // Commissione Europea")
            let starts = self.g.class(k) == Some(WordClass::Det)
                || self.g.is_name_token(k)
                || (self.tok(k).cap && self.g.role(k).is_some_and(|r| r != RoleKind::Title));
            let governed = matches!(
                self.g.class(k - 1),
                Some(WordClass::Of | WordClass::Link | WordClass::Stop | WordClass::Det)
            );
            if !starts || governed {
                continue;
            }
            if let Some(np) = self
                .g
                .np_at(k, limit)
                .filter(|np| ends_clause(np.end) && !np.pronoun)
            {
                return Some(np);
            }
        }
        None
    }

    /// The first token after a closed quote's closing mark, when text follows it.
    fn after_close(&self, qi: usize) -> Option<usize> {
        let doc = self.g.doc;
        let (_, ce) = doc.quote_tokens[qi];
        (!doc.quotes[qi].unclosed && ce > 0 && ce < doc.tokens.len()).then_some(ce)
    }

    /// «…», ha detto X  /  “…”.secondo X; else [`Self::after_dash`], [`Self::after_speaker_cue`].
    fn after_cue(&self, qi: usize) -> Option<Found> {
        let doc = self.g.doc;
        let ce = self.after_close(qi)?;
        let (_, limit) = doc.sentence_of(ce - 1);
        let limit = self.before_next_quote(ce, limit);
        let mut k = ce;
        let mut skipped = 0;
        while k < limit && skipped < 2 && self.is_punct(k, &[",", ".", "–", "—", "-", ";"]) {
            k += 1;
            skipped += 1;
        }
        if k < limit && self.g.class(k) == Some(WordClass::Clitic) {
            k += 1;
        }
        if let Some(c) = self.g.cue_at(k, limit) {
            if c.form == CueForm::Lead {
                return None;
            }
            if let Some(np) = self.np_after_cue(&c, limit) {
                return Some(Found::Speaker {
                    np,
                    cue: Some(c),
                    rule: Rule::AfterCue,
                });
            }
            if c.form != CueForm::According {
                return Some(Found::Continuation {
                    cue: Some(c),
                    rule: Rule::AfterCueContinuation,
                });
            }
            return None;
        }
        self.speech_noun(k, limit)
            .or_else(|| self.after_dash(ce, k, limit))
            .or_else(|| self.after_speaker_cue(k, limit))
    }

    /// «…», la replica di X / “…,” the statement from X: a speech noun after the quote.
    fn speech_noun(&self, k: usize, limit: usize) -> Option<Found> {
        let (cue, np) = self.g.speech_at(k, limit)?;
        Some(Found::Speaker {
            np,
            cue: Some(cue),
            rule: Rule::SpeechNoun,
        })
    }

    /// “…” – Rovers manager Karl Lindqvist: a dash, then a phrase that ends the line (`k` is the
    /// first token after the marks that follow the closing mark's end `ce`).
    fn after_dash(&self, ce: usize, k: usize, limit: usize) -> Option<Found> {
        if k > ce && k < limit && self.is_punct(k - 1, &["–", "—"]) {
            let (_, para_end) = self.paragraph_range(self.tok(k).para);
            if let Some(np) = self.g.np_at(k, para_end) {
                let ends = np.end == para_end || self.is_punct(np.end, &[",", "."]);
                if ends && !np.pronoun && (!np.names.is_empty() || np.head.is_some()) {
                    return Some(Found::Speaker {
                        np,
                        cue: None,
                        rule: Rule::AfterDash,
                    });
                }
            }
        }
        None
    }

    /// «…», X ha detto  /  “…,” X said: a speaker phrase at `k`, after the closing mark, then its
    /// cue.
    fn after_speaker_cue(&self, k: usize, limit: usize) -> Option<Found> {
        let np = self.g.np_at(k, limit)?;
        let mut e = self.g.skip_adverbs(np.end, limit);
        // “…,” Bill Sims, the city's director of engineering, said
        if e < limit && self.is_punct(e, &[","]) && !np.names.is_empty() {
            if let Some(p) =
                (e + 1..limit.min(e + MAX_PARENTHETICAL)).find(|&p| self.is_punct(p, &[","]))
            {
                e = self.g.skip_adverbs(p + 1, limit);
            }
        }
        let c = self.g.cue_at(e, limit)?;
        if matches!(c.form, CueForm::According | CueForm::Lead) {
            return None;
        }
        Some(Found::Speaker {
            np,
            cue: Some(c),
            rule: Rule::AfterSpeakerCue,
        })
    }

    /// The first token at or after `from` (before `limit`) that opens another quote, or `limit`.
    fn before_next_quote(&self, from: usize, limit: usize) -> usize {
        let limit = limit.min(from + MAX_WINDOW);
        (from..limit)
            .find(|&k| self.tok(k).quote != 0)
            .unwrap_or(limit)
    }

    /// X ha detto: «…»; else [`Self::before_according`] (Secondo X, «…»), [`Self::colon`].
    fn before_cue(&self, qi: usize) -> Option<Found> {
        let doc = self.g.doc;
        let (os, _) = doc.quote_tokens[qi];
        if os == 0 || self.tok(os - 1).para != self.tok(os).para {
            return None;
        }
        let (ss, _) = doc.sentence_of(os);
        let mut b = os;
        let colon = self.is_punct(b - 1, &[":"]);
        if self.is_punct(b - 1, &[":", ","]) || self.g.class(b - 1) == Some(WordClass::That) {
            b -= 1;
        }
        if b <= ss {
            return None;
        }
        // a cue that ends right before the mark
        let cue = (b.saturating_sub(8).max(ss)..b).find_map(|s| {
            self.g
                .cue_at(s, b)
                .filter(|c| c.end == b && self.tok(s).quote == 0)
        });
        if let Some(c) = cue {
            if matches!(c.form, CueForm::According | CueForm::Lead) {
                return None;
            }
            if let Some(np) = self.subject_before(c.start, ss) {
                return Some(Found::Speaker {
                    np,
                    cue: Some(c),
                    rule: Rule::BeforeCue,
                });
            }
            return self.subjectless(c, ss, os, Rule::BeforeCueContinuation);
        }
        // a colon or a comma before the quote (not "che"): a phrase that ends there may speak
        if b < os && !self.tok(b).word {
            let found = self.before_according(ss, b);
            if found.is_some() {
                return found;
            }
        }
        if colon {
            return self.colon(ss, b);
        }
        None
    }

    /// Secondo X, «…» / Per X, «…» / ha detto il ministro: «…»: a cue, then a speaker phrase that
    /// ends at `b`, the mark before the quote (an according-to cue is a before_according, a verb
    /// a before_cue).
    fn before_according(&self, ss: usize, b: usize) -> Option<Found> {
        for s in (ss..b).rev().take(16) {
            if self.tok(s).quote != 0 {
                break;
            }
            let Some(c) = self.g.cue_at(s, b) else {
                continue;
            };
            let Some(np) = self.np_after_cue(&c, b) else {
                continue;
            };
            if np.end != b {
                continue;
            }
            let rule = match c.form {
                CueForm::According | CueForm::Lead => Rule::BeforeAccording,
                _ => Rule::BeforeCue,
            };
            // "Bianchi attacca il governo:": a verb with a subject before it has its object after,
            // unless the object is somebody's words ("riporta le parole di X:")
            let quoted = self.g.speech_at(c.end, b).is_some_and(|(_, o)| o.end == b);
            let np = match rule {
                Rule::BeforeCue if !quoted => self.subject_before(c.start, ss).unwrap_or(np),
                _ => np,
            };
            return Some(Found::Speaker {
                np,
                cue: Some(c),
                rule,
            });
        }
        None
    }

    /// Trump: «…» / Trump su Meloni: «…» / …, Dmitri Peskov: «…» — a name, then the colon at `b`.
    fn colon(&self, ss: usize, b: usize) -> Option<Found> {
        let first = (ss..b).find(|&k| self.tok(k).word)?;
        for s in first..b {
            // "La replica di X: «…»", "Il Foglio riporta le parole di X: «…»"
            if let Some((cue, np)) = self.g.speech_at(s, b).filter(|(_, np)| np.end == b) {
                return Some(Found::Speaker {
                    np,
                    cue: Some(cue),
                    rule: Rule::Colon,
                });
            }
            if s != first && !self.is_punct(s - 1, &[","]) {
                continue;
            }
            let Some(np) = self
                .g
                .np_at(s, b)
                .filter(|np| !np.names.is_empty() || (s == first && np.head.is_some()))
            else {
                continue;
            };
            let about = s == first
                && np.end < b
                && self.g.class(np.end) == Some(WordClass::Stop)
                && self.g.np_at(np.end + 1, b).is_some_and(|o| o.end == b);
            if np.end == b || about {
                return Some(Found::Speaker {
                    np,
                    cue: None,
                    rule: Rule::Colon,
                });
            }
        }
        self.colon_clause(first, b)
    }

    /// Bianchi è favorevole: «…» / Lund, a nurse, was blunt: “…” / La ministre a été claire : «…»:
    /// a short clause with no cue before the colon; its subject, which opens the sentence
    /// before the predicate.
    fn colon_clause(&self, first: usize, b: usize) -> Option<Found> {
        let start = (first..b)
            .find(|&k| !matches!(self.g.class(k), Some(WordClass::Adverb | WordClass::And)))?;
        let np = self.g.np_at(start, b).filter(|np| !np.pronoun)?;
        if np.names.is_empty() && np.head.is_none() {
            return None;
        }
        let mut e = self.g.skip_adverbs(np.end, b);
        // an apposition: "Lund, a nurse, was blunt"
        if self.is_punct(e, &[","]) {
            let close =
                (e + 1..b.min(e + MAX_PARENTHETICAL)).find(|&p| self.is_punct(p, &[","]))?;
            e = self.g.skip_adverbs(close + 1, b);
        }
        // the predicate starts: a lowercase content word (a verb, as far as the lexicons can
        // tell), an auxiliary, an object pronoun or a negation ("Rossi non ci sta:")
        let predicate = e < b
            && self.tok(e).word
            && !self.tok(e).cap
            && (matches!(
                self.g.class(e),
                None | Some(WordClass::Aux | WordClass::Clitic)
            ) || self.is_negator(e));
        // a clause with a cue is clause_subject's
        let short =
            b - e <= 20 && (e..b).all(|k| self.tok(k).quote == 0 && self.g.cue_at(k, b).is_none());
        (predicate && short).then_some(Found::Speaker {
            np,
            cue: None,
            rule: Rule::ColonClause,
        })
    }

    /// True when token `k` is a negator of the modifiers lexicon ("non", "not", "ne").
    fn is_negator(&self, k: usize) -> bool {
        self.g
            .lex
            .modifiers
            .longest_at(&self.g.doc.tokens, k)
            .is_some_and(|m| matches!(m.value, Modifier::Negator(_)))
    }

    /// What a cue with no subject of its own means: a gerund takes the sentence's subject, a cue
    /// at the start of its clause continues the previous speaker.
    fn subjectless(&self, c: CueHit, ss: usize, end: usize, rule: Rule) -> Option<Found> {
        if c.form == CueForm::Gerund {
            return self.gerund_subject(ss, end, Some(c));
        }
        // "X n'a pas confirmé mais a souligné …": after "but", as after "and", a second verb of
        // the sentence's subject
        let contrast = c.start > ss
            && self
                .g
                .lex
                .modifiers
                .longest_at(&self.g.doc.tokens, c.start - 1)
                .is_some_and(|m| m.len == 1 && matches!(m.value, Modifier::Contrast(_)));
        if contrast {
            return self.gerund_subject(ss, end, Some(c));
        }
        match c.start.checked_sub(1).and_then(|k| self.g.class(k)) {
            Some(WordClass::Pronoun) => return Some(Found::Continuation { cue: Some(c), rule }),
            // "X, ha rilevato …, e ha precisato": a second verb of the sentence's subject
            Some(WordClass::And) => return self.gerund_subject(ss, end, Some(c)),
            // "avant d'ajouter", "prima di dire": an infinitive after a preposition, likewise
            Some(WordClass::Stop) if self.g.class(c.start) == Some(WordClass::Of) => {
                return self.gerund_subject(ss, end, Some(c))
            }
            // "après l'avoir accusé de « … »": the same after an object pronoun
            Some(WordClass::Clitic | WordClass::Det)
                if c.start > 1 && self.g.class(c.start - 2) == Some(WordClass::Stop) =>
            {
                return self.gerund_subject(ss, end, Some(c))
            }
            _ => {}
        }
        // "E ha aggiunto", "Che poi precisa" (a relative pointing back to the last sentence)
        let clause_start = (ss..c.start).all(|k| {
            let t = self.tok(k);
            !t.word
                || t.quote != 0
                || matches!(
                    self.g.class(k),
                    Some(WordClass::Adverb | WordClass::And | WordClass::That)
                )
        });
        if clause_start {
            return Some(Found::Continuation { cue: Some(c), rule });
        }
        None
    }

    /// A gerund's subject is the subject of its sentence, if the sentence opens with one;
    /// otherwise it continues the previous speaker.
    fn gerund_subject(&self, ss: usize, end: usize, cue: Option<CueHit>) -> Option<Found> {
        // "X a estimé que «…», ajoutant que «…»": the speaker of the verb cue it hangs on
        if let Some(found) = cue.and_then(|c| self.hung_on(c, ss)) {
            return Some(found);
        }
        let ss = ss.max(end.saturating_sub(MAX_WINDOW));
        let first = (ss..end).find(|&k| self.tok(k).word && self.tok(k).quote == 0)?;
        // the sentence's opening phrase, or else its first name ("Il critico Massimo Ferri ha …")
        let opening = self.g.np_at(first, end).or_else(|| {
            (first..end)
                .filter(|&k| self.tok(k).quote == 0)
                .find_map(|k| self.g.np_at(k, end).filter(|np| !np.names.is_empty()))
        });
        if let Some(np) = opening {
            let mut e = self.g.skip_adverbs(np.end, end);
            if e < end && self.is_punct(e, &[","]) {
                // "X, un porte-parole du ministère, n'a pas confirmé": past an apposition
                e = (e + 1..end.min(e + MAX_PARENTHETICAL))
                    .find(|&p| self.is_punct(p, &[","]))
                    .map_or(e + 1, |p| p + 1);
            }
            // a negation or an object pronoun before the verb ("n'a pas", "non ha", "l'ha")
            while e < end && (self.is_negator(e) || self.g.class(e) == Some(WordClass::Clitic)) {
                e += 1;
            }
            let verb_follows = e < end
                && (self.g.class(e) == Some(WordClass::Aux) || self.g.cue_at(e, end).is_some());
            if verb_follows {
                return Some(Found::Speaker {
                    np,
                    cue,
                    rule: Rule::GerundSubject,
                });
            }
        }
        Some(Found::Continuation {
            cue,
            rule: Rule::GerundContinuation,
        })
    }

    /// The verb cue a gerund (or a second verb) at `c` hangs on: the nearest verb cue before it
    /// in the sentence, with its subject ("X a estimé qu'«…», ajoutant"), or the previous speaker
    /// when that cue's pronoun is joined to it ("«…», avait-il affirmé, ajoutant"). It looks at
    /// one cue and calls no other rule, so that a long chain of "e dice" cannot recurse.
    fn hung_on(&self, c: CueHit, ss: usize) -> Option<Found> {
        let lowest = c.start.saturating_sub(60).max(ss);
        for k in (lowest..c.start).rev() {
            if self.tok(k).quote != 0 {
                continue;
            }
            let Some(v) = self.g.cue_at(k, c.start) else {
                continue;
            };
            if matches!(v.form, CueForm::According | CueForm::Lead | CueForm::Gerund) {
                continue;
            }
            if v.inverted {
                return Some(Found::Continuation {
                    cue: Some(c),
                    rule: Rule::GerundContinuation,
                });
            }
            return self
                .subject_before(v.start, ss)
                .filter(|np| !np.pronoun)
                .map(|np| Found::Speaker {
                    np,
                    cue: Some(c),
                    rule: Rule::GerundSubject,
                });
        }
        None
    }

    /// The subject of a cue that starts at `cs`: a phrase that ends right before it (adverbs, an
    /// object pronoun, a relative "che", or one parenthetical between commas allowed in between).
    fn subject_before(&self, cs: usize, ss: usize) -> Option<Np> {
        // "l'ha definita", "ne ha parlato": an object pronoun between subject and cue
        let cs_eff = if cs > ss
            && matches!(
                self.g.class(cs - 1),
                Some(WordClass::Clitic | WordClass::Det)
            ) {
            cs - 1
        } else {
            cs
        };
        // adverbs and a negation may stand between subject and cue ("X n'a pas confirmé")
        let reaches = |k: usize| {
            let mut e = self.g.skip_adverbs(k, cs);
            while e < cs && self.is_negator(e) {
                e = self.g.skip_adverbs(e + 1, cs);
            }
            e == cs || e == cs_eff
        };
        let mut loose: Option<Np> = None;
        let lowest = cs.saturating_sub(MAX_SUBJECT_TOKENS).max(ss);
        // a subject never spans a quote: start after the last quoted token before the cue
        let first = (lowest..cs)
            .rev()
            .find(|&k| self.tok(k).quote != 0)
            .map_or(lowest, |k| k + 1);
        for s in first..cs {
            if !self.tok(s).word {
                continue;
            }
            // a phrase after a preposition or an article is an object, not the subject
            let governed = s > ss
                && matches!(
                    self.g.class(s - 1),
                    Some(
                        WordClass::Of
                            | WordClass::Link
                            | WordClass::Stop
                            | WordClass::Det
                            | WordClass::Particle
                    )
                );
            let Some(np) = self.g.np_at(s, cs_eff) else {
                continue;
            };
            if reaches(np.end) && !governed {
                return Some(np);
            }
            // "una fonte vicina al dossier ha spiegato", "researchers at the university said": a
            // description with a prepositional phrase, printed whole; "Rita Moss with the
            // water board says": a name with one, the name
            if !governed && (np.head.is_some() || !np.names.is_empty()) {
                if let Some(end) = self.description_pp(np.end, cs_eff) {
                    return Some(if np.names.is_empty() {
                        Np { end, ..np }
                    } else {
                        np
                    });
                }
            }
            // a relative clause: "X che chiede", "X, che ha ricordato"
            let mut e = np.end;
            if e < cs && self.is_punct(e, &[","]) {
                e += 1;
            }
            if e < cs && self.g.class(e) == Some(WordClass::That) && reaches(e + 1) {
                return Some(np);
            }
            if loose.is_none() && !governed && self.is_punct(np.end, &[","]) {
                // "Bill e Hillary Clinton, ha espresso …"; "Kim, durante un test, ha detto …"
                let closing = (np.end..cs)
                    .rev()
                    .find(|&p| self.is_punct(p, &[","]))
                    .filter(|&p| p - np.end <= MAX_PARENTHETICAL && reaches(p + 1));
                if closing.is_some() {
                    loose = Some(np);
                }
            }
        }
        loose
    }

    /// A quote that opens the paragraph after a question ("Cosa pensa di …?") answers it: the
    /// interviewee speaks, who gave the answer before the question, or, at the first answer, the
    /// person the paragraph before the question introduced ("Mario Rossi, economista, …").
    fn interview_answer(&self, qi: usize, done: &[Attribution]) -> Option<Found> {
        let doc = self.g.doc;
        let (os, _) = doc.quote_tokens[qi];
        let para = self.tok(os).para;
        let opens = |k: usize| k == 0 || self.tok(k - 1).para != self.tok(k).para;
        if !opens(os) || para < 2 || !self.question_paragraph(para - 1) {
            return None;
        }
        // an answer fills its paragraph: "«…» era lo slogan" after a rhetorical question is not one
        let (_, pe) = self.paragraph_range(para);
        let (_, ce) = doc.quote_tokens[qi];
        if (ce..pe).any(|k| self.tok(k).word && self.tok(k).quote == 0) {
            return None;
        }
        let (qa, _) = self.paragraph_range(para - 1);
        // the previous quote before the question (which may hold quoted words of its own): an
        // answer two paragraphs up, or none since the intro
        let before = (qi.saturating_sub(MAX_QUOTES_BACK)..qi)
            .rev()
            .find(|&j| self.tok(doc.quote_tokens[j].0).para + 1 < para);
        let (ia, _) = self.paragraph_range(para - 2);
        let mut from = ia;
        if let Some(j) = before {
            let (js, je) = doc.quote_tokens[j];
            if self.tok(js).para + 2 == para {
                if opens(js) && !done[j].speaker.is_empty() {
                    return Some(Found::Answer { of: j });
                }
                from = je;
            }
        }
        let np = self.last_person(from, qa)?;
        Some(Found::Speaker {
            np,
            cue: None,
            rule: Rule::InterviewAnswer,
        })
    }

    /// The last person named between tokens `a` and `b`, outside quotes ("Ne abbiamo parlato con
    /// Mario Rossi, economista").
    fn last_person(&self, a: usize, b: usize) -> Option<Np> {
        let mut found = None;
        let mut k = a.max(b.saturating_sub(MAX_WINDOW * 2));
        while k < b {
            let np = (self.tok(k).quote == 0 && self.tok(k).word)
                .then(|| self.g.np_at(k, b))
                .flatten()
                .filter(|np| !np.pronoun && !np.joint);
            match np {
                Some(np) => {
                    k = np.end.max(k + 1);
                    if np
                        .names
                        .first()
                        .is_some_and(|&(x, y)| self.ents.is_person(self.g, x, y))
                    {
                        found = Some(np);
                    }
                }
                None => k += 1,
            }
        }
        found
    }

    /// True when paragraph `para` is a question: it ends with "?" outside quotes.
    fn question_paragraph(&self, para: u32) -> bool {
        let (a, b) = self.paragraph_range(para);
        self.g.doc.tokens[a..b]
            .last()
            .is_some_and(|t| t.is("?") && t.quote == 0)
    }

    /// The token range of paragraph `para`.
    fn paragraph_range(&self, para: u32) -> (usize, usize) {
        let toks = &self.g.doc.tokens;
        (
            toks.partition_point(|t| t.para < para),
            toks.partition_point(|t| t.para <= para),
        )
    }

    /// When the words from `e` to `cs` are one short prepositional phrase (a preposition, then
    /// at most five words with no cue, auxiliary or punctuation), `cs`.
    fn description_pp(&self, e: usize, cs: usize) -> Option<usize> {
        let preposition = matches!(
            self.g.class(e),
            Some(WordClass::Stop | WordClass::Of | WordClass::Link)
        );
        let plain = |k: usize| {
            self.tok(k).word
                && self.tok(k).quote == 0
                && !matches!(self.g.class(k), Some(WordClass::Aux | WordClass::That))
                && self.g.cue_at(k, cs).is_none()
        };
        (preposition && cs > e + 1 && cs - e <= 6 && (e..cs).all(plain)).then_some(cs)
    }

    /// True when quote `qi` is a name or a title inside a sentence, not somebody's words: one to
    /// four words, all capitalised, after a word of its sentence and not after a colon
    /// ("secondo la «Gazzetta Nord»", "the 'Blue Harbour' club").
    fn names_something(&self, qi: usize) -> bool {
        let doc = self.g.doc;
        let q = &doc.quotes[qi];
        if q.unclosed || q.dialogue {
            return false;
        }
        let (os, ce) = doc.quote_tokens[qi];
        // one walk over the quote's own tokens, given up at the first that rules it out
        let mut words = 0;
        for k in os..ce {
            let t = self.tok(k);
            if t.start < q.start || t.end > q.end {
                continue;
            }
            let fits = if t.word {
                words += 1;
                t.cap && words <= 4
            } else {
                self.is_punct(k, &["-", "'", "&"])
            };
            if !fits {
                return false;
            }
        }
        words > 0 && !self.opens_sentence(os) && !self.is_punct(os.wrapping_sub(1), &[":"])
    }

    /// True when the words right before quote `qi`'s opening mark call it a scare quote ("a
    /// so-called “…”", "il cosiddetto «…»": the `scare` entries of the cue lexicon).
    fn scare_quoted(&self, qi: usize) -> bool {
        let toks = &self.g.doc.tokens;
        let (os, _) = self.g.doc.quote_tokens[qi];
        // the last word before the opening mark
        let Some(last) = (os.saturating_sub(3)..os)
            .rev()
            .find(|&k| toks[k].word && toks[k].quote == 0)
        else {
            return false;
        };
        (last.saturating_sub(2)..=last).any(|k| {
            self.g
                .lex
                .scare
                .longest_at(toks, k)
                .is_some_and(|m| k + m.len == last + 1)
        })
    }

    /// True when no word comes before token `os` in its sentence.
    fn opens_sentence(&self, os: usize) -> bool {
        let (ss, _) = self.g.doc.sentence_of(os);
        !(ss..os).any(|k| self.tok(k).word)
    }

    /// A quote that opens its sentence inherits a speaker introduced in the sentence before
    /// ("… le parole del ministro Wang Yi. «…»").
    fn previous_sentence(&self, qi: usize) -> Option<Found> {
        let (os, _) = self.g.doc.quote_tokens[qi];
        if !self.opens_sentence(os) {
            return None;
        }
        let np = self.previous_sentence_intro(os)?;
        Some(Found::Speaker {
            np,
            cue: None,
            rule: Rule::PreviousSentence,
        })
    }

    /// A quote that opens its sentence, with no speaker introduced before it, continues the
    /// previous quote's speaker in the same paragraph.
    fn paragraph_continuation(&self, qi: usize) -> Option<Found> {
        let doc = self.g.doc;
        let (os, _) = doc.quote_tokens[qi];
        if !self.opens_sentence(os) {
            return None;
        }
        let prev = qi.checked_sub(1)?;
        // the previous quote of the paragraph, or of the paragraph before when this quote opens
        // its paragraph (a speech that goes on: "…," Fiddler said.¶ "Policing …")
        let para = self.tok(os).para;
        let prev_para = self.tok(doc.quote_tokens[prev].0).para;
        let opens_paragraph = os == 0 || self.tok(os - 1).para != para;
        let across = opens_paragraph
            && prev_para + 1 == para
            && !doc.quotes[qi].dialogue
            && !self.in_headline(os);
        if prev_para == para || across {
            return Some(Found::Continuation {
                cue: None,
                rule: Rule::ParagraphContinuation,
            });
        }
        None
    }

    /// The last person named in subject position (at the start of a clause, or before a verb)
    /// between token `from` and the quote at `os`, within the same or the previous paragraph.
    fn nearest_subject(
        &self,
        os: usize,
        from: usize,
        personal: bool,
        want: Option<Gender>,
    ) -> Option<Np> {
        let doc = self.g.doc;
        let para = self.tok(os).para;
        let mut k = from.max(os.saturating_sub(MAX_WINDOW * 4));
        // (phrase, sentence, in subject position)
        let mut found: Option<(Np, u32, bool)> = None;
        while k < os {
            let t = self.tok(k);
            if t.quote != 0 || t.para + 2 < para || !t.word || self.in_headline(k) {
                k += 1;
                continue;
            }
            let Some(np) = self.g.np_at(k, os).filter(|np| !np.joint && !np.pronoun) else {
                k += 1;
                continue;
            };
            let (ss, _) = doc.sentence_of(k);
            // a clause starts after punctuation or "that" ("it was only recently that X found")
            let clause_start = k == ss
                || (k > 0
                    && (self.is_punct(k - 1, &[",", ";", ":"])
                        || self.g.class(k - 1) == Some(WordClass::That)));
            let e = self.g.skip_adverbs(np.end, os);
            // an auxiliary written apart ("'s" after a name is a possessive more often than not)
            let aux = e < os
                && self.g.class(e) == Some(WordClass::Aux)
                && !self.tok(e).norm.starts_with('\'');
            let verb_cue = e < os
                && self
                    .g
                    .cue_at(e, os)
                    .is_some_and(|c| !matches!(c.form, CueForm::According | CueForm::Lead));
            let before_verb = aux || verb_cue;
            // a person introduced with a description ("Leeds accountant X", "Moreau's
            // partner, X") is the likely next speaker wherever the phrase stands
            // … or followed by a relative clause ("For Espinos, who understands …")
            // (or "c'est X qui s'est exprimé", "X che ha detto")
            let relative = (self.is_punct(np.end, &[","])
                && self.g.class(np.end + 1) == Some(WordClass::That))
                || self.g.class(np.end) == Some(WordClass::That);
            // (a complement after the name, "Lindqvist for years", introduces nobody)
            let introduced =
                np.head.is_some() || (!np.mods.is_empty() && !np.complement) || relative;
            let subject = clause_start || before_verb;
            // a person, or an organisation phrase that is the subject of a verb ("le cabinet de
            // Gérald Darmanin dément"); names inside a phrase are not looked at on their own
            let person = np
                .names
                .first()
                .is_some_and(|&(a, b)| self.ents.is_person(self.g, a, b));
            let org_subject = !personal
                && np.names.is_empty()
                && matches!(np.head, Some((_, RoleKind::Org)))
                && clause_start
                && verb_cue;
            // "Her father was at the stove": a person named by a role, as the subject of a verb
            let role_subject = np.names.is_empty()
                && matches!(np.head, Some((_, RoleKind::Person)))
                && clause_start
                && before_verb;
            let fits = || self.fits(&np, want);
            if ((person && (subject || introduced)) || org_subject || role_subject) && fits() {
                let sent = self.tok(k).sent;
                // an object named after the subject of the same sentence does not replace it
                let keep = matches!(&found, Some((_, s, true)) if *s == sent && !subject);
                if !keep {
                    found = Some((np.clone(), sent, subject));
                }
            }
            k = np.end.max(k + 1);
        }
        found.map(|(np, _, _)| np)
    }

    /// A dialogue turn with no tag of its own is said by whoever spoke two turns before (turns
    /// alternate).
    fn dialogue_turn(&self, qi: usize, done: &[Attribution]) -> Option<Found> {
        let doc = self.g.doc;
        if qi < 1 || !doc.quotes[qi].dialogue || !doc.quotes[qi - 1].dialogue {
            return None;
        }
        let para = |j: usize| self.tok(doc.quote_tokens[j].0).para;
        let last = &done[qi - 1].speaker;
        if last.is_empty() {
            return None;
        }
        // the latest other voice of the exchange (a few turns back, in nearby paragraphs)
        let other = (qi.saturating_sub(8)..qi - 1)
            .rev()
            .take_while(|&j| para(qi) - para(j) <= 8)
            .find(|&j| !done[j].speaker.is_empty() && done[j].speaker != *last)?;
        Some(Found::Turn { of: other })
    }

    /// A speaker introduced by the sentence before token `os`'s (in the same or the previous
    /// paragraph, holding no quote): the subject of a cue, or a name written with its role.
    fn previous_sentence_intro(&self, os: usize) -> Option<Np> {
        let doc = self.g.doc;
        let (ss, _) = doc.sentence_of(os);
        if ss == 0 {
            return None;
        }
        let (ps, pe) = doc.sentence_of(ss - 1);
        if self.tok(ps).para + 1 < self.tok(os).para || (ps..pe).any(|k| self.tok(k).quote != 0) {
            return None;
        }
        // a question names the people it asks about, not the one who answers
        if self.is_punct(pe - 1, &["?"]) {
            return None;
        }
        let ps = ps.max(pe.saturating_sub(MAX_WINDOW));
        for k in (ps..pe).rev() {
            let Some(c) = self.g.cue_at(k, pe) else {
                continue;
            };
            // the phrases around a gerund are its objects ("a diffusé une note invitant la
            // région à …")
            if matches!(c.form, CueForm::According | CueForm::Lead | CueForm::Gerund) {
                continue;
            }
            if let Some(np) = self
                .subject_before(c.start, ps)
                .or_else(|| self.np_after_cue(&c, pe))
            {
                if !np.pronoun {
                    return Some(np);
                }
            }
        }
        // no cue: the person the sentence names, its subject first
        self.nearest_subject(pe, ps, false, None)
    }

    /// «A - ha detto X - B»  /  «A, ha aggiunto, B»
    fn inside_dash(&self, qi: usize) -> Option<Found> {
        let doc = self.g.doc;
        let (os, ce) = doc.quote_tokens[qi];
        let inner_end = if doc.quotes[qi].unclosed || doc.quotes[qi].dialogue {
            ce
        } else {
            ce.saturating_sub(1)
        };
        const DASHES: &[&str] = &["-", "–", "—"];
        for k in os + 1..inner_end {
            let dash = self.is_punct(k, DASHES) && self.tok(k).space_before;
            if !dash && !self.is_punct(k, &[",", "?", "!"]) {
                continue;
            }
            let Some(c) = self.g.cue_at(k + 1, inner_end) else {
                continue;
            };
            if matches!(c.form, CueForm::According | CueForm::Lead | CueForm::Gerund) {
                continue;
            }
            let closers: &[&str] = if dash {
                DASHES
            } else {
                &[",", ".", "?", "!", ";"]
            };
            let Some(close) =
                (c.end..inner_end.min(c.end + 14)).find(|&p| self.is_punct(p, closers))
            else {
                continue;
            };
            let j = self.g.skip_adverbs(c.end, close);
            let speaker = |np: Np| Found::Speaker {
                np,
                cue: Some(c),
                rule: Rule::InsideDash,
            };
            // between dashes the phrase fills the incise; after a comma it may be followed by more
            // ("? demanda Paul au bout d'un moment.")
            let fills = |np: &Np| np.end == close || (!dash && !np.names.is_empty());
            if let Some(np) = self.g.np_at(j, close).filter(|np| fills(np) && !np.pronoun) {
                return Some(speaker(np));
            }
            // "- ha ricordato su Truth Donald Trump -": a short prepositional phrase first
            if j < close && self.g.class(j) == Some(WordClass::Stop) {
                let np = (j + 1..close.min(j + 3)).find_map(|p| {
                    self.g
                        .np_at(p, close)
                        .filter(|np| np.end == close && !np.pronoun)
                });
                if let Some(np) = np {
                    return Some(speaker(np));
                }
            }
            if j == close || dash {
                return Some(Found::Continuation {
                    cue: Some(c),
                    rule: Rule::InsideDashContinuation,
                });
            }
        }
        None
    }

    /// X ha accusato gli Usa di una “…”: the clause before the quote, in its sentence
    /// ([`Self::clause`]).
    fn clause_subject(&self, qi: usize) -> Option<Found> {
        let (os, _) = self.g.doc.quote_tokens[qi];
        self.clause(os, self.g.doc.sentence_of(os).0)
    }

    /// The clause before token `end`, from the sentence start `ss`, holds a cue: its subject (or
    /// inverted speaker) said it.
    fn clause(&self, end: usize, ss: usize) -> Option<Found> {
        let mut gerund_seen: Option<CueHit> = None;
        // a verb cue passed over because its subject is no speaker
        let mut passed = false;
        let lowest = end.saturating_sub(60).max(ss);
        for k in (lowest..end).rev() {
            if self.tok(k).quote != 0 {
                continue;
            }
            let Some(c) = self.g.cue_at(k, end) else {
                continue;
            };
            // past such a verb, an earlier cue holds the quote when a gerund ties them ("X a
            // jugé qu'«…», ajoutant que le décret revenait à «…»") or when few words of
            // the narrative stand between them
            let near = || {
                (c.end..end)
                    .filter(|&x| self.tok(x).word && self.tok(x).quote == 0)
                    .count()
                    <= 20
            };
            if passed && gerund_seen.is_none() && c.form != CueForm::Gerund && !near() {
                return None;
            }
            match c.form {
                CueForm::According => continue,
                // "Per X, il governo deve «…»": a lead phrase that opens the sentence
                CueForm::Lead => match self.lead_phrase(&c, ss, end) {
                    Some(found) => return Some(found),
                    None => continue,
                },
                _ => {}
            }
            // "Il governo, ha proseguito, deve «…»": an inserted cue with no speaker of its own
            let incise = c.start > ss
                && self.is_punct(c.start - 1, &[","])
                && self.is_punct(self.g.skip_adverbs(c.end, end), &[","]);
            if incise {
                return Some(Found::Continuation {
                    cue: Some(c),
                    rule: Rule::ClauseContinuation,
                });
            }
            // a gerund's subject is the sentence's, never the phrase just before it ("X thanked
            // the mayor, calling him “…”")
            let subject = match c.form {
                CueForm::Gerund => None,
                _ => self.subject_before(c.start, ss),
            };
            if let Some(np) = subject {
                return Some(Found::Speaker {
                    np,
                    cue: Some(c),
                    rule: Rule::ClauseSubject,
                });
            }
            if c.start > ss && c.form != CueForm::Gerund && self.is_punct(c.start - 1, &[","]) {
                if let Some(np) = self.np_after_cue(&c, end) {
                    if self.is_punct(np.end, &[","]) {
                        return Some(Found::Speaker {
                            np,
                            cue: Some(c),
                            rule: Rule::ClauseInverted,
                        });
                    }
                }
            }
            if c.form == CueForm::Gerund {
                gerund_seen = gerund_seen.or(Some(c));
                continue;
            }
            // a verb whose subject is no speaker ("le décret revenait à «…»") leaves the
            // quote to a cue before it in the sentence
            if let Some(found) = self.subjectless(c, ss, end, Rule::ClauseContinuation) {
                return Some(found);
            }
            passed = true;
        }
        if let Some(c) = gerund_seen {
            return self.gerund_subject(ss, end, Some(c));
        }
        self.clause_according(lowest, end)
    }

    /// "Per X, il governo deve «…»" / "Pour X, le texte est «…»": a lead cue that opens the
    /// sentence, its speaker, then a comma.
    fn lead_phrase(&self, c: &CueHit, ss: usize, end: usize) -> Option<Found> {
        let first = (ss..end).find(|&k| self.tok(k).word)?;
        if c.start != first {
            return None;
        }
        let np = self.np_after_cue(c, end)?;
        self.is_punct(np.end, &[","]).then_some(Found::Speaker {
            np,
            cue: Some(*c),
            rule: Rule::ClauseAccording,
        })
    }

    /// "Fatti – secondo X – che testimoniano “…”": an according-to phrase in the clause before
    /// `end` (from `lowest`), for [`Self::clause`] when the clause has no verb cue.
    fn clause_according(&self, lowest: usize, end: usize) -> Option<Found> {
        for k in (lowest..end).rev() {
            let Some(c) = self
                .g
                .cue_at(k, end)
                .filter(|c| c.form == CueForm::According)
            else {
                continue;
            };
            if let Some(np) = self.np_after_cue(&c, end) {
                return Some(Found::Speaker {
                    np,
                    cue: Some(c),
                    rule: Rule::ClauseAccording,
                });
            }
        }
        None
    }

    /// … la “…” in Ucraina, ha affermato X.
    fn after_cue_far(&self, qi: usize) -> Option<Found> {
        let doc = self.g.doc;
        let ce = self.after_close(qi)?;
        // "«A» pour trouver «B», a estimé X": the cue may follow another quote of the sentence
        let (_, limit) = doc.sentence_of(ce - 1);
        for k in ce + 1..limit.min(ce + MAX_WINDOW) {
            if self.tok(k).quote != 0 || !self.is_punct(k - 1, &[","]) {
                continue;
            }
            let Some(c) = self.g.cue_at(k, limit) else {
                continue;
            };
            if matches!(c.form, CueForm::According | CueForm::Lead | CueForm::Gerund) {
                continue;
            }
            if let Some(np) = self.np_after_cue(&c, limit) {
                return Some(Found::Speaker {
                    np,
                    cue: Some(c),
                    rule: Rule::AfterCueFar,
                });
            }
            // "…, ha aggiunto." continues the previous speaker; "…, racconta un anno" does not
            let j = self.g.skip_adverbs(c.end, limit);
            if j >= limit || !self.tok(j).word {
                return Some(Found::Continuation {
                    cue: Some(c),
                    rule: Rule::AfterCueFarContinuation,
                });
            }
            return None;
        }
        None
    }

    /// «…». Lo ha detto X. / «…». Così il ministro X. / «…». Queste le parole di X. — a quote that
    /// ends its sentence, and a next sentence that opens by pointing back to it (the `back`
    /// entries of the cue lexicon), then names the speaker.
    fn next_sentence(&self, qi: usize) -> Option<Found> {
        let doc = self.g.doc;
        let ce = self.after_close(qi)?;
        let (_, se) = doc.sentence_of(ce - 1);
        if (ce..se).any(|k| self.tok(k).word) || se >= doc.tokens.len() {
            return None;
        }
        let (ns, ne) = doc.sentence_of(se);
        if self.tok(ns).para > self.tok(ce - 1).para + 1 || self.tok(ns).quote != 0 {
            return None;
        }
        let ne = self.before_next_quote(ns, ne);
        let speaker = |np: Np, cue: Option<CueHit>| {
            (!np.pronoun).then_some(Found::Speaker {
                np,
                cue,
                rule: Rule::NextSentence,
            })
        };
        // "Parole del ministro X.": a sentence that is a speech noun and its speaker
        if let Some((cue, np)) = self.g.speech_at(ns, ne) {
            return speaker(np, Some(cue));
        }
        let pointer = self.g.lex.back.longest_at(&doc.tokens, ns)?;
        let j = self.g.skip_adverbs(ns + pointer.len, ne);
        // "Lo ha detto X", "C'est ce qu'a déclaré X"
        if let Some(c) = self.g.cue_at(j, ne) {
            if matches!(c.form, CueForm::According | CueForm::Lead) {
                return None;
            }
            return speaker(self.np_after_cue(&c, ne)?, Some(c));
        }
        // "Queste le parole del ministro X", "Ce sont les mots de X"
        if matches!(self.g.class(j), Some(WordClass::Of | WordClass::Link)) {
            return speaker(self.g.np_at(j + 1, ne)?, None);
        }
        // "Così il deputato X, capogruppo …", "Così X ha commentato"
        let np = self.g.np_at(j, ne)?;
        let e = self.g.skip_adverbs(np.end, ne);
        let closes =
            e >= ne || self.is_punct(e, &[",", ".", ";"]) || self.g.cue_at(e, ne).is_some();
        if closes {
            return speaker(np, None);
        }
        None
    }

    /// The sentence that names a next_sentence speaker ("Parole di X.") covers the quotes of its
    /// paragraph before that quote too, back to the first that has a speaker of its own.
    fn next_sentence_back(&self, out: &mut [Attribution]) {
        let doc = self.g.doc;
        let para = |q: usize| self.tok(doc.quote_tokens[q].0).para;
        for qi in 1..out.len() {
            if out[qi].rule != Some(Rule::NextSentence) {
                continue;
            }
            for j in (0..qi).rev() {
                if para(j) != para(qi) || !out[j].speaker.is_empty() {
                    break;
                }
                out[j] = Attribution {
                    speaker: out[qi].speaker.clone(),
                    rule: Some(Rule::NextSentence),
                    ..Attribution::default()
                };
            }
        }
    }

    /// A quote that opens its paragraph right after a paragraph ending "X ha dichiarato:".
    fn paragraph_intro(&self, qi: usize) -> Option<Found> {
        let doc = self.g.doc;
        let (os, _) = doc.quote_tokens[qi];
        if os == 0 || self.tok(os - 1).para == self.tok(os).para || !self.is_punct(os - 1, &[":"]) {
            return None;
        }
        match self.clause(os - 1, doc.sentence_of(os - 1).0)? {
            Found::Speaker { np, cue, .. } => Some(Found::Speaker {
                np,
                cue,
                rule: Rule::ParagraphIntro,
            }),
            Found::Continuation { cue, .. } => Some(Found::Continuation {
                cue,
                rule: Rule::ParagraphIntroContinuation,
            }),
            Found::Turn { .. } | Found::Answer { .. } => None,
        }
    }

    /// A quote left without a speaker in a headline-like paragraph takes the speaker of an
    /// attributed quote whose text holds it.
    fn headline_repeat(&self, out: &mut [Attribution]) {
        let doc = self.g.doc;
        let orphans: Vec<usize> = (0..out.len())
            .filter(|&qi| out[qi].speaker.is_empty() && self.headline_like(qi))
            .collect();
        if orphans.is_empty() {
            return;
        }
        // each quote's normalised text, and its words, made once when first compared (not once
        // per pair: a long document has many headline-like paragraphs and many quotes)
        let texts: Vec<OnceCell<String>> = vec![OnceCell::new(); doc.quotes.len()];
        let words: Vec<OnceCell<QuoteWords>> = vec![OnceCell::new(); doc.quotes.len()];
        let text = |k: usize| quote_text(doc, &texts, k);
        let words_of =
            |k: usize| words[k].get_or_init(|| QuoteWords::of(quote_text(doc, &texts, k)));
        for qi in orphans {
            let needle = text(qi);
            let n = words_of(qi);
            let source = (0..out.len().min(MAX_HEADLINE_SOURCES)).find(|&j| {
                if j == qi || out[j].speaker.is_empty() || out[j].rule == Some(Rule::HeadlineRepeat)
                {
                    return false;
                }
                // the signatures rule out most pairs before any text is searched
                let h = words_of(j);
                (h.may_hold_text(n) && contains_words(text(j), needle))
                    || (h.may_hold_words(n) && contains_word_set(&h.words, &n.words))
            });
            if let Some(j) = source {
                out[qi] = Attribution {
                    speaker: out[j].speaker.clone(),
                    mention: String::new(),
                    cue: String::new(),
                    cue_weight: 0.0,
                    rule: Some(Rule::HeadlineRepeat),
                };
            }
        }
    }

    /// A short paragraph that does not end like a sentence: a headline, a title, a caption.
    fn headline_like(&self, qi: usize) -> bool {
        self.in_headline(self.g.doc.quote_tokens[qi].0)
    }

    /// True when token `k` stands in a headline-like paragraph (short, no final period).
    fn in_headline(&self, k: usize) -> bool {
        let para = self.tok(k).para;
        let cell = &self.headlines[para as usize];
        if let Some(known) = cell.get() {
            return known;
        }
        let known = self.paragraph_is_headline(para);
        cell.set(Some(known));
        known
    }

    /// True when paragraph `para` is short and has no final period.
    fn paragraph_is_headline(&self, para: u32) -> bool {
        let (a, b) = self.paragraph_range(para);
        let toks = &self.g.doc.tokens[a..b];
        let short = toks.iter().filter(|t| t.word).take(31).count() <= 30;
        // a sentence ends the paragraph, outside a quote or just inside its closing mark
        let stop = |t: &Token| !t.word && matches!(t.norm, "." | "!" | "?" | "…");
        let ends_sentence = match toks {
            [.., before, last] if last.quote != 0 && !last.word => stop(last) || stop(before),
            [.., last] => stop(last),
            [] => false,
        };
        short && !ends_sentence
    }
}

/// The normalised text of quote `k`, kept in `texts` from its first use.
fn quote_text<'t>(doc: &Doc, texts: &'t [OnceCell<String>], k: usize) -> &'t str {
    texts[k].get_or_init(|| {
        let q = &doc.quotes[k];
        normalise(&doc.text[q.start..q.end])
    })
}

/// The words of a quote's normalised text (runs of letters, digits and apostrophes), with
/// 256-bit signatures (a bit per word, by hash) of all of them and of those between its first and
/// last, which a text holding it must have whole.
#[derive(Clone)]
struct QuoteWords<'t> {
    words: Vec<&'t str>,
    all: [u64; 4],
    inner: [u64; 4],
}

impl<'t> QuoteWords<'t> {
    fn of(text: &'t str) -> QuoteWords<'t> {
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .collect();
        let mut all = [0u64; 4];
        let mut inner = [0u64; 4];
        for (i, w) in words.iter().enumerate() {
            let h = rustc_hash::FxBuildHasher.hash_one(w) >> 56;
            let (k, bit) = ((h >> 6) as usize, 1u64 << (h & 63));
            all[k] |= bit;
            if i > 0 && i + 1 < words.len() {
                inner[k] |= bit;
            }
        }
        QuoteWords { words, all, inner }
    }

    /// False when this quote cannot hold `needle`'s text on word boundaries: a word inside the
    /// needle is bounded by its neighbours' separators, so it is one of this quote's words. The
    /// last may be part of a word ("we" in "we'll"); the first is whole only because
    /// [`contains_words`] rejects a match just after an apostrophe, which this does not rely on.
    fn may_hold_text(&self, needle: &QuoteWords) -> bool {
        (0..4).all(|k| needle.inner[k] & !self.all[k] == 0)
    }

    /// False when this quote cannot hold all of `needle`'s words ([`contains_word_set`]).
    fn may_hold_words(&self, needle: &QuoteWords) -> bool {
        needle.words.len() >= 3 && (0..4).all(|k| needle.all[k] & !self.all[k] == 0)
    }
}

/// True when a text of three words or more (`needle`, its words) has all its words in `hay`.
fn contains_word_set(hay: &[&str], needle: &[&str]) -> bool {
    needle.len() >= 3 && needle.iter().all(|w| hay.contains(w))
}

/// True when `needle` occurs in `hay` on word boundaries, and not as a quote nested in it (that
/// one is somebody else's words).
fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    hay.match_indices(needle).any(|(i, m)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + m.len()..].chars().next();
        let nested = hay[..i]
            .trim_end()
            .ends_with(|c: char| "«“„‘‹\"'".contains(c));
        !nested
            && before.is_none_or(|c| !c.is_alphanumeric())
            && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sieves run in the order of the rule table, where each heads the rules it yields.
    #[test]
    fn sieves_run_in_the_order_of_the_rule_table() {
        let mut table: Vec<Rule> = RULES.iter().map(|r| r.sieve).collect();
        table.dedup();
        let mut run: Vec<Rule> = SIEVES.iter().map(|&(rule, _)| rule).collect();
        run.push(Rule::HeadlineRepeat);
        assert_eq!(table, run);
    }

    /// The signatures only rule out pairs that the comparisons reject: every piece of a text (at
    /// character boundaries, words cut or whole) and every word selection is tried as a needle.
    #[test]
    fn signatures_never_rule_out_a_match() {
        let hays = [
            "e' la manovra dell'italia che cresce, ha detto; per tutti - tasse piu basse",
            "we'll see: o'brien's plan, state-run \"firms\" and 3.5% growth",
            "nous l'avons dit aujourd'hui a l'assemblee",
        ];
        let mut tried = 0;
        for hay in hays {
            let h = QuoteWords::of(hay);
            let bounds: Vec<usize> = (0..=hay.len())
                .filter(|&i| hay.is_char_boundary(i))
                .collect();
            for (x, &a) in bounds.iter().enumerate() {
                for &b in &bounds[x + 1..] {
                    let needle = &hay[a..b];
                    let n = QuoteWords::of(needle);
                    if contains_words(hay, needle) {
                        assert!(h.may_hold_text(&n), "{needle:?} in {hay:?}");
                    }
                    if contains_word_set(&h.words, &n.words) {
                        assert!(h.may_hold_words(&n), "{needle:?} in {hay:?}");
                    }
                    tried += 1;
                }
            }
            // words picked out of order, all present
            let mut picked: Vec<&str> = h.words.iter().rev().step_by(2).copied().collect();
            picked.truncate(4);
            let needle = picked.join(" ");
            let n = QuoteWords::of(&needle);
            assert!(contains_word_set(&h.words, &n.words));
            assert!(h.may_hold_words(&n));
        }
        assert!(tried > 5000);
        // and they do rule out: a text with a word the other lacks
        let h = QuoteWords::of("tasse piu basse per tutti");
        assert!(!h.may_hold_words(&QuoteWords::of("meno tasse per tutti noi")));
        assert!(!h.may_hold_text(&QuoteWords::of("tasse meno basse")));
    }
}
