//! The invocations of the generated code's own macros, written from their parts.
//!
//! prettyplease prints a macro's arguments as a stream of tokens and fills lines with them
//! like prose. Ours are laid out as the struct, enum or type they stand for would be:
//!
//! ```text
//! wire::object!(Invite {
//!     first_name = "first_name" required,
//!     status = "status" defaulted(Self::default_status),
//! });
//! sendable!(GetInvites => Result<Vec<types::Invite>, Error<GetInvitesError>>);
//! ```

use proc_macro2::{Ident, Literal};

use crate::emit::code::{MacroCall, Presence, WireField};
use crate::error::Error;

/// The widest line prettyplease writes (its margin), and the least room it leaves after a
/// deep indentation. A list macro's invocation stays on one line as long as prettyplease
/// would keep its tokens on one.
const MARGIN: usize = 89;
const MIN_SPACE: usize = 60;

/// The widest line a `sendable!` invocation is written on before its arguments get a line
/// of their own.
const TYPE_LINE_WIDTH: usize = 100;

/// Writes `call`, indented by `indent` spaces, with its line break.
pub(super) fn print_macro(call: &MacroCall, indent: usize, out: &mut String) -> Result<(), Error> {
    let pad = " ".repeat(indent);
    match call {
        MacroCall::WireObject {
            name,
            fields,
            extra,
            closed,
        } => {
            let entries = fields.iter().map(wire_field).collect();
            let after = match extra {
                Some(extra) => Some(format!(" ..{extra}")),
                None => closed.then(|| " closed".to_owned()),
            };
            print_list("wire::object!(", name, entries, after, &pad, out);
        }
        MacroCall::StringEnum {
            name,
            variants,
            other,
        } => {
            let entries = variants
                .iter()
                .map(|(variant, value)| format!("{variant} = {}", Literal::string(value)))
                .collect();
            let after = other.as_ref().map(|other| format!(" or {other}"));
            print_list("wire::string_enum!(", name, entries, after, &pad, out);
        }
        MacroCall::Sendable { builder, output } => {
            let output = type_text(output).ok_or_else(|| {
                Error::Internal(format!("`{builder}`'s output type has no printed form"))
            })?;
            let arguments = format!("{builder} => {output}");
            let one_line = format!("{pad}sendable!({arguments});");
            if one_line.len() <= TYPE_LINE_WIDTH {
                out.push_str(&one_line);
            } else {
                out.push_str(&format!("{pad}sendable!(\n{pad}    {arguments}\n{pad});"));
            }
            out.push('\n');
        }
    }
    Ok(())
}

/// `field = "wire" presence`
fn wire_field(field: &WireField) -> String {
    let WireField {
        name,
        wire,
        presence,
    } = field;
    let wire = Literal::string(wire);
    match presence {
        Presence::Required => format!("{name} = {wire} required"),
        Presence::Optional => format!("{name} = {wire} optional"),
        Presence::Nullable => format!("{name} = {wire} nullable"),
        Presence::OptionalNullable => format!("{name} = {wire} optional_nullable"),
        Presence::Defaulted(function) => format!("{name} = {wire} defaulted(Self::{function})"),
    }
}

/// `path Name { a, b } after);` on one line when it fits, else one entry per line.
fn print_list(
    path: &str,
    name: &Ident,
    entries: Vec<String>,
    after: Option<String>,
    pad: &str,
    out: &mut String,
) {
    let after = after.unwrap_or_default();
    let one_line = if entries.is_empty() {
        format!("{pad}{path}{name} {{}}{after});")
    } else {
        format!("{pad}{path}{name} {{ {} }}{after});", entries.join(", "))
    };
    let room = MARGIN.saturating_sub(pad.len()).max(MIN_SPACE);
    if one_line.len() - pad.len() <= room {
        out.push_str(&one_line);
        out.push('\n');
        return;
    }
    out.push_str(&format!("{pad}{path}{name} {{\n"));
    for entry in entries {
        out.push_str(&format!("{pad}    {entry},\n"));
    }
    out.push_str(&format!("{pad}}}{after});\n"));
}

