//! The lifecycles of the portal's records, as data: the vocabulary (machines, stages, events,
//! the audit log's [`EventRecord`] and the link of its hash chain, [`EventHash`]), the
//! transition tables with their crosswalk to OCDS and IATI, and their renderings for non-Rust
//! consumers (JSON with its JSON Schema, CSV, Mermaid).
//!
//! Everything here names things and says what is allowed; nothing here evaluates a rule. The
//! engine that applies an event (guards backed by the criteria, replay of a log) is
//! `engo-stages`.
//!
//! ```
//! use engo_model::lifecycle::{EventKind, SocialOrderStage, Stage, find, shortest_path};
//!
//! let award = find(SocialOrderStage::BidReview.into(), EventKind::Award).ok_or("row")?;
//! assert_eq!(award.code, "social_order.award");
//! assert_eq!(award.to, Stage::from(SocialOrderStage::Awarded));
//! // How a record gets from proposed to contracted, row by row.
//! let path = shortest_path(SocialOrderStage::Proposed.into(), SocialOrderStage::Contracted.into())
//!     .ok_or("path")?;
//! assert_eq!(path.len(), 7); // form, open_discussion, approve, announce, open_bid_review, award, contract
//! # Ok::<(), &'static str>(())
//! ```
#![doc = include_str!("README.md")]

pub mod crosswalk;
mod entity;
mod link;
mod render;
mod stage;
mod table;
mod vocabulary;

pub use entity::{Entity, EntityRecord, milestone_entity, ngo_report_entity};
pub use link::{BadEventHash, EventHash};
pub use render::{
    CSV_HEADER, MachineTable, TABLES_FORMAT_VERSION, TablesDocument, TransitionRow, machine_table,
    machines_csv, mermaid, tables_document, to_csv, to_json, transitions_schema,
};
pub use stage::{GuardId, Stage};
pub use table::{
    APPLICATION, AWARD, GRANT, MEDIATION_CASE, MILESTONE, NGO_REPORT, ORGANIZATION,
    PARTNERSHIP_ORDER, PLAN, PROJECT, SOCIAL_ORDER, Transition, find, import, is_terminal,
    outgoing, shortest_path, table,
};
pub use vocabulary::*;
