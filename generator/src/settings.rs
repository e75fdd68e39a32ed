//! What to generate, and how: one table drives the library's [`Settings`], the build.rs
//! [`Builder`](crate::Builder) setters and the CLI flags, so the three never drift apart and
//! each option is documented once.

/// The table: on/off flags, and repeatable `OLD=NEW` renames. Each entry becomes a field of
/// [`Settings`], a [`Builder`](crate::Builder) setter and a CLI flag with the same docs.
macro_rules! settings_table {
    (
        flags { $( $(#[doc = $flag_doc:expr])* $flag:ident; )* }
        names { $( $(#[doc = $name_doc:expr])* $name:ident; )* }
        renames { $( $(#[doc = $rename_doc:expr])* $rename:ident; )* }
    ) => {
        /// Options for a generation run, shared by the library, the build.rs builder and the
        /// CLI.
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct Settings {
            $( $(#[doc = $flag_doc])* pub $flag: bool, )*
            $( $(#[doc = $name_doc])* pub $name: Option<String>, )*
            $( $(#[doc = $rename_doc])* pub $rename: Vec<(String, String)>, )*
        }

        impl crate::Builder {
            $(
                $(#[doc = $flag_doc])*
                pub fn $flag(mut self, on: bool) -> Self {
                    self.settings.$flag = on;
                    self
                }
            )*
            $(
                $(#[doc = $name_doc])*
                pub fn $name(mut self, name: impl Into<String>) -> Self {
                    self.settings.$name = Some(name.into());
                    self
                }
            )*
            $(
                $(#[doc = $rename_doc])*
                pub fn $rename(mut self, old: impl Into<String>, new: impl Into<String>) -> Self {
                    self.settings.$rename.push((old.into(), new.into()));
                    self
                }
            )*
        }

        /// The settings as command-line flags.
        #[cfg(feature = "cli")]
        #[derive(Debug, Clone, clap::Args)]
        pub struct SettingsArgs {
            $( $(#[doc = $flag_doc])* #[arg(long)] pub $flag: bool, )*
            $( $(#[doc = $name_doc])* #[arg(long, value_name = "NAME")] pub $name: Option<String>, )*
            $(
                $(#[doc = $rename_doc])*
                #[arg(long, value_name = "OLD=NEW", value_parser = parse_rename)]
                pub $rename: Vec<(String, String)>,
            )*
        }

        #[cfg(feature = "cli")]
        impl From<&SettingsArgs> for Settings {
            fn from(args: &SettingsArgs) -> Self {
                Self {
                    $( $flag: args.$flag, )*
                    $( $name: args.$name.clone(), )*
                    $( $rename: args.$rename.clone(), )*
                }
            }
        }
    };
}

settings_table! {
    flags {
        /// Emit the `client` module (reqwest). Off by default: the models alone need only
        /// serde, serde_json and chrono, and each module adds its own dependencies.
        client;
        /// Emit the `server` module (axum). Off by default, like the client.
        server;
        /// Give every enum an extra variant that keeps values the spec does not list (and
        /// writes them back unchanged), so a client keeps working when the server adds a value.
        enum_catch_all;
        /// Let `$ref`s read files outside the spec's folder (refused by default, so a spec
        /// cannot make a build read arbitrary files).
        allow_outside_refs;
        /// Hold `additionalProperties` maps in `indexmap::IndexMap` (keeps the order of the
        /// keys as received) instead of `std::collections::BTreeMap` (sorted).
        index_map;
        /// Give every inline schema a type of its own. By default an inline schema identical
        /// to a component schema uses the component's type, and identical inline schemas that
        /// are one thing (one title, or one property name) share one type (fewer types to
        /// compile, and values that pass from one place to another).
        distinct_inline_types;
        /// Turn the spec's examples (of component schemas, of their properties, of JSON
        /// bodies) into tests: a `#[cfg(test)]` module in `types` reads each as its type and
        /// checks that writing it back gives the same JSON.
        example_tests;
        /// Give every `server::Api` method the request's `axum::http::request::Parts` as its
        /// first argument, `request`: its method, URI and headers, and the extensions tower
        /// layers put there (a request id, a tracing span, `ConnectInfo` for the peer's
        /// address).
        request_context;
    }
    names {
        /// Wrap everything generated in `pub mod NAME { ... }`.
        module;
    }
    renames {
        /// Rename a type: OLD is the schema's name in the spec (or the Rust name oasforge would
        /// give it), NEW the Rust name to use. Repeatable; a rename that matches nothing is a
        /// warning.
        rename_type;
        /// Rename a method: OLD is the `operationId` (or the method name oasforge would give
        /// it), NEW the method name to use. Repeatable; a rename that matches nothing is a
        /// warning.
        rename_operation;
    }
}

impl Settings {
    /// Models, client and server.
    pub fn everything() -> Self {
        Self {
            client: true,
            server: true,
            ..Self::default()
        }
    }
}

/// `OLD=NEW` for the rename flags.
#[cfg(feature = "cli")]
fn parse_rename(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((old, new)) if !old.is_empty() && !new.is_empty() => {
            Ok((old.to_owned(), new.to_owned()))
        }
        _ => Err(format!("expected OLD=NEW, found {text:?}")),
    }
}
