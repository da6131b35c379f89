//! The ordinary constructions of news writing that attribution must get right on any article: one
//! invented case per construction and language, each checking the speaker (and, where the
//! construction is about the cue or the rule, those too) of the quote whose text starts as given.

use whosaid::{Extractor, LangChoice, LexiconSource, Row};

fn rows(lang: &str, text: &str) -> Vec<Row> {
    let ex = Extractor::new(LangChoice::Fixed(lang.into()), &LexiconSource::default()).unwrap();
    ex.extract("case", text)
}

fn row<'r>(rows: &'r [Row], quote: &str) -> &'r Row {
    rows.iter()
        .find(|r| r.quote.starts_with(quote))
        .unwrap_or_else(|| panic!("no quote starting {quote:?} in {rows:?}"))
}

/// `name: lang, text, quote => speaker;` checks the speaker; `=> speaker, cue;` the cue too.
macro_rules! speakers {
    ($($name:ident: $lang:literal, $text:expr, $quote:expr => $speaker:expr $(, $cue:expr)?;)*) => {
        $(
            #[test]
            fn $name() {
                let rows = rows($lang, $text);
                let r = row(&rows, $quote);
                assert_eq!(r.speaker, $speaker, "{r:?}");
                $(assert_eq!(r.cue, $cue, "{r:?}");)?
            }
        )*
    };
}

// 1. Reporting verbs by lemma: any tense and person of a listed verb is a cue.
speakers! {
    it_lemma_present_inverted: "it",
        "La tesoriera Anna Conti ha presentato i conti. «Il bilancio regge», osserva la tesoriera.",
        "Il bilancio" => "Anna Conti", "osserva";
    it_lemma_reflexive: "it",
        "«Abbiamo perso un'occasione», si rammarica il sindaco Paolo Neri.",
        "Abbiamo" => "Paolo Neri", "rammarica";
    it_lemma_future: "it",
        "«Il ponte si farà», assicurerà domani il ministro Carlo Ferri.",
        "Il ponte" => "Carlo Ferri", "assicurerà";
    it_lemma_ire_with_isc: "it",
        "«Nessun rinvio», chiarisce il prefetto Luigi Sala.",
        "Nessun" => "Luigi Sala", "chiarisce";
    it_lemma_ending_in_dire_is_not_dire: "it",
        "«Andremo avanti», ha ribadito Lin Wei.",
        "Andremo" => "Lin Wei", "ha ribadito";
    it_lemma_adverb_between_auxiliary_and_participle: "it",
        "«Serve più tempo», ha poi precisato l'assessora Giulia Riva.",
        "Serve" => "Giulia Riva", "ha poi precisato";
    it_infinitive_after_per_takes_the_subject: "it",
        "Il sindaco Marco Villa è intervenuto per ribadire che «la scuola resterà aperta».",
        "la scuola" => "Marco Villa";
    it_infinitive_as_a_noun_is_not_a_cue: "it",
        "Madrid resta prudente nel valutare le offerte, secondo il «Daily Courier».",
        "Daily" => "";
}

// 2. Names: particles, capitals, prepositions after a name.
speakers! {
    it_particle_opens_a_surname: "it",
        "«Nessuna resa», ha detto Di Pietro.", "Nessuna" => "Di Pietro";
    it_lowercase_particles_in_a_name: "it",
        "«Serve unità», ha detto la presidente della Commissione Ursula von der Leyen.",
        "Serve" => "Ursula von der Leyen";
    it_preposition_never_extends_a_name: "it",
        "«Siamo pronti», ha detto Mario Rossi al Cairo.", "Siamo" => "Mario Rossi";
    en_particle_name: "en",
        "“We will invest,” said Crown Prince Mohammed bin Salman.", "We will" => "Mohammed bin Salman";
    en_capitals_are_not_a_name: "en",
        "The clinic is full.\n\nMORE NEWS: ‘Beds are running out’: nurses speak up",
        "Beds are" => "";
    it_capitals_are_not_a_name: "it",
        "IL SEGRETARIO DEL PARTITO TORNA ALL'ATTACCO: «Non ci fermeranno»\n\nIl partito si riunisce oggi.",
        "Non ci" => "";
    en_acronyms_before_a_name_stay: "en",
        "“We oppose it,” SNP MP Kirsty Bell said on Monday.", "We oppose" => "Kirsty Bell";
}

