//! Specs at and past the nesting limits (README, "Nesting limits"), through the command line
//! in-process, on a test thread's small stack, in the debug build build scripts use: each
//! ends with generated code or an error placed at the node that crosses the limit; never a
//! crash.

use oasforge::limits::MAX_SCHEMA_DEPTH;
use oasforge::synthetic::{self, Shape};

struct Run {
    code: u8,
    stderr: String,
    output: String,
}

fn generate(name: &str, spec: &str) -> Run {
    let dir = std::env::temp_dir().join(format!("oasforge-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join(format!("{name}.json"));
    let output = dir.join(format!("{name}.rs"));
    std::fs::write(&input, spec).unwrap();
    let _ = std::fs::remove_file(&output);
    let argv = [
        "oasforge",
        "generate",
        input.to_str().unwrap(),
        "--client",
        "--server",
        "-o",
        output.to_str().unwrap(),
    ];
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = oasforge::cli::run(argv, &mut stdout, &mut stderr);
    Run {
        code,
        stderr: String::from_utf8(stderr).unwrap(),
        output: std::fs::read_to_string(&output).unwrap_or_default(),
    }
}

#[test]
fn every_shape_generates_up_to_the_limit_and_is_refused_past_it_at_its_node() {
    for shape in Shape::ALL {
        for levels in [
            30,
            40,
            60,
            MAX_SCHEMA_DEPTH,
            MAX_SCHEMA_DEPTH + 1,
            100,
            1_000,
        ] {
            let name = format!("{}-{levels}", shape.name());
            let run = generate(&name, &synthetic::deep(shape, levels));
            let place = run
                .stderr
                .lines()
                .find(|line| line.contains("at #/"))
                .unwrap_or_default();
            if levels == 1_000 {
                // Past the document limit whatever the shape: refused while loading.
                assert_eq!(run.code, 2, "{name}: {}", run.stderr);
                assert!(
                    run.stderr.contains("deeper than 256 levels"),
                    "{name}: {}",
                    run.stderr
                );
                assert!(
                    place.contains("at #/components/schemas/S/"),
                    "{name}: {}",
                    run.stderr
                );
            } else if shape == Shape::AlternatingWithSlip && levels <= MAX_SCHEMA_DEPTH {
                assert_eq!(run.code, 2, "{name}: {}", run.stderr);
                assert!(
                    run.stderr
                        .contains("expected a schema (a mapping), found the string \"object\""),
                    "{name}: {}",
                    run.stderr
                );
                assert!(
                    place.ends_with("/properties/type"),
                    "{name}: {}",
                    run.stderr
                );
            } else if levels > MAX_SCHEMA_DEPTH {
                assert_eq!(run.code, 2, "{name}: {}", run.stderr);
                assert!(
                    run.stderr.contains("deeper than 64 levels"),
                    "{name}: {}",
                    run.stderr
                );
                // The node is level 65: as many steps below the root as there are levels
                // above it, each step one or two pointer segments.
                let steps =
                    place.matches('/').count() - "#/components/schemas/S".matches('/').count();
                assert!(
                    (MAX_SCHEMA_DEPTH..=2 * MAX_SCHEMA_DEPTH).contains(&steps),
                    "{name}: {place}"
                );
            } else {
                assert_eq!(run.code, 0, "{name}: {}", run.stderr);
                assert!(run.output.contains("pub mod client"), "{name}");
            }
            // Every error names its line and column in the spec.
            if run.code == 2 {
                assert!(
                    run.stderr.contains(&format!("{name}.json:")),
                    "{name}: {}",
                    run.stderr
                );
            }
        }
    }
}

/// `$ref`s do not count towards the limit. Each link's struct holds the properties of every
/// link after it, so the output grows with the square of the chain's length (BENCHMARKS.md):
/// this one is kept short.
#[test]
fn a_chain_of_references_longer_than_the_limit_generates() {
    let run = generate("chain", &synthetic::chain(4 * MAX_SCHEMA_DEPTH));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.output.contains("pub f255"),
        "the last link's property is merged in"
    );
}

#[test]
fn the_committed_spec_at_the_limit_is_the_synthetic_one() {
    let committed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/deep.json"),
    )
    .unwrap();
    assert!(
        committed == synthetic::at_limit(),
        "specs/deep.json is stale: cargo run -p oasforge --example synthetic -- at-limit > specs/deep.json"
    );
}

