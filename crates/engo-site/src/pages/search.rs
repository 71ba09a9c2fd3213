//! The search page: a form that finds organisations by part of their name in Kazakh or Russian,
//! or by BIN, with a small script over a prebuilt index ([`crate::search`]); without scripts,
//! the lists by region and priority area.

use askama::Template;

use crate::{
    context::Ctx,
    paths::{Filter, ListKind, PageKind},
};

#[derive(Template)]
#[template(path = "search.html")]
pub(super) struct SearchPage<'s> {
    ctx: Ctx<'s>,
}

impl<'s> SearchPage<'s> {
    pub(super) fn new(ctx: Ctx<'s>) -> SearchPage<'s> {
        SearchPage { ctx }
    }
}
