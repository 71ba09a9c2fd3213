//! The shape of the exported types, read from their generated JSON Schema: which properties an
//! object has (sorted by name), which are arrays, which are multilingual text, and the type and
//! constraints of every scalar. XML, XSD, CSV and the Table Schemas are all driven by it, so
//! they cannot drift from the JSON form.

use serde_json::{Map, Value};

/// A scalar's JSON Schema facts.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Scalar {
    /// Name of the `$defs` entry it came from (`Money`, `Bin`, `RecordId`…), if any.
    pub(crate) def: Option<String>,
    /// `pattern`, as written in the JSON Schema (ECMA-262, anchored with `^…$`).
    pub(crate) pattern: Option<String>,
    /// `format` (`date`, `date-time`, `email`, `uri`…).
    pub(crate) format: Option<String>,
    /// Allowed values (`enum`, `const` or a `oneOf` of consts).
    pub(crate) values: Option<Vec<String>>,
    /// `minLength`.
    pub(crate) min_len: Option<u64>,
    /// `maxLength`.
    pub(crate) max_len: Option<u64>,
}

/// A type of the exported tree.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ty {
    /// `LocalizedText`: `{kk?, ru?, en?}`.
    Text,
    /// A string.
    Str(Scalar),
    /// An integer with its bounds and schemars `format` (`uint32`, `int32`, `uint64`).
    Int {
        min: Option<i64>,
        max: Option<i64>,
        format: Option<String>,
    },
    /// A boolean.
    Bool,
    /// An object.
    Obj(Obj),
    /// An array.
    Arr {
        item: Box<Ty>,
        min_items: Option<u64>,
    },
}

/// An object type: its properties sorted by name.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Obj {
    /// Name of the `$defs` entry, if any.
    pub(crate) def: Option<String>,
    /// Properties, sorted by name.
    pub(crate) props: Vec<Prop>,
}

/// A property of an object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Prop {
    /// JSON name.
    pub(crate) name: String,
    /// Type.
    pub(crate) ty: Ty,
    /// Listed in `required`.
    pub(crate) required: bool,
    /// May be `null` or absent (an `Option`).
    pub(crate) nullable: bool,
}

impl Obj {
    /// The property named `name`.
    pub(crate) fn prop(&self, name: &str) -> Option<&Prop> {
        self.props.iter().find(|p| p.name == name)
    }
}

/// Why a schema could not be read as a shape (a bug in this crate, reported, never a panic).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot map the JSON Schema at {at} to an export shape: {why}")]
pub struct ShapeError {
    /// Where in the schema.
    pub at: String,
    /// What was not understood.
    pub why: String,
}

fn err(at: &str, why: impl Into<String>) -> ShapeError {
    ShapeError {
        at: at.to_owned(),
        why: why.into(),
    }
}

/// Reads the shape of a root schema produced by schemars.
pub(crate) fn of_root(root: &Value) -> Result<Ty, ShapeError> {
    let defs = root
        .get("$defs")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    build(root, &defs, None, "#", 0).map(|(t, _)| t)
}

/// The shape of a type with a `JsonSchema` impl.
pub(crate) fn of<T: schemars::JsonSchema>() -> Result<Ty, ShapeError> {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    of_root(schema.as_value())
}

fn str_list(v: Option<&Value>) -> Option<Vec<String>> {
    v.and_then(Value::as_array).map(|a| {
        a.iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect()
    })
}

