//! The small grammar attribution needs: names, speaker phrases and reporting cues, read off the
//! tokens with the lexicons' word classes.

use std::cell::{Cell, OnceCell};

use rustc_hash::FxHashMap as HashMap;

use crate::lexicon::{Cue, CueForm, Gender, Lexicons, RoleKind, WordClass};
use crate::text::sentences::Doc;

/// A speaker phrase: "il ministro degli Esteri russo Sergei Lavrov", "KCNA", "la Casa Bianca".
#[derive(Debug, Clone, Default)]
pub(crate) struct Np {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Names in apposition (not after a preposition): the speaker's own names.
    pub names: Vec<(usize, usize)>,
    /// Two or more coordinated names: "Anna e Marco Verdi".
    pub joint: bool,
    /// The role or organisation noun that heads the phrase.
    pub head: Option<(usize, RoleKind)>,
    /// The other content words (token positions): modifiers and complements.
    pub mods: Vec<usize>,
    /// A subject pronoun ("lui", "she"): the previous speaker.
    pub pronoun: bool,
    /// The name has a lowercase complement of its own: an institution ("Ligue des droits de
    /// l'homme"), printed whole.
    pub complement: bool,
}

/// What a function word does to the phrase being read ([`Grammar::np_linker`]).
enum Step {
    /// The phrase goes on at `next`, inside a complement when `of`.
    Go { next: usize, of: bool },
    /// The phrase ends here.
    Stop,
    /// Not a function word: read on.
    Pass,
}

/// A reporting cue found in the text: "ha detto", "ha inoltre accusato", "secondo".
#[derive(Debug, Clone, Copy)]
pub(crate) struct CueHit {
    /// First token (the auxiliary, if any).
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// How the cue is used.
    pub form: CueForm,
    /// The stance the cue carries.
    pub weight: f64,
    /// The cue carries its own subject pronoun ("a-t-il déclaré"): the previous speaker.
    pub inverted: bool,
}

/// A word's class and role kind.
type WordInfo = (Option<WordClass>, Option<RoleKind>);

/// Reads names, phrases and cues off a document's tokens.
pub(crate) struct Grammar<'d, 'a> {
    pub doc: &'d Doc<'a>,
    pub lex: &'d Lexicons,
    /// For each token, whether it is the first word of its sentence.
    initial: Vec<bool>,
    /// For each token, its word class and role kind (looked up when first asked for), whether it
    /// can belong to a name, and the longest cue of the lexicon that starts there (also looked up
    /// when first asked for): each read many times.
    words: Vec<Cell<Option<WordInfo>>>,
    name_tokens: Vec<bool>,
    /// For each token, whether it stands in a run of words in capitals (see
    /// [`Grammar::drop_shouted_runs`]): no speaker phrase starts there.
    shouted: Vec<bool>,
    cues: Vec<OnceCell<Option<(usize, Cue)>>>,
}

