//! XML of a dataset, its XSD, and a hardened reader.
//!
//! The document is the JSON form spelled in elements, in the namespace [`NAMESPACE`]:
//!
//! - the root `<dataset xmlns="urn:engo:dataset:1">` holds `schema_version`, `publisher`,
//!   `published_at` and then one element per record, named as its collection
//!   (`<organizations>…</organizations><organizations>…</organizations>`), collections in
//!   dataset order;
//! - inside a record every JSON property is an element of the same name, in alphabetical order;
//!   an array is one element per item, an absent optional value no element;
//! - multilingual text is one `<text xml:lang="kk">…</text>` per language, in the order kk, ru,
//!   en.
//!
//! JSON is the normative form; the XSD ([`xsd`], checked in as `schemas/engo.xsd`) is generated
//! from the same shapes as the writer and the reader, so the three cannot drift.
//!
//! The reader refuses a DOCTYPE (and so every entity declaration), any entity reference but the
//! five predefined ones and character references, any encoding but UTF-8; it caps the input
//! size, the element depth and the string length ([`Limits`]), and reports the line and column
//! where it stopped.

use std::io::{BufRead, Write};

use engo_model::Dataset;
use quick_xml::{Reader, events::Event};
use serde_json::{Map, Value};

use crate::{
    Limits, ReadError, WriteError,
    limits::{Capped, XmlGuard, overlong, sniff_utf8, too_large},
    record::{Header, Kind, Record},
    schema_shape::{
        self, Object, Property, Scalar, ShapeError, Type,
        key_index::{KeyIndex, NONE, fill_slots},
        tape::{Node, RecordSink, Tape, each_record, push_number, push_record},
    },
};

/// The namespace of the dataset document.
pub const NAMESPACE: &str = "urn:engo:dataset:1";

/// The XML namespace, for `xml:lang`.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// The header properties, in document order.
const HEADER: [&str; 3] = ["schema_version", "publisher", "published_at"];

/// Writes the XML of a dataset record by record.
pub struct XmlWriter<W: Write> {
    out: W,
    shape: Object,
    last: Option<Kind>,
    /// The output of the current record (written to `out` at its end), and the indentation.
    emit: Emit,
    /// The current record, serialized.
    tape: Tape,
    /// The [`KeyIndex`] of every object type of `shape`.
    indexes: Indexes,
}

impl<W: Write> XmlWriter<W> {
    /// Writes the declaration, the root start tag and the header.
    pub fn new(out: W, header: &Header) -> Result<Self, WriteError> {
        let shape = schema_shape::dataset()?;
        let mut indexes = Indexes::new();
        for p in &shape.props {
            index_objects(&p.ty, &mut indexes);
        }
        let mut me = XmlWriter {
            out,
            indexes,
            shape,
            last: None,
            emit: Emit {
                buf: Vec::with_capacity(1 << 16),
                indent: 0,
                line_break: false,
                slots: Vec::new(),
            },
            tape: Tape::default(),
        };
        me.emit.decl();
        me.emit.start_root();
        let result = me.header(header);
        me.flush_record()?;
        result?;
        Ok(me)
    }

    fn header(&mut self, header: &Header) -> Result<(), WriteError> {
        let XmlWriter {
            shape,
            emit,
            tape,
            indexes,
            ..
        } = self;
        let root = tape.push(header, "header")?;
        let top = Ptr::Root("");
        for name in HEADER {
            let (Some(v), Some(p)) = (tape.get(root, name), shape.prop(name)) else {
                continue;
            };
            write_node(emit, indexes, tape, name, v, &p.ty, &Ptr::Key(&top, name))?;
        }
        Ok(())
    }

    /// Writes one record; records must come in dataset order.
    pub fn write(&mut self, record: &Record) -> Result<(), WriteError> {
        self.write_with(record.kind(), |tape| push_record(tape, record))
    }

    /// Writes one record of `kind`, serialized into the tape by `push`.
    fn write_with(
        &mut self,
        kind: Kind,
        push: impl FnOnce(&mut Tape) -> Result<usize, WriteError>,
    ) -> Result<(), WriteError> {
        if let Some(last) = self.last
            && last > kind
        {
            return Err(WriteError::OutOfOrder {
                got: kind.name(),
                last: last.name(),
            });
        }
        self.last = Some(kind);
        self.tape.clear();
        let root = push(&mut self.tape)?;
        let name = kind.collection();
        let ty = self
            .shape
            .item_type(name)
            .ok_or_else(|| WriteError::Serialize {
                what: name.to_owned(),
                message: "no shape for the collection".to_owned(),
            })?;
        let top = Ptr::Root("");
        let result = write_node(
            &mut self.emit,
            &self.indexes,
            &self.tape,
            name,
            root,
            ty,
            &Ptr::Key(&top, name),
        );
        self.flush_record()?;
        result
    }

    /// Passes what the current record wrote on to the output.
    fn flush_record(&mut self) -> Result<(), WriteError> {
        let result = self.out.write_all(&self.emit.buf);
        self.emit.buf.clear();
        Ok(result?)
    }

