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

use std::{fmt, io::Write};

use engo_model::{
    Bin, Dataset, DatasetIndex, Kato, Lang, OrgId,
    id::{GrantId, TrancheId},
    lifecycle::{EventKind, Machine},
    record::Grant,
};
use serde::{Serialize, Serializer, ser::SerializeSeq};

use crate::{
    WriteError,
    pretty::{MoneyNumber, OrgName, Timestamp, serialize_as_text, write_pretty},
};

/// Writes the 360Giving package of the awarded grants of `ds` into `out` (pretty JSON and a
/// final newline), grant by grant, in blocks of 64 KiB.
///
/// ```
/// use engo_export::giving::{self, GivingSettings};
///
/// let ds = engo_model::example::dataset();
/// let bytes = giving::write_package(&ds, &GivingSettings::default(), Vec::new())?;
/// let package: serde_json::Value = serde_json::from_slice(&bytes)?;
/// assert_eq!(package["version"], "1.4");
/// assert!(package["grants"].is_array());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_package<W: Write>(
    ds: &Dataset,
    settings: &GivingSettings,
    out: W,
) -> Result<W, WriteError> {
    let package = Package {
        version: "1.4",
        title: "E-NGO grants",
        issued: Timestamp(ds.published_at),
        publisher: Publisher {
            name: ds.publisher.name.get(Lang::Ru),
            identifier: ds.publisher.org_id,
        },
        license: &settings.license,
        grants: Grants(Index::new(ds, settings)),
    };
    write_pretty(out, &package, "the 360Giving package")
}

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
    /// The sample's settings ([`crate::publication::Publication::sample`]).
    fn default() -> Self {
        crate::publication::Publication::sample().giving_settings()
    }
}

/// What the grants need from the rest of the dataset, indexed once.
struct Index<'a> {
    ds: &'a Dataset,
    settings: &'a GivingSettings,
    /// Names by BIN, a grant's events and projects.
    index: DatasetIndex,
}

impl<'a> Index<'a> {
    fn new(ds: &'a Dataset, settings: &'a GivingSettings) -> Index<'a> {
        Index {
            ds,
            settings,
            index: DatasetIndex::new(ds),
        }
    }
}

/// The 360Giving package.
#[derive(Serialize)]
struct Package<'a> {
    version: &'static str,
    title: &'static str,
    issued: Timestamp,
    publisher: Publisher<'a>,
    license: &'a str,
    grants: Grants<'a>,
}

/// The publisher of the package.
#[derive(Serialize)]
struct Publisher<'a> {
    name: &'a str,
    identifier: OrgId,
}

/// The awarded grants, built and written one at a time.
struct Grants<'a>(Index<'a>);

impl Serialize for Grants<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for grant in self.0.ds.grants.iter().filter_map(|g| self.0.grant(g)) {
            seq.serialize_element(&grant)?;
        }
        seq.end()
    }
}

/// A grant of the package.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GivingGrant<'a> {
    id: GivingId<'a>,
    title: &'a str,
    description: Description<'a>,
    currency: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount_applied_for: Option<MoneyNumber>,
    amount_awarded: MoneyNumber,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount_disbursed: Option<MoneyNumber>,
    award_date: Day,
    planned_dates: [PlannedDates; 1],
    recipient_organization: [Organization<'a>; 1],
    funding_organization: [Organization<'a>; 1],
    grant_programme: [Programme<'a>; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    actual_dates: Option<[ActualDates; 1]>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    disbursement_transaction: Vec<Disbursement<'a>>,
    classifications: [Classification<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    beneficiary_location: Vec<Location<'a>>,
    from_open_call: &'static str,
    data_source: &'a str,
    date_modified: Timestamp,
}

/// `360G-<prefix>-<grant>`, and `-<tranche>` for a disbursement.
#[derive(Clone, Copy)]
struct GivingId<'a> {
    prefix: &'a str,
    grant: &'a GrantId,
    tranche: Option<&'a TrancheId>,
}

impl fmt::Display for GivingId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "360G-{}-{}", self.prefix, self.grant)?;
        match self.tranche {
            Some(t) => write!(f, "-{t}"),
            None => Ok(()),
        }
    }
}

/// The programme, a dash and the title.
#[derive(Clone, Copy)]
struct Description<'a> {
    programme: &'a str,
    title: &'a str,
}

