//! Syntax trees built directly, for the statements the emitters write thousands of times.
//!
//! Formatting goes through syn's parser, and on a large spec parsing the emitted tokens costs
//! more than emitting and printing them together. A statement built here as a syn tree is never
//! written as tokens nor parsed: the emitter puts a placeholder in its tokens
//! ([`Built::stmt`]), and [`Built::splice`] replaces it, in the parsed file, with the tree.
//! prettyplease prints a tree the same way however it was made, so the output is the same
//! text; only its cost changes (building a statement is several times cheaper than quoting
//! and parsing it).
//!
//! Placeholders are items of a module, an `impl` or a trait, and statements of a function body:
//! `__oasforge_built!(7);`. A built tree holds no placeholder: the rare shapes inside it are
//! written as tokens and parsed on the spot ([`Built::parse`]).

use std::cell::RefCell;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Stmt};

use crate::error::Error;

const PLACEHOLDER: &str = "__oasforge_built";

/// A tree waiting for its placeholder.
enum Node {
    Item(syn::Item),
    // Boxed: these are large (a function's signature), and most nodes are smaller.
    ImplItem(Box<syn::ImplItem>),
    TraitItem(Box<syn::TraitItem>),
    Stmt(Stmt),
}

/// The trees one piece of the output built, waiting for their placeholders.
#[derive(Default)]
pub struct Built {
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

    /// Puts each kept tree in the place of its placeholder in `file`. Every tree must find its
    /// place, once: anything else is an emitter's mistake, reported, never printed.
    pub fn splice(&self, file: &mut syn::File) -> Result<(), Error> {
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
    pub fn check_all_spliced(&self) -> Result<(), Error> {
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

// Builders. Each makes the tree syn's parser makes of the code in its doc, so that the printed
// text is the same.

fn span() -> Span {
    Span::call_site()
}

/// `a::b::c`
pub(crate) fn path(path: &str) -> syn::Path {
    // Split at each `:` (a one-byte search; `split("::")` sets up a substring searcher per
    // call, and paths are built by the thousand).
    syn::Path {
        leading_colon: None,
        segments: path
            .split(':')
            .filter(|segment| !segment.is_empty())
            .map(|segment| syn::PathSegment::from(super::ident(segment)))
            .collect(),
    }
}

/// `a::b::c` as an expression.
pub(crate) fn path_expr(name: &str) -> Expr {
    Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: path(name),
    })
}

/// `name` (an identifier already made) as an expression.
pub(crate) fn ident_expr(name: Ident) -> Expr {
    Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: syn::Path::from(name),
    })
}

/// `name`, as a binding of a `let` or a pattern.
pub(crate) fn binding(name: Ident) -> syn::Pat {
    syn::Pat::Ident(syn::PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: None,
        ident: name,
        subpat: None,
    })
}

/// `mut name`
pub(crate) fn mut_binding(name: Ident) -> syn::Pat {
    syn::Pat::Ident(syn::PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: Some(Default::default()),
        ident: name,
        subpat: None,
    })
}

