//! The intermediate representation: plain, ordered data describing what to generate.
//!
//! Built by `resolve`, never mutated afterwards: analyses read it and record their results
//! beside it, emitters read both. Every Rust name travels with its wire name.

use std::fmt;

/// Index of a [`TypeDef`] in [`Ir::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

impl fmt::Display for TypeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ir {
    pub api: ApiInfo,
    /// Every named type; [`TypeId`]s index into it.
    pub types: Vec<TypeDef>,
    /// In spec order (paths, then methods in the order of [`HttpMethod`]).
    pub operations: Vec<Operation>,
    /// The requests the API makes to its consumers (3.1 `webhooks`), as operations whose
    /// path is `/` and the webhook's name (where the generated receiver serves it).
    pub webhooks: Vec<Operation>,
    /// The spec's examples of the types above: of component schemas, of their properties,
    /// and of JSON bodies, each with its place.
    pub examples: Vec<Example>,
    pub security_schemes: Vec<SecurityScheme>,
    /// The keys of the `mutualTLS` security schemes (3.1): client certificates, which the TLS layer presents
    /// and checks (the client's `reqwest::Client`, the server's listener), not the code.
    pub mutual_tls: Vec<String>,
    pub servers: Vec<Server>,
}

/// One of the spec's examples and the type it shows a value of.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub pointer: String,
    pub ty: TypeRef,
    pub value: serde_json::Value,
    /// Why the example does not fit its type, when that is decided at generation time (a
    /// warning says so too): its test is written, ignored with this reason.
    pub misfit: Option<String>,
    /// The example's properties (JSON pointers within it) that their object's type does not
    /// list: reading passes over them, so they may be missing when it is written back.
    pub unlisted: Vec<String>,
}

impl Ir {
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    pub fn ids(&self) -> impl Iterator<Item = TypeId> + '_ {
        (0..self.types.len()).map(TypeId)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiInfo {
    pub title: String,
    /// `info.summary` (3.1): one line on what the API is.
    pub summary: Option<String>,
    pub version: String,
    pub description: Option<String>,
    /// `info.license`: its SPDX `identifier` (3.1), else its name, and its URL.
    pub license: Option<(String, Option<String>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust identifier (UpperCamelCase).
    pub name: String,
    /// The schema's name in the spec (its component key, or the path it was derived from).
    pub wire_name: String,
    /// Where the schema is defined.
    pub pointer: String,
    pub docs: Option<String>,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    StringEnum(StringEnum),
    IntegerEnum(IntegerEnum),
    /// An `enum` or `const` whose values are not all strings or all integers.
    LiteralEnum(LiteralEnum),
    Union(Union),
    /// A name for another type (`pub type Tags = Vec<String>;`).
    Alias(TypeRef),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// Properties not listed in `fields` (`additionalProperties`), kept in a map that is
    /// flattened beside them.
    pub additional: Option<AdditionalField>,
    /// No property but the listed ones is valid (`additionalProperties: false`,
    /// `unevaluatedProperties: false`): the server refuses others in requests, while every
    /// reader ignores them elsewhere (a newer server may send more).
    pub closed: bool,
    /// `dependentRequired`: when the field at the first index is present, the fields at the
    /// others must be too (checked by the server in requests).
    pub dependent_required: Vec<(usize, Vec<usize>)>,
    /// How many properties the object may have (`minProperties` / `maxProperties`; checked
    /// by the server in requests).
    pub min_properties: Option<usize>,
    pub max_properties: Option<usize>,
    /// Conditions between the fields (`if`/`then`/`else`, `dependentSchemas`), checked by the
    /// server in requests.
    pub conditionals: Vec<Conditional>,
}

/// A condition between a struct's fields: when every test holds, the `then` rules must,
/// else the `otherwise` ones.
#[derive(Debug, Clone, PartialEq)]
pub struct Conditional {
    /// Where the spec says it (`…/if`, `…/dependentSchemas/card`).
    pub at: String,
    pub when: Vec<Test>,
    pub then: Vec<Rule>,
    pub otherwise: Vec<Rule>,
}

/// A test of one field (by index); a field filled from its default counts as present.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    Present(usize),
    /// Absent, or one of these values (JSON Schema's `properties` apply to present ones only).
    OneOf(usize, Vec<serde_json::Value>),
}

/// A rule on one field (by index).
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    Present(usize),
    /// When present, one of these values.
    OneOf(usize, Vec<serde_json::Value>),
    /// When present, these validation keywords hold.
    Constraints(usize, Constraints),
}