// 9. Quotes attributed by the sentence after them, and interviews.
speakers! {
    it_next_sentence_lo_ha_detto: "it",
        "«Il porto resterà aperto tutta l'estate». Lo ha detto il sindaco di Ancona Marta Villa.",
        "Il porto" => "Marta Villa";
    it_next_sentence_cosi: "it",
        "«Voteremo contro».\n\nCosì il capogruppo Luca Neri, al termine della riunione.",
        "Voteremo" => "Luca Neri";
    it_next_sentence_parole_di: "it",
        "«Nessuno resterà indietro».\n\nQueste le parole del ministro Paolo Greco durante la visita.",
        "Nessuno" => "Paolo Greco";
    it_next_sentence_needs_a_pointer: "it",
        "«Nessuno resterà indietro».\n\nIl ministro Paolo Greco è arrivato ieri.",
        "Nessuno" => "";
    it_interview_answers: "it",
        "Abbiamo sentito Carla Fontana, economista.\n\nCosa pensa della manovra?\n\n«È debole».\n\nE il governo Rossi?\n\n«Non ha un piano».",
        "Non ha" => "Carla Fontana";
    it_question_names_nobody: "it",
        "Il ministro Gino Sala parla ai cronisti.\n\n«Andremo avanti», dice.\n\nE Marco Neri?\n\n«Lo rispetto».",
        "Lo rispetto" => "Gino Sala";
}

// 4. A colon after a clause with no speech verb; 5. speech nouns.
speakers! {
    it_colon_after_a_clause: "it",
        "Il presidente Carlo Neri è stato chiaro: «Non ci saranno rinvii».", "Non ci" => "Carlo Neri";
    en_colon_after_a_clause: "en",
        "Mia Lund, a nurse, was blunt: “We are exhausted.”", "We are" => "Mia Lund";
    fr_colon_after_a_clause: "fr",
        "La ministre Claire Dubois a été claire : « Il n'y aura pas de report. »", "Il n'y"
        => "Claire Dubois";
    it_colon_clause_needs_a_verb: "it",
        "Una giornata difficile per tutti: «Non ci saranno rinvii».", "Non ci" => "";
    it_relative_che_continues: "it",
        "«Siamo pronti», dice il ministro Carlo Neri. Che poi precisa: «Non ci fermeremo».",
        "Non ci" => "Carlo Neri";
    it_speech_noun_after: "it",
        "«I conti tornano», la replica dell'assessore Mario Conti.", "I conti" => "Mario Conti", "la replica";
    it_speech_noun_before_colon: "it",
        "Le parole del sindaco Marta Villa: «Ripartiremo subito».", "Ripartiremo" => "Marta Villa";
    it_speech_noun_as_object: "it",
        "Il Foglio riporta le parole di Marco Serra: «Mi dimetto».", "Mi dimetto" => "Marco Serra";
    it_speech_noun_sentence_after: "it",
        "«Siamo fuori strada».\n\nParole del presidente dell'agenzia Petra Lind.", "Siamo" => "Petra Lind";
}

// The same constructions, further.
speakers! {
    it_colon_after_a_clause_with_a_plain_verb: "it",
        "Ferretti non si arrende e rilancia la proposta: «Facciamo presto».", "Facciamo" => "Ferretti";
    it_colon_clause_headline_verb: "it",
        "Bianchi attacca il governo: «Nessun piano per le scuole»", "Nessun" => "Bianchi";
    it_next_sentence_covers_the_paragraph: "it",
        "Il livello è «sceso molto» e «lo vedo da anni».\n\nParole del ministro Paolo Greco.",
        "sceso" => "Paolo Greco";
}

// 6. The wrong phrase in the sentence; 3. descriptions; 7. continuations.
speakers! {
    it_inserted_cue_is_a_continuation: "it",
        "Il ministro Paolo Rossi è arrivato. Il governo, ha proseguito, deve «cambiare rotta».",
        "cambiare" => "Paolo Rossi";
    it_per_opens_the_sentence: "it",
        "Il ministro Paolo Rossi è arrivato. Per Marco Bianchi, il governo deve «cambiare rotta».",
        "cambiare" => "Marco Bianchi";
    fr_pour_opens_the_sentence: "fr",
        "Pour Claire Dubois, le texte est « inacceptable ».", "inacceptable" => "Claire Dubois";
    en_according_to_opens_the_sentence: "en",
        "The mayor spoke first. According to Lena Ortiz, the plan is “dead on arrival”.",
        "dead on" => "Lena Ortiz";
    en_gerund_takes_the_sentence_subject: "en",
        "Gina Holt thanked the mayor, calling him “a true friend”.", "a true" => "Gina Holt";
    en_object_after_a_relative_is_not_the_next_speaker: "en",
        "Karl Lindqvist was there. “We won,” said Paul Moreau, who coached Lindqvist for years. “It was hard,” he said.",
        "It was" => "Paul Moreau";
    it_description_with_a_complement: "it",
        "Una fonte vicina al dossier ha spiegato: «Non c'è accordo».", "Non c'è" => "Una fonte vicina al dossier";
    en_description_with_a_complement: "en",
        "Researchers at the university said: “The data are clear.”", "The data" => "Researchers at the university";
    fr_description: "fr",
        "« Il faut partir », a confié un proche du ministre.", "Il faut" => "un proche du ministre";
    it_medium_is_not_the_speaker: "it",
        "«Il piano è morto», ha detto Lena Ortiz a Rainews24.", "Il piano" => "Lena Ortiz";
    en_medium_is_the_hearer: "en",
        "“The plan is dead,” Lena Ortiz told the BBC.", "The plan" => "Lena Ortiz";
    it_medium_quoting_its_own_text: "it",
        "«Il piano è morto», scrive il Corriere della Sera.", "Il piano" => "Corriere della Sera";
}

