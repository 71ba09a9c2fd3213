//! CSV tables and a Frictionless data package (`datapackage.json`), written and read back.
//!
//! One CSV per table, UTF-8, RFC 4180 (comma, `"` quoting when needed, CRLF), a header row.
//! Tables follow the JSON form:
//!
//! - `dataset` holds the header (one row: format version, publisher, publication time);
//! - every collection is a table named as it (`organizations`, `social_orders`, …, `events` — the
//!   stage history), keyed by its `id` (`bin` for organisations and state bodies, the position
//!   `index` for events);
//! - every array inside a record is a child table named `<parent in the singular>_<field>`
//!   (`project_milestones`, `project_indicator_actuals`, `organization_areas`,
//!   `social_order_regions`, `application_budget_lines`, …) whose first columns are the parent's
//!   key (`project_id`, then `project_indicator_index`, …) and its position `index`; arrays of
//!   plain values (areas, regions, experts, affiliations, parties) become link tables with one
//!   value column named in the singular (`area`, `region`);
//! - nested objects are flattened with `_` (`status_stage`, `period_start`, `target_kind`), and
//!   multilingual text is three columns `…_kk`, `…_ru`, `…_en`;
//! - ids and codes are always strings; amounts and quantities are the exact decimal text.
//!
//! The descriptor gives every resource a Table Schema (types, constraints, primary key, foreign
//! keys to the parent table) in the subset that both Frictionless v1 and v2 read: v1 types and
//! constraints only, `primaryKey` and `foreignKeys[].fields` as arrays, an explicit
//! `reference.resource`, `missingValues: [""]`, no `$schema`/`profile` (v1 by default).

pub(crate) mod assemble;
mod limits;
mod package;
pub(crate) mod plan;
mod quoting;
mod read;
pub(crate) mod rows;
mod walk;
mod write;

pub use read::read;
pub use write::{CsvWriter, write};

use self::{plan::Table, walk::WritePlan};
use crate::ShapeError;

/// Settings of the data package descriptor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageSettings {
    /// `name` of the package.
    pub name: String,
    /// `title` of the package.
    pub title: String,
    /// `id`: a URL where the package is published.
    pub id: String,
    /// Licence: `name` (an SPDX or Open Definition id), `path` (URL) and `title`.
    pub license: (String, String, String),
    /// Folder of the CSV files, relative to `datapackage.json` (`""`: beside it; a full export
    /// uses `"csv"`). Plain folder names only: no `..`, no absolute path.
    pub tables_dir: String,
}

/// `name` of the data package.
pub(crate) const PACKAGE_NAME: &str = "e-ngo";
/// `title` of the data package.
pub(crate) const PACKAGE_TITLE: &str =
    "E-NGO portal of Kazakhstan: NGOs, state social orders, grants, awards and project stages";

impl Default for PackageSettings {
    /// The sample's settings ([`crate::publication::Publication::sample`]), tables beside
    /// `datapackage.json`.
    fn default() -> Self {
        crate::publication::Publication::sample().package_settings()
    }
}

impl PackageSettings {
    /// The path of table `name`'s CSV file relative to `datapackage.json`.
    fn table_path(&self, name: &str) -> String {
        let dir = self.tables_dir.trim_matches('/');
        if dir.is_empty() {
            format!("{name}.csv")
        } else {
            format!("{dir}/{name}.csv")
        }
    }
}

/// The plan of the package, built once per process: the tables and their compiled walks are
/// constant (they come from the types' JSON Schema).
#[derive(Debug)]
pub(crate) struct Compiled {
    /// The tables, parents before children ([`plan::tables`]).
    pub(crate) tables: Vec<Table>,
    /// How the writer fills their rows ([`walk::compile`]).
    write_plan: WritePlan,
}

/// The [`Compiled`] plan (built on first use).
pub(crate) fn compiled() -> Result<&'static Compiled, ShapeError> {
    static COMPILED: std::sync::OnceLock<Result<Compiled, ShapeError>> = std::sync::OnceLock::new();
    COMPILED
        .get_or_init(|| {
            plan::tables().map(|tables| Compiled {
                write_plan: walk::compile(&tables),
                tables,
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The names of the tables of the package, in the order they are written.
pub fn table_names() -> Vec<String> {
    compiled()
        .map(|c| c.tables.iter().map(|t| t.name.clone()).collect())
        .unwrap_or_default()
}
