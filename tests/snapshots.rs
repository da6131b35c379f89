//! Whole-text regressions: every fixture article under `tests/fixtures/<lang>/` is extracted and
//! its CSV pinned in the top-level `snapshots/` folder. Add an article, run
//! `cargo insta test --review`, read every row, accept.

use whosaid::{Extractor, Format, LangChoice, LexiconSource};

fn extract_csv(path: &std::path::Path) -> String {
    let lang = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .expect("fixtures live in a language folder");
    let ex = Extractor::new(LangChoice::Fixed(lang.into()), &LexiconSource::default())
        .expect("built-in lexicons load");
    let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
    let name = path.file_name().unwrap().to_string_lossy();
    let id = format!("{lang}/{name}");
    let mut out = Vec::new();
    {
        let mut w = Format::Csv.writer(&mut out).unwrap();
        for row in ex.extract(&id, &text) {
            w.write(&row).unwrap();
        }
        w.flush().unwrap();
    }
    String::from_utf8(out).unwrap().replace("\r\n", "\n")
}

/// One test per language, its snapshots in `snapshots/<lang>/`.
macro_rules! fixture_snapshots {
    ($($name:ident: $lang:literal,)*) => {
        $(
            #[test]
            fn $name() {
                let mut settings = insta::Settings::clone_current();
                settings.set_snapshot_path(concat!("../snapshots/", $lang));
                settings.set_prepend_module_to_snapshot(false);
                settings.bind(|| {
                    insta::glob!(concat!("fixtures/", $lang, "/*.txt"), |path| {
                        insta::assert_snapshot!(extract_csv(path));
                    });
                });
            }
        )*
    };
}

fixture_snapshots! {
    italian: "it",
    english: "en",
    french: "fr",
}
