//! The XML writer: a record at a time, driven by the schema shape, byte-identical to quick-xml's
//! indenting writer.

use std::io::Write;

use engo_model::Dataset;

use super::{HEADER, NAMESPACE};
use crate::{
    WriteError,
    record::{Header, Kind, Record},
    schema_shape::{
        self, Object, Type,
        key_index::{KeyIndex, NONE, fill_slots},
        tape::{Node, Tape, TapeWriter, push_number},
    },
};

/// Writes the XML of a dataset record by record.
pub struct XmlWriter<W: Write> {
    out: W,
    shape: Object,
    last: Option<Kind>,
    /// The markup of the current record (written to `out` at its end), and the indentation.
    markup: Markup,
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
        let mut writer = XmlWriter {
            out,
            indexes,
            shape,
            last: None,
            markup: Markup {
                buf: Vec::with_capacity(1 << 16),
                ..Markup::default()
            },
            tape: Tape::default(),
        };
        writer.markup.decl();
        writer.markup.start_root();
        let result = writer.header(header);
        writer.flush_record()?;
        result?;
        Ok(writer)
    }

    fn header(&mut self, header: &Header) -> Result<(), WriteError> {
        let XmlWriter {
            shape,
            markup,
            tape,
            indexes,
            ..
        } = self;
        let root = tape.push(header, "header")?;
        let top = Pointer::Root("");
        for name in HEADER {
            let (Some(v), Some(p)) = (tape.get(root, name), shape.prop(name)) else {
                continue;
            };
            write_node(
                markup,
                indexes,
                tape,
                name,
                v,
                &p.ty,
                &Pointer::Key(&top, name),
            )?;
        }
        Ok(())
    }

    /// Writes one record; records must come in dataset order.
    pub fn write(&mut self, record: &Record) -> Result<(), WriteError> {
        self.write_record(record)
    }

    /// Passes what the current record wrote on to the output.
    fn flush_record(&mut self) -> Result<(), WriteError> {
        let result = self.out.write_all(&self.markup.buf);
        self.markup.buf.clear();
        Ok(result?)
    }

    /// Closes the root and returns the writer.
    pub fn finish(mut self) -> Result<W, WriteError> {
        self.markup.end("dataset");
        self.markup.buf.push(b'\n');
        self.flush_record()?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Write> TapeWriter for XmlWriter<W> {
    fn write_tape(
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
        let top = Pointer::Root("");
        let result = write_node(
            &mut self.markup,
            &self.indexes,
            &self.tape,
            name,
            root,
            ty,
            &Pointer::Key(&top, name),
        );
        self.flush_record()?;
        result
    }
}

/// A JSON pointer, spelled out only when an error needs it.
#[derive(Debug, Clone, Copy)]
enum Pointer<'a> {
    /// Written as is.
    Root(&'a str),
    /// `{parent}/{key}`.
    Key(&'a Pointer<'a>, &'a str),
    /// `{parent}/{index}`.
    Index(&'a Pointer<'a>, usize),
}

impl std::fmt::Display for Pointer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Pointer::Root(s) => f.write_str(s),
            Pointer::Key(p, k) => write!(f, "{p}/{k}"),
            Pointer::Index(p, i) => write!(f, "{p}/{i}"),
        }
    }
}

/// The XML being written, with the indentation of quick-xml's `Writer::new_with_indent(_, b' ', 2)`
/// (the writer this one replaces, byte for byte): a line break and the indentation before every
/// tag but an end tag right after text.
#[derive(Default)]
struct Markup {
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

/// Escapes text for XML 1.0 content, refusing characters XML 1.0 cannot carry.
#[cfg(test)]
fn escape(s: &str, pointer: &str) -> Result<String, WriteError> {
    let mut markup = Markup::default();
    markup.text(s, &Pointer::Root(pointer))?;
    Ok(String::from_utf8_lossy(&markup.buf).into_owned())
}

impl Markup {
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

