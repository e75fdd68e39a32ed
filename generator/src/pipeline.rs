//! The stages, called in order: load and bundle, normalize, resolve (to the IR), analysis,
//! then emitting and formatting each piece of the output. Where the work is split between
//! threads is decided by `parallel`; no stage knows about it.

use std::path::Path;
use std::time::Duration;

use crate::diagnostic::{Diagnostic, Warnings};
use crate::load::Source;
use crate::place::{place, place_error};
use crate::{Error, Generated, Generator, Settings};
use crate::{analysis, bundle, emit, format, ir, naming, normalize, parallel, resolve};

impl Generator {
    /// The IR and the warnings on the way: for `oasforge diff`.
    #[cfg(any(feature = "cli", feature = "internals"))]
    pub(crate) fn resolve(&self, source: &Source) -> Result<(ir::Ir, Vec<Diagnostic>), Error> {
        parallel::on_sized_stack(|| self.resolve_staged(source, &mut |_| {}))
            .map_err(|err| place_error(source, &[], err))
            .map(|resolved| {
                let mut warnings = resolved.warnings.into_vec();
                place(source, &resolved.origins, &mut warnings);
                (resolved.ir, warnings)
            })
    }

    #[cfg(test)]
    pub(crate) fn resolve_source(
        &self,
        source: &Source,
    ) -> Result<(ir::Ir, Warnings, Vec<std::path::PathBuf>), Error> {
        self.resolve_staged(source, &mut |_| {})
            .map(|resolved| (resolved.ir, resolved.warnings, resolved.files_read))
    }

    /// Load to IR, calling `stage` after each stage with its name.
    fn resolve_staged(
        &self,
        source: &Source,
        stage: &mut dyn FnMut(&'static str),
    ) -> Result<Resolved, Error> {
        let document = source.parse()?;
        let bundled = bundle::bundle(source, document, self.settings.allow_outside_refs)?;
        stage("load");
        let origins = bundled.origins;
        // Errors from here on may be about a node another file holds: placed here, where it
        // is known which.
        let placed = |err| place_error(source, &origins, err);
        let mut warnings = Warnings::default();
        let mut normalized =
            normalize::normalize(source, bundled.document, &mut warnings).map_err(placed)?;
        stage("normalize");
        // When the `$ref`s resolve reads from the document value are known, their targets are
        // kept and the value is freed beside resolve, on the core it leaves idle (the two
        // threads of its dedupe step come at its very end). Resolve runs on the new thread and
        // the value is freed here, where it was made: with glibc's allocator, a thread that
        // frees another's memory competes with it for its arena (BENCHMARKS.md, fifth round);
        // mimalloc does not mind either way.
        let document = bundled
            .local_refs
            .as_ref()
            .map(|refs| normalized.keep_ref_targets(refs));
        let resolving = std::sync::Mutex::new(&mut warnings);
        let ((), ir) = parallel::join_beside(
            || drop(document),
            || {
                let mut warnings = resolving
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                resolve::resolve(&normalized, &self.settings, &mut warnings)
            },
        );
        let ir = ir.map_err(|diagnostic| placed(Error::spec(&source.name, diagnostic)))?;
        stage("resolve");
        Ok(Resolved {
            ir,
            warnings,
            files_read: bundled.files,
            origins,
            normalized,
        })
    }

    pub(crate) fn run(&self, source: &Source) -> Result<Generated, Error> {
        let thread_time = Default::default();
        self.run_staged(source, &mut |_| {}, &thread_time)
    }

    pub(crate) fn run_staged(
        &self,
        source: &Source,
        stage: &mut dyn FnMut(&'static str),
        thread_time: &std::sync::Mutex<(Duration, Duration)>,
    ) -> Result<Generated, Error> {
        let Resolved {
            ir,
            warnings,
            files_read,
            origins,
            normalized,
        } = self.resolve_staged(source, stage)?;
        // What nothing downstream waits for is done beside the analysis and the emitting:
        // freeing what is left of the normalized document (the parsed spec, and the document
        // value when it is still there) and placing the warnings (another scan of the text).
        let aside = std::sync::Mutex::new((Some(normalized), warnings.into_vec()));
        let set_aside = || {
            let mut aside = aside
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            drop(aside.0.take());
            place(source, &origins, &mut aside.1);
        };
        let mut too_deep = None;
        let code = std::thread::scope(|scope| {
            let beside = parallel::spawn_scoped(scope, set_aside);
            if beside.is_err() {
                set_aside();
            }
            let analysis = analysis::analyze(&ir, &self.settings);
            too_deep = analysis.too_deep.map(|deep| too_deep_warning(&ir, deep));
            let views = emit::Views::new(ir, analysis, &self.settings);
            stage("analysis");
            let code = emit_and_format(
                &views,
                &self.settings,
                thread_time,
                &format::header(&display_name(source)),
            );
            if let Ok(beside) = beside {
                // A panic there is reported as itself, not as the scope's.
                beside
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            }
            code
        })?;
        // After the work beside has ended too, so the stages add up to the whole.
        stage("emit + format");
        let (_, mut warnings) = aside
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let recursion_limit = too_deep.map(|(mut warning, limit)| {
            place(source, &origins, std::slice::from_mut(&mut warning));
            warnings.push(warning);
            limit
        });
        Ok(Generated {
            code,
            warnings,
            files_read,
            recursion_limit,
        })
    }
}

/// The IR and what came with it; the normalized document is kept for the caller to free
/// where it costs least.
struct Resolved {
    ir: ir::Ir,
    warnings: Warnings,
    files_read: Vec<std::path::PathBuf>,
    /// Where the nodes bundling copied in came from, to place diagnostics about them.
    origins: Vec<bundle::Origin>,
    normalized: normalize::Normalized,
}

/// Emits and formats each piece (a module, or a part of `types`) on one of two threads (build
/// scripts and CI often run on two cores), and joins the texts in output order after `header`,
/// inside the wrapping module the settings ask for. `thread_time` gets the time the threads
/// spent emitting and formatting, summed.
fn emit_and_format(
    views: &emit::Views,
    settings: &Settings,
    thread_time: &std::sync::Mutex<(Duration, Duration)>,
    header: &str,
) -> Result<String, Error> {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 2);
    let pieces = emit::pieces(&views.api.0, settings, workers);
    let workers = workers.min(pieces.len());
    // Largest first (the client and the server are one piece each, the models many small
    // ones), so the small pieces fill in and both threads finish together.
    let mut schedule: Vec<usize> = (0..pieces.len()).collect();
    schedule.sort_by_key(|&index| pieces[index].module == emit::ModuleKind::Types);
    // The modules are one level in when the settings wrap them in a module of their own.
    let wrapper = settings.module.as_deref().map(naming::field_name);
    let depth = usize::from(wrapper.is_some());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let texts: Vec<std::sync::Mutex<Option<Result<String, Error>>>> =
        pieces.iter().map(|_| std::sync::Mutex::new(None)).collect();
    let work = || {
        loop {
            let turn = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&index) = schedule.get(turn) else {
                break;
            };
            let (text, emitting, formatting) = emit_and_format_piece(pieces[index], views, depth);
            let mut spent = thread_time
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            spent.0 += emitting;
            spent.1 += formatting;
            drop(spent);
            *texts[index]
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(text);
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..workers {
            // Without a second thread, this one does all the work.
            let _ = parallel::spawn_scoped(scope, work);
        }
        work();
    });
    let texts = texts
        .into_iter()
        .map(|text| {
            text.into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .expect("every module was formatted")
        })
        .collect::<Result<Vec<String>, Error>>()?;
    let (head, end) = match &wrapper {
        Some(name) => (format::module_head(name, 0), format::module_end(0)),
        None => (String::new(), String::new()),
    };
    // One allocation for the whole output (megabytes on a large spec), each text copied once.
    let mut code = String::with_capacity(
        header.len() + head.len() + end.len() + texts.iter().map(String::len).sum::<usize>(),
    );
    code.push_str(header);
    code.push_str(&head);
    for text in texts {
        code.push_str(&text);
    }
    code.push_str(&end);
    Ok(code)
}