    /// Closes the root and returns the writer.
    pub fn finish(mut self) -> Result<W, WriteError> {
        self.emit.end("dataset");
        self.emit.buf.push(b'\n');
        self.flush_record()?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Write> RecordSink for XmlWriter<W> {
    fn record<T: serde::Serialize>(&mut self, kind: Kind, record: &T) -> Result<(), WriteError> {
        self.write_with(kind, |tape| tape.push(record, kind.name()))
    }
}

impl From<quick_xml::Error> for WriteError {
    fn from(e: quick_xml::Error) -> Self {
        match e {
            quick_xml::Error::Io(io) => WriteError::Stream(std::io::Error::new(io.kind(), io)),
            other => WriteError::Serialize {
                what: "XML".to_owned(),
                message: other.to_string(),
            },
        }
    }
}

/// A JSON pointer, spelled out only when an error needs it.
#[derive(Debug, Clone, Copy)]
enum Ptr<'a> {
    /// Written as is.
    Root(&'a str),
    /// `{parent}/{key}`.
    Key(&'a Ptr<'a>, &'a str),
    /// `{parent}/{index}`.
    Index(&'a Ptr<'a>, usize),
}

impl std::fmt::Display for Ptr<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Ptr::Root(s) => f.write_str(s),
            Ptr::Key(p, k) => write!(f, "{p}/{k}"),
            Ptr::Index(p, i) => write!(f, "{p}/{i}"),
        }
    }
}

/// The XML output, with the indentation of quick-xml's `Writer::new_with_indent(_, b' ', 2)`
/// (the writer this one replaces, byte for byte): a line break and the indentation before every
/// tag but an end tag right after text.
struct Emit {
    buf: Vec<u8>,
    /// Spaces before a tag at the current depth.
    indent: usize,
    /// Whether the next tag starts a new line (not right after text).
    line_break: bool,
    /// Scratch: the value of each property of the objects being written ([`fill_slots`]).
    slots: Vec<usize>,
}

/// Whether [`escape_into`] must look at byte `b`: markup, `\r`, control characters, and the
/// first byte of U+FFFE and U+FFFF.
fn special(b: u8) -> bool {
    matches!(b, 0..=0x08 | 0x0B..=0x1F | b'&' | b'<' | b'>' | 0xEF)
}

/// Appends `s` escaped for XML 1.0 content; returns the first character XML 1.0 cannot carry.
fn escape_into(buf: &mut Vec<u8>, s: &str) -> Result<(), u32> {
    let bytes = s.as_bytes();
    let mut done = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !special(b) {
            continue;
        }
        let with: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'\r' => b"&#13;",
            0xEF => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(0xBF), Some(0xBE)) => return Err(0xFFFE),
                (Some(0xBF), Some(0xBF)) => return Err(0xFFFF),
                _ => continue,
            },
            other => return Err(u32::from(other)),
        };
        buf.extend_from_slice(bytes.get(done..i).unwrap_or_default());
        buf.extend_from_slice(with);
        done = i + 1;
    }
    buf.extend_from_slice(bytes.get(done..).unwrap_or_default());
    Ok(())
}

/// Whether XML 1.0 allows `c` in a document (§2.2 `Char`; surrogates cannot occur in a `str`).
/// [`escape_into`] refuses exactly the others (a test checks it).
fn xml10_char(c: char) -> bool {
    !matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Escapes text for XML 1.0 content, refusing characters XML 1.0 cannot carry.
#[cfg(test)]
fn escape(s: &str, pointer: &str) -> Result<String, WriteError> {
    let mut e = Emit {
        buf: Vec::new(),
        indent: 0,
        line_break: false,
        slots: Vec::new(),
    };
    e.text(s, &Ptr::Root(pointer))?;
    Ok(String::from_utf8_lossy(&e.buf).into_owned())
}

impl Emit {
    fn decl(&mut self) {
        self.buf
            .extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        self.line_break = true;
    }

    fn new_line(&mut self) {
        if self.line_break {
            self.buf.push(b'\n');
            self.buf.resize(self.buf.len() + self.indent, b' ');
        }
    }

    fn opened(&mut self) {
        self.indent += 2;
        self.line_break = true;
    }

    fn start_root(&mut self) {
        self.new_line();
        self.buf.extend_from_slice(b"<dataset xmlns=\"");
        self.buf.extend_from_slice(NAMESPACE.as_bytes());
        self.buf.extend_from_slice(b"\">");
        self.opened();
    }

    fn start(&mut self, name: &str) {
        self.new_line();
        self.buf.push(b'<');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b'>');
        self.opened();
    }

    fn start_text(&mut self, lang: &str) {
        self.new_line();
        self.buf.extend_from_slice(b"<text xml:lang=\"");
        self.buf.extend_from_slice(lang.as_bytes());
        self.buf.extend_from_slice(b"\">");
        self.opened();
    }

    fn end(&mut self, name: &str) {
        self.indent = self.indent.saturating_sub(2);
        self.new_line();
        self.buf.extend_from_slice(b"</");
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b'>');
        self.line_break = true;
    }

    /// Escaped text; nothing of it is written if a character cannot be.
    fn text(&mut self, s: &str, pointer: &Ptr<'_>) -> Result<(), WriteError> {
        let mark = self.buf.len();
        match escape_into(&mut self.buf, s) {
            Ok(()) => {
                self.line_break = false;
                Ok(())
            }
            Err(c) => {
                self.buf.truncate(mark);
                Err(WriteError::Unrepresentable {
                    pointer: pointer.to_string(),
                    message: format!("character U+{c:04X} is not allowed in XML 1.0"),
                })
            }
        }
    }

    fn text_element(&mut self, name: &str, s: &str, pointer: &Ptr<'_>) -> Result<(), WriteError> {
        self.start(name);
        self.text(s, pointer)?;
        self.end(name);
        Ok(())
    }
}

