//! A small JSON tree that keeps the order of properties and writes numbers from their exact
//! decimal text, for the OCDS and 360Giving documents (which want amounts as JSON numbers,
//! never through floating point).

use engo_model::{Money, Quantity};

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum J {
    /// A number, as its exact decimal text.
    Num(String),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<J>),
    /// An object, properties in insertion order.
    Obj(Vec<(String, J)>),
}

impl J {
    /// An empty object.
    pub(crate) fn obj() -> J {
        J::Obj(Vec::new())
    }

    /// Adds (or replaces) a property; a no-op on non-objects.
    pub(crate) fn set(&mut self, key: &str, value: J) -> &mut J {
        if let J::Obj(props) = self {
            match props.iter_mut().find(|(k, _)| k == key) {
                Some((_, v)) => *v = value,
                None => props.push((key.to_owned(), value)),
            }
        }
        self
    }

    /// Builder form of [`J::set`].
    pub(crate) fn with(mut self, key: &str, value: J) -> J {
        self.set(key, value);
        self
    }

    /// Builder: sets the property when there is a value.
    pub(crate) fn with_opt(self, key: &str, value: Option<J>) -> J {
        match value {
            Some(v) => self.with(key, v),
            None => self,
        }
    }

    /// A property of an object.
    pub(crate) fn get(&self, key: &str) -> Option<&J> {
        match self {
            J::Obj(props) => props.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A string value.
    pub(crate) fn s(s: impl Into<String>) -> J {
        J::Str(s.into())
    }

    /// An amount in tenge as a JSON number: whole tenge without a fraction when there are no
    /// tiyn (`1500000`), else the exact two-digit fraction (`1500000.50`).
    pub(crate) fn money(m: Money) -> J {
        let t = m.tiyn();
        if t.is_multiple_of(100) {
            J::Num((t / 100).to_string())
        } else {
            J::Num(format!("{}.{:02}", t / 100, t % 100))
        }
    }

    /// A quantity as a JSON number, from its exact decimal text.
    pub(crate) fn quantity(q: Quantity) -> J {
        J::Num(q.to_string())
    }

    /// An integer.
    pub(crate) fn int(n: i64) -> J {
        J::Num(n.to_string())
    }

    /// Pretty text with two-space indentation and a final newline.
    pub(crate) fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, level: usize) {
        let pad = |out: &mut String, n: usize| out.extend(std::iter::repeat_n(' ', n * 2));
        match self {
            J::Num(n) => out.push_str(n),
            J::Str(s) => {
                out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned()))
            }
            J::Arr(items) if items.is_empty() => out.push_str("[]"),
            J::Obj(props) if props.is_empty() => out.push_str("{}"),
            J::Arr(items) => {
                out.push('[');
                for (i, x) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    pad(out, level + 1);
                    x.write(out, level + 1);
                }
                out.push('\n');
                pad(out, level);
                out.push(']');
            }
            J::Obj(props) => {
                out.push('{');
                for (i, (k, v)) in props.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    pad(out, level + 1);
                    out.push_str(&serde_json::to_string(k).unwrap_or_else(|_| "\"\"".to_owned()));
                    out.push_str(": ");
                    v.write(out, level + 1);
                }
                out.push('\n');
                pad(out, level);
                out.push('}');
            }
        }
    }
}

/// Merges `update` into `base` by the OCDS rules: objects merge field by field, arrays of
/// objects that all have an `id` merge by `id`, other values are replaced.
pub(crate) fn merge(base: &mut J, update: &J) {
    match (&mut *base, update) {
        (J::Obj(_), J::Obj(props)) => {
            for (k, v) in props {
                match base.get(k).cloned() {
                    Some(mut old) => {
                        merge(&mut old, v);
                        base.set(k, old);
                    }
                    None => {
                        base.set(k, v.clone());
                    }
                }
            }
        }
        (J::Arr(old), J::Arr(new))
            if new.iter().all(|x| x.get("id").is_some())
                && old.iter().all(|x| x.get("id").is_some()) =>
        {
            for item in new {
                let id = item.get("id");
                match old.iter_mut().find(|o| o.get("id") == id) {
                    Some(o) => merge(o, item),
                    None => old.push(item.clone()),
                }
            }
        }
        (b, u) => *b = u.clone(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn numbers_are_exact() {
        let m: Money = "99999999999999.99".parse().unwrap();
        assert_eq!(J::money(m).to_pretty(), "99999999999999.99\n");
        assert_eq!(
            J::money(Money::from_tenge(1_500_000).unwrap()).to_pretty(),
            "1500000\n"
        );
    }

    #[test]
    fn merge_by_id() {
        let mut a = J::obj().with(
            "xs",
            J::Arr(vec![J::obj().with("id", J::s("1")).with("v", J::s("a"))]),
        );
        let b = J::obj().with(
            "xs",
            J::Arr(vec![
                J::obj().with("id", J::s("1")).with("w", J::s("b")),
                J::obj().with("id", J::s("2")),
            ]),
        );
        merge(&mut a, &b);
        let xs = a.get("xs").unwrap();
        let J::Arr(items) = xs else { unreachable!() };
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].get("v"), Some(&J::s("a")));
        assert_eq!(items[0].get("w"), Some(&J::s("b")));
    }
}
