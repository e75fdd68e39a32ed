thread_local! {
    /// Set while the server reads a request (`refusing_unlisted`): closed objects then refuse
    /// the properties they do not list. Every other read ignores them, as a reader of a newer
    /// server's answers must.
    static REFUSING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}
