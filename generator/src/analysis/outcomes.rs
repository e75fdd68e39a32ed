//! What an operation answers: its successes, its errors, and what the types holding them
//! need.

use crate::ir::{Operation, Response, StatusMatch};

/// The success type, the error type, and how responses map onto them.
pub struct Outcomes<'a> {
    pub successes: Vec<&'a Response>,
    pub errors: Vec<&'a Response>,
    /// A success enum is needed: successes carry different bodies.
    pub success_enum: bool,
    pub with_headers: bool,
}

impl<'a> Outcomes<'a> {
    /// Which responses are successes: the 2xx ones, or `default` when none is declared.
    pub fn of(operation: &'a Operation) -> Self {
        let has_success = operation.responses.iter().any(|r| r.status.is_success());
        // With no success response declared, `default` is the answer to expect.
        let is_success = |r: &Response| {
            r.status.is_success() || (!has_success && r.status == StatusMatch::Default)
        };
        let successes: Vec<&Response> = operation
            .responses
            .iter()
            .filter(|r| is_success(r))
            .collect();
        let errors: Vec<&Response> = operation
            .responses
            .iter()
            .filter(|r| !is_success(r))
            .collect();
        let body_type = |r: &&Response| r.body.as_ref().map(|b| b.ty.clone());
        let success_enum = successes
            .first()
            .is_some_and(|first| successes.iter().any(|r| body_type(r) != body_type(first)));
        // With no response declared, the status and headers are all the caller can go by.
        let with_headers =
            operation.undeclared_responses || successes.iter().any(|r| !r.headers.is_empty());
        Outcomes {
            successes,
            errors,
            success_enum,
            with_headers,
        }
    }
}
