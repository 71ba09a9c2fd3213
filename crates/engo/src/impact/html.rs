//! The impact as one self-contained page: the summary, tables and charts as inline SVG, no
//! script, no network.

use std::fmt::Write as _;

use engo_model::Lang;

use super::{
    ImpactReport, Row,
    text::{label, top_money, top_organizations, top_rules, words},
};

/// Escapes text for HTML (elements and attribute values).
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A horizontal bar chart: one bar per (label, value, shown value), the longest 480 px wide.
/// Each label has a line of its own above its bar, so a long region or area name is never cut
/// and the value after the bar always fits the 720 px of the chart.
fn bars(out: &mut String, title: &str, items: &[(String, u128, String)]) {
    const WIDTH: u128 = 480;
    const ROW: usize = 40;
    let max = items.iter().map(|(_, v, _)| *v).max().unwrap_or(0).max(1);
    let height = ROW * items.len() + 4;
    let _ = writeln!(
        out,
        r#"<figure><figcaption>{}</figcaption><svg role="img" aria-label="{}" width="720" height="{height}" viewBox="0 0 720 {height}" xmlns="http://www.w3.org/2000/svg">"#,
        esc(title),
        esc(title)
    );
    for (i, (name, value, shown)) in items.iter().enumerate() {
        let y = ROW * i;
        let w = value * WIDTH / max;
        let _ = writeln!(
            out,
            r##"<text x="0" y="{}" font-size="13" fill="#1a1a1a">{}</text><rect x="0" y="{}" width="{w}" height="16" fill="#1f5f8b"></rect><text x="{}" y="{}" font-size="13" fill="#1a1a1a">{}</text>"##,
            y + 14,
            esc(name),
            y + 19,
            6 + w,
            y + 32,
            esc(shown)
        );
    }
    let _ = writeln!(out, "</svg></figure>");
}

/// A table of breakdown rows.
fn table(out: &mut String, caption: &str, rows: &[Row], lang: Lang, heads: [&str; 4]) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        esc(caption),
        esc(heads[0]),
        esc(heads[1]),
        esc(heads[2]),
        esc(heads[3])
    );
    for row in rows {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&label(row, lang)),
            row.organizations_ineligible,
            row.records_changed,
            esc(&row.money.to_string())
        );
    }
    let _ = writeln!(out, "</tbody></table>");
}

