//! Running the extractor over a stream of inputs: read, extract in parallel, hand back in order.
//!
//! Three stages run at once: a thread reads the next chunk of documents, the worker threads
//! (rayon's pool) extract and encode this one, and the caller's thread takes the one before, in
//! input order. The stages hand chunks over without a queue (each hand-over waits for the
//! taker), so at most three chunks are in memory, whatever the size of the corpus.

use std::sync::mpsc::sync_channel;
use std::sync::Arc;
use std::thread::JoinHandle;

use rayon::prelude::*;

use crate::io::input::{Input, Inputs};
use crate::output::{encode_rows, Format};
use crate::Extractor;

/// Documents per chunk, and bytes (a chunk closes after the document that crosses the limit).
pub const CHUNK_DOCS: usize = 512;
/// See [`CHUNK_DOCS`].
pub const CHUNK_BYTES: u64 = 16 << 20;

/// An input that was extracted.
#[derive(Debug, Clone, Copy)]
pub struct Extracted<'a> {
    /// Its number of rows.
    pub rows: usize,
    /// Its rows, encoded in the stream's format.
    pub encoded: &'a [u8],
}

/// A chunk of inputs and, for each, its number of rows and their encoding (none when the input
/// could not be read).
type Done = (Vec<Input>, Vec<Option<(usize, Vec<u8>)>>);

/// Extracts every input in parallel and calls `each` on every input with its rows (`None` when it
/// could not be read), in input order. An error from `each` stops the run at once and is
/// returned; the reading thread is then left to end with the process (it may be waiting on a pipe
/// that never ends).
pub(crate) fn extract_all<E>(
    mut inputs: Inputs,
    extractor: Arc<Extractor>,
    format: Format,
    mut each: impl FnMut(&Input, Option<Extracted>) -> Result<(), E>,
) -> Result<(), E> {
    let (chunk_tx, chunk_rx) = sync_channel::<Vec<Input>>(0);
    let (done_tx, done_rx) = sync_channel::<Done>(0);
    let reader = std::thread::spawn(move || loop {
        let chunk = read_chunk(&mut inputs);
        if chunk.is_empty() || chunk_tx.send(chunk).is_err() {
            break;
        }
    });
    let worker = std::thread::spawn(move || {
        for chunk in chunk_rx {
            let results = chunk
                .par_iter()
                .map(|inp| {
                    let text = inp.text.as_ref().ok()?;
                    let rows = extractor.extract(&inp.id, text);
                    Some((rows.len(), encode_rows(&rows, format)))
                })
                .collect();
            // the caller has stopped (an error): stop reading too
            if done_tx.send((chunk, results)).is_err() {
                break;
            }
        }
    });
    for (chunk, results) in done_rx {
        for (inp, result) in chunk.iter().zip(results) {
            let extracted = result.as_ref().map(|(rows, encoded)| Extracted {
                rows: *rows,
                encoded,
            });
            each(inp, extracted)?;
        }
    }
    // every chunk was handed back; a stage that stopped early panicked: pass its panic on
    join(worker);
    join(reader);
    Ok(())
}

/// Waits for a stage that has finished, passing its panic on.
fn join(stage: JoinHandle<()>) {
    if let Err(panic) = stage.join() {
        std::panic::resume_unwind(panic);
    }
}

/// The next chunk of inputs (empty at the end).
fn read_chunk(inputs: &mut Inputs) -> Vec<Input> {
    let mut chunk = Vec::new();
    let mut chunk_bytes = 0u64;
    while chunk.len() < CHUNK_DOCS && chunk_bytes < CHUNK_BYTES {
        let Some(input) = inputs.next() else { break };
        chunk_bytes += input.bytes;
        chunk.push(input);
    }
    chunk
}
