//! `oasforge diff`: what changed between two versions of a spec, for users of the generated
//! code. Both specs are resolved to IRs and compared by the names users write (types, fields,
//! methods, enum variants), each change marked breaking or compatible.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::ir::{
    Field, Ir, Operation, Parameter, Response, StatusMatch, TypeDef, TypeKind, TypeRef,
};
use crate::naming;

/// One change, as a user of the generated code sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub breaking: bool,
    /// What changed: `types::Invite.status`, `client::Client::get_invites`, ...
    pub subject: String,
    pub description: String,
}

/// The changes from `old` to `new`. With `catch_all`, enums keep unknown values, so a new enum
/// value breaks nothing.
pub fn api_changes(old: &Ir, new: &Ir, catch_all: bool) -> Vec<Change> {
    let mut changes = Vec::new();
    compare_types(old, new, catch_all, &mut changes);
    compare_security_schemes(old, new, &mut changes);
    compare_operations(old, new, &mut changes);
    changes
}

fn compare_security_schemes(old: &Ir, new: &Ir, changes: &mut Vec<Change>) {
    let keys =
        |ir: &Ir| -> Vec<String> { ir.security_schemes.iter().map(|s| s.key.clone()).collect() };
    let (before, after) = (keys(old), keys(new));
    for key in before.iter().filter(|k| !after.contains(k)) {
        change(
            changes,
            true,
            format!("security scheme {key}"),
            "removed: its client setter and server hook are gone".into(),
        );
    }
    for key in after.iter().filter(|k| !before.contains(k)) {
        change(
            changes,
            true,
            format!("security scheme {key}"),
            "added: server implementations must provide its `authorize_…` hook".into(),
        );
    }
}

fn change(changes: &mut Vec<Change>, breaking: bool, subject: String, description: String) {
    changes.push(Change {
        breaking,
        subject,
        description,
    });
}

/// A type use as the Rust a user reads (`Vec<Invite>`), comparable across two IRs.
fn shown(ir: &Ir, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => ir.get(*id).name.clone(),
        TypeRef::Scalar(scalar) => scalar_name(*scalar).to_owned(),
        TypeRef::List(item) => format!("Vec<{}>", shown(ir, item)),
        TypeRef::Map(value) => format!("Map<String, {}>", shown(ir, value)),
        TypeRef::Nullable(inner) => format!("Option<{}>", shown(ir, inner)),
        TypeRef::Tuple(items) => {
            let items: Vec<String> = items.iter().map(|item| shown(ir, item)).collect();
            format!("({})", items.join(", "))
        }
        TypeRef::Any => "serde_json::Value".to_owned(),
    }
}

fn scalar_name(scalar: crate::ir::Scalar) -> &'static str {
    use crate::ir::Scalar;
    match scalar {
        Scalar::String | Scalar::Binary => "String",
        Scalar::Bool => "bool",
        Scalar::I8 => "i8",
        Scalar::I16 => "i16",
        Scalar::I32 => "i32",
        Scalar::I64 => "i64",
        Scalar::U8 => "u8",
        Scalar::U16 => "u16",
        Scalar::U32 => "u32",
        Scalar::U64 => "u64",
        Scalar::F32 => "f32",
        Scalar::F64 => "f64",
        Scalar::DateTime => "DateTime<Utc>",
        Scalar::Date => "NaiveDate",
        Scalar::Uuid => "Uuid",
        Scalar::Base64 => "Base64Bytes",
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) | TypeKind::LiteralEnum(_) => "enum",
        TypeKind::Union(_) => "union",
        TypeKind::Alias(_) => "alias",
    }
}

fn by_name(ir: &Ir) -> BTreeMap<&str, &TypeDef> {
    ir.types
        .iter()
        .map(|def| (def.name.as_str(), def))
        .collect()
}

