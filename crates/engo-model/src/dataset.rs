//! The dataset: everything a publisher publishes at one time, and its shape check.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::{
    LocalizedText, OrgId,
    lifecycle::EventRecord,
    record::{
        Application, Award, Body, Evaluation, Expert, ForeignFundingEntry, Grant, MediationCase,
        Organization, PartnershipOrder, Plan, Project, SocialOrder, StateBody, VolunteerActivity,
    },
};

/// The version of the dataset format this crate reads and writes.
pub const SCHEMA_VERSION: &str = "1.0";

/// Who publishes the dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
#[schemars(rename = "Publisher")]
pub struct Publisher {
    /// Name in kk/ru/en.
    pub name: LocalizedText,
    /// org-id of the publisher.
    pub org_id: OrgId,
}

impl Publisher {
    /// A publisher by its name and org-id.
    ///
    /// ```
    /// use engo_model::{Bin, LocalizedText, Publisher};
    ///
    /// let ministry: Bin = "991240031411".parse()?;
    /// let publisher = Publisher::new(
    ///     LocalizedText::from_kk_ru(
    ///         "Қазақстан Республикасы Мәдениет және ақпарат министрлігі",
    ///         "Министерство культуры и информации Республики Казахстан",
    ///     )?,
    ///     ministry.org_id(),
    /// );
    /// assert_eq!(publisher.org_id.to_string(), "KZ-BIN-991240031411");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(name: LocalizedText, org_id: OrgId) -> Publisher {
        Publisher { name, org_id }
    }
}

/// Everything published at one time: the register of organisations, state bodies, social orders,
/// grants, awards, applications, evaluations, experts, projects, mediation cases, the plans of
/// grants and of the social order, the state orders for strategic partnership, the register of
/// foreign funding, volunteer programmes and actions, and the expert and civil-society bodies.
///
/// Each collection is a list in the order the publisher gives; the criteria and exports never
/// depend on that order for their verdicts.
///
/// The collections added after the format's first version (from `plans` on) are left out of
/// the JSON when they are empty, so that a dataset without them is written as it was before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
#[schemars(title = "engo dataset")]
#[schemars(rename = "Dataset")]
pub struct Dataset {
    /// Version of the dataset format ([`SCHEMA_VERSION`]).
    #[serde(deserialize_with = "crate::text::deserialize_plain")]
    pub schema_version: String,
    /// Publisher.
    pub publisher: Publisher,
    /// When published.
    pub published_at: DateTime<FixedOffset>,
    /// Non-governmental organisations.
    #[serde(default)]
    pub organizations: Vec<Organization>,
    /// State bodies (customers and funders).
    #[serde(default)]
    pub state_bodies: Vec<StateBody>,
    /// State social orders.
    #[serde(default)]
    pub social_orders: Vec<SocialOrder>,
    /// Grants.
    #[serde(default)]
    pub grants: Vec<Grant>,
    /// Awards.
    #[serde(default)]
    pub awards: Vec<Award>,
    /// Applications.
    #[serde(default)]
    pub applications: Vec<Application>,
    /// Evaluations.
    #[serde(default)]
    pub evaluations: Vec<Evaluation>,
    /// Experts.
    #[serde(default)]
    pub experts: Vec<Expert>,
    /// Projects.
    #[serde(default)]
    pub projects: Vec<Project>,
    /// Mediation cases.
    #[serde(default)]
    pub mediation_cases: Vec<MediationCase>,
    /// Plans of state grants and of the state social order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<Plan>,
    /// State orders for strategic partnership.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partnership_orders: Vec<PartnershipOrder>,
    /// Entries of the register of foreign funding (organisations only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign_funding_entries: Vec<ForeignFundingEntry>,
    /// Expert and civil-society bodies: working groups, councils and commissions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bodies: Vec<Body>,
    /// Volunteer programmes (projects) and actions, with their number of volunteers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volunteer_activities: Vec<VolunteerActivity>,
    /// The audit log: every stage event of every record, in the order recorded.
    #[serde(default)]
    pub events: Vec<EventRecord>,
}

/// A shape rule of the model: the kind of limit a [`ShapeViolation`] breaks.
///
/// Its text ([`ShapeRule::as_str`]) is a stable finding code; `engo-criteria` maps every shape
/// rule to its finding code with an exhaustive `match`, so a rule added here without a catalogue
/// entry does not compile (which is why the enum is not `#[non_exhaustive]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum ShapeRule {
    /// `shape.email`: an e-mail address that is not valid.
    #[serde(rename = "shape.email")]
    Email,
    /// `shape.length`: a text or list out of its length bounds.
    #[serde(rename = "shape.length")]
    Length,
    /// `shape.range`: a value out of its range.
    #[serde(rename = "shape.range")]
    Range,
    /// `shape.schema_version`: the dataset's format version is not [`SCHEMA_VERSION`].
    #[serde(rename = "shape.schema_version")]
    SchemaVersion,
    /// `shape.url`: a URL that is not valid.
    #[serde(rename = "shape.url")]
    Url,
}

