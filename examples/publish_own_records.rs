//! Publish open data from your own records: build a `Dataset` in code, give it its history, check
//! it, and export OCDS and a CSV data package.
//!
//! `cargo run -p engo-examples --example publish_own_records`

use chrono::{FixedOffset, NaiveDate, TimeZone};
use engo::criteria::Profiles;
use engo::export::{ExportSettings, Format};
use engo::model::{
    Bin, Dataset, LocalizedText, Money, Publisher, Quantity,
    lifecycle::{OrganizationStage, ProjectStage, SocialOrderStage},
    record::*,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    let almaty = FixedOffset::east_opt(5 * 3600).ok_or("offset")?;

    // Who publishes: an akimat's department, by its BIN (check digit verified on parse).
    let akimat: Bin = "990140022513".parse()?;
    let ngo: Bin = "940140000385".parse()?;
    let published_at = almaty
        .with_ymd_and_hms(2025, 12, 1, 9, 0, 0)
        .single()
        .ok_or("time")?;
    let mut ds = Dataset::new(
        Publisher {
            name: LocalizedText::from_kk_ru(
                "Алматы қаласы әкімдігінің Жастар саясаты басқармасы",
                "Управление молодёжной политики акимата города Алматы",
            )?,
            org_id: akimat.org_id(),
        },
        published_at,
    );
    ds.state_bodies.push(StateBody {
        bin: akimat,
        name: ds.publisher.name.clone(),
        level: "local".parse()?,
        region: Some("750000000".parse()?),
        grant_operator: false,
    });
    ds.organizations.push(Organization {
        bin: ngo,
        name: LocalizedText::from_kk_ru(
            "«Жастар үні» қоғамдық бірлестігі",
            "Общественное объединение «Голос молодёжи»",
        )?,
        legal_form: "public_association".parse()?,
        registered_on: day(1994, 1, 20)?,
        region: "750000000".parse()?,
        areas: ["YOUTH".parse()?].into(),
        status: RegistryStatus {
            stage: OrganizationStage::Active,
            since: day(1994, 1, 20)?,
        },
        charitable: false,
        volunteer: true,
        website: None,
        email: None,
        database_reports: (2022..=2024)
            .map(
                |year| -> Result<DatabaseReport, Box<dyn std::error::Error>> {
                    Ok(DatabaseReport {
                        year,
                        submitted_on: Some(day(year + 1, 3, 1)?),
                        stage: engo::model::lifecycle::NgoReportStage::Accepted,
                        founders: 5,
                        income: IncomeBySource::default(),
                        spending: Money::ZERO,
                        staff: 3,
                        volunteers: 20,
                    })
                },
            )
            .collect::<Result<_, _>>()?,
        disqualifications: vec![],
    });
    let period = Period::new(day(2025, 3, 1)?, day(2026, 2, 28)?);
    let title = LocalizedText::from_kk_ru(
        "Жасөспірімдерге арналған медиа-сауаттылық",
        "Медиаграмотность для подростков",
    )?;
    let indicator = Indicator {
        id: "IND-1".parse()?,
        title: LocalizedText::from_kk_ru("Оқытылған жасөспірімдер", "Обучено подростков")?,
        unit: LocalizedText::from_kk_ru("адам", "человек")?,
        baseline: Some(Quantity::ZERO),
        target: Quantity::from_int(400),
        actuals: vec![],
    };
    ds.social_orders.push(SocialOrder {
        id: "SO-2025-0042".parse()?,
        customer: akimat,
        financial_year: 2025,
        area: "YOUTH".parse()?,
        regions: ["750000000".parse()?].into(),
        title: title.clone(),
        description: None,
        budget: Money::from_tenge(9_500_000)?,
        period,
        indicators: vec![indicator.clone()],
        procurement: Some(Procurement {
            announcement: "15500042-1".into(),
            method: ProcurementMethod::Open,
        }),
        stage: SocialOrderStage::InImplementation,
    });
    ds.projects.push(Project {
        id: "PRJ-SO-2025-0042".parse()?,
        source: ProjectSource::SocialOrder("SO-2025-0042".parse()?),
        implementer: ngo,
        title,
        period,
        budget: Money::from_tenge(9_200_000)?,
        regions: ["750000000".parse()?].into(),
        milestones: vec![Milestone {
            id: "M1".parse()?,
            title: LocalizedText::from_kk_ru("Алғашқы топтар", "Первые группы")?,
            kind: MilestoneType::Delivery,
            due_date: day(2025, 6, 30)?,
            status: engo::model::lifecycle::MilestoneStage::Met,
            date_met: Some(day(2025, 6, 25)?),
        }],
        indicators: vec![indicator],
        reports: vec![],
        tranches: vec![Tranche {
            id: "T1".parse()?,
            date: day(2025, 3, 15)?,
            amount: Money::from_tenge(2_760_000)?,
            payer: akimat,
            payee: ngo,
            milestone: None,
        }],
        stage: ProjectStage::Active,
    });

    // The history of every record (in a real portal the log is kept as events happen).
    ds.events = engo::sample::synthesize(&ds);

    // Check before publishing: shape, criteria, coherence, privacy and the replay of the log.
    // Each record by the criteria in force on its own date.
    let profiles = Profiles::embedded();
    let rules = engo::Rules::by_date(profiles, published_at.date_naive()).ok_or("no criteria")?;
    let report = engo::validate(&ds, rules, profiles, []);
    println!("{}", report.to_text(engo::model::Lang::Ru, 5));
    if report.has_errors() {
        return Err("the dataset has errors".into());
    }

    // OCDS and the CSV data package, written aside and renamed into place.
    let out = tempfile::tempdir()?;
    let dir = out.path().join("open-data");
    let settings = ExportSettings {
        formats: vec![Format::Ocds, Format::Csv],
        ..Default::default()
    };
    engo::export::export(&ds, &dir, &settings)?;
    let releases: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("ocds/release-package.json"))?)?;
    println!(
        "OCDS: {} releases",
        releases
            .get("releases")
            .and_then(|r| r.as_array())
            .map_or(0, Vec::len)
    );
    let mut tables: Vec<_> = std::fs::read_dir(dir.join("csv"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    tables.sort();
    for path in tables {
        let rows = std::fs::read_to_string(&path)?
            .lines()
            .count()
            .saturating_sub(1);
        if rows > 0 {
            println!(
                "csv/{}: {rows} rows",
                path.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            );
        }
    }
    assert!(dir.join("datapackage.json").is_file());
    Ok(())
}