/// Builds the type of `s`; returns it and whether `null` is allowed.
fn build(
    s: &Value,
    defs: &Map<String, Value>,
    def: Option<String>,
    at: &str,
    depth: usize,
) -> Result<(Ty, bool), ShapeError> {
    if depth > 32 {
        return Err(err(at, "nesting too deep (a recursive type?)"));
    }
    let o = s.as_object().ok_or_else(|| err(at, "not an object"))?;
    if let Some(r) = o.get("$ref").and_then(Value::as_str) {
        let name = r
            .strip_prefix("#/$defs/")
            .ok_or_else(|| err(at, format!("unsupported $ref {r}")))?;
        if name == "LocalizedText" {
            return Ok((Ty::Text, false));
        }
        let target = defs
            .get(name)
            .ok_or_else(|| err(at, format!("unknown $ref {r}")))?;
        return build(target, defs, Some(name.to_owned()), r, depth + 1);
    }
    for key in ["anyOf", "oneOf"] {
        let Some(alts) = o.get(key).and_then(Value::as_array) else {
            continue;
        };
        let non_null: Vec<&Value> = alts
            .iter()
            .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        let nullable = non_null.len() < alts.len();
        if let [one] = non_null.as_slice() {
            let (t, n) = build(one, defs, def, at, depth + 1)?;
            return Ok((t, n || nullable));
        }
        if non_null.iter().all(|a| a.get("const").is_some()) {
            let values = non_null
                .iter()
                .filter_map(|a| a.get("const").and_then(Value::as_str).map(str::to_owned))
                .collect();
            return Ok((
                Ty::Str(Scalar {
                    def,
                    values: Some(values),
                    ..Scalar::default()
                }),
                nullable,
            ));
        }
        // A union of objects (adjacently tagged enums): merge the properties; a property is
        // required when every variant requires it.
        let mut merged: Vec<Prop> = Vec::new();
        let mut counts: Vec<usize> = Vec::new();
        for alt in &non_null {
            let (t, _) = build(alt, defs, None, at, depth + 1)?;
            let Ty::Obj(obj) = t else {
                return Err(err(at, "a union of non-objects"));
            };
            for p in obj.props {
                match merged.iter().position(|m| m.name == p.name) {
                    Some(i) => {
                        if let (Some(m), Some(c)) = (merged.get_mut(i), counts.get_mut(i)) {
                            if let (Ty::Str(a), Ty::Str(b)) = (&mut m.ty, &p.ty)
                                && let (Some(av), Some(bv)) = (&mut a.values, &b.values)
                            {
                                av.extend(bv.iter().cloned());
                            }
                            m.required &= p.required;
                            *c += 1;
                        }
                    }
                    None => {
                        merged.push(p);
                        counts.push(1);
                    }
                }
            }
        }
        for (p, c) in merged.iter_mut().zip(&counts) {
            if *c < non_null.len() {
                p.required = false;
                p.nullable = true;
            }
        }
        merged.sort_by(|a, b| a.name.cmp(&b.name));
        return Ok((Ty::Obj(Obj { def, props: merged }), nullable));
    }
    let (ty, nullable) = match o.get("type") {
        Some(Value::String(t)) => (t.clone(), false),
        Some(Value::Array(ts)) => {
            let names: Vec<&str> = ts.iter().filter_map(Value::as_str).collect();
            let nullable = names.contains(&"null");
            let t = names
                .iter()
                .find(|n| **n != "null")
                .map(|s| (*s).to_owned())
                .unwrap_or_default();
            (t, nullable)
        }
        _ if o.contains_key("const") => ("string".to_owned(), false),
        _ if o.contains_key("properties") => ("object".to_owned(), false),
        _ => return Err(err(at, "no type")),
    };
    let u = |k: &str| o.get(k).and_then(Value::as_u64);
    let i = |k: &str| o.get(k).and_then(Value::as_i64);
    let t = match ty.as_str() {
        "string" => Ty::Str(Scalar {
            def,
            pattern: o.get("pattern").and_then(Value::as_str).map(str::to_owned),
            format: o.get("format").and_then(Value::as_str).map(str::to_owned),
            values: str_list(o.get("enum")).or_else(|| {
                o.get("const")
                    .and_then(Value::as_str)
                    .map(|c| vec![c.to_owned()])
            }),
            min_len: u("minLength"),
            max_len: u("maxLength"),
        }),
        "integer" => Ty::Int {
            min: i("minimum"),
            max: i("maximum"),
            format: o.get("format").and_then(Value::as_str).map(str::to_owned),
        },
        "boolean" => Ty::Bool,
        "array" => {
            let items = o
                .get("items")
                .ok_or_else(|| err(at, "array without items"))?;
            let (item, _) = build(items, defs, None, at, depth + 1)?;
            Ty::Arr {
                item: Box::new(item),
                min_items: u("minItems"),
            }
        }
        "object" => {
            let required: Vec<String> = str_list(o.get("required")).unwrap_or_default();
            let mut props = Vec::new();
            if let Some(ps) = o.get("properties").and_then(Value::as_object) {
                for (name, ps) in ps {
                    let (t, nullable) = build(ps, defs, None, &format!("{at}/{name}"), depth + 1)?;
                    props.push(Prop {
                        name: name.clone(),
                        ty: t,
                        required: required.contains(name),
                        nullable,
                    });
                }
            }
            props.sort_by(|a, b| a.name.cmp(&b.name));
            Ty::Obj(Obj { def, props })
        }
        other => return Err(err(at, format!("unsupported type {other:?}"))),
    };
    Ok((t, nullable))
}

