//! What the standards' validators check, checked here too (the validators themselves run in
//! `conformance/run`).

use serde_json::Value;

use engo_export::{giving::GivingSettings, ocds::OcdsSettings};
use engo_model::Dataset;

use crate::fixture;

fn release_package(ds: &Dataset, s: &OcdsSettings) -> String {
    let bytes = engo_export::ocds::write_release_package(ds, s, Vec::new()).unwrap();
    String::from_utf8(bytes).unwrap()
}

fn record_package(ds: &Dataset, s: &OcdsSettings) -> String {
    let bytes = engo_export::ocds::write_record_package(ds, s, Vec::new()).unwrap();
    String::from_utf8(bytes).unwrap()
}

fn giving_package(ds: &Dataset, s: &GivingSettings) -> String {
    let bytes = engo_export::giving::write_package(ds, s, Vec::new()).unwrap();
    String::from_utf8(bytes).unwrap()
}

fn ocds() -> (Value, Value) {
    let ds = fixture::rich();
    let s = OcdsSettings::default();
    (
        serde_json::from_str(&release_package(&ds, &s)).unwrap(),
        serde_json::from_str(&record_package(&ds, &s)).unwrap(),
    )
}

const TAGS: &[&str] = &[
    "planning",
    "planningUpdate",
    "tender",
    "tenderAmendment",
    "tenderUpdate",
    "tenderCancellation",
    "award",
    "awardUpdate",
    "awardCancellation",
    "contract",
    "contractUpdate",
    "contractAmendment",
    "implementation",
    "implementationUpdate",
    "contractTermination",
];

#[test]
fn releases_follow_the_stage_history() {
    let (rp, _) = ocds();
    let releases = rp["releases"].as_array().unwrap();
    assert!(releases.len() > 10, "{}", releases.len());
    let mut seen = std::collections::BTreeSet::new();
    let mut ids = std::collections::BTreeSet::new();
    for r in releases {
        let ocid = r["ocid"].as_str().unwrap();
        assert!(ocid.starts_with("ocds-engo00-"), "{ocid}");
        assert!(
            ids.insert(r["id"].as_str().unwrap().to_owned()),
            "duplicate id"
        );
        for t in r["tag"].as_array().unwrap() {
            let t = t.as_str().unwrap();
            assert!(TAGS.contains(&t), "{t}");
            seen.insert(t.to_owned());
        }
        assert_eq!(r["initiationType"], "tender");
        for p in r["parties"].as_array().unwrap() {
            assert!(p["id"].as_str().unwrap().starts_with("KZ-BIN-"));
            assert_eq!(p["identifier"]["scheme"], "KZ-BIN");
        }
        assert!(r["planning"]["budget"]["amount"]["amount"].is_number());
        assert_eq!(r["planning"]["budget"]["amount"]["currency"], "KZT");
    }
    for t in [
        "planning",
        "tender",
        "tenderUpdate",
        "award",
        "contract",
        "implementation",
        "implementationUpdate",
    ] {
        assert!(seen.contains(t), "no {t} release in {seen:?}");
    }
    let tender = releases
        .iter()
        .find(|r| r["tag"][0] == "tender")
        .map(|r| &r["tender"])
        .unwrap();
    assert!(
        tender["title_kk"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| "әғқңөұүһі".contains(c))
    );
    assert!(tender["title_ru"].is_string());
}

#[test]
fn implementation_has_milestones_transactions_and_metrics() {
    let (_, rec) = ocds();
    let records = rec["records"].as_array().unwrap();
    assert_eq!(records.len(), fixture::rich().social_orders.len());
    let c = &records[0]["compiledRelease"];
    assert_eq!(c["tag"], serde_json::json!(["compiled"]));
    let contract = &c["contracts"][0];
    let imp = &contract["implementation"];
    assert!(!imp["milestones"].as_array().unwrap().is_empty());
    assert!(imp["transactions"][0]["value"]["amount"].is_number());
    assert!(!contract["agreedMetrics"].as_array().unwrap().is_empty());
    for m in imp["milestones"].as_array().unwrap() {
        let met = matches!(m["status"].as_str(), Some("met" | "partiallyMet"));
        assert_eq!(met, m.get("dateMet").is_some(), "{m}");
    }
}

