//! The impact as a summary a minister's adviser reads in a minute, in Kazakh, Russian or English.

use std::fmt::Write as _;

use engo_model::Lang;

use super::{ImpactReport, Row};

/// The words of the summary in one language.
pub(super) struct Words {
    pub(super) title: &'static str,
    pub(super) errors: &'static str,
    pub(super) findings: &'static str,
    pub(super) organizations: &'static str,
    pub(super) ineligible: &'static str,
    pub(super) eligible: &'static str,
    pub(super) purposes: [&'static str; 3],
    pub(super) applications: &'static str,
    pub(super) projects: &'static str,
    pub(super) now_failing: &'static str,
    pub(super) now_passing: &'static str,
    pub(super) regions: &'static str,
    pub(super) areas: &'static str,
    pub(super) rules: &'static str,
    pub(super) nothing: &'static str,
}

const KK: Words = Words {
    title: "Өлшемшарттардың өзгеруінің әсері",
    errors: "Қателер",
    findings: "Нәтижелер: қосылады {added}, жойылады {removed}",
    organizations: "Ұйымдар",
    ineligible: "талапқа сай болмай қалады",
    eligible: "талапқа сай болады",
    purposes: ["әлеуметтік тапсырыс", "грант", "сыйлықақы"],
    applications: "Өтінімдер",
    projects: "Жобалар",
    now_failing: "қатеге ұшырайды",
    now_passing: "қатесіз болады",
    regions: "Ең көп әсер ететін өңірлер (ұйымдар)",
    areas: "Басым бағыттар бойынша сома",
    rules: "Қосылатын нәтижелер ережелер бойынша",
    nothing: "Өзгеріс жоқ.",
};

const RU: Words = Words {
    title: "Последствия изменения критериев",
    errors: "Ошибки",
    findings: "Замечания: добавятся {added}, исчезнут {removed}",
    organizations: "Организации",
    ineligible: "перестанут соответствовать",
    eligible: "станут соответствовать",
    purposes: ["социальный заказ", "гранты", "премии"],
    applications: "Заявки",
    projects: "Проекты",
    now_failing: "получат ошибку",
    now_passing: "станут без ошибок",
    regions: "Сильнее всего затронуты регионы (организации)",
    areas: "Сумма по приоритетным направлениям",
    rules: "Новые замечания по правилам",
    nothing: "Ничего не меняется.",
};

const EN: Words = Words {
    title: "What the change of criteria would do",
    errors: "Errors",
    findings: "Findings: {added} added, {removed} removed",
    organizations: "Organisations",
    ineligible: "would become ineligible",
    eligible: "would become eligible",
    purposes: ["social orders", "grants", "awards"],
    applications: "Applications",
    projects: "Projects",
    now_failing: "would fail",
    now_passing: "would pass",
    regions: "Regions most affected (organisations)",
    areas: "Money by priority area",
    rules: "Findings added, by rule",
    nothing: "Nothing changes.",
};

pub(super) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Kk => &KK,
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

/// A row's name in `lang`, or its key.
pub(super) fn label(row: &Row, lang: Lang) -> String {
    row.name
        .as_ref()
        .map_or_else(|| row.key.clone(), |n| n.get(lang).to_owned())
}

/// The rows with the most organisations becoming ineligible, then eligible (at most `n`).
pub(super) fn top_organizations(rows: &[Row], n: usize) -> Vec<&Row> {
    let mut rows: Vec<&Row> = rows
        .iter()
        .filter(|r| r.organizations_ineligible + r.organizations_eligible > 0)
        .collect();
    rows.sort_by(|a, b| {
        (b.organizations_ineligible, b.organizations_eligible, &a.key).cmp(&(
            a.organizations_ineligible,
            a.organizations_eligible,
            &b.key,
        ))
    });
    rows.truncate(n);
    rows
}

/// The rows with the most money (at most `n`).
pub(super) fn top_money(rows: &[Row], n: usize) -> Vec<&Row> {
    let mut rows: Vec<&Row> = rows.iter().filter(|r| !r.money.is_zero()).collect();
    rows.sort_by(|a, b| (b.money, &a.key).cmp(&(a.money, &b.key)));
    rows.truncate(n);
    rows
}

/// The codes of the added findings, most frequent first (at most `n`).
pub(super) fn top_rules(report: &ImpactReport, n: usize) -> Vec<(engo_criteria::Code, usize)> {
    let mut counts: std::collections::BTreeMap<engo_criteria::Code, usize> = Default::default();
    for f in &report.added {
        *counts.entry(f.code).or_default() += 1;
    }
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by(|a, b| (b.1, a.0).cmp(&(a.1, b.0)));
    counts.truncate(n);
    counts
}

/// The impact as a short summary in `lang`.
///
/// ```
/// let ds = engo::model::example::dataset();
/// let profiles = engo::criteria::Profiles::embedded();
/// let law = profiles.by_id("kz-2025-07")?;
/// let report = engo::impact::impact(&ds, law, law, profiles);
/// let text = engo::impact::to_text(&report, engo::model::Lang::Kk);
/// assert!(text.contains("Өзгеріс жоқ."));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_text(report: &ImpactReport, lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} → {} ({})",
        w.title, report.from, report.to, report.date
    );
    if report.added.is_empty() && report.removed.is_empty() {
        let _ = writeln!(out, "{}", w.nothing);
        return out;
    }
    let e = report.errors;
    let _ = writeln!(out, "- {}: {} → {}", w.errors, e.before, e.after);
    let findings = w
        .findings
        .replace("{added}", &report.added.len().to_string())
        .replace("{removed}", &report.removed.len().to_string());
    let _ = writeln!(out, "- {findings}");
    let el = report.eligibility;
    for (purpose, change) in w.purposes.iter().zip([el.social_order, el.grant, el.award]) {
        if change.became_ineligible + change.became_eligible == 0 {
            continue;
        }
        let _ = writeln!(
            out,
            "- {} ({purpose}): {} {}, {} {}",
            w.organizations,
            change.became_ineligible,
            w.ineligible,
            change.became_eligible,
            w.eligible
        );
    }
    for (name, change) in [
        (w.applications, report.applications),
        (w.projects, report.projects),
    ] {
        if change.now_failing + change.now_passing == 0 {
            continue;
        }
        let _ = writeln!(
            out,
            "- {name}: {} {} ({}), {} {} ({})",
            change.now_failing,
            w.now_failing,
            change.money_now_failing,
            change.now_passing,
            w.now_passing,
            change.money_now_passing
        );
    }
    let regions = top_organizations(&report.breakdowns.region, 5);
    if !regions.is_empty() {
        let _ = writeln!(out, "{}:", w.regions);
        for row in regions {
            let _ = writeln!(
                out,
                "  {}: −{} / +{}",
                label(row, lang),
                row.organizations_ineligible,
                row.organizations_eligible
            );
        }
    }
    let areas = top_money(&report.breakdowns.priority_area, 5);
    if !areas.is_empty() {
        let _ = writeln!(out, "{}:", w.areas);
        for row in areas {
            let _ = writeln!(out, "  {}: {}", label(row, lang), row.money);
        }
    }
    let rules = top_rules(report, 5);
    if !rules.is_empty() {
        let _ = writeln!(out, "{}:", w.rules);
        for (code, n) in rules {
            let _ = writeln!(out, "  {code} × {n}");
        }
    }
    out
}