/// The [`KeyIndex`] of object types, by address (the shapes do not move while they are used).
type Indexes = std::collections::BTreeMap<usize, KeyIndex>;

/// The key of `obj` in [`Indexes`].
fn obj_key(obj: &Object) -> usize {
    std::ptr::from_ref(obj).addr()
}

/// Adds the [`KeyIndex`] of every object type in `ty`.
fn index_objects(ty: &Type, indexes: &mut Indexes) {
    match ty {
        Type::Object(o) => {
            indexes.insert(obj_key(o), KeyIndex::new(o));
            for p in &o.props {
                index_objects(&p.ty, indexes);
            }
        }
        Type::Array { item, .. } => index_objects(item, indexes),
        _ => {}
    }
}

/// Writes the value at `at` of the tape as element `name` of type `ty`.
fn write_node(
    e: &mut Emit,
    indexes: &Indexes,
    tape: &Tape,
    name: &str,
    at: usize,
    ty: &Type,
    pointer: &Ptr<'_>,
) -> Result<(), WriteError> {
    let mismatch = || WriteError::Serialize {
        what: pointer.to_string(),
        message: format!("value does not fit its schema: {}", tape.to_value(at)),
    };
    match ty {
        Type::Text => {
            e.start(name);
            for lang in ["kk", "ru", "en"] {
                if let Some(t) = tape.get(at, lang).and_then(|x| tape.as_str(x)) {
                    e.start_text(lang);
                    e.text(t, &Ptr::Key(pointer, lang))?;
                    e.end("text");
                }
            }
            e.end(name);
        }
        Type::Object(obj) => {
            if !matches!(tape.node(at), Some(Node::Object(_))) {
                return Err(mismatch());
            }
            e.start(name);
            let base = fill_slots(tape, at, obj, indexes.get(&obj_key(obj)), &mut e.slots);
            let result = (|| {
                for (i, p) in obj.props.iter().enumerate() {
                    let v = e.slots.get(base + i).copied().unwrap_or(NONE);
                    if v == NONE || matches!(tape.node(v), Some(Node::Null)) {
                        continue;
                    }
                    let pp = Ptr::Key(pointer, &p.name);
                    match &p.ty {
                        Type::Array { item, .. } => {
                            if !matches!(tape.node(v), Some(Node::Array(_))) {
                                return Err(mismatch());
                            }
                            for (j, x) in tape.items(v).enumerate() {
                                write_node(
                                    e,
                                    indexes,
                                    tape,
                                    &p.name,
                                    x,
                                    item,
                                    &Ptr::Index(&pp, j),
                                )?;
                            }
                        }
                        t => write_node(e, indexes, tape, &p.name, v, t, &pp)?,
                    }
                }
                Ok(())
            })();
            e.slots.truncate(base);
            result?;
            e.end(name);
        }
        Type::String(_) => {
            let s = tape.as_str(at).ok_or_else(mismatch)?;
            e.text_element(name, s, pointer)?;
        }
        Type::Integer { .. } => {
            let n = tape
                .node(at)
                .filter(|n| matches!(n, Node::U64(_) | Node::I64(_) | Node::F64(_)))
                .ok_or_else(mismatch)?;
            e.start(name);
            push_number(&mut e.buf, n);
            e.line_break = false;
            e.end(name);
        }
        Type::Boolean => {
            let Some(Node::Bool(b)) = tape.node(at) else {
                return Err(mismatch());
            };
            e.text_element(name, if b { "true" } else { "false" }, pointer)?;
        }
        Type::Array { .. } => return Err(mismatch()),
    }
    Ok(())
}

/// Writes `ds` as XML.
pub fn write<W: Write>(ds: &Dataset, out: W) -> Result<W, WriteError> {
    let mut w = XmlWriter::new(out, &Header::of(ds))?;
    each_record(ds, &mut w)?;
    w.finish()
}

// ---------------------------------------------------------------------------------------------
// Reading.

