//! Server-side checks of the validation keywords (`minimum`, `maxLength`, `pattern`,
//! `minItems`...) on parameters and on the fields of JSON and form bodies. Type checks need no
//! code here: reading a value into its type already does them.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::type_tokens_from;
use crate::analysis::{Analysis, Measured, checked_variant, holds_validated, measured};
use crate::ir::{
    Constraints, Field, Ir, KeyConstraints, Presence, Rule, Scalar, Struct, Test, TypeId, TypeKind,
    TypeRef, Union,
};
use crate::naming;

/// The checks for one value: statics for its patterns are registered in `patterns`.
pub(super) struct Checker<'a> {
    ir: &'a Ir,
    /// Pattern -> the name of its static.
    pub patterns: BTreeMap<String, proc_macro2::Ident>,
    /// Structs that have something to check, directly or in a field.
    validated: &'a BTreeSet<TypeId>,
    /// Aliases emitted as newtypes, whose values are wrapped.
    newtypes: &'a BTreeSet<TypeId>,
    uses_number: bool,
    uses_multiple: bool,
    /// What the length checks count (`check_length` and a constant each).
    counted: BTreeSet<Counted>,
    uses_unique: bool,
    /// `is_one_of` is called (a condition tests a value), and `check_one_of` (one requires one).
    uses_is_one_of: bool,
    uses_check_one_of: bool,
    /// `check_pattern` is called (the statics in `patterns` may serve only key checks).
    uses_pattern: bool,
    uses_key_patterns: bool,
    /// Structs whose `validate_…` function some check calls.
    called: BTreeSet<TypeId>,
}

impl<'a> Checker<'a> {
    pub fn new(ir: &'a Ir, analysis: &'a Analysis) -> Self {
        Self {
            ir,
            patterns: BTreeMap::new(),
            validated: &analysis.validated,
            newtypes: &analysis.newtypes,
            uses_number: false,
            uses_multiple: false,
            counted: BTreeSet::new(),
            uses_unique: false,
            uses_is_one_of: false,
            uses_check_one_of: false,
            uses_pattern: false,
            uses_key_patterns: false,
            called: BTreeSet::new(),
        }
    }

