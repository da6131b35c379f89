//! The people and organisations a document names, so that "Lavrov" and "il ministro degli Esteri
//! russo" print as "Sergei Lavrov": every name mention is clustered with the fullest name that
//! contains it, and the role words written before a name ("il ministro degli Esteri russo Sergei
//! Lavrov") describe its entity, so that a later role-only mention can find it.

use std::cell::OnceCell;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use tinyvec::TinyVec;

use super::phrase::{Grammar, Np};
use crate::lexicon::{Gender, RoleKind, WordClass};
use crate::text::token::Token;

/// An entity; its words are borrowed from the document's tokens.
#[derive(Debug, Clone)]
struct Entity<'a> {
    /// The tokens of the fullest name (their normalised words are the entity's words).
    name: (usize, usize),
    /// The fullest name as the document writes it.
    display: &'a str,
    /// Token positions where the entity is mentioned.
    positions: Vec<usize>,
}

/// A name mention, as its role phrases are read: its entity, and where its name starts and ends
/// (`Grammar::name_run`).
#[derive(Debug, Clone, Copy)]
struct Mention {
    entity: usize,
    start: usize,
    end: Option<usize>,
}

/// A document's entities.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entities<'a> {
    list: Vec<Entity<'a>>,
    /// For each name word, the entities whose fullest name holds it (inline: one or two, nearly
    /// always).
    by_word: HashMap<&'a str, TinyVec<[usize; 2]>>,
    /// The mentions, in the order they were clustered (the longest names first).
    mentions: Vec<Mention>,
    /// For each entity, the words of the role phrases around its mentions: read from all the
    /// mentions at the first [`Self::resolve_role`], as most documents never call it.
    roles: OnceCell<Vec<RoleWords<'a>>>,
    /// For each entity, its gender once asked (see [`Self::gender`]).
    genders: Vec<OnceCell<Option<Gender>>>,
}

/// Role words: an entity's (each once), or those read around one mention (in buffers reused from
/// mention to mention).
#[derive(Debug, Clone, Default)]
struct RoleWords<'a> {
    /// Role nouns written before or after a name (ministro, portavoce).
    heads: Vec<&'a str>,
    /// Other words of those role phrases (esteri, russo).
    mods: Vec<&'a str>,
}

impl RoleWords<'_> {
    fn clear(&mut self) {
        self.heads.clear();
        self.mods.clear();
    }
}

/// Adds the words of `new` that `set` does not hold yet.
fn add_each<'a>(set: &mut Vec<&'a str>, new: &[&'a str]) {
    for &w in new {
        if !set.contains(&w) {
            set.push(w);
        }
    }
}

/// True when the words of `needle` occur in `haystack` in the same order.
fn contains_in_order(haystack: &[Token], needle: &[Token]) -> bool {
    let mut it = haystack.iter();
    needle.iter().all(|w| it.any(|h| h.norm == w.norm))
}

