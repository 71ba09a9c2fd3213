#![doc = include_str!("../README.md")]

mod apply;
pub mod chain;
mod guard;
mod replay;

// One event: apply it to a stage, with the guards of its transition.
pub use apply::{GuardContext, GuardFailure, Rejection, apply, apply_import};
pub use guard::{Checked, Guards};
// A whole audit log: replay it (its hash chain: `chain`).
pub use replay::{Replay, replay};
