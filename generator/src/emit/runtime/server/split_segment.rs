/// A part of a path segment that mixes parameters with text (`{name}.json`).
#[derive(Clone, Copy)]
enum PathPiece {
    Text(&'static str),
    Param,
}

/// The values of a mixed path segment's parameters, in order, or `None` when the segment
/// does not read as `pieces`. Text it starts with must begin it; the rest is read from the
/// right: each text is its last occurrence that leaves the parameter after it one character
/// at least, so an earlier parameter takes what is left (`{id}.{format}` reads `a.b.json` as
/// `a.b` and `json`), and of two parameters side by side the later takes one character. No
/// value is empty.
fn split_segment<'a>(segment: &'a str, pieces: &[PathPiece]) -> Option<Vec<&'a str>> {
    let (segment, pieces) = match pieces {
        [PathPiece::Text(text), rest @ ..] => (segment.strip_prefix(text)?, rest),
        _ => (segment, pieces),
    };
    let mut values = Vec::new();
    let mut end = segment.len();
    // A parameter to the right of `end` whose start is not found yet.
    let mut open = false;
    for piece in pieces.iter().rev() {
        let last_char = segment[..end].char_indices().next_back().map(|(at, _)| at);
        match (*piece, open) {
            (PathPiece::Text(text), false) => {
                end = segment[..end].strip_suffix(text)?.len();
            }
            (PathPiece::Text(text), true) => {
                let start = segment[..last_char?].rfind(text)?;
                values.push(&segment[start + text.len()..end]);
                end = start;
                open = false;
            }
            (PathPiece::Param, true) => {
                let last_char = last_char?;
                values.push(&segment[last_char..end]);
                end = last_char;
            }
            (PathPiece::Param, false) => open = true,
        }
    }
    match open {
        true if end > 0 => values.push(&segment[..end]),
        true => return None,
        false if end > 0 => return None,
        false => {}
    }
    values.reverse();
    Some(values)
}