/// A type as it is written in code: `Result<Vec<types::Pet>, Error<GetPetError>>`. `None`
/// for the kinds of type no output type is.
fn type_text(ty: &syn::Type) -> Option<String> {
    let mut text = String::new();
    write_type(ty, &mut text)?;
    Some(text)
}

fn write_type(ty: &syn::Type, out: &mut String) -> Option<()> {
    match ty {
        syn::Type::Path(path) if path.qself.is_none() => write_path(&path.path, out),
        syn::Type::Tuple(tuple) => {
            out.push('(');
            write_list(tuple.elems.iter(), out)?;
            if tuple.elems.len() == 1 {
                out.push(',');
            }
            out.push(')');
            Some(())
        }
        syn::Type::Paren(inner) => {
            out.push('(');
            write_type(&inner.elem, out)?;
            out.push(')');
            Some(())
        }
        _ => None,
    }
}

fn write_path(path: &syn::Path, out: &mut String) -> Option<()> {
    if path.leading_colon.is_some() {
        out.push_str("::");
    }
    for (index, segment) in path.segments.iter().enumerate() {
        if index > 0 {
            out.push_str("::");
        }
        out.push_str(&segment.ident.to_string());
        match &segment.arguments {
            syn::PathArguments::None => {}
            syn::PathArguments::AngleBracketed(arguments) => {
                out.push('<');
                let mut types = Vec::new();
                for argument in &arguments.args {
                    let syn::GenericArgument::Type(ty) = argument else {
                        return None;
                    };
                    types.push(ty);
                }
                write_list(types.into_iter(), out)?;
                out.push('>');
            }
            syn::PathArguments::Parenthesized(_) => return None,
        }
    }
    Some(())
}

