//! Paths, expressions, patterns and statements.

use proc_macro2::{Ident, TokenStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Stmt};

use super::path::{path, span, type_path};

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
    bind(name, None)
}

/// `mut name`
pub(crate) fn mut_binding(name: Ident) -> syn::Pat {
    bind(name, Some(Default::default()))
}

fn bind(name: Ident, mutability: Option<syn::Token![mut]>) -> syn::Pat {
    syn::Pat::Ident(syn::PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability,
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
        elems: tuple_elems(elems),
    })
}

/// A tuple's elements; one alone keeps its comma (`(a,)`: without it, just `a` in parentheses).
fn tuple_elems<T>(elems: impl IntoIterator<Item = T>) -> Punctuated<T, syn::Token![,]> {
    let mut elems: Punctuated<T, syn::Token![,]> = elems.into_iter().collect();
    if elems.len() == 1 {
        elems.push_punct(Default::default());
    }
    elems
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
        method: super::path::ident(method),
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
        elems: tuple_elems(elems),
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
    borrow(expr, None)
}

/// `&mut expr`
pub(crate) fn mut_reference(expr: Expr) -> Expr {
    borrow(expr, Some(Default::default()))
}

fn borrow(expr: Expr, mutability: Option<syn::Token![mut]>) -> Expr {
    Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability,
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
