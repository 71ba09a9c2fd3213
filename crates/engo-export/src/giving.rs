//! 360Giving 1.4.3: the grants of a dataset as a 360Giving package.
//!
//! A grant is published once it has a recipient, an amount awarded and an award date (the
//! fields 360Giving requires); earlier grants are plans, not grants. Mapping (see also
//! `open-standards.md` §7.4):
//!
//! | engo | 360Giving |
//! |---|---|
//! | grant id | `id` = `360G-<prefix>-<id>` |
//! | title (in the grant's language) | `title`; `description` = programme, a dash and the title |
//! | amounts | `amountAppliedFor`, `amountAwarded`, `amountDisbursed` (JSON numbers), `currency` `KZT` |
//! | award date, period | `awardDate` (`YYYY-MM-DD`), `plannedDates` (with `duration` in months) |
//! | funder, recipient NGO | `fundingOrganization`, `recipientOrganization` with `KZ-BIN-…` ids — never a `recipientIndividual` |
//! | programme, priority area | `grantProgramme[].title`, `classifications[]` (vocabulary `E-NGO priority areas`) |
//! | regions | `beneficiaryLocation[]` with `geoCode` = KATO, `geoCodeType` `KATO`, `countryCode` `KZ` |
//! | stage history: `start_implementation` (or `sign_agreement`) and `close` events | `actualDates[0].startDate`, `.endDate` |
//! | tranches of the grant's projects | `disbursementTransaction[]` |
//!
//! 360Giving has no language-suffixed fields: text is in the grant's application language,
//! falling back to Russian and Kazakh.

use std::collections::BTreeMap;

use engo_model::{
    Bin, Dataset, LocalizedText,
    lifecycle::{EventKind, EventRecord, Machine},
    record::{Grant, ProjectSource, Tranche},
};

use crate::jtree::J;

/// Settings of the 360Giving publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivingSettings {
    /// The publisher's 360Giving prefix (after `360G-`). The default `engo` is a
    /// **placeholder** until 360Giving registers one for E-NGO.
    pub prefix: String,
    /// `dataSource` of every grant (the portal page of the data).
    pub data_source: String,
    /// Licence URL of the package.
    pub license: String,
}

impl Default for GivingSettings {
    fn default() -> Self {
        GivingSettings {
            prefix: "engo".to_owned(),
            data_source: "https://example.org/e-ngo/open-data".to_owned(),
            license: "https://creativecommons.org/licenses/by/4.0/".to_owned(),
        }
    }
}

/// What the grants need from the rest of the dataset, indexed once.
struct Index<'a> {
    names: BTreeMap<Bin, &'a LocalizedText>,
    events: BTreeMap<&'a str, Vec<&'a EventRecord>>,
    tranches: BTreeMap<&'a str, Vec<&'a Tranche>>,
}

