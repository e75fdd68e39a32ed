//! Whole generation (models, client, server) of OpenAPI documents made by mutating the specs
//! in `specs/`: a few structural edits (replace, remove, rename, wrap, copy a node) chosen by
//! the fuzzer. Generation ends with code that syn parses, or with an error that names its
//! place; never a panic, an abort or a hang. With `OASFORGE_FUZZ_OUT=DIR` set, the code of
//! every success is written there (`scripts/fuzz.sh` compiles a sample of it).
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use oasforge::{Error, Generator, Settings};
use serde_json::{Map, Value};

const SEEDS: [(&str, &str); 8] = [
    (
        "securegate.yaml",
        include_str!("../../../specs/securegate.yaml"),
    ),
    (
        "kitchen-sink.yaml",
        include_str!("../../../specs/kitchen-sink.yaml"),
    ),
    (
        "showcase.yaml",
        include_str!("../../../specs/showcase.yaml"),
    ),
    (
        "petstore-3.0.json",
        include_str!("../../../specs/petstore-3.0.json"),
    ),
    (
        "edge-cases.yaml",
        include_str!("../../../specs/edge-cases.yaml"),
    ),
    ("defects.yaml", include_str!("../../../specs/defects.yaml")),
    // 3.1: webhooks, tuples, closed objects, optional nullable fields, examples.
    (
        "openapi-3.1.yaml",
        include_str!("../../../specs/openapi-3.1.yaml"),
    ),
    ("fastapi.json", include_str!("../../../specs/fastapi.json")),
];

/// Words a mutation writes: the keywords that steer the generator, and names that stress it.
const WORDS: [&str; 40] = [
    "type",
    "object",
    "array",
    "string",
    "integer",
    "number",
    "boolean",
    "null",
    "properties",
    "items",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "enum",
    "required",
    "additionalProperties",
    "nullable",
    "format",
    "date-time",
    "binary",
    "$ref",
    "#/components/schemas/Pet",
    "discriminator",
    "propertyName",
    "parameters",
    "in",
    "path",
    "query",
    "header",
    "cookie",
    "self",
    "Self",
    "SELF",
    "type",
    "1",
    "",
    "\u{202e}rtl",
    "{id}",
    "application/json",
];

#[derive(Arbitrary, Debug)]
struct Input {
    seed: u8,
    edits: Vec<Edit>,
}

#[derive(Arbitrary, Debug)]
enum Edit {
    Replace(Vec<u16>, Scalar),
    Remove(Vec<u16>),
    Rename(Vec<u16>, Word),
    Insert(Vec<u16>, Word, Scalar),
    Wrap(Vec<u16>, Wrap),
    Copy(Vec<u16>, Vec<u16>),
}

#[derive(Arbitrary, Debug)]
enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Word(Word),
    Text(String),
    Object,
    List,
}

#[derive(Arbitrary, Debug)]
struct Word(u8);

#[derive(Arbitrary, Debug)]
enum Wrap {
    AllOf,
    Items,
    Property,
}

impl Word {
    fn text(&self) -> &'static str {
        WORDS[usize::from(self.0) % WORDS.len()]
    }
}

impl Scalar {
    fn value(&self) -> Value {
        match self {
            Scalar::Null => Value::Null,
            Scalar::Bool(value) => Value::Bool(*value),
            Scalar::Int(value) => Value::from(*value),
            Scalar::Float(value) => {
                serde_json::Number::from_f64(*value).map_or(Value::Null, Value::Number)
            }
            Scalar::Word(word) => Value::from(word.text()),
            Scalar::Text(text) => Value::from(text.as_str()),
            Scalar::Object => Value::Object(Map::new()),
            Scalar::List => Value::Array(Vec::new()),
        }
    }
}

/// The node reached by taking, at each step, the child the number picks (modulo); a step
/// from a node without children stays there.
fn node<'v>(value: &'v mut Value, path: &[u16]) -> &'v mut Value {
    let Some((&step, rest)) = path.split_first() else {
        return value;
    };
    let step = usize::from(step);
    let has_children = match &*value {
        Value::Object(map) => !map.is_empty(),
        Value::Array(items) => !items.is_empty(),
        _ => false,
    };
    if !has_children {
        return value;
    }
    let child = match value {
        Value::Object(map) => {
            let index = step % map.len();
            map.values_mut().nth(index).expect("in range")
        }
        Value::Array(items) => {
            let index = step % items.len();
            &mut items[index]
        }
        _ => unreachable!("checked above"),
    };
    node(child, rest)
}

