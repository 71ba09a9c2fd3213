//! How the sheets look and help the people who fill them in: the header row, number and date
//! formats on the right columns, drop-down lists from the classifiers and code lists (on a
//! hidden `lists` sheet), the read-me sheet in Kazakh, Russian and English, and — in the
//! template — a note on every column's name in the chosen language.

use std::collections::BTreeMap;

use engo_model::{
    Lang,
    classifier::{Classifier, legal_forms, priority_areas, regions, state_body_levels},
};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, Formula, Note, Worksheet,
    XlsxError,
};

use super::{
    LISTS, MAX_ROWS,
    cells::{CellKind, kind_of},
    labels::{self, HOW_TO, SHEET_HEADER, TITLE, hints},
};
use crate::{
    csv::plan::{Column, Content, Table},
    schema_shape::Type,
};

/// The cell formats of the workbook.
#[derive(Debug, Clone)]
pub(super) struct Formats {
    /// The header row.
    pub(super) header: Format,
    /// Amounts.
    pub(super) money: Format,
    /// Dates.
    pub(super) date: Format,
    /// Text columns (what is typed stays text: a BIN keeps its leading zero).
    text: Format,
    /// Whole numbers.
    integer: Format,
    /// Wrapped text of the read-me.
    wrap: Format,
    /// The read-me's title.
    title: Format,
    /// The read-me's labels beside wrapped text.
    label: Format,
}

impl Formats {
    pub(super) fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(0x00DD_EBF7)
                .set_num_format("@"),
            money: Format::new().set_num_format("#,##0.00"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            text: Format::new().set_num_format("@"),
            integer: Format::new().set_num_format("0"),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            title: Format::new().set_bold().set_font_size(14),
            label: Format::new()
                .set_bold()
                .set_background_color(0x00DD_EBF7)
                .set_align(FormatAlign::Top),
        }
    }

    /// The format of the cells of a column of kind `kind`, if any.
    pub(super) fn of(&self, kind: CellKind) -> Option<&Format> {
        match kind {
            CellKind::Money => Some(&self.money),
            CellKind::Date => Some(&self.date),
            CellKind::Text { .. } | CellKind::DateTime => Some(&self.text),
            CellKind::Integer => Some(&self.integer),
            CellKind::Quantity | CellKind::Boolean => None,
        }
    }
}

/// A classifier's codes and names as a drop-down list: codes (with `suffix`), then names.
fn classifier_list<A>(c: &Classifier<A>, suffix: &str) -> Vec<[String; 4]> {
    c.codes()
        .filter_map(|code| {
            let e = c.latest(code)?;
            Some([
                format!("{code}{suffix}"),
                e.name.get(Lang::Kk).to_owned(),
                e.name.get(Lang::Ru).to_owned(),
                e.name.get(Lang::En).to_owned(),
            ])
        })
        .collect()
}

/// The drop-down list of a column: its name, whether only its values are allowed, and its
/// rows (a code, with names in kk, ru, en for a classifier).
fn list_of(c: &Column) -> Option<(String, bool, Vec<[String; 4]>)> {
    let (Content::Scalar {
        ty: Type::String(s),
        ..
    }
    | Content::Value {
        ty: Type::String(s),
    }) = &c.content
    else {
        return None;
    };
    // Classifiers change with the law: a code outside the list is warned about, not blocked
    // (the criteria check it against the version in force).
    let classifier = match s.def.as_deref() {
        Some("Kato") => Some(("regions", classifier_list(regions(), "0000000"))),
        Some("LegalFormCode") => Some(("legal_forms", classifier_list(legal_forms(), ""))),
        Some("AreaCode") => Some(("priority_areas", classifier_list(priority_areas(), ""))),
        Some("LevelCode") => Some((
            "state_body_levels",
            classifier_list(state_body_levels(), ""),
        )),
        _ => None,
    };
    if let Some((name, rows)) = classifier {
        return Some((name.to_owned(), false, rows));
    }
    let values = s.values.as_ref()?;
    let name = s.def.clone().unwrap_or_else(|| c.name.clone());
    let rows = values
        .iter()
        .map(|v| [v.clone(), String::new(), String::new(), String::new()])
        .collect();
    Some((name, true, rows))
}

/// The drop-down lists of the workbook, by name: the range of the `lists` sheet that holds
/// each, and whether only its values are allowed.
#[derive(Debug, Default)]
pub(super) struct Lists {
    ranges: BTreeMap<String, (String, bool)>,
}

