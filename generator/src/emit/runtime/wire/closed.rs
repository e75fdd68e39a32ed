/// What pydantic says of a property a closed model does not list.
pub(crate) const EXTRA_FORBIDDEN: &str = "Extra inputs are not permitted";

/// Runs `read` with closed objects refusing unlisted properties.
pub(crate) fn refusing_unlisted<T>(read: impl FnOnce() -> T) -> T {
    /// Puts the flag back, also when `read` panics.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            REFUSING.set(self.0);
        }
    }
    let _restore = Restore(REFUSING.replace(true));
    read()
}

/// The value of a property a closed object does not list: skipped, or refused while a
/// request is read. The refusal is raised from inside the value, so the error's path ends
/// with the property's name.
pub(crate) fn unlisted<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    if !REFUSING.get() {
        return skip(map);
    }
    struct Refuse;
    impl<'de> serde::de::DeserializeSeed<'de> for Refuse {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, _: D) -> Result<(), D::Error> {
            Err(serde::de::Error::custom(EXTRA_FORBIDDEN))
        }
    }
    map.next_value_seed(Refuse)
}
