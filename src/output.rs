//! Stage 4: write rows, as RFC 4180 CSV (header row, UTF-8) or JSON Lines with the same fields.

use std::io::Write;

use crate::model::Row;

/// The output formats: RFC 4180 CSV with a header row, or JSON Lines, with the same fields.
///
/// ```
/// use whosaid::{Extractor, Format, LangChoice, LexiconSource};
///
/// let ex = Extractor::new(LangChoice::Fixed("en".into()), &LexiconSource::default()).unwrap();
/// let rows = ex.extract("a.txt", "“We will not close it,” said Mayor Elena Ruiz.");
/// let mut out = Vec::new();
/// let mut writer = Format::Csv.writer(&mut out).unwrap();
/// for row in &rows {
///     writer.write(row).unwrap();
/// }
/// writer.flush().unwrap();
/// let csv = String::from_utf8(out).unwrap();
/// assert!(csv.starts_with("doc,quote_id,quote_start,quote_end,quote,speaker,"));
/// assert!(csv.contains(",Elena Ruiz,Mayor Elena Ruiz,said,after_cue,"));
/// assert_eq!(Format::Jsonl.encode(&rows).iter().filter(|&&b| b == b'\n').count(), 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object a line.
    Jsonl,
}

impl Format {
    /// A writer of rows in this format to `out`; the CSV header is written at once. It has
    /// `write(&row)`, `write_encoded(bytes)` for rows already [encoded](Format::encode), and
    /// `flush()`.
    pub fn writer<W: Write>(self, out: W) -> std::io::Result<RowWriter<W>> {
        RowWriter::new(out, self)
    }

    /// The rows of one document in this format, without the CSV header: documents can be encoded
    /// in parallel and written in order with the writer's `write_encoded`.
    pub fn encode(self, rows: &[Row]) -> Vec<u8> {
        encode_rows(rows, self)
    }
}

/// The CSV columns, in order.
pub const COLUMNS: &[&str] = &[
    "doc",
    "quote_id",
    "quote_start",
    "quote_end",
    "quote",
    "speaker",
    "speaker_mention",
    "cue",
    "rule",
    "stance",
    "stance_score",
    "targets",
    "evidence",
    "lang",
    "flags",
];

/// Writes rows as they come, in the chosen format: made by [`Format::writer`].
pub struct RowWriter<W: Write> {
    format: Format,
    out: W,
}

impl<W: Write> RowWriter<W> {
    /// A writer; the CSV header is written at once.
    fn new(mut out: W, format: Format) -> std::io::Result<Self> {
        if format == Format::Csv {
            let mut header = Vec::new();
            push_csv_record(&mut header, COLUMNS);
            out.write_all(&header)?;
        }
        Ok(RowWriter { format, out })
    }

    /// Writes one row.
    pub fn write(&mut self, row: &Row) -> std::io::Result<()> {
        self.out
            .write_all(&encode_rows(std::slice::from_ref(row), self.format))
    }

    /// Writes rows already encoded by [`Format::encode`] in this writer's format.
    pub fn write_encoded(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)
    }

    /// Flushes what is buffered.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The bytes that make a CSV field quoted (non-zero): delimiter, quote, CR and LF, as csv_core's
/// own table with the defaults and CRLF terminators.
const SPECIAL: [u8; 256] = {
    let mut table = [0; 256];
    table[b',' as usize] = 1;
    table[b'"' as usize] = 1;
    table[b'\r' as usize] = 1;
    table[b'\n' as usize] = 1;
    table
};

/// Appends one CSV record to `out`, byte for byte as `csv::Writer` writes it with its defaults
/// (`QuoteStyle::Necessary`, quotes doubled) and CRLF terminators: a field is quoted when it holds
/// a comma, a quote, CR or LF (no rule for spaces or `#`), and a record of one empty field is `""`.
///
/// Hand-written for speed: `csv::Writer` takes every field through csv_core's resumable state
/// machine and an intermediate buffer, where a table look-up a byte decides here whether a field
/// needs quotes (a `memchr` scan costs more, most fields being a few bytes). The test
/// `records_are_written_as_the_csv_crate_writes_them` compares it with the csv crate.
fn push_csv_record(out: &mut Vec<u8>, fields: &[&str]) {
    if fields.len() <= 1 && fields.iter().all(|f| f.is_empty()) {
        // csv_core writes an empty record as one quoted empty field, so that it reads back
        out.extend_from_slice(b"\"\"");
    }
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let field = field.as_bytes();
        // no early exit: a table look-up and an `or` a byte, unrolled by the compiler
        let special = field
            .iter()
            .fold(0, |any, &b| any | SPECIAL[usize::from(b)])
            != 0;
        if !special {
            out.extend_from_slice(field);
            continue;
        }
        out.push(b'"');
        let mut rest = field;
        while let Some(q) = memchr::memchr(b'"', rest) {
            // the quote, then a second one
            out.extend_from_slice(&rest[..=q]);
            out.push(b'"');
            rest = &rest[q + 1..];
        }
        out.extend_from_slice(rest);
        out.push(b'"');
    }
    out.extend_from_slice(b"\r\n");
}