// ---------------------------------------------------------------------------------------------
// The tape: a record serialized once into reused buffers, read by the shape-driven writers.

/// A node of a [`Tape`]. Objects and arrays are followed by their content in document order;
/// an object's content alternates keys ([`Node::Str`] or [`Node::Static`]) and values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Node {
    /// `null` (also `None` and `()`).
    Null,
    /// A boolean.
    Bool(bool),
    /// A non-negative integer.
    U64(u64),
    /// A negative integer (or any `i64`).
    I64(i64),
    /// A float (only from a [`Value`]).
    F64(f64),
    /// A string or a key: the byte range of the tape's text.
    Str(usize, usize),
    /// A string or a key whose text is static (a struct's field name, a variant's name): not
    /// copied, and the same field gives the same pointer every time ([`KeyCache`]).
    Static(&'static str),
    /// An array; the index past its last node.
    Arr(usize),
    /// An object; the index past its last node.
    Obj(usize),
}

/// A serialized value as a flat list of nodes and one text buffer: the same tree as
/// `serde_json::to_value` builds, without an allocation per value. Reused from record to record.
#[derive(Debug, Default)]
pub(crate) struct Tape {
    nodes: Vec<Node>,
    text: String,
}

/// Why the tape serializer stopped: something it does not mirror exactly (floats, non-string
/// map keys…) or an error of the value's `Serialize` impl. The caller then goes through
/// `serde_json::to_value`, which gives the exact value or the exact error.
#[derive(Debug)]
pub(crate) struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not supported by the tape serializer")
    }
}

impl std::error::Error for Unsupported {}

impl serde::ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

impl Tape {
    /// Empties the tape, keeping its buffers.
    pub(crate) fn clear(&mut self) {
        self.nodes.clear();
        self.text.clear();
    }

    /// The node at `i`.
    pub(crate) fn node(&self, i: usize) -> Option<Node> {
        self.nodes.get(i).copied()
    }

    /// The text of a [`Node::Str`] range.
    pub(crate) fn str(&self, start: usize, end: usize) -> &str {
        self.text.get(start..end).unwrap_or_default()
    }

    /// The bytes of a [`Node::Str`] range (no check of character boundaries: for writers
    /// that copy bytes).
    pub(crate) fn bytes(&self, start: usize, end: usize) -> &[u8] {
        self.text.as_bytes().get(start..end).unwrap_or_default()
    }

    /// The string at `i`, if it is one.
    pub(crate) fn as_str(&self, i: usize) -> Option<&str> {
        match self.node(i)? {
            Node::Str(s, e) => Some(self.str(s, e)),
            Node::Static(s) => Some(s),
            _ => None,
        }
    }

    /// The index past the last node of the value at `i`.
    pub(crate) fn end(&self, i: usize) -> usize {
        match self.node(i) {
            Some(Node::Arr(e) | Node::Obj(e)) => e,
            _ => i + 1,
        }
    }

    /// The items of the array at `i` (nothing if it is not an array).
    pub(crate) fn items(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = match self.node(i) {
            Some(Node::Arr(e)) => e,
            _ => 0,
        };
        let mut at = i + 1;
        std::iter::from_fn(move || {
            if at >= end {
                return None;
            }
            let item = at;
            at = self.end(at);
            Some(item)
        })
    }

