//! Serde impls for structs and string enums, written by two macros emitted once.
//!
//! `#[derive(Serialize, Deserialize)]` expands every struct into a field enum, two visitors
//! and a sequence form no JSON API uses; for GitHub's spec that expansion was most of the time
//! `cargo check` spent on the models. Each type here gets one line per field instead
//! (`wire::object!(Invite { first_name = "first_name" required, ... })`), and the macros in
//! `types::wire` expand it into lean impls that do what the derives did: the same wire names
//! and defaults, `None` left out or written as `null` as before, errors for duplicate and
//! missing fields, unknown fields ignored.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::code::{Code, MacroCall, Module, Parser, Presence, WireField};
use super::ident;
use super::model_parts::default_fn_name;
use super::runtime;
use crate::ir::{self, Field, Ir, StringEnum, Struct, TypeKind};

fn presence(field: &Field) -> Presence {
    match field.presence() {
        ir::Presence::Required => Presence::Required,
        ir::Presence::Optional => Presence::Optional,
        ir::Presence::Nullable => Presence::Nullable,
        ir::Presence::OptionalNullable => Presence::OptionalNullable,
        ir::Presence::Defaulted => Presence::Defaulted(default_fn_name(field)),
    }
}

/// `wire::object!(Name { field = "wire" presence, ... })`, and `.. extra` for a struct that
/// keeps unlisted properties in a map.
/// `refusing`: the server reads requests refusing what closed structs do not list.
pub(super) fn struct_impls(type_name: &str, def: &Struct, refusing: bool) -> MacroCall {
    let fields = def
        .fields
        .iter()
        .map(|field| WireField {
            name: ident(&field.name),
            wire: field.wire_name.clone(),
            presence: presence(field),
        })
        .collect();
    MacroCall::WireObject {
        name: ident(type_name),
        fields,
        extra: def.additional.as_ref().map(|extra| ident(&extra.name)),
        closed: def.closed && refusing,
    }
}

/// `wire::string_enum!(Name { Variant = "value", ... })`, and `or Other` for the catch-all.
pub(super) fn string_enum_impls(name: &Ident, def: &StringEnum) -> MacroCall {
    MacroCall::StringEnum {
        name: name.clone(),
        variants: def
            .variants
            .iter()
            .map(|variant| (ident(&variant.name), variant.value.clone()))
            .collect(),
        other: def.catch_all.as_ref().map(|other| ident(other)),
    }
}

/// What the types of a spec need from `types::wire`; an unused helper would be a warning.
struct Needs {
    objects: bool,
    /// Some struct has a field (`wire::field`).
    fields: bool,
    /// Some struct skips unlisted properties (`wire::skip`) rather than keeping them.
    skips: bool,
    extra: bool,
    /// Some struct allows no unlisted property (`wire::unlisted`).
    closed: bool,
    string_enums: bool,
    open_string_enums: bool,
    /// Some enum lists JSON values other than strings and integers (`wire::same_json`).
    literal_enums: bool,
}

fn needs(ir: &Ir, refusing: bool) -> Needs {
    let structs: Vec<&Struct> = ir
        .types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Struct(def) => Some(def),
            _ => None,
        })
        .collect();
    let string_enums: Vec<&StringEnum> = ir
        .types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::StringEnum(def) => Some(def),
            _ => None,
        })
        .collect();
    Needs {
        objects: !structs.is_empty(),
        fields: structs.iter().any(|def| !def.fields.is_empty()),
        skips: structs.iter().any(|def| def.additional.is_none()),
        extra: structs.iter().any(|def| def.additional.is_some()),
        closed: refusing && structs.iter().any(|def| def.closed),
        string_enums: !string_enums.is_empty(),
        open_string_enums: string_enums.iter().any(|def| def.catch_all.is_some()),
        literal_enums: ir
            .types
            .iter()
            .any(|def| matches!(def.kind, TypeKind::LiteralEnum(_))),
    }
}

