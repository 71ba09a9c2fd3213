//! The main job's output: every open format, `report.json` and a plain `index.html`, written
//! together and renamed into place at once.

use std::{
    collections::BTreeMap,
    fmt::Write as _,
    io::Write as _,
    path::{Path, PathBuf},
};

use engo_criteria::{CriteriaProfile, Finding, Report};
use engo_export::WriteError;
use engo_model::{
    Dataset, Lang,
    lifecycle::{Machine, mermaid},
};
use engo_stages::chain::Head;

/// What [`publish`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Published {
    /// The directory.
    pub dir: PathBuf,
    /// Number of files written.
    pub files: usize,
    /// Their bytes in all.
    pub bytes: u64,
    /// Records published (events not counted).
    pub records: usize,
    /// Events of the audit log published.
    pub events: usize,
    /// Error findings of the report.
    pub errors: usize,
    /// Warning findings of the report.
    pub warnings: usize,
    /// The head of the published log's hash chain (also written as `log-head.json`), `None`
    /// when no event was published.
    pub head: Option<Head>,
}

/// Every file under `dir` with its size, by relative path.
fn files(dir: &Path) -> std::io::Result<BTreeMap<String, u64>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                todo.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.insert(
                    rel.to_string_lossy().replace('\\', "/"),
                    entry.metadata()?.len(),
                );
            }
        }
    }
    Ok(out)
}

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Records by stage, per lifecycle.
fn stage_counts(ds: &Dataset) -> Vec<(Machine, BTreeMap<String, usize>)> {
    fn count<I: IntoIterator<Item = String>>(it: I) -> BTreeMap<String, usize> {
        let mut m = BTreeMap::new();
        for s in it {
            *m.entry(s).or_insert(0) += 1;
        }
        m
    }
    vec![
        (
            Machine::SocialOrder,
            count(ds.social_orders.iter().map(|o| o.stage.to_string())),
        ),
        (
            Machine::Grant,
            count(ds.grants.iter().map(|g| g.stage.to_string())),
        ),
        (
            Machine::Application,
            count(ds.applications.iter().map(|a| a.stage.to_string())),
        ),
        (
            Machine::Project,
            count(ds.projects.iter().map(|p| p.stage.to_string())),
        ),
        (
            Machine::Milestone,
            count(
                ds.projects
                    .iter()
                    .flat_map(|p| p.milestones.iter().map(|m| m.status.to_string())),
            ),
        ),
        (
            Machine::Award,
            count(ds.awards.iter().map(|a| a.stage.to_string())),
        ),
        (
            Machine::Organization,
            count(ds.organizations.iter().map(|o| o.status.stage.to_string())),
        ),
        (
            Machine::NgoReport,
            count(
                ds.organizations
                    .iter()
                    .flat_map(|o| o.database_reports.iter().map(|r| r.stage.to_string())),
            ),
        ),
        (
            Machine::MediationCase,
            count(ds.mediation_cases.iter().map(|m| m.stage.to_string())),
        ),
    ]
}

/// The page: published files with sizes, counts by stage, the findings summary and the Mermaid
/// diagrams as text. No script, no style sheet, no external resource.
fn index_html(
    ds: &Dataset,
    report: &Report,
    profile: &CriteriaProfile,
    files: &BTreeMap<String, u64>,
    head: Option<&Head>,
) -> String {
    let mut h = String::new();
    let title = ds.publisher.name.get(Lang::Kk);
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"kk\">\n<head>\n<meta charset=\"utf-8\">\n<title>E-ҮЕҰ / E-НПО: ашық деректер — открытые данные — open data</title>\n</head>\n<body>"
    );
    let _ = writeln!(
        h,
        "<h1>E-ҮЕҰ ашық деректері · Открытые данные E-НПО · E-NGO open data</h1>"
    );
    let _ = writeln!(
        h,
        "<p>{} · {} · {}</p>",
        esc(title),
        esc(&ds.publisher.org_id.to_string()),
        esc(&ds.published_at.to_rfc3339())
    );
    let _ = writeln!(
        h,
        "<h2>Файлдар · Файлы · Files</h2>\n<table>\n<tr><th>file</th><th>bytes</th></tr>"
    );
    for (name, size) in files {
        let _ = writeln!(
            h,
            "<tr><td><a href=\"{0}\">{0}</a></td><td>{size}</td></tr>",
            esc(name)
        );
    }
    let _ = writeln!(h, "</table>");
    if let Some(head) = head {
        let _ = writeln!(
            h,
            "<h2>Журналдың басы · Голова журнала · Head of the log</h2>\n<p>#{} · <code>{}</code> · {} — <code>engo verify engo.json</code></p>",
            head.index,
            head.hash,
            esc(&head.time.to_rfc3339())
        );
    }
    let _ = writeln!(h, "<h2>Кезеңдер · Стадии · Stages</h2>");
    for (machine, counts) in stage_counts(ds) {
        let _ = writeln!(h, "<h3>{}</h3>\n<table>", esc(machine.as_str()));
        for (stage, n) in counts {
            let _ = writeln!(h, "<tr><td>{}</td><td>{n}</td></tr>", esc(&stage));
        }
        let _ = writeln!(h, "</table>");
    }
    let t = report.totals;
    let _ = writeln!(
        h,
        "<h2>Тексеру · Проверка · Findings</h2>\n<p>{} ({}): {} error, {} warning, {} info</p>\n<table>",
        esc(&report.profile),
        esc(profile.title.get(Lang::Kk)),
        t.error,
        t.warning,
        t.info
    );
    for g in &report.groups {
        let first = g
            .findings
            .first()
            .map(|f| f.message(Lang::Kk))
            .unwrap_or_default();
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            g.severity.as_str(),
            esc(g.code.as_str()),
            g.count,
            esc(&first)
        );
    }
    let _ = writeln!(
        h,
        "</table>\n<h2>Өмірлік циклдер · Жизненные циклы · Lifecycles (Mermaid)</h2>"
    );
    for m in Machine::ALL {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<pre>{}</pre>",
            esc(m.as_str()),
            esc(&mermaid(*m))
        );
    }
    let _ = writeln!(h, "</body>\n</html>");
    h
}