impl Lists {
    /// Writes every list that a column of `tables` uses into the `lists` sheet `ws`, each in a
    /// column (classifiers with their names in kk, ru, en in the next three), and hides it.
    pub(super) fn write(ws: &mut Worksheet, tables: &[Table]) -> Result<Lists, XlsxError> {
        let mut all = BTreeMap::new();
        for c in tables.iter().flat_map(|t| &t.columns) {
            if let Some((name, strict, rows)) = list_of(c) {
                all.entry(name).or_insert((strict, rows));
            }
        }
        ws.set_name(LISTS)?;
        let mut lists = Lists::default();
        let mut col: u16 = 0;
        for (name, (strict, rows)) in all {
            let named = rows.iter().any(|r| !r[1].is_empty());
            ws.write_string(0, col, &name)?;
            for (i, row) in rows.iter().enumerate() {
                let r = u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
                for (j, text) in row.iter().enumerate().take(if named { 4 } else { 1 }) {
                    let j = u16::try_from(j).map_err(|_| XlsxError::RowColumnLimitError)?;
                    if !text.is_empty() {
                        ws.write_string(r, col + j, text)?;
                    }
                }
            }
            let letters = super::column_letters(col);
            let range = format!("={LISTS}!${letters}$2:${letters}${}", rows.len() + 1);
            lists.ranges.insert(name, (range, strict));
            col += if named { 4 } else { 1 };
        }
        ws.set_hidden(true);
        Ok(lists)
    }

    /// The data validation of column `c`, if it has a list.
    fn validation(&self, c: &Column) -> Option<DataValidation> {
        let (name, _, _) = list_of(c)?;
        let (range, strict) = self.ranges.get(&name)?;
        let style = if *strict {
            DataValidationErrorStyle::Stop
        } else {
            DataValidationErrorStyle::Warning
        };
        Some(
            DataValidation::new()
                .allow_list_formula(Formula::new(range))
                .set_error_style(style),
        )
    }
}

/// The label of column `c` of table `t` in `lang`, and what its cells hold.
fn note_text(c: &Column, t: &Table, tables: &[Table], lang: Lang) -> String {
    let mut lines = Vec::new();
    match &c.content {
        Content::ParentKey { .. } => {
            let parent = t
                .parent
                .as_ref()
                .and_then(|(p, _)| tables.get(*p))
                .map_or("", |p| p.name.as_str());
            lines.push(labels::parent_key(lang, parent));
        }
        Content::Index => lines.push(hints::INDEX.get(lang).to_owned()),
        Content::Lang { lang: l, .. } => {
            let stem = c.name.rsplit_once('_').map_or(c.name.as_str(), |(s, _)| s);
            let label = labels::label(stem).map_or(stem, |w| w.get(lang));
            let which = hints::LANG
                .iter()
                .find(|(code, _)| code == l)
                .map_or("", |(_, w)| w.get(lang));
            lines.push(format!("{label} ({which})"));
        }
        Content::Scalar { .. } | Content::Value { .. } => {
            lines.push(labels::label(&c.name).map_or(c.name.clone(), |w| w.get(lang).to_owned()));
        }
    }
    let hint = match kind_of(c) {
        CellKind::Money => Some(hints::MONEY),
        CellKind::Quantity => Some(hints::QUANTITY),
        CellKind::Date => Some(hints::DATE),
        CellKind::DateTime => Some(hints::DATE_TIME),
        CellKind::Integer if !matches!(c.content, Content::Index) => Some(hints::INTEGER),
        CellKind::Boolean => Some(hints::BOOLEAN),
        _ if list_of(c).is_some() => Some(hints::LIST),
        _ => None,
    };
    if let Some(h) = hint {
        lines.push(h.get(lang).to_owned());
    }
    if matches!(c.content, Content::Scalar { required: true, .. }) {
        lines.push(hints::REQUIRED.get(lang).to_owned());
    }
    lines.join("\n")
}

