//! Reading documents: files, folders walked lazily, standard input, and JSON Lines records read
//! one line at a time, so that memory never grows with the corpus, only with its largest document.
//!
//! Every input yields an [`Input`]: its text, or the reason it cannot be read (named with the file
//! and the byte offset or line), so that nothing is silently lost.

use std::borrow::Cow;
use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// How inputs are read.
#[derive(Debug, Clone)]
pub(crate) struct InputOptions {
    /// Each file (or standard input) holds JSON Lines records `{"id": …, "text": …}`.
    pub jsonl: bool,
    /// The extension of the files searched for in folders.
    pub ext: String,
    /// Replace invalid UTF-8 with U+FFFD (and warn) instead of skipping the document.
    pub lossy: bool,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            jsonl: false,
            ext: "txt".into(),
            lossy: false,
        }
    }
}

/// One input document, or the reason it could not be read.
#[derive(Debug, Clone)]
pub struct Input {
    /// The document's id: its path, `-`, the JSONL record's `id`, or `FILE:LINE` for a bad record.
    pub id: String,
    /// The text, or what is wrong with the input.
    pub text: Result<String, String>,
    /// A problem that did not stop the document (invalid UTF-8 replaced with `--lossy`).
    pub warning: Option<String>,
    /// The input's size in bytes (for progress reports).
    pub bytes: u64,
}

/// The documents behind a list of paths, read lazily, in order: paths as given, folders walked
/// depth-first in sorted order. Each input has an `id` (its path, `-`, the record's `id`, or
/// `FILE:LINE` for a bad record), a `text` (the document, or what is wrong with the input), a
/// `warning` (invalid UTF-8 replaced with [`Inputs::lossy`]) and its size in `bytes`.
///
/// ```
/// use whosaid::Inputs;
///
/// let inputs = Inputs::new(&["tests/fixtures/fr".to_string()]).ext("txt");
/// let ids: Vec<String> = inputs.map(|input| input.id).collect();
/// assert_eq!(ids[0], "tests/fixtures/fr/01_incise_inversion.txt");
/// ```
pub struct Inputs {
    opts: InputOptions,
    paths: VecDeque<String>,
    /// Open folders: their remaining entries, sorted.
    dirs: Vec<VecDeque<PathBuf>>,
    /// Canonical folders already walked (symlink loops are walked once).
    seen: HashSet<PathBuf>,
    /// The JSON Lines source being read, if any.
    records: Option<Records>,
}

/// An open JSON Lines source: its name, reader, current line number, and the buffer (kept from
/// record to record) that gathers a line crossing the end of the reader's buffer.
struct Records {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line_no: usize,
    line: Vec<u8>,
}

impl Inputs {
    /// The inputs behind `paths` (`-` is standard input): plain-text documents, and in folders
    /// the files that end in `.txt`.
    pub fn new(paths: &[String]) -> Inputs {
        Inputs {
            opts: InputOptions::default(),
            paths: paths.iter().cloned().collect(),
            dirs: Vec::new(),
            seen: HashSet::new(),
            records: None,
        }
    }

    /// Reads each file (or standard input) as JSON Lines records `{"id": …, "text": …}`, one
    /// document a record.
    pub fn jsonl(mut self, jsonl: bool) -> Inputs {
        self.opts.jsonl = jsonl;
        self
    }

    /// The extension of the files read in folders (without the dot; `txt` unless given).
    pub fn ext(mut self, ext: &str) -> Inputs {
        self.opts.ext = ext.to_string();
        self
    }

    /// Replaces invalid UTF-8 with U+FFFD (and warns) instead of refusing the document.
    pub fn lossy(mut self, lossy: bool) -> Inputs {
        self.opts.lossy = lossy;
        self
    }

    fn open_dir(&mut self, dir: &Path) -> Option<Input> {
        let canon = match dir.canonicalize() {
            Ok(c) => c,
            Err(e) => {
                return Some(failed(
                    dir.display().to_string(),
                    format!("cannot open folder: {e}"),
                ))
            }
        };
        if !self.seen.insert(canon) {
            return None; // a symlink loop, or a folder reached twice
        }
        match std::fs::read_dir(dir) {
            Ok(rd) => {
                let mut entries: Vec<PathBuf> =
                    rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
                entries.sort();
                self.dirs.push(entries.into());
                None
            }
            Err(e) => Some(failed(
                dir.display().to_string(),
                format!("cannot read folder: {e}"),
            )),
        }
    }