/// A buffered reader that counts lines and columns of what was consumed.
struct Counting<R> {
    inner: R,
    line: u64,
    column: u64,
}

impl<R: BufRead> std::io::Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let src = self.inner.fill_buf()?;
            let n = src.len().min(buf.len());
            if let (Some(dst), Some(src)) = (buf.get_mut(..n), src.get(..n)) {
                dst.copy_from_slice(src);
            }
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            for b in buf.iter().take(amt) {
                if *b == b'\n' {
                    self.line += 1;
                    self.column = 1;
                } else if *b & 0xC0 != 0x80 {
                    self.column += 1;
                }
            }
        }
        self.inner.consume(amt);
    }
}

/// An owned, simplified event.
enum Ev {
    Start { name: String, lang: Option<String> },
    End,
    Text(String),
    Eof,
}

struct XmlIn<R: BufRead> {
    reader: Reader<Counting<XmlGuard<Capped<R>>>>,
    buf: Vec<u8>,
    limits: Limits,
    depth: usize,
    root_seen: bool,
}

impl<R: BufRead> XmlIn<R> {
    fn error(&self, message: impl Into<String>) -> ReadError {
        let c = self.reader.get_ref();
        ReadError::Xml {
            line: c.line,
            column: c.column,
            message: message.into(),
        }
    }

    fn next(&mut self) -> Result<Ev, ReadError> {
        loop {
            let mut buf = std::mem::take(&mut self.buf);
            buf.clear();
            let ev = match self.reader.read_event_into(&mut buf) {
                Ok(ev) => ev,
                Err(quick_xml::Error::Io(io)) => {
                    if let Some(limit) = too_large(&io) {
                        return Err(ReadError::TooLarge { limit });
                    }
                    if let Some(o) = overlong(&io) {
                        return Err(ReadError::Xml {
                            line: o.line,
                            column: o.column,
                            message: format!(
                                "a text, tag, comment, CDATA section or declaration longer than \
                                 the limit of {} bytes",
                                o.limit
                            ),
                        });
                    }
                    let msg = io.to_string();
                    return Err(self.error(msg));
                }
                Err(e) => {
                    let msg = e.to_string();
                    return Err(self.error(msg));
                }
            };
            let out = match ev {
                Event::Decl(d) => {
                    if let Some(enc) = d.encoding() {
                        let enc = enc.map_err(|e| e.to_string());
                        let ok = matches!(&enc, Ok(e) if e.eq_ignore_ascii_case("utf-8"));
                        if !ok {
                            return Err(self.error("only UTF-8 documents are accepted"));
                        }
                    }
                    continue;
                }
                Event::DocType(_) => {
                    return Err(self.error("a DOCTYPE is not accepted (no DTDs, no entities)"));
                }
                Event::PI(_) | Event::Comment(_) => continue,
                Event::Start(s) => {
                    self.depth += 1;
                    if self.depth > self.limits.max_depth {
                        let limit = self.limits.max_depth;
                        return Err(self.error(format!("elements nested deeper than {limit}")));
                    }
                    let name = s.local_name().as_ref().to_owned();
                    let prefix = s.name().prefix().map(|p| p.as_ref().to_owned());
                    if prefix.is_some() {
                        return Err(self.error(format!(
                            "element <{}> has a namespace prefix; use the default namespace",
                            s.name().as_ref()
                        )));
                    }
                    let mut lang = None;
                    let mut xmlns = None;
                    for a in s.attributes() {
                        let a = a.map_err(|e| self.error(e.to_string()))?;
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map_err(|e| self.error(e.to_string()))?
                            .into_owned();
                        match a.key.as_ref() {
                            "xml:lang" => lang = Some(value),
                            "xmlns" => xmlns = Some(value),
                            _ => {}
                        }
                    }
                    if !self.root_seen {
                        self.root_seen = true;
                        if name != "dataset" || xmlns.as_deref() != Some(NAMESPACE) {
                            return Err(self.error(format!(
                                "the root must be <dataset xmlns=\"{NAMESPACE}\">"
                            )));
                        }
                    } else if xmlns.as_deref().is_some_and(|x| x != NAMESPACE) {
                        return Err(self.error("an element in another namespace"));
                    }
                    Ev::Start { name, lang }
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    Ev::End
                }
                Event::Empty(_) => return Err(self.error("internal: empty elements are expanded")),
                Event::Text(t) => Ev::Text(self.xml10_chars(t.xml10_content().into_owned())?),
                Event::CData(t) => Ev::Text(self.xml10_chars(t.xml10_content().into_owned())?),
                Event::GeneralRef(r) => {
                    if let Some(c) = r
                        .resolve_char_ref()
                        .map_err(|e| self.error(e.to_string()))?
                    {
                        Ev::Text(self.xml10_chars(c.to_string())?)
                    } else {
                        let name = r.xml10_content();
                        let t = match name.as_ref() {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            other => {
                                let other: String = other.chars().take(40).collect();
                                return Err(self
                                    .error(format!("entity reference &{other}; is not accepted")));
                            }
                        };
                        Ev::Text(t.to_owned())
                    }
                }
                Event::Eof => Ev::Eof,
            };
            self.buf = buf;
            return Ok(out);
        }
    }

