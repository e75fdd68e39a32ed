//! Paths -> [`Operation`]s, with their parameters, bodies, responses and security; plus the
//! security schemes and servers they refer to.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    APIKeyLocation, CookieStyle, MediaType, Parameter as SpecParameter, ParameterSchemaOrContent,
    PathStyle, QueryStyle, ReferenceOr, Schema, SchemaKind, StatusCode, Type,
};

use super::{Hint, Resolver};
use crate::diagnostic::{Diagnostic, pointer_join};
use crate::ir::{
    BodyKind, HttpMethod, MultipartPart, Operation, ParamLocation, ParamStyle, Parameter,
    RequestBody, Requirement, Response, ResponseBody, ResponseHeader, Scalar, SecurityKind,
    SecurityScheme, Server, Serving, StatusMatch, TypeKind, TypeRef,
};
use crate::naming::{self, NameSet};

/// How far `$ref` chains between components are followed.
const REF_DEPTH: usize = 16;

impl Resolver<'_> {
    pub(super) fn security_schemes(&mut self) -> Vec<SecurityScheme> {
        let normalized = self.normalized;
        let Some(components) = &normalized.openapi.components else {
            return Vec::new();
        };
        let mut names = NameSet::new();
        // `with_client` is the client's constructor; a scheme called `client` becomes
        // `client_2` (`with_client_2`).
        names.claim("client".to_owned());
        let mut schemes = Vec::new();
        for (key, scheme) in &components.security_schemes {
            let pointer = pointer_join("#/components/securitySchemes", key);
            let ReferenceOr::Item(scheme) = scheme else {
                self.warn(pointer, "a `$ref` security scheme is not supported; operations using it get no credentials");
                continue;
            };
            let (kind, description) = match scheme {
                openapiv3::SecurityScheme::APIKey {
                    location,
                    name,
                    description,
                    ..
                } => {
                    let location = match location {
                        APIKeyLocation::Query => ParamLocation::Query,
                        APIKeyLocation::Header => ParamLocation::Header,
                        APIKeyLocation::Cookie => ParamLocation::Cookie,
                    };
                    let kind = SecurityKind::ApiKey {
                        location,
                        name: name.clone(),
                    };
                    (kind, description)
                }
                openapiv3::SecurityScheme::HTTP {
                    scheme,
                    description,
                    ..
                } => match scheme.to_ascii_lowercase().as_str() {
                    "bearer" => (SecurityKind::Bearer, description),
                    "basic" => (SecurityKind::Basic, description),
                    other => {
                        self.warn(
                            pointer,
                            format!("HTTP `{other}` authentication is not supported; operations using it get no credentials"),
                        );
                        continue;
                    }
                },
                openapiv3::SecurityScheme::OAuth2 { description, .. }
                | openapiv3::SecurityScheme::OpenIDConnect { description, .. } => {
                    (SecurityKind::Bearer, description)
                }
            };
            schemes.push(SecurityScheme {
                key: key.clone(),
                name: names.claim(naming::field_name(key)),
                kind,
                docs: description.clone(),
            });
        }
        schemes
    }

    pub(super) fn servers(&self) -> Vec<Server> {
        self.normalized
            .openapi
            .servers
            .iter()
            .map(|server| {
                let mut url = server.url.clone();
                for (name, variable) in server.variables.iter().flatten() {
                    url = url.replace(&format!("{{{name}}}"), &variable.default);
                }
                Server {
                    url: url.trim_end_matches('/').to_owned(),
                    description: server.description.clone(),
                }
            })
            .collect()
    }

    /// The operations of `holder`'s path items: the API's (`paths`), or the requests it makes
    /// to its consumers (`webhooks`), each set named apart (they are emitted in modules of
    /// their own).
    pub(super) fn operations(
        &mut self,
        holder: PathItems,
        schemes: &[SecurityScheme],
    ) -> Result<Vec<Operation>, Diagnostic> {
        let normalized = self.normalized;
        let items = match holder {
            PathItems::Paths => &normalized.openapi.paths.paths,
            PathItems::Webhooks => &normalized.webhooks.paths,
        };
        let base = holder.pointer();
        // Names first, so a short FastAPI name is only used when no other operation wants it.
        let mut found = Vec::new();
        let mut routes = BTreeSet::new();
        for (key, item) in items {
            let item_pointer = pointer_join(base, key);
            let path = holder.route(key, &mut routes);
            let ReferenceOr::Item(item) = item else {
                self.warn(
                    item_pointer,
                    "a `$ref` path item is not supported; its operations are not generated",
                );
                continue;
            };
            for method in HttpMethod::ALL {
                let operation = match method {
                    HttpMethod::Get => &item.get,
                    HttpMethod::Put => &item.put,
                    HttpMethod::Post => &item.post,
                    HttpMethod::Delete => &item.delete,
                    HttpMethod::Options => &item.options,
                    HttpMethod::Head => &item.head,
                    HttpMethod::Patch => &item.patch,
                    HttpMethod::Trace => &item.trace,
                };
                if let Some(operation) = operation {
                    // A webhook without an `operationId` is named after its key.
                    let id = match holder {
                        PathItems::Paths => operation.operation_id.as_deref(),
                        PathItems::Webhooks => operation.operation_id.as_deref().or(Some(key)),
                    };
                    let names = naming::operation_names(id, method.key(), &path);
                    let at = item_pointer.clone();
                    found.push((path.clone(), at, item, method, operation, names));
                }
            }
        }
        let mut wanted: BTreeMap<&str, usize> = BTreeMap::new();
        for (.., (preferred, _)) in &found {
            *wanted.entry(preferred.as_str()).or_default() += 1;
        }
        let mut taken = NameSet::new();
        // Names the client itself uses, credential setters included.
        for reserved in naming::CLIENT_METHODS {
            taken.claim((*reserved).to_owned());
        }
        for scheme in schemes {
            taken.claim(naming::credential_setter(&scheme.name));
        }
        let mut operations = Vec::with_capacity(found.len());
        for (path, item_pointer, item, method, operation, (preferred, fallback)) in &found {
            let pointer = pointer_join(item_pointer, method.key());
            let automatic = if wanted[preferred.as_str()] > 1 {
                fallback
            } else {
                preferred
            };
            let id = operation.operation_id.as_deref().unwrap_or_default();
            let wanted_name = &self
                .renamed_operation(&[id, preferred.as_str(), fallback.as_str()])
                .unwrap_or_else(|| automatic.clone());
            let name = taken.claim(wanted_name.clone());
            if name != *wanted_name {
                self.warn(
                    pointer.clone(),
                    format!("method name `{wanted_name}` is taken by another operation; this one is `{name}`"),
                );
            }
            let first_new_slot = self.slots.len();
            let op = self.operation(OperationInput {
                name,
                path,
                item_pointer,
                method: *method,
                pointer: pointer.clone(),
                item,
                operation,
                schemes,
            });
            match op {
                Ok(op) => operations.push(op),
                Err(problem) => {
                    // One operation we cannot map must not cost the user the whole spec.
                    self.warn(
                        problem.pointer,
                        format!(
                            "{}; the operation at {pointer} is not generated",
                            problem.message
                        ),
                    );
                    self.abandon(None, first_new_slot, "", &pointer);
                }
            }
        }
        for (operation, serving) in operations.iter().zip(crate::ir::serving(&operations)) {
            let message = match serving {
                Serving::Duplicate => {
                    "another operation has the same method and path (up to parameter names); the server router keeps the first"
                }
                // Warned where the security is read.
                Serving::At(_) | Serving::Unsatisfiable => continue,
            };
            self.warn(operation.pointer.clone(), message);
        }
        Ok(operations)
    }

    fn operation(&mut self, input: OperationInput<'_>) -> Result<Operation, Diagnostic> {
        let OperationInput {
            name,
            path,
            item_pointer,
            method,
            pointer,
            item,
            operation,
            schemes,
        } = input;
        let type_base = naming::type_name(&name);
        let mut param_names = NameSet::new();
        for reserved in naming::BUILDER_MEMBERS {
            param_names.claim((*reserved).to_owned());
        }
        // Path-item parameters first; the operation's replace those with the same name and
        // location.
        let mut declared: Vec<(SpecParameter, String)> = Vec::new();
        let sources = [
            (&item.parameters, pointer_join(item_pointer, "parameters")),
            (&operation.parameters, pointer_join(&pointer, "parameters")),
        ];
        for (list, list_pointer) in sources {
            for (index, parameter) in list.iter().enumerate() {
                let at = pointer_join(&list_pointer, &index.to_string());
                let Some((parameter, at)) = self.component_parameter(parameter, at)? else {
                    continue;
                };
                let key = |p: &SpecParameter| {
                    (
                        p.parameter_data_ref().name.clone(),
                        std::mem::discriminant(p),
                    )
                };
                match declared
                    .iter()
                    .position(|(earlier, _)| key(earlier) == key(&parameter))
                {
                    Some(index) => declared[index] = (parameter, at),
                    None => declared.push((parameter, at)),
                }
            }
        }
        let template = path_params(path);
        let mut params = Vec::with_capacity(declared.len());
        for (parameter, at) in &declared {
            // Nothing could carry its value; a request struct field would never be read.
            if let SpecParameter::Path { parameter_data, .. } = parameter
                && !template.contains(&parameter_data.name)
            {
                self.warn(
                    at.clone(),
                    format!(
                        "path parameter `{}` is not in the path `{path}` (names are case-sensitive); it is left out",
                        parameter_data.name
                    ),
                );
                continue;
            }
            if let Some(param) = self.parameter(parameter, at, &type_base, &mut param_names)? {
                params.push(param);
            }
        }
        for segment in template {
            if !params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.wire_name == segment)
            {
                self.warn(
                    pointer.clone(),
                    format!("path parameter `{segment}` is not declared; it is taken as a required string"),
                );
                params.push(Parameter {
                    name: param_names.claim(naming::field_name(&segment)),
                    wire_name: segment,
                    location: ParamLocation::Path,
                    style: ParamStyle::Simple { explode: false },
                    ty: TypeRef::Scalar(Scalar::String),
                    required: true,
                    docs: None,
                    pointer: pointer.clone(),
                    constraints: Default::default(),
                });
            }
        }
        let body = match &operation.request_body {
            None => None,
            Some(body) => self.request_body(body, &pointer, &type_base)?,
        };
        let head = method == HttpMethod::Head;
        let undeclared_responses =
            operation.responses.responses.is_empty() && operation.responses.default.is_none();
        let responses = if undeclared_responses {
            vec![any_answer(head)]
        } else {
            self.responses(&operation.responses, &pointer, &type_base, head)?
        };
        let security = match &operation.security {
            Some(requirements) => {
                self.requirements(requirements, schemes, &pointer_join(&pointer, "security"))
            }
            None => match &self.normalized.openapi.security.clone() {
                Some(requirements) => self.requirements(requirements, schemes, "#/security"),
                None => Security::Open,
            },
        };
        let (security, anonymous, unsatisfiable_security) = match security {
            Security::Open => (Vec::new(), false, false),
            Security::Required {
                alternatives,
                anonymous,
            } => (alternatives, anonymous, false),
            Security::Unsatisfiable => (Vec::new(), false, true),
        };
        Ok(Operation {
            name,
            operation_id: operation.operation_id.clone(),
            method,
            path: path.to_owned(),
            pointer,
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            deprecated: operation.deprecated,
            params,
            body,
            responses,
            undeclared_responses,
            security,
            anonymous,
            unsatisfiable_security,
        })
    }

    /// Follows `#/components/parameters/X` references.
    fn component_parameter(
        &mut self,
        parameter: &ReferenceOr<SpecParameter>,
        at: String,
    ) -> Result<Option<(SpecParameter, String)>, Diagnostic> {
        let normalized = self.normalized;
        let found = follow(parameter, at, "#/components/parameters/", |key| {
            normalized.openapi.components.as_ref()?.parameters.get(key)
        })?;
        match found {
            Followed::Item(parameter, at) => Ok(Some((parameter.clone(), at))),
            Followed::Cycle(at) => {
                self.warn(
                    at,
                    "parameter `$ref`s form a cycle; the parameter is left out",
                );
                Ok(None)
            }
        }
    }

    fn parameter(
        &mut self,
        parameter: &SpecParameter,
        at: &str,
        type_base: &str,
        names: &mut NameSet,
    ) -> Result<Option<Parameter>, Diagnostic> {
        let data = parameter.parameter_data_ref();
        let (location, style) = match parameter {
            SpecParameter::Query { style, .. } => {
                let explode = data.explode.unwrap_or(matches!(style, QueryStyle::Form));
                let style = match style {
                    QueryStyle::Form => ParamStyle::Form { explode },
                    QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                    QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                    QueryStyle::DeepObject => ParamStyle::DeepObject,
                };
                (ParamLocation::Query, style)
            }
            SpecParameter::Path { style, .. } => {
                let explode = data.explode.unwrap_or(false);
                let style = match style {
                    PathStyle::Simple => ParamStyle::Simple { explode },
                    PathStyle::Label => ParamStyle::Label { explode },
                    PathStyle::Matrix => ParamStyle::Matrix { explode },
                };
                (ParamLocation::Path, style)
            }
            SpecParameter::Header { .. } => {
                let explode = data.explode.unwrap_or(false);
                (ParamLocation::Header, ParamStyle::Simple { explode })
            }
            SpecParameter::Cookie { style, .. } => {
                let CookieStyle::Form = style;
                let explode = data.explode.unwrap_or(true);
                (ParamLocation::Cookie, ParamStyle::Form { explode })
            }
        };
        let hint = Hint {
            name: format!("{type_base}{}", naming::type_name(&data.name)),
            pointer: String::new(),
        };
        let constraints = match &data.format {
            ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => {
                self.schema_constraints(schema, &pointer_join(at, "schema"), 0)
            }
            ParameterSchemaOrContent::Schema(ReferenceOr::Reference { reference }) => self
                .constraints(
                    &ReferenceOr::Reference {
                        reference: reference.clone(),
                    },
                    at,
                ),
            ParameterSchemaOrContent::Content(_) => Default::default(),
        };
        let (shape, style) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let hint = Hint {
                    pointer: pointer_join(at, "schema"),
                    ..hint
                };
                (self.shape(schema, &hint)?, style)
            }
            ParameterSchemaOrContent::Content(content) => {
                let schema = content.values().find_map(|media| media.schema.as_ref());
                let shape = match schema {
                    Some(schema) => {
                        let hint = Hint {
                            pointer: pointer_join(at, "content"),
                            ..hint
                        };
                        self.shape(schema, &hint)?
                    }
                    None => super::Shape::of(TypeRef::Any),
                };
                (shape, ParamStyle::Json)
            }
        };
        let required = data.required || location == ParamLocation::Path;
        let mut shape = shape;
        // Parameter styles write lists, not tuples: a tuple parameter is a list of JSON values
        // (a JSON-encoded one, `content`, keeps its tuple).
        if style != ParamStyle::Json && matches!(shape.ty, TypeRef::Tuple(_)) {
            self.warn(
                pointer_join(at, "schema"),
                "a tuple parameter is written and read as a list of JSON values (Vec<serde_json::Value>)",
            );
            shape.ty = TypeRef::List(Box::new(TypeRef::Any));
        }
        let ty = match (shape.nullable, required) {
            // A required parameter that may be null is written as absent when it is.
            (true, true) => TypeRef::Nullable(Box::new(shape.ty)),
            _ => shape.ty,
        };
        Ok(Some(Parameter {
            name: names.claim(naming::field_name(&data.name)),
            wire_name: data.name.clone(),
            location,
            style,
            ty,
            required,
            docs: data.description.clone(),
            pointer: at.to_owned(),
            constraints,
        }))
    }

    fn request_body(
        &mut self,
        body: &ReferenceOr<openapiv3::RequestBody>,
        operation_pointer: &str,
        type_base: &str,
    ) -> Result<Option<RequestBody>, Diagnostic> {
        let normalized = self.normalized;
        let start = pointer_join(operation_pointer, "requestBody");
        let found = follow(body, start, "#/components/requestBodies/", |key| {
            normalized
                .openapi
                .components
                .as_ref()?
                .request_bodies
                .get(key)
        })?;
        let (body, at) = found.or_cycle_error()?;
        let Some((media_type, media, kind)) = choose_media(&body.content) else {
            self.warn(
                at,
                "the request body declares no media type; the operation sends no body",
            );
            return Ok(None);
        };
        let media_pointer = pointer_join(&pointer_join(&at, "content"), media_type);
        if kind == BodyKind::Bytes && !is_bytes_media(media_type) {
            self.warn(
                media_pointer.clone(),
                format!("`{media_type}` bodies are sent as raw bytes with that content type"),
            );
        }
        let hint = Hint {
            name: format!("{type_base}Body"),
            pointer: pointer_join(&media_pointer, "schema"),
        };
        let (ty, parts) = match (kind, &media.schema) {
            (BodyKind::Json | BodyKind::Form, Some(schema)) => {
                let ty = super::schema::nullable_ref(self.shape(schema, &hint)?);
                if kind == BodyKind::Json {
                    self.note_examples(&media_pointer, &ty);
                    self.note_examples(&hint.pointer, &ty);
                }
                (ty, Vec::new())
            }
            (BodyKind::Json | BodyKind::Form, None) => (TypeRef::Any, Vec::new()),
            (BodyKind::Multipart, schema) => {
                let parts = match schema {
                    Some(schema) => self.multipart_parts(schema, &hint)?,
                    None => Vec::new(),
                };
                if parts.is_empty() {
                    self.warn(
                        media_pointer,
                        "this multipart body declares no parts; the operation is generated without a body",
                    );
                    return Ok(None);
                }
                (TypeRef::Any, parts)
            }
            (BodyKind::Text, _) => (TypeRef::Scalar(Scalar::String), Vec::new()),
            (BodyKind::Bytes, _) => (
                TypeRef::List(Box::new(TypeRef::Scalar(Scalar::U8))),
                Vec::new(),
            ),
        };
        let constraints = match (kind, &media.schema) {
            (BodyKind::Json | BodyKind::Form, Some(ReferenceOr::Item(schema))) => {
                self.schema_constraints(schema, &hint.pointer, 0)
            }
            (BodyKind::Json | BodyKind::Form, Some(ReferenceOr::Reference { reference })) => self
                .constraints(
                    &ReferenceOr::Reference {
                        reference: reference.clone(),
                    },
                    &hint.pointer,
                ),
            _ => Default::default(),
        };
        Ok(Some(RequestBody {
            required: body.required,
            media_type: media_type.to_owned(),
            kind,
            ty,
            parts,
            docs: body.description.clone(),
            constraints,
        }))
    }

    /// The parts of a `multipart/form-data` body: one per property of its object schema.
    fn multipart_parts(
        &mut self,
        schema: &ReferenceOr<Schema>,
        hint: &Hint,
    ) -> Result<Vec<MultipartPart>, Diagnostic> {
        let shape = self.shape(schema, hint)?;
        let TypeRef::Named(id) = shape.ty else {
            self.warn(
                hint.pointer.clone(),
                "a multipart body must be an object schema; it is sent with no parts",
            );
            return Ok(Vec::new());
        };
        let TypeKind::Struct(def) = &self.slots[id.0].kind else {
            self.warn(
                hint.pointer.clone(),
                "a multipart body must be an object schema; it is sent with no parts",
            );
            return Ok(Vec::new());
        };
        let binary = TypeRef::Scalar(Scalar::Binary);
        let parts = def
            .fields
            .iter()
            .map(|field| {
                let file = field.ty == binary
                    || matches!(&field.ty, TypeRef::List(item) if **item == binary);
                MultipartPart {
                    name: field.name.clone(),
                    wire_name: field.wire_name.clone(),
                    ty: field.ty.clone(),
                    required: field.required,
                    file,
                    constraints: field.constraints.clone(),
                }
            })
            .collect();
        Ok(parts)
    }

    fn responses(
        &mut self,
        responses: &openapiv3::Responses,
        operation_pointer: &str,
        type_base: &str,
        head: bool,
    ) -> Result<Vec<Response>, Diagnostic> {
        let normalized = self.normalized;
        let responses_pointer = pointer_join(operation_pointer, "responses");
        let mut listed: Vec<(StatusMatch, &ReferenceOr<openapiv3::Response>, String)> = responses
            .responses
            .iter()
            .map(|(code, response)| {
                let (status, key) = match code {
                    StatusCode::Code(code) => (StatusMatch::Code(*code), code.to_string()),
                    StatusCode::Range(hundreds) => {
                        (StatusMatch::Range(*hundreds), format!("{hundreds}XX"))
                    }
                };
                let pointer = normalized.response_pointer(pointer_join(&responses_pointer, &key));
                (status, response, pointer)
            })
            .collect();
        if let Some(default) = &responses.default {
            listed.push((
                StatusMatch::Default,
                default,
                pointer_join(&responses_pointer, "default"),
            ));
        }
        let mut out = Vec::with_capacity(listed.len());
        for (status, response, at) in listed {
            let found = follow(response, at, "#/components/responses/", |key| {
                normalized.openapi.components.as_ref()?.responses.get(key)
            })?;
            let (response, at) = found.or_cycle_error()?;
            let body = match choose_media(&response.content) {
                None => None,
                Some((media_type, media, kind)) => {
                    let media_pointer = pointer_join(&pointer_join(&at, "content"), media_type);
                    let ty = match (kind, &media.schema) {
                        (BodyKind::Json, Some(schema)) => {
                            let hint = Hint {
                                name: format!("{type_base}{}", naming::status_name(status)),
                                pointer: pointer_join(&media_pointer, "schema"),
                            };
                            let ty = super::schema::nullable_ref(self.shape(schema, &hint)?);
                            self.note_examples(&media_pointer, &ty);
                            self.note_examples(&hint.pointer, &ty);
                            ty
                        }
                        (BodyKind::Json, None) => TypeRef::Any,
                        // Form and multipart answers are handed over as their bytes.
                        (BodyKind::Form | BodyKind::Multipart, _) => {
                            TypeRef::List(Box::new(TypeRef::Scalar(Scalar::U8)))
                        }
                        (BodyKind::Text, _) => TypeRef::Scalar(Scalar::String),
                        (BodyKind::Bytes, _) => {
                            TypeRef::List(Box::new(TypeRef::Scalar(Scalar::U8)))
                        }
                    };
                    let kind = match kind {
                        BodyKind::Form | BodyKind::Multipart => BodyKind::Bytes,
                        other => other,
                    };
                    Some(ResponseBody {
                        media_type: media_type.to_owned(),
                        kind,
                        ty,
                    })
                }
            };
            let headers = self.response_headers(
                &response.headers,
                &at,
                &format!("{type_base}{}", naming::status_name(status)),
            )?;
            out.push(Response {
                status,
                description: Some(response.description.clone()).filter(|d| !d.trim().is_empty()),
                // A HEAD answer never has a body, whatever `content` says.
                body: body.filter(|_| !head),
                headers,
            });
        }
        Ok(out)
    }

    /// A response's headers, `$ref`s to `components/headers` followed; `Content-Type` is the
    /// body's, not a header of its own (the specification says it is ignored).
    fn response_headers(
        &mut self,
        headers: &indexmap::IndexMap<String, ReferenceOr<openapiv3::Header>>,
        response_at: &str,
        type_base: &str,
    ) -> Result<Vec<ResponseHeader>, Diagnostic> {
        let mut names = NameSet::new();
        let mut out = Vec::with_capacity(headers.len());
        for (wire_name, header) in headers {
            if wire_name.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let at = pointer_join(&pointer_join(response_at, "headers"), wire_name);
            // They frame the body: written by the HTTP layer from the body itself.
            if wire_name.eq_ignore_ascii_case("content-length")
                || wire_name.eq_ignore_ascii_case("transfer-encoding")
            {
                self.warn(
                    at,
                    format!("`{wire_name}` is written by the HTTP layer from the body; the header is left out of the server's answer struct"),
                );
                continue;
            }
            // RFC 9110's `token`: what HTTP allows as a field name.
            let token = !wire_name.is_empty()
                && wire_name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            if !token {
                self.warn(
                    at,
                    format!("`{wire_name}` cannot be an HTTP header name; the header is left out"),
                );
                continue;
            }
            // One header we cannot read must not cost the operation.
            match self.response_header(header, at, type_base, wire_name) {
                Ok((header, ty)) => out.push(ResponseHeader {
                    name: names.claim(naming::field_name(wire_name)),
                    wire_name: wire_name.clone(),
                    required: header.required,
                    docs: header.description.clone(),
                    ty,
                }),
                Err(problem) => self.warn(
                    problem.pointer,
                    format!("{}; the header is left out", problem.message),
                ),
            }
        }
        Ok(out)
    }

    /// A response header, `$ref`s followed, and its value's type.
    fn response_header(
        &mut self,
        header: &ReferenceOr<openapiv3::Header>,
        at: String,
        type_base: &str,
        wire_name: &str,
    ) -> Result<(openapiv3::Header, TypeRef), Diagnostic> {
        let normalized = self.normalized;
        let found = follow(header, at, "#/components/headers/", |key| {
            normalized.openapi.components.as_ref()?.headers.get(key)
        })?;
        let (header, at) = found.or_cycle_error()?;
        let header = header.clone();
        let hint = |pointer| Hint {
            name: format!("{type_base}{}", naming::type_name(wire_name)),
            pointer,
        };
        let ty = match &header.format {
            ParameterSchemaOrContent::Schema(schema) => {
                self.shape(schema, &hint(pointer_join(&at, "schema")))?.ty
            }
            ParameterSchemaOrContent::Content(content) => {
                match content.values().find_map(|media| media.schema.as_ref()) {
                    Some(schema) => self.shape(schema, &hint(pointer_join(&at, "content")))?.ty,
                    None => TypeRef::Any,
                }
            }
        };
        Ok((header, ty))
    }

    fn requirements(
        &mut self,
        requirements: &[openapiv3::SecurityRequirement],
        schemes: &[SecurityScheme],
        at: &str,
    ) -> Security {
        let mut alternatives = Vec::new();
        for (index, requirement) in requirements.iter().enumerate() {
            let mut uses = Vec::new();
            let mut unsupported = false;
            for (key, scopes) in requirement {
                if self.normalized.mutual_tls.contains(key) {
                    // Met by the TLS layer, below anything the code sends or checks.
                    continue;
                }
                match schemes.iter().position(|scheme| scheme.key == *key) {
                    Some(position) => uses.push(Requirement {
                        scheme: position,
                        scopes: scopes.clone(),
                    }),
                    None => {
                        self.warn(
                            pointer_join(at, &index.to_string()),
                            format!("security scheme `{key}` is not defined (or not supported); this alternative is ignored"),
                        );
                        unsupported = true;
                        break;
                    }
                }
            }
            if unsupported {
                continue;
            }
            alternatives.push(uses);
        }
        // `security: []` means anonymous access; `[{}, ...]` lets anonymous callers in beside
        // the others, whose credentials are still checked when sent.
        let anonymous = alternatives.iter().any(Vec::is_empty);
        alternatives.retain(|alternative| !alternative.is_empty());
        if requirements.is_empty() || (anonymous && alternatives.is_empty()) {
            return Security::Open;
        }
        if alternatives.is_empty() {
            // Credentials are required, but none we can check: never treat that as open.
            self.warn(
                at,
                "no security alternative can be checked; the server router leaves this operation out rather than serve it unprotected",
            );
            return Security::Unsatisfiable;
        }
        Security::Required {
            alternatives,
            anonymous,
        }
    }
}

