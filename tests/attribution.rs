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
        "“Most places will not print less,” says Moreau’s partner, Lisa Grant.", "Most" => "Lisa Grant", "after_cue";
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
    // the rules that had no case: one or more languages each, in the order of the rule table
    it_before_cue_continuation: "it",
        "La ministra Carla Neri è entrata in aula alle dieci. Ha poi aggiunto: «Il bilancio è in ordine».",
        "Il bilancio" => "Carla Neri", "before_cue_continuation";
    it_colon: "it",
        "Carla Neri: «Il bilancio è in ordine»", "Il bilancio"
        => "Carla Neri", "colon";
    en_colon: "en",
        "Lucy Hart: “The budget is balanced”", "The budget"
        => "Lucy Hart", "colon";
    fr_colon: "fr",
        "Claire Dubois : « Le budget est équilibré »", "Le budget"
        => "Claire Dubois", "colon";
    it_inside_dash_continuation: "it",
        "La ministra Carla Neri è entrata in aula. «Il bilancio - ha aggiunto - è in ordine».",
        "Il bilancio" => "Carla Neri", "inside_dash_continuation";
    fr_inside_dash_continuation: "fr",
        "La maire Claire Dubois est arrivée. « Le budget, a-t-elle ajouté, est équilibré ».",
        "Le budget" => "Claire Dubois", "inside_dash_continuation";
    it_clause_inverted: "it",
        "I conti pubblici, ha spiegato la ministra Carla Neri, sono “in ordine”.", "in ordine"
        => "Carla Neri", "clause_inverted";
    en_clause_inverted: "en",
        "The accounts, said Mayor Lucy Hart, are “in good order”.", "in good order"
        => "Lucy Hart", "clause_inverted";
    fr_clause_inverted: "fr",
        "Les comptes, a expliqué la maire Claire Dubois, sont « en ordre ».", "en ordre"
        => "Claire Dubois", "clause_inverted";
    it_clause_continuation: "it",
        "La ministra Carla Neri è entrata in aula. Ha poi definito la proposta “inaccettabile”.",
        "inaccettabile" => "Carla Neri", "clause_continuation";
    it_gerund_subject: "it",
        "Il ministro Tullio Serra ha difeso la riforma, definendola “una svolta storica” per il paese.",
        "una svolta" => "Tullio Serra", "gerund_subject";
    en_gerund_subject: "en",
        "Mayor Lucy Hart has defended the budget, calling it “a fair deal” for the city.",
        "a fair deal" => "Lucy Hart", "gerund_subject";
    fr_gerund_subject: "fr",
        "Le ministre Paul Girard a défendu la réforme, la qualifiant de « tournant historique » pour le pays.",
        "tournant" => "Paul Girard", "gerund_subject";
    it_gerund_continuation: "it",
        "La ministra Carla Neri è entrata in aula. E ha aggiunto: «Il bilancio è in ordine».",
        "Il bilancio" => "Carla Neri", "gerund_continuation";
    fr_gerund_continuation: "fr",
        "« Le plan est prêt », a déclaré le maire Luc Ferrand. Et d’ajouter : « Nous commencerons en mars ».",
        "Nous" => "Luc Ferrand", "gerund_continuation";
    it_clause_according: "it",
        "Sono dati che, secondo l’Istat, segnano una “ripresa fragile” dei consumi.", "ripresa"
        => "Istat", "clause_according";
    en_clause_according: "en",
        "These are figures that, according to the central bank, show a “fragile recovery” in spending.",
        "fragile" => "the central bank", "clause_according";
    fr_clause_according: "fr",
        "Ce sont des chiffres qui, selon l’Insee, montrent une « reprise fragile » de la consommation.",
        "reprise" => "Insee", "clause_according";
    it_after_cue_far: "it",
        "Il governo rinvia la “riforma delle pensioni” all’anno prossimo, ha affermato il ministro Tullio Serra.",
        "riforma" => "Tullio Serra", "after_cue_far";
    en_after_cue_far: "en",
        "The “suburbs plan” has the money it needs, added Mayor Lucy Hart.", "suburbs"
        => "Lucy Hart", "after_cue_far";
    fr_after_cue_far: "fr",
        "« Le plan » pour trouver « des fonds », a estimé Paul Girard.", "Le plan"
        => "Paul Girard", "after_cue_far";
    it_after_cue_far_continuation: "it",
        "«Il piano è pronto», ha detto il sindaco Luca Ferri. Resta il nodo del “piano per le periferie” e dei fondi, ha aggiunto.",
        "piano per" => "Luca Ferri", "after_cue_far_continuation";
    fr_after_cue_far_continuation: "fr",
        "« Le plan est prêt », a déclaré le maire Luc Ferrand. Le « plan banlieues » a les fonds nécessaires, a-t-il ajouté.",
        "plan banlieues" => "Luc Ferrand", "after_cue_far_continuation";
    it_paragraph_intro: "it",
        "Il ministro Tullio Serra ha dichiarato:\n\n«Il paese è pronto».", "Il paese"
        => "Tullio Serra", "paragraph_intro";
    en_paragraph_intro: "en",
        "Mayor Lucy Hart said:\n\n“The city is ready.”", "The city"
        => "Lucy Hart", "paragraph_intro";
    fr_paragraph_intro: "fr",
        "La maire Claire Dubois a déclaré :\n\n« La ville est prête ».", "La ville"
        => "Claire Dubois", "paragraph_intro";
    it_paragraph_intro_continuation: "it",
        "«Il piano è pronto», ha detto il sindaco Luca Ferri in consiglio comunale.\n\nPoi ha aggiunto:\n\n«Partiremo a marzo con i primi cantieri».",
        "Partiremo" => "Luca Ferri", "paragraph_intro_continuation";
    en_paragraph_intro_continuation: "en",
        "“The plan is ready,” said Mayor Lucy Hart at the council.\n\nAdding:\n\n“We start in March with the first works.”",
        "We start" => "Lucy Hart", "paragraph_intro_continuation";
    fr_paragraph_intro_continuation: "fr",
        "« Le plan est prêt », a déclaré le maire Luc Ferrand au conseil municipal.\n\nAvant d’ajouter :\n\n« Nous commencerons en mars avec les premiers chantiers ».",
        "Nous" => "Luc Ferrand", "paragraph_intro_continuation";
    it_previous_sentence: "it",
        "Parla il ministro degli Esteri Tullio Serra. «Il paese è pronto».", "Il paese"
        => "Tullio Serra", "previous_sentence";
    en_previous_sentence: "en",
        "Mayor Lucy Hart spoke to reporters on Monday. “The city is ready.”", "The city"
        => "Lucy Hart", "previous_sentence";
    fr_previous_sentence: "fr",
        "La maire Claire Dubois s’est exprimée lundi. « La ville est prête ».", "La ville"
        => "Claire Dubois", "previous_sentence";
    it_paragraph_continuation: "it",
        "«Ci siamo», ha detto Tullio Serra. «Il paese è pronto».", "Il paese"
        => "Tullio Serra", "paragraph_continuation";
    en_paragraph_continuation: "en",
        "“We are here,” Lucy Hart said.\n\n“The city is ready.”", "The city"
        => "Lucy Hart", "paragraph_continuation";
    fr_paragraph_continuation: "fr",
        "« Nous sommes là », a dit Claire Dubois. « La ville est prête ».", "La ville"
        => "Claire Dubois", "paragraph_continuation";
    it_next_sentence: "it",
        "«Il porto resterà aperto».\n\nLo ha detto il sindaco di Ancona Marta Villa.", "Il porto"
        => "Marta Villa", "next_sentence";
    it_interview_answer: "it",
        "Abbiamo sentito Carla Fontana, economista.\n\nCosa pensa della manovra?\n\n«È debole».",
        "È debole" => "Carla Fontana", "interview_answer";
    it_interview_answer_after_an_answer: "it",
        "Abbiamo sentito Carla Fontana, economista.\n\nCosa pensa della manovra?\n\n«È debole».\n\nE il governo?\n\n«Non ha un piano».",
        "Non ha" => "Carla Fontana", "interview_answer";
    it_speech_noun: "it",
        "«Nessun taglio alla sanità», la replica del ministro Paolo Greco.", "Nessun"
        => "Paolo Greco", "speech_noun";
    it_colon_clause: "it",
        "La sindaca Anna Bianchi è favorevole: «Il progetto va avanti».", "Il progetto"
        => "Anna Bianchi", "colon_clause";
    en_colon_clause: "en",
        "Mia Lund, a nurse, was blunt: “We are exhausted.”", "We are" => "Mia Lund", "colon_clause";
}
