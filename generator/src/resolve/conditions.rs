//! Rules between an object's properties that no Rust type says, read onto its struct for the
//! server to check: `dependentRequired` (kept in normalize's key rules) and conditions
//! (`if`/`then`/`else`, `dependentSchemas`), from every schema merged into the struct.

use super::Resolver;
use crate::diagnostic::pointer_join;
use crate::ir::{Conditional, Field, Presence, Rule, Test, TypeKind};
use crate::normalize::conditions::Clause;

impl Resolver<'_> {
    /// Whether the schema at `pointer` holds rules between an object's fields that are kept
    /// beside the types (conditions, `dependentRequired`).
    pub(super) fn holds_rules(&self, pointer: &str) -> bool {
        let normalized: &crate::normalize::Normalized = self.normalized;
        normalized.conditions.contains_key(pointer)
            || normalized
                .key_rules
                .get(pointer)
                .is_some_and(|rules| !rules.dependent_required.is_empty())
    }

    /// `dependentRequired` of the object schemas at `places` (merged into one struct), by
    /// field index; a rule naming a property the struct does not list is warned and not
    /// checked.
    pub(super) fn dependent_required(
        &mut self,
        places: &[String],
        fields: &[Field],
    ) -> Vec<(usize, Vec<usize>)> {
        let normalized: &crate::normalize::Normalized = self.normalized;
        let index = |name: &str| fields.iter().position(|field| field.wire_name == name);
        let mut checked = Vec::new();
        for pointer in places {
            let Some(rules) = normalized.key_rules.get(pointer) else {
                continue;
            };
            for (property, required) in &rules.dependent_required {
                let found: Option<Vec<usize>> = required.iter().map(|name| index(name)).collect();
                match (index(property), found) {
                    (Some(field), Some(required)) => checked.push((field, required)),
                    _ => self.warn(
                        pointer_join(&pointer_join(pointer, "dependentRequired"), property),
                        "this rule names a property the object does not list; it is not checked",
                    ),
                }
            }
        }
        checked
    }

    /// The conditions (`if`/`then`/`else`, `dependentSchemas`) of the object schemas at
    /// `places`, on the struct's fields. A test of a property the struct does not list drops
    /// its condition, a rule on one is dropped; both are warned.
    pub(super) fn conditionals(&mut self, places: &[String], fields: &[Field]) -> Vec<Conditional> {
        let normalized: &crate::normalize::Normalized = self.normalized;
        let mut checked = Vec::new();
        for pointer in places {
            for condition in normalized.conditions.get(pointer).into_iter().flatten() {
                let Some(when) = self.condition_tests(&condition.when, &condition.at, fields)
                else {
                    continue;
                };
                let then = self.condition_rules(&condition.then, fields);
                let otherwise = self.condition_rules(&condition.otherwise, fields);
                if !then.is_empty() || !otherwise.is_empty() {
                    checked.push(Conditional {
                        at: condition.at.clone(),
                        when,
                        then,
                        otherwise,
                    });
                }
            }
        }
        checked
    }

    fn condition_tests(&mut self, when: &Clause, at: &str, fields: &[Field]) -> Option<Vec<Test>> {
        let index = |name: &str| fields.iter().position(|field| field.wire_name == name);
        let mut tests = Vec::new();
        let tested = when
            .required
            .iter()
            .chain(when.properties.iter().map(|rule| &rule.name));
        if let Some(name) = tested.into_iter().find(|name| index(name).is_none()) {
            self.warn(
                at,
                format!("this condition tests `{name}`, which the object does not list; it is not checked"),
            );
            return None;
        }
        tests.extend(
            when.required
                .iter()
                .filter_map(|name| index(name))
                .map(Test::Present),
        );
        for rule in &when.properties {
            if let (Some(field), Some(values)) = (index(&rule.name), &rule.values) {
                tests.push(Test::OneOf(field, values.clone()));
            }
        }
        Some(tests)
    }

    fn condition_rules(&mut self, clause: &Clause, fields: &[Field]) -> Vec<Rule> {
        let index = |name: &str| fields.iter().position(|field| field.wire_name == name);
        let mut rules = Vec::new();
        for name in &clause.required {
            match index(name) {
                Some(field) => rules.push(Rule::Present(field)),
                None => self.warn(
                    pointer_join(&clause.at, "required"),
                    format!("a condition requires `{name}`, which the object does not list; it is not checked"),
                ),
            }
        }
        for rule in &clause.properties {
            let Some(field) = index(&rule.name) else {
                self.warn(
                    rule.at.clone(),
                    "a condition's rule on a property the object does not list is not checked",
                );
                continue;
            };
            if let Some(values) = &rule.values {
                rules.push(Rule::OneOf(field, values.clone()));
            }
            if let Some(schema) = &rule.schema {
                let constraints = self.member_constraints(schema, &rule.at, 0);
                if !constraints.is_empty() {
                    rules.push(Rule::Constraints(field, constraints));
                }
            }
        }
        rules
    }

    /// A field filled from its default cannot be told from one the request sent: a condition
    /// testing one is dropped, and a rule on one (its default would be checked as if sent),
    /// each warned at the condition. Run once defaults are bound.
    pub(super) fn drop_defaulted_condition_parts(&mut self) {
        let mut dropped = Vec::new();
        for slot in &mut self.slots {
            let TypeKind::Struct(def) = &mut slot.kind else {
                continue;
            };
            let defaulted = |index: &usize| {
                def.fields
                    .get(*index)
                    .is_some_and(|field| field.presence() == Presence::Defaulted)
            };
            let name = |index: &usize| def.fields[*index].wire_name.clone();
            let mut kept = Vec::new();
            for mut conditional in std::mem::take(&mut def.conditionals) {
                let tested = conditional.when.iter().find_map(|test| match test {
                    Test::Present(index) | Test::OneOf(index, _) => {
                        defaulted(index).then(|| name(index))
                    }
                });
                if let Some(tested) = tested {
                    dropped.push((conditional.at.clone(), format!("this condition tests `{tested}`, which is filled from its default when left out; it is not checked")));
                    continue;
                }
                for rules in [&mut conditional.then, &mut conditional.otherwise] {
                    rules.retain(|rule| match rule {
                        Rule::Present(_) => true,
                        Rule::OneOf(index, _) | Rule::Constraints(index, _) => {
                            if defaulted(index) {
                                dropped.push((conditional.at.clone(), format!("a rule of this condition on `{}`, which is filled from its default when left out, is not checked", name(index))));
                            }
                            !defaulted(index)
                        }
                    });
                }
                if !conditional.then.is_empty() || !conditional.otherwise.is_empty() {
                    kept.push(conditional);
                }
            }
            def.conditionals = kept;
        }
        for (at, message) in dropped {
            self.warn(at, message);
        }
    }
}
