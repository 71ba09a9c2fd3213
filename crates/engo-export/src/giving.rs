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
//!
//! 360Giving has no language-suffixed fields: text is in the grant's application language,
//! falling back to Russian and Kazakh.

use engo_model::{Bin, Dataset, LocalizedText, record::Grant};

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

fn org(ds: &Dataset, bin: Bin, lang: engo_model::Lang) -> J {
    let name: Option<&LocalizedText> = ds
        .organizations
        .iter()
        .find(|o| o.bin == bin)
        .map(|o| &o.name)
        .or_else(|| {
            ds.state_bodies
                .iter()
                .find(|s| s.bin == bin)
                .map(|s| &s.name)
        });
    let name = name
        .map(|n| n.get(lang).to_owned())
        .unwrap_or_else(|| bin.org_id().to_string());
    J::obj()
        .with("id", J::s(bin.org_id().to_string()))
        .with("name", J::s(name))
        .with("addressCountry", J::s("KZ"))
}

/// The 360Giving grant of `g`, or `None` while it is not yet awarded.
fn grant(ds: &Dataset, g: &Grant, settings: &GivingSettings) -> Option<J> {
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
            J::Arr(vec![org(ds, recipient, lang)]),
        )
        .with("fundingOrganization", J::Arr(vec![org(ds, g.funder, lang)]))
        .with(
            "grantProgramme",
            J::Arr(vec![J::obj().with("title", J::s(g.programme.get(lang)))]),
        );
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
    let grants: Vec<J> = ds
        .grants
        .iter()
        .filter_map(|g| grant(ds, g, settings))
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
    ds.grants
        .iter()
        .filter_map(|g| grant(ds, g, settings))
        .map(|g| g.to_pretty())
        .collect()
}
