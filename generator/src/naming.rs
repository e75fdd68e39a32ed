//! The one place that turns wire names into Rust identifiers.
//!
//! Every generated name goes through [`type_name`], [`field_name`] or [`variant_name`], and
//! every set of sibling names through a [`NameSet`], so the rules below hold everywhere:
//!
//! 1. Words are split by heck (`QR Code` -> `QrCode`, `event_id` -> `event_id`).
//! 2. `+` is spelled `Plus`, and a `-` that starts a number is spelled `Minus`, because those
//!    signs carry meaning (`+1` and `-1` are different values; `reactions-+1` is not
//!    `reactions--1`). Other punctuation only separates words.
//! 3. A name that would start with a digit gets a `V` (types, variants) or `v` (fields) prefix:
//!    `'44'` -> `V44`.
//! 4. Identifiers are ASCII; a name with no letters or digits left is spelled from its symbols (`/` -> `Slash`), and
//!    the empty string is `Empty`.
//! 5. Keywords become raw identifiers (`r#type`); the few that cannot be raw (`self`, `Self`,
//!    `super`, `crate`) get a trailing `_`. Type names that would shadow the prelude or the
//!    derives we use (`String`, `Option`, `Result`, `Vec`, `Box`, ...) get a `Model` suffix.
//! 6. Collisions among siblings are resolved in a fixed order: the first keeps the name, the
//!    next get `2`, `3`, ... (`_2` for snake case, and after a name ending in a digit); the
//!    number takes the place of a keyword's trailing `_` (`self_` -> `self_2`, `Self_` ->
//!    `Self2`). The wire name always travels with the Rust name, so serde renames keep the
//!    format unchanged.

const STRICT_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

const NOT_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The types the `types` module may hold besides the models: no model takes these names.
pub const HELPER_TYPES: &[&str] = &["Base64Bytes", "Map", "Nullable"];

/// Names generated code refers to unqualified; a model with one of these names would shadow it.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "PartialOrd",
    "Ord",
    "Serialize",
    "Deserialize",
    "Serializer",
    "Deserializer",
    "BTreeMap",
    "Self",
    "Base64Bytes",
    "Map",
    // The prelude's traits, which generated code names in bounds and impls (`+ Send`,
    // `impl From<…>`): a model named `Send` (mailscript.com) or `From` (vtex.local) shadowed
    // them.
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "AsRef",
    "AsMut",
    "Iterator",
    "IntoIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "Drop",
    "ToOwned",
    "ToString",
];

/// The methods of the client's `Client` besides the operations' (credential setters are
/// `with_{scheme}`, see [`credential_setter`]).
pub const CLIENT_METHODS: &[&str] = &["new", "with_client", "base_url", "http_client"];

/// The fields and methods every request builder has besides its parameters'.
pub const BUILDER_MEMBERS: &[&str] = &["client", "send", "body", "build_request", "read_answer"];

/// The types and imports of the client module besides the operations'.
pub const CLIENT_TYPES: &[&str] = &[
    "Client",
    "Credentials",
    "Error",
    "File",
    "ResponseValue",
    "Rendered",
    "BoxFuture",
    "Future",
    "IntoFuture",
    "Answer",
];

/// The types of the server module besides the operations' response enums.
pub const SERVER_TYPES: &[&str] = &[
    "Api",
    "ServerError",
    "Part",
    "Problem",
    "Rejection",
    "PathPiece",
    "File",
    "FormParts",
];

/// The items the client and the server make for an operation, named after its builder (the
/// operation's name in `UpperCamelCase`): `GetPet`, `GetPetError`, ...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationItem {
    /// The enum of the error answers (client).
    Error,
    /// The enum of the successful answers (client), or of all answers (server).
    Response,
    /// The struct a `multipart/form-data` body is given as (client).
    Form,
}

/// The name of `item` of the operation whose builder is `builder`, before collisions.
pub fn operation_item(builder: &str, item: OperationItem) -> String {
    let suffix = match item {
        OperationItem::Error => "Error",
        OperationItem::Response => "Response",
        OperationItem::Form => "Form",
    };
    format!("{builder}{suffix}")
}

/// The server's handler function of an operation: `handle_get_pet`.
pub fn handler_name(operation: &str) -> String {
    format!("handle_{}", unraw(operation))
}

/// The server's struct of the headers one answer declares: `GetPetOkHeaders`.
pub fn headers_name(operation_type: &str, status: crate::ir::StatusMatch) -> String {
    format!("{operation_type}{}Headers", status_name(status))
}

