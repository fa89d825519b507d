//! The sources graph: for each file read, its content key, the graphs its document went to,
//! and the facts it stated of its work (which rebuild the work's graph when a version goes).

use super::{SOURCES_GRAPH, Store, StoreError};
use crate::rdf::vocab;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};
use std::collections::BTreeMap;

/// A source file as the store knows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// The file's path, made absolute, so that one file is one source however it is named,
    /// as [`path_key`] writes it (exact for any bytes).
    pub path: String,
    /// A digest of the file's bytes and of what extraction reads them with: unchanged, the
    /// file need not be read again.
    pub content_key: String,
    /// The graph of its document's language version.
    pub graph: String,
    /// The graph of what the versions of its document say of the work.
    pub work_graph: String,
    /// Another file holds the same document (the same language version) and provides it:
    /// of two such files the one whose path sorts last does, the other waits, recorded
    /// without facts, and takes over when that file goes (see [`Store::sources_to_reread`]).
    #[serde(default)]
    pub shadowed: bool,
}

/// What marks a shadowed source's packed record (a field no content key can be).
const SHADOWED: &str = "shadowed";

impl Source {
    /// Content key, graph, work graph, a mark if shadowed, and path, tab-separated: what
    /// `unkg:sourceRecord` holds, so that the sources are read with one scan. The path comes
    /// last and may hold tabs.
    fn packed(&self) -> String {
        let mark = if self.shadowed {
            format!("{SHADOWED}\t")
        } else {
            String::new()
        };
        format!(
            "{}\t{}\t{}\t{mark}{}",
            self.content_key, self.graph, self.work_graph, self.path
        )
    }

    fn unpacked(packed: &str) -> Option<Source> {
        let mut fields = packed.splitn(4, '\t');
        let (content_key, graph, work_graph) = (fields.next()?, fields.next()?, fields.next()?);
        let rest = fields.next()?;
        let (shadowed, path) = match rest
            .strip_prefix(SHADOWED)
            .and_then(|r| r.strip_prefix('\t'))
        {
            Some(path) => (true, path),
            None => (false, rest),
        };
        Some(Source {
            content_key: content_key.to_string(),
            graph: graph.to_string(),
            work_graph: work_graph.to_string(),
            path: path.to_string(),
            shadowed,
        })
    }

    /// The source of a record read from `path` (made absolute) with `content_key`.
    pub fn of_record(path: &str, content_key: &str, record: &crate::record::Record) -> Source {
        Source {
            path: path.to_string(),
            content_key: content_key.to_string(),
            graph: crate::rdf::record_graph_iri(record),
            work_graph: crate::rdf::record_work_graph_iri(record),
            shadowed: false,
        }
    }
}

/// The path a [`path_key`] was made from.
pub fn key_path(key: &str) -> std::path::PathBuf {
    let mut bytes = Vec::with_capacity(key.len());
    let mut rest = key.as_bytes();
    while let Some((&b, after)) = rest.split_first() {
        let escaped = (b == b'%')
            .then(|| after.get(..2))
            .flatten()
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match escaped {
            Some(byte) => {
                bytes.push(byte);
                rest = &after[2..];
            }
            None => {
                bytes.push(b);
                rest = after;
            }
        }
    }
    #[cfg(unix)]
    return <std::ffi::OsString as std::os::unix::ffi::OsStringExt>::from_vec(bytes).into();
    #[cfg(not(unix))]
    return String::from_utf8_lossy(&bytes).into_owned().into();
}

/// The shadowed sources that must provide their document now: its graph has no holder (the
/// file that held it went, or now holds another document), or a holder whose path sorts
/// before theirs. Of several for one graph, the writer keeps the last; the others wait again.
pub fn sources_to_reread(sources: &BTreeMap<String, Source>) -> Vec<Source> {
    let holders: std::collections::HashMap<&str, &str> = sources
        .values()
        .filter(|s| !s.shadowed)
        .map(|s| (s.graph.as_str(), s.path.as_str()))
        .collect();
    sources
        .values()
        .filter(|s| {
            s.shadowed
                && holders
                    .get(s.graph.as_str())
                    .is_none_or(|h| *h < s.path.as_str())
        })
        .cloned()
        .collect()
}

