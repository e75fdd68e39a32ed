//! JSON documents of a megabyte or more are parsed on two threads.
//!
//! One thread scans the top levels of objects (the spec's `paths`, its `components`, their
//! schemas) for where each member's value starts and ends, without reading the values; both
//! threads parse those values with serde_json as the scan finds them, and the objects above
//! them are put back together in document order. The scan checks the JSON structure around
//! the pieces and serde_json checks each piece, so what comes out is what serde_json makes of
//! the whole text. Anything unexpected (invalid JSON, a root that is not an object) makes the
//! whole text be parsed again in one go, for serde_json's own result and error with its place.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde_json::{Map, Value};

use super::value::{Failure, from_json};

/// Smaller documents are parsed on one thread: splitting would cost more than it saves.
const MIN_BYTES: usize = 1 << 20;

/// Objects are split into members down to this depth (GitHub's spec:
/// `components` > `schemas` > one schema).
const SPLIT_DEPTH: usize = 3;

/// The document's value, parsed on two threads when it is large and there are two cores.
/// `failure` says where a failed parse stopped.
pub(super) fn parse(text: &str, failure: &Failure) -> serde_json::Result<Value> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if cores < 2 || text.len() < MIN_BYTES {
        return from_json(text, 0, failure);
    }
    match parse_in_pieces(text) {
        Some(value) => Ok(value),
        None => from_json(text, 0, failure),
    }
}

/// The value of `text`, or `None` when it is not a JSON object the scan can split (serde_json
/// then says what is wrong with it).
fn parse_in_pieces(text: &str) -> Option<Value> {
    let pieces = Pieces::default();
    let (root, mut parsed) = std::thread::scope(|scope| {
        // Without a second thread, this one parses every piece after the scan.
        let helper = crate::parallel::spawn_scoped(scope, || pieces.parse()).ok();
        let root = scan(text, &pieces);
        pieces.scanned.store(true, Ordering::Release);
        let mut parsed = pieces.parse();
        if let Some(helper) = helper {
            parsed.extend(helper.join().ok().into_iter().flatten());
        }
        (root, parsed)
    });
    let root = root?;
    let found = pieces.found.into_inner().ok()?.len();
    if pieces.failed.into_inner() || parsed.len() != found {
        return None;
    }
    parsed.sort_unstable_by_key(|&(index, _)| index);
    let mut values = parsed.into_iter().map(|(_, value)| value);
    root.assemble(text, &mut values)
}

/// The scan of the whole text: its root object, then only whitespace.
fn scan<'t>(text: &'t str, pieces: &Pieces<'t>) -> Option<Node> {
    /// Stops the parsing threads if the scan panics: the helper would otherwise wait for it.
    struct StopOnPanic<'a>(&'a AtomicBool);
    impl Drop for StopOnPanic<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                self.0.store(true, Ordering::Release);
            }
        }
    }
    let _stop = StopOnPanic(&pieces.failed);
    let mut scan = Scan {
        text,
        at: 0,
        pieces,
    };
    let root = (|| {
        scan.whitespace();
        let root = scan.object(0)?;
        scan.whitespace();
        (scan.at == text.len()).then_some(root)
    })();
    if root.is_none() {
        pieces.failed.store(true, Ordering::Release);
    }
    root
}

/// The pieces the scan has found so far, and the parsing threads' shared progress.
#[derive(Default)]
struct Pieces<'t> {
    /// Each piece's text, and how many objects enclose it.
    found: Mutex<Vec<(&'t str, usize)>>,
    /// How many pieces are in `found` (read without the lock).
    published: AtomicUsize,
    scanned: AtomicBool,
    /// The next piece a thread takes.
    next: AtomicUsize,
    /// A piece or the scan failed: both threads stop, the text is parsed as a whole.
    failed: AtomicBool,
}

impl<'t> Pieces<'t> {
    /// Adds a piece, enclosed in `enclosing` objects.
    fn push(&self, piece: &'t str, enclosing: usize) {
        let mut found = self
            .found
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        found.push((piece, enclosing));
        self.published.store(found.len(), Ordering::Release);
    }

    /// Parses pieces, the next one each time, until there are none left: (index, value).
    fn parse(&self) -> Vec<(usize, Value)> {
        let mut parsed = Vec::new();
        loop {
            let index = self.next.fetch_add(1, Ordering::Relaxed);
            // The scan is faster than parsing, so this wait is short and rare.
            while index >= self.published.load(Ordering::Acquire) {
                if self.failed.load(Ordering::Acquire)
                    || (self.scanned.load(Ordering::Acquire)
                        && index >= self.published.load(Ordering::Acquire))
                {
                    return parsed;
                }
                std::thread::yield_now();
            }
            if self.failed.load(Ordering::Acquire) {
                return parsed;
            }
            let (piece, enclosing) = self
                .found
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())[index];
            match parse_enclosed(piece, enclosing) {
                Some(value) => parsed.push((index, value)),
                None => {
                    self.failed.store(true, Ordering::Release);
                    return parsed;
                }
            }
        }
    }
}

