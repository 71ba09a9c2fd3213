//! No personal identifier, and no e-mail address in a text, reaches an open output, even when
//! the data has errors and is published anyway.

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

/// Whether the digits at `at` are part of a SHA-256 hash written in hex (a hash of the linked
/// log, `prev_hash` or the head): 64 hex digits may hold a run of twelve decimal ones that reads
/// as an IIN, by chance, and it is no personal data.
fn in_hash(bytes: &[u8], at: usize) -> bool {
    let hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
    let before = bytes[..at].iter().rev().take_while(|b| hex(b)).count();
    let after = bytes[at..].iter().take_while(|b| hex(b)).count();
    before + after == 64
}

#[test]
fn a_faulty_sample_published_anyway_carries_no_personal_data() {
    // A fifth of the records carry a planted fault, IINs and e-mail addresses in free text
    // among them.
    let sample = generate(&Config::new(0.05, 1, 0.2).unwrap()).unwrap();
    let ds = &sample.dataset;
    let planted_in = |code: Code| sample.faults.iter().filter(|f| f.code == code).count();
    let planted = planted_in(Code::PrivacyPersonalId) + planted_in(Code::PrivacyEmailInText);
    assert!(
        planted_in(Code::PrivacyPersonalId) > 0 && planted_in(Code::PrivacyEmailInText) > 0,
        "the sample plants IINs and e-mail addresses in texts"
    );
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
        let found: Vec<_> = Iin::find_in(&text)
            .map(|(at, _)| at)
            .filter(|at| !in_hash(&bytes, *at))
            .collect();
        assert!(
            found.is_empty(),
            "{}: IIN-shaped numbers at {found:?}",
            file.display()
        );
        // The planted e-mail addresses are of the domain reserved for examples.
        assert!(
            !text.contains("@example.org"),
            "{}: an e-mail address in a text",
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