// A name or a title in quotes is nobody's words.
speakers! {
    it_quoted_name_has_no_speaker: "it",
        "Il vertice slitta. Lo riferisce il quotidiano «Gazzetta Nord», ha detto il ministro Paolo Rossi.",
        "Gazzetta" => "";
    en_quoted_title_has_no_speaker: "en",
        "Fans of the 'Blue Harbour' club gathered outside, Coach Marsh said.", "Blue Harbour" => "";
    it_capitalised_word_after_a_colon_is_speech: "it",
        "Il ministro Paolo Rossi: «Oltraggioso»", "Oltraggioso" => "Paolo Rossi";
}

// 1. A parenthesis between auxiliary and participle; a gerund hangs on the clause before it.
speakers! {
    fr_parenthesis_inside_the_cue: "fr",
        "Le ministre Paul Girard a parlé hier. Il a, de son côté, critiqué « une réforme bâclée ».",
        "une réforme" => "Paul Girard";
    fr_gerund_takes_the_subject_of_its_clause: "fr",
        "Reçue sur une radio locale, Marine Dupuis a jugé qu'« il faut agir », ajoutant que la réforme était « une manœuvre ».",
        "une manœuvre" => "Marine Dupuis";
    fr_apposition_then_negation_before_the_verb: "fr",
        "Sollicité mardi, Paul Morel, un porte-parole de la mairie, n'a pas commenté mais a rappelé que le projet était « prioritaire ».",
        "prioritaire" => "Paul Morel";
    fr_relative_lesquels: "fr",
        "Les maires de la région, lesquels ont jugé qu'il n'y avait « aucune urgence », se réunissent.",
        "aucune" => "Les maires de la région";
}

// 2. A verb form opening a sentence is not a name; 6. the phrases around a gerund are objects.
speakers! {
    fr_participle_opening_the_sentence_is_not_a_name: "fr",
        "Sollicitée jeudi, Anne Roux, une élue, n'a pas répondu mais a rappelé que c'était « prévu ».",
        "prévu" => "Anne Roux";
    fr_gerund_objects_introduce_nobody: "fr",
        "M. Durand a diffusé une note invitant la région à patienter.\n\nLe ministre Li Wei a parlé ensuite. « Nous continuerons », a-t-il ajouté.",
        "Nous" => "Li Wei";
}

// 2. Possessive names, names with a prepositional phrase, companies.
speakers! {
    en_possessive_place_before_a_name: "en",
        "\"We were too slow,\" Halifax's Dana Price said.", "We were" => "Dana Price";
    en_possessive_role_before_a_name: "en",
        "“We need staff,” said the agency’s Mia Lund.", "We need" => "Mia Lund";
    en_name_with_a_prepositional_phrase: "en",
        "Rita Moss with the Riverside Water Board said: “Delays have many causes.”",
        "Delays" => "Rita Moss";
    en_company_is_not_a_person: "en",
        "Paul Lee spoke first. The case involved Tamarack Shipping Corp. in Peru.\n\n“The awards were high,” he added.",
        "The awards" => "Paul Lee";
}

