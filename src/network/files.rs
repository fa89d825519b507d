//! The citation network straight from extracted files, without a store: each document gives
//! the network facts that ingest would record for it, and they are put together by the rules
//! the store follows, so that the network is the one a store of the same files gives.

use super::CitationGraph;
use super::load::{Facts, build};
use crate::rdf::{self, Object, Sink, vocab};
use crate::record::Record;
use crate::store::StoreError;
use crate::text::Text;
use std::collections::{HashMap, HashSet};

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

/// The IRI or literal value of an object.
fn value<'a>(object: &'a Object<'_>) -> Option<&'a str> {
    match object {
        Object::Iri(iri) => Some(iri),
        Object::Term(term) => super::load::value(term),
    }
}

/// What the network reads of a version's graph: its title, and the work each citation
/// mention cites with the date the text states for it.
#[derive(Default)]
struct VersionFacts {
    title: Facts,
    cited: HashMap<String, String>,
    stated: Vec<(String, String)>,
}

impl Sink for VersionFacts {
    fn wants(&self, p: &str) -> bool {
        [vocab::UNKG_TITLE, vocab::UNKG_CITED, vocab::UNKG_CITED_DATE].contains(&p)
    }
    fn fact(&mut self, s: &str, p: &str, o: Object<'_>) {
        let Some(o) = value(&o) else {
            return;
        };
        match p {
            vocab::UNKG_TITLE => self.title.add_value(s, p, o),
            vocab::UNKG_CITED => {
                self.cited.insert(s.to_string(), o.to_string());
            }
            _ => self.stated.push((s.to_string(), o.to_string())),
        }
    }
}

/// The network facts of a work's graph or of the stubs graph ([`vocab::is_network_fact`]),
/// and the resolutions the graph types as such.
#[derive(Default)]
struct NetworkFacts {
    facts: Facts,
    resolutions: HashSet<String>,
}

impl Sink for NetworkFacts {
    fn wants(&self, p: &str) -> bool {
        super::load::predicate_index(p).is_some()
    }
    fn fact(&mut self, s: &str, p: &str, o: Object<'_>) {
        let iri = match &o {
            Object::Iri(iri) => iri,
            Object::Term(_) => "",
        };
        if !vocab::is_network_fact_of(s, p, iri) {
            return;
        }
        if p == vocab::RDF_TYPE {
            self.resolutions.insert(s.to_string());
        }
        if let Some(o) = value(&o) {
            self.facts.add_value(s, p, o);
        }
    }
}

impl DocumentFacts {
    /// The network facts of a record, from its RDF mapping (what ingest stores), built by
    /// the threads that extract (not by the one that puts the network together).
    pub fn of(record: &Record, text: &Text) -> DocumentFacts {
        let (mut version, mut work, mut stubs) = Default::default();
        rdf::map_record(record, text, &mut version, &mut work, &mut stubs);
        let VersionFacts {
            title: mut network,
            cited,
            stated,
        } = version;
        let NetworkFacts { facts, .. } = work;
        network.extend(facts, |_| true);
        // The stubs graph's network facts are those of the resolutions it types as such (the
        // network loader finds them by their type).
        let NetworkFacts {
            facts: stub_facts,
            resolutions,
        } = stubs;
        let mut stubs = Facts::default();
        stubs.extend(stub_facts, |s| resolutions.contains(s));
        let cited_dates = stated
            .into_iter()
            .filter_map(|(mention, date)| Some((cited.get(&mention)?.clone(), date)))
            .collect();
        DocumentFacts {
            version_graph: rdf::record_graph_iri(record),
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
