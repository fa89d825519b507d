use super::absolute;
use crate::cli::IngestArgs;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use unkg::extract::{Extraction, Extractor};
use unkg::store::Source;

/// Files extracted together, in parallel.
const BATCH: usize = 256;
/// Documents go to the store's writer once they hold this many quads: memory holds a few
/// writes' quads at most (one the bulk loader sorts, one waiting for it, one passed on and
/// one gathered). The writer commits them in larger steps (see [`unkg::store::Writer`]).
const WRITE_QUADS: usize = 250_000;

/// The documents of one write, and the sources whose files are gone.
type Write = (Vec<(Source, Vec<oxigraph::model::Quad>)>, Vec<Source>);

/// What became of one file.
enum Outcome {
    /// Its content key is the one the store has: not read again.
    Unchanged,
    Extracted(Box<(Source, unkg::record::Record, Vec<oxigraph::model::Quad>)>),
    Failed(String),
}

pub fn run(
    store_dir: &Path,
    quiet: bool,
    verbose: bool,
    args: IngestArgs,
) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let extractor = super::extractor()?;
    let walk = unkg::input::walk(&args.paths);
    if !super::report_walk(&walk) && walk.files.is_empty() {
        return Ok(ExitCode::from(1));
    }
    anyhow::ensure!(
        !walk.files.is_empty(),
        "no .txt, .md, .html, .pdf or .docx files in {}",
        args.paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let target = match &args.endpoint {
        Some(url) => Target::Remote(unkg::store::remote::RemoteStore::new(url)),
        None => Target::Local(super::open_store(store_dir)?),
    };
    let known = target.sources()?;
    let files: Vec<(PathBuf, String)> = walk
        .files
        .iter()
        .zip(&walk.real_paths)
        .map(|(p, real)| (p.clone(), unkg::store::path_key(real)))
        .collect();
    let removed = if args.keep_missing {
        Vec::new()
    } else {
        missing_sources(&args.paths, &files, &known)
    };

    let progress = ProgressBar::new(files.len() as u64);
    if quiet || !std::io::stderr().is_terminal() {
        progress.set_draw_target(ProgressDrawTarget::hidden());
    }
    progress.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()?;
    let lang = args.lang.as_deref();
    let key_base = content_key_base(&extractor, lang);

    let mut summary = Summary {
        failed: walk.errors.len(),
        ..Summary::default()
    };
    let run = Run {
        extractor: &extractor,
        target: &target,
        pool: &pool,
        progress: &progress,
        key_base: &key_base,
        lang,
        verbose,
    };
    run.write_files(&files, removed.clone(), &known, false, &mut summary)?;
    // Files that hold the same document as a file that went (or now holds another) provide
    // it from now on: read again, though unchanged.
    let now = target.sources()?;
    let waiting: Vec<(PathBuf, String)> = unkg::store::sources_to_reread(&now)
        .into_iter()
        .map(|s| (unkg::store::key_path(&s.path), s.path))
        .collect();
    if !waiting.is_empty() {
        progress.inc_length(waiting.len() as u64);
        run.write_files(&waiting, Vec::new(), &now, true, &mut summary)?;
    }
    progress.finish_and_clear();
    let changed = summary.by_organ_lang.values().sum::<usize>() > 0 || !removed.is_empty();
    target.finish(store_dir, changed)?;

    if !quiet {
        let into = match &args.endpoint {
            Some(url) => format!("the store served at {url}"),
            None => store_dir.display().to_string(),
        };
        summary.print(&into, removed.len(), started);
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What every pass of one ingest run shares.
struct Run<'a> {
    extractor: &'a Extractor,
    target: &'a Target,
    pool: &'a rayon::ThreadPool,
    progress: &'a ProgressBar,
    key_base: &'a [u8],
    lang: Option<&'a str>,
    verbose: bool,
}

impl Run<'_> {
    /// Extracts `files` (path, key) and writes what changed, with the sources in `removed`
    /// forgotten; `known` is what the store held of its sources before. `reread` reads files
    /// even when the store has them as they are.
    fn write_files(
        &self,
        files: &[(PathBuf, String)],
        removed: Vec<Source>,
        known: &BTreeMap<String, Source>,
        reread: bool,
        summary: &mut Summary,
    ) -> anyhow::Result<()> {
        let progress = self.progress;
        let mut provider_of: HashMap<String, (&Path, &str)> = HashMap::new();
        // Extraction goes on while the previous write is made: a write (the bulk loader's
        // sort and files, one thread) and extraction (every core) take turns otherwise. One
        // write waits at most (see `WRITE_QUADS`).
        std::thread::scope(|scope| -> anyhow::Result<()> {
            let (to_writer, writes) = std::sync::mpsc::sync_channel::<Write>(1);
            let writer = scope.spawn(|| -> anyhow::Result<()> {
                let mut writer = self.target.writer();
                for (documents, gone) in writes {
                    writer.write(documents, &gone, known)?;
                }
                writer.commit()
            });
            let mut documents = Vec::new();
            let mut pending_quads = 0;
            // Sources whose files are gone go with the first write.
            let mut gone = removed;
            for (i, chunk) in files.chunks(BATCH).enumerate() {
                let outcomes: Vec<Outcome> = self.pool.install(|| {
                    chunk
                        .par_iter()
                        .with_max_len(super::FILES_PER_TASK)
                        .map(|(path, key)| {
                            let known = (!reread).then_some(known);
                            let outcome = extract_one(
                                self.extractor,
                                path,
                                key,
                                self.key_base,
                                known,
                                self.lang,
                            );
                            progress.inc(1);
                            outcome
                        })
                        .collect()
                });
                for ((path, key), outcome) in chunk.iter().zip(outcomes) {
                    match outcome {
                        Outcome::Unchanged => summary.unchanged += 1,
                        Outcome::Failed(message) => {
                            progress.suspend(|| eprintln!("unkg: {}: {message}", path.display()));
                            summary.failed += 1;
                        }
                        Outcome::Extracted(extracted) => {
                            let (source, record, quads) = *extracted;
                            let this = (path.as_path(), key.as_str());
                            if let Some(other) = provider_of.insert(source.graph.clone(), this) {
                                // Of two files of one document, the one whose path sorts
                                // last provides it (whatever order runs read them in).
                                let kept = if other.1 > this.1 { other } else { this };
                                provider_of.insert(source.graph.clone(), kept);
                                progress.suspend(|| {
                                    eprintln!(
                                        "unkg: {}: holds the same document as {} ({} in {}); the store takes it from {}, and from the other file if that one goes",
                                        path.display(),
                                        other.0.display(),
                                        record.symbol.as_deref().unwrap_or("no symbol"),
                                        record.lang,
                                        kept.0.display(),
                                    )
                                });
                            }
                            progress.suspend(|| report(path, &record, self.verbose));
                            summary.add(&record);
                            pending_quads += quads.len();
                            documents.push((source, quads));
                        }
                    }
                }
                let last = (i + 1) * BATCH >= files.len();
                if pending_quads >= WRITE_QUADS
                    || (last && !(documents.is_empty() && gone.is_empty()))
                {
                    let write = (std::mem::take(&mut documents), std::mem::take(&mut gone));
                    pending_quads = 0;
                    if to_writer.send(write).is_err() {
                        break; // the writer stopped on an error, which it returns
                    }
                }
            }
            drop(to_writer);
            writer
                .join()
                .map_err(|_| anyhow::anyhow!("the store writer stopped unexpectedly"))?
        })
    }
}

