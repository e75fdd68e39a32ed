//! The pipeline's order, checked: a module may use only the modules before it in [`LAYERS`],
//! so imports point down the pipeline and never in a circle. (Items of the crate root, such
//! as `crate::Settings`, are the public API and not a layer.)

/// From the bottom (what everything may use) to the top (what nothing below may use).
const LAYERS: &[&str] = &[
    "limits",
    "same_json",
    "diagnostic",
    "error",
    "parallel",
    "locate",
    "snippet",
    "load",
    "anchors",
    "bundle",
    "normalize",
    "ir",
    "naming",
    "settings",
    "resolve",
    "analysis",
    "emit",
    "format",
    "package",
    "place",
    "pipeline",
    "profile",
    "builder",
    "diff",
    "synthetic",
    "cli",
    "test_support",
];

/// The same within `emit/`: an emitter may use the ones before it. Items `emit/mod.rs`
/// re-exports count as the module they come from.
const EMIT_LAYERS: &[&str] = &[
    "code",
    "runtime",
    "uses",
    "syntax",
    "docs",
    "items",
    "types",
    "examples",
    "model_parts",
    "serde_impls",
    "unions",
    "enums",
    "models",
    "validate",
    "client_names",
    "client_runtime",
    "client_request",
    "client_answer",
    "client",
    "server_runtime",
    "server_response",
    "server_form",
    "server_handler",
    "server",
];

const EMIT_REEXPORTS: &[(&str, &str)] = &[
    ("doc_attrs", "docs"),
    ("doc_syntax", "docs"),
    ("response_doc", "docs"),
    ("Items", "items"),
    ("ident", "syntax"),
];

/// The modules named after `crate::` in `code` (comments and tests left out): `crate::a::b`,
/// and each path of `crate::{a, b::{c, d}}`.
fn crate_imports(code: &str) -> Vec<String> {
    imports_after(code, "crate::")
}

/// The first names of the paths after `prefix` (`crate::`, `super::`) in `code`.
fn imports_after(code: &str, prefix: &str) -> Vec<String> {
    let code: String = without_test_modules(code)
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    for (at, _) in code.match_indices(prefix) {
        // `super::super::x` is read at its last `super::`.
        let rest = &code[at + prefix.len()..];
        if rest.starts_with(prefix) {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = 0;
            for (index, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        found.push(first_segment(&group[start..index]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.push(first_segment(&group[start..index]));
                        start = index + 1;
                    }
                    _ => {}
                }
            }
        } else {
            found.push(first_segment(rest));
        }
    }
    found.retain(|name| !name.is_empty());
    found
}

/// `code` without its `#[cfg(test)] mod ... { ... }` blocks (code after them is kept).
fn without_test_modules(code: &str) -> String {
    let mut kept = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]\nmod ") {
        kept.push_str(&rest[..at]);
        let module = &rest[at..];
        let Some(open) = module.find('{') else {
            return kept;
        };
        let mut depth = 0;
        let mut end = module.len();
        for (index, c) in module[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + index + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &module[end..];
    }
    kept.push_str(rest);
    kept
}

fn first_segment(path: &str) -> String {
    path.trim()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn imports_point_down_the_pipeline() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.clone()];
    let mut wrong = Vec::new();
    let mut seen_layers = std::collections::BTreeSet::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(
                std::fs::read_dir(&path)
                    .unwrap()
                    .map(|entry| entry.unwrap().path()),
            );
            continue;
        }
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let relative = path.strip_prefix(&root).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = top.trim_end_matches(".rs");
        // The crate root and the binary sit above every layer; this file's strings are fixtures.
        if matches!(module, "lib" | "bin" | "layers") {
            continue;
        }
        let Some(layer) = LAYERS.iter().position(|name| *name == module) else {
            wrong.push(format!("{}: not in LAYERS", relative.display()));
            continue;
        };
        seen_layers.insert(module.to_owned());
        let code = std::fs::read_to_string(&path).unwrap();
        for import in crate_imports(&code) {
            // Lower-case names are modules; capitalized ones are the crate root's API.
            if import == module || import.starts_with(|c: char| c.is_ascii_uppercase()) {
                continue;
            }
            match LAYERS.iter().position(|name| *name == import) {
                Some(used) if used < layer => {}
                _ => wrong.push(format!("{} uses crate::{import}", relative.display())),
            }
        }
    }
    wrong.sort();
    assert!(
        wrong.is_empty(),
        "imports against the pipeline:\n{}",
        wrong.join("\n")
    );
    assert!(seen_layers.len() > 20, "the source tree was read");
}

#[test]
fn emitters_use_only_the_emitters_before_them() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/emit");
    let mut wrong = Vec::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Some(module) = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
        else {
            continue;
        };
        // Folders without a `mod.rs` are not modules.
        let is_module = match path.is_dir() {
            true => path.join("mod.rs").exists(),
            false => path.extension().is_some_and(|ext| ext == "rs"),
        };
        if module == "mod" || !is_module {
            continue;
        }
        let Some(layer) = EMIT_LAYERS.iter().position(|name| *name == module) else {
            wrong.push(format!("emit/{module}: not in EMIT_LAYERS"));
            continue;
        };
        // A folder module's own file; its submodules' `super::` is the folder.
        let file = if path.is_dir() {
            path.join("mod.rs")
        } else {
            path.clone()
        };
        let code = std::fs::read_to_string(&file).unwrap();
        checked += 1;
        for import in imports_after(&code, "super::") {
            let source = EMIT_REEXPORTS
                .iter()
                .find(|(item, _)| *item == import)
                .map_or(import.as_str(), |(_, source)| source);
            match EMIT_LAYERS.iter().position(|name| *name == source) {
                Some(used) if used < layer => {}
                _ => wrong.push(format!("emit/{module} uses super::{import}")),
            }
        }
    }
    wrong.sort();
    assert!(
        wrong.is_empty(),
        "emitters against their order:\n{}",
        wrong.join("\n")
    );
    assert_eq!(checked, EMIT_LAYERS.len(), "every emitter was read");
}

#[test]
fn grouped_and_nested_imports_are_read() {
    let code =
        "use crate::{a, b::{c, d}, E};\nuse crate::f::g;\n// crate::h\nlet x = crate::i::j();";
    assert_eq!(crate_imports(code), ["a", "b", "E", "f", "i"]);
    let tested = "use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::b;\n}\nfn after() { crate::c::d(); }";
    assert_eq!(
        crate_imports(tested),
        ["a", "c"],
        "code after the tests is read"
    );
}