/// The headings of the page in one language.
struct Headings {
    summary: &'static str,
    before_after: &'static str,
    before: &'static str,
    after: &'static str,
    by_region: &'static str,
    by_area: &'static str,
    by_form: &'static str,
    by_year: &'static str,
    by_size: &'static str,
    columns: [&'static str; 4],
}

fn headings(lang: Lang) -> Headings {
    match lang {
        Lang::Kk => Headings {
            summary: "Қысқаша",
            before_after: "Қателер: дейін және кейін",
            before: "дейін",
            after: "кейін",
            by_region: "Өңірлер",
            by_area: "Басым бағыттар",
            by_form: "Ұйымдық-құқықтық нысандар",
            by_year: "Жылдар",
            by_size: "Ұйымның мөлшері (қызметкерлер)",
            columns: [
                "",
                "талапқа сай болмай қалатын ұйымдар",
                "өзгеретін жазбалар",
                "сома",
            ],
        },
        Lang::Ru => Headings {
            summary: "Кратко",
            before_after: "Ошибки: до и после",
            before: "до",
            after: "после",
            by_region: "Регионы",
            by_area: "Приоритетные направления",
            by_form: "Организационно-правовые формы",
            by_year: "Годы",
            by_size: "Размер организации (сотрудники)",
            columns: [
                "",
                "организации, переставшие соответствовать",
                "изменившиеся записи",
                "сумма",
            ],
        },
        Lang::En => Headings {
            summary: "Summary",
            before_after: "Errors before and after",
            before: "before",
            after: "after",
            by_region: "Regions",
            by_area: "Priority areas",
            by_form: "Legal forms",
            by_year: "Years",
            by_size: "Size of organisation (staff)",
            columns: [
                "",
                "organisations becoming ineligible",
                "records changing",
                "money",
            ],
        },
    }
}

/// The impact as one self-contained HTML page in `lang` (no script, no network): the summary,
/// charts as inline SVG (organisations affected by region, money by priority area, errors
/// before and after) and the breakdown tables.
///
/// ```
/// let ds = engo::model::example::dataset();
/// let profiles = engo::criteria::Profiles::embedded();
/// let law = profiles.by_id("kz-2025-07")?;
/// let report = engo::impact::impact(&ds, law, law, profiles);
/// let page = engo::impact::to_html(&report, engo::model::Lang::Ru);
/// assert!(page.starts_with("<!DOCTYPE html>") && page.contains(r#"<html lang="ru">"#));
/// assert!(!page.contains("<script"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_html(report: &ImpactReport, lang: Lang) -> String {
    let w = words(lang);
    let h = headings(lang);
    let mut out = String::new();
    let title = format!("{}: {} → {}", w.title, report.from, report.to);
    let _ = writeln!(
        out,
        r#"<!DOCTYPE html>
<html lang="{}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff; }}
table {{ border-collapse: collapse; margin: 1rem 0; }}
th, td {{ border: 1px solid #999; padding: .3rem .6rem; text-align: left; }}
td {{ text-align: right; white-space: nowrap; }}
caption {{ font-weight: bold; text-align: left; padding: .3rem 0; }}
figure {{ margin: 1rem 0; }}
figcaption {{ font-weight: bold; }}
svg {{ max-width: 100%; height: auto; }}
@media print {{ body {{ margin: 0; }} }}
</style>
</head>
<body>
<main>
<h1>{}</h1>"#,
        lang.code(),
        esc(&title),
        esc(&title)
    );
    let _ = writeln!(
        out,
        "<h2>{}</h2><pre>{}</pre>",
        esc(h.summary),
        esc(&super::to_text(report, lang))
    );
    bars(
        &mut out,
        h.before_after,
        &[
            (
                h.before.to_owned(),
                report.errors.before as u128,
                report.errors.before.to_string(),
            ),
            (
                h.after.to_owned(),
                report.errors.after as u128,
                report.errors.after.to_string(),
            ),
        ],
    );
    let regions: Vec<(String, u128, String)> = top_organizations(&report.breakdowns.region, 20)
        .into_iter()
        .map(|r| {
            (
                label(r, lang),
                r.organizations_ineligible as u128,
                r.organizations_ineligible.to_string(),
            )
        })
        .collect();
    if !regions.is_empty() {
        bars(&mut out, w.regions, &regions);
    }
    let areas: Vec<(String, u128, String)> = top_money(&report.breakdowns.priority_area, 20)
        .into_iter()
        .map(|r| {
            (
                label(r, lang),
                u128::from(r.money.tiyn()),
                r.money.to_string(),
            )
        })
        .collect();
    if !areas.is_empty() {
        bars(&mut out, w.areas, &areas);
    }
    let rules = top_rules(report, 20);
    if !rules.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2><ul>", esc(w.rules));
        for (code, n) in rules {
            let _ = writeln!(out, "<li><code>{}</code> × {n}</li>", esc(code.as_str()));
        }
        let _ = writeln!(out, "</ul>");
    }
    let b = &report.breakdowns;
    for (caption, rows) in [
        (h.by_region, &b.region),
        (h.by_area, &b.priority_area),
        (h.by_form, &b.legal_form),
        (h.by_year, &b.year),
        (h.by_size, &b.size),
    ] {
        table(&mut out, caption, rows, lang, h.columns);
    }
    let _ = writeln!(out, "</main>\n</body>\n</html>");
    out
}