/// A path as sources are keyed on: exact for any bytes, so that two names that differ only
/// in bytes that are not UTF-8 stay two sources. UTF-8 is kept as it is, but for `%`, written
/// `%25`, and the characters no literal may hold ([`crate::text::xml_safe`]); any other byte is
/// written `%XX`. Messages show paths as the system does.
pub fn path_key(path: &std::path::Path) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str());
    #[cfg(not(unix))]
    let lossy = path.to_string_lossy();
    #[cfg(not(unix))]
    let bytes = lossy.as_bytes();
    let mut key = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '%' || crate::text::xml_safe(c) != c {
                for b in c.to_string().bytes() {
                    key.push_str(&format!("%{b:02X}"));
                }
            } else {
                key.push(c);
            }
        }
        for b in chunk.invalid() {
            key.push_str(&format!("%{b:02X}"));
        }
    }
    key
}

/// The IRI that records a source file, from its path.
pub(super) fn source_node(path: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(path.as_bytes());
    format!(
        "https://w3id.org/unkg/source/{}",
        crate::text::hex(&digest[..16])
    )
}

/// Removes what the sources graph says of one path.
pub(super) fn forget_source(
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

/// Whether a quad is in the named graph `graph`.
pub fn is_in(quad: &Quad, graph: &str) -> bool {
    matches!(&quad.graph_name, GraphName::NamedNode(g) if g.as_str() == graph)
}

/// Triples as N-Triples, one a line.
fn ntriples<'a>(quads: impl Iterator<Item = &'a Quad>) -> String {
    quads
        .map(|q| crate::rdf::ntriples_line(q.as_ref().into()))
        .collect()
}

/// The work facts of a document, as the N-Triples its source record keeps.
pub(super) fn work_facts(source: &Source, quads: &[Quad]) -> String {
    ntriples(quads.iter().filter(|q| is_in(q, &source.work_graph)))
}

/// What the citation network reads of a document (see [`vocab::is_network_fact`]), as the
/// N-Triples a source record keeps: its version's title first, then the network facts of its
/// work. `graph` and `work_graph` are the document's version and work graphs. The network
/// loader relies on this order: what follows the first line is most often word for word
/// another version's, and is then skipped as a whole.
fn network_facts(graph: &str, work_graph: &str, quads: &[Quad]) -> String {
    let title = quads
        .iter()
        .filter(|q| is_in(q, graph) && q.predicate.as_str() == vocab::UNKG_TITLE);
    let work = quads.iter().filter(|q| {
        is_in(q, work_graph) && vocab::is_network_fact(&q.subject, &q.predicate, &q.object)
    });
    ntriples(title.chain(work))
}

/// What the sources graph says of one source file, with the work facts of its `quads`
/// ([`work_facts`]); of a shadowed source, only its path, content key and record.
pub(super) fn source_record(
    sources: NamedNodeRef<'_>,
    source: &Source,
    quads: &[Quad],
    work_facts: String,
) -> Vec<Quad> {
    let node = NamedNode::new_unchecked(source_node(&source.path));
    let fact = |p: &str, o: Term| {
        Quad::new(
            node.clone(),
            NamedNode::new_unchecked(p),
            o,
            GraphName::NamedNode(sources.into_owned()),
        )
    };
    let mut record = vec![
        fact(
            vocab::UNKG_SOURCE_PATH,
            Literal::new_simple_literal(&source.path).into(),
        ),
        fact(
            vocab::UNKG_CONTENT_KEY,
            Literal::new_simple_literal(&source.content_key).into(),
        ),
        fact(
            vocab::UNKG_SOURCE_RECORD,
            Literal::new_simple_literal(source.packed()).into(),
        ),
    ];
    if !source.shadowed {
        record.extend([
            fact(
                vocab::UNKG_IN_GRAPH,
                NamedNode::new_unchecked(&source.graph).into(),
            ),
            fact(
                vocab::UNKG_IN_WORK_GRAPH,
                NamedNode::new_unchecked(&source.work_graph).into(),
            ),
            fact(
                vocab::UNKG_WORK_FACTS,
                Literal::new_simple_literal(work_facts).into(),
            ),
            fact(
                vocab::UNKG_NETWORK_FACTS,
                Literal::new_simple_literal(network_facts(
                    &source.graph,
                    &source.work_graph,
                    quads,
                ))
                .into(),
            ),
        ]);
    }
    record
}