fn compare_types(old: &Ir, new: &Ir, catch_all: bool, changes: &mut Vec<Change>) {
    let (before, after) = (by_name(old), by_name(new));
    for (name, def) in &before {
        if !after.contains_key(name) {
            let what = kind_name(&def.kind);
            change(
                changes,
                true,
                format!("types::{name}"),
                format!("{what} removed"),
            );
        }
    }
    for (name, def) in &after {
        let subject = format!("types::{name}");
        let Some(earlier) = before.get(name) else {
            let what = kind_name(&def.kind);
            change(changes, false, subject, format!("{what} added"));
            continue;
        };
        match (&earlier.kind, &def.kind) {
            (TypeKind::Struct(a), TypeKind::Struct(b)) => {
                compare_fields(old, new, &subject, &a.fields, &b.fields, changes);
            }
            (TypeKind::StringEnum(a), TypeKind::StringEnum(b)) => {
                let values = |e: &crate::ir::StringEnum| -> Vec<(String, String)> {
                    e.variants
                        .iter()
                        .map(|v| (v.value.clone(), v.name.clone()))
                        .collect()
                };
                compare_values(&subject, &values(a), &values(b), catch_all, changes);
            }
            (TypeKind::IntegerEnum(a), TypeKind::IntegerEnum(b)) => {
                let values = |e: &crate::ir::IntegerEnum| -> Vec<(String, String)> {
                    e.variants
                        .iter()
                        .map(|v| (v.value.to_string(), v.name.clone()))
                        .collect()
                };
                compare_values(&subject, &values(a), &values(b), catch_all, changes);
            }
            (TypeKind::LiteralEnum(a), TypeKind::LiteralEnum(b)) => {
                let values = |e: &crate::ir::LiteralEnum| -> Vec<(String, String)> {
                    e.variants
                        .iter()
                        .map(|v| (v.value.to_string(), v.name.clone()))
                        .collect()
                };
                compare_values(&subject, &values(a), &values(b), catch_all, changes);
            }
            (TypeKind::Union(a), TypeKind::Union(b)) => {
                let variants = |ir: &Ir, u: &crate::ir::Union| -> Vec<(String, String)> {
                    u.variants
                        .iter()
                        .map(|v| (v.name.clone(), shown(ir, &v.ty)))
                        .collect()
                };
                let (va, vb) = (variants(old, a), variants(new, b));
                for (name, ty) in &va {
                    match vb.iter().find(|(n, _)| n == name) {
                        None => change(
                            changes,
                            true,
                            format!("{subject}::{name}"),
                            "variant removed".into(),
                        ),
                        Some((_, other)) if other != ty => change(
                            changes,
                            true,
                            format!("{subject}::{name}"),
                            format!("variant retyped: `{ty}` -> `{other}`"),
                        ),
                        Some(_) => {}
                    }
                }
                for (name, ty) in &vb {
                    if !va.iter().any(|(n, _)| n == name) {
                        change(
                            changes,
                            true,
                            format!("{subject}::{name}"),
                            format!("variant added (`{ty}`): exhaustive matches no longer compile"),
                        );
                    }
                }
            }
            (TypeKind::Alias(a), TypeKind::Alias(b)) => {
                let (a, b) = (shown(old, a), shown(new, b));
                if a != b {
                    change(
                        changes,
                        true,
                        subject,
                        format!("alias retyped: `{a}` -> `{b}`"),
                    );
                }
            }
            (a, b) => change(
                changes,
                true,
                subject,
                format!("changed from {} to {}", kind_name(a), kind_name(b)),
            ),
        }
    }
}

/// How a field is held: `T`, `Option<T>` or `Nullable<T>`.
fn field_type(ir: &Ir, field: &Field) -> String {
    let ty = shown(ir, &field.ty);
    if field.presence() == crate::ir::Presence::OptionalNullable {
        format!("Nullable<{ty}>")
    } else if field.is_option() {
        format!("Option<{ty}>")
    } else {
        ty
    }
}

fn compare_fields(
    old: &Ir,
    new: &Ir,
    subject: &str,
    before: &[Field],
    after: &[Field],
    changes: &mut Vec<Change>,
) {
    for field in before {
        let name = naming::unraw(&field.name);
        match after.iter().find(|f| f.wire_name == field.wire_name) {
            None => change(
                changes,
                true,
                format!("{subject}.{name}"),
                "field removed".into(),
            ),
            Some(other) => {
                let (a, b) = (field_type(old, field), field_type(new, other));
                if a != b {
                    change(
                        changes,
                        true,
                        format!("{subject}.{name}"),
                        format!("field retyped: `{a}` -> `{b}`"),
                    );
                } else if !field.required && other.required {
                    change(
                        changes,
                        true,
                        format!("{subject}.{name}"),
                        "field now required: payloads without it are refused".into(),
                    );
                }
            }
        }
    }
    for field in after {
        if before.iter().any(|f| f.wire_name == field.wire_name) {
            continue;
        }
        let name = naming::unraw(&field.name);
        let ty = field_type(new, field);
        if field.required {
            change(
                changes,
                true,
                format!("{subject}.{name}"),
                format!("required field added (`{ty}`): payloads without it are refused"),
            );
        } else {
            change(
                changes,
                false,
                format!("{subject}.{name}"),
                format!("optional field added (`{ty}`)"),
            );
        }
    }
}