/// `path(elems)` as a pattern: `Self::Ok(body)`
pub(crate) fn tuple_struct_pattern(
    path: &str,
    elems: impl IntoIterator<Item = syn::Pat>,
) -> syn::Pat {
    syn::Pat::TupleStruct(syn::PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path: self::path(path),
        paren_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `(a, b)` as a pattern.
pub(crate) fn tuple_pattern(elems: impl IntoIterator<Item = syn::Pat>) -> syn::Pat {
    syn::Pat::Tuple(syn::PatTuple {
        attrs: Vec::new(),
        paren_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// A path as a pattern: `Self::NoContent`
pub(crate) fn path_pattern(path: &str) -> syn::Pat {
    syn::Pat::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: self::path(path),
    })
}

/// An integer as a pattern: `404`
pub(crate) fn integer_pattern(value: u16) -> syn::Pat {
    let Expr::Lit(literal) = integer(value) else {
        unreachable!("an integer is a literal")
    };
    syn::Pat::Lit(literal)
}

/// `_`
pub(crate) fn wild_pattern() -> syn::Pat {
    syn::Pat::Wild(syn::PatWild {
        attrs: Vec::new(),
        underscore_token: Default::default(),
    })
}

/// `pattern => body,`
pub(crate) fn arm(pattern: syn::Pat, body: Expr) -> syn::Arm {
    syn::Arm {
        attrs: Vec::new(),
        pat: pattern,
        fat_arrow_token: Default::default(),
        body: Box::new(body),
        comma: Some(Default::default()),
    }
}

/// `name::<Type>` as an expression: `handle_list::<A>`
pub(crate) fn generic_path_expr(name: Ident, type_argument: &str) -> Expr {
    let mut path = syn::Path::from(name);
    let last = path.segments.last_mut().expect("a path has a segment");
    last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
        colon2_token: Some(Default::default()),
        lt_token: Default::default(),
        args: std::iter::once(syn::GenericArgument::Type(type_path(
            type_argument,
            Vec::new(),
        )))
        .collect(),
        gt_token: Default::default(),
    });
    Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// `function(args)`
pub(crate) fn call(function: &str, args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(path_expr(function)),
        paren_token: Default::default(),
        args: args
            .into_iter()
            .collect::<Punctuated<Expr, syn::Token![,]>>(),
    })
}

/// `receiver.method(args)` (`method` may be raw: `r#type`)
pub(crate) fn method(receiver: Expr, method: &str, args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::MethodCall(syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: super::ident(method),
        turbofish: None,
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `base.field`
pub(crate) fn field(base: Expr, field: Ident) -> Expr {
    Expr::Field(syn::ExprField {
        attrs: Vec::new(),
        base: Box::new(base),
        dot_token: Default::default(),
        member: syn::Member::Named(field),
    })
}

/// `expr?`
pub(crate) fn try_(expr: Expr) -> Expr {
    Expr::Try(syn::ExprTry {
        attrs: Vec::new(),
        expr: Box::new(expr),
        question_token: Default::default(),
    })
}

/// `expr.await`
pub(crate) fn await_(expr: Expr) -> Expr {
    Expr::Await(syn::ExprAwait {
        attrs: Vec::new(),
        base: Box::new(expr),
        dot_token: Default::default(),
        await_token: Default::default(),
    })
}

/// `name!(tokens)`
pub(crate) fn macro_call(name: &str, tokens: TokenStream) -> Expr {
    Expr::Macro(syn::ExprMacro {
        attrs: Vec::new(),
        mac: syn::Macro {
            path: path(name),
            bang_token: Default::default(),
            delimiter: syn::MacroDelimiter::Paren(Default::default()),
            tokens,
        },
    })
}

/// `(a, b)`
pub(crate) fn tuple(elems: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Tuple(syn::ExprTuple {
        attrs: Vec::new(),
        paren_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `[a, b]`
pub(crate) fn array(elems: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Array(syn::ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `left = right`
pub(crate) fn assign(left: Expr, right: Expr) -> Expr {
    Expr::Assign(syn::ExprAssign {
        attrs: Vec::new(),
        left: Box::new(left),
        eq_token: Default::default(),
        right: Box::new(right),
    })
}

/// `name: value` in a struct literal.
pub(crate) fn field_value(name: Ident, value: Expr) -> syn::FieldValue {
    syn::FieldValue {
        attrs: Vec::new(),
        member: syn::Member::Named(name),
        colon_token: Some(Default::default()),
        expr: value,
    }
}

/// A field set from the variable of its name: `name` or, converted, `name: name.into()`.
pub(crate) fn field_init(name: Ident, converts: bool) -> syn::FieldValue {
    let value = ident_expr(name.clone());
    if converts {
        field_value(name, method(value, "into", []))
    } else {
        syn::FieldValue {
            attrs: Vec::new(),
            member: syn::Member::Named(name),
            colon_token: None,
            expr: value,
        }
    }
}

/// `Name { fields }`
pub(crate) fn struct_literal(
    name: &Ident,
    fields: impl IntoIterator<Item = syn::FieldValue>,
) -> Expr {
    Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path: syn::Path::from(name.clone()),
        brace_token: Default::default(),
        fields: fields.into_iter().collect(),
        dot2_token: None,
        rest: None,
    })
}

/// `&expr`
pub(crate) fn reference(expr: Expr) -> Expr {
    Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(expr),
    })
}

/// `&mut expr`
pub(crate) fn mut_reference(expr: Expr) -> Expr {
    Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: Some(Default::default()),
        expr: Box::new(expr),
    })
}

fn lit(lit: syn::Lit) -> Expr {
    Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit,
    })
}

