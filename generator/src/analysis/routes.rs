//! The server router's table: for each axum route and method, the handler it calls, or, where
//! several templates share the route or a capture holds text axum cannot match, the order in
//! which the generated code tries them.

use super::names::ServerNames;
use crate::ir::{HttpMethod, Ir, Route};

/// One `router.route(path, ...)` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteEntry {
    /// The axum route (`/files/{p0}`).
    pub path: String,
    /// In the order the spec first serves each method at this route.
    pub methods: Vec<(HttpMethod, Target)>,
}

/// What the router calls for one method of a route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The operation's handler.
    Operation(Handler),
    /// A generated function that calls the first operation whose mixed segments match the
    /// URL, or answers 404 when none does.
    Dispatch {
        name: String,
        /// Operations in the order they are tried: most text matched in mixed segments
        /// first ([`Route::literal_len`]); with as much text, one with a mixed segment before
        /// one without (which would take every URL the other fits); then in the order the spec
        /// declares them.
        operations: Vec<Handler>,
    },
}

/// An operation the router serves, and the name of its handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handler {
    /// Index into `Ir::operations`.
    pub operation: usize,
    pub name: String,
}

/// The route table of the operations `served` (by operation, its axum route; `names`, its
/// handler's).
pub(super) fn routes(
    ir: &Ir,
    served: &[Option<String>],
    names: &[Option<ServerNames>],
) -> Vec<RouteEntry> {
    let mut entries: Vec<RouteEntry> = Vec::new();
    let mut grouped: Vec<(usize, HttpMethod, Vec<Handler>)> = Vec::new();
    // Where each route and each (route, method) is, so a large spec is not searched per
    // operation.
    let mut entry_at: std::collections::HashMap<&str, usize> = Default::default();
    let mut group_at: std::collections::HashMap<(usize, HttpMethod), usize> = Default::default();
    for (index, ((operation, route), names)) in
        ir.operations.iter().zip(served).zip(names).enumerate()
    {
        let (Some(route), Some(names)) = (route, names) else {
            continue;
        };
        let handler = Handler {
            operation: index,
            name: names.handler.clone(),
        };
        let entry = *entry_at.entry(route.as_str()).or_insert_with(|| {
            entries.push(RouteEntry {
                path: route.clone(),
                methods: Vec::new(),
            });
            entries.len() - 1
        });
        match group_at.get(&(entry, operation.method)) {
            Some(&group) => grouped[group].2.push(handler),
            None => {
                group_at.insert((entry, operation.method), grouped.len());
                grouped.push((entry, operation.method, vec![handler]));
            }
        }
    }
    let mut dispatchers = 0;
    for (entry, method, mut operations) in grouped {
        let routes: Vec<Route> = operations
            .iter()
            .map(|handler| ir.operations[handler.operation].route())
            .collect();
        let target = if operations.len() == 1 && routes[0].mixed.is_empty() {
            Target::Operation(operations.remove(0))
        } else {
            // Stable: equal keys keep the spec's order.
            let mut order: Vec<usize> = (0..operations.len()).collect();
            order.sort_by_key(|&i| {
                (
                    std::cmp::Reverse(routes[i].literal_len()),
                    routes[i].mixed.is_empty(),
                )
            });
            operations = order.into_iter().map(|i| operations[i].clone()).collect();
            let name = format!("dispatch_{}_{dispatchers}", method.key());
            dispatchers += 1;
            Target::Dispatch { name, operations }
        };
        entries[entry].methods.push((method, target));
    }
    entries
}
