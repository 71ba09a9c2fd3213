//! The dataset as it may be published: no personal identifier, no private person's contact,
//! no mediation case (mediation is confidential: only aggregate figures are published).

use std::{borrow::Cow, collections::BTreeMap};

use engo_criteria::{Code, Finding, privacy};
use engo_model::{
    Bin, Dataset, Kato, Lang, LocalizedText,
    lifecycle::{EventRecord, Machine, MediationStage},
    record::MediationCategory,
};
use engo_stages::chain::{self, ChainError, Head};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A dataset ready for the open outputs, and what was changed to make it so.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct OpenDataset<'a> {
    /// The dataset to publish: the original when it needed no change.
    pub dataset: Cow<'a, Dataset>,
    /// One `privacy.masked` finding (info) per text whose personal data were masked, at the
    /// text's JSON pointer.
    pub masked: Vec<Finding>,
    /// The mediation cases as aggregate figures (the cases and their events are not in
    /// `dataset`).
    pub mediation: MediationFigures,
    /// The head of the published log: `dataset.events` form one hash chain
    /// ([`engo_stages::chain`]), linked after the changes above so that it verifies on the
    /// published files. `None` when there is no event. This is what a portal announces as the
    /// head of its log.
    pub head: Option<Head>,
}

/// Mediation in open data: how many cases, by year, region, category and outcome, and how many
/// cases each mediator organisation took; never a case by its parties or subject (Law on
/// mediation No. 401-IV: mediation is confidential).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "engo mediation figures")]
pub struct MediationFigures {
    /// Cases by year requested, region, category and stage reached.
    pub cases: Vec<MediationFigure>,
    /// Cases by mediator organisation.
    pub mediators: Vec<MediatorFigure>,
}

/// One cell of the mediation figures.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct MediationFigure {
    /// The year the cases were requested.
    pub year: i32,
    /// The region (KATO, region level), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Kato>,
    /// What the disputes were about, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<MediationCategory>,
    /// The stage the cases reached (settled, not settled, withdrawn…).
    pub outcome: MediationStage,
    /// How many cases.
    pub cases: usize,
}

/// The cases of one mediator organisation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct MediatorFigure {
    /// The mediator organisation.
    pub mediator: Bin,
    /// How many cases it took.
    pub cases: usize,
}

impl MediationFigures {
    /// The figures of `ds`'s mediation cases.
    pub fn of(ds: &Dataset) -> MediationFigures {
        use chrono::Datelike;
        let mut cells: BTreeMap<
            (i32, Option<Kato>, Option<MediationCategory>, MediationStage),
            usize,
        > = BTreeMap::new();
        let mut mediators: BTreeMap<Bin, usize> = BTreeMap::new();
        for case in &ds.mediation_cases {
            let region = case
                .region
                .and_then(|k| format!("{}0000000", k.region_code()).parse::<Kato>().ok());
            *cells
                .entry((case.requested_on.year(), region, case.category, case.stage))
                .or_default() += 1;
            if let Some(m) = case.mediator {
                *mediators.entry(m).or_default() += 1;
            }
        }
        MediationFigures {
            cases: cells
                .into_iter()
                .map(
                    |((year, region, category, outcome), cases)| MediationFigure {
                        year,
                        region,
                        category,
                        outcome,
                        cases,
                    },
                )
                .collect(),
            mediators: mediators
                .into_iter()
                .map(|(mediator, cases)| MediatorFigure { mediator, cases })
                .collect(),
        }
    }

    /// Whether there is no case.
    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    /// The figures as CSV: `year,region,category,outcome,cases`, then after a blank line
    /// nothing else — the mediators are [`MediationFigures::mediators_csv`].
    pub fn cases_csv(&self) -> String {
        let mut out = String::from("year,region,category,outcome,cases\n");
        for c in &self.cases {
            out.push_str(&format!(
                "{},{},{},{},{}\n",
                c.year,
                c.region.map(|k| k.to_string()).unwrap_or_default(),
                c.category.map(|k| k.as_str()).unwrap_or_default(),
                c.outcome.as_str(),
                c.cases
            ));
        }
        out
    }

