//! The prebuilt index of the search of organisations (`assets/search-index.js`): a script that
//! sets `window.ENGO_SEARCH_INDEX` — so that it loads from a static host and from a folder
//! opened in a browser alike — to the region names and one line per organisation,
//! `BIN⇥Kazakh name⇥Russian name⇥region code`, names with IIN-shaped numbers masked.

use std::fmt::Write as _;

use engo_model::Lang;

use crate::{
    Site,
    format::mask_iin,
    paths::{Filter, ListKind},
};

/// A name as one field of a line: no tab or line break in it.
fn field(out: &mut String, text: &str) {
    for c in mask_iin(text).chars() {
        out.push(if matches!(c, '\t' | '\n' | '\r') {
            ' '
        } else {
            c
        });
    }
}

impl Site<'_> {
    /// The search index: the text of `assets/search-index.js`.
    ///
    /// ```
    /// use engo_site::Site;
    /// let ds = engo_model::example::dataset();
    /// let profile = engo_criteria::profile_for(ds.published_at.date_naive())?;
    /// let report = engo_criteria::Report::new(profile, []);
    /// let publication = engo_export::publication::Publication::sample();
    /// let index = Site::new(&ds, &report, &publication).search_index();
    /// assert!(index.starts_with("window.ENGO_SEARCH_INDEX = {"));
    /// assert!(index.contains("940140000385\\t"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn search_index(&self) -> String {
        let ds = self.dataset();
        let orgs = self.list(ListKind::Organizations, Filter::All);
        let mut lines = String::with_capacity(orgs.len() * 160);
        for o in orgs
            .iter()
            .filter_map(|at| ds.organizations.get(*at as usize))
        {
            if !lines.is_empty() {
                lines.push('\n');
            }
            lines.push_str(o.bin.as_str());
            lines.push('\t');
            field(&mut lines, o.name.exact(Lang::Kk).unwrap_or_default());
            lines.push('\t');
            field(&mut lines, o.name.exact(Lang::Ru).unwrap_or_default());
            lines.push('\t');
            lines.push_str(o.region.region_code());
        }
        let regions: serde_json::Map<String, serde_json::Value> = (0..self.regions().len())
            .filter_map(|i| {
                let names = Lang::ALL.map(|l| self.region_name(i, l).to_owned());
                Some((self.region_code(i)?.to_owned(), serde_json::json!(names)))
            })
            .collect();
        let mut out = String::with_capacity(lines.len() + 4096);
        let _ = writeln!(
            out,
            "window.ENGO_SEARCH_INDEX = {{\"regions\": {}, \"orgs\": {}}};",
            serde_json::Value::Object(regions),
            serde_json::Value::String(lines)
        );
        out
    }
}