/// The answer of an operation whose spec declares none: any status, the body as bytes (none
/// to a HEAD request).
fn any_answer(head: bool) -> Response {
    Response {
        status: StatusMatch::Default,
        description: None,
        body: (!head).then(|| ResponseBody {
            media_type: "application/octet-stream".to_owned(),
            kind: BodyKind::Bytes,
            ty: TypeRef::List(Box::new(TypeRef::Scalar(Scalar::U8))),
        }),
        headers: Vec::new(),
    }
}

/// What an operation's `security` comes to.
enum Security {
    Open,
    Required {
        alternatives: Vec<Vec<Requirement>>,
        /// A `{}` alternative (or one only TLS checks) lets callers without credentials in.
        anonymous: bool,
    },
    /// Credentials are required, but no alternative uses a scheme we support.
    Unsatisfiable,
}

struct OperationInput<'a> {
    name: String,
    path: &'a str,
    /// Where the path item is.
    item_pointer: &'a str,
    method: HttpMethod,
    pointer: String,
    item: &'a openapiv3::PathItem,
    operation: &'a openapiv3::Operation,
    schemes: &'a [SecurityScheme],
}

/// Where path items are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PathItems {
    Paths,
    /// 3.1's `webhooks`, path items by name.
    Webhooks,
}