impl ShapeRule {
    /// The stable code (`shape.email`).
    pub const fn as_str(self) -> &'static str {
        match self {
            ShapeRule::Email => "shape.email",
            ShapeRule::Length => "shape.length",
            ShapeRule::Range => "shape.range",
            ShapeRule::SchemaVersion => "shape.schema_version",
            ShapeRule::Url => "shape.url",
        }
    }

    /// The rule of a `validator` error code (`email`, `length`, `range`, `url`); `None` for a
    /// code no shape rule has.
    fn of_validator(code: &str) -> Option<ShapeRule> {
        match code {
            "email" => Some(ShapeRule::Email),
            "length" => Some(ShapeRule::Length),
            "range" => Some(ShapeRule::Range),
            "url" => Some(ShapeRule::Url),
            _ => None,
        }
    }
}

impl std::fmt::Display for ShapeRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A violation of a record's shape: which limit, where (a JSON pointer into the dataset) and the
/// limit's parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "ShapeViolation")]
pub struct ShapeViolation {
    /// The limit broken: `shape.length`, `shape.range`, `shape.email`, `shape.url`, …
    pub code: ShapeRule,
    /// JSON pointer to the offending value, e.g. `/organizations/3/email`.
    pub path: String,
    /// Parameters of the limit (`min`, `max`, `value`, `lang`…), as JSON.
    pub params: BTreeMap<String, serde_json::Value>,
}

impl std::fmt::Display for ShapeViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at {}", self.code, self.path)?;
        for (k, v) in &self.params {
            write!(f, " {k}={v}")?;
        }
        Ok(())
    }
}

/// Escapes a JSON-pointer reference token (RFC 6901).
pub(crate) fn pointer_token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Flattens validator's nested errors into violations with JSON pointers under `prefix`.
fn flatten(prefix: &str, errors: &ValidationErrors, out: &mut Vec<ShapeViolation>) {
    for (field, kind) in errors.errors() {
        let path = format!("{prefix}/{}", pointer_token(field));
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    let mut params = e
                        .params
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.clone()))
                        .collect::<BTreeMap<_, _>>();
                    // A validator without a shape rule is a limit added to the records without
                    // one (a test of the records rules it out): still reported, as out of range,
                    // naming the validator.
                    let code = ShapeRule::of_validator(&e.code).unwrap_or_else(|| {
                        params.insert("validator".to_owned(), e.code.to_string().into());
                        ShapeRule::Range
                    });
                    out.push(ShapeViolation {
                        code,
                        path: path.clone(),
                        params,
                    });
                }
            }
            ValidationErrorsKind::Struct(inner) => flatten(&path, inner, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    flatten(&format!("{path}/{i}"), inner, out);
                }
            }
        }
    }
}

/// Validates every record of a collection, with its index in the path.
fn check_all<T: Validate>(name: &str, items: &[T], out: &mut Vec<ShapeViolation>) {
    for (i, item) in items.iter().enumerate() {
        if let Err(errors) = item.validate() {
            let start = out.len();
            flatten(&format!("/{name}/{i}"), &errors, out);
            // validator keeps fields in a hash map: order each record's violations.
            if let Some(tail) = out.get_mut(start..) {
                tail.sort_by(|a, b| (&a.path, a.code.as_str()).cmp(&(&b.path, b.code.as_str())));
            }
        }
    }
}

