//! No personal identifier reaches an open output, even when the data has errors and is
//! published anyway.

use engo::{
    Rules,
    criteria::{Code, Profiles},
    model::Iin,
    sample::{Config, generate},
};

/// Every file under `dir`, recursively.
fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_faulty_sample_published_anyway_carries_no_iin() {
    // A fifth of the records carry a planted fault, IINs in free text among them.
    let sample = generate(&Config::new(0.05, 1, 0.2).unwrap()).unwrap();
    let ds = &sample.dataset;
    let planted = sample
        .faults
        .iter()
        .filter(|f| f.code == Code::PrivacyPersonalId)
        .count();
    assert!(planted > 0, "the sample plants IINs in texts");
    let profiles = Profiles::embedded();
    let rules = Rules::by_date(profiles, ds.published_at.date_naive()).unwrap();
    let report = engo::validate(ds, rules, profiles, []);
    assert!(report.has_errors(), "the faults are errors");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("open-data");
    engo::publish(ds, &report, rules.overall(), &out).unwrap();
    let mut scanned = 0;
    for file in files(&out) {
        let bytes = std::fs::read(&file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let found: Vec<_> = Iin::find_in(&text).map(|(at, _)| at).collect();
        assert!(
            found.is_empty(),
            "{}: IIN-shaped numbers at {found:?}",
            file.display()
        );
        scanned += 1;
    }
    assert!(scanned > 20, "{scanned} files");
    // The report says what was masked, and where.
    let published: engo::criteria::Report =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    let masked = published.group(Code::PrivacyMasked).unwrap();
    assert!(
        masked.count >= planted,
        "{} masked, {planted} planted",
        masked.count
    );
    assert!(masked.findings.iter().all(|f| f.path.starts_with('/')));
}

/// Mediation is confidential (Law on mediation No. 401-IV): the open data carry figures, never a
/// case by its id, parties or subject.
#[test]
fn mediation_cases_are_published_as_figures_only() {
    let mut ds = engo::model::example::dataset();
    ds.events = engo::sample::synthesize(&ds);
    let case = ds.mediation_cases[0].clone();
    assert!(
        ds.events
            .iter()
            .any(|e| e.entity.as_str() == case.id.as_str())
    );
    let profiles = Profiles::embedded();
    let rules = Rules::by_date(profiles, ds.published_at.date_naive()).unwrap();
    let report = engo::validate(&ds, rules, profiles, []);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("open-data");
    engo::publish(&ds, &report, rules.overall(), &out).unwrap();
    let subject = case.subject.get(engo::model::Lang::Ru);
    for file in files(&out) {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        assert!(
            !text.contains(case.id.as_str()),
            "{} names the case",
            file.display()
        );
        assert!(
            !text.contains(subject),
            "{} has the subject",
            file.display()
        );
    }
    let figures: engo::MediationFigures =
        serde_json::from_slice(&std::fs::read(out.join("mediation/figures.json")).unwrap())
            .unwrap();
    assert_eq!(figures.cases.iter().map(|c| c.cases).sum::<usize>(), 1);
    assert_eq!(figures.cases[0].outcome, case.stage);
    let csv = std::fs::read_to_string(out.join("mediation/cases.csv")).unwrap();
    assert!(
        csv.starts_with("year,region,category,outcome,cases\n2025,"),
        "{csv}"
    );
}
