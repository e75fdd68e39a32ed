//! Behaviour of the committed showcase and petstore output (`generated/`): every row of the
//! type table, checked on the wire with serde_json.

use oasforge_generated::showcase::types::*;
use oasforge_generated::{petstore, showcase_open};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: Value) -> T {
    let parsed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|err| panic!("{value} does not parse: {err}"));
    assert_eq!(
        serde_json::to_value(&parsed).unwrap(),
        value,
        "writes back unchanged"
    );
    parsed
}

fn minimal_account() -> Value {
    json!({
        "id": "6f9619ff-8b86-d011-b42d-00c04fc964ff",
        "handle": "ada",
        "nickname": null,
        "created": "2024-01-02T03:04:05Z"
    })
}

#[test]
fn struct_fields_follow_required_nullable_and_default() {
    let account: Account = serde_json::from_value(minimal_account()).unwrap();
    assert_eq!(
        account.id.to_string(),
        "6f9619ff-8b86-d011-b42d-00c04fc964ff"
    );
    assert_eq!(account.nickname, None);
    assert_eq!(account.email, None);
    assert_eq!(account.role, Role::Member);
    assert_eq!(account.score, 0.5);
    assert_eq!(account.retries, 3);
    assert!(account.active);
    assert!(account.tags.is_empty());
    assert_eq!(account.roles, vec![Role::Member, Role::Admin]);
    assert_eq!(account.locale, "en-GB");

    let written = serde_json::to_value(&account).unwrap();
    assert_eq!(
        written["nickname"],
        Value::Null,
        "required + nullable writes null"
    );
    assert!(written.get("email").is_none(), "optional None is skipped");
    assert_eq!(written["role"], "member");

    let mut missing = minimal_account();
    missing.as_object_mut().unwrap().remove("handle");
    assert!(serde_json::from_value::<Account>(missing).is_err());
}