    /// The entries (key, index of the value) of the object at `i`, in serialization order
    /// (nothing if it is not an object).
    pub(crate) fn entries(&self, i: usize) -> impl Iterator<Item = (&str, usize)> + '_ {
        let end = match self.node(i) {
            Some(Node::Obj(e)) => e,
            _ => 0,
        };
        let mut at = i + 1;
        std::iter::from_fn(move || {
            if at >= end {
                return None;
            }
            let key = self.as_str(at).unwrap_or_default();
            let value = at + 1;
            at = self.end(value);
            Some((key, value))
        })
    }

    /// The value of `key` in the object at `i` (the last one, as a JSON map keeps it).
    pub(crate) fn get(&self, i: usize, key: &str) -> Option<usize> {
        let mut found = None;
        for (k, v) in self.entries(i) {
            if k == key {
                found = Some(v);
            }
        }
        found
    }

    /// The value at `i` as a JSON value (for error messages and rare cells).
    pub(crate) fn to_value(&self, i: usize) -> Value {
        match self.node(i) {
            None | Some(Node::Null) => Value::Null,
            Some(Node::Bool(b)) => Value::Bool(b),
            Some(Node::U64(n)) => Value::from(n),
            Some(Node::I64(n)) => Value::from(n),
            Some(Node::F64(f)) => {
                serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
            }
            Some(Node::Str(s, e)) => Value::String(self.str(s, e).to_owned()),
            Some(Node::Static(s)) => Value::String(s.to_owned()),
            Some(Node::Arr(_)) => Value::Array(self.items(i).map(|x| self.to_value(x)).collect()),
            Some(Node::Obj(_)) => {
                let mut map = Map::new();
                for (k, v) in self.entries(i) {
                    map.insert(k.to_owned(), self.to_value(v));
                }
                Value::Object(map)
            }
        }
    }

    fn push_str(&mut self, s: &str) {
        let start = self.text.len();
        self.text.push_str(s);
        self.nodes.push(Node::Str(start, self.text.len()));
    }

    /// Appends a static string (not copied).
    fn push_static(&mut self, s: &'static str) {
        self.nodes.push(Node::Static(s));
    }

    /// Sets the end of the container opened at `at` to the current end of the tape.
    fn close(&mut self, at: usize) {
        let end = self.nodes.len();
        if let Some(Node::Arr(e) | Node::Obj(e)) = self.nodes.get_mut(at) {
            *e = end;
        }
    }

    /// Appends `v`; returns the index of its node.
    pub(crate) fn push_value(&mut self, v: &Value) -> usize {
        let at = self.nodes.len();
        match v {
            Value::Null => self.nodes.push(Node::Null),
            Value::Bool(b) => self.nodes.push(Node::Bool(*b)),
            Value::Number(n) => self.nodes.push(if let Some(u) = n.as_u64() {
                Node::U64(u)
            } else if let Some(i) = n.as_i64() {
                Node::I64(i)
            } else {
                Node::F64(n.as_f64().unwrap_or_default())
            }),
            Value::String(s) => self.push_str(s),
            Value::Array(items) => {
                self.nodes.push(Node::Arr(at));
                for x in items {
                    self.push_value(x);
                }
                self.close(at);
            }
            Value::Object(map) => {
                self.nodes.push(Node::Obj(at));
                for (k, x) in map {
                    self.push_str(k);
                    self.push_value(x);
                }
                self.close(at);
            }
        }
        at
    }

    /// Appends `v` serialized as `serde_json::to_value` would; returns the index of its node.
    /// On [`Unsupported`] the tape is left as it was.
    pub(crate) fn push_serialize<T: serde::Serialize + ?Sized>(
        &mut self,
        v: &T,
    ) -> Result<usize, Unsupported> {
        let (at, text) = (self.nodes.len(), self.text.len());
        match v.serialize(TapeSer { tape: self }) {
            Ok(()) => Ok(at),
            Err(e) => {
                self.nodes.truncate(at);
                self.text.truncate(text);
                Err(e)
            }
        }
    }

    /// Appends `v` (a record, the header…) as `serde_json::to_value` would build it, through
    /// `to_value` itself when the tape serializer cannot mirror it; `what` names it in errors.
    pub(crate) fn push<T: serde::Serialize>(
        &mut self,
        v: &T,
        what: &str,
    ) -> Result<usize, crate::WriteError> {
        match self.push_serialize(v) {
            Ok(at) => Ok(at),
            Err(Unsupported) => {
                let value = serde_json::to_value(v).map_err(|e| crate::WriteError::Serialize {
                    what: what.to_owned(),
                    message: e.to_string(),
                })?;
                Ok(self.push_value(&value))
            }
        }
    }
}

/// Finds a property of an object by name in one or two probes (a small open-addressing table
/// hashed on the length and three bytes of the name), for the writers' inner loop.
#[derive(Debug, Clone)]
pub(crate) struct KeyIndex {
    /// Property position + 1 (0: empty).
    table: Vec<u32>,
    names: Vec<String>,
}