impl<'a> Index<'a> {
    fn new(ds: &'a Dataset) -> Index<'a> {
        let mut names = BTreeMap::new();
        for s in &ds.state_bodies {
            names.insert(s.bin, &s.name);
        }
        for o in &ds.organizations {
            names.insert(o.bin, &o.name);
        }
        let mut events: BTreeMap<&str, Vec<&EventRecord>> = BTreeMap::new();
        for e in ds.events.iter().filter(|e| e.machine == Machine::Grant) {
            events.entry(e.entity.as_str()).or_default().push(e);
        }
        let mut tranches: BTreeMap<&str, Vec<&Tranche>> = BTreeMap::new();
        for p in &ds.projects {
            if let ProjectSource::Grant(g) = &p.source {
                tranches.entry(g.as_str()).or_default().extend(&p.tranches);
            }
        }
        Index {
            names,
            events,
            tranches,
        }
    }
}

fn org(ix: &Index<'_>, bin: Bin, lang: engo_model::Lang) -> J {
    let name: Option<&LocalizedText> = ix.names.get(&bin).copied();
    let name = name
        .map(|n| n.get(lang).to_owned())
        .unwrap_or_else(|| bin.org_id().to_string());
    J::obj()
        .with("id", J::s(bin.org_id().to_string()))
        .with("name", J::s(name))
        .with("addressCountry", J::s("KZ"))
}

/// The 360Giving grant of `g`, or `None` while it is not yet awarded.
fn grant(ds: &Dataset, ix: &Index<'_>, g: &Grant, settings: &GivingSettings) -> Option<J> {
    let recipient = g.recipient?;
    let awarded = g.amount_awarded?;
    let award_date = g.award_date?;
    let lang = g.language;
    let title = g.title.get(lang).to_owned();
    let description = format!("{} — {}", g.programme.get(lang), title);
    let mut j = J::obj()
        .with("id", J::s(format!("360G-{}-{}", settings.prefix, g.id)))
        .with("title", J::s(title))
        .with("description", J::s(description))
        .with("currency", J::s("KZT"))
        .with_opt("amountAppliedFor", g.amount_requested.map(J::money))
        .with("amountAwarded", J::money(awarded));
    if !g.amount_disbursed.is_zero() {
        j.set("amountDisbursed", J::money(g.amount_disbursed));
    }
    j = j
        .with("awardDate", J::s(award_date.to_string()))
        .with(
            "plannedDates",
            J::Arr(vec![
                J::obj()
                    .with("startDate", J::s(g.period.start.to_string()))
                    .with("endDate", J::s(g.period.end.to_string()))
                    .with("duration", J::int(i64::from(g.period.months().max(0)))),
            ]),
        )
        .with(
            "recipientOrganization",
            J::Arr(vec![org(ix, recipient, lang)]),
        )
        .with("fundingOrganization", J::Arr(vec![org(ix, g.funder, lang)]))
        .with(
            "grantProgramme",
            J::Arr(vec![J::obj().with("title", J::s(g.programme.get(lang)))]),
        );
    // Stage history: when the funded project actually started and ended.
    let events = ix.events.get(g.id.as_str());
    let day = |kinds: &[EventKind]| {
        events
            .into_iter()
            .flatten()
            .find(|e| kinds.contains(&e.event))
            .map(|e| J::s(e.at.date_naive().to_string()))
    };
    if let Some(start) = day(&[EventKind::StartImplementation, EventKind::SignAgreement]) {
        j.set(
            "actualDates",
            J::Arr(vec![
                J::obj()
                    .with("startDate", start)
                    .with_opt("endDate", day(&[EventKind::Close])),
            ]),
        );
    }
    let tranches: Vec<J> = ix
        .tranches
        .get(g.id.as_str())
        .into_iter()
        .flatten()
        .map(|t| {
            J::obj()
                .with(
                    "id",
                    J::s(format!("360G-{}-{}-{}", settings.prefix, g.id, t.id)),
                )
                .with("transactionDate", J::s(t.date.to_string()))
                .with("value", J::money(t.amount))
                .with("currency", J::s("KZT"))
        })
        .collect();
    if !tranches.is_empty() {
        j.set("disbursementTransaction", J::Arr(tranches));
    }
    let mut class = J::obj()
        .with("vocabulary", J::s("E-NGO priority areas"))
        .with("code", J::s(g.area.as_str()));
    if let Some(entry) = engo_model::classifier::priority_areas().latest(g.area.as_str()) {
        class.set("title", J::s(entry.name.get(lang)));
    }
    j.set("classifications", J::Arr(vec![class]));
    if !g.regions.is_empty() {
        let locations = g
            .regions
            .iter()
            .map(|k| {
                let name = k
                    .region()
                    .map(|r| r.name.get(lang).to_owned())
                    .unwrap_or_else(|| k.as_str().to_owned());
                J::obj()
                    .with("name", J::s(name))
                    .with("countryCode", J::s("KZ"))
                    .with("geoCode", J::s(k.as_str()))
                    .with("geoCodeType", J::s("KATO"))
            })
            .collect();
        j.set("beneficiaryLocation", J::Arr(locations));
    }
    Some(
        j.with("fromOpenCall", J::s("Yes"))
            .with("dataSource", J::s(&settings.data_source))
            .with("dateModified", J::s(ds.published_at.to_rfc3339())),
    )
}

/// The 360Giving package of the awarded grants of `ds` (pretty JSON text).
pub fn package(ds: &Dataset, settings: &GivingSettings) -> String {
    let ix = Index::new(ds);
    let grants: Vec<J> = ds
        .grants
        .iter()
        .filter_map(|g| grant(ds, &ix, g, settings))
        .collect();
    let publisher = J::obj()
        .with("name", J::s(ds.publisher.name.get(engo_model::Lang::Ru)))
        .with("identifier", J::s(ds.publisher.org_id.to_string()));
    J::obj()
        .with("version", J::s("1.4"))
        .with("title", J::s("E-NGO grants"))
        .with("issued", J::s(ds.published_at.to_rfc3339()))
        .with("publisher", publisher)
        .with("license", J::s(&settings.license))
        .with("grants", J::Arr(grants))
        .to_pretty()
}

/// Each awarded grant of `ds` as its own pretty JSON document (for validation grant by grant).
pub fn grants(ds: &Dataset, settings: &GivingSettings) -> Vec<String> {
    let ix = Index::new(ds);
    ds.grants
        .iter()
        .filter_map(|g| grant(ds, &ix, g, settings))
        .map(|g| g.to_pretty())
        .collect()
}
