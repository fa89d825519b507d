//! The citation network straight from extracted files, without a store: each document gives
//! the network facts that ingest would record for it, and they are put together by the rules
//! the store follows, so that the network is the one a store of the same files gives.

use super::CitationGraph;
use super::load::{Facts, build};
use crate::rdf::{self, vocab};
use crate::record::Record;
use crate::store::{STUBS_GRAPH, StoreError, is_in};
use crate::text::Text;
use oxigraph::model::{NamedOrBlankNode, Quad, Term};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The predicates of the facts [`DocumentFacts::of`] reads, of a record's whole mapping: the
/// network's, the title, and the mentions' cited works and dates.
static READ: LazyLock<super::FastSet<String>> = LazyLock::new(|| {
    let unkg = |local: &str| format!("{}{local}", vocab::UNKG);
    vocab::NETWORK_PROPERTIES
        .iter()
        .chain(&vocab::CITATION_RELATIONS)
        .map(|local| unkg(local))
        .chain(
            [
                vocab::RDF_TYPE,
                vocab::UNKG_TITLE,
                vocab::UNKG_CITED,
                vocab::UNKG_CITED_DATE,
            ]
            .map(String::from),
        )
        .collect()
});

/// What the citation network reads of one extracted document.
pub struct DocumentFacts {
    /// The named graph of its language version: files with the same one hold one document.
    version_graph: String,
    /// Its version's title and its work's network facts, as its source record keeps them.
    network: Facts,
    /// The facts of the resolutions it cites, as the stubs graph holds them.
    stubs: Facts,
    /// (cited work, the date the text states for it).
    cited_dates: Vec<(String, String)>,
}

fn subject_iri(q: &Quad) -> &str {
    match &q.subject {
        NamedOrBlankNode::NamedNode(n) => n.as_str(),
        NamedOrBlankNode::BlankNode(_) => "",
    }
}

/// The facts of quads, parsed once where the document was extracted (the threads that
/// extract do this work, not the one that puts the network together).
fn facts_of<'a>(quads: impl Iterator<Item = &'a Quad>) -> Facts {
    let mut facts = Facts::default();
    for q in quads {
        facts.add(&q.subject, q.predicate.as_str(), &q.object);
    }
    facts
}

impl DocumentFacts {
    /// The network facts of a record, from its RDF mapping (what ingest stores).
    pub fn of(record: &Record, text: &Text) -> DocumentFacts {
        let quads = rdf::record_quads_of(record, text, &|p| READ.contains(p));
        let version_graph = rdf::record_graph_iri(record);
        let work_graph = rdf::record_work_graph_iri(record);
        let network = facts_of(crate::store::network_quads(
            &version_graph,
            &work_graph,
            &quads,
        ));
        // The stubs graph's network facts are those of the resolutions it types as such (the
        // network loader finds them by their type).
        let stub_facts: Vec<&Quad> = quads
            .iter()
            .filter(|q| {
                is_in(q, STUBS_GRAPH) && vocab::is_network_fact(&q.subject, &q.predicate, &q.object)
            })
            .collect();
        let resolutions: HashSet<&str> = stub_facts
            .iter()
            .filter(|q| q.predicate.as_str() == vocab::RDF_TYPE)
            .map(|q| subject_iri(q))
            .collect();
        let stubs = facts_of(
            stub_facts
                .into_iter()
                .filter(|q| resolutions.contains(subject_iri(q))),
        );
        let mentions = quads.iter().filter(|q| is_in(q, &version_graph));
        let cited: HashMap<&str, &str> = mentions
            .clone()
            .filter(|q| q.predicate.as_str() == vocab::UNKG_CITED)
            .filter_map(|q| match &q.object {
                Term::NamedNode(work) => Some((subject_iri(q), work.as_str())),
                _ => None,
            })
            .collect();
        let cited_dates = mentions
            .filter(|q| q.predicate.as_str() == vocab::UNKG_CITED_DATE)
            .filter_map(|q| match &q.object {
                Term::Literal(date) => Some((
                    cited.get(subject_iri(q))?.to_string(),
                    date.value().to_string(),
                )),
                _ => None,
            })
            .collect();
        DocumentFacts {
            version_graph,
            network,
            stubs,
            cited_dates,
        }
    }
}

/// The network of documents, each with its source's key ([`crate::store::path_key`]), and
/// the files that hold a document another file gives: (that file's key, the giver's key).
/// As in the store, of several files with one language version of a document, the one
/// whose key sorts last gives it. A fact that several documents state is read as often: the
/// network is built from facts the way a set of them gives it.
pub fn from_documents(
    mut documents: Vec<(String, DocumentFacts)>,
) -> Result<(CitationGraph, Vec<(String, String)>), StoreError> {
    documents.sort_by(|a, b| a.0.cmp(&b.0));
    let mut giver: super::FastMap<&str, usize> = Default::default();
    for (i, (_, d)) in documents.iter().enumerate() {
        giver.insert(&d.version_graph, i);
    }
    let mut shadowed = Vec::new();
    let mut gives = vec![false; documents.len()];
    for (i, (key, d)) in documents.iter().enumerate() {
        match giver[d.version_graph.as_str()] {
            g if g == i => gives[i] = true,
            g => shadowed.push((key.clone(), documents[g].0.clone())),
        }
    }
    drop(giver);

    let mut facts = Facts::default();
    let mut stubs = Facts::default();
    let mut cited_dates: super::FastMap<String, Vec<String>> = Default::default();
    for (_, d) in documents
        .into_iter()
        .zip(gives)
        .filter_map(|(d, gives)| gives.then_some(d))
    {
        facts.extend(d.network, |_| true);
        stubs.extend(d.stubs, |_| true);
        for (work, date) in d.cited_dates {
            cited_dates.entry(work).or_default().push(date);
        }
    }
    // Stubs stay in the store only while their work is not ingested.
    let ingested: super::FastSet<String> = facts.ingested().into_iter().map(String::from).collect();
    facts.extend(stubs, |work| !ingested.contains(work));
    let graph = build(facts, |work| {
        Ok(cited_dates.get(work).cloned().unwrap_or_default())
    })?;
    Ok((graph, shadowed))
}
