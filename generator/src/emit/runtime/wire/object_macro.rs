/// `Serialize` and `Deserialize` for a struct: each field with its wire name and how it is
/// present: `required` (missing is an error), `optional` (`None` is left out), `nullable`
/// (`None` is `null`; missing reads as `None`), `optional_nullable` (a `Nullable`: `Absent`
/// is left out and read when missing) or `defaulted(f)` (missing reads as `f()`).
/// `..extra` names the map that keeps the properties the struct does not list; `closed` makes
/// a struct that allows no others refuse them while the server reads a request. A struct is
/// written as a map, so formats that would write a struct as a tuple (MessagePack, bincode)
/// read back what they wrote.
macro_rules! object {
    ($name:ident { $( $fields:tt )* }) => {
        wire::object!(@read $name { $( $fields )* } skip);
    };
    ($name:ident { $( $fields:tt )* } closed) => {
        wire::object!(@read $name { $( $fields )* } unlisted);
    };
    (@read $name:ident { $( $field:ident = $wire:literal $how:ident $( ($default:path) )? ),* $(,)? } $unlisted:ident) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap as _;
                let len = 0 $( + wire::object!(@len self.$field, $how) )*;
                let mut state = serializer.serialize_map(Some(len))?;
                $( wire::object!(@write state, $wire, self.$field, $how); )*
                state.end()
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                wire::deserialize(deserializer)
            }
        }
        impl wire::Object for $name {
            const NAME: &'static str = concat!("struct ", stringify!($name));
            fn visit<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                $( let mut $field = None; )*
                while let Some(key) = map.next_key::<wire::Text>()? {
                    match key.as_str() {
                        $( $wire => wire::field(&mut $field, &mut map, $wire), )*
                        _ => wire::$unlisted(&mut map),
                    }?;
                }
                Ok(Self {
                    $( $field: wire::object!(@finish $field, $wire, $how $($default)?), )*
                })
            }
        }
    };
    ($name:ident { $( $field:ident = $wire:literal $how:ident $( ($default:path) )? ),* $(,)? } ..$extra:ident) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap as _;
                let len = self.$extra.len() $( + wire::object!(@len self.$field, $how) )*;
                let mut state = serializer.serialize_map(Some(len))?;
                $( wire::object!(@write state, $wire, self.$field, $how); )*
                for (key, value) in &self.$extra {
                    state.serialize_entry(key, value)?;
                }
                state.end()
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                wire::deserialize(deserializer)
            }
        }
        impl wire::Object for $name {
            const NAME: &'static str = concat!("struct ", stringify!($name));
            fn visit<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                $( let mut $field = None; )*
                let mut $extra = Map::new();
                while let Some(key) = map.next_key::<wire::Text>()? {
                    match key.as_str() {
                        $( $wire => wire::field(&mut $field, &mut map, $wire), )*
                        _ => wire::extra(&mut $extra, key, &mut map),
                    }?;
                }
                Ok(Self {
                    $( $field: wire::object!(@finish $field, $wire, $how $($default)?), )*
                    $extra,
                })
            }
        }
    };
    (@len $value:expr, optional) => {
        usize::from($value.is_some())
    };
    (@len $value:expr, optional_nullable) => {
        usize::from(!$value.is_absent())
    };
    (@len $value:expr, $how:ident) => {
        1
    };
    (@write $state:ident, $wire:literal, $value:expr, optional) => {
        if let Some(value) = &$value {
            $state.serialize_entry($wire, value)?;
        }
    };
    (@write $state:ident, $wire:literal, $value:expr, optional_nullable) => {
        if !$value.is_absent() {
            $state.serialize_entry($wire, &$value)?;
        }
    };
    (@write $state:ident, $wire:literal, $value:expr, $how:ident) => {
        $state.serialize_entry($wire, &$value)?;
    };
    (@finish $slot:ident, $wire:literal, required) => {
        match $slot {
            Some(value) => value,
            None => return Err(serde::de::Error::missing_field($wire)),
        }
    };
    (@finish $slot:ident, $wire:literal, defaulted $default:path) => {
        $slot.unwrap_or_else($default)
    };
    (@finish $slot:ident, $wire:literal, optional_nullable) => {
        $slot.unwrap_or_default()
    };
    (@finish $slot:ident, $wire:literal, $how:ident) => {
        $slot.flatten()
    };
}
pub(crate) use object;
