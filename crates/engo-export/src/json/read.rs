//! Reading a whole dataset in memory: a pre-scan decides whether `serde_json::from_slice` may
//! parse it directly, else the streaming reader reads the same bytes.

use std::io::{BufRead, Cursor, Read};

use engo_model::Dataset;

use super::{
    prescan::JsonScan,
    stream::{sniff_error, stream},
};
use crate::{Limits, ReadError, limits::sniff_utf8};

/// Reads a whole dataset from canonical (or any equivalent) JSON, in memory.
///
/// The result, and every error with its place, is exactly what [`for_each_record`] gives on
/// the same input (records collected into the dataset); only the way there differs. The input
/// is read into memory, at most [`Limits::max_bytes`] of it (after a UTF-8 byte-order mark),
/// while a fast pre-scan checks every limit of [`Limits`] and what else could make the
/// streaming reader refuse a document that `serde_json` parses (a repeated top-level property,
/// a lone surrogate or a number beyond `f64` in a field that a typed parse skips, invalid UTF-8
/// there). If it passes, the dataset is parsed from the slice directly with
/// `serde_json::from_slice`, several times faster than the streaming reader. On anything else
/// — a limit that may be exceeded, an input over `max_bytes`, a read error, a document that
/// `from_slice` refuses — it falls back to [`for_each_record`] over the same bytes (those
/// held, then the rest of `input`), which gives the error (or, e.g. with a duplicate key
/// inside a record, the dataset). The pre-scan stops the reading soon after a string grows
/// longer than [`Limits::max_string_bytes`] (a number longer than 4 KiB), so a hostile input is
/// not read further than the streaming reader reads it.
///
/// Memory: the input held (at most `max_bytes` + 1 bytes) and the dataset; use
/// [`for_each_record`] to read a file larger than memory.
///
/// [`for_each_record`]: super::for_each_record
pub fn read<R: BufRead>(input: R, limits: &Limits) -> Result<Dataset, ReadError> {
    let mut input = input;
    sniff_utf8(&mut input).map_err(sniff_error)?;
    let (text, failed) = match read_and_scan(&mut input, limits) {
        Held::Certain(text) => {
            if std::str::from_utf8(&text).is_ok()
                && let Ok(ds) = serde_json::from_slice::<Dataset>(&text)
            {
                return Ok(ds);
            }
            (text, None)
        }
        Held::Uncertain(text, failed) => (text, failed),
    };
    let rest = PendingError {
        error: failed,
        inner: input,
    };
    let mut recs = Vec::new();
    let header = stream(Cursor::new(text).chain(rest), limits, |r| {
        recs.push(r);
        Ok(())
    })?;
    Ok(header.with_records(recs))
}

/// The input of [`read`] held in memory.
enum Held {
    /// All of it, and [`JsonScan`] passed it.
    Certain(Vec<u8>),
    /// What was read before the pre-scan, the size limit or a read error (returned) stopped it.
    Uncertain(Vec<u8>, Option<std::io::Error>),
}

/// Reads `input` into memory, up to `limits.max_bytes` + 1 bytes, scanning it as it comes.
fn read_and_scan<R: Read>(input: &mut R, limits: &Limits) -> Held {
    /// Bytes read between two scans: at least this many…
    const MIN_BATCH: usize = 64 << 10;
    /// …and at most this many, so that a too-long string stops the reading soon after its
    /// limit (a quarter of what is held in between).
    const MAX_BATCH: usize = 1 << 20;
    let cap = usize::try_from(limits.max_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(1);
    let mut scan = JsonScan::new(limits);
    let mut text = Vec::new();
    loop {
        let room = cap.saturating_sub(text.len());
        if room == 0 {
            // Over `max_bytes`: the streaming reader says so, or what comes before.
            return Held::Uncertain(text, None);
        }
        let batch = (text.len() / 4).clamp(MIN_BATCH, MAX_BATCH).min(room);
        let need = text.len().saturating_add(batch);
        if text.capacity() < need {
            // Grow geometrically, but never beyond the cap.
            let target = need.max(text.capacity().saturating_mul(2)).min(cap);
            text.reserve_exact(target.saturating_sub(text.len()));
        }
        let limit = u64::try_from(batch).unwrap_or(u64::MAX);
        match Read::take(&mut *input, limit).read_to_end(&mut text) {
            Ok(n) => {
                let eof = n < batch;
                if scan.scan(&text, eof).is_err() {
                    return Held::Uncertain(text, None);
                }
                if eof {
                    return Held::Certain(text);
                }
            }
            Err(e) => return Held::Uncertain(text, Some(e)),
        }
    }
}

/// A reader that first returns the error that reading it failed with in [`read`], so that the
/// streaming reader meets it at the same place as it would have, then reads on.
struct PendingError<R> {
    error: Option<std::io::Error>,
    inner: R,
}

impl<R: Read> Read for PendingError<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.error.take() {
            Some(e) => Err(e),
            None => self.inner.read(buf),
        }
    }
}

impl<R: BufRead> BufRead for PendingError<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        match self.error.take() {
            Some(e) => Err(e),
            None => self.inner.fill_buf(),
        }
    }
    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
    }
}