/// The `Api` method that checks a security scheme's credentials: `authorize_api_key`.
pub fn hook_name(scheme: &str) -> String {
    format!("authorize_{}", unraw(scheme))
}

/// The `Client` method that sets a security scheme's credentials: `with_api_key`.
pub fn credential_setter(scheme: &str) -> String {
    format!("with_{}", unraw(scheme))
}

/// A Rust type name (UpperCamelCase) for a wire name.
pub fn type_name(wire: &str) -> String {
    unreserved(camel(wire, 'V'))
}

/// [`type_name`] and [`field_name`] with memory: specs repeat property names (`id`, `url`)
/// thousands of times, and the case conversions are most of the cost of naming.
#[derive(Debug, Default)]
pub struct NameCache {
    type_names: foldhash::HashMap<String, String>,
    field_names: foldhash::HashMap<String, String>,
}

impl NameCache {
    pub fn type_name(&mut self, wire: &str) -> String {
        Self::remembered(&mut self.type_names, wire, type_name)
    }

    pub fn field_name(&mut self, wire: &str) -> String {
        Self::remembered(&mut self.field_names, wire, field_name)
    }

    fn remembered(
        known: &mut foldhash::HashMap<String, String>,
        wire: &str,
        make: fn(&str) -> String,
    ) -> String {
        if let Some(name) = known.get(wire) {
            return name.clone();
        }
        let name = make(wire);
        known.insert(wire.to_owned(), name.clone());
        name
    }
}

/// Rule 5 for type names made by joining pieces (`Result` from `Res` + `ult`).
pub fn unreserved(name: String) -> String {
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}Model")
    } else {
        name
    }
}

/// The name of the catch-all enum variant; fixed, so it reads the same in every enum.
pub const CATCH_ALL_VARIANT: &str = "Other";

/// The name of the flattened map of `additionalProperties` in a struct.
pub const ADDITIONAL_PROPERTIES_FIELD: &str = "additional_properties";

/// Words of an UpperCamelCase name (`QrCode` -> `Qr`, `Code`).
pub fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (index, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..index]);
            start = index;
        }
    }
    if start < name.len() {
        words.push(&name[start..]);
    }
    words
}

/// A Rust enum variant name (UpperCamelCase) for a wire value.
pub fn variant_name(wire: &str) -> String {
    let name = camel(wire, 'V');
    if name == "Self" {
        "Self_".to_owned()
    } else {
        name
    }
}

/// A variant name for one value of an enum that is not all strings: a number keeps its
/// decimal point as `_` (`1.5` -> `V1_5`, `-2` -> `Minus2`, `1e3` -> `V1E3`), so `1.5` and `15`
/// do not read alike; booleans are `True` / `False`; an object of scalars is named by its
/// entries (`{kind: dog}` -> `KindDog`); other objects and lists are `Object` and `List`.
pub fn literal_variant_name(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::String(text) => variant_name(text),
        Value::Number(number) => {
            let text = number.to_string();
            let (sign, digits) = match text.strip_prefix('-') {
                Some(rest) => ("Minus", rest),
                None => ("V", text.as_str()),
            };
            let digits = digits
                .replace('.', "_")
                .replace("e-", "EMinus")
                .replace(['e', 'E'], "E")
                .replace('+', "");
            format!("{sign}{digits}")
        }
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Null => "Null".to_owned(),
        Value::Object(entries) => {
            let mut words = Vec::new();
            for (key, value) in entries {
                let value = match value {
                    Value::String(text) => text.clone(),
                    Value::Number(_) | Value::Bool(_) => value.to_string(),
                    _ => return "Object".to_owned(),
                };
                words.push(key.clone());
                words.push(value);
            }
            let name = variant_name(&words.join(" "));
            if words.is_empty() || name.len() > 40 {
                "Object".to_owned()
            } else {
                name
            }
        }
        Value::Array(items) => {
            let mut parts = Vec::new();
            for item in items {
                if item.is_array() || item.is_object() {
                    return "List".to_owned();
                }
                let name = literal_variant_name(item);
                // `V1` -> `1`: after `List` the digit needs no prefix.
                let bare = match name.strip_prefix('V') {
                    Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest.to_owned(),
                    _ => name,
                };
                parts.push(bare);
            }
            let name = format!("List{}", parts.join("And"));
            if parts.is_empty() || name.len() > 40 {
                "List".to_owned()
            } else {
                name
            }
        }
    }
}