impl<'d, 'a> Grammar<'d, 'a> {
    pub fn new(doc: &'d Doc<'a>, lex: &'d Lexicons) -> Self {
        let n = doc.tokens.len();
        // the first word of each sentence, so that "is this word sentence-initial" is O(1)
        let mut initial = vec![false; n];
        for &(s, e) in &doc.sentences {
            if let Some(k) = (s..e).find(|&k| doc.tokens[k].word) {
                initial[k] = true;
            }
        }
        let mut g = Grammar {
            doc,
            lex,
            initial,
            // word classes and roles are looked up when first asked for, then remembered
            words: vec![Cell::new(None); n],
            name_tokens: vec![false; n],
            shouted: vec![false; n],
            // cues are looked up on demand (most tokens are never asked), then remembered
            cues: vec![OnceCell::new(); n],
        };
        // A capitalised word can belong to a name unless the lexicons know it (a function word or
        // a role). At a sentence start it is not a name either when the document also writes it in
        // lowercase ("Oggi" / "oggi"): those words wait in `asked` for the lowercase scan below,
        // each with whether a lowercase spelling was seen. Known words never wait, so that common
        // words ("The", "Il") do not send the scan to the set at each of their lowercase uses.
        let mut asked: HashMap<&str, bool> = HashMap::default();
        let mut waiting = Vec::new();
        for (i, t) in doc.tokens.iter().enumerate() {
            if !t.word || !t.cap || g.class(i).is_some() || g.role(i).is_some() {
                continue;
            }
            // a verb form opening a sentence is not a name ("Sollicité mardi, X a …", "Asked
            // about it, X said"): the cue lexicon's forms serve as a list of verbs
            if g.initial[i] && g.cue_entry(i).is_some() {
                continue;
            }
            if g.initial[i] {
                asked.insert(t.norm, false);
                waiting.push(i);
            } else {
                g.name_tokens[i] = true;
            }
        }
        g.drop_shouted_runs();
        if !waiting.is_empty() {
            // a 1024-bit filter in front of the map, on a word's length and first and last bytes:
            // most lowercase words are not asked about (a long document asks about a few hundred
            // words, which would fill a smaller filter)
            let filter_bit = |w: &str| -> (usize, u64) {
                let b = w.as_bytes();
                let key = (b.len() as u32)
                    | (b.first().map_or(0, |&c| c as u32) << 8)
                    | (b.last().map_or(0, |&c| c as u32) << 16);
                let h = (key.wrapping_mul(0x9E37_79B1) >> 22) as usize;
                (h >> 6, 1 << (h & 63))
            };
            let mut filter = [0u64; 16];
            for w in asked.keys() {
                let (k, bit) = filter_bit(w);
                filter[k] |= bit;
            }
            let in_filter = |w: &str| {
                let (k, bit) = filter_bit(w);
                filter[k] & bit != 0
            };
            for t in &doc.tokens {
                if t.word && !t.cap && in_filter(t.norm) {
                    if let Some(seen) = asked.get_mut(t.norm) {
                        *seen = true;
                    }
                }
            }
            for i in waiting {
                g.name_tokens[i] = !asked[doc.tokens[i].norm];
            }
        }
        g
    }

    /// Two or more words in capitals in a row are a crosshead, a caption, a byline or a link
    /// ("MORE NEWS", "MARIO ROSSI LUCA BIANCHI", "IL PRESIDENTE DEL CONSIGLIO REGIONALE"),
    /// never a speaker's name; acronyms ("KCNA", "SNP MP") stay: a run needs two words of
    /// four letters or more.
    fn drop_shouted_runs(&mut self) {
        let doc = self.doc;
        // (a capitalised word, whose second byte is not a lowercase ASCII letter, first: most
        // words are ruled out without decoding their letters)
        let bytes = doc.text.as_bytes();
        let shouted = |k: usize| {
            let t = &doc.tokens[k];
            if !t.word || !t.cap || bytes.get(t.start + 1).is_some_and(u8::is_ascii_lowercase) {
                return false;
            }
            let text = &doc.text[t.start..t.end];
            !text.chars().any(char::is_lowercase)
                && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        };
        let mut k = 0;
        while k < doc.tokens.len() {
            // most tokens are not capitalised words: skip them here, without a call
            let t = &doc.tokens[k];
            if !t.word || !t.cap || !shouted(k) {
                k += 1;
                continue;
            }
            let mut e = k + 1;
            while e < doc.tokens.len()
                && (shouted(e) || (!doc.tokens[e].word && doc.tokens[e].is("-")))
            {
                e += 1;
            }
            // long words: "SNP MP Kirsty Bell" is two acronyms before a name
            let long = |x: &usize| {
                let t = &doc.tokens[*x];
                doc.text[t.start..t.end]
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .count()
                    >= 4
            };
            if (k..e).filter(long).count() >= 2 {
                self.name_tokens[k..e].fill(false);
                self.shouted[k..e].fill(true);
            }
            k = e;
        }
    }

    /// The class and role kind of token `i` (none for punctuation).
    fn word_info(&self, i: usize) -> WordInfo {
        let Some(cell) = self.words.get(i) else {
            return (None, None);
        };
        if let Some(info) = cell.get() {
            return info;
        }
        let t = &self.doc.tokens[i];
        let info = if t.word {
            self.lex.word(t.norm)
        } else {
            (None, None)
        };
        cell.set(Some(info));
        info
    }

    pub fn class(&self, i: usize) -> Option<WordClass> {
        self.word_info(i).0
    }

    pub fn role(&self, i: usize) -> Option<RoleKind> {
        self.word_info(i).1
    }