    /// Refuses text with a character XML 1.0 does not allow (`Char` of the XML 1.0
    /// specification, §2.2: controls but tab, newline and carriage return, U+FFFE, U+FFFF),
    /// raw or as a character reference: what the writer cannot write back is not read.
    fn xml10_chars(&self, text: String) -> Result<String, ReadError> {
        match text.chars().find(|c| !xml10_char(*c)) {
            None => Ok(text),
            Some(c) => Err(self.error(format!(
                "character U+{:04X} is not allowed in XML 1.0",
                u32::from(c)
            ))),
        }
    }

    /// Reads text up to the end tag of the current element.
    fn text_content(&mut self) -> Result<String, ReadError> {
        let mut s = String::new();
        loop {
            match self.next()? {
                Ev::Text(t) => {
                    s.push_str(&t);
                    if s.len() > self.limits.max_string_bytes {
                        let limit = self.limits.max_string_bytes;
                        return Err(self.error(format!("text longer than {limit} bytes")));
                    }
                }
                Ev::End => return Ok(s),
                Ev::Start { name, .. } => {
                    return Err(self.error(format!("unexpected element <{name}> inside text")));
                }
                Ev::Eof => return Err(self.error("unexpected end of document")),
            }
        }
    }

    /// Skips the rest of the current element.
    fn skip(&mut self) -> Result<(), ReadError> {
        let mut open = 1usize;
        while open > 0 {
            match self.next()? {
                Ev::Start { .. } => open += 1,
                Ev::End => open -= 1,
                Ev::Text(_) => {}
                Ev::Eof => return Err(self.error("unexpected end of document")),
            }
        }
        Ok(())
    }

    /// Reads the content of the element just started, as a value of `ty`.
    fn value(&mut self, ty: &Type, name: &str) -> Result<Value, ReadError> {
        match ty {
            Type::Text => {
                let mut map = Map::new();
                loop {
                    match self.next()? {
                        Ev::Start { name: child, lang } if child == "text" => {
                            let lang = lang.ok_or_else(|| self.error("<text> without xml:lang"))?;
                            if !matches!(lang.as_str(), "kk" | "ru" | "en") {
                                return Err(self.error(format!(
                                    "xml:lang must be kk, ru or en, found {:?}",
                                    lang.chars().take(20).collect::<String>()
                                )));
                            }
                            let t = self.text_content()?;
                            if map.insert(lang.clone(), Value::String(t)).is_some() {
                                return Err(self.error(format!("<{name}> repeats xml:lang {lang}")));
                            }
                        }
                        Ev::Start { name: child, .. } => {
                            return Err(self.error(format!("unexpected <{child}> in <{name}>")));
                        }
                        Ev::Text(t) if t.trim().is_empty() => {}
                        Ev::Text(_) => {
                            return Err(self.error(format!("text directly in <{name}>")));
                        }
                        Ev::End => return Ok(Value::Object(map)),
                        Ev::Eof => return Err(self.error("unexpected end of document")),
                    }
                }
            }
            Type::Object(obj) => self.object(obj, name),
            Type::String(_) => Ok(Value::String(self.text_content()?)),
            Type::Integer { .. } => {
                let t = self.text_content()?;
                let t = t.trim();
                if let Ok(n) = t.parse::<i64>() {
                    Ok(Value::from(n))
                } else if let Ok(n) = t.parse::<u64>() {
                    Ok(Value::from(n))
                } else {
                    let t: String = t.chars().take(40).collect();
                    Err(self.error(format!("<{name}> must be an integer, found {t:?}")))
                }
            }
            Type::Boolean => {
                let t = self.text_content()?;
                match t.trim() {
                    "true" | "1" => Ok(Value::Bool(true)),
                    "false" | "0" => Ok(Value::Bool(false)),
                    other => {
                        let other: String = other.chars().take(40).collect();
                        Err(self.error(format!("<{name}> must be true or false, found {other:?}")))
                    }
                }
            }
            Type::Array { .. } => {
                Err(self.error(format!("<{name}>: nested arrays are not supported")))
            }
        }
    }