impl Store {
    /// The source files ingested so far: path → what the store holds of it.
    pub fn sources(&self) -> Result<BTreeMap<String, Source>, StoreError> {
        // One scan of the packed records: one lookup per source (a store of the UN record
        // has 150,000), where a scan per property took sixteen.
        let mut sources = BTreeMap::new();
        for packed in self.objects_in_graph(vocab::UNKG_SOURCE_RECORD, SOURCES_GRAPH)? {
            if let Term::Literal(packed) = packed?
                && let Some(source) = Source::unpacked(packed.value())
            {
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
        let record = self
            .inner
            .quads_for_pattern(
                Some(node),
                Some(NamedNodeRef::new_unchecked(vocab::UNKG_SOURCE_RECORD)),
                None,
                Some(NamedNodeRef::new_unchecked(SOURCES_GRAPH).into()),
            )
            .next()
            .transpose()?;
        Ok(match record.map(|q| q.object) {
            Some(Term::Literal(packed)) => Source::unpacked(packed.value()),
            _ => None,
        })
    }

    /// The source that provides a version's graph, if any does.
    pub(super) fn holder_of(&self, graph: &str) -> Result<Option<Source>, StoreError> {
        match self.a_source_in(vocab::UNKG_IN_GRAPH, graph)? {
            Some(node) => self.source_of(node.as_ref()),
            None => Ok(None),
        }
    }

    /// The node of a source the sources graph records with `predicate` `graph`, if any.
    fn a_source_in(
        &self,
        predicate: &str,
        graph: &str,
    ) -> Result<Option<oxigraph::model::NamedOrBlankNode>, StoreError> {
        Ok(self
            .inner
            .quads_for_pattern(
                None,
                Some(NamedNodeRef::new_unchecked(predicate)),
                Some(NamedNodeRef::new_unchecked(graph).into()),
                Some(NamedNodeRef::new_unchecked(SOURCES_GRAPH).into()),
            )
            .next()
            .transpose()?
            .map(|q| q.subject))
    }

    /// The work facts that one source of a work recorded, if any source of it is in the store.
    pub(super) fn stated_work_facts(&self, work_graph: &str) -> Result<Option<String>, StoreError> {
        match self.a_source_in(vocab::UNKG_IN_WORK_GRAPH, work_graph)? {
            Some(node) => self.recorded_work_facts(node.as_ref()),
            None => Ok(None),
        }
    }

    /// The work facts a source recorded (read outside any transaction: an ingest is the only
    /// writer, and a document's transaction reads them before it writes).
    pub(super) fn recorded_work_facts(
        &self,
        source: oxigraph::model::NamedOrBlankNodeRef<'_>,
    ) -> Result<Option<String>, StoreError> {
        Ok(self
            .inner
            .quads_for_pattern(
                Some(source),
                Some(NamedNodeRef::new_unchecked(vocab::UNKG_WORK_FACTS)),
                None,
                Some(NamedNodeRef::new_unchecked(SOURCES_GRAPH).into()),
            )
            .next()
            .transpose()?
            .and_then(|q| match q.object {
                Term::Literal(facts) => Some(facts.destruct().0),
                _ => None,
            }))
    }
}

impl Store {
    /// For each graph that source files feed, a digest of what decides its content: for a
    /// version's graph, the content keys of the files that hold it; for a work's graph, the
    /// work facts its sources recorded (the graph is their union); shadowed sources feed
    /// nothing. Equal digests, equal
    /// graphs, known without reading the graphs (one scan of the sources graph).
    pub fn fed_graph_digests(&self) -> Result<BTreeMap<String, String>, StoreError> {
        use sha2::Digest;
        let mut inputs: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
        for source in self.sources()?.into_values().filter(|s| !s.shadowed) {
            inputs
                .entry(source.graph)
                .or_default()
                .insert(source.content_key);
        }
        for row in self.select(&format!(
            "SELECT ?g ?facts WHERE {{ GRAPH <{SOURCES_GRAPH}> {{ ?s <{}> ?g ; <{}> ?facts }} }}",
            vocab::UNKG_IN_WORK_GRAPH,
            vocab::UNKG_WORK_FACTS
        ))? {
            let row = row?;
            if let (Some(Term::NamedNode(g)), Some(Term::Literal(facts))) =
                (row.get("g"), row.get("facts"))
            {
                inputs
                    .entry(g.as_str().to_string())
                    .or_default()
                    .insert(facts.value().to_string());
            }
        }
        Ok(inputs
            .into_iter()
            .map(|(graph, parts)| {
                let mut hasher = sha2::Sha256::new();
                for part in parts {
                    hasher.update(part.as_bytes());
                    hasher.update([0]);
                }
                (graph, crate::text::hex(&hasher.finalize()[..16]))
            })
            .collect())
    }
}