    fn sentence_initial(&self, i: usize) -> bool {
        self.initial[i]
    }

    /// True for a capitalised word that can belong to a name.
    pub fn is_name_token(&self, i: usize) -> bool {
        self.name_tokens.get(i).copied().unwrap_or(false)
    }

    /// The end of the name that starts at `i`: capitalised words, with particles ("von", "bin")
    /// and, after a single word, a linking preposition ("Corea del Nord").
    pub fn name_run(&self, i: usize, limit: usize) -> Option<usize> {
        if i >= limit {
            return None;
        }
        if !self.is_name_token(i) {
            return self.particle_name_run(i, limit);
        }
        let region = self.doc.tokens[i].quote;
        let para = self.doc.tokens[i].para;
        let same = |k: usize| self.doc.tokens[k].quote == region && self.doc.tokens[k].para == para;
        let mut j = i + 1;
        while j < limit && same(j) {
            if self.is_name_token(j) {
                j += 1;
                continue;
            }
            // a capitalised function word inside a name is part of it: "Kim Jong Un"
            let t = &self.doc.tokens[j];
            if t.word
                && t.cap
                && self.role(j).is_none()
                && !self.sentence_initial(j)
                && !self.shouted[j]
            {
                j += 1;
                continue;
            }
            // an initial: "George W. Bush"
            let t = &self.doc.tokens[j];
            if t.is(".") && j + 1 < limit && same(j + 1) && self.is_name_token(j + 1) {
                let p = &self.doc.tokens[j - 1];
                if p.cap && p.norm.chars().count() == 1 && p.end == t.start {
                    j += 1;
                    continue;
                }
            }
            // "Ursula von der Leyen", "Mohammed bin Salman": particles, then a name word
            if let Some(e) = self.after_particles(j, limit, &same) {
                j = e;
                continue;
            }
            // "Corea del Nord": a linking preposition after a single word
            let single = j == i + 1;
            if single
                && self.class(j) == Some(WordClass::Link)
                && !self.doc.tokens[j].cap
                && j + 1 < limit
                && same(j + 1)
                && self.is_name_token(j + 1)
            {
                j += 2;
                continue;
            }
            break;
        }
        Some(j)
    }

    /// When lowercase name particles start at `j` ("von der", "bin", "van") and a name word
    /// follows them, the position after that word.
    fn after_particles(
        &self,
        j: usize,
        limit: usize,
        same: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let mut k = j;
        while k < limit
            && k < j + 3
            && same(k)
            && !self.doc.tokens[k].cap
            && self.class(k) == Some(WordClass::Particle)
        {
            k += 1;
        }
        (k > j && k < limit && same(k) && self.is_name_token(k)).then_some(k + 1)
    }

    /// The end of a name that opens with particles: "von der Leyen" (lowercase particles of
    /// names), "Di Pietro", "De Rosa", "Al Nasser" (a capitalised function word inside a
    /// sentence, right before a name word).
    fn particle_name_run(&self, i: usize, limit: usize) -> Option<usize> {
        let t = &self.doc.tokens[i];
        // most words are neither capitalised nor particles: out at once
        if !t.word || (!t.cap && self.class(i) != Some(WordClass::Particle)) {
            return None;
        }
        if self.sentence_initial(i) || t.quote != self.doc.tokens.get(i + 1)?.quote {
            return None;
        }
        let region = t.quote;
        let para = t.para;
        let same = |k: usize| self.doc.tokens[k].quote == region && self.doc.tokens[k].para == para;
        let start = if t.cap {
            let function = matches!(
                self.class(i),
                Some(
                    WordClass::Particle
                        | WordClass::Of
                        | WordClass::Link
                        | WordClass::Det
                        | WordClass::Stop
                )
            );
            (function && self.role(i).is_none() && i + 1 < limit && self.is_name_token(i + 1))
                .then_some(i + 1)?
        } else {
            i
        };
        let first = if start == i {
            self.after_particles(i, limit, &same)?
        } else {
            start + 1
        };
        Some(self.name_run(first - 1, limit).unwrap_or(first))
    }

