//! Bar charts as inline SVG: one bar a row, its label above it and its value after it, and the
//! same figures in a table with links under the chart (for screen readers, for print, and for
//! following a bar to its page).

use askama::Template;

use crate::{context::Ctx, paths::Href};

/// Width of the drawing (the SVG scales to the page).
const WIDTH: u32 = 640;
/// Longest bar, leaving room for the value after it.
const BAR_MAX: u32 = 440;
/// Height of a row: the label, then the bar.
const ROW: u32 = 42;

/// One bar.
#[derive(Debug, Clone)]
pub(crate) struct Bar<'s> {
    pub(crate) label: String,
    /// The value, as the page writes it.
    pub(crate) text: String,
    pub(crate) href: Option<Href<'s>>,
    value: u64,
    /// Where the bar is drawn (set by [`BarChart::new`]).
    y: u32,
    width: u32,
}

impl<'s> Bar<'s> {
    pub(crate) fn new(
        label: impl Into<String>,
        value: u64,
        text: impl ToString,
        href: Option<Href<'s>>,
    ) -> Bar<'s> {
        Bar {
            label: label.into(),
            text: text.to_string(),
            href,
            value,
            y: 0,
            width: 0,
        }
    }
}

/// A horizontal bar chart with its table.
#[derive(Template, Debug)]
#[template(path = "chart.html")]
pub(crate) struct BarChart<'s> {
    ctx: Ctx<'s>,
    /// Unique on its page: names the caption the drawing is labelled by.
    id: &'static str,
    title: &'static str,
    /// Header of the labels' column.
    label_header: &'static str,
    /// Header of the values' column.
    value_header: &'static str,
    bars: Vec<Bar<'s>>,
    height: u32,
    width: u32,
}

impl<'s> BarChart<'s> {
    /// A chart of `bars` (drawn to scale of the largest).
    pub(crate) fn new(
        ctx: Ctx<'s>,
        id: &'static str,
        title: &'static str,
        (label_header, value_header): (&'static str, &'static str),
        mut bars: Vec<Bar<'s>>,
    ) -> BarChart<'s> {
        let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
        let mut y = 0;
        for bar in &mut bars {
            bar.y = y;
            let scaled = u128::from(bar.value) * u128::from(BAR_MAX) / u128::from(max);
            bar.width = u32::try_from(scaled)
                .unwrap_or(BAR_MAX)
                .max(u32::from(bar.value > 0));
            y += ROW;
        }
        BarChart {
            ctx,
            id,
            title,
            label_header,
            value_header,
            height: y.max(ROW),
            bars,
            width: WIDTH,
        }
    }

    /// Whether there is nothing to draw.
    pub(crate) fn is_empty(&self) -> bool {
        self.bars.is_empty()
    }
}