#[derive(Debug, Clone, PartialEq)]
pub struct AdditionalField {
    pub name: String,
    pub ty: TypeRef,
    /// What each unlisted property's value must be (checked by the server in requests; boxed,
    /// as most structs have none and `TypeKind` holds `Struct` inline).
    pub constraints: Box<Constraints>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The Rust identifier as written in source (`r#type` for keywords).
    pub name: String,
    pub wire_name: String,
    pub pointer: String,
    pub docs: Option<String>,
    /// The value's type, without the nullability.
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: bool,
    pub default: Option<DefaultValue>,
    pub deprecated: bool,
    pub constraints: Constraints,
}

/// How a field is present on the wire. It decides the field's Rust type and how it is read
/// and written; [`Field::presence`] is the one place that tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always there and never `null`: `T`; a missing field is an error.
    Required,
    /// May be left out, never `null`: `Option<T>`, `None` left out.
    Optional,
    /// Always there, may be `null`: `Option<T>`, `None` written as `null` (a missing field
    /// is read as `None`, as lenient readers of such APIs expect).
    Nullable,
    /// May be left out and may be `null`, three different things on the wire (a PATCH body
    /// says "leave it", "clear it" or "set it"): `Nullable<T>`.
    OptionalNullable,
    /// Filled from the spec's default when left out: `T`, or `Option<T>` when it may be
    /// `null`.
    Defaulted,
}

impl Field {
    pub fn presence(&self) -> Presence {
        let spec_default = matches!(&self.default, Some(value) if *value != DefaultValue::Null);
        match (self.required, self.nullable) {
            (false, _) if spec_default => Presence::Defaulted,
            (false, true) => Presence::OptionalNullable,
            (false, false) => Presence::Optional,
            (true, true) => Presence::Nullable,
            (true, false) => Presence::Required,
        }
    }

    /// Whether the field's value is held in an `Option`.
    pub fn is_option(&self) -> bool {
        match self.presence() {
            Presence::Optional | Presence::Nullable => true,
            Presence::Defaulted => self.nullable,
            Presence::Required | Presence::OptionalNullable => false,
        }
    }

    /// Whether a struct's `Default` can fill the field (`None`, left out, or the spec's
    /// default): every presence but `Required`.
    pub fn can_default(&self) -> bool {
        self.presence() != Presence::Required
    }
}

/// The validation keywords the server enforces on a value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub minimum: Option<f64>,
    pub exclusive_minimum: bool,
    pub maximum: Option<f64>,
    pub exclusive_maximum: bool,
    /// In characters (Unicode scalar values), as JSON Schema counts them.
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    /// An ECMA-262 regular expression; checked when the Rust `regex` crate accepts it.
    pub pattern: Option<String>,
    /// A number must be a whole multiple of it (`multipleOf`, greater than 0).
    pub multiple_of: Option<f64>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    /// No two items of a list may be equal (`uniqueItems`).
    pub unique_items: bool,
    /// How many entries a map may have (`minProperties` / `maxProperties`).
    pub min_properties: Option<usize>,
    pub max_properties: Option<usize>,
    /// What the keys of a map must be.
    pub keys: Option<Box<KeyConstraints>>,
    /// What each item of a list must be (its `items` schema's keywords).
    pub items: Option<Box<Constraints>>,
    /// What each value of a map must be (its `additionalProperties` schema's keywords).
    pub values: Option<Box<Constraints>>,
}