    fn skip_dets(&self, mut j: usize, limit: usize) -> usize {
        let mut n = 0;
        while j < limit && n < 3 {
            match self.class(j) {
                Some(WordClass::Det) => j += 1,
                // a title written short: "Dr Oliver Prentice", "M. Macron", "Mrs. Smith"
                Some(WordClass::Abbr) if self.doc.tokens[j].cap => {
                    j += 1;
                    if j < limit && self.doc.tokens[j].is(".") {
                        j += 1;
                    }
                }
                _ => break,
            }
            n += 1;
        }
        j
    }

    /// True when a cue starts at `i`.
    fn is_cue(&self, i: usize) -> bool {
        self.cue_entry(i).is_some()
    }

    /// The longest cue of the lexicon that starts at token `i` (its length in tokens).
    fn cue_entry(&self, i: usize) -> Option<(usize, Cue)> {
        let cell = self.cues.get(i)?;
        *cell.get_or_init(|| {
            let t = &self.doc.tokens[i];
            if !t.word {
                return None;
            }
            self.lex
                .cues
                .longest_at(&self.doc.tokens, i)
                .map(|m| (m.len, *m.value))
        })
    }

    /// The speaker phrase that starts at `i` and ends before `limit`, if any.
    pub fn np_at(&self, i: usize, limit: usize) -> Option<Np> {
        let toks = &self.doc.tokens;
        if i >= limit {
            return None;
        }
        let region = toks[i].quote;
        if self.shouted[i] {
            return None;
        }
        if matches!(self.class(i), Some(WordClass::Pronoun | WordClass::Thing)) {
            return Some(Np {
                start: i,
                end: i + 1,
                pronoun: true,
                ..Np::default()
            });
        }
        let mut np = Np {
            start: i,
            ..Np::default()
        };
        let det_end = self.skip_dets(i, limit);
        let mut j = det_end;
        let mut after_of = false;
        let mut adjectives = 0;
        while j < limit && toks[j].quote == region {
            if np.head.is_none() && !after_of {
                if let Some(next) = self.np_redescribe(&mut np, j, limit) {
                    j = next;
                    continue;
                }
            }
            if let Some(end) = self.name_run(j, limit) {
                j = self.np_name(&mut np, j, end, after_of, limit);
                adjectives = 0;
                after_of = false;
                continue;
            }
            let t = &toks[j];
            if !t.word {
                // "il ministro (Paolo Rossi)": a name in brackets
                match self.bracketed_name(&np, j, limit) {
                    Some(e) => {
                        np.names.push((j + 1, e));
                        j = e + 1;
                        continue;
                    }
                    None => break,
                }
            }
            // "the agency's Mia Lund": a name possessed by the role phrase is the speaker
            let possessive = t.word && t.norm.starts_with('\'') && t.norm.ends_with('s');
            if possessive && np.head.is_some() && np.names.is_empty() {
                if let Some(end) = self.name_run(j + 1, limit) {
                    np.mods.push(j);
                    np.names.push((j + 1, end));
                    j = end;
                    continue;
                }
            }
            match self.role(j) {
                Some(RoleKind::Person | RoleKind::Org) => {
                    if np.head.is_none() && np.names.is_empty() && !after_of {
                        np.head = Some((j, self.role(j).unwrap_or(RoleKind::Person)));
                    } else {
                        np.mods.push(j);
                    }
                    j += 1;
                    after_of = false;
                    adjectives = 0;
                    continue;
                }
                Some(RoleKind::Title) => {
                    np.mods.push(j);
                    j += 1;
                    after_of = false;
                    continue;
                }
                None => {}
            }
            match self.np_linker(&np, j, after_of, limit) {
                Step::Go { next, of } => {
                    j = next;
                    after_of = of;
                    continue;
                }
                Step::Stop => break,
                Step::Pass => {}
            }
            let numeric = t.norm.chars().next().is_some_and(|c| c.is_numeric());
            // "la Ligue des droits de l'homme": a name's own lowercase complement
            // (only where the complement goes on or stops: "di sviluppare una …" is a verb)
            let goes_on = j + 1 >= limit
                || !toks[j + 1].word
                || matches!(self.class(j + 1), Some(WordClass::Of | WordClass::Link));
            let name_complement = np.head.is_none() && after_of && !np.names.is_empty() && goes_on;
            // (a role's lowercase modifiers come before its name: after the name they are the
            // clause's verb, "Mayor Lena Ortiz arrived late")
            if !t.cap
                && ((np.head.is_some() && np.names.is_empty()) || name_complement)
                && adjectives < 3
                && !numeric
                && !self.is_cue(j)
            {
                np.complement |= name_complement;
                np.mods.push(j);
                adjectives += 1;
                after_of = false;
                j += 1;
                continue;
            }
            break;
        }
        self.np_finish(np, j, det_end, limit)
    }

