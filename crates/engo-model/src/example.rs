//! A small, coherent example dataset with real Kazakh and Russian text, embedded from the crate's
//! `data/example-dataset.json`: for documentation, tests and a first look at the format.

use std::sync::LazyLock;

use crate::Dataset;

/// The embedded example, as JSON text.
pub const JSON: &str = include_str!("../data/example-dataset.json");

/// The example, parsed on first use.
///
/// Invariant: [`JSON`] deserializes into a [`Dataset`] of the format this crate reads. A dataset
/// needs the whole model to deserialize, more than a build script can compile, so the check is
/// made where the model is a dependency: engo-criteria's build script deserializes the example
/// and checks its shape, and refuses to build on any error (every crate that uses the example
/// outside tests depends on engo-criteria); this crate's `build.rs` checks that it is JSON, and
/// `tests/it/embedded.rs` checks it all again. Library code does not panic, so the `Err` arm
/// still returns a value: a dataset without records.
static EXAMPLE: LazyLock<Dataset> = LazyLock::new(|| match serde_json::from_str(JSON) {
    Ok(dataset) => dataset,
    Err(_) => Dataset::new(
        crate::Publisher {
            name: crate::LocalizedText::ru_only("engo"),
            org_id: crate::Bin::example().org_id(),
        },
        chrono::DateTime::UNIX_EPOCH.fixed_offset(),
    ),
});

/// The example dataset (a fresh copy to modify at will).
///
/// ```
/// let ds = engo_model::example::dataset();
/// assert!(ds.check_shape().is_empty());
/// assert!(ds.organizations.iter().any(|o| o.name.get(engo_model::Lang::Kk).contains('қ')));
/// ```
pub fn dataset() -> Dataset {
    EXAMPLE.clone()
}