/// The keys of a map: `patternProperties` where no other key is allowed, and `propertyNames`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyConstraints {
    /// A key must match one of these (none: any key).
    pub patterns: Vec<String>,
    /// What every key must be, as a string.
    pub each: Constraints,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A spec `default`, checked against the field's type.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    String(String),
    Integer(i64),
    Float(f64),
    /// For `format: float` fields, checked to fit.
    Float32(f32),
    Bool(bool),
    /// A unit variant of an enum of values (string, integer or literal): (enum, variant index).
    Variant(TypeId, usize),
    EmptyList,
    /// A list of values of the item type.
    List(Vec<DefaultValue>),
    EmptyMap,
    /// `null` for a nullable field.
    Null,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringEnum {
    pub variants: Vec<StringVariant>,
    /// The name of a variant that keeps values the spec does not list (`Other(String)`), when
    /// the catch-all setting is on.
    pub catch_all: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringVariant {
    pub name: String,
    pub value: String,
    pub docs: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegerEnum {
    pub variants: Vec<IntegerVariant>,
    /// As for [`StringEnum::catch_all`], holding an `i64`.
    pub catch_all: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegerVariant {
    pub name: String,
    pub value: i64,
    pub docs: Option<String>,
}

/// An `enum` (or `const`) of numbers, booleans, objects, lists, or values of mixed types:
/// each variant stands for one JSON value, which is read comparing numbers by value (`1` and
/// `1.0` are one number, as JSON Schema says).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralEnum {
    pub variants: Vec<LiteralVariant>,
    /// As for [`StringEnum::catch_all`], holding a `serde_json::Value`.
    pub catch_all: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralVariant {
    pub name: String,
    pub value: serde_json::Value,
    pub docs: Option<String>,
}

/// `oneOf` / `anyOf`: one of several types.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    /// Present when the spec names a discriminator property; without it the union is untagged
    /// and variants are tried in order.
    pub tag: Option<String>,
}

impl Ir {
    /// The tagged union a use of a type is, through aliases.
    pub fn tagged_union(&self, ty: &TypeRef) -> Option<&Union> {
        let mut ty = ty;
        for _ in 0..64 {
            match ty {
                TypeRef::Named(id) => match &self.get(*id).kind {
                    TypeKind::Alias(target) => ty = target,
                    TypeKind::Union(union) if union.tag.is_some() => return Some(union),
                    _ => return None,
                },
                TypeRef::Nullable(inner) => ty = inner,
                _ => return None,
            }
        }
        None
    }
}

impl Union {
    /// The variant a tagged union reads when the tag names no other (a base schema's own
    /// properties, for a subtype this spec does not list).
    pub fn fallback(&self) -> Option<&UnionVariant> {
        self.tag.as_ref()?;
        self.variants
            .last()
            .filter(|variant| variant.tag_values.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub name: String,
    /// The member's place in the spec (`.../oneOf/1`).
    pub pointer: String,
    pub ty: TypeRef,
    /// Discriminator values that select this variant (tagged unions only); the first is the one
    /// written when serializing. Empty in a tagged union for the one variant, last, that reads
    /// a value whose tag selects no other: the base of an inheritance union (see
    /// [`Union::fallback`]).
    pub tag_values: Vec<String>,
    /// The member's validation keywords (checked by the server where they tell the member's
    /// values apart; see `analysis::checked_variant`).
    pub constraints: Constraints,
}

/// A use of a type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    Named(TypeId),
    Scalar(Scalar),
    List(Box<TypeRef>),
    /// A JSON array of exactly these items, in order (`prefixItems`): a Rust tuple.
    Tuple(Vec<TypeRef>),
    /// A JSON object with arbitrary keys.
    Map(Box<TypeRef>),
    /// A value that may be `null` (in nested positions; fields carry `nullable` instead).
    Nullable(Box<TypeRef>),
    /// Free-form JSON.
    Any,
}

impl TypeRef {
    /// Whether the type is one of the `types` module's: a named type, `Base64Bytes` or a
    /// `Map` (code elsewhere names them `types::...`).
    pub fn is_model(&self) -> bool {
        matches!(
            self,
            TypeRef::Named(_) | TypeRef::Scalar(Scalar::Base64) | TypeRef::Map(_)
        )
    }

    /// Whether this use or one nested in it (a list's item, a tuple's member...) satisfies
    /// `found`; named types are not entered.
    pub fn contains(&self, found: &dyn Fn(&TypeRef) -> bool) -> bool {
        found(self)
            || match self {
                TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                    inner.contains(found)
                }
                TypeRef::Tuple(items) => items.iter().any(|item| item.contains(found)),
                TypeRef::Named(_) | TypeRef::Scalar(_) | TypeRef::Any => false,
            }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scalar {
    String,
    Bool,
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F32,
    F64,
    DateTime,
    Date,
    Uuid,
    /// `format: byte`: base64 text on the wire.
    Base64,
    /// `format: binary`: raw octets. Inside JSON they can only be text, so models hold a
    /// `String`; binary bodies are handled by the client and server, not the models.
    Binary,
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The Rust method name (snake_case).
    pub name: String,
    pub operation_id: Option<String>,
    pub method: HttpMethod,
    /// The path template, as written in the spec (`/events/{event_id}/invites`).
    pub path: String,
    pub pointer: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    /// Path-item parameters merged with the operation's, in the order they were declared.
    pub params: Vec<Parameter>,
    pub body: Option<RequestBody>,
    pub responses: Vec<Response>,
    /// The spec declares no response (3.1 makes `responses` optional): `responses` holds one
    /// `default` with the raw body, and the client hands over the status and headers too.
    pub undeclared_responses: bool,
    /// Alternatives, each a set of schemes used together. Empty: no credentials needed.
    pub security: Vec<Vec<Requirement>>,
    /// Callers without credentials are let in too (`security: [{}, ...]`, or an alternative
    /// only the TLS layer checks): the credentials of `security` are checked when sent.
    pub anonymous: bool,
    /// The spec requires credentials, but through no scheme we support: the server leaves
    /// the operation out rather than serve it open.
    pub unsatisfiable_security: bool,
}

impl Operation {
    /// What the server's handler is told of the caller, when the operation has security.
    pub fn caller(&self) -> Option<Caller> {
        if self.security.is_empty() {
            None
        } else if self
            .security
            .iter()
            .any(|alternative| alternative.len() > 1)
        {
            Some(Caller::All)
        } else if self.anonymous {
            Some(Caller::Optional)
        } else {
            Some(Caller::One)
        }
    }

    /// The schemes the operation's security alternatives use (indexes into
    /// [`Ir::security_schemes`]), repeated as they are.
    pub fn schemes(&self) -> impl Iterator<Item = usize> + '_ {
        self.security
            .iter()
            .flatten()
            .map(|requirement| requirement.scheme)
    }

    /// Parameters in the order methods take them, in the client and the server alike: path
    /// parameters as they appear in the path, then the others as declared.
    pub fn ordered_params(&self) -> Vec<&Parameter> {
        let mut ordered: Vec<&Parameter> = self
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
            .collect();
        ordered.sort_by_key(|p| self.path.find(&format!("{{{}}}", p.wire_name)));
        ordered.extend(
            self.params
                .iter()
                .filter(|p| p.location != ParamLocation::Path),
        );
        ordered
    }

    /// How the server router matches this operation's path ([`Route`]).
    pub fn route(&self) -> Route {
        Route::of(&self.path)
    }
}

/// A path template as the server router matches it: an axum route whose captures are named by
/// position (`/events/{p0}/invites`), so templates that differ only in parameter names share
/// one, plus what the generated code matches inside captures axum cannot express.
///
/// axum matches whole segments only. A segment that mixes parameters with text
/// (`{name}.json`, `{name}:cancel`, `v{major}.{minor}`), or that axum would refuse (text
/// starting with `:` or `*`, or holding a brace), becomes one capture, and the generated
/// code matches its [`Piece`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The axum route.
    pub path: String,
    /// The captures whose text the generated code matches, in path order.
    pub mixed: Vec<MixedSegment>,
    /// The capture holding each path parameter, by its name in the template.
    captures: Vec<(String, usize)>,
}

/// One capture of a [`Route`] that the generated code matches: `p{capture}` must read as
/// `pieces`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MixedSegment {
    pub capture: usize,
    pub pieces: Vec<Piece>,
}

/// A part of a path segment: text to match exactly, or a parameter's value (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// The parameter's name in the template.
    Param(String),
}

