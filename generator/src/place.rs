//! Diagnostics placed in the text they are about: line and column from the JSON pointer,
//! in the spec, or in the file an external `$ref` copied the node from.

use std::path::{Path, PathBuf};

use crate::bundle::Origin;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::load::Source;
use crate::locate;

/// Fills in line and column for diagnostics that have a pointer, in one scan of each text: a
/// diagnostic about a node bundling copied in from another file (`origins`) is placed in that
/// file, and names it.
pub(crate) fn place(source: &Source, origins: &[Origin], diagnostics: &mut [Diagnostic]) {
    let mut by_text: Vec<(Option<PathBuf>, Vec<usize>)> = vec![(None, Vec::new())];
    for (index, diagnostic) in diagnostics.iter_mut().enumerate() {
        if diagnostic.location.is_some()
            || diagnostic.pointer.is_empty()
            || diagnostic.file.is_some()
        {
            continue;
        }
        let file = match origin_of(&diagnostic.pointer, origins) {
            Some((origin, rest)) => {
                diagnostic.pointer = format!("{}{rest}", origin.pointer);
                shown_path(source, &origin.file)
            }
            None => None,
        };
        match by_text.iter_mut().find(|(text_file, _)| *text_file == file) {
            Some((_, wanted)) => wanted.push(index),
            None => by_text.push((file, vec![index])),
        }
    }
    for (file, wanted) in by_text {
        if wanted.is_empty() {
            continue;
        }
        let text = match &file {
            None => std::borrow::Cow::Borrowed(source.text.as_str()),
            Some(path) => match std::fs::read_to_string(path) {
                Ok(text) => std::borrow::Cow::Owned(text),
                Err(_) => std::borrow::Cow::Borrowed(""),
            },
        };
        let pointers: Vec<&str> = wanted
            .iter()
            .map(|&i| diagnostics[i].pointer.as_str())
            .collect();
        let found = locate::locate(&text, &pointers);
        for (&index, location) in wanted.iter().zip(found) {
            diagnostics[index].location = location;
            diagnostics[index].file = file.clone();
        }
    }
}

/// The copied node `pointer` is in, if any (the deepest), and the rest of the pointer below it.
fn origin_of<'o, 'p>(pointer: &'p str, origins: &'o [Origin]) -> Option<(&'o Origin, &'p str)> {
    origins
        .iter()
        .filter_map(|origin| {
            let rest = pointer.strip_prefix(origin.local.as_str())?;
            (rest.is_empty() || rest.starts_with('/')).then_some((origin, rest))
        })
        .max_by_key(|(origin, _)| origin.local.len())
}

/// How to name `file` in messages: `None` for the spec itself; else relative to the spec's
/// folder as the user gave it (`specs/common.yaml`), or as it is.
fn shown_path(source: &Source, file: &Path) -> Option<PathBuf> {
    let spec = source.path.as_deref()?;
    if file.as_os_str().is_empty() || std::fs::canonicalize(spec).is_ok_and(|spec| spec == file) {
        return None;
    }
    let folder = spec.parent().unwrap_or(Path::new(""));
    let shown = std::fs::canonicalize(if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    })
    .ok()
    .and_then(|canonical| file.strip_prefix(canonical).ok())
    .map(|inside| folder.join(inside));
    Some(shown.unwrap_or_else(|| file.to_owned()))
}

pub(crate) fn place_error(source: &Source, origins: &[Origin], mut err: Error) -> Error {
    if let Error::Spec { diagnostic, .. } = &mut err {
        place(source, origins, std::slice::from_mut(diagnostic.as_mut()));
    }
    err
}
