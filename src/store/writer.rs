//! Writing documents: new ones through the bulk loader, replacements and removals in a
//! transaction each; the stubs graph kept to the works that are cited and not ingested.

use super::sources::{Source, forget_source, is_in, source_node, source_record, work_facts};
use super::{SOURCES_GRAPH, STUBS_GRAPH, Store, StoreError};
use crate::rdf::vocab;
use oxigraph::io::RdfFormat;
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use std::collections::BTreeMap;

/// Makes a work's graph the union of the work facts its sources recorded (empty when none is
/// left). A work it no longer cites may be cited by none: its stub is marked to check.
fn rebuild_work_graph(
    t: &mut oxigraph::store::Transaction<'_>,
    sources: NamedNodeRef<'_>,
    work_graph: &str,
) -> Result<(), StoreError> {
    let graph = NamedNodeRef::new_unchecked(work_graph);
    let holders: Vec<Quad> = t
        .quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(vocab::UNKG_IN_WORK_GRAPH)),
            Some(graph.into()),
            Some(sources.into()),
        )
        .collect::<Result<_, _>>()?;
    let mut wanted = std::collections::HashSet::new();
    for holder in holders {
        let facts: Vec<Quad> = t
            .quads_for_pattern(
                Some(holder.subject.as_ref()),
                Some(NamedNodeRef::new_unchecked(vocab::UNKG_WORK_FACTS)),
                None,
                Some(sources.into()),
            )
            .collect::<Result<_, _>>()?;
        for fact in facts {
            let Term::Literal(ntriples) = &fact.object else {
                continue;
            };
            for triple in oxigraph::io::RdfParser::from_format(RdfFormat::NTriples)
                .for_slice(ntriples.value().as_bytes())
            {
                let q = triple
                    .map_err(|e| StoreError::Other(format!("work facts of {work_graph}: {e}")))?;
                wanted.insert(Quad::new(
                    q.subject,
                    q.predicate,
                    q.object,
                    graph.into_owned(),
                ));
            }
        }
    }
    for removed in set_graph(t, graph, wanted)? {
        if let Term::NamedNode(cited) = removed.object
            && CITING.contains(&removed.predicate.as_str())
        {
            t.insert(&stub_to_check(cited.into()));
        }
    }
    Ok(())
}

/// The predicates by which a document cites a work (and keeps its stub).
const CITING: [&str; 3] = [
    vocab::UNKG_CITES,
    vocab::UNKG_CITES_DOCUMENT,
    vocab::UNKG_ADOPTED_ON_REPORT_OF,
];

/// Makes a graph hold exactly `wanted`, changing only what differs; returns what it removed.
pub(super) fn set_graph(
    t: &mut oxigraph::store::Transaction<'_>,
    graph: NamedNodeRef<'_>,
    wanted: std::collections::HashSet<Quad>,
) -> Result<Vec<Quad>, StoreError> {
    let current: std::collections::HashSet<Quad> = t
        .quads_for_pattern(None, None, None, Some(graph.into()))
        .collect::<Result<_, _>>()?;
    let removed: Vec<Quad> = current.difference(&wanted).cloned().collect();
    for q in &removed {
        t.remove(q);
    }
    for q in wanted.difference(&current) {
        t.insert(q);
    }
    Ok(removed)
}

/// The works a document's quads say are ingested (`unkg:ingested true`).
fn ingested_works(quads: &[Quad]) -> impl Iterator<Item = &NamedOrBlankNode> {
    quads
        .iter()
        .filter(|q| {
            q.predicate.as_str() == vocab::UNKG_INGESTED
                && matches!(&q.object, Term::Literal(l) if l.value() == "true")
        })
        .map(|q| &q.subject)
}

/// A mark in the sources graph that `work`'s stub may have to go (see
/// [`Store::refresh_stubs`]), written in the same commit as the change that calls for it.
fn stub_to_check(work: NamedOrBlankNode) -> Quad {
    Quad::new(
        NamedNode::new_unchecked(STUBS_GRAPH),
        NamedNode::new_unchecked(vocab::UNKG_STUB_TO_CHECK),
        work,
        NamedNode::new_unchecked(SOURCES_GRAPH),
    )
}

/// Which stub facts a write keeps: each once, and none for a work that is ingested (stubs
/// written only to be taken away again by `refresh_stubs` would cost two writes each).
#[derive(Default)]
struct StubFilter {
    written: std::collections::HashSet<Quad>,
    /// Whether a work is ingested, as the batch says or the store answered.
    ingested: std::collections::HashMap<NamedOrBlankNode, bool>,
}

