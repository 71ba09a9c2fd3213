//! The dataset as it may be published: no personal identifier, no private person's contact.

use std::borrow::Cow;

use engo_criteria::{Code, Finding, privacy};
use engo_model::Dataset;

/// A dataset ready for the open outputs, and what was changed to make it so.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct OpenDataset<'a> {
    /// The dataset to publish: the original when it needed no change.
    pub dataset: Cow<'a, Dataset>,
    /// One `privacy.masked` finding (info) per text whose personal data were masked, at the
    /// text's JSON pointer.
    pub masked: Vec<Finding>,
}

/// Why a dataset could not be made ready for publication.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// The masked copy no longer reads as a dataset (a masked text broke an identifier).
    #[error("the dataset with its personal data masked is not a dataset any more: {0}")]
    Masked(#[source] serde_json::Error),
}

/// `ds` with every IIN and e-mail address found in its texts masked ([`privacy::mask`]) — what
/// every open output of `engo publish` is written from, whatever the findings and
/// `--allow-errors` say: a privacy finding is not an error a publisher may wave through.
///
/// ```
/// let mut ds = engo::model::example::dataset();
/// let open = engo::open_dataset(&ds)?;
/// assert!(open.masked.is_empty()); // nothing personal: the dataset is published as it is
///
/// let title = &mut ds.social_orders[0].title;
/// *title = engo::model::LocalizedText::from_kk_ru(
///     "Жобаның жетекшісі: ЖСН 061211600012",
///     "Руководитель проекта: ИИН 061211600012",
/// )?;
/// let open = engo::open_dataset(&ds)?;
/// assert_eq!(open.dataset.social_orders[0].title.get(engo::model::Lang::Ru), "Руководитель проекта: ИИН ••••••••••••");
/// assert_eq!(open.masked.len(), 2); // the Kazakh and the Russian text
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn open_dataset(ds: &Dataset) -> Result<OpenDataset<'_>, OpenError> {
    let personal = privacy::scan(ds);
    if personal.is_empty() {
        return Ok(OpenDataset {
            dataset: Cow::Borrowed(ds),
            masked: Vec::new(),
        });
    }
    let mut value = serde_json::to_value(ds).map_err(OpenError::Masked)?;
    let mut masked: Vec<Finding> = Vec::new();
    for finding in personal {
        // One text may have both an IIN and an e-mail address: it is masked once.
        if masked.iter().any(|m| m.path == finding.path) {
            continue;
        }
        let Some(serde_json::Value::String(text)) = value.pointer_mut(&finding.path) else {
            continue;
        };
        if let Cow::Owned(clean) = privacy::mask(text) {
            *text = clean;
            masked.push(Finding::new(
                Code::PrivacyMasked,
                finding.path.clone(),
                finding.record.clone(),
                finding.params.get("field").map(|f| ("field", f.clone())),
            ));
        }
    }
    let dataset: Dataset = serde_json::from_value(value).map_err(OpenError::Masked)?;
    Ok(OpenDataset {
        dataset: Cow::Owned(dataset),
        masked,
    })
}
