#![doc = include_str!("../README.md")]

mod apply;
pub mod crosswalk;
mod guard;
mod records;
mod render;
mod replay;
mod stage;
mod synth;
mod table;
mod validate;

pub use apply::{GuardContext, GuardFailure, NOT_ALLOWED, Rejection, apply};
pub use guard::{Checked, Guards, PLAN_DISCUSSION_TOO_SHORT};
pub use records::{milestone_entity, ngo_report_entity};
pub use render::{
    CSV_HEADER, MachineTable, TABLES_FORMAT_VERSION, TablesDocument, TransitionRow, machine_table,
    machines_csv, mermaid, tables_document, to_csv, to_json, transitions_schema,
};
pub use replay::{
    DANGLING, GUARD_FAILED, REPLAY_MISMATCH, Replay, SEQUENCE_GAP, TIME_BACKWARDS, replay,
};
pub use stage::{GuardId, Stage};
pub use synth::synthesize;
pub use table::{
    APPLICATION, AWARD, GRANT, MEDIATION_CASE, MILESTONE, NGO_REPORT, ORGANIZATION, PROJECT,
    SOCIAL_ORDER, Transition, find, is_terminal, outgoing, shortest_path, table,
};
pub use validate::validate;
