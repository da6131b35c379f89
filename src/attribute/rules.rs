//! The attribution rules: every name the `rule` column can hold, once, in the order the sieves try
//! them, with the sieve that yields it, the pattern it reads and examples (Italian, English,
//! French where the rule applies; X is the speaker, ¶ a paragraph break). The README's
//! "Attribution rules" table is [`markdown_table`]'s output, and a test keeps it so.

/// What the rule table says about one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule.
    pub rule: Rule,
    /// Its name in the `rule` column.
    pub name: &'static str,
    /// The sieve that yields it: a sieve is named after its first rule, and yields the rules
    /// that follow it in the table up to the next sieve.
    pub sieve: Rule,
    /// What it reads, in a line.
    pub pattern: &'static str,
    /// Examples, separated by " / ".
    pub example: &'static str,
}

/// Declares [`Rule`] and [`RULES`] from one list, so that a rule cannot lack its row and the rows
/// follow the variants (a rule's row is `RULES[rule as usize]`).
macro_rules! rules {
    ($($variant:ident = $name:literal by $sieve:ident: $pattern:literal, $example:literal;)*) => {
        /// An attribution rule: what gave a quote its speaker. The variants are in run order: the
        /// sieves are tried in the order of [`RULES`], each yields the rules listed under it, and
        /// a quote takes the first rule that fires.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Rule {
            $(#[doc = $pattern] $variant,)*
        }

        /// Every rule, in run order.
        pub const RULES: &[RuleInfo] = &[$(RuleInfo {
            rule: Rule::$variant,
            name: $name,
            sieve: Rule::$sieve,
            pattern: $pattern,
            example: $example,
        },)*];
    };
}