impl fmt::Display for Description<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} — {}", self.programme, self.title)
    }
}

/// A day, `YYYY-MM-DD`.
#[derive(Clone, Copy)]
struct Day(chrono::NaiveDate);

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

serialize_as_text!(GivingId<'_>, Description<'_>, Day);

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlannedDates {
    start_date: Day,
    end_date: Day,
    duration: i64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ActualDates {
    start_date: Day,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Day>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Organization<'a> {
    id: OrgId,
    name: OrgName<'a>,
    address_country: &'static str,
}

#[derive(Serialize)]
struct Programme<'a> {
    title: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Disbursement<'a> {
    id: GivingId<'a>,
    transaction_date: Day,
    value: MoneyNumber,
    currency: &'static str,
}

#[derive(Serialize)]
struct Classification<'a> {
    vocabulary: &'static str,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    name: &'a str,
    country_code: &'static str,
    geo_code: &'a str,
    geo_code_type: &'static str,
}

impl<'a> Index<'a> {
    fn organization(&self, bin: Bin, lang: Lang) -> Organization<'a> {
        Organization {
            id: bin.org_id(),
            name: OrgName::of(self.index.name_of(self.ds, bin.as_str()), bin, lang),
            address_country: "KZ",
        }
    }

    /// The 360Giving grant of `g`, or `None` while it is not yet awarded.
    fn grant(&self, g: &'a Grant) -> Option<GivingGrant<'a>> {
        let recipient = g.recipient?;
        let awarded = g.amount_awarded?;
        let award_date = g.award_date?;
        let lang = g.language;
        let prefix = self.settings.prefix.as_str();
        let title = g.title.get(lang);
        // Stage history: when the funded project actually started and ended.
        let day = |kinds: &[EventKind]| {
            self.index
                .events_of(self.ds, Machine::Grant, g.id.as_str())
                .find(|e| kinds.contains(&e.event))
                .map(|e| Day(e.at.date_naive()))
        };
        let actual_dates =
            day(&[EventKind::StartImplementation, EventKind::SignAgreement]).map(|start| {
                [ActualDates {
                    start_date: start,
                    end_date: day(&[EventKind::Close]),
                }]
            });
        let tranches = self
            .index
            .projects_of_grant(self.ds, g.id.as_str())
            .flat_map(|p| &p.tranches);
        let area = engo_model::classifier::priority_areas().latest(g.area.as_str());
        Some(GivingGrant {
            id: GivingId {
                prefix,
                grant: &g.id,
                tranche: None,
            },
            title,
            description: Description {
                programme: g.programme.get(lang),
                title,
            },
            currency: "KZT",
            amount_applied_for: g.amount_requested.map(MoneyNumber),
            amount_awarded: MoneyNumber(awarded),
            amount_disbursed: (!g.amount_disbursed.is_zero())
                .then_some(MoneyNumber(g.amount_disbursed)),
            award_date: Day(award_date),
            planned_dates: [PlannedDates {
                start_date: Day(g.period.start),
                end_date: Day(g.period.end),
                duration: i64::from(g.period.months().max(0)),
            }],
            recipient_organization: [self.organization(recipient, lang)],
            funding_organization: [self.organization(g.funder, lang)],
            grant_programme: [Programme {
                title: g.programme.get(lang),
            }],
            actual_dates,
            disbursement_transaction: tranches
                .map(|t| Disbursement {
                    id: GivingId {
                        prefix,
                        grant: &g.id,
                        tranche: Some(&t.id),
                    },
                    transaction_date: Day(t.date),
                    value: MoneyNumber(t.amount),
                    currency: "KZT",
                })
                .collect(),
            classifications: [Classification {
                vocabulary: "E-NGO priority areas",
                code: g.area.as_str(),
                title: area.map(|entry| entry.name.get(lang)),
            }],
            beneficiary_location: g.regions.iter().map(|k| location(k, lang)).collect(),
            from_open_call: "Yes",
            data_source: &self.settings.data_source,
            date_modified: Timestamp(self.ds.published_at),
        })
    }
}

/// A region where the grant's beneficiaries are, by its KATO code.
fn location(kato: &Kato, lang: Lang) -> Location<'_> {
    Location {
        name: kato.region().map_or(kato.as_str(), |r| r.name.get(lang)),
        country_code: "KZ",
        geo_code: kato.as_str(),
        geo_code_type: "KATO",
    }
}
