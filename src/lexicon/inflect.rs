//! The forms of a reporting verb, generated from its lemma: the cue lexicon lists verbs once
//! (`dire`, `osservare`, `écrire`, `snap`) and a sentence may use any tense or person of them.
//!
//! Only regular morphology lives here; a verb's irregular forms (`detto`, `disse`, `écrit`,
//! `said`) are listed in the lexicon beside its lemma, and a listed form always wins over a
//! generated one. A generated form that is not a word ("risponduto") costs nothing: it never
//! matches text.
//!
//! Forms are those a reporting clause uses: the third person, singular and plural, of every
//! simple tense; the past participle in all genders and numbers (it follows an auxiliary); the
//! gerund and present participle; and the infinitive ("per ribadire che", "avant d'ajouter"),
//! which, like the gerund, takes the subject of the clause it hangs on.

use super::CueForm;

/// The forms of `lemma` in language `lang`, each with how it is used. A multiword lemma
/// ("accogliere con favore", "faire savoir") inflects its first word and keeps the rest. A
/// reflexive lemma ("rammaricarsi", "se féliciter", "s'interroger") gives the forms without the
/// pronoun, which attribution skips as it skips any object pronoun. Languages without rules give
/// the lemma alone, as a finite form.
pub(crate) fn forms(lang: &str, lemma: &str) -> Vec<(String, CueForm)> {
    let mut words = lemma.split_whitespace().peekable();
    // "se féliciter": the reflexive pronoun comes first
    if lang == "fr" && words.peek() == Some(&"se") {
        words.next();
    }
    let Some(first) = words.next() else {
        return Vec::new();
    };
    let rest: Vec<&str> = words.collect();
    let verb = match lang {
        "fr" => first
            .strip_prefix("s'")
            .or_else(|| first.strip_prefix("s\u{2019}"))
            .unwrap_or(first)
            .to_string(),
        "it" => italian_unreflexive(first),
        _ => first.to_string(),
    };
    let mut out = match lang {
        "it" => italian(&verb),
        "fr" => french(&verb),
        "en" => english(&verb),
        _ => vec![(verb.clone(), CueForm::Finite)],
    };
    if !rest.is_empty() {
        let tail = rest.join(" ");
        for (f, _) in &mut out {
            f.push(' ');
            f.push_str(&tail);
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|(f, _)| seen.insert(f.clone()));
    out
}

/// "rammaricarsi" -> "rammaricare", "dirsi" -> "dire"; other lemmas unchanged.
fn italian_unreflexive(verb: &str) -> String {
    match verb.strip_suffix("si") {
        // the contracted infinitives lose "re" before "si": por+si, trar+si, ridur+si
        Some(stem) if ["por", "trar", "dur"].iter().any(|e| stem.ends_with(e)) => {
            format!("{stem}re")
        }
        // the others lose their final e: rammaricar+si, dir+si
        Some(stem) if ["ar", "er", "ir"].iter().any(|e| stem.ends_with(e)) => format!("{stem}e"),
        _ => verb.to_string(),
    }
}

fn push(out: &mut Vec<(String, CueForm)>, form: CueForm, stem: &str, endings: &[&str]) {
    for e in endings {
        out.push((format!("{stem}{e}"), form));
    }
}

/// Italian: -are, -ere, -ire (with and without -isc-), and the contracted infinitives of the
/// verbs of saying and their like (dire, -durre, -porre, -trarre, fare).
fn italian(verb: &str) -> Vec<(String, CueForm)> {
    use CueForm::{Finite as F, Gerund as G, Participle as P};
    let mut out = Vec::new();
    // (stem of the present and imperfect, conjugation vowel, stem of future and conditional)
    let contracted = [
        ("dire", "dic", "dir"),
        ("durre", "duc", "durr"),
        ("porre", "pon", "porr"),
        ("trarre", "tra", "trarr"),
        ("fare", "fac", "far"),
    ];
    for (ending, stem, fut) in contracted {
        if let Some(prefix) = verb.strip_suffix(ending) {
            // "ribadire", "tradire" and "spedire" are plain -ire verbs: only these prefixes
            // make compounds of dire and fare
            let compounds: &[&str] = match ending {
                "dire" => &["", "ri", "contrad", "pre", "dis", "male", "bene"],
                "fare" => &["", "ri", "dis", "soddis"],
                _ => &[prefix],
            };
            if !compounds.contains(&prefix) {
                continue;
            }
            let stem = format!("{prefix}{stem}");
            let fut = format!("{prefix}{fut}");
            push(&mut out, F, &stem, &["e", "ono", "eva", "evano"]);
            push(&mut out, F, &fut, &["à", "anno", "ebbe", "ebbero"]);
            push(&mut out, G, &stem, &["endo"]);
            out.push((verb.to_string(), CueForm::Infinitive));
            return out;
        }
    }
    let Some((stem, conj)) = ["are", "ere", "ire"]
        .iter()
        .find_map(|c| verb.strip_suffix(c).map(|s| (s, *c)))
    else {
        return vec![(verb.to_string(), F)];
    };
    if stem.is_empty() {
        return vec![(verb.to_string(), F)];
    }
    match conj {
        "are" => {
            // "-care"/"-gare" keep the hard sound with h; "-ciare"/"-giare" drop the i
            let fut_stem = if stem.ends_with('c') || stem.ends_with('g') {
                format!("{stem}h")
            } else if stem.ends_with("ci") || stem.ends_with("gi") {
                stem[..stem.len() - 1].to_string()
            } else {
                stem.to_string()
            };
            push(
                &mut out,
                F,
                stem,
                &["a", "ano", "ava", "avano", "ò", "arono"],
            );
            push(
                &mut out,
                F,
                &fut_stem,
                &["erà", "eranno", "erebbe", "erebbero"],
            );
            push(&mut out, P, stem, &["ato", "ata", "ati", "ate"]);
            push(&mut out, G, stem, &["ando"]);
        }
        "ere" => {
            push(
                &mut out,
                F,
                stem,
                &["e", "ono", "eva", "evano", "é", "erono"],
            );
            push(&mut out, F, stem, &["erà", "eranno", "erebbe", "erebbero"]);
            push(&mut out, P, stem, &["uto", "uta", "uti", "ute"]);
            push(&mut out, G, stem, &["endo"]);
        }
        _ => {
            push(&mut out, F, stem, &["isce", "iscono", "e", "ono"]);
            push(&mut out, F, stem, &["iva", "ivano", "ì", "irono"]);
            push(&mut out, F, stem, &["irà", "iranno", "irebbe", "irebbero"]);
            push(&mut out, P, stem, &["ito", "ita", "iti", "ite"]);
            push(&mut out, G, stem, &["endo"]);
        }
    }
    out.push((verb.to_string(), CueForm::Infinitive));
    out
}

/// French: the first group (-er, with -cer, -ger, -eler/-eter, e and é -> è, -oyer/-uyer), the
/// second group (-ir, finir) and -re verbs like répondre (with rompre's -t and mettre's single t),
/// or like conclure; of dire, écrire and their like only the forms made from the infinitive.
/// Other verbs list their forms in the lexicon.
fn french(verb: &str) -> Vec<(String, CueForm)> {
    use CueForm::{Finite as F, Gerund as G, Participle as P};
    let mut out = Vec::new();
    if let Some(stem) = verb.strip_suffix("er") {
        if stem.is_empty() {
            return vec![(verb.to_string(), F)];
        }
        // before a and o: c -> ç, g -> ge
        let soft = if let Some(s) = stem.strip_suffix('c') {
            format!("{s}ç")
        } else if stem.ends_with('g') {
            format!("{stem}e")
        } else {
            stem.to_string()
        };
        let mute = french_mute_stem(stem);
        push(&mut out, F, &mute, &["e", "ent"]);
        push(&mut out, F, &mute, &["era", "eront", "erait", "eraient"]);
        // "révélera": the future of an é verb keeps é in the traditional spelling, è in the
        // reformed one; both are in use
        if stem.contains('é') {
            push(&mut out, F, stem, &["era", "eront", "erait", "eraient"]);
        }
        push(&mut out, F, &soft, &["ait", "aient", "a"]);
        push(&mut out, F, stem, &["èrent"]);
        push(&mut out, P, stem, &["é", "ée", "és", "ées"]);
        push(&mut out, G, &soft, &["ant"]);
    } else if let Some(stem) = verb.strip_suffix("ir") {
        if stem.is_empty() {
            return vec![(verb.to_string(), F)];
        }
        push(
            &mut out,
            F,
            stem,
            &["it", "issent", "issait", "issaient", "irent"],
        );
        push(&mut out, F, verb, &["a", "ont", "ait", "aient"]);
        push(&mut out, P, stem, &["i", "ie", "is", "ies"]);
        push(&mut out, G, stem, &["issant"]);
    } else if let Some(stem) = verb.strip_suffix("re") {
        if stem.is_empty() {
            return vec![(verb.to_string(), F)];
        }
        let vowel = stem.ends_with(|c: char| "aeiouyéèêàâîïôû".contains(c));
        if vowel {
            // "conclut", "dit", "écrit", "fait": the present ends in -t after a vowel
            push(&mut out, F, stem, &["t"]);
            if stem.ends_with('u') {
                // conclure, exclure: the stem is the rest of the verb
                push(&mut out, F, stem, &["ent", "ait", "aient", "rent"]);
                push(&mut out, P, stem, &["", "e", "s", "es"]);
                push(&mut out, G, stem, &["ant"]);
            }
            // dire, écrire, conduire: -s- or -v- in the other forms (listed)
        } else {
            // "rompt", "admet": -mpre adds t, -ttre drops one
            let third = if stem.ends_with("mp") {
                format!("{stem}t")
            } else if let Some(s) = stem.strip_suffix("tt") {
                format!("{s}t")
            } else {
                stem.to_string()
            };
            out.push((third, F));
            push(&mut out, F, stem, &["ent", "ait", "aient", "it", "irent"]);
            push(&mut out, P, stem, &["u", "ue", "us", "ues"]);
            push(&mut out, G, stem, &["ant"]);
        }
        push(&mut out, F, stem, &["ra", "ront", "rait", "raient"]);
    } else {
        return vec![(verb.to_string(), F)];
    }
    out.push((verb.to_string(), CueForm::Infinitive));
    out
}

/// The stem of a French -er verb where its ending is a mute e ("rappelle", "révèle", "relève",
/// "martèle", "emploie"): -eler/-eter double their consonant but for a few verbs that take è,
/// a plain or acute e before a final consonant becomes è, -oyer/-uyer turn y into i.
fn french_mute_stem(stem: &str) -> String {
    const VOWELS: &str = "aeiouyéèêëàâîïôû";
    // acheter, geler, marteler, modeler, peler... take è where the others double
    const GRAVE_ELER: &str = "achet rachet gel dégel congel surgel martel model remodel cisel \
        démantel écartel harcel halet crochet corset furet pel cel décel recel";
    if let Some(s) = stem.strip_suffix("oy").or_else(|| stem.strip_suffix("uy")) {
        let v = &stem[s.len()..s.len() + 1];
        return format!("{s}{v}i");
    }
    // "rappel", "jet", not "tweet": a plain e after a consonant
    let eler = (stem.ends_with("el") || stem.ends_with("et"))
        && stem[..stem.len() - 2]
            .chars()
            .next_back()
            .is_some_and(|c| !VOWELS.contains(c));
    if eler {
        if GRAVE_ELER.split_whitespace().any(|s| s == stem) {
            let (s, last) = stem.split_at(stem.len() - 2);
            return format!("{s}è{}", &last[1..]);
        }
        let last = &stem[stem.len() - 1..];
        return format!("{stem}{last}");
    }
    // the last vowel of the stem, and what follows it
    let Some((i, v)) = stem.char_indices().rev().find(|&(_, c)| VOWELS.contains(c)) else {
        return stem.to_string();
    };
    let after = &stem[i + v.len_utf8()..];
    let grave = match v {
        // "révéler", "célébrer", "protéger": any consonants after é
        'é' => !after.is_empty(),
        // "relever", "mener", "sevrer": one consonant (or one and r) after a plain e that
        // follows a consonant
        'e' => {
            let one = after.len() == 1 && !after.starts_with(['x', 'h']);
            let with_r = after.len() == 2 && after.ends_with('r') && !after.starts_with('r');
            let before = stem[..i].chars().next_back();
            (one || with_r) && before.is_some_and(|c| !VOWELS.contains(c))
        }
        _ => false,
    };
    if grave {
        format!("{}è{after}", &stem[..i])
    } else {
        stem.to_string()
    }
}

/// English: -s, -ed and -ing with the usual spelling changes (y -> ie, a final e, a doubled
/// final consonant after one short vowel in one syllable: snap, snapped, snapping). The base
/// form is not generated: as a plural present ("officials say") it is rarer in news than the
/// noun of the same spelling ("a comment", "the report"), and as an infinitive it follows "to",
/// which the grammar does not tell from the preposition; a lexicon lists the base form where it
/// wants it ("say"). Participles are finite, since English past forms stand alone.
fn english(verb: &str) -> Vec<(String, CueForm)> {
    use CueForm::{Finite as F, Gerund as G};
    let b = verb.as_bytes();
    let n = b.len();
    if n < 2 || !verb.is_ascii() {
        return vec![(verb.to_string(), F)];
    }
    let vowel = |c: u8| b"aeiou".contains(&c);
    // the u of "qu" is a consonant: "quip", "quipped"
    let vowel_at = |i: usize| vowel(b[i]) && !(b[i] == b'u' && i > 0 && b[i - 1] == b'q');
    let last = b[n - 1];
    let before = b[n - 2];
    let third = if verb.ends_with('s')
        || verb.ends_with("sh")
        || verb.ends_with("ch")
        || verb.ends_with('x')
        || verb.ends_with('z')
        || (last == b'o' && !vowel(before))
    {
        format!("{verb}es")
    } else if last == b'y' && !vowel(before) {
        format!("{}ies", &verb[..n - 1])
    } else {
        format!("{verb}s")
    };
    let syllables = b
        .iter()
        .enumerate()
        .filter(|&(i, _)| vowel_at(i) && (i == 0 || !vowel_at(i - 1)))
        .count();
    let doubles = syllables == 1
        && !vowel(last)
        && !b"wxy".contains(&last)
        && vowel(before)
        && n >= 3
        && !vowel_at(n - 3);
    let (past, ing) = if last == b'e' {
        let stem = &verb[..n - 1];
        let ing = if verb.ends_with("ee") || verb.ends_with("ye") || verb.ends_with("oe") {
            format!("{verb}ing")
        } else if verb.ends_with("ie") {
            format!("{}ying", &verb[..n - 2])
        } else {
            format!("{stem}ing")
        };
        (format!("{verb}d"), ing)
    } else if last == b'y' && !vowel(before) {
        (format!("{}ied", &verb[..n - 1]), format!("{verb}ing"))
    } else if doubles {
        let c = last as char;
        (format!("{verb}{c}ed"), format!("{verb}{c}ing"))
    } else {
        (format!("{verb}ed"), format!("{verb}ing"))
    };
    vec![(third, F), (past, F), (ing, G)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(lang: &str, lemma: &str, form: &str, use_: CueForm) -> bool {
        forms(lang, lemma)
            .iter()
            .any(|(f, u)| f == form && *u == use_)
    }

    macro_rules! inflects {
        ($($name:ident: $lang:literal, $lemma:literal => $($form:literal $use_:ident),+;)*) => {
            $(
                #[test]
                fn $name() {
                    $(
                        assert!(
                            has($lang, $lemma, $form, CueForm::$use_),
                            "{} {:?} lacks {:?} ({:?}): {:?}",
                            $lang, $lemma, $form, CueForm::$use_, forms($lang, $lemma)
                        );
                    )+
                }
            )*
        };
    }

    inflects! {
        it_are: "it", "osservare" => "osserva" Finite, "osservano" Finite, "osservava" Finite,
            "osservò" Finite, "osserverà" Finite, "osserverebbe" Finite, "osservato" Participle,
            "osservata" Participle, "osservando" Gerund, "osservare" Infinitive;
        it_care_keeps_the_hard_sound: "it", "replicare" => "replicherà" Finite, "replica" Finite;
        it_ciare_drops_the_i: "it", "annunciare" => "annuncerà" Finite, "annunciato" Participle;
        it_ere: "it", "ripetere" => "ripete" Finite, "ripetono" Finite, "ripeteva" Finite,
            "ripeté" Finite, "ripetuto" Participle, "ripetendo" Gerund;
        it_ire_both_conjugations: "it", "chiarire" => "chiarisce" Finite, "chiariva" Finite,
            "chiarito" Participle, "chiarendo" Gerund;
        it_ire_plain: "it", "sentire" => "sente" Finite, "sentono" Finite;
        it_reflexive: "it", "rammaricarsi" => "rammarica" Finite, "rammaricato" Participle;
        it_reflexive_contracted: "it", "porsi" => "pone" Finite, "porrà" Finite;
        it_reflexive_contracted_trarre: "it", "trarsi" => "trae" Finite;
        it_contracted_dire: "it", "dire" => "dice" Finite, "dicono" Finite, "diceva" Finite,
            "dirà" Finite, "direbbe" Finite, "dicendo" Gerund;
        it_contracted_prefix: "it", "contraddire" => "contraddice" Finite;
        it_ire_ending_in_dire: "it", "ribadire" => "ribadisce" Finite, "ribadito" Participle;
        it_multiword: "it", "accogliere con favore" => "accoglie con favore" Finite;
        fr_er: "fr", "déclarer" => "déclare" Finite, "déclarent" Finite, "déclarait" Finite,
            "déclara" Finite, "déclarèrent" Finite, "déclarera" Finite, "déclarerait" Finite,
            "déclaré" Participle, "déclarée" Participle, "déclarant" Gerund;
        fr_cer: "fr", "annoncer" => "annonçait" Finite, "annonçant" Gerund, "annonce" Finite;
        fr_ger: "fr", "juger" => "jugeait" Finite, "jugeant" Gerund, "jugé" Participle;
        fr_eler: "fr", "rappeler" => "rappelle" Finite, "rappellera" Finite,
            "rappelait" Finite, "rappelé" Participle;
        fr_e_acute: "fr", "révéler" => "révèle" Finite, "révélait" Finite, "révélera" Finite,
            "révèlera" Finite, "révéla" Finite, "révélé" Participle;
        fr_e_grave: "fr", "relever" => "relève" Finite, "relèvent" Finite, "relèvera" Finite,
            "relevait" Finite, "releva" Finite, "relevé" Participle, "relevant" Gerund;
        fr_eler_grave: "fr", "marteler" => "martèle" Finite, "martèlera" Finite,
            "martelait" Finite, "martelé" Participle;
        fr_eter_doubles: "fr", "rejeter" => "rejette" Finite, "rejetait" Finite;
        fr_eet_keeps_its_t: "fr", "tweeter" => "tweete" Finite, "tweetera" Finite,
            "tweeté" Participle;
        fr_uyer: "fr", "appuyer" => "appuie" Finite, "appuiera" Finite, "appuyait" Finite;
        fr_ir: "fr", "réagir" => "réagit" Finite, "réagissent" Finite, "réagira" Finite,
            "réagi" Participle, "réagissant" Gerund;
        fr_re: "fr", "répondre" => "répond" Finite, "répondit" Finite, "répondra" Finite,
            "répondu" Participle, "répondant" Gerund;
        fr_mpre: "fr", "interrompre" => "interrompt" Finite, "interrompent" Finite,
            "interrompu" Participle;
        fr_ttre: "fr", "admettre" => "admet" Finite, "admettent" Finite, "admettait" Finite,
            "admettra" Finite, "admettant" Gerund;
        fr_clure: "fr", "conclure" => "conclut" Finite, "concluent" Finite, "concluait" Finite,
            "conclurent" Finite, "conclura" Finite, "conclu" Participle, "conclue" Participle,
            "concluant" Gerund;
        fr_ire: "fr", "dire" => "dit" Finite, "dira" Finite, "diraient" Finite;
        fr_reflexive: "fr", "s'interroger" => "interroge" Finite, "interrogé" Participle;
        fr_reflexive_se: "fr", "se féliciter" => "félicite" Finite;
        fr_multiword: "fr", "rendre hommage" => "rend hommage" Finite, "rendu hommage" Participle;
        en_regular: "en", "explain" => "explains" Finite, "explained" Finite,
            "explaining" Gerund;
        en_doubles: "en", "snap" => "snaps" Finite, "snapped" Finite, "snapping" Gerund;
        en_final_e: "en", "note" => "notes" Finite, "noted" Finite, "noting" Gerund;
        en_y: "en", "reply" => "replies" Finite, "replied" Finite, "replying" Gerund;
        en_es: "en", "stress" => "stresses" Finite, "stressed" Finite;
        en_no_double_after_two_vowels: "en", "shout" => "shouted" Finite;
        en_qu_is_a_consonant: "en", "quip" => "quips" Finite, "quipped" Finite,
            "quipping" Gerund;
    }

    #[test]
    fn french_ire_gives_no_bare_stem() {
        // "di", "écri": not the present of dire or écrire (nor words a cue should match)
        for (lemma, stem) in [("dire", "di"), ("écrire", "écri"), ("répondre", "répondu")] {
            let all = forms("fr", lemma);
            let bare = all.iter().any(|(f, u)| f == stem && *u == CueForm::Finite);
            assert!(!bare, "{lemma}: {all:?}");
        }
    }

    #[test]
    fn a_multiword_lemma_keeps_its_tail_in_every_form() {
        // faire's other forms are irregular (listed): the present and the future are made
        let all = forms("fr", "faire valoir");
        assert!(
            all.len() > 5
                && all.iter().all(|(f, _)| f.ends_with(" valoir"))
                && all.iter().any(|(f, _)| f == "fait valoir"),
            "{all:?}"
        );
        let all = forms("fr", "rendre hommage");
        assert!(
            all.len() > 10 && all.iter().all(|(f, _)| f.ends_with(" hommage")),
            "{all:?}"
        );
    }
}