// 7. A personal pronoun needs a person of its gender, where the document shows it.
speakers! {
    fr_inverted_pronoun_wants_its_gender: "fr",
        "« Assez », a dit la ministre Claire Dubois. M. Paul Girard a répondu ensuite. « Non », a-t-il répliqué.",
        "Non" => "Paul Girard";
    fr_inverted_feminine_skips_a_man: "fr",
        "« Assez », a dit la ministre Claire Dubois. M. Paul Girard est arrivé ensuite. « Non », a-t-elle répliqué.",
        "Non" => "Claire Dubois";
    en_pronoun_wants_its_gender: "en",
        "“It’s late,” said Mrs. Ann Lee. Mr. John Park disagreed. “We have time,” she said.",
        "We have" => "Ann Lee";
    it_pronoun_wants_its_gender: "it",
        "«Basta», ha detto la ministra Anna Conti. Poi il sindaco Marco Neri ha parlato a lungo. «No», ha detto lei.",
        "No" => "Anna Conti";
    en_a_role_of_the_other_gender_is_not_her: "en",
        "Her father was at the stove. “No,” she said.", "No" => "";
}

// 6. A verb whose subject is no speaker leaves the quote to the cue before it.
speakers! {
    fr_verb_of_a_thing_leaves_the_quote_to_the_speaker: "fr",
        "Marine Dupuis a jugé qu'« aucun élu ne s'y oppose », ajoutant que le décret revenait à « une manœuvre ».",
        "une manœuvre" => "Marine Dupuis";
    en_verb_of_a_thing_leaves_the_quote_to_the_speaker: "en",
        "Mayor Lena Ortiz said the budget, which she described as balanced, amounts to “a fresh start”.",
        "a fresh" => "Lena Ortiz";
}

// A so-called quote is nobody's words.
speakers! {
    en_so_called_is_a_scare_quote: "en",
        "The mayor has promised to keep the libraries open, rejecting a so-called “efficiency review”.",
        "efficiency" => "";
    it_cosiddetto_is_a_scare_quote: "it",
        "Il sindaco Paolo Neri ha criticato il cosiddetto «decreto sicurezza».", "decreto" => "";
}

// 2. An organisation noun that opens its name is part of it.
speakers! {
    it_organisation_noun_opens_its_name: "it",
        "I fondi, aveva spiegato la stessa Agenzia Regionale, sono «già impegnati».",
        "già" => "Agenzia Regionale";
    fr_organisation_noun_opens_its_name: "fr",
        "« La loi est conforme », a indiqué le Conseil Constitutionnel.", "La loi" => "Conseil Constitutionnel";
}

// 7. A first name tells a person's gender.
speakers! {
    en_first_name_tells_the_gender: "en",
        "Ann Lee spoke first. John Park disagreed with her.\n\n“We have time,” she said.", "We have" => "Ann Lee";
}

// 7. "a suo dire", "in her words", "à ses yeux" continue the speaker introduced before.
speakers! {
    it_a_suo_dire_continues: "it",
        "Il ministro Paolo Rossi è arrivato. A suo dire, il piano è «morto».", "morto" => "Paolo Rossi";
    en_in_her_words_continues: "en",
        "Mayor Lena Ortiz arrived late. In her words, the plan is “dead”.", "dead" => "Lena Ortiz";
    fr_a_ses_yeux_continues: "fr",
        "La ministre Claire Dubois est arrivée. À ses yeux, le plan est « mort ».", "mort" => "Claire Dubois";
}

// Regressions found in review: each failed before its fix.
speakers! {
    it_rhetorical_question_is_no_interview: "it",
        "Il ministro Aldo Ferri ha presentato la manovra.\n\nMa chi pagherà il conto?\n\n«Meno tasse per tutti» era lo slogan della campagna.",
        "Meno tasse" => "";
    en_a_common_word_before_a_name_is_no_title: "en",
        "Tom Hale met Ann Lee on Monday. Officials hope Hale will sign. \"We are ready to talk,\" she said.",
        "We are" => "";
}

/// A run-on sentence of "e dice «…»" a few thousand times long: each cue looked back at the one
/// before through the rules, one stack frame a cue, and the process aborted.
#[test]
fn a_long_chain_of_second_verbs_does_not_recurse() {
    let text = format!(
        "Il ministro Paolo Rossi parla{}.",
        " e dice «basta»".repeat(5000)
    );
    let rows = rows("it", &text);
    assert_eq!(rows.len(), 5000);
    assert!(
        rows.iter().all(|r| r.speaker == "Paolo Rossi"),
        "{:?}",
        &rows[..3]
    );
}

// 7. French "il"/"elle" have a gender even where they may be impersonal; "c'est X qui …".
speakers! {
    fr_il_skips_a_woman_and_finds_the_cleft_subject: "fr",
        "La députée Marine Dupuis a critiqué le texte. « Ce sera non », a-t-elle déclaré.\n\nEnsuite, c'est Louis Garnier qui a pris la parole dans une lettre. Il regrette la méthode des ministres qui ont choisi « le passage en force ».",
        "le passage" => "Louis Garnier";
}
