//! JSON pointer -> line and column in the source text.
//!
//! Positions are only needed when something is reported, so they are not tracked while
//! loading; instead the text is scanned once, on demand, for all the pointers at hand. JSON is
//! a subset of YAML's flow syntax, so one YAML event scanner serves both formats.

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
    let mut wanted: HashMap<String, Option<Location>> = HashMap::new();
    for pointer in pointers {
        let tokens = pointer_tokens(pointer);
        for len in 0..=tokens.len() {
            let prefix = tokens[..len]
                .iter()
                .fold("#".to_owned(), |acc, token| pointer_join(&acc, token));
            wanted.entry(prefix).or_insert(None);
        }
    }
    scan(text, &mut wanted);
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

    #[test]
    fn missing_nodes_fall_back_to_their_nearest_ancestor() {
        let found = locate(YAML, &["#/components/schemas/Code/allOf/0"]);
        assert_eq!(found[0], Some(Location { line: 4, column: 5 }));
    }
}
