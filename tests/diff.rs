//! `oasforge diff` on a spec pair: Securegate and a made-up next release of it.

use std::path::PathBuf;

use oasforge::diff::{Change, ReportFormat, api_changes, render};
use oasforge::{Generator, Settings};

fn spec(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("specs")
        .join(path)
}

fn changes(catch_all: bool) -> Vec<Change> {
    let generator = Generator::new(Settings {
        enum_catch_all: catch_all,
        ..Settings::everything()
    });
    let (old, _) = generator.resolve_path(&spec("securegate.yaml")).unwrap();
    let (new, _) = generator
        .resolve_path(&spec("diff/securegate-v2.yaml"))
        .unwrap();
    api_changes(&old, &new, catch_all)
}

fn verdict(changes: &[Change], subject: &str) -> Option<bool> {
    changes
        .iter()
        .find(|c| c.subject == subject)
        .map(|c| c.breaking)
}

#[test]
fn each_change_is_reported_with_its_verdict() {
    let changes = changes(false);
    assert_eq!(
        verdict(&changes, "types::InviteStatus::Expired"),
        Some(true)
    );
    assert_eq!(
        verdict(&changes, "types::Invite.ticket_id"),
        Some(true),
        "field removed"
    );
    assert_eq!(
        verdict(&changes, "types::Invite.notes"),
        Some(false),
        "optional field added"
    );
    assert_eq!(
        verdict(&changes, "Client::get_event"),
        Some(false),
        "operation added"
    );
    assert_eq!(
        verdict(&changes, "Client::get_invites(query limit)"),
        Some(false)
    );
    assert_eq!(verdict(&changes, "Client::get_invites -> 404"), Some(true));
    assert_eq!(changes.len(), 7, "{changes:#?}");
}

#[test]
fn a_catch_all_makes_new_enum_values_compatible() {
    let changes = changes(true);
    assert_eq!(
        verdict(&changes, "types::InviteStatus::Expired"),
        Some(false)
    );
}

#[test]
fn no_change_no_report() {
    let generator = Generator::new(Settings::everything());
    let (ir, _) = generator.resolve_path(&spec("securegate.yaml")).unwrap();
    assert!(api_changes(&ir, &ir, false).is_empty());
}

#[test]
fn the_markdown_report_is_pinned() {
    let report = render(
        &changes(false),
        "securegate.yaml",
        "securegate-v2.yaml",
        ReportFormat::Markdown,
    );
    insta::assert_snapshot!(report);
    let json: serde_json::Value =
        serde_json::from_str(&render(&changes(false), "a", "b", ReportFormat::Json)).unwrap();
    assert_eq!(json["breaking"], 3);
    assert_eq!(json["compatible"], 4);
}

#[test]
fn the_cli_fails_on_breaking_changes_when_asked() {
    let old = spec("securegate.yaml").display().to_string();
    let new = spec("diff/securegate-v2.yaml").display().to_string();
    let run = |extra: &[&str]| {
        let mut args = vec!["oasforge", "diff", &old, &new];
        args.extend_from_slice(extra);
        let mut stdout = Vec::new();
        let code = oasforge::cli::run(&args, &mut stdout, &mut Vec::new());
        (code, String::from_utf8(stdout).unwrap())
    };
    let (code, text) = run(&[]);
    assert_eq!(code, 0);
    assert!(text.contains("7 change(s), 3 breaking"), "{text}");
    assert_eq!(run(&["--fail-on-breaking"]).0, 1);
    assert_eq!(
        run(&["--fail-on-breaking", "--enum-catch-all"]).0,
        1,
        "the removed field still breaks"
    );
}

#[test]
fn credentials_and_answer_headers_are_api_changes() {
    let dir = std::env::temp_dir().join(format!("oasforge-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let before = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200': {description: ok}\n";
    let after = "openapi: 3.0.3\ninfo: {title: t, version: '2'}\nsecurity: [{Key: []}]\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          headers: {X-Rate: {schema: {type: integer}}}\ncomponents:\n  securitySchemes:\n    Key: {type: apiKey, in: header, name: x-key}\n";
    std::fs::write(dir.join("before.yaml"), before).unwrap();
    std::fs::write(dir.join("after.yaml"), after).unwrap();
    let generator = Generator::new(Settings::everything());
    let (old, _) = generator.resolve_path(&dir.join("before.yaml")).unwrap();
    let (new, _) = generator.resolve_path(&dir.join("after.yaml")).unwrap();
    let changes = api_changes(&old, &new, false);
    let said = |text: &str| {
        changes
            .iter()
            .any(|c| c.breaking && c.description.contains(text))
    };
    assert!(said("authorize_"), "{changes:#?}");
    assert!(said("now requires credentials"), "{changes:#?}");
    assert!(said("ResponseValue"), "{changes:#?}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Changes a server implementation sees: the `caller` its method gets (here the operation
/// starts letting anonymous callers in) and an answer's headers struct gaining a field.
#[test]
fn changes_to_the_server_side_are_reported() {
    let old = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: x-key}\nsecurity: [{key: []}]\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          headers:\n            X-Rate: {schema: {type: integer}}\n";
    let new = old
        .replace("security: [{key: []}]", "security: [{}, {key: []}]")
        .replace(
            "            X-Rate: {schema: {type: integer}}\n",
            "            X-Rate: {schema: {type: integer}}\n            ETag: {schema: {type: string}}\n",
        );
    let generator = Generator::new(Settings::everything());
    let (old, _) = generator
        .resolve_bytes("old.yaml", old.as_bytes().to_vec())
        .unwrap();
    let (new, _) = generator
        .resolve_bytes("new.yaml", new.as_bytes().to_vec())
        .unwrap();
    let changes = api_changes(&old, &new, false);
    let described: Vec<(&str, &str, bool)> = changes
        .iter()
        .map(|c| (c.subject.as_str(), c.description.as_str(), c.breaking))
        .collect();
    assert!(
        described.contains(&(
            "Client::get_a",
            "the server method's caller changes: `caller: Self::Principal` -> `caller: Option<Self::Principal>`",
            true
        )),
        "{described:#?}"
    );
    assert!(
        described.contains(&(
            "Client::get_a -> 200",
            "response headers changed: [x-rate] -> [etag, x-rate] (the server's headers struct)",
            true
        )),
        "{described:#?}"
    );
}
