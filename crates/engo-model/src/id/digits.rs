//! The text of the numeric identifiers, ASCII digits by construction.

use super::IdError;

/// `N` ASCII digits: the text of a BIN, an IIN or a KATO code.
///
/// Invariant: every byte is an ASCII digit. The field is private to this module, and the
/// only ways in are [`Digits::parse`], which checks every character, and the literal
/// [`Digits::EXAMPLE_BIN`]; so the bytes are always UTF-8 and [`Digits::as_str`] is always
/// their text (tested by `digits_are_their_text` below and by every identifier test).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct Digits<const N: usize>([u8; N]);

impl Digits<12> {
    /// The BIN of the org-id register's own example.
    pub(super) const EXAMPLE_BIN: Digits<12> = Digits(*b"000640002067");
}

impl Digits<9> {
    /// The first two digits as text (the region of a KATO code).
    pub(super) fn first_two(&self) -> &str {
        let [first_two @ .., _, _, _, _, _, _, _] = &self.0;
        text(first_two)
    }
}

impl<const N: usize> Digits<N> {
    /// Exactly `N` ASCII digits, naming the identifier (`kind`) in errors.
    pub(super) fn parse(kind: &'static str, s: &str) -> Result<Self, IdError> {
        let found = s.chars().count();
        if found != N {
            return Err(IdError::Length {
                kind,
                expected: N,
                found,
            });
        }
        if let Some((position, found)) = s.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(IdError::NotDigit {
                kind,
                position: position + 1,
                found,
            });
        }
        // All N characters are ASCII digits, so the string is exactly N bytes.
        s.as_bytes()
            .try_into()
            .map(Self)
            .map_err(|_| IdError::Length {
                kind,
                expected: N,
                found,
            })
    }

    /// The digits as bytes, each `b'0'..=b'9'`.
    pub(super) fn bytes(&self) -> &[u8; N] {
        &self.0
    }

    /// The digits as text.
    pub(super) fn as_str(&self) -> &str {
        text(&self.0)
    }
}

/// The text of bytes of a [`Digits`].
///
/// Safe Rust has no infallible conversion of bytes to text (`<[u8]>::as_ascii` is unstable), so
/// this is `from_utf8`, whose `Err` cannot occur here: the bytes are ASCII digits (the invariant
/// of [`Digits`]). Library code does not panic, so that case would give `""`.
fn text(ascii_digits: &[u8]) -> &str {
    std::str::from_utf8(ascii_digits).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_their_text() {
        assert_eq!(Digits::EXAMPLE_BIN.as_str(), "000640002067");
        assert!(Digits::EXAMPLE_BIN.bytes().iter().all(u8::is_ascii_digit));
        for s in ["000000000", "123456789", "999999999"] {
            let d = Digits::<9>::parse("KATO", s).unwrap();
            assert_eq!(d.as_str(), s);
            assert_eq!(d.first_two(), &s[..2]);
        }
        assert!(Digits::<9>::parse("KATO", "12345678٩").is_err()); // an Arabic-Indic nine
        assert!(Digits::<9>::parse("KATO", "12345678").is_err());
    }
}