/// A Rust field or function name (snake_case) for a wire name, as it is written in source
/// (keywords come back as `r#type`).
pub fn field_name(wire: &str) -> String {
    let mut name = ascii_only(snake_case(&spell_signs(wire)));
    if name.is_empty() {
        name = snake_case(&spell_symbols(wire));
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'v');
    }
    escape_keyword(name)
}

/// The identifier form of a snake_case name without its raw prefix (`r#type` -> `type`), for
/// building other names from it.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

fn camel(wire: &str, digit_prefix: char) -> String {
    let mut name = ascii_only(upper_camel_case(&spell_signs(wire)));
    if name.is_empty() {
        name = upper_camel_case(&spell_symbols(wire));
    }
    // `ÁKK` is `Ákk` to heck and `kk` once ASCII: keep it UpperCamelCase.
    if let Some(first) = name.get(..1)
        && first != first.to_ascii_uppercase()
    {
        name = first.to_ascii_uppercase() + &name[1..];
    }
    // `AB` (from `a/b`) reads as an acronym to clippy's `upper_case_acronyms`; write `Ab`.
    if name.len() > 1 && name.chars().all(|c| c.is_ascii_uppercase()) {
        name = name[..1].to_owned() + &name[1..].to_ascii_lowercase();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, digit_prefix);
    }
    name
}

/// The method name for an operation: its `operationId` in snake_case, shortened to the
/// function name when FastAPI made the id (`get_invites_events__event_id__invites_get` for
/// `GET /events/{event_id}/invites` is `get_invites`); without an id, the method and the path
/// (`get_events_by_event_id_invites`). Returns (preferred, fallback): the caller uses the
/// fallback when the preferred name is taken by another operation.
pub fn operation_names(operation_id: Option<&str>, method: &str, path: &str) -> (String, String) {
    let Some(id) = operation_id.filter(|id| !id.trim().is_empty()) else {
        let name = method_path_name(method, path);
        return (name.clone(), name);
    };
    let full = field_name(id);
    let fastapi_suffix: String = path
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .chain(format!("_{method}").chars())
        .collect();
    match id.strip_suffix(&fastapi_suffix) {
        Some(function) if !function.is_empty() => (field_name(function), full),
        _ => (full.clone(), full),
    }
}

fn method_path_name(method: &str, path: &str) -> String {
    let mut words = vec![method.to_owned()];
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => words.push(format!("by_{param}")),
            None => words.push(segment.to_owned()),
        }
    }
    field_name(&words.join("_"))
}

/// The variant name for a response status in an operation's error or response enum.
pub fn status_name(status: crate::ir::StatusMatch) -> String {
    use crate::ir::StatusMatch;
    let name = match status {
        StatusMatch::Code(code) => match code {
            200 => "Ok",
            201 => "Created",
            202 => "Accepted",
            203 => "NonAuthoritativeInformation",
            204 => "NoContent",
            206 => "PartialContent",
            301 => "MovedPermanently",
            302 => "Found",
            304 => "NotModified",
            307 => "TemporaryRedirect",
            308 => "PermanentRedirect",
            400 => "BadRequest",
            401 => "Unauthorized",
            402 => "PaymentRequired",
            403 => "Forbidden",
            404 => "NotFound",
            405 => "MethodNotAllowed",
            406 => "NotAcceptable",
            408 => "RequestTimeout",
            409 => "Conflict",
            410 => "Gone",
            412 => "PreconditionFailed",
            413 => "PayloadTooLarge",
            415 => "UnsupportedMediaType",
            416 => "RangeNotSatisfiable",
            422 => "UnprocessableEntity",
            423 => "Locked",
            428 => "PreconditionRequired",
            429 => "TooManyRequests",
            451 => "UnavailableForLegalReasons",
            500 => "InternalServerError",
            501 => "NotImplemented",
            502 => "BadGateway",
            503 => "ServiceUnavailable",
            504 => "GatewayTimeout",
            other => return format!("Status{other}"),
        },
        StatusMatch::Range(1) => "Informational",
        StatusMatch::Range(2) => "Success",
        StatusMatch::Range(3) => "Redirection",
        StatusMatch::Range(4) => "ClientError",
        StatusMatch::Range(5) => "ServerError",
        StatusMatch::Range(other) => return format!("Status{other}xx"),
        StatusMatch::Default => "Other",
    };
    name.to_owned()
}

