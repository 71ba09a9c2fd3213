//! How the writer finds the value of every column in a record's tape: the tables' columns
//! compiled, once, into walks over the object shapes.

use super::plan::{Content, Table};
use crate::schema_shape::{Object, Type, key_index::KeyIndex};

/// A column of a table, resolved against the shapes for the writer.
#[derive(Debug)]
pub(super) enum Cell {
    /// The next part of the parent's key.
    ParentKey,
    /// The position in the parent's array (or in the collection).
    Index,
    /// A value found by the walk of the row object ([`Walk`]).
    Walked,
    /// The value at these names, looked up as in a JSON value (a path the shapes do not know).
    Names {
        path: Vec<String>,
        lang: Option<&'static str>,
    },
    /// The row value itself (link tables).
    Value,
}

/// What a property of a row object feeds.
#[derive(Debug, Clone, Copy)]
pub(super) enum Feed {
    /// Column `c`.
    Column(usize),
    /// Column `c`, with one language of the text.
    Lang(usize, &'static str),
    /// The array of child table `k` (the position in [`RowPlan::children`]).
    Child(usize),
}

/// The walk of an object of a row: its shape and, for each property, what it feeds and the walk
/// of its value when that is an object leading to more columns. Built from the columns' paths,
/// so it reads exactly what `Value::get` along each path would.
#[derive(Debug, Default)]
pub(super) struct Walk {
    /// The object shape, by its position in [`WritePlan::objects`].
    pub(super) object: usize,
    /// What each property feeds.
    pub(super) feeds: Vec<Vec<Feed>>,
    /// The walk of each property's value, when it leads to more.
    pub(super) inner: Vec<Option<Walk>>,
}

impl Walk {
    fn new(object: usize, objects: &[(Object, KeyIndex)]) -> Walk {
        let n = objects.get(object).map_or(0, |o| o.0.props.len());
        Walk {
            object,
            feeds: (0..n).map(|_| Vec::new()).collect(),
            inner: (0..n).map(|_| None).collect(),
        }
    }

    /// Adds `feed` at the end of `path` (object shape and property at each step).
    fn add(&mut self, path: &[(usize, usize)], feed: Feed, objects: &[(Object, KeyIndex)]) {
        let Some(((_, j), rest)) = path.split_first() else {
            return;
        };
        match rest.first() {
            None => {
                if let Some(f) = self.feeds.get_mut(*j) {
                    f.push(feed);
                }
            }
            Some((next, _)) => {
                if let Some(slot) = self.inner.get_mut(*j) {
                    slot.get_or_insert_with(|| Walk::new(*next, objects))
                        .add(rest, feed, objects);
                }
            }
        }
    }
}

/// How the writer fills the rows of one table.
#[derive(Debug)]
pub(super) struct RowPlan {
    pub(super) cells: Vec<Cell>,
    /// The walk of the row object, if any column or child table reads it.
    pub(super) walk: Option<Walk>,
    /// The column holding the row's own key, when it is not the position.
    pub(super) key_col: Option<usize>,
    /// The child tables; the array of each is found by the walk, or at these names.
    pub(super) children: Vec<(usize, Option<Vec<String>>)>,
}

/// The tables compiled for the writer.
#[derive(Debug)]
pub(super) struct WritePlan {
    pub(super) rows: Vec<RowPlan>,
    /// The object shapes that paths go through, with their index.
    pub(super) objects: Vec<(Object, KeyIndex)>,
}

/// Resolves `path` from a row of type `item` into (object shape, property) steps; `None` when a
/// name is not in its shape.
fn steps(
    item: &Type,
    path: &[String],
    objects: &mut Vec<(Object, KeyIndex)>,
) -> Option<Vec<(usize, usize)>> {
    let mut out = Vec::with_capacity(path.len());
    let mut ty = item;
    for name in path {
        let Type::Object(o) = ty else {
            return None;
        };
        let j = o.props.iter().position(|p| &p.name == name)?;
        let id = match objects.iter().position(|x| &x.0 == o) {
            Some(id) => id,
            None => {
                objects.push((o.clone(), KeyIndex::new(o)));
                objects.len() - 1
            }
        };
        out.push((id, j));
        ty = &o.props.get(j)?.ty;
    }
    Some(out)
}

pub(super) fn compile(tables: &[Table]) -> WritePlan {
    let mut objects = Vec::new();
    let mut rows = Vec::with_capacity(tables.len());
    for (t, table) in tables.iter().enumerate() {
        let mut walk: Option<Walk> = None;
        let mut feed = |path: &[String], f: Feed, objects: &mut Vec<(Object, KeyIndex)>| -> bool {
            match steps(&table.item, path, objects) {
                Some(st) => match st.first() {
                    Some((root, _)) => {
                        walk.get_or_insert_with(|| Walk::new(*root, objects))
                            .add(&st, f, objects);
                        true
                    }
                    // An empty path: the row itself, never a column of a table.
                    None => false,
                },
                None => false,
            }
        };
        let mut cells = Vec::with_capacity(table.columns.len());
        for (c, col) in table.columns.iter().enumerate() {
            cells.push(match &col.content {
                Content::ParentKey { .. } => Cell::ParentKey,
                Content::Index => Cell::Index,
                Content::Scalar { path, .. } => {
                    if feed(path, Feed::Column(c), &mut objects) {
                        Cell::Walked
                    } else {
                        Cell::Names {
                            path: path.clone(),
                            lang: None,
                        }
                    }
                }
                Content::Lang { path, lang } => {
                    if feed(path, Feed::Lang(c, lang), &mut objects) {
                        Cell::Walked
                    } else {
                        Cell::Names {
                            path: path.clone(),
                            lang: Some(*lang),
                        }
                    }
                }
                Content::Value { .. } => Cell::Value,
            });
        }
        let mut children = Vec::new();
        for (i, c) in tables.iter().enumerate() {
            if let Some((p, path)) = &c.parent
                && *p == t
            {
                let k = children.len();
                let walked = feed(path, Feed::Child(k), &mut objects);
                children.push((i, (!walked).then(|| path.clone())));
            }
        }
        let key_col = if table.index_key {
            None
        } else {
            table
                .key
                .last()
                .and_then(|k| table.columns.iter().position(|c| &c.name == k))
        };
        rows.push(RowPlan {
            cells,
            walk,
            key_col,
            children,
        });
    }
    WritePlan { rows, objects }
}
