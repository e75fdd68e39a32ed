//! The parts of the generated code that are the same for every spec, as Rust files: compiled
//! and tested here (below), and written into the output as they are, each when some code
//! calls it.
//!
//! The functions and types are parsed and printed like the rest of the output; the macro
//! definitions (`*_macro.rs`) and the `thread_local!` (`refusing_flag.rs`) are written as
//! text, because prettyplease can only print a macro's tokens as a flat stream.

/// `types::wire`: the serde support the models' `wire::object!` and `wire::string_enum!`
/// invocations expand to.
pub(super) mod wire {
    /// `Text`, the borrowed string keys and enum values are read as (its `into_string` is
    /// left out when nothing takes ownership of one).
    pub(in crate::emit) const TEXT: &str = include_str!("wire/text.rs");
    /// `Object` and `deserialize`, what every struct's `Deserialize` goes through.
    pub(in crate::emit) const OBJECT: &str = include_str!("wire/object.rs");
    /// `field`: for structs with fields.
    pub(in crate::emit) const FIELD: &str = include_str!("wire/field.rs");
    /// `skip`: for structs that ignore unlisted properties.
    pub(in crate::emit) const SKIP: &str = include_str!("wire/skip.rs");
    /// `extra`: for structs that keep unlisted properties.
    pub(in crate::emit) const EXTRA: &str = include_str!("wire/extra.rs");
    /// `unlisted` and `refusing_unlisted`: for structs that allow no unlisted properties,
    /// with the flag they share.
    pub(in crate::emit) const CLOSED: &str = include_str!("wire/closed.rs");
    pub(in crate::emit) const REFUSING_FLAG: &str = include_str!("wire/refusing_flag.rs");
    /// `same_json` and `position`: for enums of JSON values. `same_json` is the generator's
    /// own (`src/same_json.rs`), so both decide alike.
    pub(in crate::emit) const SAME_JSON: &str = include_str!("../../same_json.rs");
    pub(in crate::emit) const LITERAL: &str = include_str!("wire/literal.rs");
    pub(in crate::emit) const OBJECT_MACRO: &str = include_str!("wire/object_macro.rs");
    pub(in crate::emit) const STRING_ENUM_MACRO: &str = include_str!("wire/string_enum_macro.rs");
}

/// `types::Nullable`, the type of optional fields that may be `null`.
pub(super) const NULLABLE: &str = include_str!("nullable.rs");

/// The examples module's `check`, and `same_instant` with chrono or, for a spec without
/// date-times, without.
pub(super) mod examples {
    pub(in crate::emit) const CHECK: &str = include_str!("examples/check.rs");
    pub(in crate::emit) const INSTANT: &str = include_str!("examples/instant.rs");
    pub(in crate::emit) const NO_INSTANT: &str = include_str!("examples/no_instant.rs");
}

/// The client's `sendable!`.
pub(super) const SENDABLE_MACRO: &str = include_str!("client/sendable_macro.rs");

/// The server's `PathPiece` and `split_segment`: matching a path segment that mixes
/// parameters with text.
pub(super) const SPLIT_SEGMENT: &str = include_str!("server/split_segment.rs");

/// The runtime compiled as the output holds it, and its behaviour checked: a `types` module
/// with every `wire` helper, and models written with the macros.
#[cfg(test)]
#[allow(dead_code)]
mod compiled {
    mod wire {
        include!("wire/text.rs");
        include!("wire/object.rs");
        include!("wire/field.rs");
        include!("wire/skip.rs");
        include!("wire/extra.rs");
        include!("wire/closed.rs");
        include!("wire/refusing_flag.rs");
        include!("wire/object_macro.rs");
        include!("wire/string_enum_macro.rs");
        include!("../../same_json.rs");
        include!("wire/literal.rs");
    }

    include!("nullable.rs");

    type Map<K, V> = std::collections::BTreeMap<K, V>;

    #[derive(Debug, PartialEq)]
    struct Invite {
        name: String,
        note: Option<String>,
        reply: Option<String>,
        status: Status,
        r#type: Option<i64>,
    }

    impl Invite {
        fn default_status() -> Status {
            Status::Open
        }
    }

    wire::object!(Invite {
        name = "name" required,
        note = "note" optional,
        reply = "reply" nullable,
        status = "status" defaulted(Self::default_status),
        r#type = "type" optional,
    });

    #[derive(Debug, Default, PartialEq)]
    struct ItemPatch {
        name: Nullable<String>,
        quantity: Nullable<i64>,
        tags: Nullable<Vec<String>>,
    }

    wire::object!(ItemPatch {
        name = "name" optional_nullable,
        quantity = "quantity" optional_nullable,
        tags = "tags" optional_nullable,
    });