impl StubFilter {
    /// Notes the works these documents ingest: they get no stub, but may have one from an
    /// earlier write, which `refresh_stubs` looks at.
    fn ingesting<'a>(&mut self, documents: impl Iterator<Item = &'a [Quad]>) {
        for quads in documents {
            for work in ingested_works(quads) {
                self.ingested.insert(work.clone(), true);
            }
        }
    }

    fn keeps(&mut self, store: &Store, quad: &Quad) -> Result<bool, StoreError> {
        Ok(!store.is_ingested(&quad.subject, &mut self.ingested)?
            && self.written.insert(quad.clone()))
    }
}

/// New documents' quads gathered by the bulk loader before they go into the store together.
/// Each commit hands RocksDB sorted files that its compaction then merges with all the store
/// holds, again at every level: committing rarely saves most of that work (150,000 documents:
/// 357 s committing every 400,000 quads, 270 s every 4,000,000; one commit at the end, 340 s,
/// leaves all the merging to the end). The loader keeps its files on disk, not in memory.
const COMMIT_QUADS: usize = 4_000_000;

/// The loader sorts the quads it is given at once into a file per index: each file is one
/// more that every later read of the store searches, until RocksDB merges them.
const LOADER_BATCH: usize = 500_000;

/// Writes the batches of one run. Files new to the store (path unknown, version graph empty)
/// go in through the bulk loader with their source records, committed together every
/// [`COMMIT_QUADS`] quads and at [`Writer::commit`]: their work facts join the work's graph, a
/// set. Each replaced or removed document goes in a transaction of its own, once what the
/// loader holds is committed: its version graph gets the new facts, and the graph of a work
/// whose facts it changed is rebuilt from the work facts each of the work's sources recorded
/// (changing only what differs). Whatever stops the process, the store holds each document as
/// it was or as it is now, never a part of one; new documents since the last commit are lost,
/// and the next run reads them again.
pub struct Writer<'a> {
    store: &'a Store,
    loader: Option<oxigraph::store::BulkLoader<'a>>,
    pending: Pending,
}

/// What the loader holds, which the store cannot tell yet: kept until the next commit.
#[derive(Default)]
struct Pending {
    quads: usize,
    /// Quads not yet given to the loader (see [`LOADER_BATCH`]).
    unsorted: Vec<Quad>,
    /// Version graphs written: a document of one of them again replaces it, in a transaction.
    versions: std::collections::HashSet<String>,
    /// A digest of the work facts loaded, by work graph: another version of the work most
    /// often states the same.
    work_facts: std::collections::HashMap<String, [u8; 32]>,
    stubs: StubFilter,
}

fn digest(facts: &str) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(facts.as_bytes()).into()
}

