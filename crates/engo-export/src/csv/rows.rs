//! The rows of the package's tables, record by record, straight from the tape: what every
//! cell holds, found once and sent to a [`RowSink`] — a CSV file per table ([`super::CsvWriter`])
//! or a sheet per table ([`crate::xlsx::XlsxWriter`]).

use super::{
    compiled,
    plan::Table,
    walk::{Cell, Feed, Walk, WritePlan},
};
use crate::{
    WriteError,
    record::{Header, Kind},
    schema_shape::{
        Object,
        key_index::{KeyCache, KeyIndex, NONE},
        tape::{Node, Tape, TapeWriter, push_number},
    },
};

/// Where the rows go. A row of table `t` is `begin_row`, then every column in order (`empty`,
/// `text` or `int`), then `end_row`.
pub(crate) trait RowSink {
    /// Begins a row of table `t`.
    fn begin_row(&mut self, t: usize);
    /// Column `c` of the row has no value.
    fn empty(&mut self, t: usize, c: usize);
    /// Column `c` of the row holds `text` (the exact text of the value; empty: no value).
    fn text(&mut self, t: usize, c: usize, text: &[u8]);
    /// Column `c` of the row holds an integer of the tape (a position or an integer value).
    fn int(&mut self, t: usize, c: usize, n: Node);
    /// Ends the row of table `t`.
    fn end_row(&mut self, t: usize) -> Result<(), WriteError>;
}

/// Scratch state of the row writer, reused from row to row.
#[derive(Debug, Default)]
struct Scratch {
    /// The current record (or header), serialized.
    tape: Tape,
    /// Property values of the objects being walked (see [`Scratch::fill_slots`]).
    slots: Vec<usize>,
    /// For each row being written: the value of each walked column, then the array of each
    /// child table (tape nodes, `NONE`: none).
    found: Vec<usize>,
    /// The key of the current row's parent: its parts, one after the other…
    key: Vec<u8>,
    /// … and where each part ends.
    key_ends: Vec<usize>,
    /// A cell's text when it is not a string of the tape.
    cell: Vec<u8>,
    /// The properties of each object shape of the plan met as static keys, by address.
    keys: Vec<KeyCache>,
}

impl Scratch {
    /// Sets `slots[base + i]` to the value of property `i` of `obj` (object shape `id` of the
    /// plan) in the tape object at `at` (the last one of that name, as a JSON map keeps it),
    /// `NONE` where there is none. Returns `base`.
    fn fill_slots(&mut self, id: usize, obj: &Object, index: &KeyIndex, at: usize) -> usize {
        let Scratch {
            tape, slots, keys, ..
        } = self;
        let base = slots.len();
        slots.resize(base + obj.props.len(), NONE);
        if keys.len() <= id {
            keys.resize_with(id + 1, KeyCache::default);
        }
        let Some(cache) = keys.get_mut(id) else {
            return base;
        };
        let end = match tape.node(at) {
            Some(Node::Object(e)) => e,
            _ => 0,
        };
        let (mut k, mut n) = (at + 1, 0);
        while k < end {
            let value = k + 1;
            if let Some(key) = tape.node(k)
                && let Some(slot) = cache
                    .find_nth(n, index, key, tape)
                    .and_then(|i| slots.get_mut(base + i))
            {
                *slot = value;
            }
            k = tape.end(value);
            n += 1;
        }
        base
    }

    /// Walks the object at `at`: sets `found[base + c]` for the columns and child arrays it
    /// feeds.
    fn walk(
        &mut self,
        walk: &Walk,
        objects: &[(Object, KeyIndex)],
        at: usize,
        base: usize,
        ncols: usize,
    ) {
        let Some((obj, index)) = objects.get(walk.object) else {
            return;
        };
        let slots = self.fill_slots(walk.object, obj, index, at);
        for (j, (feeds, inner)) in walk.feeds.iter().zip(&walk.inner).enumerate() {
            let v = self.slots.get(slots + j).copied().unwrap_or(NONE);
            if v == NONE {
                continue;
            }
            let mut langs = false;
            for f in feeds {
                let (i, x) = match *f {
                    Feed::Column(c) => (c, v),
                    Feed::Lang(c, _) => {
                        langs = true;
                        (c, NONE)
                    }
                    Feed::Child(k) => (ncols + k, v),
                };
                if let Some(slot) = self.found.get_mut(base + i) {
                    *slot = x;
                }
            }
            if langs {
                // The languages of a text, in one pass over its entries (the last of a name,
                // as `Tape::get` finds it).
                for (key, x) in self.tape.entries(v) {
                    for f in feeds {
                        if let Feed::Lang(c, lang) = *f
                            && key == lang
                            && let Some(slot) = self.found.get_mut(base + c)
                        {
                            *slot = x;
                        }
                    }
                }
            }
            if let Some(inner) = inner {
                self.walk(inner, objects, v, base, ncols);
            }
        }
        self.slots.truncate(slots);
    }