fn write_list<'t>(types: impl Iterator<Item = &'t syn::Type>, out: &mut String) -> Option<()> {
    for (index, ty) in types.enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        write_type(ty, out)?;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use quote::{format_ident, quote};

    use super::*;

    fn printed(call: &MacroCall, indent: usize) -> String {
        let mut out = String::new();
        print_macro(call, indent, &mut out).unwrap();
        out
    }

    /// prettyplease's text of the same invocation, as tokens, at the same indentation.
    fn prettyplease_text(tokens: proc_macro2::TokenStream, depth: usize) -> String {
        let mut tokens = tokens;
        for _ in 0..depth {
            tokens = quote!(mod m { #tokens });
        }
        let text = prettyplease::unparse(&syn::parse2(tokens).unwrap());
        let lines: Vec<&str> = text.lines().collect();
        lines[depth..lines.len() - depth].join("\n") + "\n"
    }

    fn object(fields: Vec<WireField>, extra: Option<&str>) -> MacroCall {
        MacroCall::WireObject {
            name: format_ident!("Invite"),
            fields,
            extra: extra.map(|extra| format_ident!("{extra}")),
            closed: false,
        }
    }

    fn field(name: &str, wire: &str, presence: Presence) -> WireField {
        WireField {
            name: syn::parse_str(name).unwrap(),
            wire: wire.to_owned(),
            presence,
        }
    }

    /// While it fits, the invocation is on the line prettyplease would write: the same text
    /// for the same tokens at every length across the margin, at depths where the margin
    /// rules (1, 2) and where the least room does (8: 89 - 32 < 60).
    #[test]
    fn short_list_invocations_are_the_line_prettyplease_writes() {
        // A raw name, an escaped non-ASCII wire name, a default; and one field alone.
        let rich = |long: &str| {
            let call = MacroCall::WireObject {
                name: format_ident!("I"),
                fields: vec![
                    field("r#type", "\"é", Presence::Required),
                    field(long, "s", Presence::Defaulted(format_ident!("d"))),
                ],
                extra: Some(format_ident!("x")),
                closed: false,
            };
            let long = format_ident!("{long}");
            let tokens = quote!(wire::object!(I { r#type = "\"é" required, #long = "s" defaulted(Self::d) } .. x););
            (call, tokens)
        };
        let single = |long: &str| {
            let call = MacroCall::StringEnum {
                name: format_ident!("E"),
                variants: vec![(format_ident!("{long}"), "é".to_owned())],
                other: Some(format_ident!("O")),
            };
            let long = format_ident!("{long}");
            (call, quote!(wire::string_enum!(E { #long = "é" } or O);))
        };
        type Fixture = dyn Fn(&str) -> (MacroCall, proc_macro2::TokenStream);
        let cases: [(&Fixture, usize); 4] = [(&rich, 1), (&rich, 2), (&single, 1), (&single, 8)];
        for (fixture, depth) in cases {
            let (mut one_line, mut broken) = (0, 0);
            for length in 1..100 {
                let (call, tokens) = fixture(&"f".repeat(length));
                let ours = printed(&call, depth * 4);
                let theirs = prettyplease_text(tokens, depth);
                if theirs.lines().count() == 1 {
                    assert_eq!(ours, theirs);
                    one_line += 1;
                } else {
                    assert!(ours.lines().count() > 2, "{ours}");
                    broken += 1;
                }
            }
            assert!(
                one_line > 0 && broken > 0,
                "depth {depth}: both sides of the margin"
            );
        }
    }

    #[test]
    fn long_list_invocations_get_one_entry_per_line() {
        let fields = (0..12)
            .map(|n| {
                field(
                    &format!("field_{n}"),
                    &format!("wire, \"{n}\" }} ({n}"),
                    Presence::Optional,
                )
            })
            .chain([field("nulled", "n", Presence::Nullable)])
            .collect();
        let text = printed(&object(fields, Some("extra")), 4);
        assert!(text.starts_with("    wire::object!(Invite {\n"), "{text}");
        assert!(
            text.contains("        field_3 = \"wire, \\\"3\\\" } (3\" optional,\n"),
            "{text}"
        );
        assert!(
            text.ends_with("        nulled = \"n\" nullable,\n    } ..extra);\n"),
            "{text}"
        );

        let variants = (0..20)
            .map(|n| (format_ident!("V{n}"), format!("value {n}")))
            .collect();
        let call = MacroCall::StringEnum {
            name: format_ident!("Status"),
            variants,
            other: Some(format_ident!("Other")),
        };
        let text = printed(&call, 4);
        assert!(
            text.contains("\n        V19 = \"value 19\",\n    } or Other);\n"),
            "{text}"
        );
        // The layout is the invocation's: the tokens are the same.
        let reparsed: proc_macro2::TokenStream = text.parse().unwrap();
        assert!(
            reparsed
                .to_string()
                .starts_with("wire :: string_enum ! (Status { V0 = \"value 0\" ,")
        );
    }

    #[test]
    fn an_empty_list_is_braces() {
        assert_eq!(
            printed(&object(Vec::new(), None), 4),
            "    wire::object!(Invite {});\n"
        );
    }

    #[test]
    fn sendable_arguments_are_written_as_types() {
        let sendable = |builder: &str, output: proc_macro2::TokenStream| MacroCall::Sendable {
            builder: format_ident!("{builder}"),
            output: syn::parse2(output).unwrap(),
        };
        let text = [
            sendable(
                "Short",
                quote!(Result<Vec<types::Invite>, Error<GetInvitesError>>),
            ),
            sendable(
                "ALongerBuilderName",
                quote!(
                    Result<
                        ResponseValue<
                            std::collections::BTreeMap<String, types::SomeRatherLongTypeName>,
                        >,
                        Error<ALongerBuilderNameError>,
                    >
                ),
            ),
            sendable("Unit", quote!(Result<(), Error>)),
            sendable("Pair", quote!(Result<(u8,), ::std::string::String>)),
        ]
        .iter()
        .map(|call| printed(call, 4))
        .collect::<String>();
        let expected = "    sendable!(Short => Result<Vec<types::Invite>, Error<GetInvitesError>>);
    sendable!(
        ALongerBuilderName => Result<ResponseValue<std::collections::BTreeMap<String, types::SomeRatherLongTypeName>>, Error<ALongerBuilderNameError>>
    );
    sendable!(Unit => Result<(), Error>);
    sendable!(Pair => Result<(u8,), ::std::string::String>);
";
        assert_eq!(text, expected);
    }

    #[test]
    fn a_type_without_a_written_form_is_an_internal_error() {
        let call = MacroCall::Sendable {
            builder: format_ident!("B"),
            output: syn::parse2(quote!(&'static str)).unwrap(),
        };
        assert!(print_macro(&call, 0, &mut String::new()).is_err());
    }
}