/// Where a path parameter's value is in a [`Route`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamPlace<'r> {
    /// The capture (`p{capture}`).
    pub capture: usize,
    /// For a mixed segment: its pieces, and which of its parameters this is.
    pub within: Option<(&'r [Piece], usize)>,
}

impl Route {
    pub fn of(template: &str) -> Self {
        let mut route = Route {
            path: String::new(),
            mixed: Vec::new(),
            captures: Vec::new(),
        };
        let mut segments = Vec::new();
        let mut next_capture = 0;
        for segment in template.split('/') {
            let pieces = pieces(segment);
            let whole_param = matches!(pieces.as_slice(), [Piece::Param(_)]);
            let plain_text = matches!(pieces.as_slice(), [] | [Piece::Text(_)])
                && !segment.starts_with([':', '*'])
                && !segment.contains(['{', '}']);
            if plain_text {
                segments.push(segment.to_owned());
                continue;
            }
            let capture = next_capture;
            next_capture += 1;
            segments.push(format!("{{p{capture}}}"));
            for piece in &pieces {
                if let Piece::Param(name) = piece {
                    route.captures.push((name.clone(), capture));
                }
            }
            if !whole_param {
                route.mixed.push(MixedSegment { capture, pieces });
            }
        }
        route.path = segments.join("/");
        route
    }