impl KeyIndex {
    fn hash(key: &[u8]) -> usize {
        let n = key.len();
        let b = |i: usize| usize::from(key.get(i).copied().unwrap_or(0));
        let h = n ^ (b(0) << 4) ^ (b(n.saturating_sub(1)) << 9) ^ (b(n / 2) << 14);
        h.wrapping_mul(0x9E37_79B9)
    }

    /// The index of the properties of `obj`.
    pub(crate) fn new(obj: &Obj) -> KeyIndex {
        let size = (obj.props.len() * 4).next_power_of_two().max(8);
        let mut table = vec![0u32; size];
        for (i, p) in obj.props.iter().enumerate() {
            let mut at = Self::hash(p.name.as_bytes()) >> 7;
            loop {
                let slot = at & (size - 1);
                match table.get_mut(slot) {
                    Some(x @ 0) => {
                        *x = u32::try_from(i + 1).unwrap_or(0);
                        break;
                    }
                    Some(_) => at += 1,
                    None => break,
                }
            }
        }
        KeyIndex {
            table,
            names: obj.props.iter().map(|p| p.name.clone()).collect(),
        }
    }

    /// The position of the property named `key`.
    pub(crate) fn find(&self, key: &str) -> Option<usize> {
        let mask = self.table.len().wrapping_sub(1);
        let mut at = Self::hash(key.as_bytes()) >> 7;
        loop {
            let i = usize::try_from(*self.table.get(at & mask)?)
                .ok()?
                .checked_sub(1)?;
            if self.names.get(i).is_some_and(|n| n == key) {
                return Some(i);
            }
            at += 1;
        }
    }
}

/// Remembers which property of an object shape a static key ([`Node::Static`]) is, by the key's
/// address: a struct's field names are the same `&'static str` in every record, so after the
/// first record a key is found by comparing an address and a length instead of hashing and
/// comparing its text. A cache only: a key it does not hold is looked up in the [`KeyIndex`].
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyCache {
    /// (address, length, property position or [`KeyCache::ABSENT`]); address 0: empty.
    slots: Vec<(usize, usize, usize)>,
    /// The same for the n-th entry of the last objects (a struct's fields come in order).
    seq: Vec<(usize, usize, usize)>,
}

impl KeyCache {
    /// The position of a key that is not a property of the shape.
    const ABSENT: usize = usize::MAX;

    /// The position of `key`, the `n`-th key of its object, in the shape indexed by `index`.
    #[inline]
    pub(crate) fn find_nth(
        &mut self,
        n: usize,
        index: &KeyIndex,
        key: Node,
        tape: &Tape,
    ) -> Option<usize> {
        let Node::Static(text) = key else {
            return self.find(index, key, tape);
        };
        let addr = text.as_ptr() as usize;
        if let Some(&(a, len, p)) = self.seq.get(n)
            && a == addr
            && len == text.len()
        {
            return (p != Self::ABSENT).then_some(p);
        }
        let found = self.find(index, key, tape);
        let entry = (addr, text.len(), found.unwrap_or(Self::ABSENT));
        if n == self.seq.len() {
            self.seq.push(entry);
        } else if let Some(e) = self.seq.get_mut(n) {
            *e = entry;
        }
        found
    }

