//! The XSD of the dataset document, generated from the same schema shape as the writer and the
//! reader.

use super::{HEADER, NAMESPACE};
use crate::{
    record::Kind,
    schema_shape::{self, Object, Property, Scalar, ShapeError, Type},
};

/// The XML namespace, for `xml:lang`.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

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
    fn patterns_become_xsd_patterns() {
        assert_eq!(xsd_pattern("^[0-9]{9}$"), "[0-9]{9}");
        assert_eq!(
            xsd_pattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"),
            "[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}"
        );
        assert_eq!(xsd_pattern("\\S"), "[\\s\\S]*\\S[\\s\\S]*");
    }
}