impl PathItems {
    fn pointer(self) -> &'static str {
        match self {
            PathItems::Paths => "#/paths",
            PathItems::Webhooks => "#/webhooks",
        }
    }

    /// The route of the path item at `key`: the path, or for a webhook (which the consumer
    /// receives at a URL of its choosing) `/` and its name, where the generated receiver
    /// serves it; a character a plain path segment cannot hold is written `-`. Two webhook
    /// names written alike (`new pet`, `new-pet`) get apart by a number (`/new-pet-2`), the
    /// later in the document taking it; `taken` holds the routes given so far.
    fn route(self, key: &str, taken: &mut BTreeSet<String>) -> String {
        match self {
            PathItems::Paths => key.to_owned(),
            PathItems::Webhooks => {
                let segment: String = key
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || "-._~".contains(c) {
                            c
                        } else {
                            '-'
                        }
                    })
                    .collect();
                let route = format!("/{segment}");
                if taken.insert(route.clone()) {
                    return route;
                }
                (2..)
                    .map(|n| format!("{route}-{n}"))
                    .find(|candidate| taken.insert(candidate.clone()))
                    .expect("an unbounded range always yields a free route")
            }
        }
    }
}

/// Where a chain of `$ref`s between components ended.
enum Followed<'n, T> {
    /// The item, and the place it is defined.
    Item(&'n T, String),
    /// The chain went around more than [`REF_DEPTH`] times; the last place.
    Cycle(String),
}