/// Where the documents go: the store folder, or the endpoint of the server that holds it.
enum Target {
    Local(unkg::store::Store),
    Remote(unkg::store::remote::RemoteStore),
}

impl Target {
    fn sources(&self) -> anyhow::Result<BTreeMap<String, Source>> {
        Ok(match self {
            Target::Local(store) => store.sources()?,
            Target::Remote(remote) => remote
                .sources()?
                .into_iter()
                .map(|s| (s.path.clone(), s))
                .collect(),
        })
    }

    /// A writer for the run's batches (see [`unkg::store::Writer`]).
    fn writer(&self) -> TargetWriter<'_> {
        match self {
            Target::Local(store) => TargetWriter::Local(Box::new(store.writer())),
            Target::Remote(remote) => TargetWriter::Remote(remote),
        }
    }

    /// What depends on every document (the ontology, stubs of cited resolutions), made
    /// anew once the documents are in. A run that changed nothing leaves them as they are
    /// (any change of unkg or its language data reads every file again, so it is a change).
    fn finish(&self, store_dir: &Path, changed: bool) -> anyhow::Result<()> {
        match self {
            Target::Local(store) => {
                if changed || !store.has_ontology()? {
                    store.load_ontology()?;
                    store.refresh_stubs()?;
                }
                store.flush(store_dir)?;
            }
            Target::Remote(remote) => remote.write_batch(&unkg::store::remote::Batch {
                last: true,
                ..Default::default()
            })?,
        }
        Ok(())
    }
}

/// Writes the batches of a run to the store, or sends them to the endpoint.
enum TargetWriter<'a> {
    Local(Box<unkg::store::Writer<'a>>),
    Remote(&'a unkg::store::remote::RemoteStore),
}

impl TargetWriter<'_> {
    /// Writes one batch: each document lands whole or not at all.
    fn write(
        &mut self,
        documents: Vec<(Source, Vec<oxigraph::model::Quad>)>,
        removed: &[Source],
        known: &BTreeMap<String, Source>,
    ) -> anyhow::Result<()> {
        match self {
            TargetWriter::Local(writer) => writer.write(documents, removed, known)?,
            TargetWriter::Remote(remote) => {
                use unkg::store::remote::{Batch, SentDocument};
                // Requests stay far below the server's limit however large the documents.
                const REQUEST_BYTES: usize = 16 << 20;
                let mut batch = Batch {
                    removed: removed.to_vec(),
                    ..Batch::default()
                };
                let mut bytes = 0;
                for (source, quads) in documents {
                    let sent = SentDocument::new(source, &quads)?;
                    bytes += sent.nquads.len();
                    batch.documents.push(sent);
                    if bytes > REQUEST_BYTES {
                        remote.write_batch(&std::mem::take(&mut batch))?;
                        bytes = 0;
                    }
                }
                if !batch.documents.is_empty() || !batch.removed.is_empty() {
                    remote.write_batch(&batch)?;
                }
            }
        }
        Ok(())
    }

    /// Commits what the store's writer holds (an endpoint commits each batch it is sent).
    fn commit(self) -> anyhow::Result<()> {
        if let TargetWriter::Local(mut writer) = self {
            writer.commit()?;
        }
        Ok(())
    }
}

