/// Reads `json`, the spec's example at `at`, as `T`, writes it back, and checks that what is
/// written says what the example said. `unlisted` are the example's properties (pointers
/// within it) that their type does not list: reading passes over them.
fn check<T: serde::de::DeserializeOwned + serde::Serialize>(at: &str, json: &str, unlisted: &[&str]) {
    let example: serde_json::Value = serde_json::from_str(json).expect("an example is JSON");
    let read: T = match serde_json::from_value(example.clone()) {
        Ok(read) => read,
        Err(err) => panic!("the example at {at} does not read as its type: {err}"),
    };
    // As text first: `to_value` widens an `f32` to the nearest `f64` (0.1 -> 0.10000000149...),
    // where the text is what a reader of the JSON gets.
    let text = serde_json::to_string(&read).expect("a value read writes");
    let written: serde_json::Value = serde_json::from_str(&text).expect("what is written is JSON");
    if let Some(difference) = difference(&example, &written, "", unlisted) {
        panic!("the example at {at} is written back otherwise: {difference}\nexample: {example}\nwritten: {written}");
    }
}

/// Where `written` says something else than `example` (at `here`, a pointer within it):
/// numbers are compared by value and date-times by instant. A property only `written` has is
/// a default filled in; one only the example has must be `unlisted`, or `null` (which reads as
/// left out).
fn difference(
    example: &serde_json::Value,
    written: &serde_json::Value,
    here: &str,
    unlisted: &[&str],
) -> Option<String> {
    use serde_json::Value;
    match (example, written) {
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => None,
        (Value::String(a), Value::String(b)) if a == b || same_instant(a, b) => None,
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            a.iter().zip(b).enumerate().find_map(|(index, (a, b))| {
                difference(a, b, &format!("{here}/{index}"), unlisted)
            })
        }
        (Value::Object(a), Value::Object(b)) => a.iter().find_map(|(key, a)| {
            let at = format!("{here}/{}", key.replace('~', "~0").replace('/', "~1"));
            match b.get(key) {
                Some(b) => difference(a, b, &at, unlisted),
                None if a.is_null() || unlisted.contains(&at.as_str()) => None,
                None => Some(format!("{at} was dropped")),
            }
        }),
        (a, b) if a == b => None,
        (a, b) => Some(format!("{here}: {a} became {b}")),
    }
}
