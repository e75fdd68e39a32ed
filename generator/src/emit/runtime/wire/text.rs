use std::borrow::Cow;

use serde::de::{Deserialize, Deserializer, Error, Visitor};

/// A string from the input, borrowed when the input allows it: a property name or
/// an enum value.
pub(crate) struct Text<'de>(Cow<'de, str>);

impl Text<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: Error>(self, value: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(value)))
            }
            fn visit_str<E: Error>(self, value: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(value.to_owned())))
            }
            fn visit_string<E: Error>(self, value: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(value)))
            }
            fn visit_borrowed_bytes<E: Error>(self, value: &'de [u8]) -> Result<Text<'de>, E> {
                std::str::from_utf8(value)
                    .map(|text| Text(Cow::Borrowed(text)))
                    .map_err(E::custom)
            }
            fn visit_bytes<E: Error>(self, value: &[u8]) -> Result<Text<'de>, E> {
                std::str::from_utf8(value)
                    .map(|text| Text(Cow::Owned(text.to_owned())))
                    .map_err(E::custom)
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}
