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

/// A log linked event by event in its open form (`open_event`, as the portal links its log as
/// it appends) carries the chain that `open_dataset` publishes: the same links and the same
/// head, mediation events and masked reasons included.
#[test]
fn a_log_linked_in_its_open_form_is_the_published_chain() {
    use engo::stages::chain::Chain;
    let mut ds = engo::model::example::dataset();
    ds.events = engo::sample::synthesize(&ds);
    let reason = engo::model::LocalizedText::from_kk_ru(
        "Жетекшінің ЖСН 061211600012 қате көрсетілген",
        "ИИН руководителя 061211600012 указан неверно",
    )
    .unwrap();
    let personal = ds
        .events
        .iter()
        .position(|e| e.machine != engo::model::lifecycle::Machine::MediationCase)
        .unwrap();
    ds.events[personal].reason = Some(reason);
    assert!(
        ds.events
            .iter()
            .any(|e| e.machine == engo::model::lifecycle::Machine::MediationCase)
    );

    // What a service stores: each event with its link in the open chain (none for mediation).
    let mut chain = Chain::new();
    for event in &mut ds.events {
        let Some(open) = engo::open_event(event) else {
            continue;
        };
        let mut open = open.into_owned();
        chain.push(&mut open).unwrap();
        event.prev_hash = open.prev_hash;
    }
    let open = engo::open_dataset(&ds).unwrap();
    assert_eq!(open.head.as_ref(), chain.head());
    // The chain held as stored: publishing did not relink it.
    let linked: Vec<_> = ds.events.iter().filter_map(engo::open_event).collect();
    assert_eq!(open.dataset.events.len(), linked.len());
    for (published, stored) in open.dataset.events.iter().zip(&linked) {
        assert_eq!(published, stored.as_ref());
    }
    let text = serde_json::to_string(&open.dataset.events).unwrap();
    assert!(!text.contains("061211600012"));
    assert!(text.contains("ЖСН ••••••••••••"));
}

/// An id cannot be masked (references name it): a record whose id holds an IIN is not
/// published, and the error says which and why, without the number.
#[test]
fn an_id_holding_an_iin_is_refused_by_name() {
    let mut ds = engo::model::example::dataset();
    ds.grants[0].id = "GR-061211600012".parse().unwrap();
    let Err(e) = engo::open_dataset(&ds) else {
        panic!("an IIN in an id was published");
    };
    assert!(matches!(e, engo::OpenError::PersonalIdInId { .. }), "{e:?}");
    let message = e.to_string();
    assert!(
        message.starts_with("/grants/0/id: the id GR-•••••••••••• holds a personal identifier"),
        "{message}"
    );
    assert!(!message.contains("061211600012"));
}
