//! `generated/src` must be exactly what the CLI produces today: every `oasforge generate`
//! line of `generated/regenerate.sh` is run again (in-process) and compared byte for byte.

use std::path::Path;

#[test]
fn committed_output_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = std::fs::read_to_string(root.join("generated/regenerate.sh")).unwrap();
    let runs: Vec<Vec<&str>> = script
        .lines()
        .filter_map(|line| line.strip_prefix("oasforge generate "))
        .map(|args| args.split_whitespace().collect())
        .collect();
    assert!(runs.len() >= 4, "regenerate.sh lists the committed modules");
    let scratch = std::env::temp_dir().join(format!("oasforge-committed-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let mut stale = Vec::new();
    for args in runs {
        let output_at = args.iter().position(|a| *a == "-o").unwrap() + 1;
        let committed = root.join(args[output_at]);
        let fresh = scratch.join(committed.file_name().unwrap());
        let mut argv: Vec<String> = vec!["oasforge".into(), "generate".into()];
        for (index, arg) in args.iter().enumerate() {
            argv.push(match index {
                i if i == output_at => fresh.display().to_string(),
                0 => root.join(arg).display().to_string(),
                _ => (*arg).to_owned(),
            });
        }
        let code = oasforge::cli::run(&argv, &mut Vec::new(), &mut Vec::new());
        assert_eq!(code, 0, "{argv:?}");
        if std::fs::read(&fresh).unwrap() != std::fs::read(&committed).unwrap() {
            stale.push(committed.display().to_string());
        }
    }
    std::fs::remove_dir_all(&scratch).ok();
    assert!(
        stale.is_empty(),
        "stale generated code, run generated/regenerate.sh: {stale:?}"
    );
}
