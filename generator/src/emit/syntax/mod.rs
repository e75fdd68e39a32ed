//! Syntax trees built directly, for the code the emitters write thousands of times (types,
//! request builders, handlers, their statements).
//!
//! Writing such code as tokens and parsing it back costs several times more than building
//! the tree: on a large spec, parsing the emitted tokens cost more than emitting and printing
//! them together. prettyplease prints a tree the same way however it was made, so the output
//! is the same text; only its cost changes. The rare shapes are written as tokens and parsed
//! on the spot (`code::Parser`).

use proc_macro2::TokenStream;

// The builders, one per shape of code. Each makes the tree syn's parser makes of the code in
// its doc (up to trailing commas, which prettyplease does not print, except in a one-element
// tuple, where the builders keep it), so that the printed text is the same.
mod expr;
mod item;
mod path;

pub(crate) use expr::*;
pub(crate) use item::*;
pub(crate) use path::{ident, type_path};

/// Code built as a tree, or written as tokens where a tree is not worth building (the rare
/// shapes).
pub(crate) enum Fragment<T> {
    Tree(T),
    Tokens(TokenStream),
}

impl<T: quote::ToTokens> quote::ToTokens for Fragment<T> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            Fragment::Tree(tree) => tree.to_tokens(tokens),
            Fragment::Tokens(written) => written.to_tokens(tokens),
        }
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::Literal;
    use quote::quote;

    use super::ident;
    use super::*;

    /// prettyplease's text of `items`.
    fn printed(items: Vec<syn::Item>) -> String {
        prettyplease::unparse(&syn::File {
            shebang: None,
            frontmatter: None,
            attrs: Vec::new(),
            items,
        })
    }

    fn written(code: &str) -> String {
        prettyplease::unparse(&syn::parse_file(code).expect("the written code parses"))
    }

    fn problems() -> syn::Expr {
        mut_reference(path_expr("problems"))
    }

    #[test]
    fn built_statements_print_as_the_code_they_stand_for() {
        let some = |name: &str| tuple_struct_pattern("Some", [binding(ident(name))]);
        let statements = [
            let_typed(
                ident("param_id"),
                type_path("Option", vec![type_path("types::Pet", Vec::new())]),
                call(
                    "read_path",
                    [
                        reference(path_expr("path")),
                        string("p0"),
                        boolean(false),
                        problems(),
                    ],
                ),
            ),
            let_else(
                some("a"),
                ident_expr(ident("a")),
                vec![tail(return_(call("internal_error", [])))],
            ),
            let_else(
                tuple_pattern([some("a")]),
                tuple([ident_expr(ident("a"))]),
                vec![tail(return_(call("internal_error", [])))],
            ),
            let_else(
                tuple_pattern([some("a"), some("b")]),
                tuple([ident_expr(ident("a")), ident_expr(ident("b"))]),
                vec![tail(return_(call("internal_error", [])))],
            ),
            let_(mut_binding(ident("query")), call("Vec::new", [])),
            let_(
                typed(
                    mut_binding(ident("problems")),
                    type_path("Vec", vec![type_path("Problem", Vec::new())]),
                ),
                call("Vec::new", []),
            ),
            let_(
                binding(ident("url")),
                macro_call("format", quote!("{}/pets/{}", client.base_url, segment_0)),
            ),
            semi(try_(call(
                "push_form",
                [
                    problems(),
                    string("tag \"x\""),
                    boolean(true),
                    method(field(path_expr("self"), ident("r#type")), "as_ref", []),
                ],
            ))),
            if_(
                not(method(path_expr("problems"), "is_empty", [])),
                vec![semi(return_(call(
                    "invalid",
                    [integer(422), path_expr("problems")],
                )))],
            ),
            semi(assign(
                field(path_expr("self"), ident("page")),
                call("Some", [method(path_expr("value"), "into", [])]),
            )),
            let_(
                binding(ident("router")),
                method(
                    path_expr("router"),
                    "route",
                    [
                        string("/pets/{p0}"),
                        method(
                            call(
                                "axum::routing::get",
                                [generic_path_expr(ident("handle_get"), "A")],
                            ),
                            "post",
                            [generic_path_expr(ident("handle_post"), "A")],
                        ),
                    ],
                ),
            ),
            let_(
                binding(ident("reply")),
                tuple([
                    path_expr("status"),
                    array([tuple([path_expr("CONTENT_TYPE"), string("text/plain")])]),
                    call("Some", [character('|')]),
                ]),
            ),
            semi(await_(method(path_expr("api"), "r#type", []))),
            tail(match_(
                method(path_expr("status"), "as_u16", []),
                vec![
                    arm(
                        integer_pattern(200),
                        method(path_expr("answer"), "json", []),
                    ),
                    arm(
                        tuple_struct_pattern(
                            "Self::Created",
                            [binding(ident("status")), binding(ident("body"))],
                        ),
                        call("json_reply", [integer(201), reference(path_expr("body"))]),
                    ),
                    arm(
                        path_pattern("Self::NoContent"),
                        struct_literal(
                            &ident("Pet"),
                            [
                                field_value(ident("client"), path_expr("self")),
                                field_init(ident("r#type"), false),
                                field_init(ident("name"), true),
                            ],
                        ),
                    ),
                    arm(
                        wild_pattern(),
                        call("Err", [method(path_expr("answer"), "unexpected", [])]),
                    ),
                ],
            )),
        ];
        let mut function: syn::ItemFn = syn::parse2(quote!(
            fn f() {}
        ))
        .unwrap();
        function.block.stmts = statements.into();
        let code = r#"
            fn f() {
                let param_id: Option<types::Pet> = read_path(&path, "p0", false, &mut problems);
                let Some(a) = a else { return internal_error() };
                let (Some(a),) = (a,) else { return internal_error() };
                let (Some(a), Some(b)) = (a, b) else { return internal_error() };
                let mut query = Vec::new();
                let mut problems: Vec<Problem> = Vec::new();
                let url = format!("{}/pets/{}", client.base_url, segment_0);
                push_form(&mut problems, "tag \"x\"", true, self.r#type.as_ref())?;
                if !problems.is_empty() {
                    return invalid(422, problems);
                }
                self.page = Some(value.into());
                let router = router.route("/pets/{p0}", axum::routing::get(handle_get::<A>).post(handle_post::<A>));
                let reply = (status, [(CONTENT_TYPE, "text/plain")], Some('|'));
                api.r#type().await;
                match status.as_u16() {
                    200 => answer.json(),
                    Self::Created(status, body) => json_reply(201, &body),
                    Self::NoContent => Pet { client: self, r#type, name: name.into() },
                    _ => Err(answer.unexpected()),
                }
            }
        "#;
        assert_eq!(printed(vec![syn::Item::Fn(function)]), written(code));
    }

    #[test]
    fn built_items_print_as_the_code_they_stand_for() {
        let enumeration = public_enum(
            vec![
                text_attribute("doc", " The answers."),
                list_attribute("derive", quote!(Debug, Clone)),
            ],
            ident("Answer"),
            vec![
                variant(
                    vec![doc(Literal::string(" 204: gone"))],
                    ident("NoContent"),
                    Vec::new(),
                ),
                variant(
                    Vec::new(),
                    ident("Ok"),
                    vec![type_path("Box", vec![type_path("types::Pet", Vec::new())])],
                ),
                variant(
                    Vec::new(),
                    ident("Other"),
                    vec![
                        type_path("StatusCode", Vec::new()),
                        named_type(ident("String")),
                    ],
                ),
            ],
        );
        let structure = generic_struct(
            vec![text_attribute(
                "must_use",
                "a request does nothing until sent",
            )],
            ident("ListPets"),
            lifetime_generics("'a"),
            vec![
                private_field(
                    ident("client"),
                    reference_type(Some("'a"), type_path("Client", Vec::new())),
                ),
                private_field(
                    ident("r#type"),
                    type_path("Option", vec![type_path("String", Vec::new())]),
                ),
            ],
        );
        let model = public_struct(
            Vec::new(),
            ident("Pet"),
            vec![public_field(
                vec![doc(Literal::string(" The name."))],
                ident("name"),
                type_path("String", Vec::new()),
            )],
        );
        let methods = vec![
            method_item(
                Vec::new(),
                true,
                ident("page"),
                Receiver::MutValue,
                vec![argument(
                    ident("value"),
                    impl_trait(type_path("Into", vec![type_path("String", Vec::new())])),
                )],
                type_path("Self", Vec::new()),
                vec![tail(path_expr("self"))],
            ),
            method_item(
                Vec::new(),
                false,
                ident("get"),
                Receiver::Ref,
                Vec::new(),
                type_with_lifetime(ident("ListPets"), "'_"),
                vec![],
            ),
            method_item(
                Vec::new(),
                false,
                ident("into_response"),
                Receiver::Value,
                Vec::new(),
                type_path("Response", Vec::new()),
                vec![],
            ),
            method_item(
                Vec::new(),
                false,
                ident("read"),
                Receiver::NoSelf,
                vec![argument(ident("answer"), type_path("Answer", Vec::new()))],
                type_path("u8", Vec::new()),
                vec![],
            ),
        ];
        let block = impl_block(
            lifetime_generics("'a"),
            None,
            type_with_lifetime(ident("ListPets"), "'a"),
            methods,
        );
        let for_trait = impl_block(
            Default::default(),
            Some("axum::response::IntoResponse"),
            named_type(ident("Answer")),
            Vec::new(),
        );
        let handler = async_fn(
            ident("handle_list"),
            bounded_generics("A", "Api"),
            vec![pattern_argument(
                tuple_struct_pattern("State", [binding(ident("api"))]),
                type_path(
                    "State",
                    vec![type_path("Arc", vec![type_path("A", Vec::new())])],
                ),
            )],
            type_path("axum::response::Response", Vec::new()),
            Vec::new(),
        );
        let method = trait_method(
            Vec::new(),
            ident("list"),
            vec![argument(ident("limit"), type_path("i64", Vec::new()))],
            future_type(type_path(
                "Result",
                vec![
                    type_path("ListResponse", Vec::new()),
                    type_path("ServerError", Vec::new()),
                ],
            )),
        );
        let mut api: syn::ItemTrait = syn::parse2(quote!(
            pub trait Api {}
        ))
        .unwrap();
        api.items.push(method);
        let items = vec![
            enumeration,
            structure,
            model,
            block,
            for_trait,
            handler,
            syn::Item::Trait(api),
        ];
        let code = r#"
            /// The answers.
            #[derive(Debug, Clone)]
            pub enum Answer {
                /// 204: gone
                NoContent,
                Ok(Box<types::Pet>),
                Other(StatusCode, String),
            }
            #[must_use = "a request does nothing until sent"]
            pub struct ListPets<'a> {
                client: &'a Client,
                r#type: Option<String>,
            }
            pub struct Pet {
                /// The name.
                pub name: String,
            }
            impl<'a> ListPets<'a> {
                pub fn page(mut self, value: impl Into<String>) -> Self {
                    self
                }
                fn get(&self) -> ListPets<'_> {}
                fn into_response(self) -> Response {}
                fn read(answer: Answer) -> u8 {}
            }
            impl axum::response::IntoResponse for Answer {}
            async fn handle_list<A: Api>(State(api): State<Arc<A>>) -> axum::response::Response {}
            pub trait Api {
                fn list(&self, limit: i64) -> impl std::future::Future<Output = Result<ListResponse, ServerError>> + Send;
            }
        "#;
        assert_eq!(printed(items), written(code));
    }
}
