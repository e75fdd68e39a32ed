//! JSON pointer -> line and column in the source text.
//!
//! Positions are only needed when something is reported, so they are not tracked while
//! loading; instead the text is scanned once, on demand, for all the pointers at hand. JSON is
//! a subset of YAML's flow syntax, so the YAML event scanner serves both formats; JSON text
//! first gets a byte-level scan of its own, about ten times faster on large specs (a warning
//! near the end of GitHub's 13 MB spec cost more than the serde_json parse of the whole file).

use std::collections::HashMap;

use serde_saphyr::granit_parser::{Event, Parser};

use crate::diagnostic::{Location, pointer_join, pointer_tokens};

enum Frame {
    Mapping {
        pointer: String,
        key: Option<String>,
    },
    Sequence {
        pointer: String,
        index: usize,
    },
    /// A complex mapping key; nothing inside it is addressable by a JSON pointer.
    Opaque,
}

/// Finds each pointer's place: a mapping entry is placed at its key, a sequence item at the
/// item. A pointer that does not exist in the source (normalize rewrote that part) is placed at
/// its longest prefix that does.
pub fn locate(text: &str, pointers: &[&str]) -> Vec<Option<Location>> {
    locate_with(text, pointers, true)
}

/// The pointers and every prefix of them: the scans only look inside containers on the way.
fn wanted(pointers: &[&str]) -> HashMap<String, Option<Location>> {
    let mut wanted = HashMap::new();
    for pointer in pointers {
        let tokens = pointer_tokens(pointer);
        for len in 0..=tokens.len() {
            let prefix = tokens[..len]
                .iter()
                .fold("#".to_owned(), |acc, token| pointer_join(&acc, token));
            wanted.entry(prefix).or_insert(None);
        }
    }
    wanted
}

fn locate_with(text: &str, pointers: &[&str], json_first: bool) -> Vec<Option<Location>> {
    let mut wanted = wanted(pointers);
    if !(json_first && json::scan(text, &mut wanted)) {
        wanted.values_mut().for_each(|slot| *slot = None);
        scan(text, &mut wanted);
    }
    pointers
        .iter()
        .map(|pointer| {
            let tokens = pointer_tokens(pointer);
            (0..=tokens.len()).rev().find_map(|len| {
                let prefix = tokens[..len]
                    .iter()
                    .fold("#".to_owned(), |acc, token| pointer_join(&acc, token));
                wanted.get(&prefix).copied().flatten()
            })
        })
        .collect()
}

/// One pass over the events. Only the subtrees on the way to a wanted pointer get pointers of
/// their own (the rest are opaque), and the pass stops once every pointer is placed: a warning
/// about GitHub's 13 MB spec no longer builds a pointer for each of its million nodes.
fn scan(text: &str, wanted: &mut HashMap<String, Option<Location>>) {
    let mut unplaced = wanted.len();
    /// Places `pointer` if it is wanted and not yet placed; says whether it did.
    fn record(
        wanted: &mut HashMap<String, Option<Location>>,
        pointer: &str,
        line: usize,
        col: usize,
    ) -> bool {
        match wanted.get_mut(pointer) {
            Some(slot @ None) => {
                *slot = Some(Location {
                    line,
                    column: col + 1,
                });
                true
            }
            _ => false,
        }
    }
    let mut stack: Vec<Frame> = Vec::new();
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { break };
        let (line, col) = (span.start.line(), span.start.col());
        let (is_node, opens) = match &event {
            Event::Scalar(..) | Event::Alias(..) => (true, false),
            Event::SequenceStart(..) | Event::MappingStart(..) => (true, true),
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                (false, false)
            }
            _ => (false, false),
        };
        if !is_node {
            continue;
        }
        let child = match stack.last_mut() {
            None => {
                unplaced -= usize::from(record(wanted, "#", line, col));
                Some("#".to_owned())
            }
            Some(Frame::Opaque) => None,
            Some(Frame::Mapping { pointer, key }) => match key.take() {
                None => {
                    let key_text = match &event {
                        Event::Scalar(value, ..) => value.to_string(),
                        _ => String::new(),
                    };
                    unplaced -=
                        usize::from(record(wanted, &pointer_join(pointer, &key_text), line, col));
                    *key = Some(key_text);
                    if opens {
                        stack.push(Frame::Opaque);
                    }
                    continue;
                }
                Some(key_text) => Some(pointer_join(pointer, &key_text)),
            },
            Some(Frame::Sequence { pointer, index }) => {
                let child = pointer_join(pointer, &index.to_string());
                *index += 1;
                unplaced -= usize::from(record(wanted, &child, line, col));
                Some(child)
            }
        };
        if unplaced == 0 {
            break;
        }
        if opens {
            // Every prefix of a wanted pointer is wanted too: a container off those paths holds
            // nothing we look for.
            let child = child.filter(|pointer| wanted.contains_key(pointer));
            stack.push(match (child, &event) {
                (Some(pointer), Event::MappingStart(..)) => Frame::Mapping { pointer, key: None },
                (Some(pointer), _) => Frame::Sequence { pointer, index: 0 },
                (None, _) => Frame::Opaque,
            });
        }
    }
}