impl Writer<'_> {
    /// Writes a batch of documents and forgets removed sources. Each document's quads go to
    /// its version's graph, its work's graph and the stubs graph (see [`crate::rdf`]).
    /// `known` is what [`Store::sources`] said of these paths before the run.
    pub fn write(
        &mut self,
        documents: Vec<(Source, Vec<Quad>)>,
        removed: &[Source],
        known: &BTreeMap<String, Source>,
    ) -> Result<(), StoreError> {
        let store = self.store;
        let mut fresh = Vec::new();
        let mut replacing = Vec::new();
        for (source, quads) in documents {
            if self.pending.versions.insert(source.graph.clone())
                && !known.contains_key(&source.path)
                && store.graph_is_empty(&source.graph)?
            {
                fresh.push((source, quads));
            } else {
                replacing.push((source, quads));
            }
        }
        if !fresh.is_empty() {
            self.load(fresh)?;
        }
        if replacing.is_empty() && removed.is_empty() {
            return Ok(());
        }
        // Transactions read the store, which must hold what the loader has.
        self.commit()?;
        let mut stubs = StubFilter::default();
        stubs.ingesting(replacing.iter().map(|(_, quads)| quads.as_slice()));
        let sources = NamedNodeRef::new_unchecked(SOURCES_GRAPH);
        // Replacements and removals take facts away, which only a rebuild from every version
        // can tell; each graph is changed by the difference only, as most of an edited file's
        // facts stay what they were. A transaction a document keeps each one whole, and small:
        // reads in a transaction search all it has written so far.
        for source in removed {
            let mut t = store.inner.start_transaction()?;
            forget_source(&mut t, sources, &source.path)?;
            if !source.shadowed {
                t.clear_graph(NamedNodeRef::new_unchecked(&source.graph))?;
                rebuild_work_graph(&mut t, sources, &source.work_graph)?;
            }
            t.commit()?;
        }
        for (source, quads) in &replacing {
            self.replace(&mut stubs, source, quads)?;
        }
        Ok(())
    }

    /// Writes a document whose graph or file the store may know, in a transaction: the file
    /// provides its document, or waits as a shadowed source when a file whose path sorts
    /// after it already does (see [`Source::shadowed`]).
    fn replace(
        &mut self,
        stubs: &mut StubFilter,
        source: &Source,
        quads: &[Quad],
    ) -> Result<(), StoreError> {
        let store = self.store;
        let sources = NamedNodeRef::new_unchecked(SOURCES_GRAPH);
        let facts = work_facts(source, quads);
        let before = store.source(&source.path)?;
        let rival = store
            .holder_of(&source.graph)?
            .filter(|r| r.path != source.path);
        let mut t = store.inner.start_transaction()?;
        // The graphs of works whose facts change.
        let mut works = std::collections::BTreeSet::new();
        // The document the file provided before goes, unless it is this one.
        if let Some(before) = &before
            && !before.shadowed
            && before.graph != source.graph
        {
            t.clear_graph(NamedNodeRef::new_unchecked(&before.graph))?;
            works.insert(before.work_graph.clone());
        }
        forget_source(&mut t, sources, &source.path)?;
        if let Some(rival) = &rival
            && rival.path > source.path
        {
            let waiting = Source {
                shadowed: true,
                ..source.clone()
            };
            for q in source_record(sources, &waiting, &[], String::new()) {
                t.insert(&q);
            }
        } else {
            if let Some(rival) = rival {
                // The file that provided the document before now waits in turn.
                forget_source(&mut t, sources, &rival.path)?;
                let waiting = Source {
                    shadowed: true,
                    ..rival
                };
                for q in source_record(sources, &waiting, &[], String::new()) {
                    t.insert(&q);
                }
                works.insert(waiting.work_graph);
            }
            // An edit that leaves what the file says of its work as it was (most edits)
            // leaves the work's graph as it is.
            let same_work_facts = match &before {
                Some(before) if !before.shadowed && before.work_graph == source.work_graph => {
                    let node = source_node(&source.path);
                    store
                        .recorded_work_facts(NamedNodeRef::new_unchecked(&node).into())?
                        .as_deref()
                        == Some(facts.as_str())
                }
                _ => false,
            };
            if !same_work_facts {
                works.extend(before.as_ref().map(|b| b.work_graph.clone()));
                works.insert(source.work_graph.clone());
            }
            set_graph(
                &mut t,
                NamedNodeRef::new_unchecked(&source.graph),
                quads
                    .iter()
                    .filter(|q| is_in(q, &source.graph))
                    .cloned()
                    .collect(),
            )?;
            for q in quads.iter().filter(|q| is_in(q, STUBS_GRAPH)) {
                if stubs.keeps(store, q)? {
                    t.insert(q);
                }
            }
            for q in source_record(sources, source, quads, facts)
                .into_iter()
                .chain(ingested_works(quads).map(|w| stub_to_check(w.clone())))
            {
                t.insert(&q);
            }
        }
        for work_graph in works {
            rebuild_work_graph(&mut t, sources, &work_graph)?;
        }
        t.commit()?;
        Ok(())
    }

    /// Gives the loader the quads of documents new to the store.
    fn load(&mut self, fresh: Vec<(Source, Vec<Quad>)>) -> Result<(), StoreError> {
        let store = self.store;
        let pending = &mut self.pending;
        pending
            .stubs
            .ingesting(fresh.iter().map(|(_, quads)| quads.as_slice()));
        let sources = NamedNodeRef::new_unchecked(SOURCES_GRAPH);
        let mut chosen: Vec<Quad> = Vec::new();
        for (source, quads) in fresh {
            let facts = work_facts(&source, &quads);
            // Another language version may have stated the work's facts already, most often
            // all of them: then one comparison saves loading them again, else a lookup each.
            let (some_stated, all_stated) = match pending.work_facts.get(&source.work_graph) {
                Some(loaded) => (true, *loaded == digest(&facts)),
                None => match store.stated_work_facts(&source.work_graph)? {
                    Some(stated) => (true, stated == facts),
                    None => (false, false),
                },
            };
            if !some_stated {
                pending
                    .work_facts
                    .insert(source.work_graph.clone(), digest(&facts));
            }
            chosen.extend(source_record(sources, &source, &quads, facts));
            chosen.extend(ingested_works(&quads).map(|w| stub_to_check(w.clone())));
            for q in quads {
                let keep = if is_in(&q, STUBS_GRAPH) {
                    pending.stubs.keeps(store, &q)?
                } else if some_stated && is_in(&q, &source.work_graph) {
                    !all_stated && !store.inner.contains(&q)?
                } else {
                    true
                };
                if keep {
                    chosen.push(q);
                }
            }
        }
        pending.quads += chosen.len();
        pending.unsorted.extend(chosen);
        if pending.unsorted.len() >= LOADER_BATCH {
            self.hand_to_loader()?;
        }
        if self.pending.quads >= COMMIT_QUADS {
            self.commit()?;
        }
        Ok(())
    }

    /// Gives the loader the quads gathered for it, which one of its threads sorts into files.
    fn hand_to_loader(&mut self) -> Result<(), StoreError> {
        let batch = std::mem::take(&mut self.pending.unsorted);
        if !batch.is_empty() {
            // Two threads sort the loader's files: extraction, on the other cores, takes a
            // sixth of an ingest's time (17,400 documents: 13.5 s with two, 21 s with one).
            self.loader
                .get_or_insert_with(|| self.store.inner.bulk_loader().with_num_threads(2))
                .load_quads(batch)?;
        }
        Ok(())
    }

    /// Puts what the loader holds into the store, in one atomic step.
    pub fn commit(&mut self) -> Result<(), StoreError> {
        self.hand_to_loader()?;
        if let Some(loader) = self.loader.take() {
            loader.commit()?;
        }
        self.pending = Pending::default();
        Ok(())
    }
}