    /// Puts the text of the cell for the value at `at` (none: empty) into `self.cell`, or
    /// returns where it is in the tape's text.
    fn cell(&mut self, at: Option<usize>) -> Option<(usize, usize)> {
        self.cell.clear();
        match at.and_then(|a| self.tape.node(a).map(|n| (a, n))) {
            None | Some((_, Node::Null)) => {}
            Some((_, Node::Str(s, e))) => return Some((s, e)),
            Some((_, Node::Static(s))) => self.cell.extend_from_slice(s.as_bytes()),
            Some((_, Node::Bool(b))) => {
                self.cell
                    .extend_from_slice(if b { b"true" } else { b"false" });
            }
            Some((_, n @ (Node::U64(_) | Node::I64(_) | Node::F64(_)))) => {
                push_number(&mut self.cell, n);
            }
            Some((a, Node::Array(_) | Node::Object(_))) => {
                self.cell
                    .extend_from_slice(self.tape.to_value(a).to_string().as_bytes());
            }
        }
        None
    }
}

/// The rows of every table of the package, sent to a [`RowSink`] record by record.
#[derive(Debug)]
pub(crate) struct RowWriter<S> {
    tables: &'static [Table],
    write_plan: &'static WritePlan,
    /// Rows written to each top-level table so far (the position of an index-keyed record).
    counts: Vec<usize>,
    scratch: Scratch,
    /// Where the rows go.
    pub(crate) sink: S,
}

impl<S: RowSink> RowWriter<S> {
    /// A writer into `sink` that has written the `dataset` table's row for `header`.
    pub(crate) fn new(header: &Header, sink: S) -> Result<Self, WriteError> {
        let super::Compiled { tables, write_plan } = compiled()?;
        let mut scratch = Scratch::default();
        let root = scratch.tape.push(header, "header")?;
        let mut writer = RowWriter {
            tables,
            write_plan,
            counts: vec![0; tables.len()],
            scratch,
            sink,
        };
        writer.rows(0, root, 0)?;
        Ok(writer)
    }

    /// Writes the row of table `t` for the tape value at `v` and the rows of its children.
    fn rows(&mut self, t: usize, v: usize, index: usize) -> Result<(), WriteError> {
        // Left over only by an error in the middle of a record.
        let scratch = &mut self.scratch;
        scratch.slots.clear();
        scratch.found.clear();
        scratch.key.clear();
        scratch.key_ends.clear();
        let mut rows = Rows {
            tables: self.tables,
            write_plan: self.write_plan,
            sink: &mut self.sink,
            scratch: &mut self.scratch,
        };
        rows.row(t, v, index)
    }
}

impl<S: RowSink> TapeWriter for RowWriter<S> {
    fn write_tape(
        &mut self,
        kind: Kind,
        push: impl FnOnce(&mut Tape) -> Result<usize, WriteError>,
    ) -> Result<(), WriteError> {
        let t = self
            .tables
            .iter()
            .position(|t| t.kind == Some(kind))
            .unwrap_or(0);
        self.scratch.tape.clear();
        let root = push(&mut self.scratch.tape)?;
        let n = self.counts.get(t).copied().unwrap_or(0);
        if let Some(c) = self.counts.get_mut(t) {
            *c += 1;
        }
        self.rows(t, root, n)
    }
}

/// What writing a row needs, borrowed from the [`RowWriter`].
struct Rows<'a, S> {
    tables: &'a [Table],
    write_plan: &'a WritePlan,
    sink: &'a mut S,
    scratch: &'a mut Scratch,
}