    /// The position of `key` in the shape indexed by `index`, for a key of the tape.
    pub(crate) fn find(&mut self, index: &KeyIndex, key: Node, tape: &Tape) -> Option<usize> {
        let Node::Static(key) = key else {
            return match key {
                Node::Str(s, e) => index.find(tape.str(s, e)),
                _ => None,
            };
        };
        let addr = key.as_ptr() as usize;
        if self.slots.is_empty() {
            let size = (index.table.len() * 2).next_power_of_two();
            self.slots = vec![(0, 0, 0); size];
        }
        let mask = self.slots.len().wrapping_sub(1);
        let slot = ((addr ^ (addr >> 11)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) & mask;
        if let Some(&(a, n, p)) = self.slots.get(slot)
            && a == addr
            && n == key.len()
        {
            return (p != Self::ABSENT).then_some(p);
        }
        let found = index.find(key);
        if let Some(s) = self.slots.get_mut(slot) {
            *s = (addr, key.len(), found.unwrap_or(Self::ABSENT));
        }
        found
    }
}

/// Appends the body of `record` to `tape` (as [`Record::to_value`] builds it).
///
/// [`Record::to_value`]: crate::record::Record::to_value
pub(crate) fn push_record(
    tape: &mut Tape,
    record: &crate::record::Record,
) -> Result<usize, crate::WriteError> {
    use crate::record::Record as R;
    let what = record.kind().name();
    match record {
        R::Organization(r) => tape.push(r, what),
        R::StateBody(r) => tape.push(r, what),
        R::SocialOrder(r) => tape.push(r, what),
        R::Grant(r) => tape.push(r, what),
        R::Award(r) => tape.push(r, what),
        R::Application(r) => tape.push(r, what),
        R::Evaluation(r) => tape.push(r, what),
        R::Expert(r) => tape.push(r, what),
        R::Project(r) => tape.push(r, what),
        R::MediationCase(r) => tape.push(r, what),
        R::Event(r) => tape.push(r, what),
    }
}

/// What receives the records of a dataset, borrowed ([`each_record`]).
pub(crate) trait RecordSink {
    /// One record of `kind`.
    fn record<T: serde::Serialize>(
        &mut self,
        kind: crate::record::Kind,
        record: &T,
    ) -> Result<(), crate::WriteError>;
}

/// Gives every record of `ds` to `sink` in dataset order (the order of
/// [`crate::record::records`]), borrowed rather than cloned.
pub(crate) fn each_record<S: RecordSink>(
    ds: &engo_model::Dataset,
    sink: &mut S,
) -> Result<(), crate::WriteError> {
    use crate::record::Kind as K;
    fn all<S: RecordSink, T: serde::Serialize>(
        sink: &mut S,
        kind: K,
        items: &[T],
    ) -> Result<(), crate::WriteError> {
        items.iter().try_for_each(|r| sink.record(kind, r))
    }
    all(sink, K::Organization, &ds.organizations)?;
    all(sink, K::StateBody, &ds.state_bodies)?;
    all(sink, K::SocialOrder, &ds.social_orders)?;
    all(sink, K::Grant, &ds.grants)?;
    all(sink, K::Award, &ds.awards)?;
    all(sink, K::Application, &ds.applications)?;
    all(sink, K::Evaluation, &ds.evaluations)?;
    all(sink, K::Expert, &ds.experts)?;
    all(sink, K::Project, &ds.projects)?;
    all(sink, K::MediationCase, &ds.mediation_cases)?;
    all(sink, K::Event, &ds.events)
}

/// The serializer of a [`Tape`]: mirrors `serde_json::value::Serializer` for what it supports.
struct TapeSer<'a> {
    tape: &'a mut Tape,
}

/// A container being serialized: the index of its node, and of the inner container of a
/// variant (`{"variant": [...]}`, `{"variant": {...}}`).
struct Open<'a> {
    tape: &'a mut Tape,
    at: usize,
    inner: Option<usize>,
}

impl Open<'_> {
    fn finish(self) -> Result<(), Unsupported> {
        if let Some(inner) = self.inner {
            self.tape.close(inner);
        }
        self.tape.close(self.at);
        Ok(())
    }
}

impl<'a> TapeSer<'a> {
    fn leaf(self, n: Node) -> Result<(), Unsupported> {
        self.tape.nodes.push(n);
        Ok(())
    }