/// `"text"`
pub(crate) fn string(text: &str) -> Expr {
    lit(syn::Lit::Str(syn::LitStr::new(text, span())))
}

/// `'c'`
pub(crate) fn character(value: char) -> Expr {
    lit(syn::Lit::Char(syn::LitChar::new(value, span())))
}

/// `true` or `false`
pub(crate) fn boolean(value: bool) -> Expr {
    lit(syn::Lit::Bool(syn::LitBool::new(value, span())))
}

/// An unsuffixed integer: `404`
pub(crate) fn integer(value: u16) -> Expr {
    lit(syn::Lit::Int(syn::LitInt::new(&value.to_string(), span())))
}

/// `match expr { arms }`
pub(crate) fn match_(expr: Expr, arms: Vec<syn::Arm>) -> Expr {
    Expr::Match(syn::ExprMatch {
        attrs: Vec::new(),
        match_token: Default::default(),
        expr: Box::new(expr),
        brace_token: Default::default(),
        arms,
    })
}

/// `expr;`
pub(crate) fn semi(expr: Expr) -> Stmt {
    Stmt::Expr(expr, Some(Default::default()))
}

/// `expr` ending a block: its value.
pub(crate) fn tail(expr: Expr) -> Stmt {
    Stmt::Expr(expr, None)
}

/// `let pattern = init;`
pub(crate) fn let_(pattern: syn::Pat, init: Expr) -> Stmt {
    Stmt::Local(syn::Local {
        attrs: Vec::new(),
        let_token: Default::default(),
        modifiers: Default::default(),
        pat: pattern,
        init: Some(syn::LocalInit {
            eq_token: Default::default(),
            expr: Box::new(init),
            diverge: None,
        }),
        semi_token: Default::default(),
    })
}

/// `pattern: ty`, as a `let` binds.
pub(crate) fn typed(pattern: syn::Pat, ty: syn::Type) -> syn::Pat {
    syn::Pat::Type(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(pattern),
        colon_token: Default::default(),
        ty: Box::new(ty),
    })
}

/// `let pattern = init else { stmts };`
pub(crate) fn let_else(pattern: syn::Pat, init: Expr, otherwise: Vec<Stmt>) -> Stmt {
    let Stmt::Local(mut local) = let_(pattern, init) else {
        unreachable!("`let_` makes a `let`")
    };
    if let Some(init) = &mut local.init {
        let otherwise = Expr::Block(syn::ExprBlock {
            attrs: Vec::new(),
            label: None,
            block: block(otherwise),
        });
        init.diverge = Some((Default::default(), Box::new(otherwise)));
    }
    Stmt::Local(local)
}

/// `let name: ty = init;`
pub(crate) fn let_typed(name: Ident, ty: syn::Type, init: Expr) -> Stmt {
    let_(typed(binding(name), ty), init)
}

/// `{ stmts }`
pub(crate) fn block(stmts: Vec<Stmt>) -> syn::Block {
    syn::Block {
        brace_token: Default::default(),
        stmts,
    }
}

/// `if condition { stmts }` as a statement.
pub(crate) fn if_(condition: Expr, stmts: Vec<Stmt>) -> Stmt {
    tail(Expr::If(syn::ExprIf {
        attrs: Vec::new(),
        if_token: Default::default(),
        cond: Box::new(condition),
        then_branch: block(stmts),
        else_branch: None,
    }))
}

/// `!expr`
pub(crate) fn not(expr: Expr) -> Expr {
    Expr::Unary(syn::ExprUnary {
        attrs: Vec::new(),
        op: syn::UnOp::Not(Default::default()),
        expr: Box::new(expr),
    })
}