fn compare_values(
    subject: &str,
    before: &[(String, String)],
    after: &[(String, String)],
    catch_all: bool,
    changes: &mut Vec<Change>,
) {
    for (value, variant) in before {
        if !after.iter().any(|(v, _)| v == value) {
            change(
                changes,
                true,
                format!("{subject}::{variant}"),
                format!("enum value {value:?} removed"),
            );
        }
    }
    for (value, variant) in after {
        if !before.iter().any(|(v, _)| v == value) {
            let description = if catch_all {
                format!(
                    "enum value {value:?} added (kept by the catch-all variant until regenerated)"
                )
            } else {
                format!(
                    "enum value {value:?} added: exhaustive matches no longer compile, and older clients reject it"
                )
            };
            change(
                changes,
                !catch_all,
                format!("{subject}::{variant}"),
                description,
            );
        }
    }
}

fn operations_by_name(ir: &Ir) -> BTreeMap<String, &Operation> {
    ir.operations
        .iter()
        .map(|op| (naming::unraw(&op.name).to_owned(), op))
        .collect()
}

fn compare_operations(old: &Ir, new: &Ir, changes: &mut Vec<Change>) {
    let (before, after) = (operations_by_name(old), operations_by_name(new));
    for (name, op) in &before {
        if !after.contains_key(name) {
            let route = format!("{} {}", op.method.key().to_ascii_uppercase(), op.path);
            change(
                changes,
                true,
                format!("Client::{name}"),
                format!("operation removed ({route})"),
            );
        }
    }
    for (name, op) in &after {
        let subject = format!("Client::{name}");
        let Some(earlier) = before.get(name) else {
            let route = format!("{} {}", op.method.key().to_ascii_uppercase(), op.path);
            change(
                changes,
                false,
                subject,
                format!("operation added ({route})"),
            );
            continue;
        };
        if (earlier.method, &earlier.path) != (op.method, &op.path) {
            change(
                changes,
                true,
                subject.clone(),
                format!(
                    "moved from {} {} to {} {}",
                    earlier.method.key().to_ascii_uppercase(),
                    earlier.path,
                    op.method.key().to_ascii_uppercase(),
                    op.path
                ),
            );
        }
        compare_params(old, new, &subject, &earlier.params, &op.params, changes);
        let body = |ir: &Ir, op: &Operation| {
            op.body
                .as_ref()
                .map(|b| (b.required, shown(ir, &b.ty), b.media_type.clone()))
        };
        match (body(old, earlier), body(new, op)) {
            (None, Some((required, ty, media))) => change(
                changes,
                required,
                format!("{subject}(body)"),
                format!(
                    "{} body added (`{ty}`, {media})",
                    if required { "required" } else { "optional" }
                ),
            ),
            (Some(_), None) => change(
                changes,
                true,
                format!("{subject}(body)"),
                "body removed".into(),
            ),
            (Some(a), Some(b)) if a != b => change(
                changes,
                true,
                format!("{subject}(body)"),
                format!("body changed: `{}` {} -> `{}` {}", a.1, a.2, b.1, b.2),
            ),
            _ => {}
        }
        compare_responses(
            old,
            new,
            &subject,
            &earlier.responses,
            &op.responses,
            changes,
        );
        let with_headers = |op: &Operation| {
            op.responses
                .iter()
                .any(|r| r.status.is_success() && !r.headers.is_empty())
        };
        match (with_headers(earlier), with_headers(op)) {
            (false, true) => change(
                changes,
                true,
                subject.clone(),
                "the answer now declares headers: the method returns `ResponseValue<T>`".into(),
            ),
            (true, false) => change(
                changes,
                true,
                subject.clone(),
                "the answer no longer declares headers: the method returns the body itself".into(),
            ),
            _ => {}
        }
        // Whether a caller may come without credentials the code checks.
        let open = |op: &crate::ir::Operation| op.security.is_empty() || op.anonymous;
        match (open(earlier), open(op)) {
            (true, false) => change(
                changes,
                true,
                subject.clone(),
                "now requires credentials: calls without them are refused".into(),
            ),
            (false, true) => change(
                changes,
                false,
                subject.clone(),
                "no longer requires credentials".into(),
            ),
            _ => {}
        }
        // What a server implementation's method is told of its caller.
        let caller = |op: &Operation| match op.caller() {
            None => "no `caller`",
            Some(crate::ir::Caller::One) => "`caller: Self::Principal`",
            Some(crate::ir::Caller::Optional) => "`caller: Option<Self::Principal>`",
            Some(crate::ir::Caller::All) => "`caller: Vec<Self::Principal>`",
        };
        if earlier.caller() != op.caller() {
            change(
                changes,
                true,
                subject,
                format!(
                    "the server method's caller changes: {} -> {}",
                    caller(earlier),
                    caller(op)
                ),
            );
        }
    }
}