/// One piece's text, `depth` modules deep, and the time spent emitting and formatting it (for
/// the benchmark). The client's and the server's operations are formatted as they are
/// emitted, a few at a time ([`format::ItemStream`]), and their text put in the module's.
fn emit_and_format_piece(
    piece: emit::Piece,
    views: &emit::Views,
    depth: usize,
) -> (Result<String, Error>, Duration, Duration) {
    let started = std::time::Instant::now();
    let parser = emit::code::Parser::default();
    let mut stream = format::ItemStream::new(depth + piece.module.placement().depth());
    let module = emit::emit_piece(
        piece,
        views,
        &parser,
        emit::Items::Streamed(&mut |items| stream.push(items)),
    );
    let streamed = stream.finish();
    let emitted = std::time::Instant::now();
    let part = format::Part {
        first: piece.is_first_part(),
        last: piece.is_last_part(),
    };
    let text = parser.finish().and(streamed).and_then(|streamed| {
        format::print_module(module, depth, part, Some(&streamed.text))
            .map(|text| (text, streamed.formatting))
    });
    let (text, streamed_formatting) = match text {
        Ok((text, formatting)) => (Ok(text), formatting),
        Err(err) => (Err(err), Duration::ZERO),
    };
    let emitting = (emitted - started).saturating_sub(streamed_formatting);
    (text, emitting, emitted.elapsed() + streamed_formatting)
}