/// The rows of one document encoded as [`RowWriter`] writes them (no header).
pub(crate) fn encode_rows(rows: &[Row], format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    match format {
        Format::Csv => {
            let mut score = String::new();
            for row in rows {
                score.clear();
                push_score(&mut score, row.stance_score);
                // numbers are written without a heap string each (itoa)
                let (mut id, mut start, mut end) = (
                    itoa::Buffer::new(),
                    itoa::Buffer::new(),
                    itoa::Buffer::new(),
                );
                push_csv_record(
                    &mut out,
                    &[
                        row.doc.as_str(),
                        id.format(row.quote_id),
                        start.format(row.quote_start),
                        end.format(row.quote_end),
                        &row.quote,
                        &row.speaker,
                        &row.speaker_mention,
                        &row.cue,
                        &row.rule,
                        row.stance.as_str(),
                        &score,
                        &row.targets,
                        &row.evidence,
                        &row.lang,
                        &row.flags,
                    ],
                );
            }
        }
        Format::Jsonl => {
            for row in rows {
                // a row is strings and numbers: serialising it cannot fail
                let _ = serde_json::to_writer(&mut out, row);
                out.push(b'\n');
            }
        }
    }
    out
}

/// Appends a score with at most three decimals and no trailing zeros ("0.5", "-0.125", "0") to
/// `out` (rows reuse one buffer instead of a string each).
fn push_score(out: &mut String, x: f64) {
    // scores are k/1000 (stance rounds them so): write k's digits, without float formatting
    let k = (x * 1000.0).round();
    if k.abs() < 1e12 && (x - k / 1000.0).abs() < 1e-9 {
        let k = k as i64;
        let (whole, frac) = (k.unsigned_abs() / 1000, k.unsigned_abs() % 1000);
        if k < 0 {
            out.push('-');
        }
        out.push_str(itoa::Buffer::new().format(whole));
        if frac != 0 {
            out.push('.');
            let digits = [frac / 100, frac / 10 % 10, frac % 10];
            let used = if digits[2] != 0 {
                3
            } else if digits[1] != 0 {
                2
            } else {
                1
            };
            out.extend(digits[..used].iter().map(|&d| char::from(b'0' + d as u8)));
        }
        return;
    }
    let s = format!("{:.3}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        out.push('0');
    } else {
        out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_score(x: f64) -> String {
        let mut out = String::new();
        push_score(&mut out, x);
        out
    }

    /// One record as the csv crate writes it, with the output's settings (no header, CRLF).
    fn csv_crate_record(fields: &[&str]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(fields).unwrap();
        w.flush().unwrap();
        drop(w);
        out
    }

    /// One record as [`push_csv_record`] writes it.
    fn record(fields: &[&str]) -> Vec<u8> {
        let mut out = Vec::new();
        push_csv_record(&mut out, fields);
        out
    }

    #[test]
    fn records_are_written_as_the_csv_crate_writes_them() {
        let awkward = [
            "",
            "plain",
            "a,b",
            ",",
            "\"",
            "\"\"\"",
            "say \"no\", he said",
            "\"quoted\"",
            "line\nbreak",
            "carriage\rreturn",
            "crlf\r\n",
            "\r",
            "\n",
            " leading",
            "trailing ",
            " ",
            "# comment",
            "#",
            "tab\there",
            "'single'",
            "\\back\\slash",
            "Zoë Müller, 北京 — «cité»",
            "„Ja“, sagte sie, \"nein\"\r\n…",
            "0.125",
            "-1",
            "a long field with no special byte, except this comma, past sixteen bytes",
            "a long field with no special byte at all and well past thirty-two bytes",
        ];
        // every field alone (a lone empty field is written quoted), then in pairs, then all
        // together, the header, a row of empty fields and a record of no field
        for a in awkward {
            assert_eq!(record(&[a]), csv_crate_record(&[a]), "{a:?}");
            for b in awkward {
                assert_eq!(record(&[a, b]), csv_crate_record(&[a, b]), "{a:?} {b:?}");
            }
        }
        assert_eq!(record(&awkward), csv_crate_record(&awkward));
        assert_eq!(record(COLUMNS), csv_crate_record(COLUMNS));
        let empty = [""; 15];
        assert_eq!(record(&empty), csv_crate_record(&empty));
        assert_eq!(record(&[]), csv_crate_record(&[]));
    }

    #[test]
    fn scores_are_short() {
        assert_eq!(format_score(0.5), "0.5");
        assert_eq!(format_score(-0.1254), "-0.125");
        assert_eq!(format_score(0.0), "0");
        assert_eq!(format_score(-0.0001), "0");
        assert_eq!(format_score(1.0), "1");
        assert_eq!(format_score(-1.0), "-1");
        assert_eq!(format_score(-0.0), "0");
        assert_eq!(format_score(0.05), "0.05");
        assert_eq!(format_score(-0.999), "-0.999");
        assert_eq!(format_score(f64::NAN), "NaN");
        assert_eq!(format_score(12.3456), "12.346");
    }

    #[test]
    fn scores_of_thousandths_read_as_float_formatting_writes_them() {
        let slow = |x: f64| {
            let s = format!("{:.3}", x);
            let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
            if s == "-0" || s.is_empty() {
                "0".to_string()
            } else {
                s
            }
        };
        for k in -3000..=3000 {
            let x = (k as f64 / 1000.0).tanh();
            let x = (x * 1000.0).round() / 1000.0;
            assert_eq!(format_score(x), slow(x), "{x}");
            let y = k as f64 / 1000.0;
            assert_eq!(format_score(y), slow(y), "{y}");
        }
    }
}
