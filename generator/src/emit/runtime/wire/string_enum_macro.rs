/// `as_str`, `Display`, `Serialize` and `Deserialize` for a string enum: each variant with
/// its value, and `or Other` for the variant that keeps the values the spec does not list.
macro_rules! string_enum {
    ($name:ident { $( $variant:ident = $value:literal ),* $(,)? }) => {
        impl $name {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )*
                }
            }
        }
        wire::string_enum!(@traits $name);
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <wire::Text as serde::Deserialize>::deserialize(deserializer)?;
                match text.as_str() {
                    $( $value => Ok(Self::$variant), )*
                    other => Err(serde::de::Error::unknown_variant(other, &[$( $value ),*])),
                }
            }
        }
    };
    ($name:ident { $( $variant:ident = $value:literal ),* $(,)? } or $other:ident) => {
        impl $name {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )*
                    Self::$other(value) => value.as_str(),
                }
            }
        }
        wire::string_enum!(@traits $name);
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <wire::Text as serde::Deserialize>::deserialize(deserializer)?;
                match text.as_str() {
                    $( $value => Ok(Self::$variant), )*
                    _ => Ok(Self::$other(text.into_string())),
                }
            }
        }
    };
    (@traits $name:ident) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}
pub(crate) use string_enum;