    fn object(&mut self, obj: &Object, name: &str) -> Result<Value, ReadError> {
        let mut map = Map::new();
        loop {
            match self.next()? {
                Ev::Start { name: child, .. } => match obj.prop(&child) {
                    Some(Property {
                        ty: Type::Array { item, .. },
                        ..
                    }) => {
                        let v = self.value(item, &child)?;
                        if let Value::Array(a) =
                            map.entry(child).or_insert_with(|| Value::Array(Vec::new()))
                        {
                            a.push(v);
                        }
                    }
                    Some(p) => {
                        let v = self.value(&p.ty, &child)?;
                        if map.insert(child.clone(), v).is_some() {
                            return Err(self.error(format!("<{name}> repeats <{child}>")));
                        }
                    }
                    // Forward compatibility: unknown elements are skipped.
                    None => self.skip()?,
                },
                Ev::Text(t) if t.trim().is_empty() => {}
                Ev::Text(_) => return Err(self.error(format!("text directly in <{name}>"))),
                Ev::End => break,
                Ev::Eof => return Err(self.error("unexpected end of document")),
            }
        }
        for p in &obj.props {
            if matches!(p.ty, Type::Array { .. }) && !map.contains_key(&p.name) {
                map.insert(p.name.clone(), Value::Array(Vec::new()));
            }
        }
        Ok(Value::Object(map))
    }
}

/// Streams an XML dataset: calls `f` with each record as soon as it is read, and returns the
/// header at the end.
pub fn for_each_record<R, F>(input: R, limits: &Limits, mut f: F) -> Result<Header, ReadError>
where
    R: BufRead,
    F: FnMut(Record) -> Result<(), ReadError>,
{
    let shape = schema_shape::dataset().map_err(|e| ReadError::Xml {
        line: 0,
        column: 0,
        message: e.to_string(),
    })?;
    let mut input = input;
    sniff_utf8(&mut input).map_err(|message| ReadError::Xml {
        line: 1,
        column: 1,
        message,
    })?;
    let counting = Counting {
        // The pre-scan refuses an overlong piece (at least 64 KiB) before quick-xml buffers it
        // whole; text just over the limit is caught by `text_content`, which says so.
        inner: XmlGuard::new(
            Capped::new(input, limits.max_bytes),
            limits.max_string_bytes.max(1 << 16),
        ),
        line: 1,
        column: 1,
    };
    let mut reader = Reader::from_reader(counting);
    let config = reader.config_mut();
    config.expand_empty_elements = true;
    config.check_end_names = true;
    config.trim_text(false);
    let mut x = XmlIn {
        reader,
        buf: Vec::new(),
        limits: *limits,
        depth: 0,
        root_seen: false,
    };
    loop {
        match x.next()? {
            Ev::Start { .. } => break,
            Ev::Text(t) if t.trim().is_empty() => {}
            Ev::Text(_) => return Err(x.error("text before the root element")),
            Ev::End | Ev::Eof => return Err(x.error("no root element")),
        }
    }
    let mut header = Map::new();
    let mut counts = [0usize; Kind::ALL.len()];
    loop {
        match x.next()? {
            Ev::Start { name, .. } => {
                if let Some(kind) = Kind::from_collection(&name) {
                    let ty = shape
                        .item_type(&name)
                        .cloned()
                        .ok_or_else(|| x.error("no shape"))?;
                    let value = x.value(&ty, &name)?;
                    let i = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
                    let n = counts.get(i).copied().unwrap_or(0);
                    if let Some(c) = counts.get_mut(i) {
                        *c += 1;
                    }
                    let rec = Record::from_value(kind, value)
                        .map_err(|e| x.error(format!("record /{name}/{n}: {e}")))?;
                    f(rec)?;
                } else if let Some(p) = shape.prop(&name).filter(|_| HEADER.contains(&&*name)) {
                    let ty = p.ty.clone();
                    let v = x.value(&ty, &name)?;
                    header.insert(name, v);
                } else {
                    x.skip()?;
                }
            }
            Ev::Text(t) if t.trim().is_empty() => {}
            Ev::Text(_) => return Err(x.error("text directly in <dataset>")),
            Ev::End => break,
            Ev::Eof => return Err(x.error("unexpected end of document")),
        }
    }
    loop {
        match x.next()? {
            Ev::Eof => break,
            Ev::Text(t) if t.trim().is_empty() => {}
            _ => return Err(x.error("content after the root element")),
        }
    }
    serde_json::from_value::<Header>(Value::Object(header))
        .map_err(|e| x.error(format!("header: {e}")))
}

/// Reads a whole dataset from XML.
///
/// ```
/// let ds = engo_model::example::dataset();
/// let xml = engo_export::xml::write(&ds, Vec::new())?;
/// assert_eq!(engo_export::xml::read(&xml[..], &Default::default())?, ds);
/// let evil = br#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "y">]><dataset/>"#;
/// assert!(engo_export::xml::read(&evil[..], &Default::default()).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read<R: BufRead>(input: R, limits: &Limits) -> Result<Dataset, ReadError> {
    let mut recs = Vec::new();
    let header = for_each_record(input, limits, |r| {
        recs.push(r);
        Ok(())
    })?;
    Ok(header.with_records(recs))
}

// ---------------------------------------------------------------------------------------------
// XSD.

/// The companion schema for the `xml` namespace, imported by the XSD so that validators need no
/// network (`schemas/xml.xsd`).
pub fn xml_namespace_xsd() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!-- The xml:lang attribute, for offline validation of engo.xsd. Generated; do not edit. -->\n\
         <xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"{XML_NS}\">\n\
         \x20 <xs:attribute name=\"lang\" type=\"xs:language\"/>\n\
         </xs:schema>\n"
    )
}

