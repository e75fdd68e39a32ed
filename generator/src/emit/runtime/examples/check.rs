/// Reads `json`, the spec's example at `at`, as `T`, writes it back, and checks that what is
/// written says what the example said.
fn check<T: serde::de::DeserializeOwned + serde::Serialize>(at: &str, json: &str) {
    let example: serde_json::Value = serde_json::from_str(json).expect("an example is JSON");
    let read: T = match serde_json::from_value(example.clone()) {
        Ok(read) => read,
        Err(err) => panic!("the example at {at} does not read as its type: {err}"),
    };
    // As text first: `to_value` widens an `f32` to the nearest `f64` (0.1 -> 0.10000000149...),
    // where the text is what a reader of the JSON gets.
    let text = serde_json::to_string(&read).expect("a value read writes");
    let written: serde_json::Value = serde_json::from_str(&text).expect("what is written is JSON");
    if let Some(difference) = difference(&example, &written) {
        panic!("the example at {at} is written back otherwise: {difference}\nexample: {example}\nwritten: {written}");
    }
}

/// Where `written` says something else than `example`: numbers are compared by value and
/// date-times by instant; a property only the example has is one the type does not list
/// (read past, as any reader does), one only `written` has is a default filled in.
fn difference(example: &serde_json::Value, written: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match (example, written) {
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => None,
        (Value::String(a), Value::String(b)) if a == b || same_instant(a, b) => None,
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(index, (a, b))| difference(a, b).map(|at| format!("/{index}{at}"))),
        (Value::Object(a), Value::Object(b)) => a.iter().find_map(|(key, a)| {
            let b = b.get(key)?;
            difference(a, b).map(|at| format!("/{key}{at}"))
        }),
        (a, b) if a == b => None,
        (a, b) => Some(format!(": {a} became {b}")),
    }
}
