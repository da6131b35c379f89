//! Reading documents and running the extractor over them: files, folders and JSON Lines read
//! lazily ([`input`]), extracted in parallel and handed back in input order ([`stream`]).

pub mod input;
pub mod stream;
