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
use syn::Stmt;

use crate::error::Error;

// The builders, one per shape of code. Each makes the tree syn's parser makes of the code in
// its doc, so that the printed text is the same.
mod expr;
mod item;

pub(crate) use expr::*;
pub(crate) use item::*;

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

    /// Puts each kept tree in the place of its placeholder in `file`. Every tree must find its
    /// place, once: anything else is an emitter's mistake, reported, never printed.
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
