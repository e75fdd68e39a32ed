/// The index of the value in `listed` that `found` is, compared as JSON Schema compares; a
/// string that matches none is read as the JSON it spells (a form or a query string writes
/// every value as text: `0.5`, `false`).
pub fn position(found: &serde_json::Value, listed: &[serde_json::Value]) -> Option<usize> {
    listed
        .iter()
        .position(|value| same_json(found, value))
        .or_else(|| {
            let serde_json::Value::String(text) = found else {
                return None;
            };
            let spelled: serde_json::Value = serde_json::from_str(text).ok()?;
            if spelled.is_string() {
                return None;
            }
            listed.iter().position(|value| same_json(&spelled, value))
        })
}
