#![doc = include_str!("../README.md")]

mod apply;
mod guard;
mod replay;

pub use apply::{GuardContext, GuardFailure, Rejection, apply};
pub use guard::{Checked, Guards};
pub use replay::{Replay, replay};