    fn open(self, obj: bool, variant: Option<(&'static str, bool)>) -> Open<'a> {
        let at = self.tape.nodes.len();
        self.tape.nodes.push(if obj || variant.is_some() {
            Node::Obj(at)
        } else {
            Node::Arr(at)
        });
        let inner = variant.map(|(name, inner_obj)| {
            self.tape.push_static(name);
            let i = self.tape.nodes.len();
            self.tape.nodes.push(if inner_obj {
                Node::Obj(i)
            } else {
                Node::Arr(i)
            });
            i
        });
        Open {
            tape: self.tape,
            at,
            inner,
        }
    }
}

impl<'a> serde::Serializer for TapeSer<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Open<'a>;
    type SerializeTuple = Open<'a>;
    type SerializeTupleStruct = Open<'a>;
    type SerializeTupleVariant = Open<'a>;
    type SerializeMap = Open<'a>;
    type SerializeStruct = Open<'a>;
    type SerializeStructVariant = Open<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.leaf(Node::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.leaf(match u64::try_from(v) {
            Ok(u) => Node::U64(u),
            Err(_) => Node::I64(v),
        })
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.leaf(Node::U64(v))
    }
    // Floats, 128-bit integers and bytes: through `to_value`.
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i128(self, _: i128) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u128(self, _: u128) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.tape.push_str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.tape.push_str(v);
        Ok(())
    }
    fn collect_str<T: std::fmt::Display + ?Sized>(self, v: &T) -> Result<(), Unsupported> {
        use std::fmt::Write as _;
        let start = self.tape.text.len();
        write!(self.tape.text, "{v}").map_err(|_| Unsupported)?;
        let end = self.tape.text.len();
        self.leaf(Node::Str(start, end))
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.leaf(Node::Null)
    }
    fn serialize_some<T: serde::Serialize + ?Sized>(self, v: &T) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.leaf(Node::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.leaf(Node::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.tape.push_static(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        let open = self.open(true, None);
        open.tape.push_static(variant);
        v.serialize(TapeSer { tape: open.tape })?;
        open.finish()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Open<'a>, Unsupported> {
        Ok(self.open(false, None))
    }
    fn serialize_tuple(self, _: usize) -> Result<Open<'a>, Unsupported> {
        Ok(self.open(false, None))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Open<'a>, Unsupported> {
        Ok(self.open(false, None))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Open<'a>, Unsupported> {
        Ok(self.open(true, Some((variant, false))))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Open<'a>, Unsupported> {
        Ok(self.open(true, None))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Open<'a>, Unsupported> {
        // serde_json's own tokens (raw values, arbitrary precision): through `to_value`.
        if name.starts_with("$serde_json") {
            return Err(Unsupported);
        }
        Ok(self.open(true, None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Open<'a>, Unsupported> {
        Ok(self.open(true, Some((variant, true))))
    }
}

impl serde::ser::SerializeSeq for Open<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: serde::Serialize + ?Sized>(
        &mut self,
        v: &T,
    ) -> Result<(), Unsupported> {
        v.serialize(TapeSer { tape: self.tape })
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}

impl serde::ser::SerializeTuple for Open<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: serde::Serialize + ?Sized>(
        &mut self,
        v: &T,
    ) -> Result<(), Unsupported> {
        v.serialize(TapeSer { tape: self.tape })
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}

impl serde::ser::SerializeTupleStruct for Open<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        v.serialize(TapeSer { tape: self.tape })
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}

impl serde::ser::SerializeTupleVariant for Open<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        v.serialize(TapeSer { tape: self.tape })
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}

impl serde::ser::SerializeMap for Open<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: serde::Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        key.serialize(KeySer { tape: self.tape })
    }
    fn serialize_value<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        v.serialize(TapeSer { tape: self.tape })
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}

impl serde::ser::SerializeStruct for Open<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: serde::Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        self.tape.push_static(key);
        v.serialize(TapeSer { tape: self.tape })
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}

impl serde::ser::SerializeStructVariant for Open<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: serde::Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        self.tape.push_static(key);
        v.serialize(TapeSer { tape: self.tape })
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}

/// Map keys: strings only (serde_json also turns numbers and booleans into keys; those go
/// through `to_value`).
struct KeySer<'a> {
    tape: &'a mut Tape,
}

