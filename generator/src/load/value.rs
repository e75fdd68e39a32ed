//! The document value, read with its nesting bounded by [`MAX_DOCUMENT_DEPTH`].
//!
//! serde_json's own limit (128 levels) is too low for a schema at
//! [`crate::limits::MAX_SCHEMA_DEPTH`], and serde-saphyr's depth budget does not say where
//! the document crossed it. This reader builds the same [`Value`] serde_json's `Deserialize`
//! does, refuses a container nested deeper than the limit, and, only when it fails, records
//! the keys and indexes it was inside so the error can name the node.

use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::diagnostic::pointer_join;
use crate::limits::MAX_DOCUMENT_DEPTH;

/// What a failed read leaves: where it failed, and whether the limit was why.
#[derive(Debug, Default)]
pub(super) struct Failure {
    /// The keys and indexes from the failing node up (innermost first).
    path: RefCell<Vec<String>>,
    too_deep: Cell<bool>,
}

impl Failure {
    /// The JSON pointer of the failing node.
    pub(super) fn pointer(&self) -> String {
        self.path
            .borrow()
            .iter()
            .rev()
            .fold("#".to_owned(), |pointer, segment| {
                pointer_join(&pointer, segment)
            })
    }

    /// Whether the read failed on the nesting limit.
    pub(super) fn too_deep(&self) -> bool {
        self.too_deep.get()
    }
}

/// Reads one value, inside `enclosing` containers.
pub(super) struct Bounded<'f> {
    pub enclosing: usize,
    pub failure: &'f Failure,
}

impl Bounded<'_> {
    fn child(&self) -> Self {
        Bounded {
            enclosing: self.enclosing + 1,
            failure: self.failure,
        }
    }

    /// Refuses a container at this depth when it crosses the limit.
    fn enter<E: serde::de::Error>(&self) -> Result<(), E> {
        if self.enclosing >= MAX_DOCUMENT_DEPTH {
            self.failure.too_deep.set(true);
            Err(E::custom(format_args!(
                "nested deeper than {MAX_DOCUMENT_DEPTH} levels"
            )))
        } else {
            Ok(())
        }
    }
}

impl<'de> DeserializeSeed<'de> for Bounded<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Bounded<'_> {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        // As serde_json: a float JSON cannot hold (YAML's `.inf`, `.nan`) is null.
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            match seq.next_element_seed(self.child()) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => return Ok(Value::Array(items)),
                Err(err) => {
                    self.failure.path.borrow_mut().push(items.len().to_string());
                    return Err(err);
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            match map.next_value_seed(self.child()) {
                // As serde_json: a repeated key keeps its first place and its last value.
                Ok(value) => {
                    object.insert(key, value);
                }
                Err(err) => {
                    self.failure.path.borrow_mut().push(key);
                    return Err(err);
                }
            }
        }
        Ok(Value::Object(object))
    }
}

/// Parses JSON text nested in `enclosing` containers.
pub(super) fn from_json(
    text: &str,
    enclosing: usize,
    failure: &Failure,
) -> serde_json::Result<Value> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    // Our own bound replaces serde_json's (see the module doc).
    deserializer.disable_recursion_limit();
    let value = Bounded { enclosing, failure }.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let text =
            r#"{"b": [1, -2, 3.5, 18446744073709551615, true, null, "s\u00e9"], "a": {}, "b": 2}"#;
        let ours = from_json(text, 0, &Failure::default()).unwrap();
        let theirs: Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours, theirs);
        assert_eq!(
            ours.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["b", "a"]
        );
    }

    #[test]
    fn the_limit_is_counted_from_the_root_and_the_node_named() {
        let failure = Failure::default();
        assert!(from_json(&nested(MAX_DOCUMENT_DEPTH), 0, &failure).is_ok());
        assert!(from_json(&nested(MAX_DOCUMENT_DEPTH - 3), 3, &failure).is_ok());
        assert!(!failure.too_deep());
        assert!(from_json(&nested(MAX_DOCUMENT_DEPTH - 2), 3, &failure).is_err());
        assert!(failure.too_deep());
        let text = format!(r#"{{"a": [1, {{"b": {}}}]}}"#, nested(MAX_DOCUMENT_DEPTH));
        let failure = Failure::default();
        let err = from_json(&text, 0, &failure).unwrap_err();
        assert_eq!(err.line(), 1);
        let pointer = failure.pointer();
        assert!(
            pointer.starts_with("#/a/1/b/0/0/0"),
            "{pointer} {}",
            pointer.len()
        );
        // The root, `a`'s array and the object in it are three levels; `b` holds the fourth,
        // and the node that crosses the limit is 253 levels below it.
        assert_eq!(pointer.matches("/0").count(), MAX_DOCUMENT_DEPTH - 3);
    }

    #[test]
    fn a_million_levels_are_refused_without_recursing_into_them() {
        let failure = Failure::default();
        assert!(from_json(&nested(1_000_000), 0, &failure).is_err());
        assert!(failure.too_deep());
    }
}
