#![doc = include_str!("../README.md")]

mod apply;
mod guard;
mod replay;

pub use apply::{GuardContext, GuardFailure, NOT_ALLOWED, Rejection, apply};
pub use guard::{Checked, Guards, PLAN_DISCUSSION_TOO_SHORT};
pub use replay::{
    DANGLING, GUARD_FAILED, REPLAY_MISMATCH, Replay, SEQUENCE_GAP, TIME_BACKWARDS, replay,
};
