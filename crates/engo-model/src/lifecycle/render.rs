//! The tables as data for non-Rust consumers: a JSON document (with its JSON Schema), CSV and
//! Mermaid `stateDiagram-v2`.

use std::fmt::Write as _;

use crate::lifecycle::{EventKind, Machine};
use schemars::{JsonSchema, Schema, generate::SchemaSettings};
use serde::{Deserialize, Serialize};

use crate::lifecycle::{
    crosswalk::Crosswalk,
    stage::{GuardId, Stage},
    table::{Transition, is_terminal, table},
};

/// Version of the [`TablesDocument`] format.
pub const TABLES_FORMAT_VERSION: &str = "1.0";

/// Every transition table, as one JSON document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "engo transition tables")]
pub struct TablesDocument {
    /// Version of this format (`1.0`).
    pub format_version: String,
    /// One table per machine, in the order of `Machine::ALL`.
    pub machines: Vec<MachineTable>,
}

/// The transition table of one machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MachineTable {
    /// The machine.
    pub machine: Machine,
    /// The stage a record starts in.
    pub initial: String,
    /// Every stage, in declaration order.
    pub stages: Vec<String>,
    /// The stages no transition leaves.
    pub terminal: Vec<String>,
    /// The transitions, in table order.
    pub transitions: Vec<TransitionRow>,
}

/// One transition, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TransitionRow {
    /// Stable code (`social_order.award`).
    pub code: String,
    /// Stage before.
    pub from: String,
    /// The event.
    pub event: EventKind,
    /// Stage after.
    pub to: String,
    /// Guards that must pass.
    #[serde(default)]
    pub guards: Vec<GuardId>,
    /// OCDS and IATI codes after the transition.
    #[serde(default)]
    pub crosswalk: Crosswalk,
}

impl From<&Transition> for TransitionRow {
    fn from(t: &Transition) -> TransitionRow {
        TransitionRow {
            code: t.code.to_owned(),
            from: t.from.as_str().to_owned(),
            event: t.event,
            to: t.to.as_str().to_owned(),
            guards: t.guards.to_vec(),
            crosswalk: t.crosswalk,
        }
    }
}

/// The table of `machine` as data.
pub fn machine_table(machine: Machine) -> MachineTable {
    let stages = Stage::all(machine);
    MachineTable {
        machine,
        initial: Stage::initial(machine).as_str().to_owned(),
        terminal: stages
            .iter()
            .filter(|s| is_terminal(**s))
            .map(|s| s.as_str().to_owned())
            .collect(),
        stages: stages.iter().map(|s| s.as_str().to_owned()).collect(),
        transitions: table(machine).iter().map(TransitionRow::from).collect(),
    }
}

/// Every table as one document.
pub fn tables_document() -> TablesDocument {
    TablesDocument {
        format_version: TABLES_FORMAT_VERSION.to_owned(),
        machines: Machine::ALL.iter().map(|m| machine_table(*m)).collect(),
    }
}

/// Every table as pretty-printed JSON (with a final newline).
///
/// ```
/// let json = engo_model::lifecycle::to_json();
/// let doc: engo_model::lifecycle::TablesDocument = serde_json::from_str(&json)?;
/// assert_eq!(doc, engo_model::lifecycle::tables_document());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn to_json() -> String {
    let mut s = serde_json::to_string_pretty(&tables_document()).unwrap_or_default();
    s.push('\n');
    s
}

/// The JSON Schema (draft 2020-12) of [`TablesDocument`], as written to
/// `schemas/transitions.schema.json`.
pub fn transitions_schema() -> Schema {
    SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<TablesDocument>()
}

/// The columns of [`to_csv`].
pub const CSV_HEADER: &[&str] = &[
    "machine",
    "code",
    "from",
    "event",
    "to",
    "guards",
    "ocds_release_tag",
    "ocds_tender_status",
    "ocds_award_status",
    "ocds_contract_status",
    "ocds_milestone_status",
    "iati_activity_status",
];

/// Writes one CSV field, quoted when RFC 4180 needs it.
fn csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

fn csv_row<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, f);
    }
    out.push_str("\r\n");
}

/// The rows of `machines` as CSV (RFC 4180: CRLF line ends, a header row, quotes only where
/// needed). Guards are separated by spaces; empty cells where no code applies.
pub fn machines_csv(machines: &[Machine]) -> String {
    let mut out = String::new();
    csv_row(&mut out, CSV_HEADER.iter().copied());
    for m in machines {
        for t in table(*m) {
            let guards: Vec<&str> = t.guards.iter().map(|g| g.as_str()).collect();
            let guards = guards.join(" ");
            let c = &t.crosswalk;
            csv_row(
                &mut out,
                [
                    m.as_str(),
                    t.code,
                    t.from.as_str(),
                    t.event.as_str(),
                    t.to.as_str(),
                    guards.as_str(),
                    c.ocds_release_tag.map_or("", |x| x.as_str()),
                    c.ocds_tender_status.map_or("", |x| x.as_str()),
                    c.ocds_award_status.map_or("", |x| x.as_str()),
                    c.ocds_contract_status.map_or("", |x| x.as_str()),
                    c.ocds_milestone_status.map_or("", |x| x.as_str()),
                    c.iati_activity_status.map_or("", |x| x.as_str()),
                ],
            );
        }
    }
    out
}

/// Every table as one CSV document (see [`machines_csv`]).
pub fn to_csv() -> String {
    machines_csv(Machine::ALL)
}

/// The table of `machine` as a Mermaid `stateDiagram-v2`: `[*]` into the initial stage, one
/// arrow per row labelled with its event and guards (`award [winner_eligible,
/// amount_within_budget]`), and terminal stages out to `[*]`.
///
/// ```
/// use engo_model::lifecycle::Machine;
/// let m = engo_model::lifecycle::mermaid(Machine::Milestone);
/// assert!(m.starts_with("stateDiagram-v2\n    [*] --> scheduled\n"));
/// assert!(m.contains("    scheduled --> met: meet\n"));
/// ```
pub fn mermaid(machine: Machine) -> String {
    let mut out = String::from("stateDiagram-v2\n");
    let _ = writeln!(out, "    [*] --> {}", Stage::initial(machine));
    for t in table(machine) {
        let _ = write!(out, "    {} --> {}: {}", t.from, t.to, t.event);
        if !t.guards.is_empty() {
            let guards: Vec<&str> = t.guards.iter().map(|g| g.as_str()).collect();
            let _ = write!(out, " [{}]", guards.join(", "));
        }
        out.push('\n');
    }
    for s in Stage::all(machine) {
        if is_terminal(s) {
            let _ = writeln!(out, "    {s} --> [*]");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_where_needed() {
        let mut s = String::new();
        csv_row(&mut s, ["a", "b,c", "d\"e", ""]);
        assert_eq!(s, "a,\"b,c\",\"d\"\"e\",\r\n");
    }

    #[test]
    fn csv_has_one_row_per_transition() {
        let csv = to_csv();
        let rows = csv.split("\r\n").filter(|l| !l.is_empty()).count();
        let transitions: usize = Machine::ALL.iter().map(|m| table(*m).len()).sum();
        assert_eq!(rows, transitions + 1);
    }

    #[test]
    fn json_document_round_trips() {
        let doc: TablesDocument = serde_json::from_str(&to_json()).unwrap();
        assert_eq!(doc, tables_document());
        assert_eq!(doc.machines.len(), Machine::ALL.len());
    }

    #[test]
    fn schema_is_draft_2020_12() {
        let schema = serde_json::to_value(transitions_schema()).unwrap();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["title"], "engo transition tables");
    }
}