/// What red-flag tools read: the application window, the applications as bids (with the
/// winner's bid named by the award) and the priority area as the item's classification.
#[test]
fn tender_period_bids_and_item_classification() {
    let ds = fixture::rich();
    let (rp, rec) = ocds();
    let packages = [&rp, &rec];
    for p in packages {
        let ext = p["extensions"].as_array().unwrap();
        assert!(ext.contains(&Value::from(engo_export::ocds::BIDS_EXTENSION)));
    }
    let c = &rec["records"][0]["compiledRelease"];
    let order = &ds.social_orders[0];
    let period = &c["tender"]["tenderPeriod"];
    let start = period["startDate"].as_str().unwrap();
    let end = period["endDate"].as_str().unwrap();
    assert!(start < end, "{period}");
    let event_at = |kind: &str| {
        ds.events
            .iter()
            .find(|e| e.entity.as_str() == order.id.as_str() && e.event.as_str() == kind)
            .map(|e| e.at.to_rfc3339())
    };
    assert_eq!(Some(start.to_owned()), event_at("announce"));
    assert_eq!(Some(end.to_owned()), event_at("open_bid_review"));

    let item = &c["tender"]["items"][0];
    assert_eq!(item["classification"]["scheme"], "engo-priority-area");
    assert_eq!(item["classification"]["id"], order.area.as_str());
    assert!(item["classification"]["description"].is_string());

    let bids = c["bids"]["details"].as_array().unwrap();
    let applications: Vec<_> = ds
        .applications
        .iter()
        .filter(|a| {
            a.target == engo_model::record::ApplicationTarget::SocialOrder(order.id.clone())
        })
        .collect();
    assert_eq!(bids.len(), applications.len());
    for (bid, a) in bids.iter().zip(&applications) {
        assert_eq!(bid["id"], a.id.as_str());
        assert_eq!(bid["tenderers"][0]["id"], a.applicant.org_id().to_string());
        assert!(bid["value"]["amount"].is_number());
        let status = bid["status"].as_str().unwrap();
        assert!(["pending", "valid", "disqualified", "withdrawn"].contains(&status));
    }
    let winner = applications
        .iter()
        .find(|a| a.stage == engo_model::lifecycle::ApplicationStage::Winner)
        .unwrap();
    assert_eq!(c["awards"][0]["relatedBid"], winner.id.as_str());
    // A release before any application has no bids; the tender release has the window open.
    let releases = rp["releases"].as_array().unwrap();
    let tender = releases
        .iter()
        .find(|r| r["ocid"] == c["ocid"] && r["tag"][0] == "tender")
        .unwrap();
    assert!(tender.get("bids").is_none(), "{tender}");
    assert!(tender["tender"]["tenderPeriod"].get("endDate").is_none());
}

#[test]
fn amounts_are_exact_json_numbers() {
    let mut ds = fixture::rich();
    ds.social_orders[0].budget = "12345678901234.57".parse().unwrap();
    let text = release_package(&ds, &Default::default());
    assert!(text.contains("\"amount\": 12345678901234.57"));
    assert!(
        text.contains("\"amount\": 8500000,"),
        "whole tenge without a fraction"
    );
}

#[test]
fn giving_grants_are_360giving_shaped() {
    let ds = fixture::rich();
    let pkg: Value = serde_json::from_str(&giving_package(&ds, &Default::default())).unwrap();
    let grants = pkg["grants"].as_array().unwrap();
    assert!(!grants.is_empty());
    for g in grants {
        assert!(g["id"].as_str().unwrap().starts_with("360G-engo-"));
        assert_eq!(g["currency"], "KZT");
        assert!(g["amountAwarded"].is_number());
        assert!(g.get("recipientIndividual").is_none());
        assert!(
            g["recipientOrganization"][0]["id"]
                .as_str()
                .unwrap()
                .starts_with("KZ-BIN-")
        );
        assert!(
            g["fundingOrganization"][0]["id"]
                .as_str()
                .unwrap()
                .starts_with("KZ-BIN-")
        );
        assert_ne!(g["title"], g["description"]);
        let loc = &g["beneficiaryLocation"][0];
        assert_eq!(loc["geoCodeType"], "KATO");
        assert_eq!(loc["geoCode"].as_str().unwrap().len(), 9);
    }
}

