//! The limits on the length of texts, as `validator` checks.

use validator::ValidationError;

use crate::LocalizedText;

/// Most characters a name or title may have, in any language.
pub const MAX_TITLE_CHARS: usize = 500;
/// Most characters a description may have, in any language.
pub const MAX_DESCRIPTION_CHARS: usize = 10_000;

/// A text-length check: every language version of a name or title is at most
/// [`MAX_TITLE_CHARS`] characters.
pub(super) fn title_len(text: &LocalizedText) -> Result<(), ValidationError> {
    max_chars(text, MAX_TITLE_CHARS)
}

/// Every language version of a description is at most [`MAX_DESCRIPTION_CHARS`] characters.
pub(super) fn description_len(text: &LocalizedText) -> Result<(), ValidationError> {
    max_chars(text, MAX_DESCRIPTION_CHARS)
}

fn max_chars(text: &LocalizedText, max: usize) -> Result<(), ValidationError> {
    // A text has at most as many characters as bytes: most are counted without a pass.
    let too_long = |t: &str| t.len() > max && t.chars().count() > max;
    match text.iter().find(|(_, t)| too_long(t)) {
        None => Ok(()),
        Some((lang, t)) => {
            let mut e = ValidationError::new("length");
            e.add_param("max".into(), &max);
            e.add_param("lang".into(), &lang.code());
            e.add_param("chars".into(), &t.chars().count());
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_length_counts_characters() {
        let ok = LocalizedText::from_kk("ә".repeat(MAX_TITLE_CHARS)).unwrap();
        assert!(title_len(&ok).is_ok());
        let long = LocalizedText::from_kk("ә".repeat(MAX_TITLE_CHARS + 1)).unwrap();
        assert!(title_len(&long).is_err());
        // One byte a character: at the limit, and one past it.
        let ascii = |n| LocalizedText::from_parts(None, Some("a".repeat(n)), None).unwrap();
        assert!(title_len(&ascii(MAX_TITLE_CHARS)).is_ok());
        assert!(title_len(&ascii(MAX_TITLE_CHARS + 1)).is_err());
    }
}