impl<S: RowSink> Rows<'_, S> {
    /// Writes the row of table `t` for the tape value at `v` and the rows of its children; the
    /// parent's key is in the scratch key.
    fn row(&mut self, t: usize, v: usize, index: usize) -> Result<(), WriteError> {
        let (tables, write_plan) = (self.tables, self.write_plan);
        let (Some(table), Some(row_plan)) = (tables.get(t), write_plan.rows.get(t)) else {
            return Ok(());
        };
        let scratch = &mut *self.scratch;
        let sink = &mut *self.sink;
        let depth = scratch.key_ends.len();
        let ncols = row_plan.cells.len();
        let base = scratch.found.len();
        scratch
            .found
            .resize(base + ncols + row_plan.children.len(), NONE);
        if let Some(walk) = &row_plan.walk {
            scratch.walk(walk, &write_plan.objects, v, base, ncols);
        }
        sink.begin_row(t);
        let mut pk = 0;
        for (c, cell) in row_plan.cells.iter().enumerate() {
            let own_key = Some(c) == row_plan.key_col && !table.index_key;
            // The common cells straight to the sink: a parent key part, the position, and a
            // walked value that is absent, a string or an integer.
            match cell {
                Cell::ParentKey => {
                    let from = match pk {
                        0 => 0,
                        n => scratch.key_ends.get(n - 1).copied().unwrap_or(0),
                    };
                    let to = scratch.key_ends.get(pk).copied().unwrap_or(from);
                    pk += 1;
                    sink.text(t, c, scratch.key.get(from..to).unwrap_or_default());
                    continue;
                }
                Cell::Index => {
                    sink.int(t, c, Node::U64(index as u64));
                    continue;
                }
                Cell::Walked if !own_key => {
                    let at = scratch.found.get(base + c).copied().unwrap_or(NONE);
                    let node = if at == NONE {
                        None
                    } else {
                        scratch.tape.node(at)
                    };
                    match node {
                        None | Some(Node::Null) => {
                            sink.empty(t, c);
                            continue;
                        }
                        Some(Node::Str(a, b)) => {
                            sink.text(t, c, scratch.tape.bytes(a, b));
                            continue;
                        }
                        Some(Node::Static(text)) => {
                            sink.text(t, c, text.as_bytes());
                            continue;
                        }
                        Some(n @ (Node::U64(_) | Node::I64(_))) => {
                            sink.int(t, c, n);
                            continue;
                        }
                        Some(_) => {}
                    }
                }
                _ => {}
            }
            let text = match cell {
                // Written above.
                Cell::ParentKey | Cell::Index => {
                    scratch.cell.clear();
                    None
                }
                Cell::Walked => {
                    let at = scratch.found.get(base + c).copied().filter(|x| *x != NONE);
                    scratch.cell(at)
                }
                Cell::Names { path, lang } => {
                    let at = path.iter().try_fold(v, |x, k| scratch.tape.get(x, k));
                    let at = match lang {
                        Some(l) => at.and_then(|x| scratch.tape.get(x, l)),
                        None => at,
                    };
                    scratch.cell(at)
                }
                Cell::Value => scratch.cell(Some(v)),
            };
            let bytes = match text {
                Some((a, b)) => scratch.tape.str(a, b).as_bytes(),
                None => &scratch.cell,
            };
            if own_key {
                // After the parent's key: the parts it has are not moved.
                scratch.key.extend_from_slice(bytes);
            }
            sink.text(t, c, bytes);
        }
        sink.end_row(t)?;
        // This row's key, for its children (its own key cell, or its position).
        if table.index_key {
            push_number(&mut scratch.key, Node::U64(index as u64));
        }
        scratch.key_ends.push(scratch.key.len());
        let mut result = Ok(());
        'children: for (k, (child, names)) in row_plan.children.iter().enumerate() {
            let arr = match names {
                None => self
                    .scratch
                    .found
                    .get(base + ncols + k)
                    .copied()
                    .filter(|x| *x != NONE),
                Some(path) => path
                    .iter()
                    .try_fold(v, |x, key| self.scratch.tape.get(x, key)),
            };
            let Some(arr) = arr else {
                continue;
            };
            if !matches!(self.scratch.tape.node(arr), Some(Node::Array(_))) {
                continue;
            }
            let (mut at, end) = (arr + 1, self.scratch.tape.end(arr));
            let mut i = 0;
            while at < end {
                let next = self.scratch.tape.end(at);
                result = self.row(*child, at, i);
                if result.is_err() {
                    break 'children;
                }
                at = next;
                i += 1;
            }
        }
        let scratch = &mut *self.scratch;
        scratch.key_ends.truncate(depth);
        let end = scratch.key_ends.last().copied().unwrap_or(0);
        scratch.key.truncate(end);
        scratch.found.truncate(base);
        result
    }
}
