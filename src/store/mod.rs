//! The Oxigraph store: one named graph per document and language, replaced whole in one
//! transaction when a document is ingested again, so a store holds whole documents only.

mod lock;
pub mod remote;

use crate::rdf::turtle;
use crate::rdf::vocab;
use lock::{Access, FolderLock};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{
    GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::sparql::{PreparedSparqlQuery, QueryResults, SparqlEvaluator};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// The graph holding the ontology, vocabularies and gazetteer.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/unkg/graph/ontology";
/// The graph that records, for each source file, what it gave: its content key and graph.
pub const SOURCES_GRAPH: &str = "https://w3id.org/unkg/graph/sources";
/// The graph of stub facts for cited resolutions that are not ingested.
pub const STUBS_GRAPH: &str = "https://w3id.org/unkg/graph/stubs";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("SPARQL syntax error: {0}")]
    Syntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    #[error("query failed: {0}")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("update failed: {0}")]
    Update(#[from] oxigraph::sparql::UpdateEvaluationError),
    #[error("cannot load RDF: {0}")]
    Load(#[from] oxigraph::store::LoaderError),
    #[error("cannot write: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write RDF: {0}")]
    Serialize(String),
    #[error("{0}")]
    Other(String),
    #[error("{0}")]
    TooComplex(String),
    /// Another process holds the store; the message says which and what to do.
    #[error("{0}")]
    Busy(String),
}

/// Brackets nested deeper than this are refused before parsing: the parser and evaluator
/// recurse once per level, and a few thousand levels would overflow the stack.
const MAX_NESTING: usize = 64;
/// Operators that chain (UNION, OPTIONAL, MINUS) beyond this are refused for the same reason.
const MAX_CHAINED: usize = 512;

/// Refuses a query or update nested too deep to evaluate safely. Strings, IRIs and comments
/// are skipped, so brackets inside them do not count.
pub fn check_nesting(sparql: &str) -> Result<(), StoreError> {
    let bytes = sparql.as_bytes();
    let (mut depth, mut deepest, mut chained) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            // An IRI: "<" then no white space up to ">" (a comparison has spaces around "<").
            b'<' if bytes[i + 1..]
                .iter()
                .take_while(|b| !b.is_ascii_whitespace())
                .any(|&b| b == b'>') =>
            {
                while i < bytes.len() && bytes[i] != b'>' {
                    i += 1;
                }
            }
            b'{' | b'(' | b'[' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'}' | b')' | b']' => depth = depth.saturating_sub(1),
            b'U' | b'u' | b'O' | b'o' | b'M' | b'm' => {
                let word = &bytes[i..bytes.len().min(i + 8)];
                let at_word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
                if at_word_start
                    && ["UNION", "OPTIONAL", "MINUS"].iter().any(|k| {
                        word.len() >= k.len() && word[..k.len()].eq_ignore_ascii_case(k.as_bytes())
                    })
                {
                    chained += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if deepest > MAX_NESTING {
        return Err(StoreError::TooComplex(format!(
            "the query nests brackets {deepest} deep; the limit is {MAX_NESTING}"
        )));
    }
    if chained > MAX_CHAINED {
        return Err(StoreError::TooComplex(format!(
            "the query chains {chained} UNION, OPTIONAL or MINUS; the limit is {MAX_CHAINED}"
        )));
    }
    Ok(())
}

/// A source file as the store knows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// The file's path, made absolute, so that one file is one source however it is named.
    pub path: String,
    /// A digest of the file's bytes and of what extraction reads them with: unchanged, the
    /// file need not be read again.
    pub content_key: String,
    /// The graph its document is in.
    pub graph: String,
}

/// The IRI that records a source file, from its path.
fn source_node(path: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(path.as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("https://w3id.org/unkg/source/{hex}")
}

/// Removes what the sources graph says of one path.
fn forget_source(
    t: &mut oxigraph::store::Transaction<'_>,
    sources: NamedNodeRef<'_>,
    path: &str,
) -> Result<(), StoreError> {
    let node = source_node(path);
    let facts: Vec<Quad> = t
        .quads_for_pattern(
            Some(NamedNodeRef::new_unchecked(&node).into()),
            None,
            None,
            Some(sources.into()),
        )
        .collect::<Result<_, _>>()?;
    for q in &facts {
        t.remove(q);
    }
    Ok(())
}

/// A handle on the store; clones share it (threads of the SPARQL endpoint do).
#[derive(Clone)]
pub struct Store {
    inner: oxigraph::store::Store,
    /// The folder lock of an on-disk store, held as long as any clone lives.
    lock: Option<std::sync::Arc<FolderLock>>,
}

impl Store {
    /// Opens (creating if needed) the store in `dir` to write, as the only process using it.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        let lock = FolderLock::take(dir, Access::Write).map_err(StoreError::Busy)?;
        // Replaces the note of an earlier writer (a server killed without cleaning up).
        lock.describe_holder(dir, "ingest");
        Ok(Store {
            inner: Self::open_inner(dir)?,
            lock: Some(std::sync::Arc::new(lock)),
        })
    }

    /// Opens the store in `dir` to read, beside other readers but never beside a writer.
    pub fn open_read_only(dir: &Path) -> Result<Self, StoreError> {
        if !dir.join(STORE_MARKER).exists() {
            return Err(StoreError::Other(format!(
                "there is no store in {} yet: run `unkg ingest` first",
                dir.display()
            )));
        }
        let lock = FolderLock::take(dir, Access::Read).map_err(StoreError::Busy)?;
        Ok(Store {
            inner: Self::open_inner_read_only(dir)?,
            lock: Some(std::sync::Arc::new(lock)),
        })
    }

    /// Tells those refused the store what holds it: `serve URL` sends ingests to the endpoint.
    pub fn announce(&self, dir: &Path, holder: &str) {
        if let Some(lock) = &self.lock {
            lock.describe_holder(dir, holder);
        }
    }

    #[cfg(feature = "rocksdb")]
    fn open_inner(dir: &Path) -> Result<oxigraph::store::Store, StoreError> {
        Ok(oxigraph::store::Store::open(dir)?)
    }

    #[cfg(feature = "rocksdb")]
    fn open_inner_read_only(dir: &Path) -> Result<oxigraph::store::Store, StoreError> {
        Ok(oxigraph::store::Store::open_read_only(dir)?)
    }

    /// Without RocksDB the store lives in memory; it is kept in `dir/store.nq` between runs.
    #[cfg(not(feature = "rocksdb"))]
    fn open_inner(dir: &Path) -> Result<oxigraph::store::Store, StoreError> {
        let inner = oxigraph::store::Store::new()?;
        let file = dir.join(STORE_MARKER);
        if file.exists() {
            inner.load_from_reader(RdfFormat::NQuads, std::fs::File::open(file)?)?;
        }
        Ok(inner)
    }

    #[cfg(not(feature = "rocksdb"))]
    fn open_inner_read_only(dir: &Path) -> Result<oxigraph::store::Store, StoreError> {
        Self::open_inner(dir)
    }

    /// A store in memory only (tests, `extract`).
    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(Store {
            inner: oxigraph::store::Store::new()?,
            lock: None,
        })
    }

    /// Writes what must outlive the process.
    pub fn flush(&self, _dir: &Path) -> Result<(), StoreError> {
        #[cfg(feature = "rocksdb")]
        self.inner.flush()?;
        #[cfg(not(feature = "rocksdb"))]
        {
            std::fs::create_dir_all(_dir)?;
            let file = std::fs::File::create(_dir.join(STORE_MARKER))?;
            self.inner
                .dump_to_writer(
                    RdfSerializer::from_format(RdfFormat::NQuads),
                    std::io::BufWriter::new(file),
                )
                .map_err(|e| StoreError::Serialize(e.to_string()))?;
        }
        Ok(())
    }

    pub fn oxigraph(&self) -> &oxigraph::store::Store {
        &self.inner
    }

    /// Replaces the whole content of `graph` by `quads`, in one transaction.
    pub fn replace_graph(&self, graph: &str, quads: &[Quad]) -> Result<(), StoreError> {
        let g = NamedNodeRef::new_unchecked(graph);
        let mut t = self.inner.start_transaction()?;
        t.clear_graph(g)?;
        for q in quads {
            t.insert(q);
        }
        t.commit()?;
        Ok(())
    }

    /// The source files ingested so far: path → what the store holds of it.
    pub fn sources(&self) -> Result<BTreeMap<String, Source>, StoreError> {
        let mut sources = BTreeMap::new();
        for q in self.inner.quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(vocab::UNKG_SOURCE_PATH)),
            None,
            Some(NamedNodeRef::new_unchecked(SOURCES_GRAPH).into()),
        ) {
            if let Some(source) = self.source_of(q?.subject.as_ref())? {
                sources.insert(source.path.clone(), source);
            }
        }
        Ok(sources)
    }

    /// What the store holds of one source file, if it was ingested.
    pub fn source(&self, path: &str) -> Result<Option<Source>, StoreError> {
        self.source_of(NamedNodeRef::new_unchecked(&source_node(path)).into())
    }

    fn source_of(
        &self,
        node: oxigraph::model::NamedOrBlankNodeRef<'_>,
    ) -> Result<Option<Source>, StoreError> {
        let value = |p| -> Result<Option<Term>, StoreError> {
            Ok(self
                .inner
                .quads_for_pattern(
                    Some(node),
                    Some(NamedNodeRef::new_unchecked(p)),
                    None,
                    Some(NamedNodeRef::new_unchecked(SOURCES_GRAPH).into()),
                )
                .next()
                .transpose()?
                .map(|q| q.object))
        };
        let (Some(Term::Literal(path)), Some(Term::Literal(key)), Some(Term::NamedNode(graph))) = (
            value(vocab::UNKG_SOURCE_PATH)?,
            value(vocab::UNKG_CONTENT_KEY)?,
            value(vocab::UNKG_IN_GRAPH)?,
        ) else {
            return Ok(None);
        };
        Ok(Some(Source {
            path: path.value().to_string(),
            content_key: key.value().to_string(),
            graph: graph.into_string(),
        }))
    }

    /// Writes a batch of documents and forgets removed sources. Documents new to the store
    /// (their file unknown, their graph empty) go in first through the bulk loader, which
    /// commits atomically; then one transaction clears the graphs of the documents that replace
    /// others (and the graph each file gave before), puts their quads in, clears the graphs of
    /// removed sources, and records every source. Whatever stops the process, the store holds
    /// each document of the batch as it was or as it is now, never a part of one; a new
    /// document loaded but not yet recorded is simply read again next time.
    /// `known` is what [`Store::sources`] said before the run: each path comes once in a run,
    /// so it still tells the graph a file gave before, without reading the sources again.
    pub fn write_batch(
        &self,
        documents: &[(Source, Vec<Quad>)],
        removed: &[Source],
        known: &BTreeMap<String, Source>,
    ) -> Result<(), StoreError> {
        let mut graphs_in_batch = std::collections::HashSet::new();
        let mut fresh = Vec::new();
        let mut replacing = Vec::new();
        for (source, quads) in documents {
            let first_in_batch = graphs_in_batch.insert(source.graph.as_str());
            if first_in_batch
                && !known.contains_key(&source.path)
                && self.graph_is_empty(&source.graph)?
            {
                fresh.push(quads);
            } else {
                replacing.push((source, quads));
            }
        }
        if !fresh.is_empty() {
            let mut loader = self.inner.bulk_loader();
            loader.load_quads(fresh.iter().flat_map(|quads| quads.iter().cloned()))?;
            loader.commit()?;
        }
        let mut t = self.inner.start_transaction()?;
        let sources = NamedNodeRef::new_unchecked(SOURCES_GRAPH);
        for source in removed {
            t.clear_graph(NamedNodeRef::new_unchecked(&source.graph))?;
            forget_source(&mut t, sources, &source.path)?;
        }
        for (source, quads) in replacing {
            if let Some(before) = known.get(&source.path) {
                t.clear_graph(NamedNodeRef::new_unchecked(&before.graph))?;
            }
            t.clear_graph(NamedNodeRef::new_unchecked(&source.graph))?;
            for q in quads {
                t.insert(q);
            }
        }
        for (source, _) in documents {
            forget_source(&mut t, sources, &source.path)?;
            let node = NamedNode::new_unchecked(source_node(&source.path));
            let fact = |p: &str, o: Term| {
                Quad::new(
                    node.clone(),
                    NamedNode::new_unchecked(p),
                    o,
                    GraphName::NamedNode(sources.into_owned()),
                )
            };
            t.insert(&fact(
                vocab::UNKG_SOURCE_PATH,
                Literal::new_simple_literal(&source.path).into(),
            ));
            t.insert(&fact(
                vocab::UNKG_CONTENT_KEY,
                Literal::new_simple_literal(&source.content_key).into(),
            ));
            t.insert(&fact(
                vocab::UNKG_IN_GRAPH,
                NamedNode::new_unchecked(&source.graph).into(),
            ));
        }
        t.commit()?;
        Ok(())
    }

    fn graph_is_empty(&self, graph: &str) -> Result<bool, StoreError> {
        let g = NamedNodeRef::new_unchecked(graph);
        Ok(self
            .inner
            .quads_for_pattern(None, None, None, Some(g.into()))
            .next()
            .is_none())
    }

    /// Loads the ontology files into their graph, replacing what was there.
    pub fn load_ontology(&self) -> Result<(), StoreError> {
        let g = NamedNode::new_unchecked(ONTOLOGY_GRAPH);
        let mut quads = Vec::new();
        // Blank nodes get IRIs numbered in reading order, so that loading the same files again
        // gives the same triples (and exports stay byte-identical).
        let mut named: BTreeMap<String, NamedNode> = BTreeMap::new();
        let mut skolem = |b: &oxigraph::model::BlankNode| {
            let n = named.len();
            named
                .entry(b.as_str().to_string())
                .or_insert_with(|| NamedNode::new_unchecked(format!("{ONTOLOGY_GRAPH}/genid/{n}")))
                .clone()
        };
        for (name, text) in crate::lang::lexicon::FILES
            .iter()
            .chain(std::iter::once(&("unkg.ttl", UNKG_TTL)))
        {
            for q in
                oxigraph::io::RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes())
            {
                let q = q.map_err(|e| StoreError::Other(format!("ontology/{name}: {e}")))?;
                let subject: NamedOrBlankNode = match &q.subject {
                    NamedOrBlankNode::BlankNode(b) => skolem(b).into(),
                    s => s.clone(),
                };
                let object: oxigraph::model::Term = match &q.object {
                    oxigraph::model::Term::BlankNode(b) => skolem(b).into(),
                    o => o.clone(),
                };
                quads.push(Quad::new(
                    subject,
                    q.predicate,
                    object,
                    GraphName::NamedNode(g.clone()),
                ));
            }
        }
        self.replace_graph(ONTOLOGY_GRAPH, &quads)
    }

    /// Rebuilds the stub graph: every cited resolution that no ingested document describes.
    pub fn refresh_stubs(&self) -> Result<(), StoreError> {
        let update = format!(
            "DROP SILENT GRAPH <{STUBS_GRAPH}> ;
             INSERT {{ GRAPH <{STUBS_GRAPH}> {{ ?w a <{res}> ; <{ing}> false }} }}
             WHERE {{ GRAPH ?citing {{ ?x <{cites}> ?w }} FILTER NOT EXISTS {{ GRAPH ?g {{ ?w <{ing}> true }} }} }}",
            res = vocab::UNKG_RESOLUTION,
            ing = vocab::UNKG_INGESTED,
            cites = vocab::UNKG_CITES,
        );
        self.update(&update)
    }

    /// Parses a query whose default graph is the union of all graphs, as users expect of a
    /// store that keeps one named graph per document.
    pub fn prepare(sparql: &str) -> Result<PreparedSparqlQuery, StoreError> {
        Self::prepare_with(SparqlEvaluator::new(), sparql)
    }

    /// [`Store::prepare`] with an evaluator of the caller's (a cancellation token, say).
    pub fn prepare_with(
        evaluator: SparqlEvaluator,
        sparql: &str,
    ) -> Result<PreparedSparqlQuery, StoreError> {
        check_nesting(sparql)?;
        let mut prepared = evaluator.parse_query(sparql)?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared)
    }

    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, StoreError> {
        Ok(Self::prepare(sparql)?.on_store(&self.inner).execute()?)
    }

    pub fn update(&self, sparql: &str) -> Result<(), StoreError> {
        check_nesting(sparql)?;
        SparqlEvaluator::new()
            .parse_update(sparql)?
            .on_store(&self.inner)
            .execute()?;
        Ok(())
    }

    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.inner.len()?)
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.inner.is_empty()?)
    }

    /// Exports the store (or one graph) in `format`: turtle, trig, nt, nq, rdfxml or jsonld.
    pub fn export(
        &self,
        format: &str,
        graph: Option<&str>,
        out: &mut impl Write,
    ) -> Result<(), StoreError> {
        let graphs = self.graphs_of(graph)?;
        match format {
            "turtle" | "ttl" => {
                let mut triples: Vec<Triple> = graphs.into_values().flatten().collect();
                triples.sort_by_cached_key(|t| t.to_string());
                triples.dedup();
                turtle::write_turtle(out, &triples)?;
            }
            "trig" => turtle::write_trig(out, &graphs)?,
            other => {
                let format = match other {
                    "nt" | "ntriples" => RdfFormat::NTriples,
                    "nq" | "nquads" => RdfFormat::NQuads,
                    "rdfxml" | "xml" => RdfFormat::RdfXml,
                    "jsonld" | "json-ld" => RdfFormat::JsonLd {
                        profile: Default::default(),
                    },
                    _ => {
                        return Err(StoreError::Other(format!(
                            "unknown export format {other:?}; use turtle, trig, nt, nq, rdfxml or jsonld"
                        )));
                    }
                };
                let mut serializer = RdfSerializer::from_format(format);
                for (prefix, ns) in turtle::PREFIXES {
                    serializer = serializer
                        .with_prefix(prefix, ns)
                        .map_err(|e| StoreError::Serialize(e.to_string()))?;
                }
                let mut writer = serializer.for_writer(out);
                // Sorted, so that two exports of the same store are byte-identical.
                let mut quads: Vec<Quad> = Vec::new();
                for (g, triples) in graphs {
                    let name = GraphName::NamedNode(NamedNode::new_unchecked(g));
                    for t in triples {
                        let graph_name = if format.supports_datasets() {
                            name.clone()
                        } else {
                            GraphName::DefaultGraph
                        };
                        quads.push(Quad::new(t.subject, t.predicate, t.object, graph_name));
                    }
                }
                quads.sort_by_cached_key(|q| q.to_string());
                quads.dedup();
                for q in &quads {
                    writer
                        .serialize_quad(q)
                        .map_err(|e| StoreError::Serialize(e.to_string()))?;
                }
                writer
                    .finish()
                    .map_err(|e| StoreError::Serialize(e.to_string()))?;
            }
        }
        Ok(())
    }

    fn graphs_of(&self, only: Option<&str>) -> Result<BTreeMap<String, Vec<Triple>>, StoreError> {
        let mut graphs: BTreeMap<String, Vec<Triple>> = BTreeMap::new();
        for q in self.inner.iter() {
            let q = q?;
            let name = match &q.graph_name {
                GraphName::NamedNode(n) => n.as_str().to_string(),
                GraphName::DefaultGraph => String::new(),
                GraphName::BlankNode(b) => format!("_:{}", b.as_str()),
            };
            if only.is_some_and(|o| o != name) {
                continue;
            }
            graphs
                .entry(name)
                .or_default()
                .push(Triple::new(q.subject, q.predicate, q.object));
        }
        if let Some(g) = only
            && graphs.is_empty()
            && !self
                .inner
                .contains_named_graph(NamedNodeRef::new_unchecked(g))?
        {
            return Err(StoreError::Other(format!("the store has no graph <{g}>")));
        }
        Ok(graphs)
    }
}

/// The file a store folder has once something was stored in it.
#[cfg(feature = "rocksdb")]
const STORE_MARKER: &str = "CURRENT";
#[cfg(not(feature = "rocksdb"))]
const STORE_MARKER: &str = "store.nq";

/// The OWL ontology, loaded into the ontology graph with the lexicon files.
pub const UNKG_TTL: &str = include_str!("../../ontology/unkg.ttl");