fn xsd_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Converts an ECMA-262 pattern of the JSON Schema to an XSD pattern (implicitly anchored).
fn xsd_pattern(p: &str) -> String {
    let anchored_start = p.starts_with('^');
    let anchored_end = p.ends_with('$') && !p.ends_with("\\$");
    let core = p
        .strip_prefix('^')
        .unwrap_or(p)
        .strip_suffix('$')
        .filter(|_| anchored_end)
        .unwrap_or(p.strip_prefix('^').unwrap_or(p));
    // A '-' last in a class is literal in ECMA-262; XSD wants it escaped.
    let core = core.replace("_-]", "_\\-]");
    let mut out = String::new();
    if !anchored_start {
        out.push_str("[\\s\\S]*");
    }
    out.push_str(&core);
    if !anchored_end {
        out.push_str("[\\s\\S]*");
    }
    out
}

struct Xsd {
    types: std::collections::BTreeMap<String, String>,
}

impl Xsd {
    /// The XSD type name of `ty`, defining it if needed.
    fn type_of(&mut self, ty: &Type) -> String {
        match ty {
            Type::Text => "LocalizedText".to_owned(),
            Type::Boolean => "xs:boolean".to_owned(),
            Type::Integer { min, max, format } => {
                let base = match format.as_deref() {
                    Some("uint32") => "xs:unsignedInt",
                    Some("int32") => "xs:int",
                    Some("uint64") => "xs:unsignedLong",
                    Some("int64") => "xs:long",
                    Some("uint16") => "xs:unsignedShort",
                    Some("uint8") => "xs:unsignedByte",
                    _ => "xs:integer",
                };
                if min.is_none() && max.is_none() {
                    return base.to_owned();
                }
                let name = format!(
                    "{}{}{}",
                    base.trim_start_matches("xs:"),
                    min.map(|m| format!("From{m}")).unwrap_or_default(),
                    max.map(|m| format!("To{m}")).unwrap_or_default()
                )
                .replace('-', "Minus");
                let mut body = format!(
                    "  <xs:simpleType name=\"{name}\">\n    <xs:restriction base=\"{base}\">\n"
                );
                if let Some(m) = min {
                    body.push_str(&format!("      <xs:minInclusive value=\"{m}\"/>\n"));
                }
                if let Some(m) = max {
                    body.push_str(&format!("      <xs:maxInclusive value=\"{m}\"/>\n"));
                }
                body.push_str("    </xs:restriction>\n  </xs:simpleType>\n");
                self.types.insert(name.clone(), body);
                name
            }
            Type::String(s) => self.scalar(s),
            Type::Object(o) => self.object(o),
            Type::Array { item, .. } => self.type_of(item),
        }
    }

    fn scalar(&mut self, s: &Scalar) -> String {
        match s.format.as_deref() {
            Some("date") => return "xs:date".to_owned(),
            Some("date-time") => return "xs:dateTime".to_owned(),
            _ => {}
        }
        if s.values.is_none() && s.pattern.is_none() && s.min_len.is_none() && s.max_len.is_none() {
            return "xs:string".to_owned();
        }
        let name = match &s.def {
            Some(d) => d.clone(),
            None => format!(
                "String{}{}{}",
                s.min_len.map(|m| format!("Min{m}")).unwrap_or_default(),
                s.max_len.map(|m| format!("Max{m}")).unwrap_or_default(),
                if s.pattern.is_some() || s.values.is_some() {
                    format!("P{}", self.types.len())
                } else {
                    String::new()
                }
            ),
        };
        if self.types.contains_key(&name) {
            return name;
        }
        let mut body =
            format!("  <xs:simpleType name=\"{name}\">\n    <xs:restriction base=\"xs:string\">\n");
        if let Some(m) = s.min_len {
            body.push_str(&format!("      <xs:minLength value=\"{m}\"/>\n"));
        }
        if let Some(m) = s.max_len {
            body.push_str(&format!("      <xs:maxLength value=\"{m}\"/>\n"));
        }
        if let Some(p) = &s.pattern {
            body.push_str(&format!(
                "      <xs:pattern value=\"{}\"/>\n",
                xsd_escape(&xsd_pattern(p))
            ));
        }
        for v in s.values.iter().flatten() {
            body.push_str(&format!(
                "      <xs:enumeration value=\"{}\"/>\n",
                xsd_escape(v)
            ));
        }
        body.push_str("    </xs:restriction>\n  </xs:simpleType>\n");
        self.types.insert(name.clone(), body);
        name
    }

    fn object(&mut self, o: &Object) -> String {
        let name = o
            .def
            .clone()
            .unwrap_or_else(|| format!("Object{}", self.types.len()));
        if self.types.contains_key(&name) {
            return name;
        }
        // Reserve the name (types are not recursive).
        self.types.insert(name.clone(), String::new());
        let body = self.sequence(&name, o.props.iter().collect());
        self.types.insert(name.clone(), body);
        name
    }