/// `return expr`
pub(crate) fn return_(expr: Expr) -> Expr {
    Expr::Return(syn::ExprReturn {
        attrs: Vec::new(),
        return_token: Default::default(),
        expr: Some(Box::new(expr)),
    })
}

/// `a::b::C<args>` (no arguments: `a::b::C`)
pub(crate) fn type_path(name: &str, args: Vec<syn::Type>) -> syn::Type {
    let mut path = path(name);
    if !args.is_empty() {
        let last = path.segments.last_mut().expect("a path has a segment");
        last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: args.into_iter().map(syn::GenericArgument::Type).collect(),
            gt_token: Default::default(),
        });
    }
    syn::Type::Path(syn::TypePath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// `#[doc = literal]`, the literal as written (`r" text"`).
pub(crate) fn doc(literal: Literal) -> syn::Attribute {
    attribute(syn::Meta::NameValue(syn::MetaNameValue {
        path: path("doc"),
        eq_token: Default::default(),
        value: Expr::Lit(syn::ExprLit {
            attrs: Vec::new(),
            lit: syn::Lit::new(literal),
        }),
    }))
}

/// `#[name = "text"]`
pub(crate) fn text_attribute(name: &str, text: &str) -> syn::Attribute {
    attribute(syn::Meta::NameValue(syn::MetaNameValue {
        path: path(name),
        eq_token: Default::default(),
        value: string(text),
    }))
}

/// `#[name(tokens)]`: `#[derive(Debug, Clone)]`
pub(crate) fn list_attribute(name: &str, tokens: TokenStream) -> syn::Attribute {
    attribute(syn::Meta::List(syn::MetaList {
        path: path(name),
        delimiter: syn::MacroDelimiter::Paren(Default::default()),
        tokens,
    }))
}

fn attribute(meta: syn::Meta) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta,
    }
}

/// A field of a tuple struct or variant: its type.
fn unnamed_field(ty: syn::Type) -> syn::Field {
    syn::Field {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        ident: None,
        colon_token: None,
        ty,
        default: None,
    }
}

/// `pub name: ty` in a struct.
pub(crate) fn public_field(attrs: Vec<syn::Attribute>, name: Ident, ty: syn::Type) -> syn::Field {
    syn::Field {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        ident: Some(name),
        colon_token: Some(Default::default()),
        ty,
        default: None,
    }
}

/// `name: ty` in a struct, private.
pub(crate) fn private_field(name: Ident, ty: syn::Type) -> syn::Field {
    syn::Field {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        ident: Some(name),
        colon_token: Some(Default::default()),
        ty,
        default: None,
    }
}

/// `#[attrs] Name(types)` (no types: `Name`)
pub(crate) fn variant(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    types: Vec<syn::Type>,
) -> syn::Variant {
    let fields = if types.is_empty() {
        syn::Fields::Unit
    } else {
        syn::Fields::Unnamed(syn::FieldsUnnamed {
            paren_token: Default::default(),
            unnamed: types.into_iter().map(unnamed_field).collect(),
        })
    };
    syn::Variant {
        attrs,
        ident: name,
        fields,
        discriminant: None,
    }
}

/// `#[attrs] pub enum Name { variants }`
pub(crate) fn public_enum(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    variants: Vec<syn::Variant>,
) -> syn::Item {
    syn::Item::Enum(syn::ItemEnum {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        enum_token: Default::default(),
        ident: name,
        generics: Default::default(),
        brace_token: Default::default(),
        variants: variants.into_iter().collect(),
    })
}

/// `#[attrs] pub struct Name { fields }`
pub(crate) fn public_struct(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    fields: Vec<syn::Field>,
) -> syn::Item {
    generic_struct(attrs, name, Default::default(), fields)
}

/// `#[attrs] pub struct Name<generics> { fields }`
pub(crate) fn generic_struct(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    generics: syn::Generics,
    fields: Vec<syn::Field>,
) -> syn::Item {
    syn::Item::Struct(syn::ItemStruct {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        struct_token: Default::default(),
        ident: name,
        generics,
        fields: syn::Fields::Named(syn::FieldsNamed {
            brace_token: Default::default(),
            named: fields.into_iter().collect(),
        }),
        semi_token: None,
    })
}