fn compare_params(
    old: &Ir,
    new: &Ir,
    subject: &str,
    before: &[Parameter],
    after: &[Parameter],
    changes: &mut Vec<Change>,
) {
    let key = |p: &Parameter| {
        (
            p.wire_name.clone(),
            format!("{:?}", p.location).to_ascii_lowercase(),
        )
    };
    for param in before {
        let (wire, place) = key(param);
        let at = format!("{subject}({place} {wire})");
        match after.iter().find(|p| key(p) == key(param)) {
            None => change(changes, true, at, "parameter removed".into()),
            Some(other) => {
                let (a, b) = (shown(old, &param.ty), shown(new, &other.ty));
                if a != b {
                    change(
                        changes,
                        true,
                        at,
                        format!("parameter retyped: `{a}` -> `{b}`"),
                    );
                } else if param.required != other.required {
                    let now = if other.required {
                        "required"
                    } else {
                        "optional"
                    };
                    change(
                        changes,
                        true,
                        at,
                        format!("parameter now {now} (the method's signature changes)"),
                    );
                }
            }
        }
    }
    for param in after {
        if before.iter().any(|p| key(p) == key(param)) {
            continue;
        }
        let (wire, place) = key(param);
        let at = format!("{subject}({place} {wire})");
        let ty = shown(new, &param.ty);
        if param.required {
            change(
                changes,
                true,
                at,
                format!("required parameter added (`{ty}`): the method takes a new argument"),
            );
        } else {
            change(
                changes,
                false,
                at,
                format!("optional parameter added (`{ty}`)"),
            );
        }
    }
}

fn status_text(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}

fn compare_responses(
    old: &Ir,
    new: &Ir,
    subject: &str,
    before: &[Response],
    after: &[Response],
    changes: &mut Vec<Change>,
) {
    let body = |ir: &Ir, r: &Response| r.body.as_ref().map(|b| shown(ir, &b.ty));
    for response in before {
        let at = format!("{subject} -> {}", status_text(response.status));
        match after.iter().find(|r| r.status == response.status) {
            None => change(changes, true, at, "response removed".into()),
            Some(other) => {
                let names = |r: &Response| -> Vec<String> {
                    let mut names: Vec<String> = r
                        .headers
                        .iter()
                        .map(|h| h.wire_name.to_ascii_lowercase())
                        .collect();
                    names.sort();
                    names
                };
                let (before_names, after_names) = (names(response), names(other));
                if before_names != after_names {
                    // The server's `…Headers` struct of the answer gains or loses a field.
                    change(
                        changes,
                        true,
                        at.clone(),
                        format!(
                            "response headers changed: [{}] -> [{}] (the server's headers struct)",
                            before_names.join(", "),
                            after_names.join(", ")
                        ),
                    );
                }
                let (a, b) = (body(old, response), body(new, other));
                if a != b {
                    let show = |t: Option<String>| {
                        t.map_or_else(|| "no body".into(), |t| format!("`{t}`"))
                    };
                    change(
                        changes,
                        true,
                        at,
                        format!("response body changed: {} -> {}", show(a), show(b)),
                    );
                }
            }
        }
    }
    for response in after {
        if !before.iter().any(|r| r.status == response.status) {
            let at = format!("{subject} -> {}", status_text(response.status));
            change(
                changes,
                true,
                at,
                "response added: a new variant in the operation's answer enums".into(),
            );
        }
    }
}

/// How to print a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Json,
    Markdown,
}

/// The report of `changes` between the specs named `old` and `new`.
pub fn render(changes: &[Change], old: &str, new: &str, format: ReportFormat) -> String {
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let mut out = String::new();
    match format {
        ReportFormat::Json => {
            let report = serde_json::json!({
                "old": old,
                "new": new,
                "breaking": breaking,
                "compatible": changes.len() - breaking,
                "changes": changes,
            });
            out = serde_json::to_string_pretty(&report).unwrap_or_default();
            out.push('\n');
        }
        ReportFormat::Text => {
            let _ = writeln!(
                out,
                "{old} -> {new}: {} change(s), {breaking} breaking",
                changes.len()
            );
            for change in changes {
                let verdict = if change.breaking {
                    "breaking  "
                } else {
                    "compatible"
                };
                let _ = writeln!(out, "{verdict} {}: {}", change.subject, change.description);
            }
        }
        ReportFormat::Markdown => {
            let _ = writeln!(out, "### API changes: `{old}` → `{new}`\n");
            if changes.is_empty() {
                let _ = writeln!(out, "No change to the generated API.");
                return out;
            }
            let _ = writeln!(
                out,
                "{} change(s), **{breaking} breaking**.\n\n| | Item | Change |\n|---|---|---|",
                changes.len()
            );
            for change in changes {
                let verdict = if change.breaking {
                    "💥 breaking"
                } else {
                    "✅ compatible"
                };
                let description = change.description.replace('|', "\\|");
                let _ = writeln!(out, "| {verdict} | `{}` | {description} |", change.subject);
            }
        }
    }
    out
}