impl Dataset {
    /// An empty dataset of `publisher`, published at `published_at`, in the format version
    /// [`SCHEMA_VERSION`].
    ///
    /// ```
    /// use chrono::{FixedOffset, TimeZone};
    /// use engo_model::{Dataset, example};
    ///
    /// let almaty = FixedOffset::east_opt(5 * 3600).ok_or("offset")?;
    /// let at = almaty.with_ymd_and_hms(2025, 11, 20, 10, 0, 0).single().ok_or("time")?;
    /// let mut ds = Dataset::new(example::dataset().publisher, at);
    /// ds.organizations.push(example::dataset().organizations.remove(0));
    /// assert_eq!(ds.record_count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(publisher: Publisher, published_at: DateTime<FixedOffset>) -> Dataset {
        Dataset {
            schema_version: SCHEMA_VERSION.to_owned(),
            publisher,
            published_at,
            organizations: Vec::new(),
            state_bodies: Vec::new(),
            social_orders: Vec::new(),
            grants: Vec::new(),
            awards: Vec::new(),
            applications: Vec::new(),
            evaluations: Vec::new(),
            experts: Vec::new(),
            projects: Vec::new(),
            mediation_cases: Vec::new(),
            plans: Vec::new(),
            partnership_orders: Vec::new(),
            foreign_funding_entries: Vec::new(),
            bodies: Vec::new(),
            volunteer_activities: Vec::new(),
            events: Vec::new(),
        }
    }

    /// Every shape violation of every record (lengths, ranges, e-mail, URL), each with a stable
    /// code and a JSON pointer, in a deterministic order. It never stops at the first.
    ///
    /// ```
    /// use engo_model::ShapeRule;
    ///
    /// let mut ds = engo_model::example::dataset();
    /// ds.organizations[0].email = Some("not an e-mail".into());
    /// let v = ds.check_shape();
    /// assert_eq!(v.len(), 1);
    /// assert_eq!((v[0].code, v[0].path.as_str()), (ShapeRule::Email, "/organizations/0/email"));
    /// ```
    pub fn check_shape(&self) -> Vec<ShapeViolation> {
        let mut out = Vec::new();
        check_all("organizations", &self.organizations, &mut out);
        check_all("state_bodies", &self.state_bodies, &mut out);
        check_all("social_orders", &self.social_orders, &mut out);
        check_all("grants", &self.grants, &mut out);
        check_all("awards", &self.awards, &mut out);
        check_all("applications", &self.applications, &mut out);
        check_all("evaluations", &self.evaluations, &mut out);
        check_all("experts", &self.experts, &mut out);
        check_all("projects", &self.projects, &mut out);
        check_all("mediation_cases", &self.mediation_cases, &mut out);
        check_all("plans", &self.plans, &mut out);
        check_all("partnership_orders", &self.partnership_orders, &mut out);
        check_all(
            "foreign_funding_entries",
            &self.foreign_funding_entries,
            &mut out,
        );
        check_all("bodies", &self.bodies, &mut out);
        check_all("volunteer_activities", &self.volunteer_activities, &mut out);
        if self.schema_version != SCHEMA_VERSION {
            let mut params = BTreeMap::new();
            params.insert("expected".to_owned(), SCHEMA_VERSION.into());
            params.insert("found".to_owned(), self.schema_version.clone().into());
            out.push(ShapeViolation {
                code: ShapeRule::SchemaVersion,
                path: "/schema_version".to_owned(),
                params,
            });
        }
        out
    }

    /// Number of records of every kind together.
    pub fn record_count(&self) -> usize {
        self.organizations.len()
            + self.state_bodies.len()
            + self.social_orders.len()
            + self.grants.len()
            + self.awards.len()
            + self.applications.len()
            + self.evaluations.len()
            + self.experts.len()
            + self.projects.len()
            + self.mediation_cases.len()
            + self.plans.len()
            + self.partnership_orders.len()
            + self.foreign_funding_entries.len()
            + self.bodies.len()
            + self.volunteer_activities.len()
            + self.events.len()
    }
}

#[cfg(test)]
mod tests {
    use super::ShapeRule;

    /// The validators of the records (`#[validate(…)]`) and the codes of their own checks
    /// (`ValidationError::new("…")`), read from the source.
    fn validator_codes() -> Vec<String> {
        let sources = [
            include_str!("record/application.rs"),
            include_str!("record/award.rs"),
            include_str!("record/body.rs"),
            include_str!("record/evaluation.rs"),
            include_str!("record/expert.rs"),
            include_str!("record/foreign_funding.rs"),
            include_str!("record/grant.rs"),
            include_str!("record/indicator.rs"),
            include_str!("record/limits.rs"),
            include_str!("record/mediation.rs"),
            include_str!("record/organization.rs"),
            include_str!("record/partnership_order.rs"),
            include_str!("record/period.rs"),
            include_str!("record/plan.rs"),
            include_str!("record/project.rs"),
            include_str!("record/social_order.rs"),
            include_str!("record/state_body.rs"),
            include_str!("record/volunteering.rs"),
        ];
        let mut codes = Vec::new();
        for line in sources.iter().flat_map(|s| s.lines()).map(str::trim) {
            if let Some(list) = line
                .strip_prefix("#[validate(")
                .and_then(|l| l.strip_suffix(")]"))
            {
                let mut depth = 0;
                let mut start = 0;
                for (i, c) in list.char_indices().chain([(list.len(), ',')]) {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        ',' if depth == 0 => {
                            let item = list[start..i].trim();
                            let name = item.split('(').next().unwrap_or(item).trim();
                            codes.push(name.to_owned());
                            start = i + 1;
                        }
                        _ => {}
                    }
                }
            }
            if let Some(rest) = line.split("ValidationError::new(\"").nth(1) {
                codes.extend(rest.split('"').next().map(str::to_owned));
            }
        }
        codes
    }

    #[test]
    fn every_validator_of_the_records_has_a_shape_rule() {
        let codes = validator_codes();
        for expected in ["email", "length", "nested", "range", "url", "custom"] {
            assert!(codes.iter().any(|c| c == expected), "{expected} not found");
        }
        for code in codes {
            if code != "nested" && code != "custom" {
                assert!(ShapeRule::of_validator(&code).is_some(), "{code}");
            }
        }
    }
}
