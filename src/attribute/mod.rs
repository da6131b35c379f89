//! Stage 2: attribute each quote to its speaker.
//!
//! Ordered sieves, most reliable first (the CoreNLP design of Muzny et al. 2017): each quote takes
//! the first rule that fires, and the row records it. A rule either finds a speaker phrase or says
//! "the previous speaker" (a continuation: "ha aggiunto", "he added"); when no rule fires the
//! speaker stays empty, since a blank is better than a wrong name.
//!
//! | rule | pattern |
//! | --- | --- |
//! | `after_cue` | «…», ha detto X / «…» – ha aggiunto il ministro X / ”.secondo X |
//! | `after_speaker_cue` | “…,” Smith said |
//! | `before_cue` | X ha detto: «…» / X ha dichiarato che “…” |
//! | `before_according` | Secondo X, «…» / Per il ministro, «…» |
//! | `colon` | Trump: «…» (a headline) |
//! | `inside_dash` | «A - ha detto X - B» |
//! | `clause_subject` | X ha accusato gli Usa di una “…” |
//! | `clause_inverted` | I recenti attacchi, ha aggiunto X, sono “…” |
//! | `gerund_subject` | X ha appoggiato l’invasione, definendola “…” |
//! | `after_cue_far` | … la “…” in Ucraina, ha affermato X |
//! | `paragraph_intro` | a quote that opens the paragraph after "X ha dichiarato:" |
//! | `*_continuation` | a cue with no subject: the previous speaker |
//! | `headline_repeat` | a headline quote that repeats an attributed quote |

mod entities;
mod phrase;

use crate::lexicon::{CueForm, Lexicons, WordClass};
use crate::model::Attribution;
use crate::token::{normalise, Doc};

use entities::Entities;
use phrase::{CueHit, Grammar, Np};

/// What a sieve found for a quote.
enum Found {
    /// A speaker phrase.
    Speaker { np: Np, cue: Option<CueHit>, rule: &'static str },
    /// A cue with no subject: the previous speaker said it.
    Continuation { cue: Option<CueHit>, rule: &'static str },
}

/// How many paragraphs back a continuation may look for the previous speaker.
const CONTINUATION_PARAGRAPHS: u32 = 2;

/// How many tokens a parenthetical between a speaker and a cue may hold.
const MAX_PARENTHETICAL: usize = 20;

/// Attributes every quote of a document; one [`Attribution`] per quote, in order.
pub fn attribute(doc: &Doc, lex: &Lexicons) -> Vec<Attribution> {
    let g = Grammar::new(doc, lex);
    let ents = Entities::collect(&g);
    let s = Sieves { g: &g, ents: &ents };
    let mut out: Vec<Attribution> = Vec::with_capacity(doc.quotes.len());
    for qi in 0..doc.quotes.len() {
        let found = s.run(qi);
        let attr = match found {
            Some(Found::Speaker { np, cue, rule }) if !np.pronoun => {
                let (speaker, mention) = s.speaker_of(&np, doc.quote_tokens[qi].0);
                Attribution {
                    speaker,
                    mention,
                    cue: cue.map(|c| g.text(c.start, c.end).to_string()).unwrap_or_default(),
                    cue_weight: cue.map_or(0.0, |c| c.weight),
                    rule,
                }
            }
            Some(Found::Speaker { cue, rule, .. }) | Some(Found::Continuation { cue, rule }) => {
                s.continuation(qi, &out, cue, rule)
            }
            None => Attribution::default(),
        };
        out.push(attr);
    }
    s.headline_repeats(&mut out);
    out
}

struct Sieves<'s, 'd, 'a> {
    g: &'s Grammar<'d, 'a>,
    ents: &'s Entities,
}

impl Sieves<'_, '_, '_> {
    fn run(&self, qi: usize) -> Option<Found> {
        self.after_adjacent(qi)
            .or_else(|| self.before_adjacent(qi))
            .or_else(|| self.inside_dash(qi))
            .or_else(|| {
                let (os, _) = self.g.doc.quote_tokens[qi];
                self.clause(os, "")
            })
            .or_else(|| self.after_far(qi))
            .or_else(|| self.paragraph_intro(qi))
    }

