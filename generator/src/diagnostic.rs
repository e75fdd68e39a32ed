//! Errors and warnings that point at a place in the spec.

use std::fmt;
use std::path::PathBuf;

/// Line and column (both 1-based) of a node in the spec's source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

/// One finding about the spec: what is wrong, and where.
///
/// `pointer` is a JSON pointer in URI-fragment form (`#/components/schemas/Pet/enum/2`);
/// `location` is filled in from the source text once generation is over, so the happy path
/// never pays for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub pointer: String,
    pub location: Option<Location>,
    /// The file `pointer` and `location` are in, when it is not the spec itself: a file an
    /// external `$ref` read the node from.
    pub file: Option<PathBuf>,
}

impl Diagnostic {
    pub fn error(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            pointer: pointer.into(),
            location: None,
            file: None,
        }
    }

    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            message: message.into(),
            pointer: pointer.into(),
            location: None,
            file: None,
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{label}: {}", self.message)?;
        let pointer = match &self.file {
            Some(file) => format!("{}{}", file.display(), self.pointer),
            None => self.pointer.clone(),
        };
        let place = match (self.pointer.is_empty(), self.location) {
            (false, Some(at)) => {
                format!("{pointer}, line {}, column {}", at.line, at.column)
            }
            (false, None) => pointer,
            (true, Some(at)) => format!("line {}, column {}", at.line, at.column),
            (true, None) => return Ok(()),
        };
        write!(f, " (at {place})")
    }
}

/// Warnings collected while a stage runs; errors are returned, not collected.
#[derive(Debug, Default)]
pub struct Warnings(Vec<Diagnostic>);

impl Warnings {
    pub fn push(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.0.push(Diagnostic::warning(pointer, message));
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }

    /// Adds `later`'s warnings after these.
    pub fn append(&mut self, mut later: Warnings) {
        self.0.append(&mut later.0);
    }
}

/// Appends a reference token to a JSON pointer, escaping `~` and `/` as RFC 6901 requires.
pub fn pointer_join(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len() + token.len() + 1);
    out.push_str(base);
    out.push('/');
    if !token.contains(['~', '/']) {
        out.push_str(token);
        return out;
    }
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// Decodes `%XX` escapes: a `$ref` is a URI, so its fragment may be percent-encoded
/// (`#/paths/~1jobs~1%7Bid%7D`).
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (bytes[index], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                index += 3;
            }
            (byte, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits a `#/a/b` pointer into its unescaped reference tokens.
pub fn pointer_tokens(pointer: &str) -> Vec<String> {
    let path = pointer.strip_prefix('#').unwrap_or(pointer);
    if path.is_empty() {
        return Vec::new();
    }
    path.trim_start_matches('/')
        .split('/')
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_escapes_in_refs_are_decoded() {
        assert_eq!(
            percent_decode("/paths/~1jobs~1%7Bid%7D"),
            "/paths/~1jobs~1{id}"
        );
        assert_eq!(percent_decode("/a%zz"), "/a%zz");
    }

    #[test]
    fn pointers_escape_and_unescape() {
        let pointer = pointer_join("#/paths", "/events/{id}");
        assert_eq!(pointer, "#/paths/~1events~1{id}");
        assert_eq!(pointer_tokens(&pointer), vec!["paths", "/events/{id}"]);
        assert_eq!(pointer_tokens("#"), Vec::<String>::new());
        assert_eq!(pointer_join("#", "a~b"), "#/a~0b");
    }

    #[test]
    fn display_names_the_place() {
        let diagnostic = Diagnostic::warning("#/x/enum/2", "duplicate value")
            .at(Location { line: 3, column: 5 });
        assert_eq!(
            diagnostic.to_string(),
            "warning: duplicate value (at #/x/enum/2, line 3, column 5)"
        );
    }
}