impl<'n, T> Followed<'n, T> {
    fn or_cycle_error(self) -> Result<(&'n T, String), Diagnostic> {
        match self {
            Followed::Item(item, at) => Ok((item, at)),
            Followed::Cycle(at) => Err(Diagnostic::error(
                at.clone(),
                "`$ref`s form a cycle that never reaches a definition",
            )),
        }
    }
}

/// Follows `$ref`s from `first` (at `at`) through the components under `prefix`
/// (`#/components/responses/`), found by `lookup`.
fn follow<'n, T>(
    first: &'n ReferenceOr<T>,
    at: String,
    prefix: &str,
    lookup: impl Fn(&str) -> Option<&'n ReferenceOr<T>>,
) -> Result<Followed<'n, T>, Diagnostic> {
    let (mut current, mut at) = (first, at);
    for _ in 0..REF_DEPTH {
        match current {
            ReferenceOr::Item(item) => return Ok(Followed::Item(item, at)),
            ReferenceOr::Reference { reference } => {
                match reference.strip_prefix(prefix).and_then(&lookup) {
                    Some(target) => {
                        at = reference.clone();
                        current = target;
                    }
                    None => return Err(super::dangling(reference, &at)),
                }
            }
        }
    }
    Ok(Followed::Cycle(at))
}