/// Sets up the sheet of table `t`: its name, the header row, each column's width and format,
/// the drop-down lists, the frozen header, and with `notes` a note in that language on every
/// column name.
pub(super) fn table_sheet(
    ws: &mut Worksheet,
    t: &Table,
    tables: &[Table],
    lists: &Lists,
    formats: &Formats,
    notes: Option<Lang>,
) -> Result<(), XlsxError> {
    ws.set_name(&t.name)?;
    for (i, c) in t.columns.iter().enumerate() {
        let col = u16::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)?;
        let kind = kind_of(c);
        let width = match kind {
            CellKind::Text { .. } if matches!(c.content, Content::Lang { .. }) => 30.0,
            CellKind::DateTime => 26.0,
            _ => (c.name.chars().count() as f64 + 2.0).clamp(10.0, 32.0),
        };
        ws.set_column_width(col, width)?;
        if let Some(f) = formats.of(kind) {
            ws.set_column_format(col, f)?;
        }
        ws.write_string_with_format(0, col, &c.name, &formats.header)?;
        if let Some(v) = lists.validation(c) {
            ws.add_data_validation(1, col, MAX_ROWS - 1, col, &v)?;
        }
        if let Some(lang) = notes {
            let note = Note::new(note_text(c, t, tables, lang))
                .add_author_prefix(false)
                .set_width(260)
                .set_height(90);
            ws.insert_note(0, col, &note)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The estimated height of a row of wrapped text: `chars` characters in a column `width`
/// characters wide.
fn wrapped_height(chars: usize, width: usize) -> f64 {
    let lines = chars / width.max(1) + 1;
    15.0 * lines as f64
}

/// Writes the read-me sheet: the title, how to fill the workbook in, and what each sheet
/// holds, in Kazakh, Russian and English.
pub(super) fn readme(
    ws: &mut Worksheet,
    tables: &[Table],
    formats: &Formats,
) -> Result<(), XlsxError> {
    const TEXT_WIDTH: usize = 55;
    ws.set_name(super::README)?;
    ws.set_column_width(0, 30)?;
    for col in 1..=3 {
        ws.set_column_width(col, TEXT_WIDTH as f64)?;
    }
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    let langs = [Lang::Kk, Lang::Ru, Lang::En];
    let title = langs.map(|l| TITLE.get(l)).join(" · ");
    ws.write_string_with_format(0, 0, title, &formats.title)?;
    let mut row = 2;
    for (lang, name) in langs.iter().zip(SHEET_HEADER.iter().skip(1)) {
        let text = HOW_TO.get(*lang);
        ws.write_string_with_format(row, 0, *name, &formats.label)?;
        ws.merge_range(row, 1, row, 3, text, &formats.wrap)?;
        ws.set_row_height(row, wrapped_height(text.chars().count(), 3 * TEXT_WIDTH))?;
        row += 1;
    }
    row += 1;
    for (i, h) in SHEET_HEADER.iter().enumerate() {
        let col = u16::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)?;
        ws.write_string_with_format(row, col, *h, &formats.header)?;
    }
    for t in tables {
        row += 1;
        ws.write_string_with_format(row, 0, &t.name, &formats.wrap)?;
        let texts = langs.map(|lang| match labels::sheet(&t.name) {
            Some(words) => words.get(lang).to_owned(),
            None => {
                let parent = t.parent.as_ref().and_then(|(p, field)| {
                    tables.get(*p).map(|p| (p.name.as_str(), field.join("_")))
                });
                let (parent, field) = parent.unwrap_or(("", String::new()));
                let keys = t
                    .key
                    .iter()
                    .take(t.parent_key_len)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ");
                labels::child_sheet(lang, &field, parent, &keys)
            }
        });
        let mut longest = 0;
        for (col, text) in (1u16..).zip(&texts) {
            longest = longest.max(text.chars().count());
            ws.write_string_with_format(row, col, text, &formats.wrap)?;
        }
        ws.set_row_height(row, wrapped_height(longest, TEXT_WIDTH - 10))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::csv::compiled;

    #[test]
    fn every_column_and_sheet_has_words() {
        let tables = &compiled().unwrap().tables;
        for t in tables {
            if t.parent.is_none() {
                assert!(labels::sheet(&t.name).is_some(), "sheet {}", t.name);
            } else if let Some((_, field)) = &t.parent {
                let field = field.join("_");
                assert!(
                    labels::label(&field).is_some(),
                    "array {field} of {}",
                    t.name
                );
            }
            for c in &t.columns {
                let stem = match &c.content {
                    Content::ParentKey { .. } | Content::Index => continue,
                    Content::Lang { .. } => c.name.rsplit_once('_').unwrap().0,
                    _ => c.name.as_str(),
                };
                assert!(
                    labels::label(stem).is_some(),
                    "column {} of {}",
                    c.name,
                    t.name
                );
            }
        }
    }

    #[test]
    fn classifier_columns_get_their_lists() {
        let tables = &compiled().unwrap().tables;
        let orgs = tables.iter().find(|t| t.name == "organizations").unwrap();
        let column = |n: &str| orgs.columns.iter().find(|c| c.name == n).unwrap();
        let (name, strict, rows) = list_of(column("region")).unwrap();
        assert_eq!((name.as_str(), strict), ("regions", false));
        assert!(rows.iter().any(|r| r[0] == "750000000"), "Almaty city");
        let (name, strict, rows) = list_of(column("status_stage")).unwrap();
        assert_eq!((name.as_str(), strict), ("OrganizationStage", true));
        assert!(rows.iter().any(|r| r[0] == "active"));
        assert!(list_of(column("bin")).is_none());
    }
}
