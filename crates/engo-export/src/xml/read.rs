//! The hardened XML reader: UTF-8 only, no DOCTYPE, no entities but the predefined ones,
//! [`Limits`] on size, depth and string length, and the line and column of every error.

use std::io::BufRead;

use engo_model::Dataset;
use quick_xml::{Reader, events::Event};
use serde_json::{Map, Value};

use super::{HEADER, NAMESPACE, limits::XmlGuard, xml10_char};
use crate::{
    Limits, ReadCause, ReadError,
    limits::{Capped, overlong, read_buffered, sniff_utf8, too_large},
    record::{Header, Kind, Record},
    schema_shape::{self, Object, Property, Type},
};

/// A buffered reader that counts lines and columns of what was consumed.
struct Counting<R> {
    inner: R,
    line: u64,
    column: u64,
}

impl<R: BufRead> std::io::Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        read_buffered(self, buf)
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

/// What the reader meets next: an owned, simplified quick-xml event.
enum Token {
    Start { name: String, lang: Option<String> },
    End,
    Text(String),
    Eof,
}

/// quick-xml over the input limits, with the state of the document read so far.
struct Parser<R: BufRead> {
    reader: Reader<Counting<XmlGuard<Capped<R>>>>,
    /// quick-xml's event buffer, reused.
    buf: Vec<u8>,
    limits: Limits,
    depth: usize,
    root_seen: bool,
}

impl<R: BufRead> Parser<R> {
    /// The error of `source` at the current place.
    fn error(&self, source: impl Into<ReadCause>) -> ReadError {
        let counting = self.reader.get_ref();
        ReadError::Xml {
            line: counting.line,
            column: counting.column,
            source: source.into(),
        }
    }

    /// What the reader refuses at the current place.
    fn refuse(&self, message: impl Into<String>) -> ReadError {
        self.error(ReadCause::refused(message))
    }

    /// The error of quick-xml's `e`: the size cap and the pre-scan's refusal (io errors of the
    /// input under quick-xml) apart from what quick-xml refuses itself.
    fn parse_error(&self, e: quick_xml::Error) -> ReadError {
        if let quick_xml::Error::Io(io) = &e {
            if let Some(limit) = too_large(io) {
                return ReadError::TooLarge { limit };
            }
            if let Some(o) = overlong(io) {
                return ReadError::Xml {
                    line: o.line,
                    column: o.column,
                    source: ReadCause::refused(format!(
                        "a text, tag, comment, CDATA section or declaration longer than the \
                         limit of {} bytes",
                        o.limit
                    )),
                };
            }
        }
        self.error(e)
    }