/// Identifiers are kept to ASCII: rustc warns on uncommon Unicode code points, and generated
/// code must compile under `deny(warnings)`.
fn ascii_only(name: String) -> String {
    if name.is_ascii() {
        return name;
    }
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect::<String>()
        .trim_matches('_')
        .to_owned()
}

/// Rule 2: keep the meaning of signs that heck would otherwise drop as separators.
fn spell_signs(wire: &str) -> String {
    if !wire.contains(['+', '-']) {
        return wire.to_owned();
    }
    let mut out = String::with_capacity(wire.len() + 8);
    let mut previous: Option<char> = None;
    let mut chars = wire.chars().peekable();
    while let Some(c) = chars.next() {
        let next_is_digit = chars.peek().is_some_and(|n| n.is_ascii_digit());
        let starts_number = previous.is_none_or(|p| !p.is_alphanumeric());
        match c {
            '+' => out.push_str(" Plus "),
            '-' if next_is_digit && starts_number => out.push_str(" Minus "),
            _ => out.push(c),
        }
        previous = Some(c);
    }
    out
}

/// Rule 4: a value made only of symbols (`*`, `/`, `<=`) is named after them.
fn spell_symbols(wire: &str) -> String {
    if wire.is_empty() {
        return "Empty".to_owned();
    }
    let mut out = String::new();
    for c in wire.chars() {
        let word = match c {
            '+' => "Plus",
            '-' => "Minus",
            '*' => "Star",
            '/' => "Slash",
            '\\' => "Backslash",
            '.' => "Dot",
            ',' => "Comma",
            ':' => "Colon",
            ';' => "Semicolon",
            '=' => "Equals",
            '<' => "Less",
            '>' => "Greater",
            '!' => "Bang",
            '?' => "Question",
            '@' => "At",
            '#' => "Hash",
            '$' => "Dollar",
            '%' => "Percent",
            '^' => "Caret",
            '&' => "Amp",
            '|' => "Pipe",
            '~' => "Tilde",
            '_' => "Underscore",
            '(' | ')' => "Paren",
            '[' | ']' => "Bracket",
            '{' | '}' => "Brace",
            '\'' | '"' | '`' => "Quote",
            c if c.is_whitespace() => "Space",
            _ => "Symbol",
        };
        out.push(' ');
        out.push_str(word);
    }
    out
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else if STRICT_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Sibling names (types in a module, fields in a struct, variants in an enum) kept unique by
/// rule 6.
#[derive(Debug, Default, Clone)]
pub struct NameSet {
    /// Only asked whether a name is in it, never listed, so its order cannot reach the output.
    taken: foldhash::HashSet<String>,
}

impl NameSet {
    pub fn new() -> Self {
        Self::default()
    }

    /// Claims `name`, or the first free `name2`, `name3`, ... (`name_2` for snake case).
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let snake = name.starts_with(|c: char| c.is_lowercase()) || name.starts_with("r#");
        // A keyword's `_` (rule 5) gives way to the number: `self_2`, `Self2`, which the
        // naming lints accept (`self__2` and `Self_2` they do not).
        let base = unraw(&name).trim_end_matches('_').to_owned();
        // `V12` + 2 must not read as the value 122.
        let separator = if snake || base.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }
}

/// heck's UpperCamelCase. ASCII names (nearly all) are converted here, word by word as heck
/// splits them: heck writes every character through `fmt`, which made it the largest cost of
/// naming on large specs. A test holds the two equal.
fn upper_camel_case(name: &str) -> String {
    if !name.is_ascii() {
        return heck::ToUpperCamelCase::to_upper_camel_case(name);
    }
    let mut out = String::with_capacity(name.len());
    for_each_ascii_word(name, |word| {
        let mut bytes = word.bytes();
        out.extend(
            bytes
                .next()
                .map(|first| char::from(first.to_ascii_uppercase())),
        );
        out.extend(bytes.map(|rest| char::from(rest.to_ascii_lowercase())));
    });
    out
}

/// heck's snake_case, as [`upper_camel_case`] is its UpperCamelCase, but for one word:
/// `OAuth` is `oauth` (`OAuth2Bearer` -> `oauth2_bearer`, where heck writes `o_auth2_bearer`).
fn snake_case(name: &str) -> String {
    if name.contains("OAuth") {
        return snake_case(&name.replace("OAuth", "Oauth"));
    }
    if !name.is_ascii() {
        return heck::ToSnakeCase::to_snake_case(name);
    }
    let mut out = String::with_capacity(name.len() + 4);
    for_each_ascii_word(name, |word| {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(
            word.bytes()
                .map(|byte| char::from(byte.to_ascii_lowercase())),
        );
    });
    out
}