/// Reads one file and, unless the store has it as it is, extracts and maps it.
fn extract_one(
    extractor: &Extractor,
    path: &Path,
    absolute: &str,
    key_base: &[u8],
    known: Option<&BTreeMap<String, Source>>,
    lang: Option<&str>,
) -> Outcome {
    let bytes = match unkg::input::read_bytes(path) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    let content_key = content_key(key_base, &bytes);
    if known
        .and_then(|known| known.get(absolute))
        .is_some_and(|s| s.content_key == content_key)
    {
        return Outcome::Unchanged;
    }
    match extractor.extract_bytes(path, bytes, lang) {
        Ok(Extraction { record, text }) => {
            let quads = unkg::rdf::record_quads(&record, &text);
            let source = Source::of_record(absolute, &content_key, &record);
            Outcome::Extracted(Box::new((source, record, quads)))
        }
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// What a content key is made of besides the file's bytes: this version of unkg, its
/// language data and the language asked for; a change in any of them reads the file anew.
fn content_key_base(extractor: &Extractor, lang: Option<&str>) -> Vec<u8> {
    format!(
        "{}\n{}\n{}\n{}\n",
        env!("CARGO_PKG_VERSION"),
        unkg::store::SOURCE_LAYOUT,
        extractor.lexicon().digest,
        lang.unwrap_or("")
    )
    .into_bytes()
}

fn content_key(base: &[u8], bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(base);
    hasher.update(bytes);
    unkg::text::hex(&hasher.finalize())
}

/// Sources under the folders being ingested whose files are no longer there (deleted or
/// renamed): their documents leave the store with them.
fn missing_sources(
    roots: &[PathBuf],
    files: &[(PathBuf, String)],
    known: &BTreeMap<String, Source>,
) -> Vec<Source> {
    let present: BTreeSet<&str> = files.iter().map(|(_, a)| a.as_str()).collect();
    let folders: Vec<String> = roots
        .iter()
        .filter(|r| r.is_dir())
        .map(|r| format!("{}/", absolute(r).trim_end_matches('/')))
        .collect();
    known
        .values()
        .filter(|s| folders.iter().any(|f| s.path.starts_with(f.as_str())))
        .filter(|s| !present.contains(s.path.as_str()))
        .cloned()
        .collect()
}

fn report(path: &Path, record: &unkg::record::Record, verbose: bool) {
    if !record.resolution_form {
        eprintln!(
            "unkg: {}: warning: not a resolution (no symbol, no enacting formula, no paragraph opened by a resolution's verb); stored as a plain document",
            path.display()
        );
    }
    if !verbose {
        return;
    }
    eprintln!(
        "{}: {} ({}), {} citations",
        path.display(),
        record.symbol.as_deref().unwrap_or("no symbol"),
        record.lang,
        record.cites.len()
    );
    for w in &record.warnings {
        eprintln!("unkg: {}: warning: {w}", path.display());
    }
}

/// The totals printed at the end.
#[derive(Default)]
struct Summary {
    by_organ_lang: BTreeMap<(String, String), usize>,
    citations: usize,
    warnings: usize,
    unchanged: usize,
    failed: usize,
}

impl Summary {
    fn add(&mut self, record: &unkg::record::Record) {
        let organ = record
            .organ
            .clone()
            .unwrap_or_else(|| "unknown organ".into());
        *self
            .by_organ_lang
            .entry((organ, record.lang.clone()))
            .or_default() += 1;
        self.citations += record.cites.len();
        self.warnings += record.warnings.len();
    }

    fn print(&self, into: &str, removed: usize, started: Instant) {
        let written: usize = self.by_organ_lang.values().sum();
        eprintln!(
            "ingested {written} documents, {} unchanged, {removed} removed, into {} in {:.2} s (`unkg stats` counts what the store holds)",
            self.unchanged,
            into,
            started.elapsed().as_secs_f64()
        );
        for ((organ, lang), n) in &self.by_organ_lang {
            eprintln!("  {n:>6}  {organ} ({lang})");
        }
        eprintln!(
            "  {} citations, {} warnings (-v lists them)",
            self.citations, self.warnings
        );
        if self.failed > 0 {
            eprintln!("  {} files could not be read (see above)", self.failed);
        }
    }
}