    /// The mediators as CSV: `mediator,cases`.
    pub fn mediators_csv(&self) -> String {
        let mut out = String::from("mediator,cases\n");
        for m in &self.mediators {
            out.push_str(&format!("{},{}\n", m.mediator, m.cases));
        }
        out
    }
}

/// Why a dataset could not be made ready for publication.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// A record's id holds a personal identifier. An id is published as it is (every reference
    /// to the record names it), so it cannot be masked: the record needs another id.
    #[error(
        "{path}: the id {record} holds a personal identifier (IIN); an id is published as it is and cannot be masked — give the record another id"
    )]
    PersonalIdInId {
        /// The JSON pointer of the id.
        path: String,
        /// The record, its id masked.
        record: String,
    },
    /// The masked copy no longer reads as a dataset (a masked text broke an identifier).
    #[error("the dataset with its personal data masked is not a dataset any more: {0}")]
    Masked(#[source] serde_json::Error),
    /// The published log could not be linked.
    #[error("the published log cannot be linked: {0}")]
    Chain(#[source] ChainError),
}

/// `ds` as it may be published — what every open output of `engo publish` is written from,
/// whatever the findings and `--allow-errors` say:
///
/// - every IIN and e-mail address found in its texts masked ([`privacy::mask`]): a privacy
///   finding is not an error a publisher may wave through;
/// - no mediation case and no event of one: mediation is confidential, and the cases are
///   published as [`MediationFigures`] only;
/// - the log linked into one hash chain after these changes ([`engo_stages::chain`]), unless
///   its chain already holds: the chain verifies on the published files, and
///   [`OpenDataset::head`] is its head.
///
/// ```
/// let mut ds = engo::model::example::dataset();
/// let open = engo::open_dataset(&ds)?;
/// assert!(open.masked.is_empty()); // nothing personal: the dataset is published as it is
/// // Its published log is one hash chain; the head is its last event.
/// assert_eq!(open.head.as_ref().map(|h| h.index + 1), Some(open.dataset.events.len()));
///
/// let title = &mut ds.social_orders[0].title;
/// *title = engo::model::LocalizedText::from_kk_ru(
///     "Жобаның жетекшісі: ЖСН 061211600012",
///     "Руководитель проекта: ИИН 061211600012",
/// )?;
/// let open = engo::open_dataset(&ds)?;
/// assert_eq!(open.dataset.social_orders[0].title.get(engo::model::Lang::Ru), "Руководитель проекта: ИИН ••••••••••••");
/// assert_eq!(open.masked.len(), 2); // the Kazakh and the Russian text
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn open_dataset(ds: &Dataset) -> Result<OpenDataset<'_>, OpenError> {
    let mut open = without_personal_data(ds)?;
    // The published log is linked as it is published; a chain that holds is kept as it is.
    open.head = match chain::verify(&open.dataset.events) {
        Ok(head) => head,
        Err(_) => chain::link(&mut open.dataset.to_mut().events).map_err(OpenError::Chain)?,
    };
    Ok(open)
}