/// The words of an ASCII name by heck's rules: anything but letters and digits separates
/// words; within a run, a word ends after a lowercase letter followed by an uppercase one
/// (`eventId`), and before the last capital of an acronym followed by a lowercase letter
/// (`HTTPServer` -> `HTTP`, `Server`). Digits continue the word they are in. Words are never
/// empty.
fn for_each_ascii_word<'a>(name: &'a str, mut word: impl FnMut(&'a str)) {
    #[derive(Clone, Copy, PartialEq)]
    enum LastCased {
        Nothing,
        Lower,
        Upper,
    }
    for run in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = run.as_bytes();
        let mut start = 0;
        let mut last = LastCased::Nothing;
        for (index, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(index + 1) else {
                word(&run[start..]);
                break;
            };
            let with_c = if c.is_ascii_lowercase() {
                LastCased::Lower
            } else if c.is_ascii_uppercase() {
                LastCased::Upper
            } else {
                last
            };
            if with_c == LastCased::Lower && next.is_ascii_uppercase() {
                word(&run[start..=index]);
                start = index + 1;
                last = LastCased::Nothing;
            } else if last == LastCased::Upper
                && c.is_ascii_uppercase()
                && next.is_ascii_lowercase()
            {
                word(&run[start..index]);
                start = index;
                last = LastCased::Nothing;
            } else {
                last = with_c;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oauth_is_one_word_in_snake_case() {
        assert_eq!(snake_case("OAuth2PasswordBearer"), "oauth2_password_bearer");
        assert_eq!(snake_case("myOAuthToken"), "my_oauth_token");
        assert_eq!(credential_setter(&field_name("OAuth2")), "with_oauth2");
        // The type name keeps the brand's spelling.
        assert_eq!(type_name("OAuth2PasswordBearer"), "OAuth2PasswordBearer");
    }

    #[test]
    fn ascii_case_conversion_is_hecks() {
        use heck::{ToSnakeCase, ToUpperCamelCase};
        let mut names: Vec<String> = [
            "",
            "a",
            "A",
            "_",
            "1",
            "eventId",
            "HTTPServer",
            "HTTPValidationError",
            "ABC",
            "aBC",
            "AbC",
            "a1B",
            "A1b",
            "ab1Cd",
            "X-GitHub-Api-Version",
            "QR Code",
            "get_invites_events__event_id__invites_get",
            "reactions Plus 1",
            "__a__b__",
            "v2Api",
            "V2API",
            "iOS",
            "IOs",
            "IOS9Beta",
            "nameURLs",
            "URLsName",
            "a.b c",
        ]
        .map(String::from)
        .to_vec();
        // Every string of up to five characters from an alphabet that exercises each rule.
        const ALPHABET: &[u8] = b"aZ9_ -";
        let mut frontier = vec![String::new()];
        for _ in 0..5 {
            frontier = frontier
                .iter()
                .flat_map(|prefix| {
                    ALPHABET
                        .iter()
                        .map(move |&c| format!("{prefix}{}", char::from(c)))
                })
                .collect();
            names.extend(frontier.iter().cloned());
        }
        assert!(names.len() > 9_000);
        for name in &names {
            assert_eq!(
                upper_camel_case(name),
                name.to_upper_camel_case(),
                "{name:?}"
            );
            assert_eq!(snake_case(name), name.to_snake_case(), "{name:?}");
        }
        // Other names are heck's own conversion.
        assert_eq!(upper_camel_case("größe Straße"), "GrößeStraße");
        assert_eq!(snake_case("ÀBc"), "à_bc");
    }

    #[test]
    fn type_names_are_upper_camel_case() {
        assert_eq!(type_name("HTTPValidationError"), "HttpValidationError");
        assert_eq!(type_name("invite_status"), "InviteStatus");
        assert_eq!(type_name("Result"), "ResultModel");
        assert_eq!(type_name("3dModel"), "V3dModel");
        assert_eq!(unreserved("Option".into()), "OptionModel");
        assert_eq!(unreserved("Send".into()), "SendModel");
        assert_eq!(unreserved("From".into()), "FromModel");
        assert_eq!(camel_words("QrCodeV1"), vec!["Qr", "Code", "V1"]);
    }

    #[test]
    fn variant_names_follow_the_documented_rule() {
        assert_eq!(variant_name("QR Code"), "QrCode");
        assert_eq!(variant_name("1"), "V1");
        assert_eq!(variant_name("44"), "V44");
        assert_eq!(variant_name("+1"), "Plus1");
        assert_eq!(variant_name("-1"), "Minus1");
        assert_eq!(variant_name("reactions-+1"), "ReactionsPlus1");
        assert_eq!(variant_name("reactions--1"), "ReactionsMinus1");
        assert_eq!(variant_name("well-known"), "WellKnown");
        assert_eq!(variant_name("a/b"), "Ab");
        assert_eq!(variant_name("größe"), "Gre");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("*"), "Star");
        assert_eq!(variant_name("<="), "LessEquals");
        assert_eq!(variant_name("Self"), "Self_");
    }

    #[test]
    fn literal_variant_names_keep_what_tells_values_apart() {
        use serde_json::json;
        assert_eq!(literal_variant_name(&json!(1.5)), "V1_5");
        assert_eq!(literal_variant_name(&json!(15)), "V15");
        assert_eq!(literal_variant_name(&json!(-2)), "Minus2");
        assert_eq!(literal_variant_name(&json!(-0.25)), "Minus0_25");
        assert_eq!(literal_variant_name(&json!(1e300)), "V1E300");
        assert_eq!(literal_variant_name(&json!(1e-7)), "V1EMinus7");
        assert_eq!(literal_variant_name(&json!(true)), "True");
        assert_eq!(literal_variant_name(&json!("on hold")), "OnHold");
        assert_eq!(literal_variant_name(&json!({"kind": "dog"})), "KindDog");
        assert_eq!(
            literal_variant_name(&json!({"size": 2, "big": true})),
            "Size2BigTrue"
        );
        assert_eq!(literal_variant_name(&json!({"a": [1]})), "Object");
        assert_eq!(literal_variant_name(&json!({})), "Object");
        assert_eq!(literal_variant_name(&json!([1, 2])), "List1And2");
        assert_eq!(
            literal_variant_name(&json!(["a", -1.5])),
            "ListAAndMinus1_5"
        );
        assert_eq!(literal_variant_name(&json!([[1]])), "List");
        assert_eq!(literal_variant_name(&json!([])), "List");
    }

    #[test]
    fn field_names_are_snake_case_with_keywords_escaped() {
        assert_eq!(field_name("firstName"), "first_name");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("1st"), "v1st");
        assert_eq!(field_name("@id"), "id");
        assert_eq!(field_name("+1"), "plus_1");
        assert_eq!(field_name(""), "empty");
        assert_eq!(unraw("r#type"), "type");
    }

    #[test]
    fn operation_names_shorten_fastapi_ids() {
        let (short, full) = operation_names(
            Some("get_invites_events__event_id__invites_get"),
            "get",
            "/events/{event_id}/invites",
        );
        assert_eq!(short, "get_invites");
        assert_eq!(full, "get_invites_events_event_id_invites_get");
        let (name, _) = operation_names(Some("listPets"), "get", "/pets");
        assert_eq!(name, "list_pets");
        let (name, _) = operation_names(None, "get", "/events/{event_id}/invites");
        assert_eq!(name, "get_events_by_event_id_invites");
        let (name, _) = operation_names(Some("  "), "delete", "/");
        assert_eq!(name, "delete");
    }

    #[test]
    fn collisions_get_numbered_in_claim_order() {
        let mut names = NameSet::new();
        assert_eq!(names.claim("AB".into()), "AB");
        assert_eq!(names.claim("AB".into()), "AB2");
        assert_eq!(names.claim("AB".into()), "AB3");
        assert_eq!(names.claim("V12".into()), "V12");
        assert_eq!(names.claim("V12".into()), "V12_2");
        let mut fields = NameSet::new();
        assert_eq!(fields.claim("r#type".into()), "r#type");
        assert_eq!(fields.claim("r#type".into()), "type_2");
        assert_eq!(fields.claim("user_id".into()), "user_id");
        assert_eq!(fields.claim("user_id".into()), "user_id_2");
        // A keyword's `_` gives way to the number.
        assert_eq!(fields.claim(field_name("self")), "self_");
        assert_eq!(fields.claim(field_name("SELF")), "self_2");
        let mut variants = NameSet::new();
        assert_eq!(variants.claim(variant_name("Self")), "Self_");
        assert_eq!(variants.claim(variant_name("Self")), "Self2");
    }
}
