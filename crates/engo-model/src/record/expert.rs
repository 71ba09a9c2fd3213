//! Experts: opaque ids and the organisations they are affiliated with.

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::{Bin, id::ExpertId};

/// An expert: an opaque id and the organisations the expert is affiliated with (for conflicts of
/// interest). No name, no IIN: an expert is a private person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "Expert")]
pub struct Expert {
    /// Opaque id.
    pub id: ExpertId,
    /// BINs of organisations the expert works for, founded or governs.
    #[serde(default)]
    pub affiliations: BTreeSet<Bin>,
}

impl Expert {
    /// An expert without affiliations.
    ///
    /// ```
    /// use engo_model::record::Expert;
    ///
    /// let mut expert = Expert::new("EX-01".parse()?);
    /// expert.affiliations.insert("110340055505".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(id: ExpertId) -> Expert {
        Expert {
            id,
            affiliations: BTreeSet::new(),
        }
    }
}