#[test]
fn xsd_is_generated_and_matches_the_document() {
    let xsd = engo_export::xml::xsd().unwrap();
    assert!(xsd.contains("targetNamespace=\"urn:engo:dataset:1\""));
    assert!(xsd.contains("<xs:attribute ref=\"xml:lang\" use=\"required\"/>"));
    let x =
        String::from_utf8(engo_export::xml::write(&fixture::rich(), Vec::new()).unwrap()).unwrap();
    assert!(x.contains("<text xml:lang=\"kk\">"));
    assert!(x.contains("<events>"));
}

#[test]
fn data_package_is_in_the_v1_v2_subset() {
    let ds = fixture::rich();
    let dir = tempfile::tempdir().unwrap();
    engo_export::csv::write(&ds, dir.path(), &Default::default()).unwrap();
    let d: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("datapackage.json")).unwrap(),
    )
    .unwrap();
    assert!(d.get("$schema").is_none());
    let names: Vec<&str> = d["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    for t in [
        "organizations",
        "state_bodies",
        "social_orders",
        "grants",
        "awards",
        "applications",
        "application_budget_lines",
        "application_scores",
        "evaluations",
        "experts",
        "projects",
        "project_milestones",
        "project_indicators",
        "project_indicator_actuals",
        "project_reports",
        "project_tranches",
        "events",
        "organization_database_reports",
        "organization_disqualifications",
        "organization_areas",
        "social_order_regions",
    ] {
        assert!(names.contains(&t), "no table {t}");
    }
    for r in d["resources"].as_array().unwrap() {
        let s = &r["schema"];
        if let Some(pk) = s.get("primaryKey") {
            assert!(pk.is_array());
        }
        for fk in s["foreignKeys"].as_array().into_iter().flatten() {
            assert!(fk["fields"].is_array());
            assert!(fk["reference"]["resource"].is_string());
        }
        for f in s["fields"].as_array().unwrap() {
            let n = f["name"].as_str().unwrap();
            if n == "id" || n == "bin" || n.ends_with("_id") {
                assert_eq!(f["type"], "string", "{n}");
            }
        }
    }
    let events = std::fs::read_to_string(dir.path().join("events.csv")).unwrap();
    assert_eq!(events.lines().count(), 1 + ds.events.len());
    assert!(events.contains("\r\n"));
    let orgs = std::fs::read_to_string(dir.path().join("organizations.csv")).unwrap();
    assert!(
        orgs.lines()
            .next()
            .unwrap()
            .contains("name_kk,name_ru,name_en")
    );
}