    /// Words before a role that describe it, at `j` in a phrase with no role yet: names before
    /// a role ("Lakeside Trust senior manager Nora Fox"), a possessive name ("Moreau's
    /// partner, Lisa Grant", "Halifax's Dana Price"), a name then a common noun ("Dundee
    /// cartoonist Ewan Hart"). Where the phrase goes on, when one applies.
    fn np_redescribe(&self, np: &mut Np, j: usize, limit: usize) -> Option<usize> {
        let toks = &self.doc.tokens;
        // "Lakeside Trust senior manager Nora Fox": names before a role describe it
        let from = np.names.first().map_or(j, |&(a, _)| a);
        let looked = match np.names.last() {
            None => Some(j),
            Some(&(_, e)) => (e == j).then_some(j),
        };
        if let Some(h) = looked.and_then(|j| self.role_ahead(j, limit)) {
            np.mods.extend(from..h);
            np.names.clear();
            np.joint = false;
            return Some(h);
        }
        let (&(a, e), false) = (np.names.first()?, np.joint) else {
            return None;
        };
        if e != j {
            return None;
        }
        // "Moreau's partner, Lisa Grant": a possessive name describes the role
        if toks[j].word && toks[j].norm.starts_with('\'') && toks[j].norm.ends_with('s') {
            if let Some(h) = self.role_ahead(j + 1, limit).or_else(|| {
                matches!(self.role(j + 1), Some(RoleKind::Person | RoleKind::Org)).then_some(j + 1)
            }) {
                np.mods.extend(a..h);
                np.names.clear();
                return Some(h);
            }
            // "Halifax's Dana Price", "the agency's Mia Lund": the possessed name
            if let Some(end) = self.name_run(j + 1, limit) {
                np.mods.extend(a..j + 1);
                np.names = vec![(j + 1, end)];
                return Some(end);
            }
        }
        // "Dundee cartoonist Ewan Hart,": a name, a common noun, then the speaker
        let (p, end) = self.described_name(j, limit)?;
        np.mods.extend(a..p);
        np.names = vec![(p, end)];
        Some(end)
    }

    /// A name run from `j` to `end` inside a phrase: after a preposition, the complement (with
    /// the person's name split off: "la sindaca di Torino Chiara Bellini"); else one of the
    /// speaker's names, with a second one after "e"/"and" ("Anna e Marco Verdi"). Where the
    /// phrase goes on.
    fn np_name(&self, np: &mut Np, j: usize, end: usize, after_of: bool, limit: usize) -> usize {
        if after_of {
            let split = if matches!(np.head, Some((_, RoleKind::Person))) {
                self.complement_split(j, end)
            } else {
                None
            };
            np.mods.extend(j..split.unwrap_or(end));
            if let Some(p) = split {
                np.names.push((p, end));
            }
            return end;
        }
        np.names.push((j, end));
        if self.class(end) == Some(WordClass::And) {
            let k = self.skip_dets(end + 1, limit);
            if let Some(e2) = self.name_run(k, limit) {
                np.names.push((k, e2));
                np.joint = true;
                return e2;
            }
        }
        end
    }

    /// When token `j` opens a bracket holding a name after a described phrase, the name's end.
    fn bracketed_name(&self, np: &Np, j: usize, limit: usize) -> Option<usize> {
        let toks = &self.doc.tokens;
        let described = np.head.is_some() || !np.names.is_empty();
        if !toks[j].is("(") || !described {
            return None;
        }
        let e = self.name_run(j + 1, limit)?;
        (e < limit && toks[e].is(")")).then_some(e)
    }