/// `'a`
pub(crate) fn lifetime(name: &str) -> syn::Lifetime {
    syn::Lifetime::new(name, span())
}

/// `<'a>`
pub(crate) fn lifetime_generics(name: &str) -> syn::Generics {
    syn::Generics {
        lt_token: Some(Default::default()),
        params: std::iter::once(syn::GenericParam::Lifetime(syn::LifetimeParam {
            attrs: Vec::new(),
            lifetime: lifetime(name),
            colon_token: None,
            bounds: Default::default(),
        }))
        .collect(),
        gt_token: Some(Default::default()),
        where_clause: None,
    }
}

/// `&'a T` (no lifetime: `&T`)
pub(crate) fn reference_type(lifetime_name: Option<&str>, elem: syn::Type) -> syn::Type {
    syn::Type::Reference(syn::TypeReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        lifetime: lifetime_name.map(lifetime),
        mutability: None,
        elem: Box::new(elem),
    })
}

/// `Name<'a>`
pub(crate) fn type_with_lifetime(name: Ident, lifetime_name: &str) -> syn::Type {
    let mut path = syn::Path::from(name);
    let last = path.segments.last_mut().expect("a path has a segment");
    last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
        colon2_token: None,
        lt_token: Default::default(),
        args: std::iter::once(syn::GenericArgument::Lifetime(lifetime(lifetime_name))).collect(),
        gt_token: Default::default(),
    });
    syn::Type::Path(syn::TypePath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// `impl Trait`: `impl Into<String>`
pub(crate) fn impl_trait(bound: syn::Type) -> syn::Type {
    let syn::Type::Path(bound) = bound else {
        unreachable!("a trait bound is a path")
    };
    syn::Type::ImplTrait(syn::TypeImplTrait {
        attrs: Vec::new(),
        impl_token: Default::default(),
        bounds: std::iter::once(syn::TypeParamBound::Trait(syn::TraitBound {
            paren_token: None,
            lifetimes: None,
            modifiers: Default::default(),
            maybe: None,
            path: bound.path,
        }))
        .collect(),
    })
}

/// A method's receiver: `self`, `mut self`, `&self`, or none (an associated function).
pub(crate) enum Receiver {
    Value,
    MutValue,
    Ref,
    None,
}

/// `name: ty` as a function's argument.
pub(crate) fn argument(name: Ident, ty: syn::Type) -> syn::FnArg {
    syn::FnArg::Typed(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(binding(name)),
        colon_token: Default::default(),
        ty: Box::new(ty),
    })
}

/// `pattern: ty` as a function's argument: `State(api): State<Arc<A>>`
pub(crate) fn pattern_argument(pattern: syn::Pat, ty: syn::Type) -> syn::FnArg {
    syn::FnArg::Typed(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(pattern),
        colon_token: Default::default(),
        ty: Box::new(ty),
    })
}

/// `impl std::future::Future<Output = output> + Send`
pub(crate) fn future_type(output: syn::Type) -> syn::Type {
    let mut future = path("std::future::Future");
    let last = future.segments.last_mut().expect("a path has a segment");
    last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
        colon2_token: None,
        lt_token: Default::default(),
        args: std::iter::once(syn::GenericArgument::AssocType(syn::AssocType {
            ident: Ident::new("Output", span()),
            generics: None,
            eq_token: Default::default(),
            ty: output,
        }))
        .collect(),
        gt_token: Default::default(),
    });
    let bound = |path| {
        syn::TypeParamBound::Trait(syn::TraitBound {
            paren_token: None,
            lifetimes: None,
            modifiers: Default::default(),
            maybe: None,
            path,
        })
    };
    syn::Type::ImplTrait(syn::TypeImplTrait {
        attrs: Vec::new(),
        impl_token: Default::default(),
        bounds: [bound(future), bound(path("Send"))].into_iter().collect(),
    })
}

/// `fn name(args) -> output` with nothing else: the parts of a signature that vary here.
fn signature(name: Ident, inputs: Vec<syn::FnArg>, output: syn::Type) -> syn::Signature {
    syn::Signature {
        constness: None,
        asyncness: None,
        safety: syn::Safety::Default,
        abi: None,
        fn_token: Default::default(),
        ident: name,
        generics: Default::default(),
        paren_token: Default::default(),
        inputs: inputs.into_iter().collect(),
        variadic: None,
        output: syn::ReturnType::Type(Default::default(), Box::new(output)),
    }
}