/// The main job: writes every open format of `ds` (see [`engo_export::export`]), the findings
/// `report` as `report.json` and a plain `index.html` that lists them, into `out`, atomically
/// (written aside, then renamed into place: a failure leaves no partial output and keeps an
/// earlier publication). Every output is written from [`crate::open_dataset`]: personal
/// identifiers and e-mail addresses in texts are masked, always, and `report.json` lists each
/// masked text (`privacy.masked`); the published log is one hash chain
/// ([`engo_stages::chain`]) in every format that carries events (JSON, NDJSON, XML, the CSV
/// package and the workbook), and `log-head.json` is its head (`index`, `hash`, `time`), for
/// whoever wants to check a copy against it (`engo verify`).
///
/// ```
/// use engo::criteria::Profiles;
///
/// let mut ds = engo::model::example::dataset();
/// ds.events = engo::sample::synthesize(&ds);
/// let profiles = Profiles::embedded();
/// let rules = engo::Rules::by_date(profiles, ds.published_at.date_naive()).ok_or("none")?;
/// let report = engo::validate(&ds, rules, profiles, []);
/// let tmp = tempfile::tempdir()?;
/// let published = engo::publish(&ds, &report, rules.overall(), &tmp.path().join("open-data"))?;
/// assert!(tmp.path().join("open-data/index.html").is_file());
/// assert_eq!(published.errors, 0);
/// let head = published.head.ok_or("a log")?;
/// assert_eq!(head.index + 1, published.events); // the published events: no mediation case's
/// assert!(tmp.path().join("open-data/log-head.json").is_file());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn publish(
    ds: &Dataset,
    report: &Report,
    profile: &CriteriaProfile,
    out: &Path,
) -> Result<Published, WriteError> {
    // Every open output is written from the open dataset (personal data masked, no mediation
    // case), and the report says what was masked; a finding about a mediation case is not
    // published (it would name the case and its parties).
    let open = crate::open_dataset(ds).map_err(|e| WriteError::Stream(std::io::Error::other(e)))?;
    let ds = open.dataset.as_ref();
    let confidential = |f: &&Finding| {
        f.path.starts_with("/mediation_cases/")
            || f.params
                .get("machine")
                .is_some_and(|m| m == "mediation_case")
    };
    let findings = report
        .findings()
        .filter(|f| !confidential(f))
        .chain(open.masked.iter().filter(|f| !confidential(f)))
        .cloned();
    let report = &Report::judged(report.profiles.iter().cloned(), findings).with_profile(profile);
    let mut listed = BTreeMap::new();
    engo_export::write_dir_atomically(out, |dir| {
        engo_export::export_into(ds, dir, &engo_export::ExportSettings::default())?;
        let json = serde_json::to_vec_pretty(report)
            .map_err(|e| WriteError::Stream(std::io::Error::other(e)))?;
        std::fs::write(dir.join("report.json"), json).map_err(WriteError::Stream)?;
        if let Some(head) = &open.head {
            let json = serde_json::to_vec_pretty(head)
                .map_err(|e| WriteError::Stream(std::io::Error::other(e)))?;
            std::fs::write(dir.join("log-head.json"), json).map_err(WriteError::Stream)?;
        }
        if !open.mediation.is_empty() {
            let figures = dir.join("mediation");
            std::fs::create_dir_all(&figures).map_err(WriteError::Stream)?;
            let json = serde_json::to_vec_pretty(&open.mediation)
                .map_err(|e| WriteError::Stream(std::io::Error::other(e)))?;
            std::fs::write(figures.join("figures.json"), json).map_err(WriteError::Stream)?;
            std::fs::write(figures.join("cases.csv"), open.mediation.cases_csv())
                .map_err(WriteError::Stream)?;
            std::fs::write(
                figures.join("mediators.csv"),
                open.mediation.mediators_csv(),
            )
            .map_err(WriteError::Stream)?;
        }
        let mut all = files(dir).map_err(WriteError::Stream)?;
        let html = index_html(ds, report, profile, &all, open.head.as_ref());
        let mut f = std::fs::File::create(dir.join("index.html")).map_err(WriteError::Stream)?;
        f.write_all(html.as_bytes()).map_err(WriteError::Stream)?;
        all.insert("index.html".to_owned(), html.len() as u64);
        listed = all;
        Ok(())
    })?;
    Ok(Published {
        dir: out.to_path_buf(),
        files: listed.len(),
        bytes: listed.values().sum(),
        records: ds.record_count() - ds.events.len(),
        events: ds.events.len(),
        errors: report.totals.error,
        warnings: report.totals.warning,
        head: open.head.clone(),
    })
}
