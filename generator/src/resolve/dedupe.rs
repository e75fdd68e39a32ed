//! Identical inline schemas share one type.
//!
//! Large specs spell the same anonymous schema out again and again: GitHub's webhooks repeat
//! `privacy: {enum: [open, closed, secret]}` and whole user objects dozens of times. Each copy
//! would become a type of its own, with derives for rustc to expand and check, and values a
//! user cannot pass from one place to the other. So an inline type that is identical to a
//! component schema becomes that component's type, and identical inline types that are one
//! thing (one title, or one role: see [`role`]) become one, named by their title when it is
//! unique, else after the copy with the shortest name. Identical copies in unrelated places
//! stay apart: a type named after one of them would mislead at the others.
//!
//! Types with a name someone chose (component schemas, and types renamed by a setting) are
//! never merged away: two identical components stay two types, as the spec names them.
//! "Identical" means everything the emitted code depends on: the kind, the fields with their
//! names, docs, defaults and constraints, and the types they refer to, once those are merged
//! themselves. Merging repeats until nothing changes, so nested copies merge from the leaves
//! up. The type-level docs of an inline type say where it was first used; when the merged
//! copies disagree about them, they are dropped rather than describe one use of many.

use foldhash::{HashMap, HashMapExt};

use crate::naming;

use crate::ir::{
    AdditionalField, Constraints, DefaultValue, Field, IntegerEnum, IntegerVariant, LiteralEnum,
    LiteralVariant, Operation, StringEnum, StringVariant, Struct, TypeDef, TypeId, TypeKind,
    TypeRef, Union, UnionVariant,
};

/// Merges identical inline types in `types` (those not in `kept`) and renumbers the rest,
/// rewriting every reference in `types` and `operations`.
pub(crate) fn merge_identical_types(
    types: &mut Vec<TypeDef>,
    uses: super::Uses<'_>,
    kept: &[bool],
    titled: &[Option<String>],
) {
    let representative = representatives(types, kept, titled);
    name_by_titles(types, &representative, kept, titled);
    if representative
        .iter()
        .enumerate()
        .all(|(index, rep)| rep.0 == index)
    {
        return;
    }
    drop_disagreeing_docs(types, &representative, kept);

    let mut renumbered = vec![TypeId(usize::MAX); types.len()];
    let mut next = 0;
    for (index, rep) in representative.iter().enumerate() {
        if rep.0 == index {
            renumbered[index] = TypeId(next);
            next += 1;
        }
    }
    let new_id = |id: TypeId| renumbered[representative[id.0].0];
    let mut index = 0;
    types.retain(|_| {
        index += 1;
        representative[index - 1].0 == index - 1
    });
    for def in types.iter_mut() {
        for_each_id_in_kind(&mut def.kind, &mut |id| *id = new_id(*id));
    }
    for operation in uses.operations {
        for ty in operation_types(operation) {
            for_each_id_in_ref(ty, &mut |id| *id = new_id(*id));
        }
    }
    for example in uses.examples {
        for_each_id_in_ref(&mut example.ty, &mut |id| *id = new_id(*id));
    }
}

/// An inline type (with the copies merged into it) takes the name its title gives when no
/// other type has that title or that name: "title when present and unique". Copies with one
/// title merged regardless of place, so a title shared by different shapes names none.
fn name_by_titles(
    types: &mut [TypeDef],
    representative: &[TypeId],
    kept: &[bool],
    titled: &[Option<String>],
) {
    let stays = |index: usize| representative[index].0 == index;
    // A group's title is its titled copies' (one, by how they merged).
    let mut group_title: HashMap<usize, &str> = HashMap::new();
    for (index, title) in titled.iter().enumerate() {
        if let Some(title) = title {
            group_title.insert(representative[index].0, title);
        }
    }
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for title in group_title.values() {
        *uses.entry(title).or_default() += 1;
    }
    let taken: foldhash::HashSet<&str> = (0..types.len())
        .filter(|&index| stays(index))
        .map(|index| types[index].name.as_str())
        .chain(naming::HELPER_TYPES.iter().copied())
        .collect();
    let renames: Vec<(usize, String)> = (0..types.len())
        .filter(|&index| stays(index) && !kept[index])
        .filter_map(|index| {
            let title = *group_title.get(&index)?;
            (uses[title] == 1 && !taken.contains(title)).then(|| (index, title.to_owned()))
        })
        .collect();
    for (index, name) in renames {
        let def = &mut types[index];
        // The docs began with the title, which the name now says.
        if let Some(docs) = &def.docs {
            let (first, rest) = docs.split_once("\n\n").unwrap_or((docs, ""));
            if naming::type_name(first) == name {
                def.docs = (!rest.is_empty()).then(|| rest.to_owned());
            }
        }
        def.name = name;
    }
}