    fn sequence(&mut self, name: &str, props: Vec<&Property>) -> String {
        let mut body = format!("  <xs:complexType name=\"{name}\">\n    <xs:sequence>\n");
        for p in props {
            let t = self.type_of(&p.ty);
            let (min, max) = match &p.ty {
                Type::Array { min_items, .. } => (
                    if p.required && !p.nullable {
                        min_items.unwrap_or(0)
                    } else {
                        0
                    },
                    "unbounded",
                ),
                _ => (u64::from(p.required && !p.nullable), "1"),
            };
            body.push_str(&format!(
                "      <xs:element name=\"{}\" type=\"{t}\" minOccurs=\"{min}\" maxOccurs=\"{max}\"/>\n",
                p.name
            ));
        }
        body.push_str("    </xs:sequence>\n  </xs:complexType>\n");
        body
    }
}

/// The XSD of the dataset document (`schemas/engo.xsd`), generated from the same shapes as the
/// writer and the reader. It imports `xml.xsd` ([`xml_namespace_xsd`]) from the same folder.
pub fn xsd() -> Result<String, ShapeError> {
    let ds = schema_shape::dataset()?;
    let mut x = Xsd {
        types: Default::default(),
    };
    let mut order: Vec<&Property> = HEADER.iter().filter_map(|h| ds.prop(h)).collect();
    for k in Kind::ALL {
        if let Some(p) = ds.prop(k.collection()) {
            order.push(p);
        }
    }
    let root = x.sequence("Dataset", order);
    x.types.insert("Dataset".to_owned(), root);
    x.types.insert(
        "LocalizedText".to_owned(),
        "  <xs:complexType name=\"LocalizedText\">\n    <xs:sequence>\n      <xs:element name=\"text\" minOccurs=\"1\" maxOccurs=\"3\">\n        <xs:complexType>\n          <xs:simpleContent>\n            <xs:extension base=\"NonBlank\">\n              <xs:attribute ref=\"xml:lang\" use=\"required\"/>\n            </xs:extension>\n          </xs:simpleContent>\n        </xs:complexType>\n      </xs:element>\n    </xs:sequence>\n  </xs:complexType>\n".to_owned(),
    );
    x.types.insert(
        "NonBlank".to_owned(),
        "  <xs:simpleType name=\"NonBlank\">\n    <xs:restriction base=\"xs:string\">\n      <xs:pattern value=\"[\\s\\S]*\\S[\\s\\S]*\"/>\n    </xs:restriction>\n  </xs:simpleType>\n".to_owned(),
    );
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!-- XSD of the engo dataset XML (namespace {NAMESPACE}). Generated by engo-export from the\n\
         \x20    same shapes as the writer; do not edit: regenerate with ENGO_UPDATE_SCHEMAS=1. -->\n\
         <xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns=\"{NAMESPACE}\"\n\
         \x20          targetNamespace=\"{NAMESPACE}\" elementFormDefault=\"qualified\">\n\
         \x20 <xs:import namespace=\"{XML_NS}\" schemaLocation=\"xml.xsd\"/>\n\
         \x20 <xs:element name=\"dataset\" type=\"Dataset\"/>\n"
    );
    for body in x.types.values() {
        out.push_str(body);
    }
    out.push_str("</xs:schema>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn escape_refuses_exactly_what_xml10_char_refuses() {
        for c in (0..0x11000u32).chain([0x10FFFF]).filter_map(char::from_u32) {
            let mut buf = Vec::new();
            let s = format!("a{c}b");
            assert_eq!(
                escape_into(&mut buf, &s).is_ok(),
                xml10_char(c),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn escape_keeps_what_xml_can_carry() {
        assert_eq!(
            escape("a<b&c>\r\n\t", "/x").unwrap(),
            "a&lt;b&amp;c&gt;&#13;\n\t"
        );
        let e = escape("bell\u{7}", "/x").unwrap_err();
        assert!(e.to_string().contains("U+0007"), "{e}");
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let ds = engo_model::example::dataset();
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend(write(&ds, Vec::new()).unwrap());
        assert_eq!(read(&bytes[..], &Limits::default()).unwrap(), ds);
    }

    #[test]
    fn patterns_become_xsd_patterns() {
        assert_eq!(xsd_pattern("^[0-9]{9}$"), "[0-9]{9}");
        assert_eq!(
            xsd_pattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"),
            "[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}"
        );
        assert_eq!(xsd_pattern("\\S"), "[\\s\\S]*\\S[\\s\\S]*");
    }

    #[test]
    fn text_round_trips_with_carriage_returns_and_markup() {
        let mut ds = engo_model::example::dataset();
        ds.organizations[0].website = Some("https://x.kz/?a=1&b=<2>\r\n".into());
        let bytes = write(&ds, Vec::new()).unwrap();
        assert_eq!(read(&bytes[..], &Limits::default()).unwrap(), ds);
    }
}
