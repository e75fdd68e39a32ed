//! The names of the items the client and the server make for each operation, decided once
//! for the emitters (by `naming`'s rules, unique within their module).

use super::Outcomes;
use crate::ir::{BodyKind, Ir};
use crate::naming::{self, NameSet, OperationItem};

/// The items the client makes for one operation.
#[derive(Debug, Clone, Default)]
pub struct ClientNames {
    /// The request builder: `GetPet`.
    pub builder: String,
    /// The enum of its error answers, when it declares any: `GetPetError`.
    pub error: Option<String>,
    /// The enum of its successful answers, when they carry different bodies.
    pub response: Option<String>,
    /// The struct of its `multipart/form-data` body.
    pub form: Option<String>,
}

/// The items the server makes for one operation it serves.
#[derive(Debug, Clone, Default)]
pub struct ServerNames {
    /// The enum of its answers: `GetPetResponse`.
    pub response: String,
    /// The handler the router calls: `handle_get_pet`.
    pub handler: String,
    /// The `Api` method's argument holding the caller's principal: `caller`, unless a
    /// parameter has that name.
    pub caller: String,
    /// The `Api` method's argument holding the request's parts (the `request_context`
    /// setting): `request`, unless a parameter has that name.
    pub request: String,
    /// By response: the struct of the headers it declares (`GetPetOkHeaders`).
    pub headers: Vec<Option<String>>,
    /// The struct of its `multipart/form-data` body (`UploadForm`, as the client's).
    pub form: Option<String>,
}

/// Every operation's names.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// By operation.
    pub client: Vec<ClientNames>,
    /// By operation; `None` for one the router leaves out.
    pub server: Vec<Option<ServerNames>>,
    /// By security scheme: the `Api` method that checks its credentials.
    pub hooks: Vec<String>,
}

pub(super) fn names(ir: &Ir, served: &[Option<String>]) -> Names {
    let (server, hooks) = server_names(ir, served);
    Names {
        client: client_names(ir),
        server,
        hooks,
    }
}

fn client_names(ir: &Ir) -> Vec<ClientNames> {
    let mut taken = NameSet::new();
    for reserved in naming::CLIENT_TYPES {
        taken.claim((*reserved).to_owned());
    }
    ir.operations
        .iter()
        .map(|operation| {
            let outcomes = Outcomes::of(operation);
            let base = naming::type_name(&operation.name);
            let builder = taken.claim(base.clone());
            let mut item = |wanted: bool, item| {
                wanted.then(|| taken.claim(naming::operation_item(&base, item)))
            };
            ClientNames {
                builder,
                error: item(!outcomes.errors.is_empty(), OperationItem::Error),
                response: item(outcomes.success_enum, OperationItem::Response),
                form: item(
                    operation
                        .body
                        .as_ref()
                        .is_some_and(|body| body.kind == BodyKind::Multipart),
                    OperationItem::Form,
                ),
            }
        })
        .collect()
}

fn server_names(ir: &Ir, served: &[Option<String>]) -> (Vec<Option<ServerNames>>, Vec<String>) {
    let mut types = NameSet::new();
    for reserved in naming::SERVER_TYPES {
        types.claim((*reserved).to_owned());
    }
    let mut methods = NameSet::new();
    for operation in &ir.operations {
        methods.claim(naming::unraw(&operation.name).to_owned());
    }
    let hooks = ir
        .security_schemes
        .iter()
        .map(|scheme| methods.claim(naming::hook_name(&scheme.name)))
        .collect();
    let names = ir
        .operations
        .iter()
        .zip(served)
        .map(|(operation, route)| {
            route.as_ref()?;
            let base = naming::type_name(&operation.name);
            let mut arguments = NameSet::new();
            for param in &operation.params {
                arguments.claim(naming::unraw(&param.name).to_owned());
            }
            let response = types.claim(naming::operation_item(&base, OperationItem::Response));
            let form = operation
                .body
                .as_ref()
                // A body of no listed parts stays its `Vec<Part>`.
                .filter(|body| body.kind == BodyKind::Multipart && !body.parts.is_empty())
                .map(|_| types.claim(naming::operation_item(&base, OperationItem::Form)));
            let headers = operation
                .responses
                .iter()
                .map(|answer| {
                    (!answer.headers.is_empty())
                        .then(|| types.claim(naming::headers_name(&base, answer.status)))
                })
                .collect();
            Some(ServerNames {
                response,
                handler: naming::handler_name(&operation.name),
                caller: arguments.claim("caller".to_owned()),
                request: arguments.claim("request".to_owned()),
                headers,
                form,
            })
        })
        .collect();
    (names, hooks)
}