    /// The start tag of element `name`, with an attribute (name, value already escaped) if any.
    fn start_with(&mut self, name: &str, attribute: Option<(&str, &str)>) {
        self.new_line();
        self.buf.push(b'<');
        self.buf.extend_from_slice(name.as_bytes());
        if let Some((key, value)) = attribute {
            self.buf.push(b' ');
            self.buf.extend_from_slice(key.as_bytes());
            self.buf.extend_from_slice(b"=\"");
            self.buf.extend_from_slice(value.as_bytes());
            self.buf.push(b'"');
        }
        self.buf.push(b'>');
        self.opened();
    }

    fn start_root(&mut self) {
        self.start_with("dataset", Some(("xmlns", NAMESPACE)));
    }

    fn start(&mut self, name: &str) {
        self.start_with(name, None);
    }

    fn start_text(&mut self, lang: &str) {
        self.start_with("text", Some(("xml:lang", lang)));
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
    fn text(&mut self, s: &str, pointer: &Pointer<'_>) -> Result<(), WriteError> {
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

    fn text_element(
        &mut self,
        name: &str,
        s: &str,
        pointer: &Pointer<'_>,
    ) -> Result<(), WriteError> {
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
    markup: &mut Markup,
    indexes: &Indexes,
    tape: &Tape,
    name: &str,
    at: usize,
    ty: &Type,
    pointer: &Pointer<'_>,
) -> Result<(), WriteError> {
    let mismatch = || WriteError::Serialize {
        what: pointer.to_string(),
        message: format!("value does not fit its schema: {}", tape.to_value(at)),
    };
    match ty {
        Type::Text => {
            markup.start(name);
            for lang in ["kk", "ru", "en"] {
                if let Some(t) = tape.get(at, lang).and_then(|x| tape.as_str(x)) {
                    markup.start_text(lang);
                    markup.text(t, &Pointer::Key(pointer, lang))?;
                    markup.end("text");
                }
            }
            markup.end(name);
        }
        Type::Object(obj) => {
            if !matches!(tape.node(at), Some(Node::Object(_))) {
                return Err(mismatch());
            }
            markup.start(name);
            let base = fill_slots(tape, at, obj, indexes.get(&obj_key(obj)), &mut markup.slots);
            let result = (|| {
                for (i, p) in obj.props.iter().enumerate() {
                    let v = markup.slots.get(base + i).copied().unwrap_or(NONE);
                    if v == NONE || matches!(tape.node(v), Some(Node::Null)) {
                        continue;
                    }
                    let property = Pointer::Key(pointer, &p.name);
                    match &p.ty {
                        Type::Array { item, .. } => {
                            if !matches!(tape.node(v), Some(Node::Array(_))) {
                                return Err(mismatch());
                            }
                            for (j, x) in tape.items(v).enumerate() {
                                write_node(
                                    markup,
                                    indexes,
                                    tape,
                                    &p.name,
                                    x,
                                    item,
                                    &Pointer::Index(&property, j),
                                )?;
                            }
                        }
                        t => write_node(markup, indexes, tape, &p.name, v, t, &property)?,
                    }
                }
                Ok(())
            })();
            markup.slots.truncate(base);
            result?;
            markup.end(name);
        }
        Type::String(_) => {
            let s = tape.as_str(at).ok_or_else(mismatch)?;
            markup.text_element(name, s, pointer)?;
        }
        Type::Integer { .. } => {
            let n = tape
                .node(at)
                .filter(|n| matches!(n, Node::U64(_) | Node::I64(_) | Node::F64(_)))
                .ok_or_else(mismatch)?;
            markup.start(name);
            push_number(&mut markup.buf, n);
            markup.line_break = false;
            markup.end(name);
        }
        Type::Boolean => {
            let Some(Node::Bool(b)) = tape.node(at) else {
                return Err(mismatch());
            };
            markup.text_element(name, if b { "true" } else { "false" }, pointer)?;
        }
        Type::Array { .. } => return Err(mismatch()),
    }
    Ok(())
}

/// Writes `ds` as XML.
pub fn write<W: Write>(ds: &Dataset, out: W) -> Result<W, WriteError> {
    let mut w = XmlWriter::new(out, &Header::of(ds))?;
    w.write_records(ds)?;
    w.finish()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::xml::xml10_char;

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
}