    fn next(&mut self) -> Result<Token, ReadError> {
        loop {
            let mut buf = std::mem::take(&mut self.buf);
            buf.clear();
            let event = match self.reader.read_event_into(&mut buf) {
                Ok(event) => event,
                Err(e) => return Err(self.parse_error(e)),
            };
            let out = match event {
                Event::Decl(d) => {
                    if let Some(encoding) = d.encoding() {
                        let encoding =
                            encoding.map_err(|e| self.error(quick_xml::Error::InvalidAttr(e)))?;
                        if !encoding.eq_ignore_ascii_case("utf-8") {
                            return Err(self.refuse("only UTF-8 documents are accepted"));
                        }
                    }
                    continue;
                }
                Event::DocType(_) => {
                    return Err(self.refuse("a DOCTYPE is not accepted (no DTDs, no entities)"));
                }
                Event::PI(_) | Event::Comment(_) => continue,
                Event::Start(s) => {
                    self.depth += 1;
                    if self.depth > self.limits.max_depth {
                        let limit = self.limits.max_depth;
                        return Err(self.refuse(format!("elements nested deeper than {limit}")));
                    }
                    let name = s.local_name().as_ref().to_owned();
                    let prefix = s.name().prefix().map(|p| p.as_ref().to_owned());
                    if prefix.is_some() {
                        return Err(self.refuse(format!(
                            "element <{}> has a namespace prefix; use the default namespace",
                            s.name().as_ref()
                        )));
                    }
                    let mut lang = None;
                    let mut xmlns = None;
                    for a in s.attributes() {
                        let a = a.map_err(|e| self.error(quick_xml::Error::InvalidAttr(e)))?;
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map_err(|e| self.error(e))?
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
                            return Err(self.refuse(format!(
                                "the root must be <dataset xmlns=\"{NAMESPACE}\">"
                            )));
                        }
                    } else if xmlns.as_deref().is_some_and(|x| x != NAMESPACE) {
                        return Err(self.refuse("an element in another namespace"));
                    }
                    Token::Start { name, lang }
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    Token::End
                }
                Event::Empty(_) => return Err(self.refuse("internal: empty elements are expanded")),
                Event::Text(t) => Token::Text(self.xml10_chars(t.xml10_content().into_owned())?),
                Event::CData(t) => Token::Text(self.xml10_chars(t.xml10_content().into_owned())?),
                Event::GeneralRef(r) => {
                    if let Some(c) = r.resolve_char_ref().map_err(|e| self.error(e))? {
                        Token::Text(self.xml10_chars(c.to_string())?)
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
                                return Err(self.refuse(format!(
                                    "entity reference &{other}; is not accepted"
                                )));
                            }
                        };
                        Token::Text(t.to_owned())
                    }
                }
                Event::Eof => Token::Eof,
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
            Some(c) => Err(self.refuse(format!(
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
                Token::Text(t) => {
                    s.push_str(&t);
                    if s.len() > self.limits.max_string_bytes {
                        let limit = self.limits.max_string_bytes;
                        return Err(self.refuse(format!("text longer than {limit} bytes")));
                    }
                }
                Token::End => return Ok(s),
                Token::Start { name, .. } => {
                    return Err(self.refuse(format!("unexpected element <{name}> inside text")));
                }
                Token::Eof => return Err(self.refuse("unexpected end of document")),
            }
        }
    }