    /// What the function word at `j` does to the phrase being read: a preposition that opens a
    /// complement ("il ministro degli Esteri", "the mayor of Ottawa"), "e"/"et" between two
    /// complements ("le ministre de la Ville et du Logement"), or the end of the phrase.
    fn np_linker(&self, np: &Np, j: usize, after_of: bool, limit: usize) -> Step {
        let toks = &self.doc.tokens;
        match self.class(j) {
            Some(WordClass::Stop)
                if !after_of
                    && np.names.is_empty()
                    && matches!(np.head, Some((_, RoleKind::Person)))
                    && toks
                        .get(self.skip_dets(j + 1, limit))
                        .is_some_and(|n| n.word && n.cap) =>
            {
                Step::Go {
                    next: self.skip_dets(j + 1, limit),
                    of: true,
                }
            }
            // "le ministre de la Ville et du Logement Olivier Klein"
            Some(WordClass::And)
                if np.head.is_some()
                    && !np.mods.is_empty()
                    && matches!(self.class(j + 1), Some(WordClass::Of | WordClass::Link)) =>
            {
                Step::Go {
                    next: j + 1,
                    of: after_of,
                }
            }
            Some(WordClass::Of | WordClass::Link) if np.head.is_some() || !np.names.is_empty() => {
                if after_of {
                    return Step::Stop;
                }
                Step::Go {
                    next: self.skip_dets(j + 1, limit),
                    of: true,
                }
            }
            Some(_) => Step::Stop,
            None => Step::Pass,
        }
    }

    /// The phrase read up to `j`: never ending on a preposition or an article, and a role
    /// followed by the name it describes ("il vice portavoce di Guterres, Farhan Haq").
    fn np_finish(&self, mut np: Np, mut j: usize, det_end: usize, limit: usize) -> Option<Np> {
        let toks = &self.doc.tokens;
        while j > det_end
            && matches!(
                self.class(j - 1),
                Some(WordClass::Of | WordClass::Link | WordClass::Det)
            )
        {
            j -= 1;
        }
        np.end = j;
        if np.head.is_none() && np.names.is_empty() {
            return None;
        }
        let role_only = np.names.is_empty() && matches!(np.head, Some((_, RoleKind::Person)));
        if role_only && j < limit && toks[j].is(",") {
            if let Some(mut e) = self.name_run(j + 1, limit) {
                let mut names = vec![(j + 1, e)];
                // "I due mediatori, Claire Morand e Lukas Brunner, …"
                if e < limit && self.class(e) == Some(WordClass::And) {
                    if let Some(e2) = self.name_run(e + 1, limit) {
                        names.push((e + 1, e2));
                        e = e2;
                    }
                }
                if e == limit || !toks[e].word {
                    np.joint = names.len() > 1;
                    np.names = names;
                    np.end = e;
                }
            }
        }
        Some(np)
    }

    /// One or two lowercase nouns at `j`, then a name that closes the phrase (before punctuation,
    /// the limit, or a relative pronoun): the name's span.
    fn described_name(&self, j: usize, limit: usize) -> Option<(usize, usize)> {
        let toks = &self.doc.tokens;
        let plain = |k: usize| {
            k < limit && toks[k].word && !toks[k].cap && self.class(k).is_none() && !self.is_cue(k)
        };
        let mut p = j;
        while p < j + 2 && plain(p) {
            p += 1;
        }
        if p == j {
            return None;
        }
        let end = self.name_run(p, limit)?;
        let closes = end >= limit || !toks[end].word || self.class(end) == Some(WordClass::That);
        (closes && end - p >= 2).then_some((p, end))
    }

    /// When the words from `j` are modifiers of a role noun that follows within three words
    /// ("Russian Foreign Minister", "mayoral candidate", "Surrey Mayor"), the role's position.
    fn role_ahead(&self, j: usize, limit: usize) -> Option<usize> {
        let toks = &self.doc.tokens;
        if self.role(j).is_some_and(|r| r != RoleKind::Title) {
            return None;
        }
        for k in j..limit.min(j + 4) {
            let t = &toks[k];
            if !t.word || t.quote != toks[j].quote {
                return None;
            }
            match self.role(k) {
                Some(RoleKind::Person | RoleKind::Org) if k > j => return Some(k),
                Some(_) => continue,
                None => {}
            }
            // a number may belong to a name ("UFCW Local 832 president"), not open the phrase
            let numeric = t.norm.chars().next().is_some_and(char::is_numeric);
            if self.class(k).is_some() || self.is_cue(k) || (numeric && k == j) {
                return None;
            }
        }
        None
    }

