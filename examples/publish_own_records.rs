//! Publish open data from your own records: build a `Dataset` in code, give it its history, check
//! it, and export OCDS and a CSV data package.
//!
//! `cargo run -p engo-examples --example publish_own_records`

use chrono::{FixedOffset, NaiveDate, TimeZone};
use engo::criteria::Profiles;
use engo::export::{ExportSettings, Format};
use engo::model::{
    Bin, Dataset, LocalizedText, Money, Publisher, Quantity,
    lifecycle::{
        MilestoneStage, NgoReportStage, OrganizationStage, ProjectStage, SocialOrderStage,
    },
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
        Publisher::new(
            LocalizedText::from_kk_ru(
                "Алматы қаласы әкімдігінің Жастар саясаты басқармасы",
                "Управление молодёжной политики акимата города Алматы",
            )?,
            akimat.org_id(),
        ),
        published_at,
    );
    // Records are built with `new` from their required fields; the optional ones are set after.
    let mut department = StateBody::new(akimat, ds.publisher.name.clone(), "local".parse()?);
    department.region = Some("750000000".parse()?);
    ds.state_bodies.push(department);

    let mut org = Organization::new(
        ngo,
        LocalizedText::from_kk_ru(
            "«Жастар үні» қоғамдық бірлестігі",
            "Общественное объединение «Голос молодёжи»",
        )?,
        "public_association".parse()?,
        day(1994, 1, 20)?,
        "750000000".parse()?,
        RegistryStatus {
            stage: OrganizationStage::Active,
            since: day(1994, 1, 20)?,
        },
    );
    org.areas.insert("YOUTH".parse()?);
    org.volunteer = true;
    for year in 2022..=2024 {
        let (founders, staff, volunteers) = (5, 3, 20);
        let mut report = DatabaseReport::new(
            year,
            NgoReportStage::Accepted,
            founders,
            IncomeBySource::default(),
            Money::ZERO,
            staff,
            volunteers,
        );
        report.submitted_on = Some(day(year + 1, 3, 1)?);
        org.database_reports.push(report);
    }
    ds.organizations.push(org);

    let period = Period::new(day(2025, 3, 1)?, day(2026, 2, 28)?);
    let title = LocalizedText::from_kk_ru(
        "Жасөспірімдерге арналған медиа-сауаттылық",
        "Медиаграмотность для подростков",
    )?;
    let mut indicator = Indicator::new(
        "IND-1".parse()?,
        LocalizedText::from_kk_ru("Оқытылған жасөспірімдер", "Обучено подростков")?,
        LocalizedText::from_kk_ru("адам", "человек")?,
        Quantity::from_int(400),
    );
    indicator.baseline = Some(Quantity::ZERO);

    let mut order = SocialOrder::new(
        "SO-2025-0042".parse()?,
        akimat,
        2025,
        "YOUTH".parse()?,
        ["750000000".parse()?].into(),
        title.clone(),
        Money::from_tenge(9_500_000)?,
        period,
        SocialOrderStage::InImplementation,
    );
    order.indicators.push(indicator.clone());
    order.procurement = Some(Procurement::new(
        "15500042-1".into(),
        ProcurementMethod::Open,
    ));
    ds.social_orders.push(order);

    let mut project = Project::new(
        "PRJ-SO-2025-0042".parse()?,
        ProjectSource::SocialOrder("SO-2025-0042".parse()?),
        ngo,
        title,
        period,
        Money::from_tenge(9_200_000)?,
        ProjectStage::Active,
    );
    project.regions.insert("750000000".parse()?);
    let mut first_groups = Milestone::new(
        "M1".parse()?,
        LocalizedText::from_kk_ru("Алғашқы топтар", "Первые группы")?,
        MilestoneType::Delivery,
        day(2025, 6, 30)?,
        MilestoneStage::Met,
    );
    first_groups.date_met = Some(day(2025, 6, 25)?);
    project.milestones.push(first_groups);
    project.indicators.push(indicator);
    project.tranches.push(Tranche::new(
        "T1".parse()?,
        day(2025, 3, 15)?,
        Money::from_tenge(2_760_000)?,
        akimat,
        ngo,
    ));
    ds.projects.push(project);

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