    #[derive(Debug, PartialEq)]
    struct Point {
        x: i64,
        inner: Option<Box<Point>>,
    }

    wire::object!(Point { x = "x" required, inner = "inner" optional } closed);

    #[derive(Debug, PartialEq)]
    struct Labels {
        id: i64,
        rest: Map<String, String>,
    }

    wire::object!(Labels { id = "id" required } ..rest);

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Status {
        Open,
        Closed,
    }

    wire::string_enum!(Status { Open = "open", Closed = "closed" });

    #[derive(Debug, Clone, PartialEq)]
    enum Color {
        Red,
        Other(String),
    }

    wire::string_enum!(Color { Red = "red" } or Other);

    fn read<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
        serde_json::from_str(json).map_err(|err| err.to_string())
    }

    #[test]
    fn objects_read_and_write_each_field_as_its_presence_says() {
        let invite: Invite = read(r#"{"name": "Ada", "reply": null, "x": [1, {"y": 2}]}"#).unwrap();
        assert_eq!(
            invite,
            Invite {
                name: "Ada".into(),
                note: None,
                reply: None,
                status: Status::Open,
                r#type: None,
            }
        );
        // `None` is left out when optional, written as `null` when nullable.
        assert_eq!(
            serde_json::to_string(&invite).unwrap(),
            r#"{"name":"Ada","reply":null,"status":"open"}"#
        );
        let full: Invite =
            read(r#"{"type": 3, "status": "closed", "note": "n", "name": "B", "reply": "r"}"#)
                .unwrap();
        assert_eq!(full.r#type, Some(3));
        assert_eq!(full.status, Status::Closed);
        assert_eq!(
            read::<Invite>(&serde_json::to_string(&full).unwrap()).unwrap(),
            full
        );
    }

    #[test]
    fn optional_nullable_fields_keep_left_out_null_and_a_value_apart() {
        let patch: ItemPatch = read(r#"{"quantity": 450, "tags": null}"#).unwrap();
        assert_eq!(
            patch,
            ItemPatch {
                name: Nullable::Absent,
                quantity: Nullable::Value(450),
                tags: Nullable::Null,
            }
        );
        assert_eq!(
            serde_json::to_string(&patch).unwrap(),
            r#"{"quantity":450,"tags":null}"#
        );
        let only = ItemPatch {
            quantity: 3.into(),
            ..Default::default()
        };
        assert_eq!(serde_json::to_string(&only).unwrap(), r#"{"quantity":3}"#);
        assert_eq!(serde_json::to_string(&ItemPatch::default()).unwrap(), "{}");
        assert_eq!(patch.quantity.as_option(), Some(&450));
        assert_eq!(patch.tags.clone().into_option(), None);
        assert!(patch.name.is_absent() && patch.tags.is_null());
        assert_eq!(Nullable::from_option(None::<i64>), Nullable::Null);
        assert_eq!(
            Nullable::from_option(Some(1)).map(|n| n + 1),
            Nullable::Value(2)
        );
        // A value of the wrong type is an error, not a `null`.
        assert!(read::<ItemPatch>(r#"{"quantity": "x"}"#).is_err());
        let twice = read::<ItemPatch>(r#"{"name": null, "name": "a"}"#).unwrap_err();
        assert!(twice.contains("duplicate field `name`"), "{twice}");
    }

    #[test]
    fn closed_objects_refuse_unlisted_properties_only_while_a_request_is_read() {
        let json = r#"{"x": 1, "inner": {"x": 2, "z": [1]}}"#;
        let ignored: Point = read(json).unwrap();
        assert_eq!(ignored.inner.unwrap().x, 2);
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let refused = wire::refusing_unlisted(|| {
            serde_path_to_error::deserialize::<_, Point>(&mut deserializer)
        })
        .unwrap_err();
        // The path ends with the unlisted property, as pydantic's `loc` does.
        assert_eq!(refused.path().to_string(), "inner.z");
        assert!(
            refused
                .inner()
                .to_string()
                .starts_with(wire::EXTRA_FORBIDDEN),
            "{refused}"
        );
        // The flag is put back: the next read ignores again.
        assert!(read::<Point>(json).is_ok());
        let panicked = std::panic::catch_unwind(|| wire::refusing_unlisted(|| panic!("inside")));
        assert!(panicked.is_err());
        assert!(read::<Point>(json).is_ok());
    }

    #[test]
    fn objects_refuse_what_the_derives_refuse() {
        let missing = read::<Invite>(r#"{"note": "n"}"#).unwrap_err();
        assert!(missing.contains("missing field `name`"), "{missing}");
        let twice = read::<Invite>(r#"{"name": "a", "name": "b"}"#).unwrap_err();
        assert!(twice.contains("duplicate field `name`"), "{twice}");
        let not_an_object = read::<Invite>("[1]").unwrap_err();
        assert!(not_an_object.contains("struct Invite"), "{not_an_object}");
        // Keys are strings, borrowed or not: an escaped key is read too.
        let escaped: Invite = read(r#"{"n\u0061me": "Ada"}"#).unwrap();
        assert_eq!(escaped.name, "Ada");
    }

    #[test]
    fn unlisted_properties_are_kept_in_the_map_and_written_back() {
        let labels: Labels = read(r#"{"b": "2", "id": 1, "a": "1"}"#).unwrap();
        assert_eq!(labels.id, 1);
        assert_eq!(
            labels.rest.iter().collect::<Vec<_>>(),
            [
                (&"a".to_owned(), &"1".to_owned()),
                (&"b".to_owned(), &"2".to_owned())
            ]
        );
        assert_eq!(
            serde_json::to_string(&labels).unwrap(),
            r#"{"id":1,"a":"1","b":"2"}"#
        );
    }

    #[test]
    fn string_enums_read_and_write_their_values() {
        assert_eq!(read::<Status>(r#""closed""#).unwrap(), Status::Closed);
        assert_eq!(Status::Open.to_string(), "open");
        let unknown = read::<Status>(r#""gone""#).unwrap_err();
        assert!(
            unknown.contains("unknown variant `gone`, expected `open` or `closed`"),
            "{unknown}"
        );
        // An open enum keeps what it does not list, and writes it back.
        let other = read::<Color>(r#""teal""#).unwrap();
        assert_eq!(other, Color::Other("teal".into()));
        assert_eq!(serde_json::to_string(&other).unwrap(), r#""teal""#);
        assert_eq!(Color::Red.as_str(), "red");
    }

    mod examples {
        include!("examples/check.rs");
        include!("examples/instant.rs");

        use serde_json::json;

        /// A type that lists `a` only: `b` is passed over when it reads.
        #[derive(serde::Deserialize, serde::Serialize)]
        struct OnlyA {
            a: i64,
        }

        #[test]
        fn an_example_is_the_same_when_it_says_the_same() {
            let same = |a, b| difference(&a, &b, "", &[]).is_none();
            assert!(same(json!(1.0), json!(1)));
            assert!(same(
                json!({"at": "2024-01-02T03:04:05+01:00"}),
                json!({"at": "2024-01-02T02:04:05Z"})
            ));
            // A default is filled in; `null` reads as left out.
            assert!(same(json!({"a": 1}), json!({"a": 1, "status": "open"})));
            assert!(same(json!({"a": 1, "b": null}), json!({"a": 1})));
            assert_eq!(
                difference(&json!({"a": [1, 2]}), &json!({"a": [1, 3]}), "", &[]).as_deref(),
                Some("/a/1: 2 became 3")
            );
            assert!(!same(json!("x"), json!("y")));
            assert!(!same(json!([1]), json!([1, 2])));
        }

        /// A property missing from what is written is a difference unless its type does not
        /// list it (reading passed over it).
        #[test]
        fn a_dropped_property_is_a_difference_unless_unlisted() {
            let example = json!({"a": 1, "b": {"c/d": 2}});
            let written = json!({"a": 1, "b": {}});
            assert_eq!(
                difference(&example, &written, "", &[]).as_deref(),
                Some("/b/c~1d was dropped")
            );
            assert_eq!(difference(&example, &written, "", &["/b/c~1d"]), None);
            assert_eq!(
                difference(&example, &json!({"a": 1}), "", &[]).as_deref(),
                Some("/b was dropped")
            );
        }

        #[test]
        fn check_reads_and_writes_back() {
            check::<Vec<u8>>("#/ok", "[1, 2]", &[]);
            // An `f32` is written as the number it was read from.
            check::<f32>("#/float", "0.1", &[]);
            let misread = std::panic::catch_unwind(|| check::<Vec<u8>>("#/bad", "[300]", &[]));
            assert!(misread.is_err());
            check::<OnlyA>("#/unlisted", r#"{"a": 1, "b": 2}"#, &["/b"]);
            let dropped = std::panic::catch_unwind(|| {
                check::<OnlyA>("#/dropped", r#"{"a": 1, "b": 2}"#, &[])
            });
            assert!(dropped.is_err());
        }
    }

    mod client {
        use std::future::{Future, IntoFuture};
        use std::task::{Context, Poll, Waker};

        include!("client/sendable_macro.rs");

        type BoxFuture<'a, T> = std::pin::Pin<Box<dyn Future<Output = T> + Send + 'a>>;

        /// What the client's `execute` is to `sendable!`: sends, then reads the answer.
        fn execute<T: Send + 'static>(
            request: Result<u16, String>,
            read: fn(u16) -> T,
        ) -> impl Future<Output = T> + Send + 'static {
            let answer = read(request.unwrap_or(500));
            async move { answer }
        }

        struct GetPet<'a> {
            id: &'a str,
        }

        impl GetPet<'_> {
            fn build_request(&self) -> Result<u16, String> {
                self.id.parse().map_err(|_| self.id.to_owned())
            }
            fn read_answer(status: u16) -> Result<u16, String> {
                if status < 400 {
                    Ok(status)
                } else {
                    Err(status.to_string())
                }
            }
        }

        sendable!(GetPet => Result<u16, String>);

        fn ready<F: Future>(future: F) -> F::Output {
            let mut future = std::pin::pin!(future);
            match future
                .as_mut()
                .poll(&mut Context::from_waker(Waker::noop()))
            {
                Poll::Ready(output) => output,
                Poll::Pending => panic!("the test futures are ready at once"),
            }
        }

        #[test]
        fn a_sendable_builder_is_sent_by_send_or_by_awaiting_it() {
            assert_eq!(ready(GetPet { id: "200" }.send()), Ok(200));
            assert_eq!(
                ready(GetPet { id: "404" }.into_future()),
                Err("404".to_owned())
            );
            assert_eq!(ready(GetPet { id: "x" }.send()), Err("500".to_owned()));
        }
    }

    mod server {
        include!("server/split_segment.rs");

        use PathPiece::{Param, Text};

        fn split<'a>(segment: &'a str, pieces: &[PathPiece]) -> Option<Vec<&'a str>> {
            split_segment(segment, pieces)
        }

        #[test]
        fn text_around_one_parameter_is_matched_exactly() {
            assert_eq!(
                split("report.json", &[Param, Text(".json")]),
                Some(vec!["report"])
            );
            assert_eq!(
                split("a.b.json", &[Param, Text(".json")]),
                Some(vec!["a.b"])
            );
            assert_eq!(split("report.xml", &[Param, Text(".json")]), None);
            // A value is never empty.
            assert_eq!(split(".json", &[Param, Text(".json")]), None);
            assert_eq!(
                split("op-1:cancel", &[Param, Text(":cancel")]),
                Some(vec!["op-1"])
            );
            assert_eq!(split("v2", &[Text("v"), Param]), Some(vec!["2"]));
            assert_eq!(split("x2", &[Text("v"), Param]), None);
            assert_eq!(split(":batchGet", &[Text(":batchGet")]), Some(vec![]));
            assert_eq!(split(":batchGetx", &[Text(":batchGet")]), None);
        }

        #[test]
        fn earlier_parameters_take_what_later_text_leaves() {
            let id_format = [Param, Text("."), Param];
            assert_eq!(split("a.b.json", &id_format), Some(vec!["a.b", "json"]));
            assert_eq!(split("a.json", &id_format), Some(vec!["a", "json"]));
            assert_eq!(split("a.", &id_format), None);
            assert_eq!(split(".json", &id_format), None);
            assert_eq!(split("ajson", &id_format), None);
            let version = [Text("v"), Param, Text("."), Param];
            assert_eq!(split("v1.2", &version), Some(vec!["1", "2"]));
            assert_eq!(split("v1.2.3", &version), Some(vec!["1.2", "3"]));
            // Text at the start is a prefix: the value may hold the same text.
            assert_eq!(split("vv1.2", &version), Some(vec!["v1", "2"]));
            assert_eq!(split("xx1", &[Text("x"), Param]), Some(vec!["x1"]));
            assert_eq!(split("1.2", &version), None);
            // Side by side, the later parameter takes one character.
            assert_eq!(split("abc", &[Param, Param]), Some(vec!["ab", "c"]));
            assert_eq!(split("a", &[Param, Param]), None);
            // Characters, not bytes.
            assert_eq!(split("é.ü", &id_format), Some(vec!["é", "ü"]));
            assert_eq!(split("éü", &[Param, Param]), Some(vec!["é", "ü"]));
        }

        /// Linear in the segment: a long URL against many parameters stays cheap.
        #[test]
        fn a_long_segment_that_does_not_match_is_refused() {
            let long = "a.".repeat(50_000);
            let pieces = [Param, Text("."), Param, Text("."), Param, Text(".json")];
            assert_eq!(split(&long, &pieces), None);
        }
    }
}