/// The scan for JSON text: it walks the bytes, builds pointers only inside containers on the
/// way to a wanted one, and skips the rest with a depth count.
mod json {
    use std::collections::HashMap;

    use crate::diagnostic::{Location, pointer_join};

    /// Places what it finds in `wanted`; false when `text` is not plain JSON (YAML that
    /// starts with `{`, say), which the caller then scans as YAML.
    pub(super) fn scan(text: &str, wanted: &mut HashMap<String, Option<Location>>) -> bool {
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            at: 0,
            wanted,
            found: HashMap::new(),
        };
        scanner.skip_whitespace();
        if scanner.peek() != Some(b'{') {
            return false;
        }
        // `None` is malformed, or a stop because everything is found.
        let stopped = match scanner.child("#".to_owned(), scanner.at) {
            Some(root) => scanner.value(root).is_none(),
            None => true,
        };
        if stopped && !scanner.all_found() {
            return false;
        }
        let found = scanner.found;
        for (pointer, location) in locations(text, found) {
            wanted.insert(pointer, Some(location));
        }
        true
    }

    struct Scanner<'t, 'w> {
        bytes: &'t [u8],
        at: usize,
        wanted: &'w HashMap<String, Option<Location>>,
        /// Wanted pointers with the byte offset of their node (the first, should a key repeat).
        found: HashMap<String, usize>,
    }

    /// `None` means malformed, or stopped early because everything is found.
    impl Scanner<'_, '_> {
        fn peek(&self) -> Option<u8> {
            self.bytes.get(self.at).copied()
        }

        fn skip_whitespace(&mut self) {
            while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                self.at += 1;
            }
        }

        fn all_found(&self) -> bool {
            self.found.len() == self.wanted.len()
        }

        /// One value at `self.at`; `pointer` is its pointer when it is on the way to a wanted
        /// one (only then are its children named).
        fn value(&mut self, pointer: Option<String>) -> Option<()> {
            self.skip_whitespace();
            match (self.peek()?, pointer) {
                (b'{', Some(pointer)) => self.object(&pointer),
                (b'[', Some(pointer)) => self.array(&pointer),
                (b'{' | b'[', None) => self.skip_container(),
                (b'"', _) => self.skip_string(),
                (b'-' | b'0'..=b'9' | b't' | b'f' | b'n', _) => {
                    let start = self.at;
                    while !matches!(
                        self.peek(),
                        None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                    ) {
                        self.at += 1;
                    }
                    (self.at > start).then_some(())
                }
                // Not JSON (a YAML alias, a quoted scalar...): the caller scans it as YAML.
                _ => None,
            }
        }

        fn object(&mut self, pointer: &str) -> Option<()> {
            if self.open(b'}')? {
                return Some(());
            }
            loop {
                self.skip_whitespace();
                let key_at = self.at;
                let key = self.string()?;
                // An entry is placed at its key.
                let child = self.child(pointer_join(pointer, &key), key_at)?;
                self.skip_whitespace();
                self.expect(b':')?;
                self.value(child)?;
                if self.closed(b'}')? {
                    return Some(());
                }
            }
        }

        fn array(&mut self, pointer: &str) -> Option<()> {
            if self.open(b']')? {
                return Some(());
            }
            for index in 0.. {
                self.skip_whitespace();
                let child = self.child(pointer_join(pointer, &index.to_string()), self.at)?;
                self.value(child)?;
                if self.closed(b']')? {
                    return Some(());
                }
            }
            None
        }

        /// Steps into a container; true when it is empty (and stepped over).
        fn open(&mut self, close: u8) -> Option<bool> {
            self.at += 1;
            self.skip_whitespace();
            let empty = self.peek()? == close;
            if empty {
                self.at += 1;
            }
            Some(empty)
        }

        /// After an entry: true at the end of the container, false before the next entry.
        fn closed(&mut self, close: u8) -> Option<bool> {
            self.skip_whitespace();
            let byte = self.peek()?;
            self.at += 1;
            match byte {
                b',' => Some(false),
                _ if byte == close => Some(true),
                _ => None,
            }
        }

        /// Records a child placed at `at` if it is wanted, and returns its pointer when its own
        /// children should be named. `None` stops the scan: everything is found.
        fn child(&mut self, pointer: String, at: usize) -> Option<Option<String>> {
            if !self.wanted.contains_key(&pointer) {
                return Some(None);
            }
            self.found.entry(pointer.clone()).or_insert(at);
            (!self.all_found()).then_some(Some(pointer))
        }

        fn expect(&mut self, byte: u8) -> Option<()> {
            (self.peek()? == byte).then(|| self.at += 1)
        }

        /// A string at `self.at`, unescaped.
        fn string(&mut self) -> Option<String> {
            let start = self.at;
            self.expect(b'"')?;
            let mut escaped = false;
            loop {
                match self.peek()? {
                    b'"' => break,
                    b'\\' => {
                        escaped = true;
                        self.at += 2;
                    }
                    _ => self.at += 1,
                }
            }
            self.at += 1;
            let raw = std::str::from_utf8(self.bytes.get(start..self.at)?).ok()?;
            if escaped {
                serde_json::from_str(raw).ok()
            } else {
                Some(raw[1..raw.len() - 1].to_owned())
            }
        }

        /// Skips a string at `self.at`.
        fn skip_string(&mut self) -> Option<()> {
            self.expect(b'"')?;
            loop {
                // Strings are most of a spec's bytes: jump to the next quote or escape.
                self.at += memchr::memchr2(b'"', b'\\', self.bytes.get(self.at..)?)?;
                match self.peek()? {
                    b'"' => break,
                    _ => self.at += 2,
                }
            }
            self.at += 1;
            Some(())
        }

        /// Skips an object or array nothing wanted is in.
        fn skip_container(&mut self) -> Option<()> {
            /// The bytes this loop acts on; the rest (whitespace, numbers, `:` and `,`) are
            /// stepped over in a tight loop.
            const MARKS: [bool; 256] = {
                let mut marks = [false; 256];
                let mut bytes: &[u8] = b"\"{[}]#'";
                while let [byte, rest @ ..] = bytes {
                    marks[*byte as usize] = true;
                    bytes = rest;
                }
                marks
            };
            let mut depth = 0usize;
            loop {
                self.at += self
                    .bytes
                    .get(self.at..)?
                    .iter()
                    .position(|&byte| MARKS[byte as usize])?;
                match self.peek()? {
                    b'"' => {
                        self.skip_string()?;
                        continue;
                    }
                    // A comment or a single-quoted string: YAML, not JSON.
                    b'#' | b'\'' => return None,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            self.at += 1;
                            return Some(());
                        }
                    }
                    _ => {}
                }
                self.at += 1;
            }
        }
    }

    /// Byte offsets as lines and columns (columns count characters), in one pass.
    fn locations(text: &str, found: HashMap<String, usize>) -> Vec<(String, Location)> {
        let mut found: Vec<(String, usize)> = found.into_iter().collect();
        found.sort_by_key(|(_, offset)| *offset);
        // Characters are counted from the previous offset, not from the line's start: a
        // minified spec is one long line.
        let (mut line, mut column, mut scanned) = (1, 1, 0);
        found
            .into_iter()
            .map(|(pointer, offset)| {
                let mut since = &text.as_bytes()[scanned..offset];
                if let Some(last_newline) = memchr::memrchr(b'\n', since) {
                    line += memchr::memchr_iter(b'\n', since).count();
                    column = 1;
                    since = &since[last_newline + 1..];
                }
                // The first bytes of characters (not UTF-8 continuation bytes).
                column += since.iter().filter(|&&byte| byte & 0xC0 != 0x80).count();
                scanned = offset;
                (pointer, Location { line, column })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "openapi: 3.1.0\ncomponents:\n  schemas:\n    Code:\n      type: string\n      enum:\n        - '1'\n        - '44'\n        - '1'\n";

    #[test]
    fn finds_mapping_keys_and_sequence_items_in_yaml() {
        let found = locate(
            YAML,
            &[
                "#/components/schemas/Code",
                "#/components/schemas/Code/enum/2",
                "#",
            ],
        );
        assert_eq!(found[0], Some(Location { line: 4, column: 5 }));
        assert_eq!(
            found[1],
            Some(Location {
                line: 9,
                column: 11
            })
        );
        assert_eq!(found[2], Some(Location { line: 1, column: 1 }));
    }

    #[test]
    fn finds_places_in_json() {
        let json = "{\n  \"paths\": {\n    \"/a/{b}\": {\"get\": {}}\n  }\n}";
        let found = locate(json, &["#/paths/~1a~1{b}/get"]);
        assert_eq!(
            found[0],
            Some(Location {
                line: 3,
                column: 16
            })
        );
    }

    /// The YAML scan's answers, for comparison with the JSON scan's.
    fn located_as_yaml(text: &str, pointers: &[&str]) -> Vec<Option<Location>> {
        locate_with(text, pointers, false)
    }

    #[test]
    fn the_json_scan_agrees_with_the_yaml_scan() {
        let json = r#"{"openapi": "3.1.0",
 "info": {"title": "\u00e9t\u00e9 \"q\" [x] {y}", "version": "1"},
  "paths": {"/a~b/{c}": {"get": {"x": [1, -2.5e3, true, null, {"é": [[]]}],
    "k\"ey": {}, "tail": "ü"}}}}"#;
        let pointers = [
            "#",
            "#/info/title",
            "#/paths/~1a~0b~1{c}/get",
            "#/paths/~1a~0b~1{c}/get/x/1",
            "#/paths/~1a~0b~1{c}/get/x/4/é/0",
            "#/paths/~1a~0b~1{c}/get/k\"ey",
            "#/paths/~1a~0b~1{c}/get/tail",
            "#/paths/~1a~0b~1{c}/get/x/9",
            "#/nothing",
        ];
        assert!(
            json::scan(json, &mut wanted(&pointers)),
            "plain JSON takes the fast path"
        );
        let fast = locate(json, &pointers);
        assert_eq!(fast, located_as_yaml(json, &pointers));
        assert_eq!(
            fast[6],
            Some(Location {
                line: 4,
                column: 18
            })
        );
        // Missing nodes are placed at their nearest ancestor.
        assert_eq!(
            fast[7],
            Some(Location {
                line: 3,
                column: 34
            })
        );
        assert_eq!(fast[8], fast[0]);
    }

    #[test]
    fn columns_on_one_long_line_count_characters() {
        let mut json = String::from("{");
        for index in 0..200 {
            json.push_str(&format!("\"ké{index}\": {{\"v\": [1, \"x\"]}}, "));
        }
        json.push_str("\"end\": 0}");
        let pointers: Vec<String> = (0..200).map(|i| format!("#/ké{i}/v/1")).collect();
        let pointers: Vec<&str> = pointers.iter().map(String::as_str).collect();
        assert!(json::scan(&json, &mut wanted(&pointers)));
        assert_eq!(locate(&json, &pointers), located_as_yaml(&json, &pointers));
    }

    #[test]
    fn flow_yaml_that_is_not_json_is_scanned_as_yaml() {
        let text = "{openapi: 3.1.0, paths: {/a: {get: {}}}}";
        assert!(!json::scan(text, &mut wanted(&["#/paths/~1a/get"])));
        let found = locate(text, &["#/paths/~1a/get"]);
        assert_eq!(found, located_as_yaml(text, &["#/paths/~1a/get"]));
        assert!(found[0].is_some());
        // A comment inside a skipped part is not JSON either.
        let commented = "{\"a\": {\"b\": 1 # \"\n}, \"c\": 2}";
        assert!(!json::scan(commented, &mut wanted(&["#/c"])));
        assert_eq!(
            locate(commented, &["#/c"]),
            located_as_yaml(commented, &["#/c"])
        );
    }

    #[test]
    fn missing_nodes_fall_back_to_their_nearest_ancestor() {
        let found = locate(YAML, &["#/components/schemas/Code/allOf/0"]);
        assert_eq!(found[0], Some(Location { line: 4, column: 5 }));
    }
}