/// The `{name}`s of a path template, in order.
fn path_params(path: &str) -> Vec<String> {
    crate::ir::template_params(path)
}

/// The media type to use among those declared, by what we can read best: JSON, then form,
/// multipart, text and raw bytes.
fn choose_media(
    content: &indexmap::IndexMap<String, MediaType>,
) -> Option<(&str, &MediaType, BodyKind)> {
    content
        .iter()
        .map(|(media_type, media)| (media_type.as_str(), media, body_kind(media_type, media)))
        .min_by_key(|(_, _, kind)| match kind {
            BodyKind::Json => 0,
            BodyKind::Form => 1,
            BodyKind::Multipart => 2,
            BodyKind::Text => 3,
            BodyKind::Bytes => 4,
        })
}

fn body_kind(media_type: &str, media: &MediaType) -> BodyKind {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let is_string_schema = matches!(&media.schema, Some(ReferenceOr::Item(schema))
        if matches!(&schema.schema_kind, SchemaKind::Type(Type::String(s)) if !matches!(s.format, openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary))));
    match essence.as_str() {
        "application/json" | "text/json" => BodyKind::Json,
        e if e.ends_with("+json") => BodyKind::Json,
        "application/x-www-form-urlencoded" => BodyKind::Form,
        "multipart/form-data" => BodyKind::Multipart,
        e if e.starts_with("text/") => BodyKind::Text,
        "*/*" if is_string_schema => BodyKind::Text,
        _ => BodyKind::Bytes,
    }
}