impl Store {
    /// Writes one batch whole, at once (see [`Writer`]).
    pub fn write_batch(
        &self,
        documents: Vec<(Source, Vec<Quad>)>,
        removed: &[Source],
        known: &BTreeMap<String, Source>,
    ) -> Result<(), StoreError> {
        let mut writer = self.writer();
        writer.write(documents, removed, known)?;
        writer.commit()
    }

    /// A writer for the batches of one run.
    pub fn writer(&self) -> Writer<'_> {
        Writer {
            store: self,
            loader: None,
            pending: Pending::default(),
        }
    }

    /// Whether a work is ingested (its graph says `unkg:ingested true`), remembered in `known`.
    fn is_ingested(
        &self,
        work: &NamedOrBlankNode,
        known: &mut std::collections::HashMap<NamedOrBlankNode, bool>,
    ) -> Result<bool, StoreError> {
        if let Some(&answer) = known.get(work) {
            return Ok(answer);
        }
        let true_ = Literal::from(true);
        let answer = self
            .inner
            .quads_for_pattern(
                Some(work.as_ref()),
                Some(NamedNodeRef::new_unchecked(vocab::UNKG_INGESTED)),
                Some(true_.as_ref().into()),
                None,
            )
            .next()
            .transpose()?
            .is_some();
        known.insert(work.clone(), answer);
        Ok(answer)
    }

    /// Keeps in the stubs graph only works that are cited and not ingested: documents put
    /// the stub facts of what they cite there, and a work ingested since, or no longer cited
    /// by anyone, loses its stub here. Only the works that writes marked `unkg:stubToCheck`
    /// are looked at, and the marks go with the stale stubs, in one commit: a run stopped
    /// before this leaves its marks for the next.
    pub fn refresh_stubs(&self) -> Result<(), StoreError> {
        let stubs = NamedNodeRef::new_unchecked(STUBS_GRAPH);
        let marked: Vec<NamedOrBlankNode> = self
            .objects_in_graph(vocab::UNKG_STUB_TO_CHECK, SOURCES_GRAPH)?
            .filter_map(|work| match work {
                Ok(Term::NamedNode(n)) => Some(Ok(n.into())),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<_, _>>()?;
        let mut stale = Vec::new();
        let mut ingested = std::collections::HashMap::new();
        for work in &marked {
            let stub: Vec<Quad> = self
                .inner
                .quads_for_pattern(Some(work.as_ref()), None, None, Some(stubs.into()))
                .collect::<Result<_, _>>()?;
            if !stub.is_empty()
                && (self.is_ingested(work, &mut ingested)? || !self.is_cited(work)?)
            {
                stale.extend(stub);
            }
        }
        if !marked.is_empty() {
            let mut t = self.inner.start_transaction()?;
            for q in stale {
                t.remove(&q);
            }
            for work in marked {
                t.remove(&stub_to_check(work));
            }
            t.commit()?;
        }
        Ok(())
    }

    /// Whether any document cites `work`, or a roll call was on it.
    fn is_cited(&self, work: &NamedOrBlankNode) -> Result<bool, StoreError> {
        let object = oxigraph::model::TermRef::from(work.as_ref());
        for p in CITING.iter().chain([&vocab::UNKG_VOTE_ON]) {
            if self
                .inner
                .quads_for_pattern(
                    None,
                    Some(NamedNodeRef::new_unchecked(p)),
                    Some(object),
                    None,
                )
                .next()
                .transpose()?
                .is_some()
            {
                return Ok(true);
            }
        }
        Ok(false)
    }
}