    /// Checks on `value` (an expression of type `&T` for `ty`), reporting under `loc` (an
    /// expression of type `&[serde_json::Value]`): its own constraints, and those of the
    /// validated types it holds.
    pub fn checks(
        &mut self,
        ty: &TypeRef,
        constraints: &Constraints,
        value: &TokenStream,
        loc: &TokenStream,
    ) -> TokenStream {
        let own = self.own_checks(ty, constraints, value, loc);
        let nested = self.nested(ty, value, loc);
        quote!( #own #nested )
    }

    /// The checks of `constraints` on `value` alone (not of the types it holds).
    fn own_checks(
        &mut self,
        ty: &TypeRef,
        constraints: &Constraints,
        value: &TokenStream,
        loc: &TokenStream,
    ) -> TokenStream {
        let mut out = Vec::new();
        let Constraints {
            minimum,
            exclusive_minimum,
            maximum,
            exclusive_maximum,
            min_length,
            max_length,
            pattern,
            multiple_of,
            min_items,
            max_items,
            unique_items,
            min_properties,
            max_properties,
            keys,
            items,
            values,
        } = constraints;
        match measured(self.ir, self.newtypes, ty) {
            Measured::Number => {
                let number = match number_scalar(self.ir, ty) {
                    Some(Scalar::F64) => quote!(*#value),
                    Some(Scalar::I64 | Scalar::U64) => quote!(*#value as f64),
                    _ => quote!(f64::from(*#value)),
                };
                if minimum.is_some() || maximum.is_some() {
                    let min = option_f64(*minimum);
                    let max = option_f64(*maximum);
                    self.uses_number = true;
                    out.push(quote! {
                        check_number(#number, #min, #exclusive_minimum, #max, #exclusive_maximum, #loc, problems);
                    });
                }
                if let Some(multiple_of) = multiple_of {
                    let multiple_of = proc_macro2::Literal::f64_suffixed(*multiple_of);
                    self.uses_multiple = true;
                    out.push(quote! {
                        check_multiple_of(#number, #multiple_of, #loc, problems);
                    });
                }
            }
            Measured::Text => {
                if min_length.is_some() || max_length.is_some() {
                    let min = option_usize(*min_length);
                    let max = option_usize(*max_length);
                    self.counted.insert(Counted::Characters);
                    out.push(quote! {
                        check_length(#value.chars().count(), #min, #max, &CHARACTERS, #loc, problems);
                    });
                }
                if let Some(pattern) = pattern {
                    let name = self.pattern_static(pattern);
                    self.uses_pattern = true;
                    out.push(quote! {
                        check_pattern(#value, #pattern, &#name, #loc, problems);
                    });
                }
            }
            Measured::Map => {
                if min_properties.is_some() || max_properties.is_some() {
                    let min = option_usize(*min_properties);
                    let max = option_usize(*max_properties);
                    self.counted.insert(Counted::Entries);
                    out.push(quote! {
                        check_length(#value.len(), #min, #max, &ENTRIES, #loc, problems);
                    });
                }
                if let Some(keys) = keys {
                    out.push(self.key_checks(keys, value, loc));
                }
                if let Some(values) = values {
                    out.push(self.element_checks(ty, values, value, loc, true));
                }
            }
            Measured::List => {
                if min_items.is_some() || max_items.is_some() {
                    let min = option_usize(*min_items);
                    let max = option_usize(*max_items);
                    self.counted.insert(Counted::Items);
                    out.push(quote! {
                        check_length(#value.len(), #min, #max, &ITEMS, #loc, problems);
                    });
                }
                if *unique_items {
                    self.uses_unique = true;
                    out.push(quote! {
                        check_unique(#value, #loc, problems);
                    });
                }
                if let Some(items) = items {
                    out.push(self.element_checks(ty, items, value, loc, false));
                }
            }
            _ => {}
        }
        quote!( #( #out )* )
    }

    /// The checks of `constraints` on each item of the list, or each value of the map (`map`),
    /// `value` of type `ty`; each placed at its index or key.
    fn element_checks(
        &mut self,
        ty: &TypeRef,
        constraints: &Constraints,
        value: &TokenStream,
        loc: &TokenStream,
        map: bool,
    ) -> TokenStream {
        let Some(element) = element_type(self.ir, self.newtypes, ty) else {
            return TokenStream::new();
        };
        let (element, nullable) = match element {
            TypeRef::Nullable(inner) => (inner.as_ref(), true),
            element => (element, false),
        };
        let checks = self.own_checks(element, constraints, &quote!(item), &quote!(&item_loc));
        if checks.is_empty() {
            return checks;
        }
        let checks = if nullable {
            quote! {
                if let Some(item) = item {
                    #checks
                }
            }
        } else {
            checks
        };
        let (each, place) = if map {
            (
                quote!((key, item) in #value.iter()),
                quote!(serde_json::Value::from(key.as_str())),
            )
        } else {
            (
                quote!((index, item) in #value.iter().enumerate()),
                quote!(serde_json::Value::from(index)),
            )
        };
        quote! {
            for #each {
                let mut item_loc = <[serde_json::Value]>::to_vec(#loc);
                item_loc.push(#place);
                #checks
            }
        }
    }

    /// The static that holds `pattern` compiled, registered once.
    fn pattern_static(&mut self, pattern: &str) -> proc_macro2::Ident {
        let count = self.patterns.len();
        self.patterns
            .entry(pattern.to_owned())
            .or_insert_with(|| format_ident!("PATTERN_{}", count))
            .clone()
    }

    /// Checks on each key of the map `value`: it matches one of the patterns, and meets the
    /// string constraints every key must (placed at the key).
    fn key_checks(
        &mut self,
        keys: &KeyConstraints,
        value: &TokenStream,
        loc: &TokenStream,
    ) -> TokenStream {
        let any_pattern = (!keys.patterns.is_empty()).then(|| {
            self.uses_key_patterns = true;
            let patterns = keys.patterns.iter().map(|pattern| {
                let name = self.pattern_static(pattern);
                quote!((#pattern, &#name))
            });
            quote!(check_key_patterns(key, &[ #( #patterns ),* ], &key_loc, problems);)
        });
        let each = self.checks(
            &TypeRef::Scalar(Scalar::String),
            &keys.each,
            &quote!(key),
            &quote!(&key_loc),
        );
        quote! {
            for key in #value.keys() {
                let mut key_loc = <[serde_json::Value]>::to_vec(#loc);
                key_loc.push(serde_json::Value::from(key.as_str()));
                #any_pattern
                #each
            }
        }
    }

    /// The call into a validated struct's function (through lists).
    fn nested(
        &mut self,
        ty: &TypeRef,
        value: &TokenStream,
        loc: &TokenStream,
    ) -> Option<TokenStream> {
        match ty {
            TypeRef::Named(id) if self.validated.contains(id) => {
                self.called.insert(*id);
                let function = validate_fn(self.ir, *id);
                Some(quote!(#function(#value, #loc, problems);))
            }
            TypeRef::List(item) if holds_validated(item, self.validated) => {
                let inner = self.nested(item, &quote!(item), &quote!(&item_loc))?;
                Some(quote! {
                    for (index, item) in #value.iter().enumerate() {
                        let mut item_loc = <[serde_json::Value]>::to_vec(#loc);
                        item_loc.push(serde_json::Value::from(index));
                        #inner
                    }
                })
            }
            TypeRef::Map(item) if holds_validated(item, self.validated) => {
                let inner = self.nested(item, &quote!(item), &quote!(&item_loc))?;
                Some(quote! {
                    for (key, item) in #value.iter() {
                        let mut item_loc = <[serde_json::Value]>::to_vec(#loc);
                        item_loc.push(serde_json::Value::from(key.as_str()));
                        #inner
                    }
                })
            }
            TypeRef::Nullable(inner) => {
                let call = self.nested(inner, &quote!(inner), loc)?;
                Some(quote! {
                    if let Some(inner) = #value {
                        #call
                    }
                })
            }
            TypeRef::Tuple(items) => {
                let calls: Vec<TokenStream> = items
                    .iter()
                    .enumerate()
                    .filter_map(|(position, item)| {
                        let inner = self.nested(item, &quote!(item), &quote!(&item_loc))?;
                        let index = syn::Index::from(position);
                        let number = proc_macro2::Literal::usize_unsuffixed(position);
                        Some(quote! {{
                            let item = &#value.#index;
                            let mut item_loc = <[serde_json::Value]>::to_vec(#loc);
                            item_loc.push(serde_json::Value::from(#number));
                            #inner
                        }})
                    })
                    .collect();
                (!calls.is_empty()).then(|| quote!( #( #calls )* ))
            }
            _ => None,
        }
    }

    /// One `validate_…` function per validated struct that some check calls (and the ones
    /// those call).
    pub fn functions(&mut self, module: &str) -> Vec<TokenStream> {
        let mut emitted = BTreeSet::new();
        let mut functions = Vec::new();
        loop {
            let pending: Vec<TypeId> = self.called.difference(&emitted).copied().collect();
            if pending.is_empty() {
                return functions;
            }
            emitted.extend(pending.iter().copied());
            functions.extend(self.function_bodies(&pending, module));
        }
    }

    fn function_bodies(&mut self, ids: &[TypeId], module: &str) -> Vec<TokenStream> {
        ids.iter()
            .map(|&id| {
                let function = validate_fn(self.ir, id);
                let ty = type_tokens_from(self.ir, &TypeRef::Named(id), false, module);
                let def = match &self.ir.get(id).kind {
                    TypeKind::Struct(def) => def,
                    TypeKind::Union(union) => return self.union_function(union, &function, &ty),
                    _ => return TokenStream::new(),
                };
                let fields: Vec<TokenStream> = def
                    .fields
                    .iter()
                    .map(|field| {
                        let checks = self.checks(&field.ty, &field.constraints, &quote!(field), &quote!(&field_loc));
                        when_present(field, module, None, &checks)
                    })
                    .collect();
                let additional = self.additional_checks(def);
                let dependents = dependent_checks(def);
                let count = self.count_check(def);
                let conditions = self.condition_checks(def, module);
                if fields.iter().all(TokenStream::is_empty)
                    && additional.is_empty()
                    && dependents.is_empty()
                    && count.is_empty()
                    && conditions.is_empty()
                {
                    // Reached from a type that is checked, but nothing of its own to check.
                    return quote! {
                        fn #function(_: &#ty, _: &[serde_json::Value], _: &mut Vec<Problem>) {}
                    };
                }
                quote! {
                    fn #function(value: &#ty, loc: &[serde_json::Value], problems: &mut Vec<Problem>) {
                        #( #fields )*
                        #additional
                        #dependents
                        #count
                        #conditions
                    }
                }
            })
            .collect()
    }
}

/// `checks` of a field's value (`field`, placed at `field_loc`), run when the field is present
/// and not `null`, and `guard` (a `bool` expression) holds; nothing when there are none. The
/// guard goes into the one `if`: an `if` holding only an `if` is clippy's `collapsible_if`.
fn when_present(
    field: &Field,
    module: &str,
    guard: Option<&TokenStream>,
    checks: &TokenStream,
) -> TokenStream {
    if checks.is_empty() {
        return TokenStream::new();
    }
    let name = super::ident(&field.name);
    let wire = &field.wire_name;
    let body = quote! {
        let mut field_loc = loc.to_vec();
        field_loc.push(serde_json::Value::from(#wire));
        #checks
    };
    let holder = match field.presence() {
        Presence::OptionalNullable => {
            let module = module
                .split("::")
                .filter(|part| !part.is_empty())
                .map(|part| format_ident!("{part}"));
            Some(quote!(#(#module::)* Nullable::Value))
        }
        _ if field.is_option() => Some(quote!(Some)),
        _ => None,
    };
    match (holder, guard) {
        (Some(holder), None) => quote! {
            if let #holder(field) = &value.#name {
                #body
            }
        },
        (Some(holder), Some(guard)) => quote! {
            if let (true, #holder(field)) = (#guard, &value.#name) {
                #body
            }
        },
        (None, None) => quote! {{
            let field = &value.#name;
            #body
        }},
        (None, Some(guard)) => quote! {
            if #guard {
                let field = &value.#name;
                #body
            }
        },
    }
}

/// Whether a field that may be left out is present, and whether it is absent (`None` for one
/// that always is).
fn presence_tests(field: &Field) -> Option<(TokenStream, TokenStream)> {
    let name = super::ident(&field.name);
    match field.presence() {
        Presence::Optional => Some((quote!(value.#name.is_some()), quote!(value.#name.is_none()))),
        Presence::OptionalNullable => Some((
            quote!(!value.#name.is_absent()),
            quote!(value.#name.is_absent()),
        )),
        Presence::Required | Presence::Nullable | Presence::Defaulted => None,
    }
}

impl Checker<'_> {
    /// The checks of each unlisted property a struct keeps (its map of others), placed at
    /// its key.
    fn additional_checks(&mut self, def: &Struct) -> TokenStream {
        let Some(additional) = &def.additional else {
            return TokenStream::new();
        };
        let (ty, nullable) = match &additional.ty {
            TypeRef::Nullable(inner) => (inner.as_ref(), true),
            ty => (ty, false),
        };
        let own = self.own_checks(
            ty,
            &additional.constraints,
            &quote!(item),
            &quote!(&item_loc),
        );
        let nested = self.nested(ty, &quote!(item), &quote!(&item_loc));
        if own.is_empty() && nested.is_none() {
            return TokenStream::new();
        }
        let checks = if nullable {
            quote! {
                if let Some(item) = item {
                    #own
                    #nested
                }
            }
        } else {
            quote!( #own #nested )
        };
        let name = super::ident(&additional.name);
        quote! {
            for (key, item) in value.#name.iter() {
                let mut item_loc = loc.to_vec();
                item_loc.push(serde_json::Value::from(key.as_str()));
                #checks
            }
        }
    }

    /// The conditions of a struct (`if`/`then`/`else`, `dependentSchemas`): the tests on its
    /// fields choose which rules are checked.
    fn condition_checks(&mut self, def: &Struct, module: &str) -> TokenStream {
        let mut out = Vec::new();
        for conditional in &def.conditionals {
            let tests: Vec<TokenStream> = conditional
                .when
                .iter()
                .filter_map(|test| self.test(def, test))
                .collect();
            if tests.is_empty() {
                // Every test holds of every value (the fields always there): `then` applies.
                out.push(self.rules(def, &conditional.then, module, None));
                continue;
            }
            let then = self.rules(def, &conditional.then, module, Some(&quote!(holds)));
            let otherwise = self.rules(def, &conditional.otherwise, module, Some(&quote!(!holds)));
            if then.is_empty() && otherwise.is_empty() {
                continue;
            }
            // Each test in parentheses when there are several (`a || b` in one), none when one
            // (rustc's `unused_parens`).
            let tests = match tests.as_slice() {
                [one] => one.clone(),
                several => quote!( #( (#several) )&&* ),
            };
            out.push(quote! {{
                let holds = #tests;
                #then
                #otherwise
            }});
        }
        quote!( #( #out )* )
    }

    /// A test of a field, or `None` when it holds of every value.
    fn test(&mut self, def: &Struct, test: &Test) -> Option<TokenStream> {
        match test {
            Test::Present(index) => {
                presence_tests(def.fields.get(*index)?).map(|(present, _)| present)
            }
            Test::OneOf(index, values) => {
                let field = def.fields.get(*index)?;
                let name = super::ident(&field.name);
                let values = values.iter().map(super::enums::json_tokens);
                let listed = quote!(&[ #( serde_json::json!(#values) ),* ]);
                self.uses_is_one_of = true;
                Some(match field.presence() {
                    Presence::Optional => {
                        quote!(value.#name.as_ref().is_none_or(|field| is_one_of(field, #listed)))
                    }
                    Presence::OptionalNullable => {
                        quote!(value.#name.is_absent() || is_one_of(&value.#name, #listed))
                    }
                    Presence::Required | Presence::Nullable | Presence::Defaulted => {
                        quote!(is_one_of(&value.#name, #listed))
                    }
                })
            }
        }
    }

    /// The checks of a condition's rules, made when `guard` holds.
    fn rules(
        &mut self,
        def: &Struct,
        rules: &[Rule],
        module: &str,
        guard: Option<&TokenStream>,
    ) -> TokenStream {
        let mut out = Vec::new();
        for rule in rules {
            let index = match rule {
                Rule::Present(index) | Rule::OneOf(index, _) | Rule::Constraints(index, _) => {
                    *index
                }
            };
            let Some(field) = def.fields.get(index) else {
                continue;
            };
            out.push(match rule {
                Rule::Present(_) => {
                    let Some((_, absent)) = presence_tests(field) else {
                        continue;
                    };
                    let wire = &field.wire_name;
                    let guard = guard.map(|guard| quote!(#guard &&));
                    quote! {
                        if #guard #absent {
                            let mut field_loc = loc.to_vec();
                            field_loc.push(serde_json::Value::from(#wire));
                            problems.push(Problem { loc: field_loc, msg: "Field required".to_owned(), kind: "missing" });
                        }
                    }
                }
                Rule::OneOf(_, values) => {
                    let values = values.iter().map(super::enums::json_tokens);
                    self.uses_is_one_of = true;
                    self.uses_check_one_of = true;
                    let check = quote! {
                        check_one_of(field, &[ #( serde_json::json!(#values) ),* ], &field_loc, problems);
                    };
                    when_present(field, module, guard, &check)
                }
                // The field's own checks only: the types it holds are checked anyway.
                Rule::Constraints(_, constraints) => {
                    let checks =
                        self.own_checks(&field.ty, constraints, &quote!(field), &quote!(&field_loc));
                    when_present(field, module, guard, &checks)
                }
            });
        }
        quote!( #( #out )* )
    }

    /// `minProperties` / `maxProperties` of a struct: the properties the request had, counted
    /// from the fields that may be left out and the map of unlisted ones. Where the count
    /// cannot be told it errs toward accepting: a field filled from its default counts toward
    /// the minimum and not the maximum, and without a map of unlisted properties (which reading
    /// drops) the minimum is not checked.
    fn count_check(&mut self, def: &Struct) -> TokenStream {
        let min = def
            .min_properties
            .filter(|_| def.closed || def.additional.is_some());
        if min.is_none() && def.max_properties.is_none() {
            return TokenStream::new();
        }
        self.counted.insert(Counted::Properties);
        let (mut always, mut defaulted) = (0_usize, 0_usize);
        let mut present = Vec::new();
        for field in &def.fields {
            let name = super::ident(&field.name);
            match field.presence() {
                Presence::Optional => present.push(quote!(usize::from(value.#name.is_some()))),
                Presence::OptionalNullable => {
                    present.push(quote!(usize::from(!value.#name.is_absent())));
                }
                Presence::Defaulted => defaulted += 1,
                Presence::Required | Presence::Nullable => always += 1,
            }
        }
        if let Some(additional) = &def.additional {
            let name = super::ident(&additional.name);
            present.push(quote!(value.#name.len()));
        }
        // `0 + …` is clippy's `identity_op`: the constant only when it counts something.
        if always > 0 || present.is_empty() {
            let always = proc_macro2::Literal::usize_unsuffixed(always);
            present.insert(0, quote!(#always));
        }
        let max = option_usize(def.max_properties);
        let count = quote!(let count = #( #present )+*;);
        if defaulted == 0 {
            let min = option_usize(min);
            return quote! {
                #count
                check_length(count, #min, #max, &PROPERTIES, loc, problems);
            };
        }
        let defaulted = proc_macro2::Literal::usize_unsuffixed(defaulted);
        let at_least = min.map(|min| {
            let min = option_usize(Some(min));
            quote!(check_length(count + #defaulted, #min, None, &PROPERTIES, loc, problems);)
        });
        let at_most = def
            .max_properties
            .is_some()
            .then(|| quote!(check_length(count, None, #max, &PROPERTIES, loc, problems);));
        quote! {
            #count
            #at_least
            #at_most
        }
    }

    /// A union's `validate_…`: the checks of the member it holds.
    fn union_function(
        &mut self,
        union: &Union,
        function: &proc_macro2::Ident,
        ty: &TokenStream,
    ) -> TokenStream {
        let arms: Vec<(TokenStream, TokenStream)> = union
            .variants
            .iter()
            .enumerate()
            .filter_map(|(index, variant)| {
                let (inner_ty, nullable) = match &variant.ty {
                    TypeRef::Nullable(inner) => (inner.as_ref(), true),
                    ty => (ty, false),
                };
                let own = if checked_variant(self.ir, self.newtypes, union, index) {
                    self.own_checks(inner_ty, &variant.constraints, &quote!(inner), &quote!(loc))
                } else {
                    TokenStream::new()
                };
                // Of the non-null value: a `null` has nothing to check.
                let nested = self.nested(inner_ty, &quote!(inner), &quote!(loc));
                if own.is_empty() && nested.is_none() {
                    return None;
                }
                let name = super::ident(&variant.name);
                let pattern = if nullable {
                    quote!(#ty::#name(Some(inner)))
                } else {
                    quote!(#ty::#name(inner))
                };
                Some((pattern, quote!( #own #nested )))
            })
            .collect();
        // clippy asks for `if let` over a `match` of one arm and a wildcard.
        let body = match arms.as_slice() {
            // Reached from a type that is checked, but nothing of its own to check.
            [] => {
                return quote! {
                    fn #function(_: &#ty, _: &[serde_json::Value], _: &mut Vec<Problem>) {}
                };
            }
            [(pattern, call)] if union.variants.len() > 1 || pattern_is_partial(union) => quote! {
                if let #pattern = value {
                    #call
                }
            },
            _ => {
                let wildcard = (arms.len() < union.variants.len() || pattern_is_partial(union))
                    .then(|| quote!(_ => {}));
                let arms = arms
                    .iter()
                    .map(|(pattern, call)| quote!(#pattern => { #call }));
                quote! {
                    match value {
                        #( #arms )*
                        #wildcard
                    }
                }
            }
        };
        quote! {
            fn #function(value: &#ty, loc: &[serde_json::Value], problems: &mut Vec<Problem>) {
                #body
            }
        }
    }
}

/// `dependentRequired`: when a field is present, each field it requires must be, or a
/// "missing" problem is placed at the one left out. A field that is always there (required,
/// or filled from its default) needs no check.
fn dependent_checks(def: &Struct) -> TokenStream {
    let tests = presence_tests;
    let checks = def.dependent_required.iter().filter_map(|(field, required)| {
        let trigger = tests(def.fields.get(*field)?).map(|(present, _)| present);
        let missing: Vec<TokenStream> = required
            .iter()
            .filter_map(|index| {
                let other = def.fields.get(*index)?;
                let (_, absent) = tests(other)?;
                let wire = &other.wire_name;
                let condition = match &trigger {
                    Some(trigger) => quote!(#trigger && #absent),
                    None => absent,
                };
                Some(quote! {
                    if #condition {
                        let mut field_loc = loc.to_vec();
                        field_loc.push(serde_json::Value::from(#wire));
                        problems.push(Problem { loc: field_loc, msg: "Field required".to_owned(), kind: "missing" });
                    }
                })
            })
            .collect();
        Some(quote!( #( #missing )* ))
    });
    quote!( #( #checks )* )
}

/// What a length check counts: a string's characters, a list's items, a map's entries, an
/// object's properties (each a
/// constant of the generated `Counted`, with pydantic's words for the problem).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Counted {
    Characters,
    Items,
    Entries,
    Properties,
}

impl Counted {
    fn constant(self) -> TokenStream {
        let (name, what, unit, short, long) = match self {
            Counted::Characters => (
                "CHARACTERS",
                "String",
                "characters",
                "string_too_short",
                "string_too_long",
            ),
            Counted::Items => ("ITEMS", "List", "items", "too_short", "too_long"),
            Counted::Entries => ("ENTRIES", "Dictionary", "items", "too_short", "too_long"),
            Counted::Properties => (
                "PROPERTIES",
                "Object",
                "properties",
                "too_short",
                "too_long",
            ),
        };
        let name = format_ident!("{name}");
        quote! {
            const #name: Counted = Counted { what: #what, unit: #unit, short: #short, long: #long };
        }
    }
}

/// The numeric scalar behind a type (through aliases), to convert it to `f64` without a lossy
/// or needless cast.
fn number_scalar(ir: &Ir, ty: &TypeRef) -> Option<Scalar> {
    match ty {
        TypeRef::Scalar(scalar) => Some(*scalar),
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Alias(target) => number_scalar(ir, target),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a union's arms leave values out although each member has one (a nullable member's
/// arm takes only its non-null values).
fn pattern_is_partial(union: &Union) -> bool {
    union
        .variants
        .iter()
        .any(|variant| matches!(variant.ty, TypeRef::Nullable(_)))
}

/// The item type of a list, or the value type of a map, through aliases (not newtypes, which
/// wrap their value).
fn element_type<'t>(
    ir: &'t Ir,
    newtypes: &BTreeSet<TypeId>,
    ty: &'t TypeRef,
) -> Option<&'t TypeRef> {
    match ty {
        TypeRef::List(inner) | TypeRef::Map(inner) => Some(inner),
        TypeRef::Named(id) if !newtypes.contains(id) => match &ir.get(*id).kind {
            TypeKind::Alias(target) => element_type(ir, newtypes, target),
            _ => None,
        },
        _ => None,
    }
}

fn validate_fn(ir: &Ir, id: TypeId) -> proc_macro2::Ident {
    format_ident!(
        "validate_{}",
        naming::field_name(&ir.get(id).name).trim_start_matches("r#")
    )
}

fn option_f64(value: Option<f64>) -> TokenStream {
    match value {
        Some(number) => {
            let literal = proc_macro2::Literal::f64_suffixed(number);
            quote!(Some(#literal))
        }
        None => quote!(None),
    }
}

fn option_usize(value: Option<usize>) -> TokenStream {
    match value {
        Some(number) => {
            let literal = proc_macro2::Literal::usize_unsuffixed(number);
            quote!(Some(#literal))
        }
        None => quote!(None),
    }
}

/// The helpers of number, list, map and object checks that some check calls.
fn counting_helpers(checker: &Checker<'_>) -> TokenStream {
    let number = checker.uses_number;
    let number_helper = number.then(|| {
        quote! {
            #[allow(clippy::too_many_arguments)]
            fn check_number(
                value: f64,
                minimum: Option<f64>,
                exclusive_minimum: bool,
                maximum: Option<f64>,
                exclusive_maximum: bool,
                loc: &[serde_json::Value],
                problems: &mut Vec<Problem>,
            ) {
                let mut fail = |msg: String, kind: &'static str| {
                    problems.push(Problem { loc: loc.to_vec(), msg, kind });
                };
                match minimum {
                    Some(min) if exclusive_minimum && value <= min => fail(format!("Input should be greater than {min}"), "greater_than"),
                    Some(min) if !exclusive_minimum && value < min => fail(format!("Input should be greater than or equal to {min}"), "greater_than_equal"),
                    _ => {}
                }
                match maximum {
                    Some(max) if exclusive_maximum && value >= max => fail(format!("Input should be less than {max}"), "less_than"),
                    Some(max) if !exclusive_maximum && value > max => fail(format!("Input should be less than or equal to {max}"), "less_than_equal"),
                    _ => {}
                }
            }
        }
    });
    let multiple_helper = checker.uses_multiple.then(|| {
        quote! {
            /// Checks that `value` is a whole multiple of `multiple_of`: the remainder is 0, or
            /// as near 0 (or `multiple_of`) as the rounding of a decimal fraction in binary
            /// leaves it (`0.3` of `0.1`). Exact for whole numbers up to 2^53.
            fn check_multiple_of(
                value: f64,
                multiple_of: f64,
                loc: &[serde_json::Value],
                problems: &mut Vec<Problem>,
            ) {
                let remainder = (value % multiple_of).abs();
                let slack = if value.fract() == 0.0 && multiple_of.fract() == 0.0 {
                    0.0
                } else {
                    value.abs() * 1e-12 + multiple_of * 1e-9
                };
                if remainder > slack && multiple_of - remainder > slack {
                    problems.push(Problem {
                        loc: loc.to_vec(),
                        msg: format!("Input should be a multiple of {multiple_of}"),
                        kind: "multiple_of",
                    });
                }
            }
        }
    });
    let unique_helper = checker.uses_unique.then(|| {
        quote! {
            /// Checks that no two items of a list are equal (`uniqueItems`), comparing what
            /// each writes as JSON; the problem is placed at the repeat.
            fn check_unique<T: serde::Serialize>(
                items: &[T],
                loc: &[serde_json::Value],
                problems: &mut Vec<Problem>,
            ) {
                let mut seen = std::collections::HashSet::with_capacity(items.len());
                for (index, item) in items.iter().enumerate() {
                    let Ok(written) = serde_json::to_string(item) else {
                        continue;
                    };
                    if !seen.insert(written) {
                        let mut item_loc = loc.to_vec();
                        item_loc.push(serde_json::Value::from(index));
                        problems.push(Problem {
                            loc: item_loc,
                            msg: "List should have unique items".to_owned(),
                            kind: "unique_items",
                        });
                    }
                }
            }
        }
    });
    let length_helper = (!checker.counted.is_empty()).then(|| {
        let constants = checker.counted.iter().map(|counted| counted.constant());
        quote! {
            /// What a length counts, and the problems that say it is out of bounds.
            struct Counted {
                what: &'static str,
                unit: &'static str,
                short: &'static str,
                long: &'static str,
            }

            #( #constants )*

            fn check_length(
                count: usize,
                minimum: Option<usize>,
                maximum: Option<usize>,
                counted: &Counted,
                loc: &[serde_json::Value],
                problems: &mut Vec<Problem>,
            ) {
                let Counted { what, unit, short, long } = *counted;
                match (minimum, maximum) {
                    (Some(min), _) if count < min => problems.push(Problem {
                        loc: loc.to_vec(),
                        msg: format!("{what} should have at least {min} {unit}"),
                        kind: short,
                    }),
                    (_, Some(max)) if count > max => problems.push(Problem {
                        loc: loc.to_vec(),
                        msg: format!("{what} should have at most {max} {unit}"),
                        kind: long,
                    }),
                    _ => {}
                }
            }
        }
    });
    quote! {
        #number_helper
        #multiple_helper
        #unique_helper
        #length_helper
    }
}

/// The helpers of pattern checks, and the patterns' statics.
fn pattern_helpers(checker: &Checker<'_>) -> TokenStream {
    let patterns = checker.patterns.iter().map(|(pattern, name)| {
        quote! {
            static #name: std::sync::LazyLock<Option<regex::Regex>> =
                std::sync::LazyLock::new(|| regex::Regex::new(#pattern).ok());
        }
    });
    let key_patterns_helper = checker.uses_key_patterns.then(|| {
        quote! {
            /// Checks that a map's key matches one of the spec's patterns (`patternProperties`
            /// where no other key is allowed); a pattern the `regex` crate cannot compile
            /// accepts every key.
            fn check_key_patterns(
                key: &str,
                patterns: &[(&str, &std::sync::LazyLock<Option<regex::Regex>>)],
                loc: &[serde_json::Value],
                problems: &mut Vec<Problem>,
            ) {
                let matches = |(_, regex): &(&str, &std::sync::LazyLock<Option<regex::Regex>>)| {
                    regex.as_ref().is_none_or(|regex| regex.is_match(key))
                };
                if !patterns.iter().any(matches) {
                    let listed: Vec<&str> = patterns.iter().map(|(pattern, _)| *pattern).collect();
                    problems.push(Problem {
                        loc: loc.to_vec(),
                        msg: format!("Key should match one of the patterns '{}'", listed.join("', '")),
                        kind: "extra_forbidden",
                    });
                }
            }
        }
    });
    let statics = (!checker.patterns.is_empty()).then(|| quote!( #( #patterns )* ));
    let pattern_helper = checker.uses_pattern.then(|| {
        quote! {
            /// Checks `text` against a spec pattern. A pattern the `regex` crate cannot compile
            /// (look-around, back-references) is not checked rather than refusing everything.
            fn check_pattern(
                text: &str,
                pattern: &str,
                regex: &std::sync::LazyLock<Option<regex::Regex>>,
                loc: &[serde_json::Value],
                problems: &mut Vec<Problem>,
            ) {
                match regex.as_ref() {
                    Some(regex) if !regex.is_match(text) => problems.push(Problem {
                        loc: loc.to_vec(),
                        msg: format!("String should match pattern '{pattern}'"),
                        kind: "string_pattern_mismatch",
                    }),
                    _ => {}
                }
            }
        }
    });
    quote! {
        #pattern_helper
        #statics
        #key_patterns_helper
    }
}

/// The helpers of conditions' value tests and rules.
fn value_helpers(checker: &Checker<'_>) -> TokenStream {
    if !checker.uses_is_one_of {
        return TokenStream::new();
    }
    let same_json: TokenStream = super::runtime::wire::SAME_JSON
        .parse()
        .expect("the runtime's source is Rust");
    let check = checker.uses_check_one_of.then(|| {
        quote! {
            /// Checks that a value is one of the listed (a condition's `enum` or `const`).
            fn check_one_of<T: serde::Serialize>(
                value: &T,
                listed: &[serde_json::Value],
                loc: &[serde_json::Value],
                problems: &mut Vec<Problem>,
            ) {
                if !is_one_of(value, listed) {
                    let listed: Vec<String> = listed.iter().map(ToString::to_string).collect();
                    problems.push(Problem {
                        loc: loc.to_vec(),
                        msg: format!("Input should be {}", listed.join(" or ")),
                        kind: "literal_error",
                    });
                }
            }
        }
    });
    quote! {
        /// Whether a value, written as JSON, is one of the listed (compared as JSON Schema
        /// compares values).
        fn is_one_of<T: serde::Serialize>(value: &T, listed: &[serde_json::Value]) -> bool {
            serde_json::to_value(value)
                .is_ok_and(|value| listed.iter().any(|listed| same_json(listed, &value)))
        }
        #check
        #same_json
    }
}

/// The helpers the checks call, emitted when any check exists.
pub(super) fn runtime(checker: &Checker<'_>) -> TokenStream {
    let counting = counting_helpers(checker);
    let patterns = pattern_helpers(checker);
    let values = value_helpers(checker);
    quote! {
        #counting
        #patterns
        #values
    }
}