/// A chain of bare `$ref`s is followed one link at a time: 20,000 links overflowed the stack
/// when each link was a level of recursion.
#[test]
fn a_long_chain_of_bare_references_generates() {
    let run = generate("bare-chain", &synthetic::bare_ref_chain(20_000));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.output.contains("pub type S = String;"),
        "the chain ends in a string"
    );
}

/// Past what rustc checks by default (`analysis/depth.rs`): a warning names the limit the code
/// needs, and a `--crate` writes it. Both shapes were measured to fail a release build without
/// it and to pass with it (BENCHMARKS.md, "Nesting and rustc").
#[test]
fn types_deeper_than_rustc_checks_by_default_get_their_recursion_limit() {
    for (name, spec, deep) in [
        ("items-40", synthetic::deep(Shape::Items, 41), false),
        ("items-48", synthetic::deep(Shape::Items, 49), true),
        ("linked-24", synthetic::linked(24), false),
        ("linked-32", synthetic::linked(32), true),
    ] {
        let generated = oasforge::Generator::default()
            .generate_bytes(name, spec.into_bytes())
            .unwrap();
        let warned = generated
            .warnings
            .iter()
            .any(|warning| warning.message.contains("#![recursion_limit = \"256\"]"));
        assert_eq!(warned, deep, "{name}: {:?}", generated.warnings);
        assert_eq!(generated.recursion_limit, deep.then_some(256), "{name}");
    }
}

#[test]
fn an_operation_s_inline_types_are_measured_too() {
    // A response of lists nested 49 deep names no type: the operation is what is too deep.
    let mut schema = r#"{"type": "string"}"#.to_owned();
    for _ in 0..49 {
        schema = format!(r#"{{"type": "array", "items": {schema}}}"#);
    }
    let spec = format!(
        r#"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}}, "paths": {{"/lists": {{"get": {{
            "operationId": "lists",
            "responses": {{"200": {{"description": "ok", "content": {{"application/json": {{"schema": {schema}}}}}}}}}
        }}}}}}}}"#
    );
    let generated = oasforge::Generator::default()
        .generate_bytes("inline.json", spec.into_bytes())
        .unwrap();
    let warning = generated
        .warnings
        .iter()
        .find(|warning| warning.message.contains("recursion_limit"))
        .expect("a warning for the operation's response type");
    assert!(
        warning.message.contains("the operation `lists`"),
        "{}",
        warning.message
    );
    assert_eq!(warning.pointer, "#/paths/~1lists/get");
    assert_eq!(generated.recursion_limit, Some(256));
}

/// A target reached through many paths (here two at each of 40 levels, 2^40 paths) is
/// merged once; and a long alias chain is checked for cycles in linear time.
#[test]
fn shared_all_of_targets_and_long_alias_chains_take_linear_time() {
    let run = generate("diamonds", &synthetic::diamonds(40));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.output.contains("pub f39"),
        "the last level is merged in"
    );
    let run = generate("aliases", &synthetic::alias_chain(20_000));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.output.contains("pub type A0 = A1;"));
    assert!(run.output.contains("pub type A19999 = String;"));
}

/// `$ref`s outside `components/schemas` are read where they are used, one inside another:
/// their nesting is bounded (`limits::MAX_REF_NESTING`). A chain past it is a defect placed
/// at the `$ref` that crosses it: an error, or, where a component can stand as
/// `serde_json::Value` instead, a warning. Below it the chain generates.
#[test]
fn nested_references_outside_components_are_bounded() {
    use oasforge::limits::MAX_REF_NESTING;
    use oasforge::synthetic::Wrapper;
    for wrapper in [Wrapper::Array, Wrapper::Object] {
        let run = generate("refs", &synthetic::wrapped_ref_chain(20_000, wrapper));
        assert!(matches!(run.code, 0 | 2), "{wrapper:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("inside {MAX_REF_NESTING} other `$ref`s")),
            "{wrapper:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("#/x-links/a"), "{}", run.stderr);
    }
    let run = generate("refs", &synthetic::wrapped_ref_chain(100, Wrapper::Object));
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A chain of `allOf` `$ref`s longer than `limits::MAX_ALL_OF_CHAIN` is refused at the link
/// that crosses it (a warning: the schema that merges it becomes `serde_json::Value`), not
/// followed until the stack runs out.
#[test]
fn an_all_of_chain_past_its_limit_is_refused_at_a_link() {
    let run = generate("long-chain", &synthetic::chain(2_000));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("through 256 other `allOf` `$ref`s, each inside the one before"),
        "{}",
        run.stderr
    );
    assert!(
        run.output.contains("pub type C0 = serde_json::Value;"),
        "C0 is too long a chain"
    );
}
