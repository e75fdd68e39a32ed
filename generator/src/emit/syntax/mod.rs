//! Syntax trees built directly, for the code the emitters write thousands of times (types,
//! request builders, handlers, their statements).
//!
//! Formatting goes through syn's parser, and on a large spec parsing the emitted tokens cost
//! more than emitting and printing them together. A tree built here is never written as tokens
//! nor parsed: the emitter puts a placeholder in its tokens ([`Built::item`], [`Built::stmt`],
//! ...), and [`Built::splice`] replaces it, in the parsed file, with the tree. prettyplease
//! prints a tree the same way however it was made, so the output is the same text; only its
//! cost changes (building a statement is several times cheaper than quoting and parsing it).
//!
//! Placeholders (`__oasforge_built!(7);`) go where [`Built::splice`] looks: items of a module,
//! of an `impl` or of a trait, and statements of the body of a function or method that is such
//! an item. A built tree holds no placeholder: the rare shapes inside it are written as tokens
//! and parsed on the spot ([`Built::parse`]). Anything misplaced is an internal error, never
//! printed: [`Built::check_all_spliced`] and [`check_no_placeholder`] see to it.

use std::cell::RefCell;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use syn::Stmt;

use crate::error::Error;

// The builders, one per shape of code. Each makes the tree syn's parser makes of the code in
// its doc (up to trailing commas, which prettyplease does not print, except in a one-element
// tuple, where the builders keep it), so that the printed text is the same.
mod expr;
mod item;
mod path;

pub(crate) use expr::*;
pub(crate) use item::*;
pub(crate) use path::{ident, type_path};

const PLACEHOLDER: &str = "__oasforge_built";

/// A tree waiting for its placeholder.
enum Node {
    Item(syn::Item),
    // Boxed: an `ImplItem` (608 bytes) would set the size of every node.
    ImplItem(Box<syn::ImplItem>),
    TraitItem(Box<syn::TraitItem>),
    Stmt(Stmt),
}

/// The trees built for the tokens of one piece of the output (or of the whole output, when it
/// is formatted as one), waiting for their placeholders.
#[derive(Default)]
pub(crate) struct Built {
    nodes: RefCell<Vec<Option<Node>>>,
    /// The first piece of written code that did not parse (an emitter's mistake).
    failure: RefCell<Option<Error>>,
}