/// Parses a piece as deep down as it is in the document (the nesting limit counts from the
/// root). A piece that fails makes the whole text be parsed again, which names the place.
fn parse_enclosed(piece: &str, enclosing: usize) -> Option<Value> {
    from_json(piece, enclosing, &Failure::default()).ok()
}

/// A value found by the scan.
enum Node {
    /// A value parsed by serde_json as one piece; pieces are numbered in document order.
    Piece,
    /// An object, with the byte range of each member's key (quotes included) and its value.
    Object(Vec<((usize, usize), Node)>),
}

impl Node {
    /// The value, taking the parsed pieces in document order.
    fn assemble(self, text: &str, values: &mut impl Iterator<Item = Value>) -> Option<Value> {
        match self {
            Node::Piece => values.next(),
            Node::Object(members) => {
                let mut object = Map::with_capacity(members.len());
                for ((key_start, key_end), value) in members {
                    let quoted = &text[key_start..key_end];
                    // Escapes, and control characters serde_json refuses, are left to it.
                    let key = if quoted.bytes().any(|byte| byte == b'\\' || byte < 0x20) {
                        serde_json::from_str(quoted).ok()?
                    } else {
                        quoted[1..quoted.len() - 1].to_owned()
                    };
                    // As serde_json does: a repeated key keeps its first place and last value.
                    object.insert(key, value.assemble(text, values)?);
                }
                Some(Value::Object(object))
            }
        }
    }
}

/// Finds where values start and end. It checks the JSON structure of the objects it splits;
/// inside other values it only matches quotes and brackets, and serde_json checks the rest.
struct Scan<'t, 'p> {
    text: &'t str,
    at: usize,
    pieces: &'p Pieces<'t>,
}

