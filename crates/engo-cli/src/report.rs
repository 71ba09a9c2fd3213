//! The findings report as the command prints it: text or JSON, with the cell of each finding
//! when the dataset came from a workbook.

use engo::{criteria::Report, export::xlsx::Places, model::Lang};

use crate::{Failure, ReportFormat, messages::Msg};

/// The report in `format` and `lang` (text: at most `per_code` findings of a code). With
/// `places` from a workbook, each finding's cell is shown beside its JSON pointer
/// (`/organizations/3/legal_form [organizations!D5]`) in text, and added as `"cell"` in JSON.
pub(crate) fn render(
    report: &Report,
    places: &Places,
    format: ReportFormat,
    lang: Lang,
    per_code: usize,
) -> Result<String, Failure> {
    if places.is_empty() {
        return match format {
            ReportFormat::Text => Ok(report.to_text(lang, per_code)),
            ReportFormat::Json => Ok(serde_json::to_string_pretty(report)
                .map_err(|e| Msg::Internal(e.to_string()))?
                + "\n"),
        };
    }
    match format {
        ReportFormat::Text => {
            let mut shown = report.clone();
            for f in shown.groups.iter_mut().flat_map(|g| g.findings.iter_mut()) {
                if let Some(cell) = places.cell(&f.path) {
                    f.path = format!("{} [{cell}]", f.path);
                }
            }
            Ok(shown.to_text(lang, per_code))
        }
        ReportFormat::Json => {
            let mut value =
                serde_json::to_value(report).map_err(|e| Msg::Internal(e.to_string()))?;
            let findings = value
                .get_mut("groups")
                .and_then(serde_json::Value::as_array_mut)
                .into_iter()
                .flatten()
                .filter_map(|g| {
                    g.get_mut("findings")
                        .and_then(serde_json::Value::as_array_mut)
                })
                .flatten();
            for f in findings {
                let cell = f
                    .get("path")
                    .and_then(serde_json::Value::as_str)
                    .and_then(|p| places.cell(p));
                if let (Some(cell), Some(map)) = (cell, f.as_object_mut()) {
                    map.insert("cell".to_owned(), cell.to_string().into());
                }
            }
            Ok(
                serde_json::to_string_pretty(&value).map_err(|e| Msg::Internal(e.to_string()))?
                    + "\n",
            )
        }
    }
}