/// The `wire` module: the macros and the helpers their expansions call, emitted once in
/// `types`, and only what some type uses.
pub(super) fn wire_module(ir: &Ir, refusing: bool, parser: &Parser) -> Option<Module> {
    let needs = needs(ir, refusing);
    if !needs.objects && !needs.string_enums && !needs.literal_enums {
        return None;
    }
    let mut items = Vec::new();
    if needs.objects || needs.string_enums {
        items.extend(parser.source(runtime::wire::TEXT));
    }
    if !(needs.extra || needs.open_string_enums) {
        // Nothing takes ownership of a key or value: the method would be dead code.
        for code in &mut items {
            if let Code::Item(syn::Item::Impl(block)) = code {
                block.items.retain(
                    |item| !matches!(item, syn::ImplItem::Fn(method) if method.sig.ident == "into_string"),
                );
            }
        }
    }
    if needs.objects {
        items.extend(objects(&needs, parser));
    }
    if needs.string_enums {
        items.push(Code::Source(runtime::wire::STRING_ENUM_MACRO));
    }
    if needs.literal_enums {
        items.extend(parser.source(runtime::wire::SAME_JSON));
        items.extend(parser.source(runtime::wire::LITERAL));
    }
    // The server reads requests through `refusing_unlisted` when some struct is closed.
    let vis = if needs.closed {
        quote!(pub(super))
    } else {
        TokenStream::new()
    };
    Some(Module::declared(
        parser,
        quote! {
            /// Serde support for the types above: `object!` and `string_enum!` write lean
            /// `Serialize` / `Deserialize` impls (derived ones cost rustc several times more to
            /// check, which adds up over thousands of types).
            #vis mod wire;
        },
        items,
    ))
}

/// `object!` and its helpers.
fn objects(needs: &Needs, parser: &Parser) -> Vec<Code> {
    let mut items = parser.source(runtime::wire::OBJECT);
    for (needed, source) in [
        (needs.fields, runtime::wire::FIELD),
        (needs.skips, runtime::wire::SKIP),
        (needs.extra, runtime::wire::EXTRA),
        (needs.closed, runtime::wire::CLOSED),
    ] {
        if needed {
            items.extend(parser.source(source));
        }
    }
    if needs.closed {
        items.push(Code::Source(runtime::wire::REFUSING_FLAG));
    }
    items.push(Code::Source(runtime::wire::OBJECT_MACRO));
    items
}

#[cfg(test)]
mod tests {
    use crate::Settings;
    use crate::test_support::{resolve_spec, spec_with_schemas};

    fn wire_for(schemas: &str) -> String {
        let ir = resolve_spec(&spec_with_schemas(schemas), Settings::default());
        super::wire_module(&ir, false, &super::Parser::default())
            .map(|module| module.text())
            .unwrap_or_default()
    }

    #[test]
    fn the_wire_module_holds_only_the_helpers_some_type_calls() {
        // Every struct keeps its unlisted properties: nothing is skipped.
        let kept = wire_for(
            "Labels:\n  type: object\n  properties: {name: {type: string}}\n  additionalProperties: {type: string}",
        );
        assert!(kept.contains("fn extra"), "{kept}");
        assert!(kept.contains("fn field"), "{kept}");
        assert!(!kept.contains("fn skip"), "{kept}");
        assert!(!kept.contains("macro_rules! string_enum"), "{kept}");

        // A struct without fields reads nothing into slots.
        let empty = wire_for(
            "Empty:\n  type: object\n  properties: {}\n  required: []\nTag: {type: string, enum: [a]}",
        );
        assert!(!empty.contains("fn field"), "{empty}");
        assert!(!empty.contains("fn extra"), "{empty}");
        assert!(!empty.contains("fn into_string"), "{empty}");
        assert!(empty.contains("macro_rules! string_enum"), "{empty}");

        assert_eq!(wire_for("Count: {type: integer}"), "");
    }
}