/// An event of the log as the open data carry it — what [`open_dataset`] makes of it, one event
/// at a time: `None` for an event of a mediation case (confidential), otherwise the event with
/// every IIN and e-mail address in its reason masked ([`privacy::mask`]).
///
/// A service that keeps its log and announces the head of the *published* log (the portal)
/// links this form as it appends ([`engo_stages::chain::Chain`]): the links it stores in its
/// events then hold on the files [`open_dataset`] writes, so the head it announces is the head
/// that a citizen recomputes from a download.
///
/// ```
/// use chrono::{FixedOffset, TimeZone};
/// use engo::model::{LocalizedText, lifecycle::*};
///
/// let almaty = FixedOffset::east_opt(5 * 3600).ok_or("offset")?;
/// let mut event = EventRecord::new(
///     Machine::Grant,
///     "GR-2025-0042".parse()?,
///     3,
///     almaty.with_ymd_and_hms(2025, 9, 1, 10, 0, 0).single().ok_or("time")?,
///     Actor { role: ActorRole::GrantOperator, org: "990140022513".parse()? },
///     EventKind::Terminate,
///     "kz-2025-07".into(),
/// );
/// event.reason = Some(LocalizedText::from_kk("Жетекші (ЖСН 061211600012) жұмыстан кетті")?);
/// let open = engo::open_event(&event).ok_or("a grant's event is published")?;
/// let reason = open.reason.as_ref().ok_or("a reason")?;
/// assert_eq!(reason.get(engo::model::Lang::Kk), "Жетекші (ЖСН ••••••••••••) жұмыстан кетті");
///
/// event.machine = Machine::MediationCase;
/// assert!(engo::open_event(&event).is_none()); // confidential
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn open_event(event: &EventRecord) -> Option<Cow<'_, EventRecord>> {
    if event.machine == Machine::MediationCase {
        return None;
    }
    let Some(reason) = &event.reason else {
        return Some(Cow::Borrowed(event));
    };
    let masked = |lang: Lang| reason.exact(lang).map(|t| privacy::mask(t));
    let parts = [masked(Lang::Kk), masked(Lang::Ru), masked(Lang::En)];
    if !parts.iter().flatten().any(|p| matches!(p, Cow::Owned(_))) {
        return Some(Cow::Borrowed(event));
    }
    let [kk, ru, en] = parts.map(|p| p.map(Cow::into_owned));
    let mut open = event.clone();
    // A masked text keeps its languages and is never blank: it is a text again.
    open.reason = LocalizedText::from_parts(kk, ru, en).ok();
    Some(Cow::Owned(open))
}

/// `ds` with its personal data masked and without mediation cases (its log not linked yet).
fn without_personal_data(ds: &Dataset) -> Result<OpenDataset<'_>, OpenError> {
    let mediation = MediationFigures::of(ds);
    let personal = privacy::scan(ds);
    let confidential = |ds: &mut Dataset| {
        ds.mediation_cases.clear();
        ds.events.retain(|e| e.machine != Machine::MediationCase);
    };
    if personal.is_empty() {
        let dataset = if ds.mediation_cases.is_empty() {
            Cow::Borrowed(ds)
        } else {
            let mut open = ds.clone();
            confidential(&mut open);
            Cow::Owned(open)
        };
        return Ok(OpenDataset {
            dataset,
            masked: Vec::new(),
            mediation,
            head: None,
        });
    }
    if let Some(id) = personal
        .iter()
        .find(|f| f.code == Code::PrivacyPersonalId && f.path.ends_with("/id"))
    {
        return Err(OpenError::PersonalIdInId {
            path: id.path.clone(),
            record: id
                .record
                .as_ref()
                .map_or_else(String::new, |r| privacy::mask(r.as_str()).into_owned()),
        });
    }
    let mut value = serde_json::to_value(ds).map_err(OpenError::Masked)?;
    let mut masked: Vec<Finding> = Vec::new();
    for finding in personal {
        // One text may have both an IIN and an e-mail address: it is masked once.
        if masked.iter().any(|m| m.path == finding.path) {
            continue;
        }
        let Some(serde_json::Value::String(text)) = value.pointer_mut(&finding.path) else {
            continue;
        };
        if let Cow::Owned(clean) = privacy::mask(text) {
            *text = clean;
            masked.push(Finding::new(
                Code::PrivacyMasked,
                finding.path.clone(),
                finding.record.clone(),
                finding.params.get("field").map(|f| ("field", f.clone())),
            ));
        }
    }
    let mut dataset: Dataset = serde_json::from_value(value).map_err(OpenError::Masked)?;
    confidential(&mut dataset);
    Ok(OpenDataset {
        dataset: Cow::Owned(dataset),
        masked,
        mediation,
        head: None,
    })
}
