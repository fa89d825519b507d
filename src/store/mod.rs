//! The Oxigraph store: a graph per language version, one per work and one of stubs (see
//! [`crate::rdf`]), written batch by batch so that a store holds whole documents only
//! ([`writer`]); the sources graph that says what each file gave ([`sources`]); queries
//! ([`query`]); a folder lock. What reads the store whole (export, push, validate) reads it
//! through one narrow interface: [`Store::graph_names`] and [`Store::graph_triples`].

mod lock;
mod query;
pub mod remote;
mod sources;
mod writer;

pub use query::{MAX_CONSTRUCTS, check_nesting};
pub use sources::{Source, is_in, key_path, path_key, sources_to_reread};
pub use writer::Writer;

use lock::{Access, FolderLock};
use oxigraph::io::RdfFormat;
#[cfg(not(feature = "rocksdb"))]
use oxigraph::io::RdfSerializer;
use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::sparql::QueryResults;
use std::collections::BTreeMap;
use std::path::Path;

/// The graph holding the ontology, vocabularies and gazetteer.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/unkg/graph/ontology";
/// The graph that records, for each source file, what it gave: its content key and graph.
pub const SOURCES_GRAPH: &str = "https://w3id.org/unkg/graph/sources";
/// The graph of stub facts for cited resolutions that are not ingested.
pub const STUBS_GRAPH: &str = "https://w3id.org/unkg/graph/stubs";
/// What a source record holds, by version: part of every content key, so that files recorded
/// by an earlier layout are read again (3: with `unkg:networkFacts`; 4: `unkg:sourceRecord`;
/// 5: places as `unkg:span` literals; 6: `unkg:fullText` as printed, not folded; 7: paths
/// keyed exactly, shadowed sources).
pub const SOURCE_LAYOUT: u32 = 7;

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

/// Removes the files of bulk loads that a killed run left uncommitted in the store folder
/// (Oxigraph names them `bulk-….sst`; RocksDB never reads them): up to a commit's worth,
/// about a gigabyte. Only a writer calls this, holding the folder lock, so no load is under way.
#[cfg(feature = "rocksdb")]
fn remove_uncommitted_files(dir: &Path) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            // A file left is disk space lost, not a fault of the store.
            let _ = std::fs::remove_file(entry.path());
        }
    }
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
        remove_uncommitted_files(dir);
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

    /// Replaces the whole content of `graph` by `quads`, in one transaction that writes only
    /// what differs (loaded again, the ontology mostly does not).
    pub fn replace_graph(&self, graph: &str, quads: &[Quad]) -> Result<(), StoreError> {
        let mut t = self.inner.start_transaction()?;
        writer::set_graph(
            &mut t,
            NamedNodeRef::new_unchecked(graph),
            quads.iter().cloned().collect(),
        )?;
        t.commit()?;
        Ok(())
    }

    /// The objects of `predicate` in `graph`. Read through SPARQL, which decodes only the
    /// terms it returns: a quad pattern decodes all four, a RocksDB lookup each, and took three
    /// times as long.
    pub fn objects_in_graph(
        &self,
        predicate: &str,
        graph: &str,
    ) -> Result<impl Iterator<Item = Result<Term, StoreError>>, StoreError> {
        let rows = self.select(&format!(
            "SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s <{predicate}> ?o }} }}"
        ))?;
        Ok(rows.filter_map(|row| match row {
            Ok(row) => row.get("o").cloned().map(Ok),
            Err(e) => Some(Err(e.into())),
        }))
    }

    /// The rows of a SELECT query.
    fn select(
        &self,
        sparql: &str,
    ) -> Result<oxigraph::sparql::QuerySolutionIter<'static>, StoreError> {
        match self.query(sparql)? {
            QueryResults::Solutions(rows) => Ok(rows),
            _ => Err(StoreError::Other(format!("not a SELECT query: {sparql}"))),
        }
    }

    fn graph_is_empty(&self, graph: &str) -> Result<bool, StoreError> {
        let g = NamedNodeRef::new_unchecked(graph);
        Ok(self
            .inner
            .quads_for_pattern(None, None, None, Some(g.into()))
            .next()
            .is_none())
    }

    /// Whether the ontology graph holds anything (a first ingest killed early leaves it empty).
    pub fn has_ontology(&self) -> Result<bool, StoreError> {
        Ok(!self.graph_is_empty(ONTOLOGY_GRAPH)?)
    }

    /// Loads the ontology files into their graph, replacing what was there.
    pub fn load_ontology(&self) -> Result<(), StoreError> {
        self.replace_graph(ONTOLOGY_GRAPH, &ontology_quads()?)
    }

    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.inner.len()?)
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.inner.is_empty()?)
    }

    /// The named graphs that hold data (all but the sources graph and empty ones), or only
    /// `only`, in IRI order.
    pub fn graph_names(&self, only: Option<&str>) -> Result<Vec<String>, StoreError> {
        if let Some(g) = only {
            if !self
                .inner
                .contains_named_graph(NamedNodeRef::new_unchecked(g))?
            {
                return Err(StoreError::Other(format!("the store has no graph <{g}>")));
            }
            return Ok(vec![g.to_string()]);
        }
        let graphs = self
            .inner
            .named_graphs()
            .filter_map(|g| match g {
                Ok(NamedOrBlankNode::NamedNode(n)) if n.as_str() != SOURCES_GRAPH => {
                    Some(Ok(n.into_string()))
                }
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<Vec<String>, _>>()?;
        // A graph emptied by a removal stays declared in Oxigraph: it holds nothing to export
        // or push, and a server should not keep it either.
        let mut graphs = graphs
            .into_iter()
            .filter_map(|g| match self.graph_is_empty(&g) {
                Ok(true) => None,
                Ok(false) => Some(Ok(g)),
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<Vec<String>, _>>()?;
        graphs.sort_unstable();
        Ok(graphs)
    }

    /// One graph's triples, in store order (it follows the terms alone, so it is the same for
    /// the same content, however it was loaded). Read through SPARQL, which does not decode
    /// the graph name of every quad as a quad pattern does (a lookup each).
    pub fn graph_triples(&self, graph: &str) -> Result<Vec<Triple>, StoreError> {
        let rows = self.select(&format!(
            "SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        ))?;
        let mut triples = Vec::new();
        for row in rows {
            let row = row?;
            let subject: NamedOrBlankNode = match row.get("s") {
                Some(Term::NamedNode(s)) => s.clone().into(),
                Some(Term::BlankNode(s)) => s.clone().into(),
                _ => continue,
            };
            if let (Some(Term::NamedNode(p)), Some(o)) = (row.get("p"), row.get("o")) {
                triples.push(Triple::new(subject, p.clone(), o.clone()));
            }
        }
        Ok(triples)
    }
}

/// The ontology graph's quads: the ontology and the lexicon files, as `ingest` stores them.
pub fn ontology_quads() -> Result<Vec<Quad>, StoreError> {
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
        for q in oxigraph::io::RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes())
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
    Ok(quads)
}

/// The file a store folder has once something was stored in it.
#[cfg(feature = "rocksdb")]
const STORE_MARKER: &str = "CURRENT";
#[cfg(not(feature = "rocksdb"))]
const STORE_MARKER: &str = "store.nq";

/// The OWL ontology, loaded into the ontology graph with the lexicon files.
pub const UNKG_TTL: &str = include_str!("../../ontology/unkg.ttl");