/// The warning for a type deeper than rustc checks by default, and the limit it needs.
fn too_deep_warning(ir: &ir::Ir, deep: analysis::TooDeep) -> (Diagnostic, usize) {
    let (what, pointer) = match deep.at {
        analysis::Deepest::Type(id) => {
            let def = ir.get(id);
            (format!("the type `{}`", def.name), &def.pointer)
        }
        analysis::Deepest::Operation(index) => {
            let operation = &ir.operations[index];
            (
                format!("a type of the operation `{}`", operation.name),
                &operation.pointer,
            )
        }
    };
    let message = format!(
        "{what} nests {} levels deep (counting as rustc does: a `Vec` is three, a struct or an `Option` one), past the 128 rustc checks by default: the crate that compiles this code needs `#![recursion_limit = \"{}\"]` (a `--crate` has it)",
        deep.depth, deep.recursion_limit
    );
    (
        Diagnostic::warning(pointer.clone(), message),
        deep.recursion_limit,
    )
}

/// The spec's file name, for the header: stable wherever the spec is checked out.
fn display_name(source: &Source) -> String {
    source
        .path
        .as_deref()
        .and_then(Path::file_name)
        .map_or_else(
            || source.name.clone(),
            |name| name.to_string_lossy().into_owned(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Resolving with the `$ref` targets kept and the document value freed gives what
    /// resolving with the whole value does, also when a target sits in literal data (an `x-`
    /// extension here, which the walk listing the `$ref`s does not enter) and holds `$ref`s
    /// of its own.
    #[test]
    fn kept_ref_targets_resolve_as_the_whole_document_does() {
        let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  x-shared:\n    Owner: {type: object, properties: {name: {type: string}}}\n    Pet:\n      type: object\n      properties:\n        owner: {$ref: '#/components/x-shared/Owner'}\n        tag: {allOf: [{$ref: '#/components/x-shared/Owner'}]}\n  schemas:\n    Pet: {$ref: '#/components/x-shared/Pet'}\n    Part: {type: object, properties: {parent: {$ref: '#/components/x-shared/Pet/properties/owner'}}}\n";
        let source = Source::from_bytes("test.yaml", text.as_bytes().to_vec()).unwrap();
        let (kept, warnings, _) = Generator::new(Settings::default())
            .resolve_source(&source)
            .unwrap();
        let warnings = warnings.into_vec();
        assert!(warnings.is_empty(), "{warnings:?}");
        let mut whole_warnings = Warnings::default();
        let normalized =
            normalize::normalize(&source, source.parse().unwrap(), &mut whole_warnings).unwrap();
        assert!(normalized.ref_targets.is_none());
        let whole =
            resolve::resolve(&normalized, &Settings::default(), &mut whole_warnings).unwrap();
        assert!(whole_warnings.into_vec().is_empty());
        assert_eq!(kept, whole);
        let names: Vec<&str> = kept.types.iter().map(|def| def.name.as_str()).collect();
        assert!(names.contains(&"XSharedOwner"), "{names:?}");
    }

    /// A spec large enough that `types` is cut in parts and modules are formatted in chunks.
    fn large_spec() -> String {
        let mut spec = String::from(
            "openapi: 3.0.3\ninfo: {title: Large, version: '1'}\npaths:\n  /things/{id}:\n    get:\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses:\n        '200':\n          description: ok\n          content: {application/json: {schema: {$ref: '#/components/schemas/Thing0'}}}\ncomponents:\n  schemas:\n",
        );
        for n in 0..1_100 {
            spec.push_str(&format!(
                "    Thing{n}:\n      type: object\n      required: [id]\n      properties:\n        id: {{type: string}}\n        next: {{$ref: '#/components/schemas/Thing{}'}}\n        kind: {{type: string, enum: [a, b]}}\n",
                (n + 1) % 1_100
            ));
        }
        // Enough operations for the client's and the server's to be formatted in several
        // chunks as they are emitted.
        let mut paths = String::new();
        for n in 0..70 {
            paths.push_str(&format!(
                "  /things{n}/{{id}}:\n    parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]\n    get:\n      parameters: [{{name: page, in: query, schema: {{type: integer, minimum: 1}}}}]\n      responses:\n        '200':\n          description: ok\n          content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing{n}'}}}}}}\n        '404': {{description: gone}}\n    post:\n      requestBody: {{required: true, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing{n}'}}}}}}}}\n      responses:\n        '201': {{description: made}}\n"
            ));
        }
        spec.replace("components:\n", &format!("{paths}components:\n"))
    }

    #[test]
    fn threaded_chunked_output_is_the_sequential_whole_file_formatting() {
        let generator = Generator::new(Settings::everything());
        let source = Source::from_bytes("large.yaml", large_spec().into_bytes()).unwrap();
        let threaded = generator.generate_loaded(&source).unwrap().code;

        let (ir, _, _) = generator.resolve_source(&source).unwrap();
        let analysis = analysis::analyze(&ir, generator.settings());
        assert!(emit::pieces(&ir, generator.settings(), 2).len() > 3);
        assert!(
            ir.operations.len() > 4 * 32,
            "operations streamed in several chunks"
        );
        let parser = emit::code::Parser::default();
        let mut whole = format::header("large.yaml");
        for module in emit::emit(&ir, &analysis, generator.settings(), &parser) {
            whole += &format::print_module(module, 0, format::Part::WHOLE, None).unwrap();
        }
        parser.finish().unwrap();
        assert_eq!(threaded, whole);
    }
}
