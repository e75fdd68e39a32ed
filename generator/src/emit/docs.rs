//! Spec text -> `#[doc]` attributes that rustdoc and clippy accept as they are.
//!
//! Descriptions are Markdown written for API portals, not for rustdoc: an untyped code fence
//! would become a doctest, `[Pet]` a broken intra-doc link, `List<String>` an unclosed HTML
//! tag, a bare URL a `rustdoc::bare_urls` warning, and a list item followed by an unindented
//! line a `clippy::doc_lazy_continuation` error. Generated code must build under
//! `deny(warnings)`, so each is neutralised here.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub(crate) fn doc_attrs(docs: Option<&str>) -> TokenStream {
    let Some(docs) = docs else {
        return TokenStream::new();
    };
    let lines = rustdoc_markdown(docs)
        .into_iter()
        .map(|line| doc_literal(&line));
    quote! { #( #[doc = #lines] )* }
}

/// As [`doc_attrs`], as syntax trees.
pub(crate) fn doc_syntax(docs: &str) -> Vec<syn::Attribute> {
    rustdoc_markdown(docs)
        .into_iter()
        .map(|line| super::syntax::doc(doc_literal(&line)))
        .collect()
}

/// `info.summary` and `info.license` as paragraphs after a module's or type's first line,
/// when the spec has them.
pub(crate) fn summary_docs(ir: &crate::ir::Ir) -> TokenStream {
    let license = ir.api.license.as_ref().map(|(name, url)| match url {
        Some(url) => format!("The API's license: {name} (<{url}>)."),
        None => format!("The API's license: {name}."),
    });
    ir.api
        .summary
        .iter()
        .chain(license.as_ref())
        .map(|paragraph| {
            let lines = doc_attrs(Some(paragraph));
            quote! {
                #[doc = ""]
                #lines
            }
        })
        .collect()
}

/// The `mutualTLS` schemes' keys for a doc line: `` `cert` ``, `` `a`, `b` ``.
pub(crate) fn mutual_tls_schemes(keys: &[String]) -> String {
    keys.iter()
        .map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A doc line, after the space that follows `///`, as a raw string literal where it can be
/// one: the same text to rustdoc and to prettyplease, without escaping each character into
/// the literal and back (docs are most of the text of a large spec).
fn doc_literal(line: &str) -> Literal {
    let space = if line.is_empty() { "" } else { " " };
    let raw = if !line.contains('"') {
        format!("r\"{space}{line}\"")
    } else if !line.contains("\"#") {
        format!("r#\"{space}{line}\"#")
    } else {
        return Literal::string(&format!("{space}{line}"));
    };
    // A bare carriage return cannot be in a raw string.
    raw.parse()
        .unwrap_or_else(|_| Literal::string(&format!("{space}{line}")))
}

/// The characters that make text read in another order than it is written (rustc's
/// `text_direction_codepoint_in_comment`, the "Trojan Source" attack): rustc refuses them in
/// comments, and a reviewer could be misled by them anywhere.
const BIDI_CONTROLS: [char; 9] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

/// `text` with each of [`BIDI_CONTROLS`] written as its escape, `\u{202E}`, visibly.
fn escape_bidi_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if BIDI_CONTROLS.contains(&ch) {
            out.push_str(&ch.escape_unicode().to_string());
        } else {
            out.push(ch);
        }
    }
    out
}