/// The key at `index` (modulo) of a map.
fn key_at(map: &Map<String, Value>, index: usize) -> Option<String> {
    map.keys().nth(index % map.len().max(1)).cloned()
}

fn apply(document: &mut Value, edit: &Edit) {
    match edit {
        Edit::Replace(path, scalar) => *node(document, path) = scalar.value(),
        Edit::Remove(path) => {
            let (last, parent) = match path.split_last() {
                Some((last, parent)) => (usize::from(*last), parent),
                None => return,
            };
            match node(document, parent) {
                Value::Object(map) => {
                    if let Some(key) = key_at(map, last) {
                        map.shift_remove(&key);
                    }
                }
                Value::Array(items) if !items.is_empty() => {
                    let index = last % items.len();
                    items.remove(index);
                }
                _ => {}
            }
        }
        Edit::Rename(path, word) => {
            let (last, parent) = match path.split_last() {
                Some((last, parent)) => (usize::from(*last), parent),
                None => return,
            };
            if let Value::Object(map) = node(document, parent)
                && let Some(key) = key_at(map, last)
                && let Some(value) = map.shift_remove(&key)
            {
                map.insert(word.text().to_owned(), value);
            }
        }
        Edit::Insert(path, word, scalar) => {
            if let Value::Object(map) = node(document, path) {
                map.insert(word.text().to_owned(), scalar.value());
            }
        }
        Edit::Wrap(path, how) => {
            let target = node(document, path);
            let inner = std::mem::take(target);
            *target = match how {
                Wrap::AllOf => serde_json::json!({"allOf": [inner]}),
                Wrap::Items => serde_json::json!({"type": "array", "items": inner}),
                Wrap::Property => serde_json::json!({"type": "object", "properties": {"p": inner}}),
            };
        }
        Edit::Copy(from, to) => {
            let copied = node(document, from).clone();
            *node(document, to) = copied;
        }
    }
}

fn seeds() -> &'static [Value] {
    static SEEDS_READ: OnceLock<Vec<Value>> = OnceLock::new();
    SEEDS_READ.get_or_init(|| {
        SEEDS
            .iter()
            .map(|(name, text)| {
                oasforge::load::Source::from_bytes(*name, text.as_bytes().to_vec())
                    .and_then(|source| source.parse())
                    .expect("the seed specs load")
            })
            .collect()
    })
}

fuzz_target!(|input: Input| {
    let seeds = seeds();
    let mut document = seeds[usize::from(input.seed) % seeds.len()].clone();
    // A bounded number of edits keeps each run short.
    for edit in input.edits.iter().take(16) {
        apply(&mut document, edit);
        // Copying the root into itself doubles the document: past a few hundred kilobytes
        // the run would time the harness out, not the generator.
        if serde_json::to_string(&document).map_or(0, |text| text.len()) > 512 << 10 {
            return;
        }
    }
    let text = serde_json::to_string(&document).expect("a value prints");
    let settings = Settings {
        example_tests: true,
        ..Settings::everything()
    };
    match Generator::new(settings).generate_bytes("fuzz.json", text.into_bytes()) {
        Ok(generated) => {
            if let Err(err) = syn::parse_file(&generated.code) {
                panic!("generated code does not parse: {err}");
            }
            if let Some(dir) = std::env::var_os("OASFORGE_FUZZ_OUT") {
                let name = format!("{:016x}.rs", fxhash(&generated.code));
                let _ = std::fs::write(std::path::Path::new(&dir).join(name), &generated.code);
            }
        }
        Err(Error::Spec { diagnostic, .. }) => assert!(
            !diagnostic.pointer.is_empty() || diagnostic.location.is_some(),
            "an error without a place: {diagnostic}"
        ),
        Err(other) => panic!("not a spec error: {other}"),
    }
});

/// A stable name for an output (FNV-1a).
fn fxhash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