impl serde::Serializer for KeySer<'_> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = serde::ser::Impossible<(), Unsupported>;
    type SerializeTuple = serde::ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = serde::ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = serde::ser::Impossible<(), Unsupported>;
    type SerializeMap = serde::ser::Impossible<(), Unsupported>;
    type SerializeStruct = serde::ser::Impossible<(), Unsupported>;
    type SerializeStructVariant = serde::ser::Impossible<(), Unsupported>;

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.tape.push_str(v);
        Ok(())
    }
    fn serialize_bool(self, _: bool) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i8(self, _: i8) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i16(self, _: i16) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i32(self, _: i32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i64(self, _: i64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u8(self, _: u8) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u16(self, _: u16) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u32(self, _: u32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u64(self, _: u64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_char(self, _: char) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_some<T: serde::Serialize + ?Sized>(self, _: &T) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    /// The tape holds what `serde_json::to_value` builds, for every record of a sample.
    #[test]
    fn the_tape_mirrors_to_value() {
        let ds = engo_sample::generate(&engo_sample::Config::new(0.01, 3, 0.05).unwrap()).dataset;
        let mut tape = Tape::default();
        let mut n = 0;
        for r in crate::record::records(&ds) {
            tape.clear();
            let at = push_record(&mut tape, &r).unwrap();
            assert_eq!(tape.to_value(at), r.to_value().unwrap());
            n += 1;
        }
        assert!(n > 100);
        let header = crate::record::Header::of(&ds);
        tape.clear();
        let at = tape.push(&header, "header").unwrap();
        assert_eq!(tape.to_value(at), serde_json::to_value(&header).unwrap());
        // What the tape serializer leaves to `to_value` still comes out the same.
        let odd = serde_json::json!({"f": 1.5, "n": -3, "big": u64::MAX, "a": [null, true, "x"]});
        let map: std::collections::BTreeMap<i32, f64> = [(1, 0.5), (-2, 2.0)].into();
        for v in [&odd as &dyn erased::Ser, &map] {
            tape.clear();
            let at = v.push(&mut tape);
            assert_eq!(tape.to_value(at), v.value());
        }
    }

    /// Every object shape is sorted by name with unique names, and its [`KeyIndex`] finds them.
    #[test]
    fn object_shapes_are_indexed() {
        fn check(ty: &Ty) {
            match ty {
                Ty::Obj(o) => {
                    let index = KeyIndex::new(o);
                    let mut cache = KeyCache::default();
                    let tape = Tape::default();
                    for (i, p) in o.props.iter().enumerate() {
                        assert_eq!(index.find(&p.name), Some(i), "{}", p.name);
                        assert_eq!(index.find(&format!("{}_", p.name)), None);
                        // Static keys, found through the cache (twice: a miss, then a hit),
                        // in order and out of order.
                        let key: &'static str = Box::leak(p.name.clone().into_boxed_str());
                        let other: &'static str =
                            Box::leak(format!("{}_", p.name).into_boxed_str());
                        for _ in 0..2 {
                            assert_eq!(
                                cache.find_nth(i, &index, Node::Static(key), &tape),
                                Some(i)
                            );
                            assert_eq!(
                                cache.find_nth(0, &index, Node::Static(key), &tape),
                                Some(i)
                            );
                            assert_eq!(cache.find_nth(i, &index, Node::Static(other), &tape), None);
                            assert_eq!(cache.find(&index, Node::Static(key), &tape), Some(i));
                        }
                        // A prefix at the same address is another key.
                        if let Some(prefix) = key.get(..key.len() - 1) {
                            assert_eq!(
                                cache.find_nth(i, &index, Node::Static(prefix), &tape),
                                index.find(prefix)
                            );
                        }
                        check(&p.ty);
                    }
                    assert!(o.props.windows(2).all(|w| w[0].name < w[1].name));
                }
                Ty::Arr { item, .. } => check(item),
                _ => {}
            }
        }
        check(&of::<engo_model::Dataset>().unwrap());
    }

    mod erased {
        use super::*;
        pub(super) trait Ser {
            fn push(&self, tape: &mut Tape) -> usize;
            fn value(&self) -> Value;
        }
        impl<T: serde::Serialize> Ser for T {
            fn push(&self, tape: &mut Tape) -> usize {
                tape.push(self, "x").unwrap()
            }
            fn value(&self) -> Value {
                serde_json::to_value(self).unwrap()
            }
        }
    }

    #[test]
    fn dataset_shape() {
        let Ty::Obj(ds) = of::<engo_model::Dataset>().unwrap() else {
            panic!("not an object")
        };
        let Ty::Arr { item, .. } = &ds.prop("applications").unwrap().ty else {
            panic!()
        };
        let Ty::Obj(app) = item.as_ref() else {
            panic!()
        };
        let Ty::Obj(target) = &app.prop("target").unwrap().ty else {
            panic!()
        };
        let kind = target.prop("kind").unwrap();
        assert!(kind.required);
        let Ty::Str(s) = &kind.ty else { panic!() };
        assert_eq!(
            s.values.as_deref().unwrap(),
            ["social_order", "grant", "award"]
        );
        assert!(ds.prop("publisher").unwrap().required);
    }
}