impl Built {
    /// Keeps `item` and returns the placeholder item to emit where it goes: an item of a
    /// module.
    pub(crate) fn item(&self, item: syn::Item) -> TokenStream {
        let placeholder = self.keep(Node::Item(item));
        quote::quote!(#placeholder;)
    }

    /// Keeps `item` and returns the placeholder to emit where it goes: an item of an `impl`.
    pub(crate) fn impl_item(&self, item: syn::ImplItem) -> TokenStream {
        let placeholder = self.keep(Node::ImplItem(Box::new(item)));
        quote::quote!(#placeholder;)
    }

    /// Keeps `item` and returns the placeholder to emit where it goes: an item of a trait.
    pub(crate) fn trait_item(&self, item: syn::TraitItem) -> TokenStream {
        let placeholder = self.keep(Node::TraitItem(Box::new(item)));
        quote::quote!(#placeholder;)
    }

    /// Keeps `stmt` and returns the placeholder statement to emit where it goes.
    pub(crate) fn stmt(&self, stmt: Stmt) -> TokenStream {
        let placeholder = self.keep(Node::Stmt(stmt));
        quote::quote!(#placeholder;)
    }

    fn keep(&self, node: Node) -> TokenStream {
        let mut nodes = self.nodes.borrow_mut();
        let index = Literal::usize_unsuffixed(nodes.len());
        nodes.push(Some(node));
        let name = Ident::new(PLACEHOLDER, Span::call_site());
        quote::quote!(#name!(#index))
    }

    /// Puts each kept tree in the place of its placeholder in `file`. A placeholder without a
    /// tree is an error here; a tree without a placeholder, one of
    /// [`Built::check_all_spliced`] once the whole piece is formatted.
    pub(crate) fn splice(&self, file: &mut syn::File) -> Result<(), Error> {
        if self.nodes.borrow().is_empty() {
            return Ok(());
        }
        splice_items(&mut file.items, &mut self.nodes.borrow_mut())
    }

    /// The tree of a piece written as tokens, for a rare shape inside a built tree. If the
    /// tokens do not parse, the failure is reported by [`Built::check_all_spliced`].
    pub(crate) fn parse<T: syn::parse::Parse>(&self, tokens: TokenStream) -> Option<T> {
        syn::parse2(tokens).map_err(|err| self.fail(&err)).ok()
    }

    /// As [`Built::parse`], for statements.
    pub(crate) fn parse_stmts(&self, tokens: TokenStream) -> Vec<Stmt> {
        syn::parse::Parser::parse2(syn::Block::parse_within, tokens)
            .map_err(|err| self.fail(&err))
            .unwrap_or_default()
    }

    fn fail(&self, err: &syn::Error) {
        self.failure
            .borrow_mut()
            .get_or_insert_with(|| Error::Internal(format!("emitted code does not parse: {err}")));
    }

    /// Checks that every tree kept was spliced (after the last part was formatted), and
    /// that every piece written as tokens parsed.
    pub(crate) fn check_all_spliced(&self) -> Result<(), Error> {
        if let Some(failure) = self.failure.borrow_mut().take() {
            return Err(failure);
        }
        match self.nodes.borrow().iter().position(Option::is_some) {
            Some(index) => Err(Error::Internal(format!(
                "built syntax {index} has no placeholder"
            ))),
            None => Ok(()),
        }
    }
}

fn splice_items(items: &mut [syn::Item], nodes: &mut [Option<Node>]) -> Result<(), Error> {
    for item in items {
        match item {
            syn::Item::Macro(placeholder) => match take(&placeholder.mac, nodes)? {
                Some(Node::Item(built)) => *item = built,
                Some(_) => return Err(misplaced()),
                None => {}
            },
            syn::Item::Mod(module) => {
                if let Some((_, items)) = &mut module.content {
                    splice_items(items, nodes)?;
                }
            }
            syn::Item::Fn(function) => splice_block(&mut function.block, nodes)?,
            syn::Item::Trait(definition) => {
                for item in &mut definition.items {
                    let syn::TraitItem::Macro(placeholder) = item else {
                        continue;
                    };
                    match take(&placeholder.mac, nodes)? {
                        Some(Node::TraitItem(built)) => *item = *built,
                        Some(_) => return Err(misplaced()),
                        None => {}
                    }
                }
            }
            syn::Item::Impl(block) => {
                for item in &mut block.items {
                    match item {
                        syn::ImplItem::Fn(function) => splice_block(&mut function.block, nodes)?,
                        syn::ImplItem::Macro(placeholder) => match take(&placeholder.mac, nodes)? {
                            Some(Node::ImplItem(built)) => *item = *built,
                            Some(_) => return Err(misplaced()),
                            None => {}
                        },
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn splice_block(block: &mut syn::Block, nodes: &mut [Option<Node>]) -> Result<(), Error> {
    for stmt in &mut block.stmts {
        let Stmt::Macro(placeholder) = stmt else {
            continue;
        };
        match take(&placeholder.mac, nodes)? {
            Some(Node::Stmt(built)) => *stmt = built,
            Some(_) => return Err(misplaced()),
            None => {}
        }
    }
    Ok(())
}

fn misplaced() -> Error {
    Error::Internal("built syntax of one kind (item, statement) in the place of another".to_owned())
}

/// The tree for a placeholder (`None` for any other macro).
fn take(mac: &syn::Macro, nodes: &mut [Option<Node>]) -> Result<Option<Node>, Error> {
    if !mac.path.is_ident(PLACEHOLDER) {
        return Ok(None);
    }
    let index = mac.tokens.to_string();
    let node = index
        .parse::<usize>()
        .ok()
        .and_then(|index| nodes.get_mut(index))
        .and_then(Option::take)
        .ok_or_else(|| Error::Internal(format!("placeholder {index} has no built syntax")))?;
    Ok(Some(node))
}

/// Fails if a placeholder survived into formatted `text`: one written where
/// [`Built::splice`] does not look, next to a copy of it that was spliced.
pub(crate) fn check_no_placeholder(text: &str) -> Result<(), Error> {
    match memchr::memmem::find(text.as_bytes(), PLACEHOLDER.as_bytes()) {
        Some(_) => Err(Error::Internal(format!(
            "a `{PLACEHOLDER}!` placeholder was printed"
        ))),
        None => Ok(()),
    }
}

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
    use quote::quote;

    use super::ident;
    use super::*;

    /// prettyplease's text of `tokens`, with the trees of `built` spliced in.
    fn printed(tokens: TokenStream, built: &Built) -> Result<String, Error> {
        let mut file: syn::File = syn::parse2(tokens).expect("placeholders parse");
        built.splice(&mut file)?;
        built.check_all_spliced()?;
        let text = prettyplease::unparse(&file);
        check_no_placeholder(&text)?;
        Ok(text)
    }

    fn written(code: &str) -> String {
        prettyplease::unparse(&syn::parse_file(code).expect("the written code parses"))
    }

    fn problems() -> syn::Expr {
        mut_reference(path_expr("problems"))
    }

    #[test]
    fn built_statements_print_as_the_code_they_stand_for() {
        let built = Built::default();
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
        let placeholders: TokenStream = statements
            .into_iter()
            .map(|stmt| built.stmt(stmt))
            .collect();
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
        assert_eq!(
            printed(quote!(fn f() { #placeholders }), &built).unwrap(),
            written(code)
        );
    }

    #[test]
    fn built_items_print_as_the_code_they_stand_for() {
        let built = Built::default();
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
        let items: TokenStream = [enumeration, structure, model, block, for_trait, handler]
            .into_iter()
            .map(|item| built.item(item))
            .collect();
        let method = built.trait_item(method);
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
        let tokens = quote! {
            #items
            pub trait Api {
                #method
            }
        };
        assert_eq!(printed(tokens, &built).unwrap(), written(code));
    }

    #[test]
    fn misplaced_or_unparsable_code_is_an_error_not_output() {
        // A placeholder where `splice` does not look (a nested block): its tree is never spliced.
        let built = Built::default();
        let stmt = built.stmt(semi(call("f", [])));
        let error = printed(quote!(fn f() { if x { #stmt } }), &built).unwrap_err();
        assert!(error.to_string().contains("has no placeholder"), "{error}");

        // The same placeholder twice: one copy spliced, the other printed as it was.
        let built = Built::default();
        let stmt = built.stmt(semi(call("f", [])));
        let error = printed(quote!(fn f() { #stmt if x { #stmt } }), &built).unwrap_err();
        assert!(error.to_string().contains("was printed"), "{error}");

        // A statement's placeholder among items.
        let built = Built::default();
        let stmt = built.stmt(semi(call("f", [])));
        let error = printed(quote!(#stmt), &built).unwrap_err();
        assert!(
            error.to_string().contains("in the place of another"),
            "{error}"
        );

        // Written tokens that do not parse.
        let built = Built::default();
        assert!(built.parse_stmts(quote!(let = ;)).is_empty());
        let error = printed(
            quote!(
                fn f() {}
            ),
            &built,
        )
        .unwrap_err();
        assert!(error.to_string().contains("does not parse"), "{error}");
    }
}
