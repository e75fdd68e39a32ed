//! What to generate, and how.

/// Options for a generation run, shared by the library, the build.rs builder and the CLI.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Give every enum an extra variant that keeps values the spec does not list (and writes
    /// them back unchanged), so a client keeps working when the server adds a value.
    pub enum_catch_all: bool,
    /// Emit the `client` module (reqwest). Off by default: the models alone need only serde,
    /// serde_json and chrono, and each module adds its own dependencies.
    pub client: bool,
    /// Emit the `server` module (axum). Off by default, like the client.
    pub server: bool,
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