/// For each type, the type it merges into (itself when it stays).
fn representatives(types: &[TypeDef], kept: &[bool], titled: &[Option<String>]) -> Vec<TypeId> {
    // Each type's shape with its references cut out, interned, and the references in order:
    // two types are identical when their shapes match and their references merge pairwise.
    let mut shapes: HashMap<String, usize> = HashMap::new();
    let outlines: Vec<(usize, Vec<TypeId>)> = outlines(types)
        .into_iter()
        .map(|(shape, refs)| {
            let next = shapes.len();
            (*shapes.entry(shape).or_insert(next), refs)
        })
        .collect();

    // Inline copies merge with copies in the same role, and copies made of named types with
    // the copies of one title (which names them all) when no other title claims the shape;
    // a component (no role) takes every inline copy of itself.
    let roles: Vec<Option<Role>> = types
        .iter()
        .zip(kept)
        .zip(titled)
        .map(|((def, &kept), title)| {
            (!kept).then(|| match title {
                Some(title) => Role::Titled(title),
                None => role(&def.pointer),
            })
        })
        .collect();
    let mut representative: Vec<TypeId> = (0..types.len()).map(TypeId).collect();
    loop {
        let mut first_with: HashMap<(usize, Vec<TypeId>, Option<Role>), TypeId> = HashMap::new();
        // By shape: the titled group it has, unless titles disagree about it (`None`).
        let mut titled_shape: HashMap<(usize, Vec<TypeId>), Option<TypeId>> = HashMap::new();
        let mut merged_any = false;
        // Kept types first, so an inline copy of a component becomes the component; titled
        // copies before the others, so these find the title that names them.
        let order = (0..types.len())
            .filter(|&index| kept[index])
            .chain((0..types.len()).filter(|&index| !kept[index] && titled[index].is_some()))
            .chain((0..types.len()).filter(|&index| !kept[index] && titled[index].is_none()));
        for index in order {
            if representative[index].0 != index {
                continue;
            }
            let (shape, refs) = &outlines[index];
            let shape_key: (usize, Vec<TypeId>) =
                (*shape, refs.iter().map(|id| representative[id.0]).collect());
            let component = first_with
                .get(&(shape_key.0, shape_key.1.clone(), None))
                .copied();
            let key = (shape_key.0, shape_key.1.clone(), roles[index]);
            let found = component
                .or_else(|| first_with.get(&key).copied())
                // An untitled copy joins a title elsewhere only when it is made of named
                // types (FastAPI's `Pet`, a union of `Cat` and `Dog`, in a body, answers and
                // a list): a shape of its own (`string | integer`, `[asc, desc]`) recurs by
                // coincidence, and the title would name an unrelated use.
                .or_else(|| match roles[index] {
                    Some(Role::Titled(_)) | None => None,
                    Some(_) if shape_key.1.is_empty() => None,
                    Some(_) => titled_shape.get(&shape_key).copied().flatten(),
                });
            match found {
                Some(first) if !kept[index] => {
                    representative[index] = first;
                    merged_any = true;
                }
                Some(_) => {}
                None => {
                    if let Some(Role::Titled(_)) = roles[index] {
                        titled_shape
                            .entry(shape_key)
                            .and_modify(|group| *group = None)
                            .or_insert(Some(TypeId(index)));
                    }
                    first_with.insert(key, TypeId(index));
                }
            }
        }
        if !merged_any {
            break;
        }
        // Merges are one level deep each round; point every type at its final representative.
        for index in 0..representative.len() {
            let mut rep = representative[index];
            while representative[rep.0] != rep {
                rep = representative[rep.0];
            }
            representative[index] = rep;
        }
    }
    // A group of inline copies is named after the copy with the shortest name: the most
    // general place it is used (`WebhooksTeamPrivacy`, not
    // `WebhookPullRequestAssignedPullRequestRequestedReviewersItemTeamParentPrivacy`).
    let mut best: Vec<TypeId> = representative.clone();
    for (index, rep) in representative.iter().enumerate() {
        let current = best[rep.0];
        let shorter = |a: &TypeDef, b: &TypeDef| (a.name.len(), &a.name) < (b.name.len(), &b.name);
        if !kept[rep.0] && shorter(&types[index], &types[current.0]) {
            best[rep.0] = TypeId(index);
        }
    }
    representative.iter().map(|rep| best[rep.0]).collect()
}