    /// Where the person's name starts inside a complement name run of three capitalised words or
    /// more ("di Torino Chiara Bellini", "degli Stati Uniti Joe Biden"): a personal name is
    /// taken to be its last two words.
    pub fn complement_split(&self, a: usize, b: usize) -> Option<usize> {
        let cap = |k: &usize| self.doc.tokens[*k].word && self.doc.tokens[*k].cap;
        // counted, then found from the end, rather than collected
        if (a..b).filter(cap).count() < 3 {
            return None;
        }
        let p = (a..b).rev().filter(cap).nth(1)?;
        // never split inside "Corea del Nord": the name part must start right after a capital;
        // nor inside "Marine Le Pen": a capitalised article belongs to the name before it
        let function_word = self.class(p).is_some();
        (self.doc.tokens[p - 1].cap && p > a && !function_word).then_some(p)
    }

    /// The token after any adverbs (and time words) starting at `i`.
    pub fn skip_adverbs(&self, mut i: usize, limit: usize) -> usize {
        while i < limit && self.class(i) == Some(WordClass::Adverb) {
            i += 1;
        }
        i
    }

    /// The reporting cue that starts at `i`: [auxiliary] [adverbs] form.
    pub fn cue_at(&self, i: usize, limit: usize) -> Option<CueHit> {
        let toks = &self.doc.tokens;
        if i >= limit || !toks[i].word {
            return None;
        }
        let region = toks[i].quote;
        let mut j = i;
        // "a-t-il déclaré", "explique-t-elle": a verb with its subject pronoun joined
        if let Some(stem) = self.inverted_stem(i) {
            if self.lex.class(stem) == Some(WordClass::Aux) {
                let mut k = i + 1;
                while k < limit && self.class(k) == Some(WordClass::Adverb) {
                    k += 1;
                }
                let (len, cue) = self.cue_entry(k)?;
                let end = k + len;
                if end > limit || toks[i..end].iter().any(|t| t.quote != region) {
                    return None;
                }
                return Some(CueHit {
                    start: i,
                    end,
                    form: cue.form,
                    weight: cue.weight,
                    inverted: true,
                });
            }
            let m = self.lex.cues.longest_at(&[stem], 0)?;
            if m.len != 1 || m.value.form == CueForm::Participle {
                return None;
            }
            return Some(CueHit {
                start: i,
                end: i + 1,
                form: m.value.form,
                weight: m.value.weight,
                inverted: true,
            });
        }
        let aux = self.class(j) == Some(WordClass::Aux);
        if aux {
            j += 1;
            let mut n = 0;
            while j < limit && n < 3 && self.class(j) == Some(WordClass::Adverb) {
                j += 1;
                n += 1;
            }
            // "a, de son côté, critiqué", "ha, a sua volta, precisato": a short parenthesis
            if j < limit && toks[j].is(",") {
                if let Some(p) = (j + 1..limit.min(j + 7)).find(|&p| toks[p].is(",")) {
                    if self.cue_entry(p + 1).is_some() {
                        j = p + 1;
                    }
                }
            }
        }
        let (len, cue) = self.cue_entry(j)?;
        let end = j + len;
        if end > limit || toks[i..end].iter().any(|t| t.quote != region) {
            return None;
        }
        if cue.form == CueForm::Participle && !aux {
            return None;
        }
        // "per ribadire", "avant d'ajouter": an infinitive is a cue after a preposition only
        // ("vuol dire" is not one), and then its subject is the main clause's, as a gerund's
        let form = match cue.form {
            CueForm::Infinitive if self.after_preposition(j) => CueForm::Gerund,
            CueForm::Infinitive => return None,
            f => f,
        };
        Some(CueHit {
            start: i,
            end,
            form,
            weight: cue.weight,
            inverted: false,
        })
    }