fn check_release(r: &Value, ids: &mut std::collections::BTreeSet<String>) {
    assert!(
        ids.insert(r["id"].as_str().unwrap().to_owned()),
        "duplicate release id {}",
        r["id"]
    );
    let parties: Vec<&str> = r["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let refs = |v: &Value| -> Vec<String> {
        match v {
            Value::Array(a) => a
                .iter()
                .map(|x| x["id"].as_str().unwrap().to_owned())
                .collect(),
            Value::Object(_) => vec![v["id"].as_str().unwrap().to_owned()],
            _ => vec![],
        }
    };
    let mut referenced = refs(&r["buyer"]);
    referenced.extend(refs(&r["tender"]["procuringEntity"]));
    referenced.extend(refs(&r["tender"]["tenderers"]));
    for a in r["awards"].as_array().into_iter().flatten() {
        referenced.extend(refs(&a["suppliers"]));
        assert!(
            ["pending", "active", "cancelled", "unsuccessful"]
                .contains(&a["status"].as_str().unwrap())
        );
    }
    let award_ids: Vec<&Value> = r["awards"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| &a["id"])
        .collect();
    for c in r["contracts"].as_array().into_iter().flatten() {
        assert!(
            award_ids.contains(&&c["awardID"]),
            "contract without its award"
        );
        assert!(
            ["pending", "active", "cancelled", "terminated"]
                .contains(&c["status"].as_str().unwrap())
        );
        for t in c["implementation"]["transactions"]
            .as_array()
            .into_iter()
            .flatten()
        {
            referenced.extend(refs(&t["payer"]));
            referenced.extend(refs(&t["payee"]));
            assert!(t["value"]["amount"].is_number());
        }
        for m in c["implementation"]["milestones"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let s = m["status"].as_str().unwrap();
            assert!(["scheduled", "met", "notMet", "partiallyMet"].contains(&s));
            assert_eq!(
                matches!(s, "met" | "partiallyMet"),
                m.get("dateMet").is_some()
            );
        }
        for m in c["implementation"]["metrics"]
            .as_array()
            .into_iter()
            .flatten()
        {
            assert!(!m["observations"].as_array().unwrap().is_empty());
        }
    }
    if let Some(s) = r["tender"]["status"].as_str() {
        assert!(
            [
                "planning",
                "planned",
                "active",
                "cancelled",
                "unsuccessful",
                "complete",
                "withdrawn"
            ]
            .contains(&s)
        );
    }
    for id in referenced {
        assert!(
            parties.contains(&id.as_str()),
            "{id} is not a party of {}",
            r["id"]
        );
    }
    for t in r["tag"].as_array().unwrap() {
        let t = t.as_str().unwrap();
        assert!(TAGS.contains(&t) || t == "compiled", "{t}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 24, ..Default::default() })]

    #[test]
    fn generated_ocds_and_360giving_are_coherent(ds in fixture::datasets()) {
        let s = OcdsSettings::default();
        let rp: Value = serde_json::from_str(&release_package(&ds, &s)).unwrap();
        let mut ids = std::collections::BTreeSet::new();
        for r in rp["releases"].as_array().unwrap() {
            check_release(r, &mut ids);
        }
        let rec: Value = serde_json::from_str(&record_package(&ds, &s)).unwrap();
        let records = rec["records"].as_array().unwrap();
        proptest::prop_assert_eq!(records.len(), ds.social_orders.len());
        let mut ids = std::collections::BTreeSet::new();
        for r in records {
            check_release(&r["compiledRelease"], &mut ids);
            proptest::prop_assert!(!r["releases"].as_array().unwrap().is_empty());
        }
        let pkg: Value =
            serde_json::from_str(&giving_package(&ds, &Default::default())).unwrap();
        let mut gids = std::collections::BTreeSet::new();
        for g in pkg["grants"].as_array().unwrap() {
            proptest::prop_assert!(gids.insert(g["id"].as_str().unwrap().to_owned()));
            proptest::prop_assert!(g["amountAwarded"].is_number());
            proptest::prop_assert!(g.get("recipientIndividual").is_none());
            proptest::prop_assert_ne!(&g["title"], &g["description"]);
        }
    }
}

/// A social order taken over from an earlier register publishes one release at its import,
/// marked `-import`, tagged with every stage it passed before the log begins.
#[test]
fn an_imported_order_publishes_one_release_marked_import() {
    let ds = engo_model::example::dataset();
    let rp: Value = serde_json::from_str(&release_package(&ds, &OcdsSettings::default())).unwrap();
    let releases = rp["releases"].as_array().unwrap();
    let imported: Vec<&Value> = releases
        .iter()
        .filter(|r| r["id"].as_str().unwrap().ends_with("-import"))
        .collect();
    // Of the two orders (SO-2025-0001 in implementation, SO-2024-0007 evaluated), their
    // projects and the milestones past `scheduled`: 2 + 2 + 3; M3, still scheduled, publishes
    // nothing.
    assert_eq!(imported.len(), 7, "{imported:#?}");
    let running = imported
        .iter()
        .find(|r| r["id"] == "ocds-engo00-SO-2025-0001-social_order-SO-2025-0001-1-import")
        .unwrap();
    let tags: Vec<&str> = running["tag"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    for t in ["tender", "award", "contract"] {
        assert!(tags.contains(&t), "{tags:?}");
    }
    assert_eq!(running["date"], "2025-11-01T09:00:00+05:00");
}