    /// Opens a file or standard input: a document, or a JSON Lines source.
    fn open(&mut self, id: String, path: Option<&Path>) -> Option<Input> {
        let reader: Box<dyn Read + Send> = match path {
            None => Box::new(io::stdin()),
            Some(p) => match File::open(p) {
                Ok(f) => Box::new(f),
                Err(e) => return Some(failed(id, format!("cannot read: {e}"))),
            },
        };
        if self.opts.jsonl {
            let reader = BufReader::with_capacity(RECORDS_BUFFER, reader);
            self.records = Some(Records {
                name: id,
                reader: Box::new(reader),
                line_no: 0,
                line: Vec::new(),
            });
            return None;
        }
        let mut bytes = Vec::new();
        let mut reader = reader;
        if let Err(e) = reader.read_to_end(&mut bytes) {
            return Some(failed(id, format!("cannot read: {e}")));
        }
        Some(document(id, bytes, self.opts.lossy, "byte offset", 0))
    }

    /// The next record of the open JSON Lines source, if any.
    fn next_record(&mut self) -> Option<Input> {
        let Records {
            name,
            reader,
            line_no,
            line,
        } = self.records.as_mut()?;
        'lines: loop {
            line.clear();
            // a huge record's buffer is not kept for the records after it
            if line.capacity() > LINE_BUFFER_KEPT {
                *line = Vec::new();
            }
            *line_no += 1;
            // a line wholly in the read buffer is read there; one that crosses the buffer's end
            // (or the last, with no newline) is gathered in `line`
            loop {
                let buf = match reader.fill_buf() {
                    Ok(buf) => buf,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        let input =
                            failed(format!("{name}:{line_no}"), format!("cannot read: {e}"));
                        self.records = None;
                        return Some(input);
                    }
                };
                if buf.is_empty() {
                    if line.is_empty() {
                        self.records = None;
                        return None;
                    }
                    break;
                }
                match memchr::memchr(b'\n', buf) {
                    Some(end) if line.is_empty() => {
                        let input = (!blank(&buf[..=end]))
                            .then(|| record(name, *line_no, &buf[..=end], self.opts.lossy));
                        reader.consume(end + 1);
                        match input {
                            Some(input) => return Some(input),
                            None => continue 'lines,
                        }
                    }
                    Some(end) => {
                        line.extend_from_slice(&buf[..=end]);
                        reader.consume(end + 1);
                        break;
                    }
                    None => {
                        let n = buf.len();
                        line.extend_from_slice(buf);
                        reader.consume(n);
                    }
                }
            }
            if !blank(line) {
                return Some(record(name, *line_no, line, self.opts.lossy));
            }
        }
    }
}

/// Whether a line holds only ASCII white space (it is skipped).
fn blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

impl Iterator for Inputs {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if self.records.is_some() {
                if let Some(r) = self.next_record() {
                    return Some(r);
                }
                continue;
            }
            if let Some(dir) = self.dirs.last_mut() {
                let Some(entry) = dir.pop_front() else {
                    self.dirs.pop();
                    continue;
                };
                if entry.is_dir() {
                    if let Some(err) = self.open_dir(&entry) {
                        return Some(err);
                    }
                } else if entry
                    .extension()
                    .is_some_and(|e| e.to_string_lossy() == self.opts.ext)
                {
                    if let Some(input) = self.open(entry.display().to_string(), Some(&entry)) {
                        return Some(input);
                    }
                }
                continue;
            }
            let p = self.paths.pop_front()?;
            if p == "-" {
                if let Some(input) = self.open("-".into(), None) {
                    return Some(input);
                }
                continue;
            }
            let path = PathBuf::from(&p);
            if path.is_dir() {
                if let Some(err) = self.open_dir(&path) {
                    return Some(err);
                }
                continue;
            }
            if let Some(input) = self.open(p, Some(&path)) {
                return Some(input);
            }
        }
    }
}