/// `fn name(&self, args) -> output;` in a trait.
pub(crate) fn trait_method(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    args: Vec<syn::FnArg>,
    output: syn::Type,
) -> syn::TraitItem {
    let receiver = syn::FnArg::Receiver(syn::Receiver {
        attrs: Vec::new(),
        mutability: None,
        self_token: Default::default(),
        kind: syn::ReceiverKind::Reference(Default::default(), None, None),
    });
    let inputs = std::iter::once(receiver).chain(args).collect();
    syn::TraitItem::Fn(syn::TraitItemFn {
        attrs,
        modifiers: Default::default(),
        sig: signature(name, inputs, output),
        default: None,
        semi_token: Some(Default::default()),
    })
}

/// `async fn name<A: Api>(args) -> axum::response::Response { body }`: a server handler.
pub(crate) fn handler_fn(name: Ident, args: Vec<syn::FnArg>, body: Vec<Stmt>) -> syn::Item {
    let api = syn::GenericParam::Type(syn::TypeParam {
        attrs: Vec::new(),
        ident: Ident::new("A", span()),
        colon_token: Some(Default::default()),
        bounds: std::iter::once(syn::TypeParamBound::Trait(syn::TraitBound {
            paren_token: None,
            lifetimes: None,
            modifiers: Default::default(),
            maybe: None,
            path: path("Api"),
        }))
        .collect(),
        default: None,
    });
    let mut sig = signature(
        name,
        args,
        type_path("axum::response::Response", Vec::new()),
    );
    sig.asyncness = Some(Default::default());
    sig.generics = syn::Generics {
        lt_token: Some(Default::default()),
        params: std::iter::once(api).collect(),
        gt_token: Some(Default::default()),
        where_clause: None,
    };
    syn::Item::Fn(syn::ItemFn {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        sig,
        block: Box::new(block(body)),
    })
}

/// `#[attrs] pub fn name(receiver, args) -> output { body }` in an `impl` (`public`: with
/// `pub`).
pub(crate) fn method_item(
    attrs: Vec<syn::Attribute>,
    public: bool,
    name: Ident,
    receiver: Receiver,
    args: Vec<syn::FnArg>,
    output: syn::Type,
    body: Vec<Stmt>,
) -> syn::ImplItem {
    let (mutability, kind) = match receiver {
        Receiver::Value => (None, Some(syn::ReceiverKind::Value)),
        Receiver::MutValue => (Some(Default::default()), Some(syn::ReceiverKind::Value)),
        Receiver::Ref => (
            None,
            Some(syn::ReceiverKind::Reference(Default::default(), None, None)),
        ),
        Receiver::None => (None, None),
    };
    let receiver = kind.map(|kind| {
        syn::FnArg::Receiver(syn::Receiver {
            attrs: Vec::new(),
            mutability,
            self_token: Default::default(),
            kind,
        })
    });
    syn::ImplItem::Fn(syn::ImplItemFn {
        attrs,
        vis: if public {
            syn::Visibility::Public(Default::default())
        } else {
            syn::Visibility::Inherited
        },
        modifiers: Default::default(),
        sig: signature(name, receiver.into_iter().chain(args).collect(), output),
        block: block(body),
    })
}

/// `impl<generics> Trait for Type { items }` (no trait: `impl Type { items }`)
pub(crate) fn impl_block(
    generics: syn::Generics,
    trait_path: Option<&str>,
    self_ty: syn::Type,
    items: Vec<syn::ImplItem>,
) -> syn::Item {
    syn::Item::Impl(syn::ItemImpl {
        attrs: Vec::new(),
        modifiers: Default::default(),
        unsafety: None,
        impl_token: Default::default(),
        generics,
        trait_: trait_path.map(|name| (path(name), Default::default())),
        self_ty: Box::new(self_ty),
        brace_token: Default::default(),
        items,
    })
}