/// What an inline copy is, as far as its place says, so that copies merge only with copies
/// of the same thing and a shared type is named after a use like every other (each `privacy`
/// is `TeamPrivacy`), never after an unrelated one: the property it is the value of, with
/// the steps below it (`loc/items`); the parameters', a status's responses' or the request
/// bodies' schemas (with the steps below them); or the steps below a component.
fn role(pointer: &str) -> Role<'_> {
    let after = |marker: &str| {
        pointer
            .rfind(marker)
            .map(|at| &pointer[at + marker.len()..])
    };
    if let Some(tail) = after("/properties/") {
        return Role::Property(tail);
    }
    let below_schema = || after("/schema").unwrap_or("");
    if pointer.contains("/parameters/") {
        Role::Parameter(below_schema())
    } else if let Some(response) = after("/responses/") {
        let status = response.split('/').next().unwrap_or("");
        Role::Response(status, below_schema())
    } else if pointer.contains("/requestBody/") {
        Role::Body(below_schema())
    } else {
        let component = after("#/components/schemas/").unwrap_or(pointer);
        Role::Component(component.find('/').map_or("", |at| &component[at..]))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Role<'a> {
    /// Named by its title.
    Titled(&'a str),
    Property(&'a str),
    Parameter(&'a str),
    Response(&'a str, &'a str),
    Body(&'a str),
    Component(&'a str),
}

/// The [`outline`] of each type, in order: most of the work of finding copies, and
/// independent per type, so on a large spec the second half is written on a second thread
/// (the rest of this stage runs on one).
fn outlines(types: &[TypeDef]) -> Vec<(String, Vec<TypeId>)> {
    /// Below this many types a thread costs more than it saves.
    const SPLIT_FROM: usize = 512;
    let write = |types: &[TypeDef]| -> Vec<(String, Vec<TypeId>)> {
        types.iter().map(|def| outline(&def.kind)).collect()
    };
    if types.len() < SPLIT_FROM {
        return write(types);
    }
    let (first, second) = types.split_at(types.len() / 2);
    let (mut written, rest) = crate::parallel::join_beside(|| write(first), || write(second));
    written.extend(rest);
    written
}

/// The kind written out with its references left out, and the references in the order they
/// appear: two types are identical when their outlines are equal and their references merge
/// pairwise.
///
/// Written by hand rather than with `Debug` (four times slower on GitHub's spec): every
/// struct is destructured whole, so a field added to the IR does not compile until it is
/// written here too. Pointers say where a copy sits, not what it is, and are left out.
fn outline(kind: &TypeKind) -> (String, Vec<TypeId>) {
    let mut key = Key::default();
    match kind {
        TypeKind::Struct(Struct {
            fields,
            additional,
            closed,
            dependent_required,
            min_properties,
            max_properties,
            conditionals,
        }) => {
            key.tag(if *closed { 'c' } else { 's' });
            // Rare, and only ever compared whole: their debug text is their key, without the
            // place they were read from (as no other pointer is in the key).
            if !conditionals.is_empty() {
                let said: Vec<_> = conditionals
                    .iter()
                    .map(|conditional| {
                        (&conditional.when, &conditional.then, &conditional.otherwise)
                    })
                    .collect();
                key.text(&format!("{said:?}"));
            }
            for count in [min_properties, max_properties] {
                match count {
                    Some(count) => key.number(count.to_string()),
                    None => key.tag('-'),
                }
            }
            for (field, required) in dependent_required {
                key.number(field.to_string());
                for other in required {
                    key.number(other.to_string());
                }
                key.tag('/');
            }
            for field in fields {
                let Field {
                    name,
                    wire_name,
                    pointer: _,
                    docs,
                    ty,
                    required,
                    nullable,
                    default,
                    deprecated,
                    constraints,
                } = field;
                key.text(name);
                key.text(wire_name);
                key.docs(docs);
                key.ty(ty);
                key.flags(&[*required, *nullable, *deprecated]);
                match default {
                    Some(default) => key.default_value(default),
                    None => key.tag('-'),
                }
                key.constraints(constraints);
            }
            if let Some(AdditionalField {
                name,
                ty,
                constraints,
            }) = additional
            {
                key.tag('+');
                key.text(name);
                key.ty(ty);
                key.constraints(constraints);
            }
        }
        TypeKind::StringEnum(StringEnum {
            variants,
            catch_all,
        }) => {
            key.tag('e');
            for StringVariant { name, value, docs } in variants {
                key.text(name);
                key.text(value);
                key.docs(docs);
            }
            key.docs(catch_all);
        }
        TypeKind::IntegerEnum(IntegerEnum {
            variants,
            catch_all,
        }) => {
            key.tag('i');
            for IntegerVariant { name, value, docs } in variants {
                key.text(name);
                key.number(value.to_string());
                key.docs(docs);
            }
            key.docs(catch_all);
        }
        TypeKind::LiteralEnum(LiteralEnum {
            variants,
            catch_all,
        }) => {
            key.tag('l');
            for LiteralVariant { name, value, docs } in variants {
                key.text(name);
                key.text(&value.to_string());
                key.docs(docs);
            }
            key.docs(catch_all);
        }
        TypeKind::Union(Union { variants, tag }) => {
            key.tag('u');
            for variant in variants {
                let UnionVariant {
                    name,
                    pointer: _,
                    ty,
                    tag_values,
                    constraints,
                } = variant;
                key.text(name);
                key.ty(ty);
                key.constraints(constraints);
                key.number(tag_values.len().to_string());
                for value in tag_values {
                    key.text(value);
                }
            }
            key.docs(tag);
        }
        TypeKind::Alias(ty) => {
            key.tag('a');
            key.ty(ty);
        }
    }
    (key.text, key.refs)
}

/// An outline being written: texts are length-prefixed, so no two outlines run together.
#[derive(Default)]
struct Key {
    text: String,
    refs: Vec<TypeId>,
}

impl Key {
    fn tag(&mut self, tag: char) {
        self.text.push(tag);
    }

    fn text(&mut self, text: &str) {
        self.number(text.len().to_string());
        self.text.push_str(text);
    }

    fn number(&mut self, number: String) {
        self.text.push_str(&number);
        self.text.push(':');
    }

    fn docs(&mut self, docs: &Option<String>) {
        match docs {
            Some(docs) => {
                self.tag('d');
                self.text(docs);
            }
            None => self.tag('-'),
        }
    }

    fn flags(&mut self, flags: &[bool]) {
        for flag in flags {
            self.tag(if *flag { '1' } else { '0' });
        }
    }

    fn ty(&mut self, ty: &TypeRef) {
        match ty {
            TypeRef::Named(id) => {
                self.tag('N');
                self.refs.push(*id);
            }
            TypeRef::Scalar(scalar) => {
                self.tag('S');
                self.number(format!("{scalar:?}"));
            }
            TypeRef::List(inner) => {
                self.tag('L');
                self.ty(inner);
            }
            TypeRef::Map(inner) => {
                self.tag('M');
                self.ty(inner);
            }
            TypeRef::Nullable(inner) => {
                self.tag('?');
                self.ty(inner);
            }
            TypeRef::Tuple(items) => {
                self.tag('T');
                self.number(items.len().to_string());
                items.iter().for_each(|item| self.ty(item));
            }
            TypeRef::Any => self.tag('*'),
        }
    }

    fn default_value(&mut self, default: &DefaultValue) {
        match default {
            DefaultValue::String(text) => {
                self.tag('s');
                self.text(text);
            }
            DefaultValue::Integer(number) => {
                self.tag('i');
                self.number(number.to_string());
            }
            DefaultValue::Float(number) => {
                self.tag('f');
                self.number(number.to_bits().to_string());
            }
            DefaultValue::Float32(number) => {
                self.tag('g');
                self.number(number.to_bits().to_string());
            }
            DefaultValue::Bool(flag) => self.flags(&[*flag]),
            DefaultValue::Variant(id, index) => {
                self.tag('v');
                self.refs.push(*id);
                self.number(index.to_string());
            }
            DefaultValue::EmptyList => self.tag('l'),
            DefaultValue::List(items) => {
                self.tag('[');
                self.number(items.len().to_string());
                for item in items {
                    self.default_value(item);
                }
            }
            DefaultValue::EmptyMap => self.tag('m'),
            DefaultValue::Null => self.tag('n'),
        }
    }

    fn constraints(&mut self, constraints: &Constraints) {
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
        if constraints.is_empty() {
            self.tag('-');
            return;
        }
        self.tag('c');
        for bound in [minimum, maximum, multiple_of] {
            match bound {
                Some(bound) => self.number(bound.to_bits().to_string()),
                None => self.tag('-'),
            }
        }
        self.flags(&[*exclusive_minimum, *exclusive_maximum, *unique_items]);
        for count in [
            min_length,
            max_length,
            min_items,
            max_items,
            min_properties,
            max_properties,
        ] {
            match count {
                Some(count) => self.number(count.to_string()),
                None => self.tag('-'),
            }
        }
        self.docs(pattern);
        match keys {
            Some(keys) => {
                self.tag('k');
                for pattern in &keys.patterns {
                    self.text(pattern);
                }
                self.tag('/');
                self.constraints(&keys.each);
            }
            None => self.tag('-'),
        }
        for inner in [items, values] {
            match inner {
                Some(inner) => {
                    self.tag('i');
                    self.constraints(inner);
                }
                None => self.tag('-'),
            }
        }
    }
}

/// An inline type's docs describe its first use; keep them only when every copy agrees.
fn drop_disagreeing_docs(types: &mut [TypeDef], representative: &[TypeId], kept: &[bool]) {
    let mut disagree = vec![false; types.len()];
    for (index, rep) in representative.iter().enumerate() {
        if rep.0 != index && types[index].docs != types[rep.0].docs {
            disagree[rep.0] = true;
        }
    }
    for (index, def) in types.iter_mut().enumerate() {
        if disagree[index] && !kept[index] {
            def.docs = None;
        }
    }
}

fn for_each_id_in_kind(kind: &mut TypeKind, visit: &mut impl FnMut(&mut TypeId)) {
    match kind {
        TypeKind::Struct(record) => {
            for field in &mut record.fields {
                for_each_id_in_ref(&mut field.ty, visit);
                if let Some(default) = &mut field.default {
                    for_each_id_in_default(default, visit);
                }
            }
            if let Some(additional) = &mut record.additional {
                for_each_id_in_ref(&mut additional.ty, visit);
            }
        }
        TypeKind::Union(union) => {
            for variant in &mut union.variants {
                for_each_id_in_ref(&mut variant.ty, visit);
            }
        }
        TypeKind::Alias(ty) => for_each_id_in_ref(ty, visit),
        TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) | TypeKind::LiteralEnum(_) => {}
    }
}

fn for_each_id_in_ref(ty: &mut TypeRef, visit: &mut impl FnMut(&mut TypeId)) {
    match ty {
        TypeRef::Named(id) => visit(id),
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            for_each_id_in_ref(inner, visit);
        }
        TypeRef::Tuple(items) => items
            .iter_mut()
            .for_each(|item| for_each_id_in_ref(item, visit)),
        TypeRef::Scalar(_) | TypeRef::Any => {}
    }
}

fn for_each_id_in_default(default: &mut DefaultValue, visit: &mut impl FnMut(&mut TypeId)) {
    match default {
        DefaultValue::Variant(id, _) => visit(id),
        DefaultValue::List(items) => {
            for item in items {
                for_each_id_in_default(item, visit);
            }
        }
        DefaultValue::String(_)
        | DefaultValue::Integer(_)
        | DefaultValue::Float(_)
        | DefaultValue::Float32(_)
        | DefaultValue::Bool(_)
        | DefaultValue::EmptyList
        | DefaultValue::EmptyMap
        | DefaultValue::Null => {}
    }
}

/// Every type an operation uses.
fn operation_types(operation: &mut Operation) -> impl Iterator<Item = &mut TypeRef> {
    let params = operation.params.iter_mut().map(|param| &mut param.ty);
    let body = operation.body.iter_mut().flat_map(|body| {
        std::iter::once(&mut body.ty).chain(body.parts.iter_mut().map(|part| &mut part.ty))
    });
    let responses = operation
        .responses
        .iter_mut()
        .filter_map(|response| response.body.as_mut().map(|body| &mut body.ty));
    params.chain(body).chain(responses)
}

#[cfg(test)]
mod tests {
    use crate::Settings;
    use crate::ir::{DefaultValue, Ir, TypeKind, TypeRef};
    use crate::test_support::{resolve_spec as resolve, spec_with_schemas as schemas};

    fn names(ir: &Ir) -> Vec<&str> {
        ir.types.iter().map(|def| def.name.as_str()).collect()
    }

    fn field_type<'a>(ir: &'a Ir, owner: &str, field: &str) -> &'a str {
        let def = ir.types.iter().find(|def| def.name == owner).unwrap();
        let TypeKind::Struct(record) = &def.kind else {
            panic!("{owner} is not a struct")
        };
        let field = record.fields.iter().find(|f| f.name == field).unwrap();
        match &field.ty {
            TypeRef::Named(id) => &ir.get(*id).name,
            other => panic!("{owner}.{field:?} is {other:?}"),
        }
    }

    const COPIES: &str = "\
Address:
  type: object
  properties:
    street: {type: string}
Order:
  type: object
  properties:
    state: {type: string, enum: [open, closed]}
    billing: {type: object, properties: {street: {type: string}}}
    items:
      type: array
      items:
        type: object
        properties:
          colour: {type: string, enum: [red, green]}
          shade: {type: string, enum: [red, green]}
          size: {type: string, enum: [s, m]}
Invoice:
  type: object
  properties:
    state: {type: string, enum: [open, closed]}
    kind: {type: string, enum: [open, closed, void]}
    line:
      type: object
      properties:
        colour: {type: string, enum: [red, green]}
        shade: {type: string, enum: [red, green]}
        size: {type: string, enum: [s, m]}";

    #[test]
    fn identical_inline_types_of_one_property_share_the_shortest_named_copy() {
        let ir = resolve(&schemas(COPIES), Settings::default());
        assert_eq!(
            names(&ir),
            [
                "Address",
                "Invoice",
                "Order",
                "InvoiceKind",
                "InvoiceLine",
                "InvoiceLineColour",
                "InvoiceLineShade",
                "InvoiceLineSize",
                "OrderState",
                "OrderItemsItem",
            ]
        );
        assert_eq!(field_type(&ir, "Invoice", "state"), "OrderState");
        assert_eq!(field_type(&ir, "OrderItemsItem", "size"), "InvoiceLineSize");
        // `colour` and `shade` list the same values, but are two properties: two types.
        assert_eq!(
            field_type(&ir, "InvoiceLine", "colour"),
            "InvoiceLineColour"
        );
        assert_eq!(
            field_type(&ir, "OrderItemsItem", "shade"),
            "InvoiceLineShade"
        );
        // An order's item and an invoice's line are identical, but other things.
        let TypeKind::Struct(order) = &ir.types[2].kind else {
            panic!()
        };
        let items = order.fields.iter().find(|f| f.name == "items").unwrap();
        assert_eq!(
            items.ty,
            TypeRef::List(Box::new(TypeRef::Named(ir.ids().nth(9).unwrap())))
        );
        // An inline copy of a component is the component, wherever it is.
        assert_eq!(field_type(&ir, "Order", "billing"), "Address");
    }

    #[test]
    fn the_setting_keeps_every_copy() {
        let settings = Settings {
            distinct_inline_types: true,
            ..Settings::default()
        };
        let ir = resolve(&schemas(COPIES), settings);
        assert_eq!(ir.types.len(), 15);
        assert_eq!(field_type(&ir, "Order", "billing"), "OrderBilling");
    }

    #[test]
    fn named_types_are_never_merged_away() {
        let yaml = "\
Left: {type: string, enum: [a, b]}
Right: {type: string, enum: [a, b]}
Holder:
  type: object
  properties:
    copy: {type: string, enum: [a, b]}
    kept: {type: string, enum: [a, b]}";
        let settings = Settings {
            rename_type: vec![("HolderKept".into(), "Chosen".into())],
            ..Settings::default()
        };
        let ir = resolve(&schemas(yaml), settings);
        assert_eq!(names(&ir), ["Holder", "Left", "Right", "Chosen"]);
        // The first identical component, in key order.
        assert_eq!(field_type(&ir, "Holder", "copy"), "Left");
        assert_eq!(field_type(&ir, "Holder", "kept"), "Chosen");
    }

    #[test]
    fn docs_of_copies_that_disagree_are_dropped() {
        let yaml = "\
A:
  type: object
  properties:
    same: {type: string, enum: [x, y], description: Either.}
    other: {type: string, enum: [p, q], description: One.}
B:
  type: object
  properties:
    same: {type: string, enum: [x, y], description: Either.}
    other: {type: string, enum: [p, q], description: Two.}";
        let ir = resolve(&schemas(yaml), Settings::default());
        let docs = |name: &str| {
            let def = ir.types.iter().find(|def| def.name == name).unwrap();
            def.docs.as_deref()
        };
        assert_eq!(docs("ASame"), Some("Either."));
        assert_eq!(docs("AOther"), None);
        assert_eq!(names(&ir), ["A", "B", "ASame", "AOther"]);
    }

    #[test]
    fn operations_and_defaults_follow_the_merge() {
        let yaml = format!(
            "{}paths:\n  /orders:\n    get:\n      parameters:\n        - {{name: state, in: query, schema: {{type: string, enum: [open, closed]}}}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{type: object, properties: {{street: {{type: string}}}}}}\n",
            schemas(
                "Address:\n  type: object\n  properties:\n    street: {type: string}\nOrder:\n  type: object\n  properties:\n    state: {type: string, enum: [open, closed], default: closed}"
            )
        );
        let ir = resolve(&yaml, Settings::default());
        // The parameter's enum is not a property's: a type of its own.
        assert_eq!(
            names(&ir),
            ["Address", "Order", "OrderState", "GetOrdersState"]
        );
        let operation = &ir.operations[0];
        assert_eq!(
            ir.get(named_id(&operation.params[0].ty)).name,
            "GetOrdersState"
        );
        let body = operation.responses[0].body.as_ref().unwrap();
        assert_eq!(ir.get(named_id(&body.ty)).name, "Address");
        let TypeKind::Struct(order) = &ir.types[1].kind else {
            panic!()
        };
        assert_eq!(
            order.fields[0].default,
            Some(DefaultValue::Variant(ir.ids().nth(2).unwrap(), 1))
        );
    }

    fn named_id(ty: &TypeRef) -> crate::ir::TypeId {
        match ty {
            TypeRef::Named(id) => *id,
            TypeRef::Nullable(inner) => named_id(inner),
            other => panic!("{other:?} is not a named type"),
        }
    }
}
