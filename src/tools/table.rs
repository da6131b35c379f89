//! A CSV file read whole with its header checked: the gold files of `eval` and the saved runs of
//! `eval --pred` and `diff`. Errors name the file and the row (the header is row 1, as in a
//! spreadsheet).

use std::collections::HashMap;
use std::io::Read;

use crate::error::{Error, Result};

/// A CSV file read whole, its header checked: columns by name, rows of the header's length.
pub(crate) struct Table {
    name: String,
    columns: HashMap<String, usize>,
    pub(crate) records: Vec<csv::StringRecord>,
}

impl Table {
    /// Reads a CSV file; `required` columns must be in its header (`hint` says what a header is).
    pub(crate) fn read(
        name: &str,
        reader: impl Read,
        required: &[&str],
        hint: &str,
    ) -> Result<Table> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(reader);
        let mut records = rdr.records();
        let err = |row: usize, message: String| Error::Input {
            doc: format!("{name}:row {row}"),
            message,
        };
        let csv_err = |row: usize, e: csv::Error| match e.kind() {
            csv::ErrorKind::Utf8 { .. } => err(row, "is not valid UTF-8".into()),
            _ => err(row, format!("cannot be read as CSV: {e}")),
        };
        let header = match records.next() {
            None => return Err(err(1, format!("the file is empty: {hint}"))),
            Some(h) => h.map_err(|e| csv_err(1, e))?,
        };
        let mut columns = HashMap::new();
        for (i, h) in header.iter().enumerate() {
            let h = h.trim_start_matches('\u{feff}').trim();
            columns.entry(h.to_string()).or_insert(i);
        }
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|c| !columns.contains_key(*c))
            .collect();
        if !missing.is_empty() {
            let list = missing.join(", ");
            let s = if missing.len() > 1 { "s" } else { "" };
            return Err(err(1, format!("missing column{s} {list}: {hint}")));
        }
        let mut out = Vec::new();
        for (i, rec) in records.enumerate() {
            let row = i + 2;
            let rec = rec.map_err(|e| csv_err(row, e))?;
            if rec.len() == 1 && rec.get(0).is_some_and(|f| f.is_empty()) {
                continue; // a blank line
            }
            if rec.len() != header.len() {
                return Err(err(
                    row,
                    format!(
                        "has {} fields but the header has {}: check the commas and the quoting",
                        rec.len(),
                        header.len()
                    ),
                ));
            }
            out.push(rec);
        }
        Ok(Table {
            name: name.to_string(),
            columns,
            records: out,
        })
    }

    pub(crate) fn has(&self, col: &str) -> bool {
        self.columns.contains_key(col)
    }

    /// A field by column name; empty when the file has no such column.
    pub(crate) fn get<'r>(&self, rec: &'r csv::StringRecord, col: &str) -> &'r str {
        self.columns
            .get(col)
            .and_then(|&i| rec.get(i))
            .unwrap_or("")
    }

    pub(crate) fn error(&self, row: usize, message: &str) -> Error {
        Error::Input {
            doc: format!("{}:row {row}", self.name),
            message: message.to_string(),
        }
    }
}