    fn tok(&self, i: usize) -> &crate::token::Token {
        &self.g.doc.tokens[i]
    }

    fn is_punct(&self, i: usize, set: &[&str]) -> bool {
        let t = self.tok(i);
        !t.word && set.contains(&t.norm.as_str())
    }

    /// The canonical speaker and the mention for a speaker phrase.
    fn speaker_of(&self, np: &Np, at: usize) -> (String, String) {
        let g = self.g;
        let mention = g.text(np.start, np.end).to_string();
        let speaker = if np.joint {
            let (a, _) = np.names[0];
            let (_, b) = np.names[np.names.len() - 1];
            g.text(a, b).to_string()
        } else if let Some(&(a, b)) = np.names.first() {
            self.ents.resolve_name(g, a, b)
        } else {
            self.ents
                .resolve_role(g, np, at)
                .unwrap_or_else(|| mention.clone())
        };
        (speaker, mention)
    }

    /// The previous quote's speaker, if it is near enough.
    fn continuation(
        &self,
        qi: usize,
        done: &[Attribution],
        cue: Option<CueHit>,
        rule: &'static str,
    ) -> Attribution {
        let doc = self.g.doc;
        let para = self.tok(doc.quote_tokens[qi].0).para;
        let prev = (0..qi).rev().find(|&j| !done[j].speaker.is_empty()).filter(|&j| {
            para - self.tok(doc.quote_tokens[j].0).para <= CONTINUATION_PARAGRAPHS
        });
        match prev {
            Some(j) => Attribution {
                speaker: done[j].speaker.clone(),
                mention: String::new(),
                cue: cue.map(|c| self.g.text(c.start, c.end).to_string()).unwrap_or_default(),
                cue_weight: cue.map_or(0.0, |c| c.weight),
                rule,
            },
            None => Attribution {
                cue: cue.map(|c| self.g.text(c.start, c.end).to_string()).unwrap_or_default(),
                cue_weight: cue.map_or(0.0, |c| c.weight),
                ..Attribution::default()
            },
        }
    }

    /// A speaker phrase right after a cue (skipping adverbs and one parenthetical between commas).
    fn np_after_cue(&self, c: &CueHit, limit: usize) -> Option<Np> {
        let j = self.g.skip_adverbs(c.end, limit);
        if let Some(np) = self.g.np_at(j, limit) {
            return Some(np);
        }
        if j < limit && self.is_punct(j, &[","]) {
            let p = (j + 1..limit.min(j + 12)).find(|&p| self.is_punct(p, &[","]))?;
            return self.g.np_at(self.g.skip_adverbs(p + 1, limit), limit);
        }
        None
    }

    /// «…», ha detto X  /  «…», X ha detto  /  “…”.secondo X
    fn after_adjacent(&self, qi: usize) -> Option<Found> {
        let doc = self.g.doc;
        if doc.quotes[qi].unclosed {
            return None;
        }
        let (_, ce) = doc.quote_tokens[qi];
        if ce == 0 || ce >= doc.tokens.len() {
            return None;
        }
        let (_, limit) = doc.sentence_of(ce - 1);
        let limit = self.before_next_quote(ce, limit);
        let mut k = ce;
        let mut skipped = 0;
        while k < limit && skipped < 2 && self.is_punct(k, &[",", ".", "–", "—", "-", ";"]) {
            k += 1;
            skipped += 1;
        }
        if let Some(c) = self.g.cue_at(k, limit) {
            if c.form == CueForm::Lead {
                return None;
            }
            if let Some(np) = self.np_after_cue(&c, limit) {
                return Some(Found::Speaker {
                    np,
                    cue: Some(c),
                    rule: "after_cue",
                });
            }
            if c.form != CueForm::According {
                return Some(Found::Continuation {
                    cue: Some(c),
                    rule: "after_cue_continuation",
                });
            }
            return None;
        }
        let np = self.g.np_at(k, limit)?;
        let e = self.g.skip_adverbs(np.end, limit);
        let c = self.g.cue_at(e, limit)?;
        if matches!(c.form, CueForm::According | CueForm::Lead) {
            return None;
        }
        Some(Found::Speaker {
            np,
            cue: Some(c),
            rule: "after_speaker_cue",
        })
    }