/// The lines of `text`, rewritten for rustdoc.
fn rustdoc_markdown(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<&str> = None;
    // Content column of the list item the previous line belongs to, if any.
    let mut list_indent: Option<usize> = None;
    // clippy's `tabs_in_doc_comments`: tabs become spaces before anything else. A bare
    // carriage return ends a line (rustc refuses one inside a doc comment). Characters that
    // reorder text on screen are written out as escapes (below).
    let text = if text.contains(['\t', '\r']) || text.contains(BIDI_CONTROLS) {
        std::borrow::Cow::Owned(escape_bidi_controls(
            &text
                .replace('\t', "    ")
                .replace("\r\n", "\n")
                .replace('\r', "\n"),
        ))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    for line in text.lines() {
        let trimmed = line.trim_start();
        let marker = if trimmed.starts_with("```") {
            Some("```")
        } else if trimmed.starts_with("~~~") {
            Some("~~~")
        } else {
            None
        };
        if let Some(open) = fence {
            if marker == Some(open) {
                fence = None;
                out.push(open.to_owned());
            } else {
                out.push(line.trim_end().to_owned());
            }
            continue;
        }
        if let Some(marker) = marker {
            fence = Some(marker);
            // Only code marked as Rust may run as a doctest; everything else is text.
            let info = trimmed[marker.len()..].trim();
            let info = if info.is_empty() || info.starts_with("rust") {
                "text"
            } else {
                info
            };
            out.push(format!("{marker}{info}"));
            list_indent = None;
            continue;
        }
        if trimmed.is_empty() {
            out.push(String::new());
            list_indent = None;
            continue;
        }
        let escaped = escape_inline(trimmed.trim_end());
        if let Some(content) = list_item_content(trimmed) {
            // Nested items keep a little indentation; rustdoc needs no more than that.
            let indent = (line.len() - trimmed.len()).min(list_indent.unwrap_or(0));
            list_indent = Some(indent + content);
            out.push(format!("{}{escaped}", " ".repeat(indent)));
        } else if let Some(indent) = list_indent {
            out.push(format!("{}{escaped}", " ".repeat(indent)));
        } else {
            out.push(escaped);
        }
    }
    if let Some(open) = fence {
        out.push(open.to_owned());
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// Where the text of a list item starting `line` begins (`- a` -> 2, `*   a` -> 4,
/// `10. a` -> 4), if `line` starts a list item.
fn list_item_content(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let marker = match bytes {
        [b'-' | b'*' | b'+', b' ', ..] => 1,
        _ => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 0 && digits < 10 && matches!(&bytes[digits..], [b'.' | b')', b' ', ..]) {
                digits + 1
            } else {
                return None;
            }
        }
    };
    let spaces = bytes[marker..].iter().take_while(|b| **b == b' ').count();
    // Five spaces or more start an indented code block inside the item: the text is one
    // space after the marker.
    Some(marker + if spaces > 4 { 1 } else { spaces })
}

/// Escapes what rustdoc would read as links or HTML, outside inline code spans, and wraps
/// bare URLs in `<...>`.
fn escape_inline(line: &str) -> String {
    // Most lines of prose have nothing to escape; they are copied without the walk below.
    if !line.contains(['`', '[', ']', '<', '>']) && !line.contains("http") {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            rest = &rest[1..];
            continue;
        }
        if !in_code {
            if let Some(url_len) = url_length(rest) {
                let (url, after) = rest.split_at(url_len);
                let previous = out.chars().last();
                if matches!(previous, Some('(' | '<')) {
                    out.push_str(url);
                } else {
                    out.push('<');
                    out.push_str(url);
                    out.push('>');
                }
                rest = after;
                continue;
            }
            if c == '['
                && let Some(link_len) = inline_link_length(rest)
            {
                out.push_str(&rest[..link_len]);
                rest = &rest[link_len..];
                continue;
            }
            if matches!(c, '[' | ']' | '<' | '>') {
                out.push('\\');
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The length of a Markdown link `[text](target)` starting `text`, which rustdoc renders
/// as it is.
fn inline_link_length(text: &str) -> Option<usize> {
    let close = text.find("](")?;
    if text[1..close].contains(['[', ']']) {
        return None;
    }
    let end = text[close..].find(')')? + close + 1;
    (!text[close + 2..end - 1].contains(char::is_whitespace)).then_some(end)
}

/// The length of a URL starting `text`, if it starts with one.
fn url_length(text: &str) -> Option<usize> {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | ']'))
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    (url.len() > "https://".len()).then_some(url.len())
}

/// The doc line of a response variant: `422: Validation Error`. `open_status` is what is said
/// of ranges and `default`, whose status the variant may carry.
pub(crate) fn response_doc(response: &crate::ir::Response, open_status: &str) -> String {
    use crate::ir::StatusMatch;
    let status = match response.status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(hundreds) => format!("{hundreds}XX{open_status}"),
        StatusMatch::Default => format!("Any other status{open_status}"),
    };
    match &response.description {
        Some(description) => format!("{status}: {}", description.trim()),
        None => status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> String {
        rustdoc_markdown(text).join("\n")
    }

    #[test]
    fn text_direction_controls_are_written_as_escapes() {
        let text = "Pays the \u{202E}dlrow\u{202C} in\t\u{2066}full\u{2069}";
        let docs = md(text);
        assert!(!docs.contains(BIDI_CONTROLS), "{docs:?}");
        assert_eq!(
            docs,
            "Pays the \\u{202e}dlrow\\u{202c} in    \\u{2066}full\\u{2069}"
        );
        // String literals (serde renames, paths, messages) escape them by themselves.
        let literal = Literal::string(text).to_string();
        assert!(!literal.contains(BIDI_CONTROLS), "{literal}");
    }

    #[test]
    fn a_bare_carriage_return_ends_a_line() {
        assert_eq!(md("one\rtwo\r\nthree"), "one\ntwo\nthree");
    }

    #[test]
    fn code_fences_without_rust_never_become_doctests() {
        assert_eq!(
            md("Example:\n```\nlet x = 1;\n```"),
            "Example:\n```text\nlet x = 1;\n```"
        );
        assert_eq!(md("~~~json\n{}\n~~~"), "~~~json\n{}\n~~~");
        assert_eq!(md("```rust\nfn\n```"), "```text\nfn\n```");
        assert_eq!(md("```\nunclosed"), "```text\nunclosed\n```");
    }

    #[test]
    fn links_html_and_urls_are_made_harmless() {
        assert_eq!(
            md("Returns [Pet] as List<String>"),
            r"Returns \[Pet\] as List\<String\>"
        );
        assert_eq!(
            md("See https://example.com/a."),
            "See <https://example.com/a>."
        );
        assert_eq!(
            md("[docs](https://example.com) [x]"),
            r"[docs](https://example.com) \[x\]"
        );
        assert_eq!(md("`Vec<u8>` and [x]"), r"`Vec<u8>` and \[x\]");
    }

    #[test]
    fn list_continuations_are_indented_and_deep_indents_flattened() {
        assert_eq!(md("- a\nmore\n- b\n\nafter"), "- a\n  more\n- b\n\nafter");
        assert_eq!(md("1. one\n        indented"), "1. one\n   indented");
        assert_eq!(md("*   wide item\nmore"), "*   wide item\n    more");
        assert_eq!(md("text\n        code-looking"), "text\ncode-looking");
        assert_eq!(md("| a\t| b |"), "| a    | b |");
    }
}