impl Scan<'_, '_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// The object at `{`, its members' values scanned as objects too down to [`SPLIT_DEPTH`].
    fn object(&mut self, depth: usize) -> Option<Node> {
        self.expect(b'{')?;
        let mut members = Vec::new();
        self.whitespace();
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(Node::Object(members));
        }
        loop {
            self.whitespace();
            let key_start = self.at;
            self.expect(b'"')?;
            self.string_rest()?;
            let key = (key_start, self.at);
            self.whitespace();
            self.expect(b':')?;
            self.whitespace();
            let value = if self.peek()? == b'{' && depth + 1 < SPLIT_DEPTH {
                self.object(depth + 1)?
            } else {
                let start = self.at;
                self.skip_value()?;
                self.pieces.push(&self.text[start..self.at], depth + 1);
                Node::Piece
            };
            members.push((key, value));
            if self.pieces.failed.load(Ordering::Relaxed) {
                return None;
            }
            self.whitespace();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(Node::Object(members));
                }
                _ => return None,
            }
        }
    }

    /// After the opening quote of a string, to just after its closing quote.
    fn string_rest(&mut self) -> Option<()> {
        loop {
            let rest = self.text.as_bytes().get(self.at..)?;
            self.at += memchr::memchr2(b'"', b'\\', rest)?;
            if self.peek()? == b'"' {
                self.at += 1;
                return Some(());
            }
            // An escape: the backslash and the character it escapes.
            self.at += 2;
        }
    }

    /// To just after the value that starts here.
    fn skip_value(&mut self) -> Option<()> {
        let (open, close) = match self.peek()? {
            b'"' => {
                self.at += 1;
                return self.string_rest();
            }
            b'{' => (b'{', b'}'),
            b'[' => (b'[', b']'),
            // A number, `true`, `false` or `null`: serde_json reads which.
            _ => {
                let start = self.at;
                while let Some(byte) = self.peek() {
                    if matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.at += 1;
                }
                return (self.at > start).then_some(());
            }
        };
        // Brackets of the value's own kind balance within it once strings are skipped; the
        // other kind does not matter to where it ends.
        let mut depth = 0usize;
        loop {
            let rest = self.text.as_bytes().get(self.at..)?;
            self.at += memchr::memchr3(b'"', open, close, rest)?;
            let byte = self.text.as_bytes()[self.at];
            self.at += 1;
            if byte == b'"' {
                self.string_rest()?;
            } else if byte == open {
                depth += 1;
            } else {
                depth -= 1;
                if depth == 0 {
                    return Some(());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agrees_with_serde_json(text: &str) {
        let whole: Value = serde_json::from_str(text).unwrap();
        let pieces = parse_in_pieces(text);
        assert_eq!(pieces.as_ref(), Some(&whole), "{text}");
        // Key order too, which `==` on maps does not compare.
        assert_eq!(
            serde_json::to_string(&pieces.unwrap()).unwrap(),
            serde_json::to_string(&whole).unwrap()
        );
    }

    #[test]
    fn pieces_put_together_are_the_whole_parse() {
        agrees_with_serde_json(
            r#" {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}},
                      "/b/{id}": {}},
            "components": {"schemas": {
                "A": {"type": "object", "properties": {"x": {"type": ["string", "null"]}}},
                "B": {"enum": [1, -2.5e3, true, false, null, "}]\"{["]},
                "C": [], "D": {}, "E": 0, "F": "s"
            }},
            "tags": [{"name": "a"}, [[], {}]]}
            "#,
        );
        // Escaped and repeated keys: a repeated key keeps its first place and last value.
        agrees_with_serde_json(r#"{"a\"b": {"c\\": 1, "\u00e9": 2}, "x": 1, "a\"b": {"d": 3}}"#);
        agrees_with_serde_json("{\r\n\t\"a\":{\"b\":{\"c\":{\"d\":{}}}}\r\n}\n");
        agrees_with_serde_json("{}");
    }

    #[test]
    fn a_large_document_is_parsed_in_pieces_as_serde_json_parses_it_whole() {
        let mut schemas = serde_json::Map::new();
        for index in 0..4_000 {
            schemas.insert(
                format!("S{index}"),
                serde_json::json!({"type": "object", "description": "x".repeat(200),
                    "properties": {"a": {"type": "string", "enum": ["a", "b"]}}}),
            );
        }
        let text = serde_json::to_string_pretty(&serde_json::json!({
            "openapi": "3.1.0", "components": {"schemas": schemas}, "paths": {}
        }))
        .unwrap();
        assert!(text.len() > MIN_BYTES);
        let whole: Value = serde_json::from_str(&text).unwrap();
        let pieces = parse(&text, &Failure::default()).unwrap();
        assert!(
            serde_json::to_string(&pieces).unwrap() == serde_json::to_string(&whole).unwrap(),
            "the same value, key order included"
        );
        assert!(
            parse_in_pieces(&text).is_some(),
            "the large document is split"
        );
        // A defect deep inside is serde_json's error, with its place.
        let broken = text.replacen("\"string\",", "\"string\",,", 1);
        assert_ne!(broken, text);
        let Err(error) = parse(&broken, &Failure::default()) else {
            panic!("the broken document is refused");
        };
        let whole_error = serde_json::from_str::<Value>(&broken).err();
        assert_eq!(
            Some(error.to_string()),
            whole_error.map(|err| err.to_string())
        );
    }

    #[test]
    fn anything_unexpected_is_left_to_the_whole_parse() {
        let invalid = [
            r#"{"a": 1,}"#,
            r#"{"a": {"b": 1,}}"#,
            r#"{"a": [1}"#,
            r#"{"a" 1}"#,
            r#"{"a": 1} x"#,
            r#"{"a": "unterminated}"#,
            r#"{"a": {"b": 1}"#,
            r#"{"a": tru}"#,
            "{\"a\nb\": {\"c\": 1}}",
            "{'a': 1}",
        ];
        for text in invalid {
            assert!(serde_json::from_str::<Value>(text).is_err(), "{text}");
            assert_eq!(parse_in_pieces(text), None, "{text}");
        }
        // Valid, but not an object to split.
        assert_eq!(parse_in_pieces(r#"["a", {"b": 1}]"#), None);
        // As deep as the nesting limit allows, counting the levels above the piece too,
        // however they are spread across the split levels.
        let nested = |arrays: usize| {
            format!(
                "{{\"a\": {{\"b\": {{\"c\": {}{}}}}}}}",
                "[".repeat(arrays),
                "]".repeat(arrays)
            )
        };
        let limit = crate::limits::MAX_DOCUMENT_DEPTH;
        let deepest = nested(limit - 3);
        assert_eq!(
            parse_in_pieces(&deepest),
            Some(from_json(&deepest, 0, &Failure::default()).unwrap())
        );
        assert!(from_json(&nested(limit - 2), 0, &Failure::default()).is_err());
        assert_eq!(parse_in_pieces(&nested(limit - 2)), None);
    }
}
