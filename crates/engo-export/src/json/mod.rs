//! Canonical JSON of a dataset: pretty-printed with two spaces, fields in the model's order,
//! a final newline. The writer takes records one at a time and the streaming reader
//! ([`for_each_record`]) hands them over one at a time, so neither holds the whole file in
//! memory; [`read()`], which builds the whole dataset anyway, holds the input (at most
//! [`Limits::max_bytes`]) and parses it in one go when it can, with the same results.
//!
//! [`Limits::max_bytes`]: crate::Limits::max_bytes

mod limits;
mod prescan;
mod read;
mod stream;
mod write;

pub(crate) use limits::check_value;
pub use read::read;
pub use stream::for_each_record;
pub use write::{JsonWriter, write};
