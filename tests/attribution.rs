//! Table-driven attribution cases, one per rule and language: the sentence, the language, and the
//! speaker and rule expected for its first quote (or for the quote whose text is given).

use whosaid::{Extractor, LangChoice, LexiconSource, Row};

fn rows(lang: &str, text: &str) -> Vec<Row> {
    let ex = Extractor::new(LangChoice::Fixed(lang.into()), &LexiconSource::default()).unwrap();
    ex.extract("case", text)
}

macro_rules! attribution_cases {
    ($($name:ident: $lang:literal, $text:expr, $quote:expr => $speaker:expr, $rule:expr;)*) => {
        $(
            #[test]
            fn $name() {
                let rows = rows($lang, $text);
                let row = rows
                    .iter()
                    .find(|r| r.quote.starts_with($quote))
                    .unwrap_or_else(|| panic!("no quote starting {:?} in {:?}", $quote, rows));
                assert_eq!(
                    (row.speaker.as_str(), row.rule.as_str()),
                    ($speaker, $rule),
                    "{row:?}"
                );
            }
        )*
    };
}

attribution_cases! {
    it_after_cue_title_words: "it",
        "«Non cederemo», ha dichiarato il ministro degli Esteri francese Jean Dupont.", "Non"
        => "Jean Dupont", "after_cue";
    it_glued_secondo: "it",
        "«Scambio ampio di opinioni».secondo KCNA.", "Scambio" => "KCNA", "after_cue";
    it_before_colon: "it",
        "Il sindaco Mario Rossi ha detto: «Andremo avanti».", "Andremo" => "Mario Rossi", "before_cue";
    it_per_lead: "it",
        "Il ministro Franco Serra è arrivato ieri. Per il ministro, «la delibera è illegittima».",
        "la delibera" => "Franco Serra", "before_according";
    it_inside_dash: "it",
        "«Il paese - ha dichiarato il presidente Joe Biden - non si piegherà».", "Il paese"
        => "Joe Biden", "inside_dash";
    it_clause_subject: "it",
        "Kim ha accusato gli Stati Uniti di sviluppare una “alleanza nucleare”.", "alleanza"
        => "Kim", "clause_subject";
    it_continuation: "it",
        "«Primo», ha detto Lavrov. «Secondo», ha aggiunto.", "Secondo" => "Lavrov", "after_cue_continuation";
    it_surname_resolves_to_full_name: "it",
        "Il ministro russo Sergei Lavrov è a Mosca. «Non abbiamo preferenze», ha detto Lavrov.", "Non"
        => "Sergei Lavrov", "after_cue";
    it_role_resolves_to_full_name: "it",
        "Parla il ministro degli Esteri russo Sergei Lavrov. Poi l'incontro. «Basta», ha detto il ministro russo.",
        "Basta" => "Sergei Lavrov", "after_cue";
    it_scare_quote_has_no_speaker: "it",
        "I due paesi hanno firmato un “trattato di partenariato globale” a giugno.", "trattato"
        => "", "";
    it_organisation_noun_speaks: "it",
        "La Corte dei conti ha detto: «I conti non tornano».", "I conti" => "La Corte dei conti", "before_cue";
    fr_institution_with_complement: "fr",
        "De son côté, la Ligue des droits de l’homme (LDH) avait lancé une pétition contre «\u{a0}l’escalade répressive\u{a0}».",
        "l’escalade" => "Ligue des droits de l’homme (LDH)", "clause_subject";
    en_said_after: "en",
        "“We will not close a single library,” said Mayor Elena Ruiz.", "We will" => "Elena Ruiz", "after_cue";
    en_speaker_said: "en",
        "“It was a twinkle in some engineer’s eye,” Bruce Hayne said.", "It was" => "Bruce Hayne", "after_speaker_cue";
    en_according_to: "en",
        "According to club chairman Henrik Sala, \"the board won't sell.\"", "the board" => "Henrik Sala", "before_according";
    en_dash_after_quote: "en",
        "“We let the supporters down.” – Rovers manager Karl Lindqvist", "We let" => "Karl Lindqvist", "after_dash";
    en_told_reuters_is_the_hearer: "en",
        "Nadia Fraser, a Russia analyst, told Reuters: “Neither side wants a rupture.”", "Neither"
        => "Nadia Fraser", "clause_subject";
    en_pronoun_wants_a_person: "en",
        "Darian Lonechild said she started young. The AFN Youth Council stated in July it opposed the pipeline.\n\n\"We understand this land,\" she said.",
        "We understand" => "Darian Lonechild", "after_speaker_cue";
    en_possessive_role: "en",
        "“Most places will not print less,” says Campbell’s partner, Jason Louth.", "Most" => "Jason Louth", "after_cue";
    fr_incise_inversion: "fr",
        "Le ministre de l’Intérieur Jean Martin est arrivé. «\u{a0}Nous irons\u{a0}», a-t-il déclaré.", "Nous"
        => "Jean Martin", "after_cue_continuation";
    fr_selon: "fr",
        "Selon l’AFP, «\u{a0}une cinquantaine de personnes\u{a0}» étaient là.", "une cinquantaine" => "AFP", "before_according";
    fr_narrative_infinitive: "fr",
        "Et le cabinet du ministre de préciser : « Rien ne change ».", "Rien" => "le cabinet du ministre", "before_cue";
    fr_dialogue_turns: "fr",
        "Elle hésita.\n— Tu viens ? demanda Marie.\n— Non, répondit Paul.\n— Alors je pars seule.",
        "Alors" => "Marie", "dialogue_turn";
    // a headline quote takes the speaker of a quote that holds its words (here not in the same
    // order, so the word-set comparison decides) or its text
    it_headline_repeat_word_set: "it",
        "«Per tutti tasse più basse»\n\nIl governo presenta oggi la manovra.\n\n«Vogliamo tasse più basse per tutti, a partire da gennaio», ha detto il ministro Mario Rossi.",
        "Per tutti" => "Mario Rossi", "headline_repeat";
    it_headline_repeat_substring: "it",
        "«Meno tasse»\n\nIl governo presenta oggi la manovra.\n\n«Vogliamo meno tasse per tutti», ha detto il ministro Mario Rossi.",
        "Meno" => "Mario Rossi", "headline_repeat";
    it_headline_without_source: "it",
        "«Tasse più alte per tutti»\n\nIl governo presenta oggi la manovra.\n\n«Vogliamo tasse più basse», ha detto il ministro Mario Rossi.",
        "Tasse" => "", "";
}