    /// The first token at or after `from` (before `limit`) that opens another quote, or `limit`.
    fn before_next_quote(&self, from: usize, limit: usize) -> usize {
        (from..limit)
            .find(|&k| self.tok(k).quote != 0)
            .unwrap_or(limit)
    }

    /// X ha detto: «…»  /  Secondo X, «…»  /  Trump: «…»
    fn before_adjacent(&self, qi: usize) -> Option<Found> {
        let doc = self.g.doc;
        let (os, _) = doc.quote_tokens[qi];
        if os == 0 || self.tok(os - 1).para != self.tok(os).para {
            return None;
        }
        let (ss, _) = doc.sentence_of(os);
        let mut b = os;
        let colon = self.is_punct(b - 1, &[":"]);
        if self.is_punct(b - 1, &[":", ","]) || self.g.class(b - 1) == Some(WordClass::Stop) && self.tok(b - 1).norm == "che" {
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
                    rule: "before_cue",
                });
            }
            return self.subjectless(c, ss, os, "before_cue_continuation");
        }
        // Secondo X, «…» / Per X, «…» / ha detto il ministro: «…»
        for s in (ss..b).rev().take(16) {
            if self.tok(s).quote != 0 {
                break;
            }
            let Some(c) = self.g.cue_at(s, b) else { continue };
            let Some(np) = self.np_after_cue(&c, b) else { continue };
            if np.end != b {
                continue;
            }
            let rule = match c.form {
                CueForm::According | CueForm::Lead => "before_according",
                _ => "before_cue",
            };
            return Some(Found::Speaker {
                np,
                cue: Some(c),
                rule,
            });
        }
        // Trump: «…» — a name that opens the sentence, then a colon
        if colon {
            let first = (ss..b).find(|&k| self.tok(k).word)?;
            let np = self.g.np_at(first, b)?;
            if np.end == b && !np.names.is_empty() {
                return Some(Found::Speaker {
                    np,
                    cue: None,
                    rule: "colon",
                });
            }
        }
        None
    }

    /// What a cue with no subject of its own means: a gerund takes the sentence's subject, a cue
    /// at the start of its clause continues the previous speaker.
    fn subjectless(&self, c: CueHit, ss: usize, end: usize, rule: &'static str) -> Option<Found> {
        if c.form == CueForm::Gerund {
            return self.gerund(ss, end);
        }
        if c.start > 0 && self.g.class(c.start - 1) == Some(WordClass::Pronoun) {
            return Some(Found::Continuation { cue: Some(c), rule });
        }
        let clause_start = (ss..c.start).all(|k| {
            let t = self.tok(k);
            !t.word || matches!(self.g.class(k), Some(WordClass::Adverb | WordClass::And))
        });
        if clause_start {
            return Some(Found::Continuation { cue: Some(c), rule });
        }
        None
    }

    /// A gerund's subject is the subject of its sentence, if the sentence opens with one;
    /// otherwise it continues the previous speaker.
    fn gerund(&self, ss: usize, end: usize) -> Option<Found> {
        let first = (ss..end).find(|&k| self.tok(k).word && self.tok(k).quote == 0)?;
        if let Some(np) = self.g.np_at(first, end) {
            let e = self.g.skip_adverbs(np.end, end);
            let verb_follows =
                e < end && (self.g.class(e) == Some(WordClass::Aux) || self.g.cue_at(e, end).is_some());
            if verb_follows {
                return Some(Found::Speaker {
                    np,
                    cue: None,
                    rule: "gerund_subject",
                });
            }
        }
        Some(Found::Continuation {
            cue: None,
            rule: "gerund_continuation",
        })
    }

    /// The subject of a cue that starts at `cs`: a phrase that ends right before it (adverbs,
    /// a relative "che" or one parenthetical between commas allowed in between).
    fn subject_before(&self, cs: usize, ss: usize) -> Option<Np> {
        let mut parenthetical: Option<Np> = None;
        for s in ss..cs {
            if self.tok(s).quote != 0 || !self.tok(s).word {
                continue;
            }
            if (s..cs).any(|k| self.tok(k).quote != 0) {
                continue;
            }
            let Some(np) = self.g.np_at(s, cs) else { continue };
            let e = self.g.skip_adverbs(np.end, cs);
            // "l'ha definita", "ne ha parlato": an object pronoun between subject and cue
            let e = if e + 1 == cs && matches!(self.g.class(e), Some(WordClass::Clitic | WordClass::Det)) {
                cs
            } else {
                e
            };
            if e == cs {
                return Some(np);
            }
            if self.tok(e).word && self.tok(e).norm == "che" && self.g.skip_adverbs(e + 1, cs) == cs {
                return Some(np);
            }
            if parenthetical.is_none() && self.is_punct(np.end, &[","]) {
                let closing = (np.end + 1..cs)
                    .rev()
                    .find(|&p| self.is_punct(p, &[","]))
                    .filter(|&p| p - np.end <= MAX_PARENTHETICAL && self.g.skip_adverbs(p + 1, cs) == cs);
                if closing.is_some() {
                    parenthetical = Some(np);
                }
            }
        }
        parenthetical
    }

    /// «A - ha detto X - B»  /  «A, ha aggiunto, B»
    fn inside_dash(&self, qi: usize) -> Option<Found> {
        let doc = self.g.doc;
        let (os, ce) = doc.quote_tokens[qi];
        let inner_end = if doc.quotes[qi].unclosed { ce } else { ce.saturating_sub(1) };
        for k in os + 1..inner_end {
            if !self.is_punct(k, &["-", "–", "—", ","]) {
                continue;
            }
            let dash = !self.is_punct(k, &[","]);
            if dash && !self.tok(k).space_before {
                continue;
            }
            let Some(c) = self.g.cue_at(k + 1, inner_end) else { continue };
            if matches!(c.form, CueForm::According | CueForm::Lead | CueForm::Gerund) {
                continue;
            }
            let closes = |p: usize| p >= inner_end || self.is_punct(p, &["-", "–", "—", ",", "."]);
            let j = self.g.skip_adverbs(c.end, inner_end);
            if let Some(np) = self.g.np_at(j, inner_end) {
                if closes(np.end) && !np.pronoun {
                    return Some(Found::Speaker {
                        np,
                        cue: Some(c),
                        rule: "inside_dash",
                    });
                }
            }
            if closes(j) && (dash || !self.tok(j).word) {
                return Some(Found::Continuation {
                    cue: Some(c),
                    rule: "inside_dash_continuation",
                });
            }
        }
        None
    }

    /// The clause before the quote holds a cue: its subject (or inverted speaker) said it.
    fn clause(&self, end: usize, _why: &str) -> Option<Found> {
        let doc = self.g.doc;
        if end == 0 {
            return None;
        }
        let (ss, _) = doc.sentence_of(end - 1);
        let mut gerund_seen = false;
        let lowest = end.saturating_sub(60).max(ss);
        for k in (lowest..end).rev() {
            if self.tok(k).quote != 0 {
                continue;
            }
            let Some(c) = self.g.cue_at(k, end) else { continue };
            if matches!(c.form, CueForm::According | CueForm::Lead) {
                continue;
            }
            if let Some(np) = self.subject_before(c.start, ss) {
                return Some(Found::Speaker {
                    np,
                    cue: Some(c),
                    rule: "clause_subject",
                });
            }
            if c.start > ss && self.is_punct(c.start - 1, &[","]) {
                if let Some(np) = self.np_after_cue(&c, end) {
                    if self.is_punct(np.end, &[","]) {
                        return Some(Found::Speaker {
                            np,
                            cue: Some(c),
                            rule: "clause_inverted",
                        });
                    }
                }
            }
            if c.form == CueForm::Gerund {
                gerund_seen = true;
                continue;
            }
            return self.subjectless(c, ss, end, "clause_continuation");
        }
        if gerund_seen {
            return self.gerund(ss, end);
        }
        None
    }

    /// … la “…” in Ucraina, ha affermato X.
    fn after_far(&self, qi: usize) -> Option<Found> {
        let doc = self.g.doc;
        if doc.quotes[qi].unclosed {
            return None;
        }
        let (_, ce) = doc.quote_tokens[qi];
        if ce >= doc.tokens.len() {
            return None;
        }
        let (_, limit) = doc.sentence_of(ce - 1);
        let limit = self.before_next_quote(ce, limit);
        for k in ce + 1..limit {
            if !self.is_punct(k - 1, &[","]) {
                continue;
            }
            let Some(c) = self.g.cue_at(k, limit) else { continue };
            if matches!(c.form, CueForm::According | CueForm::Lead | CueForm::Gerund) {
                continue;
            }
            return match self.np_after_cue(&c, limit) {
                Some(np) => Some(Found::Speaker {
                    np,
                    cue: Some(c),
                    rule: "after_cue_far",
                }),
                None => Some(Found::Continuation {
                    cue: Some(c),
                    rule: "after_cue_far_continuation",
                }),
            };
        }
        None
    }

    /// A quote that opens its paragraph right after a paragraph ending "X ha dichiarato:".
    fn paragraph_intro(&self, qi: usize) -> Option<Found> {
        let doc = self.g.doc;
        let (os, _) = doc.quote_tokens[qi];
        if os == 0 || self.tok(os - 1).para == self.tok(os).para || !self.is_punct(os - 1, &[":"]) {
            return None;
        }
        match self.clause(os - 1, "paragraph")? {
            Found::Speaker { np, cue, .. } => Some(Found::Speaker {
                np,
                cue,
                rule: "paragraph_intro",
            }),
            Found::Continuation { cue, .. } => Some(Found::Continuation {
                cue,
                rule: "paragraph_intro_continuation",
            }),
        }
    }

    /// A quote left without a speaker in a headline-like paragraph takes the speaker of an
    /// attributed quote whose text holds it.
    fn headline_repeats(&self, out: &mut [Attribution]) {
        let doc = self.g.doc;
        let texts: Vec<String> = doc
            .quotes
            .iter()
            .map(|q| normalise(&doc.text[q.start..q.end]))
            .collect();
        for qi in 0..out.len() {
            if !out[qi].speaker.is_empty() || !self.headline_like(qi) {
                continue;
            }
            let needle = &texts[qi];
            let source = (0..out.len()).find(|&j| {
                j != qi
                    && !out[j].speaker.is_empty()
                    && out[j].rule != "headline_repeat"
                    && contains_words(&texts[j], needle)
            });
            if let Some(j) = source {
                out[qi] = Attribution {
                    speaker: out[j].speaker.clone(),
                    mention: String::new(),
                    cue: String::new(),
                    cue_weight: 0.0,
                    rule: "headline_repeat",
                };
            }
        }
    }

    /// A short paragraph that does not end like a sentence: a headline, a title, a caption.
    fn headline_like(&self, qi: usize) -> bool {
        let doc = self.g.doc;
        let para = self.tok(doc.quote_tokens[qi].0).para;
        let toks: Vec<&crate::token::Token> = doc.tokens.iter().filter(|t| t.para == para).collect();
        let words = toks.iter().filter(|t| t.word).count();
        let ends_sentence = toks
            .last()
            .is_some_and(|t| !t.word && t.quote == 0 && matches!(t.norm.as_str(), "." | "!" | "?"));
        words <= 30 && !ends_sentence
    }
}

/// True when `needle` occurs in `hay` on word boundaries.
fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    hay.match_indices(needle).any(|(i, m)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + m.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}