    /// A speech noun and its speaker at `k`: "la replica di X", "le parole del ministro X", "a
    /// statement from X" (the noun, then a preposition of class `of` or `link`, unless the
    /// lexicon entry ends with its own, then the speaker phrase). The noun is the cue.
    pub fn speech_at(&self, k: usize, limit: usize) -> Option<(CueHit, Np)> {
        let toks = &self.doc.tokens;
        let j = self.skip_dets(k, limit);
        if j >= limit || !toks[j].word || toks[j].quote != toks[k].quote {
            return None;
        }
        let m = self.lex.speech.longest_at(toks, j)?;
        let mut p = j + m.len;
        if m.len == 1 {
            if p >= limit || !matches!(self.class(p), Some(WordClass::Of | WordClass::Link)) {
                return None;
            }
            p += 1;
        }
        let np = self.np_at(self.skip_dets(p, limit), limit)?;
        if np.pronoun || (np.names.is_empty() && np.head.is_none()) {
            return None;
        }
        let cue = CueHit {
            start: k,
            end: j + m.len,
            form: CueForm::Finite,
            weight: *m.value,
            inverted: false,
        };
        Some((cue, np))
    }

    /// The gender token `i` tells, if any.
    pub fn gender(&self, i: usize) -> Option<Gender> {
        let t = self.doc.tokens.get(i)?;
        t.word.then(|| self.lex.gender(t.norm)).flatten()
    }

    /// The gender of the pronoun joined to an inverted verb ("a-t-elle", "dit-il").
    pub fn gender_suffix(&self, i: usize) -> Option<Gender> {
        let norm = self.doc.tokens.get(i)?.norm;
        let (_, pronoun) = norm.rsplit_once('-')?;
        self.lex.gender(pronoun)
    }

    /// The gender a speaker phrase's own words tell: its title ("Mrs", "M."), its role noun
    /// ("ministra", "députée") or the article before its role ("la presidente").
    pub fn np_gender(&self, np: &Np) -> Option<Gender> {
        if let Some((h, RoleKind::Person)) = np.head {
            let det = (np.start..h)
                .rev()
                .find(|&k| self.class(k) == Some(WordClass::Det));
            return self.gender(h).or_else(|| det.and_then(|d| self.gender(d)));
        }
        // a title before the name ("Mrs. Smith", "M. Dupont")
        let end = np.names.first().map_or(np.end, |&(a, _)| a);
        (np.start..end)
            .filter(|&k| self.class(k) == Some(WordClass::Abbr))
            .find_map(|k| self.gender(k))
    }

    /// The gender the words just before a name tell: a title ("Mr. X", "Mme X", "Signora X"),
    /// or a role with its article right before it ("la ministra X", "the spokeswoman, X").
    pub fn gender_before(&self, a: usize) -> Option<Gender> {
        let toks = &self.doc.tokens;
        let mut k = a.checked_sub(1)?;
        // "Mr. X", "the spokeswoman, X"
        if toks[k].is(".") || toks[k].is(",") {
            k = k.checked_sub(1)?;
        }
        let t = &toks[k];
        if !t.word || t.quote != toks[a].quote {
            return None;
        }
        if self.role(k) == Some(RoleKind::Person) {
            return self.gender(k).or_else(|| {
                k.checked_sub(1)
                    .filter(|&d| self.class(d) == Some(WordClass::Det))
                    .and_then(|d| self.gender(d))
            });
        }
        // a title, written short or capitalised ("Mr.", "Madame"), not an article ("Le Pen") nor
        // a word of the sentence that is also a first name ("officials hope Hale will sign")
        let title = self.class(k) == Some(WordClass::Abbr) || (t.cap && self.class(k).is_none());
        title.then(|| self.gender(k)).flatten()
    }

    /// True when token `j` follows "di", "de", "d'" (class `of`) or the preposition that leads a
    /// speaker ("per", "pour": a `lead` cue); not "nel", "dans le", which make it a noun.
    fn after_preposition(&self, j: usize) -> bool {
        j > 0
            && (self.class(j - 1) == Some(WordClass::Of)
                || self
                    .cue_entry(j - 1)
                    .is_some_and(|(_, c)| c.form == CueForm::Lead))
    }

    /// The verb of a token that ends with a pronoun suffix ("explique-t-il" -> "explique").
    fn inverted_stem(&self, i: usize) -> Option<&str> {
        let t = &self.doc.tokens[i];
        if !t.word || !t.norm.contains('-') {
            return None;
        }
        self.lex.inversions.iter().find_map(|suf| {
            t.norm
                .strip_suffix(suf.as_str())
                .filter(|stem| !stem.is_empty() && !stem.ends_with('-'))
        })
    }

    /// The text of a token range.
    pub fn text(&self, a: usize, b: usize) -> &'a str {
        self.doc.span_text(a, b)
    }
}