fn failed(id: String, message: String) -> Input {
    Input {
        id,
        text: Err(message),
        warning: None,
        bytes: 0,
    }
}

/// A document from raw bytes: binary content is refused, invalid UTF-8 refused or replaced.
/// `place` says how positions are named ("byte offset"); `base` is added to them.
fn document(id: String, bytes: Vec<u8>, lossy: bool, place: &str, base: usize) -> Input {
    let size = bytes.len() as u64;
    if let Some(pos) = memchr::memchr(0, &bytes) {
        return Input {
            bytes: size,
            ..failed(
                id,
                format!("binary content (NUL byte at {place} {})", base + pos),
            )
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) => Input {
            id,
            text: Ok(text),
            warning: None,
            bytes: size,
        },
        Err(e) => {
            let at = base + e.utf8_error().valid_up_to();
            if lossy {
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                Input {
                    id,
                    text: Ok(text),
                    warning: Some(format!(
                        "invalid UTF-8 at {place} {at} replaced with U+FFFD"
                    )),
                    bytes: size,
                }
            } else {
                Input {
                    bytes: size,
                    ..failed(
                        id,
                        format!(
                            "not valid UTF-8 at {place} {at} (use --lossy to replace bad bytes)"
                        ),
                    )
                }
            }
        }
    }
}

/// A line buffer larger than this is given back after its record.
const LINE_BUFFER_KEPT: usize = 1 << 20;

/// The read buffer of a JSON Lines source: records of a few kilobytes are read many to a call.
const RECORDS_BUFFER: usize = 1 << 16;

/// The fields of a JSON Lines record that whosaid reads (others are ignored).
#[derive(serde::Deserialize)]
struct Record<'a> {
    #[serde(default)]
    id: Option<serde_json::Value>,
    /// Borrowed from the line unless it has escapes; empty when missing.
    #[serde(borrow, default)]
    text: Cow<'a, str>,
}