#[test]
fn names_that_are_not_rust_identifiers_keep_their_wire_names() {
    let mut value = minimal_account();
    let extra = json!({
        "type": "account", "self": true, "1st_login": "2024-01-01T00:00:00Z",
        "@id": "urn:1", "userId": "camel", "user_id": "snake"
    });
    value
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let account: Account = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(account.r#type, Some(AccountType::Account));
    assert_eq!(account.self_, Some(true));
    assert!(account.v1st_login.is_some());
    assert_eq!(account.id_2.as_deref(), Some("urn:1"));
    assert_eq!(account.user_id.as_deref(), Some("camel"));
    assert_eq!(account.user_id_2.as_deref(), Some("snake"));
    let written = serde_json::to_value(&account).unwrap();
    for key in ["type", "self", "1st_login", "@id", "userId", "user_id"] {
        assert_eq!(written[key], value[key], "{key}");
    }
}

#[test]
fn formats_map_to_typed_values() {
    let mut value = minimal_account();
    value["birthday"] = json!("1990-12-31");
    value["avatar"] = json!("aGVsbG8=");
    value["settings"] = json!({"theme": "dark", "font_size": 12});
    let account: Account = serde_json::from_value(value).unwrap();
    assert_eq!(account.birthday.unwrap().to_string(), "1990-12-31");
    assert_eq!(account.avatar.as_ref().unwrap().0, b"hello");
    assert_eq!(account.settings.as_ref().unwrap().font_size, Some(12u8));
    assert_eq!(
        serde_json::to_value(&account).unwrap()["avatar"],
        "aGVsbG8="
    );

    let mut bad = minimal_account();
    bad["id"] = json!("not-a-uuid");
    assert!(serde_json::from_value::<Account>(bad).is_err());
    let mut bad = minimal_account();
    bad["avatar"] = json!("***");
    assert!(serde_json::from_value::<Account>(bad).is_err());
}

#[test]
fn enum_values_that_are_not_identifiers_get_readable_variants() {
    let cases = [
        (Symbol::V1, "1"),
        (Symbol::QrCode, "QR Code"),
        (Symbol::Empty, ""),
        (Symbol::Plus1, "+1"),
        (Symbol::Minus1, "-1"),
        (Symbol::Ab, "a/b"),
        (Symbol::Ab2, "a-b"),
        (Symbol::Star, "*"),
        (Symbol::Self_, "self"),
    ];
    for (variant, wire) in cases {
        assert_eq!(round_trip::<Symbol>(json!(wire)), variant);
        assert_eq!(variant.as_str(), wire);
    }
    assert!(serde_json::from_value::<Symbol>(json!("unknown")).is_err());
}

#[test]
fn extension_names_win_over_values() {
    assert_eq!(round_trip::<Weekday>(json!("mo")), Weekday::Monday);
    assert_eq!(round_trip::<Weekday>(json!("we")), Weekday::Wednesday);
    assert_eq!(round_trip::<Level>(json!(3)), Level::High);
}

#[test]
fn integer_enums_are_numbers_on_the_wire() {
    assert_eq!(round_trip::<Priority>(json!(-1)), Priority::Minus1);
    assert_eq!(round_trip::<Priority>(json!(10)), Priority::V10);
    assert_eq!(Priority::V10.value(), 10);
    let err = serde_json::from_value::<Priority>(json!(5)).unwrap_err();
    assert!(err.to_string().contains("one of -1, 0, 1, 10"), "{err}");
    assert!(serde_json::from_value::<Priority>(json!("1")).is_err());
}

#[test]
fn number_enums_compare_numbers_by_value() {
    assert_eq!(round_trip::<Ratio>(json!(0.5)), Ratio::V0_5);
    assert_eq!(round_trip::<Ratio>(json!(1)), Ratio::V1);
    // `1.0` is the number `1`: read as it, written as the spec lists it.
    let one: Ratio = serde_json::from_value(json!(1.0)).unwrap();
    assert_eq!(one, Ratio::V1);
    assert_eq!(serde_json::to_value(one).unwrap(), json!(1));
    assert_eq!(Ratio::V2_5.value(), json!(2.5));
    let err = serde_json::from_value::<Ratio>(json!(2)).unwrap_err();
    assert!(
        err.to_string().contains("one of 0.5, 1, 2.5, found 2"),
        "{err}"
    );
    // A string that spells a listed number is read as it (forms and query strings are text).
    assert_eq!(
        serde_json::from_value::<Ratio>(json!("2.5")).unwrap(),
        Ratio::V2_5
    );
    assert!(serde_json::from_value::<Ratio>(json!("2")).is_err());
    assert!(serde_json::from_value::<Ratio>(json!("one")).is_err());
    let two: Whole = serde_json::from_value(json!(2.0)).unwrap();
    assert_eq!(two, Whole::V2);
    assert_eq!(
        round_trip::<Whole>(json!(5_000_000_000_i64)),
        Whole::V5000000000
    );
}

#[test]
fn catch_all_variant_keeps_unknown_values() {
    use showcase_open::types::{Priority as OpenPriority, Symbol as OpenSymbol};
    assert_eq!(
        round_trip::<OpenSymbol>(json!("QR Code")),
        OpenSymbol::QrCode
    );
    assert_eq!(
        round_trip::<OpenSymbol>(json!("brand new")),
        OpenSymbol::Other("brand new".into())
    );
    assert_eq!(
        round_trip::<OpenPriority>(json!(42)),
        OpenPriority::Other(42)
    );
    assert_eq!(round_trip::<OpenPriority>(json!(0)), OpenPriority::V0);
    use showcase_open::types::Ratio as OpenRatio;
    assert_eq!(round_trip::<OpenRatio>(json!(2.5)), OpenRatio::V2_5);
    assert_eq!(
        round_trip::<OpenRatio>(json!(0.75)),
        OpenRatio::Other(json!(0.75))
    );
    // Text that spells a listed number (a query parameter's value) is that value, not `Other`.
    let spelled: OpenRatio = serde_json::from_value(json!("0.5")).unwrap();
    assert_eq!(spelled, OpenRatio::V0_5);
}

#[test]
fn discriminated_union_is_selected_by_its_tag() {
    let dog = round_trip::<Pet>(json!({"kind": "dog", "bark": "woof"}));
    assert_eq!(
        dog,
        Pet::Dog(Dog {
            kind: "dog".into(),
            bark: "woof".into()
        })
    );
    let alias = serde_json::from_value::<Pet>(json!({"kind": "doggo", "bark": "wuff"})).unwrap();
    assert!(matches!(alias, Pet::Dog(_)));
    let cat = round_trip::<Pet>(json!({"kind": "cat", "lives": 9}));
    assert!(matches!(cat, Pet::Cat(Cat { lives: Some(9), .. })));
    // A variant without the tag property still writes its tag.
    let lizard = Pet::Lizard(Lizard { scales: Some(true) });
    assert_eq!(
        serde_json::to_value(&lizard).unwrap(),
        json!({"kind": "Lizard", "scales": true})
    );
    assert_eq!(
        round_trip::<Pet>(json!({"kind": "Lizard", "scales": true})),
        lizard
    );

    let unknown = serde_json::from_value::<Pet>(json!({"kind": "fish"})).unwrap_err();
    assert!(unknown.to_string().contains("fish"), "{unknown}");
    let missing = serde_json::from_value::<Pet>(json!({"bark": "woof"})).unwrap_err();
    assert!(missing.to_string().contains("kind"), "{missing}");
}

#[test]
fn untagged_union_takes_the_first_matching_variant() {
    assert_eq!(round_trip::<Identifier>(json!(7)), Identifier::Integer(7));
    assert_eq!(
        round_trip::<Identifier>(json!("x")),
        Identifier::String("x".into())
    );
    assert!(matches!(
        round_trip::<Identifier>(json!({"kind": "dog", "bark": "b"})),
        Identifier::Dog(_)
    ));
    assert_eq!(
        round_trip::<Identifier>(json!(["a"])),
        Identifier::List(vec!["a".into()])
    );
    assert_eq!(
        round_trip::<StringOrNumber>(json!(1.5)),
        StringOrNumber::Number(1.5)
    );
    assert!(serde_json::from_value::<Identifier>(json!(true)).is_err());
}

#[test]
fn all_of_merges_into_one_struct() {
    let mut value = minimal_account();
    value["permissions"] = json!(["read"]);
    value["mood"] = json!("grumpy");
    let admin: AdminAccount = serde_json::from_value(value).unwrap();
    assert_eq!(admin.handle, "ada");
    assert_eq!(admin.permissions, vec!["read".to_owned()]);
    // The inline enum of Account.mood is one type, shared by the merged struct.
    let mood: AccountMood = admin.mood.unwrap();
    assert_eq!(mood, AccountMood::Grumpy);
    assert!(
        serde_json::from_value::<AdminAccount>(minimal_account()).is_err(),
        "permissions is required"
    );
}

#[test]
fn additional_properties_are_maps() {
    let labels: Labels = round_trip(json!({"env": "prod", "team": "core"}));
    assert_eq!(labels["env"], "prod");
    let metadata: Metadata = round_trip(json!({"version": 2, "retries": 5, "weight": 7}));
    assert_eq!(metadata.version, Some(2));
    assert_eq!(metadata.additional_properties.len(), 2);
    assert_eq!(metadata.additional_properties["weight"], 7);
    assert!(serde_json::from_value::<Metadata>(json!({"other": "text"})).is_err());
}

#[test]
fn free_form_values_are_json() {
    let blob: Blob = round_trip(json!({"any": [1, {"thing": null}]}));
    assert_eq!(blob.len(), 1);
    let opaque: Opaque = round_trip(json!([true, "x"]));
    assert!(opaque.is_array());
}

#[test]
fn recursive_types_nest() {
    let node: TreeNode = round_trip(json!({
        "value": "child",
        "children": [{"value": "grandchild"}],
        "parent": {"value": "root"}
    }));
    assert_eq!(node.parent.as_ref().unwrap().value, "root");
    assert_eq!(node.children.as_ref().unwrap()[0].value, "grandchild");
    let forest: Forest = round_trip(json!([[], [[]]]));
    assert_eq!(forest.0.len(), 2);
}

#[test]
fn prelude_names_are_renamed_and_nullable_refs_are_options() {
    let result: ResultModel = round_trip(json!({"ok": true}));
    assert_eq!(result.ok, Some(true));
    let kennel: Kennel = round_trip(json!({"resident": null, "grid": [[1, null]]}));
    assert_eq!(kennel.resident, None);
    assert_eq!(kennel.grid.unwrap()[0], vec![Some(1), None]);
}

#[test]
fn openapi_3_0_defaults_and_nullable() {
    let order = petstore::types::Order::default();
    assert_eq!(order.quantity, 1);
    assert_eq!(order.status, petstore::types::OrderStatus::Placed);
    assert!(!order.complete);
    let parsed: petstore::types::Order = serde_json::from_value(json!({})).unwrap();
    assert_eq!(parsed, order);
    // `nullable: true` and optional: an explicit `null` is told apart from a left-out field.
    let nulled: petstore::types::Order = serde_json::from_value(json!({"shipDate": null})).unwrap();
    assert_eq!(nulled.ship_date, petstore::types::Nullable::Null);
    assert_eq!(order.ship_date, petstore::types::Nullable::Absent);
    let cat: petstore::types::AnyPet =
        serde_json::from_value(json!({"petType": "cat", "name": "Tom", "huntingSkill": "lazy"}))
            .unwrap();
    assert!(matches!(cat, petstore::types::AnyPet::Cat(_)));
}

/// `Pet` has a discriminator and `Cat` and `Dog` extend it with `allOf` (no `oneOf`): a `Pet`
/// is one of them, chosen by `petType` (the schema's name, as no mapping is given), or the
/// base's own properties for any other tag.
#[test]
fn an_extended_base_with_a_discriminator_is_its_subtypes() {
    use petstore::types::{Dog, Pet, PetBase};
    let dog = round_trip::<Pet>(json!({"petType": "Dog", "name": "Rex", "packSize": 3}));
    let Pet::Dog(Dog {
        name, pack_size, ..
    }) = &dog
    else {
        panic!("a dog: {dog:?}")
    };
    assert_eq!((name.as_str(), *pack_size), ("Rex", Some(3)));
    let cat = round_trip::<Pet>(json!({"petType": "Cat", "name": "Tom", "huntingSkill": "lazy"}));
    assert!(matches!(cat, Pet::Cat(_)));
    // The base's own tag, or one the spec does not list, reads the base's own properties.
    let base = round_trip::<Pet>(json!({"petType": "Pet", "name": "x"}));
    assert!(
        matches!(base, Pet::Other(PetBase { ref name, .. }) if name == "x"),
        "{base:?}"
    );
    assert!(serde_json::from_value::<Pet>(json!({"petType": "Pet"})).is_err());
}

#[test]
fn index_map_keeps_the_order_keys_arrive_in() {
    use oasforge_generated::showcase_ordered::ordered::types::{
        Labels as OrderedLabels, Metadata as OrderedMetadata,
    };
    let labels: OrderedLabels = serde_json::from_str(r#"{"zeta": "1", "alpha": "2"}"#).unwrap();
    assert_eq!(labels.keys().collect::<Vec<_>>(), vec!["zeta", "alpha"]);
    assert_eq!(
        serde_json::to_string(&labels).unwrap(),
        r#"{"zeta":"1","alpha":"2"}"#
    );
    let metadata: OrderedMetadata =
        serde_json::from_str(r#"{"z": 1, "version": 2, "a": 3}"#).unwrap();
    let keys: Vec<&String> = metadata.additional_properties.keys().collect();
    assert_eq!(keys, vec!["z", "a"]);
    // The sorted default, for contrast.
    let sorted: Labels = serde_json::from_str(r#"{"zeta": "1", "alpha": "2"}"#).unwrap();
    assert_eq!(sorted.keys().collect::<Vec<_>>(), vec!["alpha", "zeta"]);
}

#[test]
fn identical_inline_schemas_share_one_type_when_they_are_one_thing() {
    let shipment: Shipment = round_trip(json!({
        "from": {"city": "Lyon", "postcode": {"code": "69001", "country": "fr"}},
        "to": {"city": "Köln"},
        "tracking": "de",
        "carrier": "it"
    }));
    // `from` and `to` are one type, named by their one title, and their postcode is the
    // `Postcode` component: a value moves from one place to the other without conversion.
    let Shipment { from, to, .. } = shipment;
    let mut legs: [Address; 2] = [from, to];
    let postcode: Option<Postcode> = legs[0].postcode.take();
    legs[1].postcode = postcode;
    assert_eq!(
        legs[1].postcode.as_ref().and_then(|p| p.country),
        Some(PostcodeCountry::Fr)
    );
    // `tracking` lists the same values as `Postcode.country` but is another thing: a type of
    // its own, named after its place.
    assert_eq!(shipment_tracking_is(ShipmentTracking::De), "de");
    assert_eq!(ShipmentCarrier::It.as_str(), "it");
}

fn shipment_tracking_is(tracking: ShipmentTracking) -> String {
    let shipment = Shipment {
        from: Address {
            city: "a".into(),
            postcode: None,
        },
        to: Address {
            city: "b".into(),
            postcode: None,
        },
        tracking: Some(tracking),
        carrier: None,
    };
    serde_json::to_value(&shipment).unwrap()["tracking"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn objects_say_what_is_wrong_with_them() {
    let error = |value: Value| {
        serde_json::from_value::<Account>(value)
            .unwrap_err()
            .to_string()
    };
    let mut missing = minimal_account();
    missing.as_object_mut().unwrap().remove("handle");
    assert_eq!(error(missing), "missing field `handle`");

    // serde_json::Value cannot hold a key twice; text can.
    let twice = r#"{"id": "6f9619ff-8b86-d011-b42d-00c04fc964ff", "handle": "a", "handle": "b",
        "nickname": null, "created": "2024-01-02T03:04:05Z"}"#;
    let err = serde_json::from_str::<Account>(twice).unwrap_err();
    assert!(
        err.to_string().starts_with("duplicate field `handle`"),
        "{err}"
    );

    assert_eq!(
        error(json!(["not", "an", "object"])),
        "invalid type: sequence, expected struct Account"
    );
    let mut wrong_type = minimal_account();
    wrong_type["handle"] = json!(7);
    assert_eq!(
        error(wrong_type),
        "invalid type: integer `7`, expected a string"
    );
    assert_eq!(
        serde_json::from_value::<Role>(json!("guest"))
            .unwrap_err()
            .to_string(),
        "unknown variant `guest`, expected one of `owner`, `admin`, `member`"
    );
}

#[test]
fn unknown_properties_are_ignored_and_nulls_read_as_none() {
    let mut account = minimal_account();
    account["not_in_the_spec"] = json!({"deep": [1, 2, 3]});
    // Optional fields accept an explicit null too, and leave it out when written.
    account["email"] = Value::Null;
    account["bio"] = Value::Null;
    let parsed: Account = serde_json::from_value(account).unwrap();
    assert_eq!(parsed.email, None);
    assert_eq!(parsed.bio, Nullable::Null);
    let written = serde_json::to_value(&parsed).unwrap();
    assert!(written.get("not_in_the_spec").is_none());
    assert!(written.get("email").is_none());
    // Optional and nullable: `null` is written as `null`, as received, and a left-out `bio`
    // stays left out.
    assert_eq!(written["bio"], Value::Null);
    let left_out: Account = serde_json::from_value(minimal_account()).unwrap();
    assert_eq!(left_out.bio, Nullable::Absent);
    assert!(
        serde_json::to_value(&left_out)
            .unwrap()
            .get("bio")
            .is_none()
    );
    // A required nullable field may be missing; it reads as `None`, as with serde's derive.
    let mut no_nickname = minimal_account();
    no_nickname.as_object_mut().unwrap().remove("nickname");
    let parsed: Account = serde_json::from_value(no_nickname).unwrap();
    assert_eq!(parsed.nickname, None);
}

#[test]
fn objects_borrow_or_own_their_keys_as_the_input_allows() {
    // Escaped keys cannot be borrowed from the input; they must still match.
    let text = r#"{"id": "6f9619ff-8b86-d011-b42d-00c04fc964ff", "h\u0061ndle": "ada",
        "nickname": null, "created": "2024-01-02T03:04:05Z", "role": "\u0061dmin"}"#;
    let parsed: Account = serde_json::from_str(text).unwrap();
    assert_eq!(parsed.handle, "ada");
    assert_eq!(parsed.role, Role::Admin);
    // From a reader nothing is borrowed.
    let parsed: Account = serde_json::from_reader(text.as_bytes()).unwrap();
    assert_eq!(parsed.handle, "ada");
}

#[test]
fn serde_impls_keep_names_that_shadow_their_own_parameters_apart() {
    use oasforge_generated::edge_cases::types::{A, D, S};
    let value = json!({
        "a": {"map": "m", "key": "k", "state": "s", "value": "v"},
        "d": "y"
    });
    let parsed: S = serde_json::from_value(value).unwrap();
    assert_eq!(
        parsed.a.level, 1,
        "the spec default fills the missing field"
    );
    assert_eq!(parsed.a.map.as_deref(), Some("m"));
    assert_eq!(parsed.a.key.as_deref(), Some("k"));
    assert_eq!(parsed.a.state.as_deref(), Some("s"));
    assert_eq!(parsed.a.value.as_deref(), Some("v"));
    assert_eq!(parsed.d, D::Y);
    let written = serde_json::to_value(&parsed).unwrap();
    assert_eq!(
        written,
        json!({"a": {"level": 1, "map": "m", "key": "k", "state": "s", "value": "v"}, "d": "y"})
    );
    assert_eq!(round_trip::<A>(json!({"level": 7})).level, 7);
}