rules! {
    AfterCue = "after_cue" by AfterCue:
        "a cue right after the closing mark, then its speaker",
        "«…», ha detto X / «…» – ha aggiunto il ministro X / ”.secondo X / “…,” said X / \
         «…», a déclaré X";
    AfterCueContinuation = "after_cue_continuation" by AfterCue:
        "a cue right after the closing mark, with no speaker after it: the previous speaker",
        "«…», ha aggiunto. / «…», a-t-il ajouté.";
    SpeechNoun = "speech_noun" by AfterCue:
        "a speech noun after the closing mark (the cue lexicon's `noun` entries), then its \
         speaker",
        "«…», la replica di X / “…,” the statement from X said / «…», selon les propos de X";
    AfterDash = "after_dash" by AfterCue:
        "a dash after the closing mark, then a speaker phrase that ends the line",
        "«…» – il ministro X / “…” – Rovers manager X";
    AfterSpeakerCue = "after_speaker_cue" by AfterCue:
        "a speaker phrase right after the closing mark (a parenthetical allowed), then its cue",
        "«…», X ha detto / “…,” X said / “…,” X, the city's engineer, said";
    BeforeCue = "before_cue" by BeforeCue:
        "a cue that ends just before the quote (or its colon, comma, \"che\"), its subject before \
         it; or a cue, then its speaker and a colon",
        "X ha detto: «…» / X ha dichiarato che “…” / ha detto il ministro X: «…» / X said: “…” / \
         X a déclaré : «…»";
    BeforeCueContinuation = "before_cue_continuation" by BeforeCue:
        "a cue just before the quote with no subject, opening its clause: the previous speaker",
        "Poi ha aggiunto: «…» / Ha poi aggiunto: «…»";
    BeforeAccording = "before_according" by BeforeCue:
        "an according-to phrase that ends just before the quote",
        "Secondo X, «…» / Per il ministro, «…» / According to X, “…” / Selon X, «…»";
    Colon = "colon" by BeforeCue:
        "a name (or a role opening the sentence), a colon, the quote: no cue (headlines)",
        "X: «…» / X su Y: «…» / …, X: «…»";
    ColonClause = "colon_clause" by BeforeCue:
        "a colon after a short clause with no cue: the subject that opens it, before the \
         predicate",
        "X è favorevole: «…» / X, a nurse, was blunt: “…” / La ministre a été claire : «…»";
    InsideDash = "inside_dash" by InsideDash:
        "a cue and its speaker inside the quote, between dashes or after a comma",
        "«A - ha detto X - B» / «A, ha aggiunto X, B» / “A – said X – B” / «A – a déclaré X – B»";
    InsideDashContinuation = "inside_dash_continuation" by InsideDash:
        "a cue with no speaker inside the quote: the previous speaker",
        "«A - ha aggiunto - B» / «A, ha aggiunto, B» / «A, a-t-il ajouté, B»";
    ClauseSubject = "clause_subject" by ClauseSubject:
        "the subject of a cue in the clause before the quote, in its sentence",
        "X ha accusato gli Usa di una “…” / X called the plan “…” / X a dénoncé une «…»";
    ClauseInverted = "clause_inverted" by ClauseSubject:
        "a cue after a comma in the clause before the quote, then its speaker and a comma",
        "I recenti attacchi, ha aggiunto X, sono “…”";
    ClauseContinuation = "clause_continuation" by ClauseSubject:
        "a cue with no subject opening the clause before the quote: the previous speaker",
        "Ha poi definito la proposta “…”";
    GerundSubject = "gerund_subject" by ClauseSubject:
        "a gerund cue (or a second verb after \"e\", an infinitive after a preposition) before the \
         quote: the subject that opens the sentence with a verb (before_cue yields it too)",
        "X ha appoggiato la riforma, definendola “…” / X has defended it, calling it “…” / \
         X a soutenu le plan, le qualifiant de «…»";
    GerundContinuation = "gerund_continuation" by ClauseSubject:
        "the same when no subject and verb open the sentence: the previous speaker",
        "E ha aggiunto: «…» / Et d’ajouter : «…»";
    ClauseAccording = "clause_according" by ClauseSubject:
        "an according-to phrase in the clause before the quote, when it holds no verb cue",
        "Sono dati che, secondo X, segnano una “…” / figures that, according to X, show a “…” / \
         des chiffres qui, selon X, montrent une «…»";
    AfterCueFar = "after_cue_far" by AfterCueFar:
        "a cue after a comma further on in the quote's sentence, then its speaker",
        "… la “…” in Ucraina, ha affermato X / … the “…” has the money, added X / \
         «A» pour trouver «B», a estimé X";
    AfterCueFarContinuation = "after_cue_far_continuation" by AfterCueFar:
        "the same cue ending its clause with no speaker: the previous speaker",
        "… del “…” e dei fondi, ha aggiunto. / … le «…» a les fonds, a-t-il ajouté.";
    ParagraphIntro = "paragraph_intro" by ParagraphIntro:
        "a quote that opens its paragraph after one ending with a cue and a colon: its subject",
        "X ha dichiarato:¶«…» / X said:¶“…” / X a déclaré :¶«…»";
    ParagraphIntroContinuation = "paragraph_intro_continuation" by ParagraphIntro:
        "the same after a cue with no subject: the previous speaker",
        "Poi ha aggiunto:¶«…» / Adding:¶“…” / Avant d’ajouter :¶«…»";
    NextSentence = "next_sentence" by NextSentence:
        "a quote that ends its sentence, then a sentence that points back to it (a `back` entry \
         of the cue lexicon) and names the speaker",
        "«…». Lo ha detto X. / «…».¶Così X. / «…». Queste le parole di X.";
    InterviewAnswer = "interview_answer" by InterviewAnswer:
        "a quote that opens the paragraph after a question: the answer before the question, or \
         the last person the paragraph before it names",
        "Abbiamo sentito X, economista.¶Cosa pensa …?¶«…»¶E il governo?¶«…»";
    PreviousSentence = "previous_sentence" by PreviousSentence:
        "a quote that opens its sentence after a sentence without quotes that introduced a \
         speaker",
        "Parla il ministro X. «…» / X spoke to reporters. “…” / X s’est exprimé. «…»";
    ParagraphContinuation = "paragraph_continuation" by ParagraphContinuation:
        "a quote that opens its sentence after another quote of the same paragraph (or of the \
         one before, when it opens its own): that quote's speaker",
        "«…», ha detto X. «…» / “…,” X said.¶“…” / «…», a dit X. «…»";
    DialogueTurn = "dialogue_turn" by DialogueTurn:
        "a dash dialogue turn with no tag: the other voice of the exchange",
        "— …? demanda X.¶— …, répondit Y.¶— … (X)";
    HeadlineRepeat = "headline_repeat" by HeadlineRepeat:
        "after all the sieves, a quote with no speaker in a headline-like paragraph, whose text \
         (or all of whose words) an attributed quote holds: that quote's speaker",
        "«Meno tasse»¶…¶«Vogliamo meno tasse per tutti», ha detto X";
}

impl Rule {
    /// Its row in the rule table.
    pub fn info(self) -> &'static RuleInfo {
        &RULES[self as usize]
    }

    /// Its name in the `rule` column.
    pub fn name(self) -> &'static str {
        self.info().name
    }
}

/// The rule table in Markdown, as the README shows it.
pub fn markdown_table() -> String {
    let mut out = String::from("| rule | sieve | pattern | example |\n| --- | --- | --- | --- |\n");
    for r in RULES {
        out.push_str(&format!(
            "| `{}` | `{}` | {} | {} |\n",
            r.name,
            r.sieve.name(),
            r.pattern,
            r.example
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_is_its_row_and_names_are_distinct() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.rule as usize, i);
            assert_eq!(r.rule.info(), r);
            assert!(RULES[..i].iter().all(|q| q.name != r.name), "{}", r.name);
        }
    }

    /// A sieve is the first rule of its run in the table, so the table reads as the run order.
    #[test]
    fn a_sieve_heads_the_rules_it_yields() {
        for (i, r) in RULES.iter().enumerate() {
            let previous = i.checked_sub(1).map(|p| RULES[p].sieve);
            assert!(
                r.sieve == r.rule || previous == Some(r.sieve),
                "{} comes after another sieve's rules",
                r.name
            );
        }
    }

    /// A table cell holding a pipe or a line break would break the Markdown table.
    #[test]
    fn cells_fit_a_markdown_table() {
        for r in RULES {
            for cell in [r.name, r.pattern, r.example] {
                assert!(!cell.contains(['|', '\n']), "{cell:?}");
            }
        }
    }
}
