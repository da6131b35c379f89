//! Stage 4: write rows, as RFC 4180 CSV (header row, UTF-8) or JSON Lines with the same fields.

use std::io::Write;

use crate::model::Row;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object a line.
    Jsonl,
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

/// Writes rows as they come, in the chosen format.
pub struct RowWriter<W: Write> {
    format: Format,
    out: W,
}

impl<W: Write> RowWriter<W> {
    /// A writer; the CSV header is written at once.
    pub fn new(mut out: W, format: Format) -> std::io::Result<Self> {
        if format == Format::Csv {
            let mut header = Vec::new();
            let mut w = csv_encoder(&mut header);
            w.write_record(COLUMNS).map_err(into_io)?;
            w.flush()?;
            drop(w);
            out.write_all(&header)?;
        }
        Ok(RowWriter { format, out })
    }

    /// Writes one row.
    pub fn write(&mut self, row: &Row) -> std::io::Result<()> {
        self.out
            .write_all(&encode_rows(std::slice::from_ref(row), self.format))
    }

    /// Writes rows already encoded by [`encode_rows`] in this writer's format.
    pub fn write_encoded(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)
    }

    /// Flushes what is buffered.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A CSV writer of rows (no header) into memory.
fn csv_encoder(out: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::CRLF)
        .buffer_capacity(1024)
        .from_writer(out)
}

/// The rows of one document encoded as [`RowWriter`] writes them (no header): documents can be
/// encoded in parallel and written in order with [`RowWriter::write_encoded`].
pub fn encode_rows(rows: &[Row], format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    match format {
        Format::Csv => {
            let mut w = csv_encoder(&mut out);
            for row in rows {
                let score = format_score(row.stance_score);
                // numbers are written without a heap string each (itoa)
                let (mut id, mut start, mut end) = (
                    itoa::Buffer::new(),
                    itoa::Buffer::new(),
                    itoa::Buffer::new(),
                );
                // writing to memory cannot fail
                let _ = w.write_record([
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
                ]);
            }
            let _ = w.flush();
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

/// A score with at most three decimals and no trailing zeros ("0.5", "-0.125", "0").
pub fn format_score(x: f64) -> String {
    // scores are k/1000 (stance rounds them so): write k's digits, without float formatting
    let k = (x * 1000.0).round();
    if k.abs() < 1e12 && (x - k / 1000.0).abs() < 1e-9 {
        let k = k as i64;
        let (whole, frac) = (k.unsigned_abs() / 1000, k.unsigned_abs() % 1000);
        let mut out = String::with_capacity(8);
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
        return out;
    }
    let s = format!("{:.3}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn into_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
