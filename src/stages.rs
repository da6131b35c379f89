//! The stages of [`crate::Extractor::extract`], and a clock that times them for the stages bench
//! (`cargo bench --features bench-stages --bench stages`). Without the `bench-stages` feature the
//! clock is left out of the library, and the calls that report each stage's end compile to
//! nothing.

/// A stage of the extraction of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Finding the quotes: pairing the marks, and the dialogue turns (all a document without
    /// quotes costs).
    Detect,
    /// Splitting the whole text into tokens, with their normalised forms.
    Tokenize,
    /// Choosing the language from the first words (a no-op with a fixed language).
    Language,
    /// Sentences, and the tokens of each quote.
    Sentences,
    /// The speaker and cue of each quote: entities, word tables, sieves.
    Attribute,
    /// The stance of each quote, its row, and freeing the document's tokens.
    Stance,
}

/// Where the extraction reports the end of each stage: nowhere for `extract` (the calls compile
/// to nothing), a clock for `extract_timed`.
pub(crate) trait Laps {
    /// A document starts.
    fn start(&mut self);
    /// `stage` of the current document ends.
    fn lap(&mut self, stage: Stage);
}

impl Laps for () {
    #[inline(always)]
    fn start(&mut self) {}
    #[inline(always)]
    fn lap(&mut self, _: Stage) {}
}

#[cfg(any(test, feature = "bench-stages"))]
pub use clock::StageTimes;

#[cfg(any(test, feature = "bench-stages"))]
mod clock {
    use std::time::{Duration, Instant};

    use super::{Laps, Stage};

    impl Stage {
        /// Every stage, in the order they run.
        pub const ALL: [Stage; 6] = [
            Stage::Detect,
            Stage::Tokenize,
            Stage::Language,
            Stage::Sentences,
            Stage::Attribute,
            Stage::Stance,
        ];

        /// A short description.
        pub fn describe(self) -> &'static str {
            match self {
                Stage::Detect => "detection (marks, dialogue turns)",
                Stage::Tokenize => "tokenizing",
                Stage::Language => "language detection",
                Stage::Sentences => "sentences and quote spans",
                Stage::Attribute => "attribution",
                Stage::Stance => "stance, rows, freeing the tokens",
            }
        }
    }

    /// Wall time spent in each [`Stage`], summed over the documents given to
    /// [`crate::Extractor::extract_timed`].
    #[derive(Debug, Clone, Default)]
    pub struct StageTimes {
        spent: [Duration; Stage::ALL.len()],
        since: Option<Instant>,
    }

    impl StageTimes {
        /// The time spent in one stage.
        pub fn get(&self, stage: Stage) -> Duration {
            self.spent[stage as usize]
        }

        /// The time spent in all stages.
        pub fn total(&self) -> Duration {
            self.spent.iter().sum()
        }
    }

    impl Laps for StageTimes {
        fn start(&mut self) {
            self.since = Some(Instant::now());
        }

        fn lap(&mut self, stage: Stage) {
            let now = Instant::now();
            if let Some(since) = self.since {
                self.spent[stage as usize] += now - since;
            }
            self.since = Some(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::{Stage, StageTimes};
    use crate::{Extractor, LangChoice, LexiconSource};

    /// `extract_timed` (the stages bench) gives the rows of `extract`, and times the stages it
    /// runs: all of them for documents with quotes, detection alone for a document without any
    /// mark.
    #[test]
    fn timed_extraction_gives_the_same_rows_and_times_its_stages() {
        let ex = Extractor::new(LangChoice::Auto, &LexiconSource::default()).unwrap();
        let mut times = StageTimes::default();
        // the wall time of the extract_timed calls, which hold every stage
        let mut timed_calls = Duration::ZERO;
        for lang in std::fs::read_dir("tests/fixtures").unwrap() {
            for f in std::fs::read_dir(lang.unwrap().path()).unwrap() {
                let p = f.unwrap().path();
                if p.extension().is_some_and(|e| e == "txt") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    let id = p.display().to_string();
                    let start = Instant::now();
                    let timed = ex.extract_timed(&id, &text, &mut times);
                    timed_calls += start.elapsed();
                    assert_eq!(timed, ex.extract(&id, &text));
                }
            }
        }
        for stage in [
            Stage::Detect,
            Stage::Tokenize,
            Stage::Attribute,
            Stage::Stance,
        ] {
            assert!(times.get(stage) > Duration::ZERO, "{stage:?} was timed");
        }
        // a stage counted twice, or time between documents counted, would exceed them
        assert!(
            times.total() <= timed_calls,
            "{:?} timed in {timed_calls:?}",
            times.total()
        );

        let mut unmarked = StageTimes::default();
        let rows = ex.extract_timed(
            "x",
            "Nessuno ha parlato oggi. Il consiglio si riunisce domani.",
            &mut unmarked,
        );
        assert!(rows.is_empty());
        assert!(unmarked.get(Stage::Detect) > Duration::ZERO);
        assert_eq!(unmarked.total(), unmarked.get(Stage::Detect));
        assert_eq!(unmarked.get(Stage::Tokenize), Duration::ZERO);
    }
}
