//! The serializer of a [`Tape`]: mirrors `serde_json::value::Serializer` for what it supports,
//! and refuses the rest ([`Unsupported`]) so that the caller goes through `serde_json::to_value`.

use super::{Node, Tape, Unsupported};

/// Methods of `serde::Serializer` that refuse what they are given: [`Unsupported`] sends the
/// value through `serde_json::to_value`, which gives the exact value or error.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, Unsupported> {
            Err(Unsupported)
        })*
    };
}

/// The serializer of a [`Tape`]: mirrors `serde_json::value::Serializer` for what it supports.
pub(super) struct TapeSerializer<'a> {
    pub(super) tape: &'a mut Tape,
}

/// A container being serialized: the index of its node, and of the inner container of a
/// variant (`{"variant": [...]}`, `{"variant": {...}}`).
pub(super) struct Container<'a> {
    pub(super) tape: &'a mut Tape,
    at: usize,
    inner: Option<usize>,
}

impl Container<'_> {
    fn finish(self) -> Result<(), Unsupported> {
        if let Some(inner) = self.inner {
            self.tape.close(inner);
        }
        self.tape.close(self.at);
        Ok(())
    }
}

impl<'a> TapeSerializer<'a> {
    fn leaf(self, n: Node) -> Result<(), Unsupported> {
        self.tape.nodes.push(n);
        Ok(())
    }

    fn open(self, obj: bool, variant: Option<(&'static str, bool)>) -> Container<'a> {
        let at = self.tape.nodes.len();
        self.tape.nodes.push(if obj || variant.is_some() {
            Node::Object(at)
        } else {
            Node::Array(at)
        });
        let inner = variant.map(|(name, inner_obj)| {
            self.tape.push_static(name);
            let i = self.tape.nodes.len();
            self.tape.nodes.push(if inner_obj {
                Node::Object(i)
            } else {
                Node::Array(i)
            });
            i
        });
        Container {
            tape: self.tape,
            at,
            inner,
        }
    }
}

impl<'a> serde::Serializer for TapeSerializer<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Container<'a>;
    type SerializeTuple = Container<'a>;
    type SerializeTupleStruct = Container<'a>;
    type SerializeTupleVariant = Container<'a>;
    type SerializeMap = Container<'a>;
    type SerializeStruct = Container<'a>;
    type SerializeStructVariant = Container<'a>;

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
    refuse! {
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_i128(i128) -> ();
        serialize_u128(u128) -> ();
        serialize_bytes(&[u8]) -> ();
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
        v.serialize(TapeSerializer { tape: open.tape })?;
        open.finish()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Container<'a>, Unsupported> {
        Ok(self.open(false, None))
    }
    fn serialize_tuple(self, _: usize) -> Result<Container<'a>, Unsupported> {
        Ok(self.open(false, None))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Container<'a>, Unsupported> {
        Ok(self.open(false, None))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Container<'a>, Unsupported> {
        Ok(self.open(true, Some((variant, false))))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Container<'a>, Unsupported> {
        Ok(self.open(true, None))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Container<'a>, Unsupported> {
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
    ) -> Result<Container<'a>, Unsupported> {
        Ok(self.open(true, Some((variant, true))))
    }
}

/// The compound serializers of a [`Container`] whose content is a list of values (sequences,
/// tuples): each value is serialized after the last, and `end` closes the container.
macro_rules! values {
    ($($compound:ident::$method:ident),*) => {$(
        impl serde::ser::$compound for Container<'_> {
            type Ok = ();
            type Error = Unsupported;
            fn $method<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
                v.serialize(TapeSerializer { tape: self.tape })
            }
            fn end(self) -> Result<(), Unsupported> {
                self.finish()
            }
        }
    )*};
}

/// The compound serializers of a [`Container`] whose content is named fields (structs): each
/// field's static name, then its value.
macro_rules! fields {
    ($($compound:ident),*) => {$(
        impl serde::ser::$compound for Container<'_> {
            type Ok = ();
            type Error = Unsupported;
            fn serialize_field<T: serde::Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                v: &T,
            ) -> Result<(), Unsupported> {
                self.tape.push_static(key);
                v.serialize(TapeSerializer { tape: self.tape })
            }
            fn end(self) -> Result<(), Unsupported> {
                self.finish()
            }
        }
    )*};
}

values!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);
fields!(SerializeStruct, SerializeStructVariant);

impl serde::ser::SerializeMap for Container<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: serde::Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        key.serialize(KeySerializer { tape: self.tape })
    }
    fn serialize_value<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        v.serialize(TapeSerializer { tape: self.tape })
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}

/// Map keys: strings only (serde_json also turns numbers and booleans into keys; those go
/// through `to_value`).
struct KeySerializer<'a> {
    pub(super) tape: &'a mut Tape,
}

impl serde::Serializer for KeySerializer<'_> {
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
    refuse! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeStructVariant;
    }
    fn serialize_some<T: serde::Serialize + ?Sized>(self, _: &T) -> Result<(), Unsupported> {
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
}
