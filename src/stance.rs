//! Stage 3: the stance a quote takes, from editable lexicons.
//!
//! Stance terms (with weights) are matched on the quote's normalised tokens, longest first; a
//! negator flips and dampens the terms in its scope, an intensifier scales the next term, and a
//! contrast word ("ma", "but") weights what follows it more than what precedes it (VADER's
//! heuristics). The reporting cue carries stance too ("ha accusato", "ha accolto con favore").
//! Targets are lexicon entries with aliases; each mention takes the polarity of the terms near
//! it, or the quote's when none is near.

use crate::lexicon::wordmap::Probe;
use crate::lexicon::{Lexicons, Modifier};
use crate::model::{Stance, StanceLabel};
use crate::text::token::Token;

/// A negated term keeps this share of its weight, with the sign flipped.
const NEGATION_DAMPING: f64 = 0.75;
/// What precedes a contrast word is weighted by this.
const BEFORE_CONTRAST: f64 = 0.5;
/// A score beyond this (either way) is support or opposition.
const THRESHOLD: f64 = 0.15;
/// Both sides at least this strong make a mixed stance.
const MIXED_SIDE: f64 = 0.8;
/// How many tokens around a target mention its own polarity is read from.
const TARGET_WINDOW: usize = 6;

/// A stance term found in a quote; its strings are borrowed from the lexicon, and joined into
/// evidence only once the quote is read.
#[derive(Debug, Clone)]
struct Hit<'a> {
    pos: usize,
    weight: f64,
    term: &'a str,
    /// The negator whose scope the term is in.
    negator: Option<&'a str>,
}

impl Hit<'_> {
    /// The term as evidence: "non sostegno" for a negated one.
    fn evidence(&self) -> String {
        match self.negator {
            Some(negator) => format!("{negator} {}", self.term),
            None => self.term.to_string(),
        }
    }
}

/// The stance of the words `tokens` (a quote's text) said with a cue of weight `cue_weight`;
/// `context` holds the tokens of the clause that introduces the quote, where targets may be
/// named ("ha accusato gli Stati Uniti di …").
pub fn tag(
    tokens: &[Token],
    context: &[Token],
    cue_weight: f64,
    cue: &str,
    lex: &Lexicons,
) -> Stance {
    let hits = term_hits(tokens, lex);
    let mut pos_sum = 0.0;
    let mut neg_sum = 0.0;
    for h in &hits {
        if h.weight > 0.0 {
            pos_sum += h.weight;
        } else {
            neg_sum += h.weight;
        }
    }
    if cue_weight > 0.0 {
        pos_sum += cue_weight;
    } else {
        neg_sum += cue_weight;
    }
    let raw = pos_sum + neg_sum;
    let score = (raw.tanh() * 1000.0).round() / 1000.0;
    let label = if pos_sum >= MIXED_SIDE
        && neg_sum <= -MIXED_SIDE
        && raw.abs() < 0.25 * pos_sum.max(-neg_sum)
    {
        StanceLabel::Mixed
    } else if score > THRESHOLD {
        StanceLabel::Support
    } else if score < -THRESHOLD {
        StanceLabel::Oppose
    } else {
        StanceLabel::Neutral
    };
    let mut evidence: Vec<String> = Vec::new();
    if cue_weight != 0.0 && !cue.is_empty() {
        evidence.push(cue.to_string());
    }
    evidence.extend(hits.iter().map(Hit::evidence));
    let mut targets: Vec<(String, StanceLabel)> = Vec::new();
    let mut add_target = |name: &str, l: StanceLabel| {
        if !targets.iter().any(|(n, _)| n == name) {
            targets.push((name.to_string(), l));
        }
    };
    // a target named in the introducing clause takes the cue's and the quote's stance
    for (_, idx) in target_hits(context, lex) {
        add_target(&lex.targets[idx].name, label);
    }
    for (p, idx) in target_hits(tokens, lex) {
        let near: f64 = hits
            .iter()
            .filter(|h| h.pos.abs_diff(p) <= TARGET_WINDOW)
            .map(|h| h.weight)
            .sum();
        let l = if near > THRESHOLD {
            StanceLabel::Support
        } else if near < -THRESHOLD {
            StanceLabel::Oppose
        } else {
            label
        };
        add_target(&lex.targets[idx].name, l);
    }
    Stance {
        label,
        score,
        targets,
        evidence,
    }
}

/// The stance terms of a token run, with negation, intensifiers and contrast applied.
fn term_hits<'a>(tokens: &[Token], lex: &'a Lexicons) -> Vec<Hit<'a>> {
    let mut hits: Vec<Hit> = Vec::new();
    let mut negated_words = 0usize;
    let mut negator = "";
    let mut multiplier = 1.0;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if !t.word {
            if matches!(t.norm, "." | ";" | ":" | "!" | "?") {
                negated_words = 0;
                multiplier = 1.0;
            }
            i += 1;
            continue;
        }
        // the word's filter bits serve both maps
        let probe = Probe::of(t.norm);
        if let Some(m) = lex.modifiers.longest_at_probed(tokens, i, probe) {
            match *m.value {
                Modifier::Negator(scope) => {
                    negated_words = scope;
                    negator = m.text;
                }
                Modifier::Intensifier(f) => multiplier = f,
                Modifier::Contrast(w) => {
                    for h in &mut hits {
                        h.weight *= BEFORE_CONTRAST;
                    }
                    multiplier = w;
                }
            }
            i += m.len;
            continue;
        }
        if let Some(m) = lex.stance.longest_at_probed(tokens, i, probe) {
            let mut w = *m.value * multiplier;
            if negated_words > 0 {
                w = -w * NEGATION_DAMPING;
            }
            hits.push(Hit {
                pos: i,
                weight: w.clamp(-2.0, 2.0),
                term: m.text,
                negator: (negated_words > 0).then_some(negator),
            });
            multiplier = 1.0;
            negated_words = negated_words.saturating_sub(m.len);
            i += m.len;
            continue;
        }
        negated_words = negated_words.saturating_sub(1);
        i += 1;
    }
    hits
}

/// Target mentions in a token run: (position, target index).
fn target_hits(tokens: &[Token], lex: &Lexicons) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].word {
            if let Some(m) = lex.target_mentions.longest_at(tokens, i) {
                let (idx, needs_cap) = *m.value;
                let cap_ok = !needs_cap || tokens[i..i + m.len].iter().any(|t| t.cap);
                if cap_ok {
                    out.push((i, idx));
                    i += m.len;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}
