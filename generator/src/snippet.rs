//! Diagnostics drawn for people (the CLI): the message, the file, line and column, and the
//! spec line itself with the node marked and its JSON pointer beside it.

use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Severity};

/// Renders `diagnostic` about the spec at `path`, whose text is `source` when it could be read.
pub fn render(diagnostic: &Diagnostic, path: &Path, source: Option<&str>, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let level = match diagnostic.severity {
        Severity::Warning => Level::WARNING,
        Severity::Error => Level::ERROR,
    };
    let path_text = path.display().to_string();
    let pointer = if diagnostic.pointer.is_empty() {
        String::new()
    } else {
        format!("at {}", diagnostic.pointer)
    };
    let line = diagnostic.location.and_then(|at| {
        let text = source?.lines().nth(at.line.checked_sub(1)?)?;
        Some((at, text))
    });
    // The renderer is handed a window around the node, never a whole long line (a minified
    // spec is one line of megabytes, and each warning would cost its length); the place is
    // then given to it apart, since the window's columns are not the line's.
    let line = line.map(|(at, text)| (at, text, window(text, at.column)));
    let title = level.clone().primary_title(diagnostic.message.as_str());
    let report = match &line {
        Some((at, text, (shown, column))) => {
            let span = node_span(shown, *column);
            let snippet = Snippet::source(shown.as_ref())
                .line_start(at.line)
                .annotation(AnnotationKind::Primary.span(span).label(pointer.as_str()));
            if shown.len() == text.len() {
                vec![title.element(snippet.path(path_text.as_str()))]
            } else {
                vec![
                    title.element(
                        Origin::path(path_text.as_str())
                            .line(at.line)
                            .char_column(at.column),
                    ),
                    Group::with_level(level).element(snippet),
                ]
            }
        }
        None => {
            let place = match pointer.is_empty() {
                true => path_text.clone(),
                false => format!("{path_text}, {pointer}"),
            };
            vec![title.element(Level::NOTE.message(place))]
        }
    };
    renderer.render(&report).to_string()
}

/// Lines longer than this are shown as a window around the node.
const LONGEST_SHOWN: usize = 240;
/// Characters shown before the node, and from it on, in a window.
const BEFORE: usize = 60;
const FROM: usize = 160;

/// `line` as shown, and the node's column in it: the whole line when it is short, else the
/// characters around `column` (1-based), with `...` where it was cut.
fn window(line: &str, column: usize) -> (std::borrow::Cow<'_, str>, usize) {
    if line.len() <= LONGEST_SHOWN {
        return (line.into(), column);
    }
    let start_char = column.saturating_sub(1).saturating_sub(BEFORE);
    let mut chars = line.char_indices().skip(start_char);
    let Some((start, _)) = chars.next() else {
        return (line.into(), column);
    };
    let end = chars
        .nth(BEFORE + FROM)
        .map_or(line.len(), |(offset, _)| offset);
    let mut shown = String::with_capacity(end - start + 6);
    let mut column = column - start_char;
    if start > 0 {
        shown.push_str("...");
        column += 3;
    }
    shown.push_str(&line[start..end]);
    if end < line.len() {
        shown.push_str("...");
    }
    (shown.into(), column)
}

/// The bytes of `line` from `column` (1-based, in characters) to the end of the node's text on
/// that line: the line's end without trailing spaces and JSON commas, at least one character.
fn node_span(line: &str, column: usize) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(offset, _)| offset);
    // An object or a list is marked by its opening bracket: on minified JSON the rest of the
    // line is the rest of the document.
    match line[start..].chars().next() {
        Some('{' | '[') => return start..start + 1,
        // A quoted scalar is marked to its closing quote (JSON, or YAML's flow style).
        Some(quote @ ('"' | '\'')) => {
            let mut escaped = false;
            let close = line[start + 1..].char_indices().find(|&(_, ch)| {
                let closes = ch == quote && !escaped;
                escaped = quote == '"' && ch == '\\' && !escaped;
                closes
            });
            if let Some((offset, _)) = close {
                return start..start + 1 + offset + 1;
            }
        }
        _ => {}
    }
    let end = line.trim_end().trim_end_matches(',').len().max(start);
    let end = end.min(start + 80);
    let end = (end..=line.len())
        .find(|&end| line.is_char_boundary(end))
        .unwrap_or(line.len());
    let end = if end == start {
        line[start..]
            .chars()
            .next()
            .map_or(start, |ch| start + ch.len_utf8())
    } else {
        end
    };
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    #[test]
    fn a_located_warning_shows_the_line_and_marks_the_node() {
        let source = "a:\n  enum:\n    - '1'\n    - '1'\n";
        let diagnostic = Diagnostic::warning("#/a/enum/1", "duplicate enum value \"1\"")
            .at(Location { line: 4, column: 7 });
        let text = render(&diagnostic, Path::new("spec.yaml"), Some(source), false);
        let expected = "\
warning: duplicate enum value \"1\"
 --> spec.yaml:4:7
  |
4 |     - '1'
  |       ^^^ at #/a/enum/1
";
        assert_eq!(text.trim_end(), expected.trim_end());
    }

    #[test]
    fn without_a_line_the_pointer_is_still_named() {
        let diagnostic = Diagnostic::error("#/paths", "no operations");
        let text = render(&diagnostic, Path::new("spec.json"), None, false);
        assert!(text.starts_with("error: no operations"), "{text}");
        assert!(text.contains("spec.json, at #/paths"), "{text}");
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_with_the_place_kept() {
        let line = format!(
            "{{{}\"type\": \"strin\"{}}}",
            "\"a\": 1, ".repeat(100_000),
            ", \"b\": 2".repeat(100_000)
        );
        let column = 1 + "\"a\": 1, ".len() * 100_000 + 1;
        assert!(line[column - 1..].starts_with("\"type\""));
        let diagnostic =
            Diagnostic::warning("#/type", "unknown type").at(Location { line: 1, column });
        let text = render(&diagnostic, Path::new("spec.json"), Some(&line), false);
        assert!(text.len() < 1_000, "{text}");
        assert!(
            text.contains(&format!("--> spec.json:1:{column}")),
            "{text}"
        );
        let marked = text.lines().find(|l| l.contains("^")).unwrap();
        let source = text.lines().find(|l| l.contains("\"type\"")).unwrap();
        let mark = marked.find('^').unwrap();
        assert!(source[mark..].starts_with("\"type\""), "{text}");
        assert!(source.contains("..."), "{text}");
    }

    #[test]
    fn json_commas_and_odd_columns_do_not_break_the_span() {
        assert_eq!(node_span("  \"type\": \"strin\",", 11), 10..17);
        assert_eq!(node_span("x", 9), 1..1);
        assert_eq!(node_span("  é: 1", 3), 2..7);
    }
}
