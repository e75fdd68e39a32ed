//! Diagnostics drawn for people (the CLI): the message, the file, line and column, and the
//! spec line itself with the node marked and its JSON pointer beside it.

use std::path::Path;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

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
    let title = level.clone().primary_title(diagnostic.message.as_str());
    let report = match line {
        Some((at, text)) => {
            let span = node_span(text, at.column);
            title.element(
                Snippet::source(text)
                    .line_start(at.line)
                    .path(path_text.as_str())
                    .annotation(AnnotationKind::Primary.span(span).label(pointer.as_str())),
            )
        }
        None => {
            let place = match pointer.is_empty() {
                true => path_text.clone(),
                false => format!("{path_text}, {pointer}"),
            };
            title.element(Level::NOTE.message(place))
        }
    };
    renderer.render(&[report]).to_string()
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
    if matches!(line[start..].chars().next(), Some('{' | '[')) {
        return start..start + 1;
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
    fn json_commas_and_odd_columns_do_not_break_the_span() {
        assert_eq!(node_span("  \"type\": \"strin\",", 11), 10..17);
        assert_eq!(node_span("x", 9), 1..1);
        assert_eq!(node_span("  é: 1", 3), 2..7);
    }
}
