//! The spec's examples as tests (the `example_tests` setting): a `#[cfg(test)]` module in
//! `types` with one test per example, which reads it as its type and writes it back.

use quote::{format_ident, quote};

use super::code::{Module, Parser};
use super::runtime;
use super::types::type_tokens;
use crate::analysis::Analysis;
use crate::diagnostic::pointer_tokens;
use crate::ir::Ir;
use crate::naming::{self, NameSet};

/// `mod examples`, when the setting asks for it and the spec has examples.
pub(super) fn examples_module(ir: &Ir, analysis: &Analysis, parser: &Parser) -> Option<Module> {
    if !analysis.features.example_tests {
        return None;
    }
    let mut names = NameSet::new();
    let tests = ir.examples.iter().map(|example| {
        let name = format_ident!("{}", names.claim(test_name(&example.pointer)));
        let ty = type_tokens(ir, &example.ty, false);
        let at = &example.pointer;
        let json = example.value.to_string();
        let unlisted = &example.unlisted;
        let doc = format!(" `{at}`");
        // Warned at generation time; the test says what fails.
        let ignore = example.misfit.as_ref().map(|misfit| {
            let reason = format!("does not fit its schema: {misfit}");
            quote!(#[ignore = #reason])
        });
        quote! {
            #[doc = #doc]
            #[test]
            #ignore
            fn #name() {
                check::<#ty>(#at, #json, &[#( #unlisted ),*]);
            }
        }
    });
    // The models by name, when some example is of one (else the import is unused).
    let uses_models = ir
        .examples
        .iter()
        .any(|example| example.ty.contains(&crate::ir::TypeRef::is_model));
    let import = uses_models.then(|| {
        quote!(
            use super::*;
        )
    });
    let mut items = parser.items(quote! {
        #import
        #( #tests )*
    });
    items.extend(parser.source(runtime::examples::CHECK));
    let instant = if analysis.features.date_times {
        runtime::examples::INSTANT
    } else {
        runtime::examples::NO_INSTANT
    };
    items.extend(parser.source(instant));
    Some(Module::declared(
        parser,
        quote! {
            /// The spec's examples, each read as its type and written back.
            #[cfg(test)]
            mod examples;
        },
        items,
    ))
}

/// `pet_properties_name_example` for `#/components/schemas/Pet/properties/name/example`.
fn test_name(pointer: &str) -> String {
    let tokens = pointer_tokens(pointer);
    let tokens = match tokens.as_slice() {
        [components, schemas, rest @ ..] if components == "components" && schemas == "schemas" => {
            rest
        }
        all => all,
    };
    naming::field_name(&tokens.join(" "))
}

#[cfg(test)]
mod tests {
    #[test]
    fn tests_are_named_after_the_example_place() {
        assert_eq!(
            super::test_name("#/components/schemas/Pet/properties/name/example"),
            "pet_properties_name_example"
        );
        assert_eq!(
            super::test_name(
                "#/paths/~1items/post/requestBody/content/application~1json/examples/one/value"
            ),
            "paths_items_post_request_body_content_application_json_examples_one_value"
        );
    }
}
