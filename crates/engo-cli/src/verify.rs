//! `engo verify FILE`: recompute the hash chain of a file's log.

use std::path::Path;

use engo::{
    model::Lang,
    stages::chain::{self, ChainError},
};

use crate::{Failure, Outcome, input, messages::Msg};

/// Reads `file` (any format engo reads) and verifies its log's chain: the head (exit 0), the
/// first broken link (exit 1), or a failure (exit 2) when the file cannot be read whole.
pub(crate) fn run(file: &Path) -> Result<(Msg, Outcome), Failure> {
    let shown = file.display().to_string();
    let loaded = input::load(file)?;
    // A record that could not be read is not in the log: the chain would seem broken after it
    // for a reason the user cannot see. The file is unusable as it is.
    if let Some(first) = loaded.malformed.first() {
        let reason = format!("{} ({})", first.message(Lang::En), first.path);
        return Err(Msg::Unusable(shown, reason).into());
    }
    let events = &loaded.dataset.events;
    match chain::verify(events) {
        Ok(Some(head)) => Ok((
            Msg::ChainHolds {
                file: shown,
                head: Box::new(head),
            },
            Outcome::Done,
        )),
        Ok(None) => Ok((Msg::NoEvents(shown), Outcome::Done)),
        Err(ChainError::Broken(broken)) if broken.index == 0 && !chain::is_linked(events) => {
            Ok((Msg::Unlinked(shown), Outcome::Errors))
        }
        Err(ChainError::Broken(broken)) => {
            let cell = loaded
                .places
                .cell(&broken.pointer)
                .map(|c| format!(" [{c}]"))
                .unwrap_or_default();
            Ok((
                Msg::ChainBroken {
                    file: shown,
                    cell,
                    broken,
                },
                Outcome::Errors,
            ))
        }
        Err(e) => Err(Msg::Internal(e.to_string()).into()),
    }
}