    /// Where the parameter named `name` in the template is; `None` when the template has no
    /// such parameter.
    pub fn place(&self, name: &str) -> Option<ParamPlace<'_>> {
        let &(_, capture) = self.captures.iter().find(|(n, _)| n == name)?;
        let within = self
            .mixed
            .iter()
            .find(|m| m.capture == capture)
            .map(|mixed| {
                let index = mixed
                    .pieces
                    .iter()
                    .filter_map(|piece| match piece {
                        Piece::Param(n) => Some(n),
                        Piece::Text(_) => None,
                    })
                    .position(|n| n == name)
                    .unwrap_or_default();
                (mixed.pieces.as_slice(), index)
            });
        Some(ParamPlace { capture, within })
    }

    /// How many characters of text the mixed segments match: of two templates on one route,
    /// the one with more is tried first (`/files/{name}.json` before `/files/{name}`).
    pub fn literal_len(&self) -> usize {
        self.mixed
            .iter()
            .flat_map(|mixed| &mixed.pieces)
            .map(|piece| match piece {
                Piece::Text(text) => text.chars().count(),
                Piece::Param(_) => 0,
            })
            .sum()
    }

    /// Two paths with the same key match the same URLs: the template with parameter names
    /// left out (`/files/{}.json`).
    fn key(template: &str) -> String {
        template
            .split('/')
            .map(|segment| {
                // A parameter is a character text cannot hold, so `{}` text is not one.
                pieces(segment)
                    .iter()
                    .map(|piece| match piece {
                        Piece::Text(text) => text.as_str(),
                        Piece::Param(_) => "\0",
                    })
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// The parameters of a path template, in order: what the client fills in and the server reads
/// (one parse, [`pieces`], for both).
pub fn template_params(template: &str) -> Vec<String> {
    template
        .split('/')
        .flat_map(pieces)
        .filter_map(|piece| match piece {
            Piece::Param(name) => Some(name),
            Piece::Text(_) => None,
        })
        .collect()
}

/// A segment's text and parameters: `{` opens a parameter and the next `}` in the segment
/// closes it; a brace without its pair, and `{}`, are text.
pub fn pieces(segment: &str) -> Vec<Piece> {
    // A nested `{` ends no parameter: `{a{b}` is the text `{a` and the parameter `b`.
    const OPEN_BRACE: char = '{';
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = segment;
    while !rest.is_empty() {
        let param = rest
            .strip_prefix('{')
            .and_then(|after| after.split_once('}'))
            .filter(|(name, _)| !name.is_empty() && !name.contains(OPEN_BRACE));
        match param {
            Some((name, after)) => {
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Param(name.to_owned()));
                rest = after;
            }
            None => {
                let mut chars = rest.chars();
                text.extend(chars.next());
                rest = chars.as_str();
            }
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    pieces
}

/// Whether the server router serves an operation: decided here once, for resolve's warnings
/// and for the emitters (through `Analysis::served`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Serving {
    /// Served at this axum route ([`Route::path`]).
    At(String),
    /// No security scheme the spec requires is one we support.
    Unsatisfiable,
    /// An earlier operation served has the same method and matches the same URLs (the same
    /// template, up to parameter names).
    Duplicate,
}

/// How the router serves each of `operations`, in order: the first of those with the same
/// method and template (up to parameter names) is served.
pub fn serving(operations: &[Operation]) -> Vec<Serving> {
    let mut taken = std::collections::BTreeSet::new();
    operations
        .iter()
        .map(|operation| {
            if operation.unsatisfiable_security {
                Serving::Unsatisfiable
            } else if taken.insert((Route::key(&operation.path), operation.method)) {
                Serving::At(operation.route().path)
            } else {
                Serving::Duplicate
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    pub const ALL: [HttpMethod; 8] = [
        Self::Get,
        Self::Put,
        Self::Post,
        Self::Delete,
        Self::Options,
        Self::Head,
        Self::Patch,
        Self::Trace,
    ];

    /// The method as the spec spells it (`get`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Get => "get",
            Self::Put => "put",
            Self::Post => "post",
            Self::Delete => "delete",
            Self::Options => "options",
            Self::Head => "head",
            Self::Patch => "patch",
            Self::Trace => "trace",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The Rust name (snake_case), unique within the operation.
    pub name: String,
    pub wire_name: String,
    pub location: ParamLocation,
    pub style: ParamStyle,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Option<String>,
    pub pointer: String,
    pub constraints: Constraints,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// How a parameter's value is written (OpenAPI `style` + `explode`, or `content`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamStyle {
    /// `a,b,c` (path and header default).
    Simple {
        explode: bool,
    },
    /// `name=a&name=b` exploded, `name=a,b` otherwise (query and cookie default).
    Form {
        explode: bool,
    },
    /// `.a` (path): lists `.a,b`, exploded `.a.b`.
    Label {
        explode: bool,
    },
    /// `;id=a` (path): lists `;id=a,b`, exploded `;id=a;id=b`.
    Matrix {
        explode: bool,
    },
    SpaceDelimited,
    PipeDelimited,
    /// `name[key]=value`.
    DeepObject,
    /// `content: {application/json: ...}`: the value as JSON text.
    Json,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    pub required: bool,
    pub media_type: String,
    pub kind: BodyKind,
    /// The body's type; for multipart bodies, see [`RequestBody::parts`].
    pub ty: TypeRef,
    /// For `multipart/form-data`: one entry per property of the body schema.
    pub parts: Vec<MultipartPart>,
    pub docs: Option<String>,
    /// The validation keywords of a JSON or form body's own schema (a map's keys, a list's
    /// length), which the server checks.
    pub constraints: Constraints,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyKind {
    Json,
    Form,
    Multipart,
    Text,
    /// Raw bytes: `application/octet-stream`, and any media type we do not otherwise read.
    Bytes,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MultipartPart {
    pub name: String,
    pub wire_name: String,
    pub ty: TypeRef,
    pub required: bool,
    /// `format: binary` (or a list of them): sent as a file part.
    pub file: bool,
    /// What the server checks of a value part.
    pub constraints: Constraints,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: StatusMatch,
    pub description: Option<String>,
    pub body: Option<ResponseBody>,
    pub headers: Vec<ResponseHeader>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusMatch {
    Code(u16),
    /// `4XX`: the hundreds digit.
    Range(u16),
    Default,
}

impl StatusMatch {
    pub fn is_success(self) -> bool {
        match self {
            Self::Code(code) => (200..300).contains(&code),
            Self::Range(hundreds) => hundreds == 2,
            Self::Default => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseBody {
    pub media_type: String,
    pub kind: BodyKind,
    pub ty: TypeRef,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeader {
    /// The Rust field name (snake_case), unique within the response.
    pub name: String,
    pub wire_name: String,
    pub required: bool,
    pub docs: Option<String>,
    /// The value's type: a scalar, an enum or a list of them in practice; written in the
    /// `simple` style.
    pub ty: TypeRef,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The key in `components.securitySchemes`.
    pub key: String,
    /// snake_case, for the credential setter (`with_api_key_auth`).
    pub name: String,
    pub kind: SecurityKind,
    pub docs: Option<String>,
}

/// What a secured operation's handler gets of the caller: the principals the `Api`'s
/// `authorize_…` methods returned for the alternative that let the request in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// Every alternative is one scheme: its principal.
    One,
    /// The same, and anonymous callers are let in too: `None` for them.
    Optional,
    /// Some alternative uses several schemes together: one principal per scheme of the
    /// alternative that passed, in its order (empty for an anonymous caller).
    All,
}

/// One scheme of a security alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// Index into [`Ir::security_schemes`].
    pub scheme: usize,
    /// The scopes (OAuth2, OpenID Connect) or, in 3.1, role names the credential must carry.
    pub scopes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecurityKind {
    ApiKey {
        location: ParamLocation,
        name: String,
    },
    /// HTTP bearer, OAuth2 and OpenID Connect: a token in `Authorization: Bearer`.
    Bearer,
    Basic,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// With every variable replaced by its default.
    pub url: String,
    pub description: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(text: &str) -> Piece {
        Piece::Text(text.to_owned())
    }

    fn param(name: &str) -> Piece {
        Piece::Param(name.to_owned())
    }

    #[test]
    fn whole_parameters_are_axum_captures_and_mixed_segments_are_ours() {
        let route = Route::of("/files/{name}.json");
        assert_eq!(route.path, "/files/{p0}");
        assert_eq!(
            route.mixed,
            [MixedSegment {
                capture: 0,
                pieces: vec![param("name"), text(".json")]
            }]
        );
        let route = Route::of("/v{major}.{minor}/items/{id}/{name}:cancel");
        assert_eq!(route.path, "/{p0}/items/{p1}/{p2}");
        assert_eq!(route.mixed.len(), 2);
        assert_eq!(
            route.place("minor"),
            Some(ParamPlace {
                capture: 0,
                within: Some((route.mixed[0].pieces.as_slice(), 1))
            })
        );
        assert_eq!(
            route.place("id"),
            Some(ParamPlace {
                capture: 1,
                within: None
            })
        );
        assert_eq!(route.place("name").map(|place| place.capture), Some(2));
        assert_eq!(route.place("other"), None);
        // Plain text stays a static segment, `:`/`*` text and braces become captures.
        assert_eq!(
            Route::of("/v1/operations:batchGet").path,
            "/v1/operations:batchGet"
        );
        let route = Route::of("/jobs/:search/*all/{}/a{b");
        assert_eq!(route.path, "/jobs/{p0}/{p1}/{p2}/{p3}");
        assert_eq!(route.mixed[0].pieces, [text(":search")]);
        assert_eq!(route.mixed[2].pieces, [text("{}")]);
        assert_eq!(route.mixed[3].pieces, [text("a{b")]);
        assert_eq!(Route::of("/").path, "/");
        assert_eq!(Route::of("/a//b/").path, "/a//b/");
    }

    #[test]
    fn templates_are_ordered_by_the_text_their_mixed_segments_match() {
        let json = Route::of("/files/{name}.json");
        let any = Route::of("/files/{id}.{format}");
        let plain = Route::of("/files/{name}");
        assert_eq!(
            [json.literal_len(), any.literal_len(), plain.literal_len()],
            [5, 1, 0]
        );
        // Characters, not bytes.
        assert_eq!(Route::of("/{a}é").literal_len(), 1);
    }

    /// The client, resolve and the router read a template alike: a brace pair inside one
    /// segment is a parameter, anything else is text.
    #[test]
    fn one_parse_decides_what_is_a_parameter() {
        assert_eq!(template_params("/a/{b}/c/{d}.json"), ["b", "d"]);
        assert!(template_params("/a/{x/y}").is_empty());
        assert!(template_params("/a/{}").is_empty());
        assert_eq!(template_params("/a/{a{b}"), ["b"]);
        assert_eq!(Route::of("/a/{x/y}").path, "/a/{p0}/{p1}");
        assert_eq!(Route::of("/a/{x/y}").place("x/y"), None);
    }

    #[test]
    fn templates_that_differ_only_in_parameter_names_match_the_same_urls() {
        assert_eq!(Route::key("/a/{x}.json"), Route::key("/a/{y}.json"));
        assert_ne!(Route::key("/a/{x}.json"), Route::key("/a/{x}"));
        assert_ne!(Route::key("/a/{x}{y}"), Route::key("/a/{x}"));
        // `{}` is text, not a parameter.
        assert_ne!(Route::key("/a/{}"), Route::key("/a/{x}"));
    }
}