fn is_bytes_media(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    matches!(essence, "application/octet-stream" | "*/*")
        || essence.starts_with("image/")
        || essence.starts_with("audio/")
        || essence.starts_with("video/")
        || essence.starts_with("application/pdf")
        || essence.starts_with("application/zip")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_params_are_read_in_order() {
        assert_eq!(path_params("/a/{b}/c/{d}.json"), vec!["b", "d"]);
        assert!(path_params("/plain").is_empty());
    }

    /// The router serves the first operation of a method and route that it can serve; the
    /// warnings say what it does. An operation left out for its security does not make the
    /// next one on the same route a "duplicate".
    #[test]
    fn route_warnings_follow_what_the_router_serves() {
        let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\ncomponents:\n  securitySchemes:\n    cert: {type: http, scheme: digest}\npaths:\n  /a/{x}:\n    get:\n      operationId: guarded\n      security: [{cert: []}]\n      parameters: [{name: x, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n  /a/{y}:\n    get:\n      operationId: open\n      parameters: [{name: y, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n  /a/{z}/:\n    get:\n      operationId: other\n      parameters: [{name: z, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n  /b/{y}.json:\n    get:\n      operationId: mixed\n      parameters: [{name: y, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n";
        let source = crate::load::Source::from_bytes("t.yaml", spec.as_bytes().to_vec()).unwrap();
        let (ir, warnings, _) = crate::Generator::new(crate::Settings::default())
            .resolve_source(&source)
            .unwrap();
        let serving = crate::ir::serving(&ir.operations);
        let by_name: Vec<(&str, &Serving)> = ir
            .operations
            .iter()
            .map(|operation| operation.name.as_str())
            .zip(&serving)
            .collect();
        assert_eq!(
            by_name,
            [
                ("guarded", &Serving::Unsatisfiable),
                ("open", &Serving::At("/a/{p0}".to_owned())),
                ("other", &Serving::At("/a/{p0}/".to_owned())),
                ("mixed", &Serving::At("/b/{p0}".to_owned())),
            ]
        );
        let messages: Vec<String> = warnings
            .into_vec()
            .into_iter()
            .map(|warning| warning.to_string())
            .collect();
        assert!(
            !messages.iter().any(|m| m.contains("keeps the first")),
            "{messages:#?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("no security alternative")),
            "{messages:#?}"
        );
    }

    /// Webhook names that write the same route segment (`new pet`, `new-pet`) are served at
    /// routes of their own, so the receiver serves both.
    #[test]
    fn webhooks_written_alike_get_routes_of_their_own() {
        let hook = "{post: {requestBody: {content: {application/json: {schema: {type: string}}}}, responses: {'200': {description: ok}}}}";
        let spec = format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\nwebhooks:\n  new pet: {hook}\n  new-pet: {hook}\n  new-pet-2: {hook}\n"
        );
        let source = crate::load::Source::from_bytes("t.yaml", spec.into_bytes()).unwrap();
        let (ir, warnings, _) = crate::Generator::new(crate::Settings::default())
            .resolve_source(&source)
            .unwrap();
        let routes: Vec<&str> = ir.webhooks.iter().map(|hook| hook.path.as_str()).collect();
        assert_eq!(routes, ["/new-pet", "/new-pet-2", "/new-pet-2-2"]);
        let serving = crate::ir::serving(&ir.webhooks);
        assert!(
            serving
                .iter()
                .all(|serving| matches!(serving, Serving::At(_))),
            "{serving:?}"
        );
        // The method names collide too, and say so; nothing is said of a route.
        let warnings: Vec<String> = warnings
            .into_vec()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(warnings.len(), 2, "{warnings:#?}");
        assert!(
            warnings.iter().all(|w| w.contains("method name")),
            "{warnings:#?}"
        );
    }
}