impl<'a> Entities<'a> {
    /// Collects the document's names and the role phrases that introduce them.
    pub fn collect(g: &Grammar<'_, 'a>) -> Entities<'a> {
        let toks = &g.doc.tokens;
        // sized once: a name every few dozen tokens is usual in news
        let mut mentions: Vec<(usize, usize)> = Vec::with_capacity(toks.len() / 16 + 4);
        let mut i = 0;
        while i < toks.len() {
            if !g.is_name_token(i) {
                i += 1;
                continue;
            }
            match g.name_run(i, toks.len()) {
                Some(end) => {
                    mentions.push((i, end));
                    i = end;
                }
                None => i += 1,
            }
        }
        // the longest names found the entities; shorter mentions join the fullest that holds them
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&m| {
            (
                std::cmp::Reverse(mentions[m].1 - mentions[m].0),
                mentions[m].0,
            )
        });
        // sized once: a name has a word or two, and at most every mention founds an entity
        let mut ents = Entities {
            list: Vec::with_capacity(mentions.len()),
            by_word: HashMap::with_capacity_and_hasher(2 * mentions.len(), Default::default()),
            mentions: Vec::with_capacity(mentions.len()),
            roles: OnceCell::new(),
            genders: Vec::new(),
        };
        for m in order {
            let (a0, b) = mentions[m];
            // "di Torino Chiara Bellini": only "Chiara Bellini" is the person
            let after_prep = a0 > 0
                && matches!(
                    g.class(a0 - 1),
                    Some(WordClass::Of | WordClass::Link | WordClass::Stop)
                );
            let a = if after_prep {
                g.complement_split(a0, b).unwrap_or(a0)
            } else {
                a0
            };
            let idx = match ents.find_name(toks, &toks[a..b]) {
                Some(idx) => idx,
                None => {
                    let idx = ents.list.len();
                    for t in &toks[a..b] {
                        let ids = ents.by_word.entry(t.norm).or_default();
                        if ids.last() != Some(&idx) {
                            ids.push(idx);
                        }
                    }
                    ents.list.push(Entity {
                        name: (a, b),
                        display: g.text(a, b),
                        positions: Vec::new(),
                    });
                    idx
                }
            };
            ents.list[idx].positions.push(a);
            // the name that starts at `a` ends at `b`, unless the mention was split
            let end = if a == a0 {
                Some(b)
            } else {
                g.name_run(a, toks.len())
            };
            ents.mentions.push(Mention {
                entity: idx,
                start: a,
                end,
            });
        }
        for e in &mut ents.list {
            e.positions.sort_unstable();
        }
        ents.genders = vec![OnceCell::new(); ents.list.len()];
        ents
    }

    /// For each entity, the words of the role phrases around its mentions (read once).
    fn roles(&self, g: &Grammar<'_, 'a>) -> &[RoleWords<'a>] {
        self.roles.get_or_init(|| {
            let mut roles = vec![RoleWords::default(); self.list.len()];
            let mut buf = RoleWords::default();
            // mention by mention in the order of clustering: the order of an entity's words counts
            for m in &self.mentions {
                Self::describe(g, &mut roles[m.entity], m.start, m.end, &mut buf);
            }
            roles
        })
    }

    /// Adds to an entity's role words those of the role phrase written just before its name at
    /// `a`, walking back to its article (and, through [`Self::describe_after`], one written after
    /// it; the name ends at `end`); `roles` is a buffer for the words read.
    fn describe(
        g: &Grammar<'_, 'a>,
        entity: &mut RoleWords<'a>,
        a: usize,
        end: Option<usize>,
        roles: &mut RoleWords<'a>,
    ) {
        let toks = &g.doc.tokens;
        // a name after a preposition is a complement ("il rappresentante di Potere al Popolo"),
        // and so is the name of an organisation noun ("il presidente della Regione Lazio")
        if a > 0
            && (matches!(g.class(a - 1), Some(WordClass::Of | WordClass::Link))
                || g.role(a - 1) == Some(RoleKind::Org))
        {
            return;
        }
        Self::describe_after(g, entity, a, end, roles);
        roles.clear();
        let RoleWords { heads, mods } = roles;
        // "le maire de Marseille, Benoît Payan": the role may stand before a comma
        let mut k = if a > 1 && toks[a - 1].is(",") {
            a - 1
        } else {
            a
        };
        let mut steps = 0;
        while k > 0 && steps < 10 {
            k -= 1;
            steps += 1;
            let t = &toks[k];
            if !t.word || t.quote != toks[a].quote {
                break;
            }
            match g.role(k) {
                Some(RoleKind::Person) => {
                    heads.push(t.norm);
                    continue;
                }
                Some(_) => {
                    mods.push(t.norm);
                    continue;
                }
                None => {}
            }
            match g.class(k) {
                Some(WordClass::Of | WordClass::Link) if heads.is_empty() => continue,
                Some(_) => break,
                // lowercase modifiers and capitalised complements ("del Ministero degli Esteri")
                None => mods.push(t.norm),
            }
        }
        if heads.is_empty() {
            return;
        }
        add_each(&mut entity.heads, heads);
        add_each(&mut entity.mods, mods);
    }

    /// Reads a role written after a name, between commas: "Stefano Marini, consigliere di
    /// opposizione, …". The name at `a` ends at `end` (`Grammar::name_run`).
    fn describe_after(
        g: &Grammar<'_, 'a>,
        entity: &mut RoleWords<'a>,
        a: usize,
        end: Option<usize>,
        roles: &mut RoleWords<'a>,
    ) {
        let toks = &g.doc.tokens;
        // "sur Twitter, le porte-parole …": a name after a preposition is not described
        if a > 0
            && matches!(
                g.class(a - 1),
                Some(WordClass::Stop | WordClass::Of | WordClass::Link)
            )
        {
            return;
        }
        let Some(b) = end else {
            return;
        };
        if b >= toks.len() || !toks[b].is(",") {
            return;
        }
        let mut k = b + 1;
        while k < toks.len() && g.class(k) == Some(WordClass::Det) {
            k += 1;
        }
        roles.clear();
        let RoleWords { heads, mods } = roles;
        while k < toks.len() && k < b + 10 && toks[k].word && toks[k].quote == toks[a].quote {
            match g.role(k) {
                Some(RoleKind::Person) if heads.is_empty() => heads.push(toks[k].norm),
                Some(_) => mods.push(toks[k].norm),
                None if heads.is_empty() => return,
                None => match g.class(k) {
                    Some(WordClass::Of | WordClass::Link | WordClass::Det) => {}
                    Some(_) => break,
                    None => mods.push(toks[k].norm),
                },
            }
            k += 1;
        }
        add_each(&mut entity.heads, heads);
        add_each(&mut entity.mods, mods);
    }

    /// The entity whose fullest name holds all the words of the tokens `words` (in order),
    /// preferring the longest; `toks` are the document's tokens.
    fn find_name(&self, toks: &[Token], words: &[Token]) -> Option<usize> {
        // candidates: the entities holding the mention's rarest word
        let candidates = words
            .iter()
            .map(|w| self.by_word.get(w.norm).map_or(&[][..], |ids| &ids[..]))
            .min_by_key(|ids| ids.len())?;
        candidates
            .iter()
            .map(|&i| (i, self.list[i].name))
            .filter(|&(_, (a, b))| contains_in_order(&toks[a..b], words))
            .max_by_key(|&(i, (a, b))| (b - a, std::cmp::Reverse(i)))
            .map(|(i, _)| i)
    }

    /// True when a name mention belongs to an entity named with two words or more somewhere
    /// in the document (a person, most likely, rather than a place or a company).
    pub fn is_person(&self, g: &Grammar, a: usize, b: usize) -> bool {
        let toks = &g.doc.tokens;
        let acronym = |k: usize| {
            let t = &g.doc.tokens[k];
            let s = &g.doc.text[t.start..t.end];
            s.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !s.chars().any(char::is_lowercase)
        };
        let digits = |k: usize| g.doc.tokens[k].norm.chars().any(|c| c.is_ascii_digit());
        // "Burnaby RCMP", "BC Hydro": an acronym makes an organisation; "L311-2" is no name
        if (a..b).any(|k| acronym(k) || digits(k)) {
            return false;
        }
        // "Tamarack Shipping Corp.", "Acme Group": a name before an organisation noun
        // (in the same paragraph: a byline before a headline is no company)
        let org_after = |k: usize| {
            k < toks.len()
                && k > 0
                && toks[k].para == toks[k - 1].para
                && g.role(k) == Some(RoleKind::Org)
        };
        if org_after(b) {
            return false;
        }
        self.find_name(toks, &toks[a..b]).is_some_and(|i| {
            let (ea, eb) = self.list[i].name;
            eb - ea >= 2
                && !org_after(eb)
                && toks[ea..eb]
                    .iter()
                    .all(|w| g.lex.class(w.norm) != Some(WordClass::And))
        })
    }

    /// The gender the document shows for the entity of a name mention: its first name (of a
    /// name of two words or more) and the titles and roles written before its mentions, when
    /// they agree.
    pub fn gender(&self, g: &Grammar, a: usize, b: usize) -> Option<Gender> {
        let toks = &g.doc.tokens;
        let i = self.find_name(toks, &toks[a..b])?;
        *self.genders.get(i)?.get_or_init(|| {
            // the first word of a name of two words or more ("John Park"), then the titles and
            // roles written before its mentions, all agreeing
            let (ea, eb) = self.list[i].name;
            let mut seen: Option<Gender> = (eb - ea >= 2).then(|| g.gender(ea)).flatten();
            for &p in &self.list[i].positions {
                match (seen, g.gender_before(p)) {
                    (_, None) => {}
                    (None, found) => seen = found,
                    (Some(x), Some(y)) if x != y => return None,
                    _ => {}
                }
            }
            seen
        })
    }

    /// The canonical name for a name mention.
    pub fn resolve_name(&self, g: &Grammar, a: usize, b: usize) -> String {
        let toks = &g.doc.tokens;
        match self.find_name(toks, &toks[a..b]) {
            Some(i) => self.list[i].display.to_string(),
            None => g.text(a, b).to_string(),
        }
    }

    /// The entity a role-only phrase ("il ministro russo") refers to: the role noun must match,
    /// no modifier may conflict, the most shared modifiers win, then the nearest mention before
    /// `at`.
    pub fn resolve_role(&self, g: &Grammar<'_, 'a>, np: &Np, at: usize) -> Option<String> {
        let (h, kind) = np.head?;
        if kind != RoleKind::Person {
            return None;
        }
        let head = &g.doc.tokens[h].norm;
        let mine: HashSet<&str> = np.mods.iter().map(|&k| g.doc.tokens[k].norm).collect();
        let mut best: Option<(usize, i64, usize)> = None;
        for (i, (e, roles)) in self.list.iter().zip(self.roles(g)).enumerate() {
            if !roles.heads.contains(head) {
                continue;
            }
            let theirs: HashSet<&str> = roles.mods.iter().copied().collect();
            let shared = mine.intersection(&theirs).count();
            let mine_only = mine.difference(&theirs).count();
            let theirs_only = theirs.difference(&mine).count();
            if mine_only > 0 && theirs_only > 0 {
                continue;
            }
            // nearest mention before `at` (closer is better), else the first after it
            let recency = match e.positions.iter().rev().find(|&&p| p < at) {
                Some(&p) => p as i64,
                None => -(e.positions.first().copied().unwrap_or(usize::MAX / 2) as i64),
            };
            let cand = (shared, recency, i);
            if best.is_none_or(|b| (cand.0, cand.1) > (b.0, b.1)) {
                best = Some(cand);
            }
        }
        best.map(|(_, _, i)| self.list[i].display.to_string())
    }
}
