//! A small, coherent example dataset with real Kazakh and Russian text, embedded from
//! `data/example-dataset.json`: for documentation, tests and a first look at the format.

use std::sync::LazyLock;

use crate::Dataset;

/// The embedded example, as JSON text.
pub const JSON: &str = include_str!("../../../data/example-dataset.json");

static EXAMPLE: LazyLock<Option<Dataset>> = LazyLock::new(|| {
    let parsed = serde_json::from_str::<Dataset>(JSON);
    debug_assert!(
        parsed.is_ok(),
        "data/example-dataset.json must parse: {parsed:?}"
    );
    parsed.ok()
});

/// The example dataset (a fresh copy to modify at will).
///
/// ```
/// let ds = engo_model::example::dataset();
/// assert!(ds.check_shape().is_empty());
/// assert!(ds.organizations.iter().any(|o| o.name.get(engo_model::Lang::Kk).contains('қ')));
/// ```
pub fn dataset() -> Dataset {
    EXAMPLE.clone().unwrap_or_else(|| {
        Dataset::new(
            crate::Publisher {
                name: crate::LocalizedText::ru_only("engo"),
                org_id: crate::Bin::example().org_id(),
            },
            chrono::DateTime::UNIX_EPOCH.fixed_offset(),
        )
    })
}