/// A JSON Lines record: `{"id": …, "text": …}`, read from line `line_no` of `name`.
fn record(name: &str, line_no: usize, mut line: &[u8], lossy: bool) -> Input {
    // the file and line, named only by bad records and records without an id
    let at = || format!("{name}:{line_no}");
    while let [rest @ .., b'\n' | b'\r'] = line {
        line = rest;
    }
    let size = line.len() as u64;
    // simdutf8: the same check and error position as `std::str::from_utf8`, with SIMD: every
    // byte of the input goes through it
    let line = match simdutf8::compat::from_utf8(line) {
        Ok(l) => Cow::Borrowed(l),
        Err(_) if lossy => String::from_utf8_lossy(line),
        Err(e) => {
            return Input {
                bytes: size,
                ..failed(
                    at(),
                    format!(
                        "not valid UTF-8 at byte {} of the line (use --lossy to replace bad bytes)",
                        e.valid_up_to()
                    ),
                )
            }
        }
    };
    // the usual shape is read straight into its two fields (other fields are skipped, checked
    // only as JSON syntax); any other shape (a text that is not a string, a repeated field, not
    // an object) is read as a JSON value, which words the errors
    // (an array would be read as a sequence of fields: only an object is a record)
    let object = line.trim_start().starts_with('{');
    let typed = object
        .then(|| serde_json::from_str::<Record>(&line).ok())
        .flatten();
    let (id, text) = match typed.filter(|r| !r.text.is_empty()) {
        Some(r) => (r.id, Some(r.text)),
        None => match serde_json::from_str::<serde_json::Value>(&line) {
            Ok(mut value) => {
                let text = match value.get_mut("text").map(serde_json::Value::take) {
                    Some(serde_json::Value::String(t)) => Some(Cow::Owned(t)),
                    _ => None,
                };
                (value.get_mut("id").map(serde_json::Value::take), text)
            }
            Err(e) => {
                return Input {
                    bytes: size,
                    ..failed(at(), format!("not a JSON record: {e}"))
                }
            }
        },
    };
    let id = match id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => at(),
    };
    match text {
        // memchr: far quicker than `str::contains` on a long text
        Some(t) if memchr::memchr(0, t.as_bytes()).is_some() => Input {
            bytes: size,
            ..failed(
                id,
                format!("{}: binary content (NUL character in \"text\")", at()),
            )
        },
        Some(t) => Input {
            id,
            text: Ok(t.into_owned()),
            warning: None,
            bytes: size,
        },
        None => Input {
            bytes: size,
            ..failed(at(), "record has no string field \"text\"".into())
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_read_with_their_line_numbers() {
        let d = std::env::temp_dir().join(format!("whosaid-input-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        let f = d.join("a.jsonl");
        std::fs::write(
            &f,
            "{\"id\":\"x\",\"text\":\"uno\"}\n\nnot json\n{\"id\":2}\r\n{\"text\":\"due\"}\n",
        )
        .unwrap();
        let got: Vec<(String, Result<String, String>)> = Inputs::new(&[f.display().to_string()])
            .jsonl(true)
            .map(|i| (i.id, i.text))
            .collect();
        let name = f.display().to_string();
        assert_eq!(got[0], ("x".to_string(), Ok("uno".to_string())));
        assert_eq!(got[1].0, format!("{name}:3"));
        assert!(got[1].1.as_ref().unwrap_err().contains("not a JSON record"));
        assert_eq!(got[2].0, format!("{name}:4"));
        assert!(got[2].1.as_ref().unwrap_err().contains("\"text\""));
        assert_eq!(got[3], (format!("{name}:5"), Ok("due".to_string())));
        assert_eq!(got.len(), 4);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn records_across_the_read_buffer_are_read_whole() {
        // records of every size around the buffer's: most end in the middle of a buffer, some
        // cross its end, one is longer than it; blank lines between, and no final newline
        let d = std::env::temp_dir().join(format!("whosaid-buffer-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        let f = d.join("a.jsonl");
        let mut file = Vec::new();
        let mut want = Vec::new();
        let sizes = [
            10,
            RECORDS_BUFFER - 40,
            7,
            RECORDS_BUFFER / 3,
            3 * RECORDS_BUFFER,
            5,
        ];
        for (k, len) in sizes.into_iter().cycle().take(14).enumerate() {
            let text: String = "àb\\\"".repeat(len / 4 + 1);
            file.extend_from_slice(format!("{{\"id\":{k},\"text\":\"{text}\"}}").as_bytes());
            file.extend_from_slice(if k % 3 == 0 { b"\r\n\n" } else { b"\n" });
            want.push((k.to_string(), Ok(text.replace("\\\"", "\""))));
        }
        // a bad byte in a record that crosses the buffer's end is still named by its line
        let at = file.len();
        file.extend_from_slice(b"{\"id\":\"bad\",\"text\":\"");
        file.resize(at + RECORDS_BUFFER + 10, b'x');
        file.extend_from_slice(b"\xff\"}");
        std::fs::write(&f, &file).unwrap();
        let mut got: Vec<(String, Result<String, String>)> =
            Inputs::new(&[f.display().to_string()])
                .jsonl(true)
                .map(|i| (i.id, i.text))
                .collect();
        let bad = got.pop().unwrap();
        // 14 records, 5 of them followed by a blank line: the bad one is on line 20
        assert_eq!(bad.0, format!("{}:20", f.display()));
        let message = bad.1.unwrap_err();
        assert!(message.contains("not valid UTF-8"), "{message}");
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(&want) {
            assert!(g == w, "record {} differs", w.0);
        }
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn bad_bytes_name_their_offset() {
        let i = document("f".into(), b"ok \xff no".to_vec(), false, "byte offset", 0);
        assert!(i.text.unwrap_err().contains("byte offset 3"));
        let i = document("f".into(), b"ok \xff no".to_vec(), true, "byte offset", 0);
        assert_eq!(i.text.unwrap(), "ok \u{fffd} no");
        assert!(i.warning.unwrap().contains("byte offset 3"));
        let i = document("f".into(), b"a\0b".to_vec(), false, "byte offset", 0);
        assert!(i.text.unwrap_err().contains("NUL byte at byte offset 1"));
    }
}