    /// Skips the rest of the current element.
    fn skip(&mut self) -> Result<(), ReadError> {
        let mut open = 1usize;
        while open > 0 {
            match self.next()? {
                Token::Start { .. } => open += 1,
                Token::End => open -= 1,
                Token::Text(_) => {}
                Token::Eof => return Err(self.refuse("unexpected end of document")),
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
                        Token::Start { name: child, lang } if child == "text" => {
                            let lang =
                                lang.ok_or_else(|| self.refuse("<text> without xml:lang"))?;
                            if !matches!(lang.as_str(), "kk" | "ru" | "en") {
                                return Err(self.refuse(format!(
                                    "xml:lang must be kk, ru or en, found {:?}",
                                    lang.chars().take(20).collect::<String>()
                                )));
                            }
                            let t = self.text_content()?;
                            if map.insert(lang.clone(), Value::String(t)).is_some() {
                                return Err(
                                    self.refuse(format!("<{name}> repeats xml:lang {lang}"))
                                );
                            }
                        }
                        Token::Start { name: child, .. } => {
                            return Err(self.refuse(format!("unexpected <{child}> in <{name}>")));
                        }
                        Token::Text(t) if t.trim().is_empty() => {}
                        Token::Text(_) => {
                            return Err(self.refuse(format!("text directly in <{name}>")));
                        }
                        Token::End => return Ok(Value::Object(map)),
                        Token::Eof => return Err(self.refuse("unexpected end of document")),
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
                    Err(self.refuse(format!("<{name}> must be an integer, found {t:?}")))
                }
            }
            Type::Boolean => {
                let t = self.text_content()?;
                match t.trim() {
                    "true" | "1" => Ok(Value::Bool(true)),
                    "false" | "0" => Ok(Value::Bool(false)),
                    other => {
                        let other: String = other.chars().take(40).collect();
                        Err(self.refuse(format!("<{name}> must be true or false, found {other:?}")))
                    }
                }
            }
            Type::Array { .. } => {
                Err(self.refuse(format!("<{name}>: nested arrays are not supported")))
            }
        }
    }

    fn object(&mut self, obj: &Object, name: &str) -> Result<Value, ReadError> {
        let mut map = Map::new();
        loop {
            match self.next()? {
                Token::Start { name: child, .. } => match obj.prop(&child) {
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
                            return Err(self.refuse(format!("<{name}> repeats <{child}>")));
                        }
                    }
                    // Forward compatibility: unknown elements are skipped.
                    None => self.skip()?,
                },
                Token::Text(t) if t.trim().is_empty() => {}
                Token::Text(_) => return Err(self.refuse(format!("text directly in <{name}>"))),
                Token::End => break,
                Token::Eof => return Err(self.refuse("unexpected end of document")),
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
    let shape = schema_shape::dataset()?;
    let mut input = input;
    sniff_utf8(&mut input).map_err(|source| ReadError::Xml {
        line: 1,
        column: 1,
        source,
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
    let mut parser = Parser {
        reader,
        buf: Vec::new(),
        limits: *limits,
        depth: 0,
        root_seen: false,
    };
    loop {
        match parser.next()? {
            Token::Start { .. } => break,
            Token::Text(t) if t.trim().is_empty() => {}
            Token::Text(_) => return Err(parser.refuse("text before the root element")),
            Token::End | Token::Eof => return Err(parser.refuse("no root element")),
        }
    }
    let mut header = Map::new();
    let mut counts = [0usize; Kind::ALL.len()];
    loop {
        match parser.next()? {
            Token::Start { name, .. } => {
                if let Some(kind) = Kind::from_collection(&name) {
                    let ty = shape
                        .item_type(&name)
                        .cloned()
                        .ok_or_else(|| parser.refuse("no shape"))?;
                    let value = parser.value(&ty, &name)?;
                    let i = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
                    let n = counts.get(i).copied().unwrap_or(0);
                    if let Some(c) = counts.get_mut(i) {
                        *c += 1;
                    }
                    let rec = Record::from_value(kind, value).map_err(|e| {
                        parser.error(ReadCause::invalid(format!("record /{name}/{n}"), e))
                    })?;
                    f(rec)?;
                } else if let Some(p) = shape.prop(&name).filter(|_| HEADER.contains(&&*name)) {
                    let ty = p.ty.clone();
                    let v = parser.value(&ty, &name)?;
                    header.insert(name, v);
                } else {
                    parser.skip()?;
                }
            }
            Token::Text(t) if t.trim().is_empty() => {}
            Token::Text(_) => return Err(parser.refuse("text directly in <dataset>")),
            Token::End => break,
            Token::Eof => return Err(parser.refuse("unexpected end of document")),
        }
    }
    loop {
        match parser.next()? {
            Token::Eof => break,
            Token::Text(t) if t.trim().is_empty() => {}
            _ => return Err(parser.refuse("content after the root element")),
        }
    }
    serde_json::from_value::<Header>(Value::Object(header))
        .map_err(|e| parser.error(ReadCause::invalid("header", e)))
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::xml::write;

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let ds = engo_model::example::dataset();
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend(write(&ds, Vec::new()).unwrap());
        assert_eq!(read(&bytes[..], &Limits::default()).unwrap(), ds);
    }

    #[test]
    fn text_round_trips_with_carriage_returns_and_markup() {
        let mut ds = engo_model::example::dataset();
        ds.organizations[0].website = Some("https://x.kz/?a=1&b=<2>\r\n".into());
        let bytes = write(&ds, Vec::new()).unwrap();
        assert_eq!(read(&bytes[..], &Limits::default()).unwrap(), ds);
    }
}
