//! JSON Schema 2020-12 tuples: an array schema's `prefixItems`, read once the rewrites are
//! done (the items are then 3.0-shaped like every schema), and kept beside openapiv3's
//! `ArrayType`, which has no place for them.

use std::collections::HashMap;

use openapiv3::{ReferenceOr, Schema};
use serde_json::Value;

use super::schema_reader;
use crate::diagnostic::{Diagnostic, pointer_join};

/// The `prefixItems` of one array schema, and what its other keywords say about them.
#[derive(Debug, Clone, PartialEq)]
pub struct Tuple {
    /// The item schemas, in order.
    pub items: Vec<ReferenceOr<Schema>>,
    /// No item may follow the listed ones: `items: false`, or a `maxItems` no larger than
    /// their count. Only then is a Rust tuple exact.
    pub closed: bool,
    /// Fewer items than listed are valid (`minItems` below their count, or none).
    pub shorter_allowed: bool,
}

/// Reads the tuple of each schema at `places` (pointers into `document`, which resolve names
/// schemas by too); an item that is not a schema is an error at its place.
pub(super) fn read(
    document: &Value,
    places: Vec<String>,
) -> Result<HashMap<String, Tuple>, Diagnostic> {
    let mut tuples = HashMap::new();
    for place in places {
        let Some(schema) = super::schema_at(document, &place) else {
            continue;
        };
        let Some(Value::Array(items)) = schema.get("prefixItems") else {
            continue;
        };
        let items_at = pointer_join(&place, "prefixItems");
        let items = items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                schema_reader::reference_or_schema(item).map_err(|unreadable| {
                    unreadable.into_diagnostic(&pointer_join(&items_at, &index.to_string()))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let count = items.len() as u64;
        let bound = |keyword: &str| schema.get(keyword).and_then(Value::as_u64);
        // `items: false` was rewritten to the schema nothing is valid against.
        let no_more_items = schema.get("items") == Some(&serde_json::json!({"not": {}}));
        let closed = no_more_items || bound("maxItems").is_some_and(|max| max <= count);
        let shorter_allowed = bound("minItems").is_none_or(|min| min < count);
        tuples.insert(
            place,
            Tuple {
                items,
                closed,
                shorter_allowed,
            },
        );
    }
    Ok(tuples)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tuple(schema: Value) -> Option<Tuple> {
        let document = json!({"components": {"schemas": {"T": schema}}});
        let place = "#/components/schemas/T".to_owned();
        read(&document, vec![place.clone()]).unwrap().remove(&place)
    }

    #[test]
    fn a_tuple_is_closed_by_items_false_or_max_items() {
        let items = json!([{"type": "integer"}, {"type": "string"}]);
        // What FastAPI writes for `tuple[int, str]`.
        let fastapi =
            tuple(json!({"type": "array", "prefixItems": items, "minItems": 2, "maxItems": 2}))
                .unwrap();
        assert_eq!(fastapi.items.len(), 2);
        assert!(fastapi.closed && !fastapi.shorter_allowed);
        let closed =
            tuple(json!({"type": "array", "prefixItems": items, "items": {"not": {}}})).unwrap();
        assert!(closed.closed && closed.shorter_allowed);
        let open =
            tuple(json!({"type": "array", "prefixItems": items, "items": {"type": "string"}}))
                .unwrap();
        assert!(!open.closed);
        assert_eq!(tuple(json!({"type": "array", "prefixItems": 3})), None);
    }

    #[test]
    fn an_item_that_is_not_a_schema_is_an_error_at_its_place() {
        let document = json!({"s": {"prefixItems": [{"type": "string"}, 7]}});
        let error = read(&document, vec!["#/s".to_owned()]).unwrap_err();
        assert_eq!(error.pointer, "#/s/prefixItems/1");
    }
}
