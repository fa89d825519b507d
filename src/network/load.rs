//! Building the citation graph from the store without SPARQL: the facts it needs are read from
//! the one `unkg:networkFacts` literal each source keeps (its work's network facts and its
//! version's title, written at ingest) and from the stubs graph, so that loading costs a few
//! lookups per file, not several per fact. Expression, paragraph and mention IRIs name their
//! work (`{work}/{lang3}@`, `{work}/!main#para_1`), which saves a lookup per fact.

use super::{CitationGraph, Edge, Node};
use crate::rdf::vocab::{self, BODY, CITATION_RELATIONS, paragraph_of};
use crate::store::{SOURCES_GRAPH, STUBS_GRAPH, Store, StoreError};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNodeRef, NamedOrBlankNode, Term};
use petgraph::graph::NodeIndex;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

/// Bodies too general to tell one series from another.
const GENERAL_BODIES: [&str; 8] = [
    "un-ga",
    "un-sc",
    "un-sg",
    "un-secretariat",
    "un-sc-president",
    "un-ga-president",
    "un-ecosoc",
    "un-icj",
];

/// The IRI or literal value of an object.
pub(super) fn value(object: &Term) -> Option<&str> {
    match object {
        Term::NamedNode(n) => Some(n.as_str()),
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

/// A hasher for keys that are hashes already: the key is its own hash.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Network facts (N-Triples) seen so far. The language versions of a work repeat its facts:
/// each line is parsed once. Lines are told apart by a 64-bit hash (a clash among the few
/// million lines of the UN record is a chance of about one in ten million), so that they need
/// not be kept.
#[derive(Default)]
struct SeenLines {
    hash: foldhash::quality::FixedState,
    lines: HashSet<u64, BuildHasherDefault<Prehashed>>,
    blocks: HashSet<u64, BuildHasherDefault<Prehashed>>,
}

impl SeenLines {
    /// Appends to `unseen` the lines of one document's network facts not seen before. A
    /// version's facts are its title, on the first line, and its work's facts, most often word
    /// for word those of another version (`store::network_facts` writes them so): then one
    /// lookup for the whole block saves one per line (a lookup in a table of millions is a
    /// cache miss).
    fn unseen_of_document(&mut self, ntriples: &str, unseen: &mut String) {
        let (first, block) = ntriples.split_once('\n').unwrap_or((ntriples, ""));
        let lines = if self.blocks.insert(self.hash.hash_one(block)) {
            ntriples
        } else {
            first
        };
        self.unseen_lines(lines, unseen);
    }

    /// Appends to `unseen` the lines of `ntriples` not seen before.
    fn unseen_lines(&mut self, ntriples: &str, unseen: &mut String) {
        for line in ntriples.lines() {
            if self.lines.insert(self.hash.hash_one(line)) {
                unseen.push_str(line);
                unseen.push('\n');
            }
        }
    }
}

/// The lines of the sources' network facts not seen in an earlier source, sent in batches of
/// some 64 kB (a handover between threads costs more than parsing a few lines) until the
/// receiver hangs up.
fn unseen_fact_lines(
    store: &Store,
    to_parser: std::sync::mpsc::SyncSender<String>,
) -> Result<(), StoreError> {
    let mut seen = SeenLines::default();
    let mut unseen = String::new();
    for ntriples in store.objects_in_graph(vocab::UNKG_NETWORK_FACTS, SOURCES_GRAPH)? {
        let Term::Literal(ntriples) = ntriples? else {
            continue;
        };
        seen.unseen_of_document(ntriples.value(), &mut unseen);
        if unseen.len() >= 64 << 10 && to_parser.send(std::mem::take(&mut unseen)).is_err() {
            return Ok(());
        }
    }
    if !unseen.is_empty() {
        // The receiver only hangs up on an error of its own, which it reports.
        let _ = to_parser.send(unseen);
    }
    Ok(())
}

/// The place of a network fact's property among `rdf:type`, a version's `unkg:title` and the
/// work's properties the network reads (see [`vocab::is_network_fact`]).
pub(super) fn predicate_index(predicate: &str) -> Option<u8> {
    let local = match predicate.strip_prefix(vocab::UNKG) {
        Some(local) => local,
        None if predicate == vocab::RDF_TYPE => "",
        None => return None,
    };
    let title = &vocab::UNKG_TITLE[vocab::UNKG.len()..];
    ["", title]
        .into_iter()
        .chain(vocab::NETWORK_PROPERTIES)
        .chain(vocab::CITATION_RELATIONS)
        .position(|p| p == local)
        .map(|i| i as u8)
}

/// The network facts of documents, as (property, subject, object's value). They are kept in
/// runs (a document's, or a batch of the store's), the text of each run in one string: the
/// facts of 150,000 documents then take a few allocations each, not two per fact.
#[derive(Default)]
pub(super) struct Facts {
    runs: Vec<Run>,
}

#[derive(Default)]
struct Run {
    text: String,
    /// (property, where the subject starts, where it ends and the object starts, where the
    /// object ends), in bytes of `text`.
    facts: Vec<(u8, u32, u32, u32)>,
}

impl Run {
    fn fact(&self, &(_, start, middle, end): &(u8, u32, u32, u32)) -> (&str, &str) {
        let (start, middle, end) = (start as usize, middle as usize, end as usize);
        (&self.text[start..middle], &self.text[middle..end])
    }
}

impl Facts {
    fn read(store: &Store) -> Result<Facts, StoreError> {
        let mut facts = Facts::default();
        let sources = NamedNodeRef::new_unchecked(SOURCES_GRAPH);
        // Reading the records from the store (a lookup each) and parsing their new lines take
        // about as long: a second thread reads while this one parses.
        std::thread::scope(|scope| -> Result<(), StoreError> {
            let (to_parser, batches) = std::sync::mpsc::sync_channel(256);
            let reader = scope.spawn(move || unseen_fact_lines(store, to_parser));
            for unseen in batches {
                facts.parse(&unseen)?;
            }
            reader
                .join()
                .map_err(|_| StoreError::Other("the reader of network facts stopped".into()))?
        })?;
        // A store ingested before sources kept network facts has files but none of them.
        let has_sources = store
            .oxigraph()
            .quads_for_pattern(
                None,
                Some(NamedNodeRef::new_unchecked(vocab::UNKG_SOURCE_PATH)),
                None,
                Some(sources.into()),
            )
            .next()
            .is_some();
        if has_sources && facts.is_empty() {
            return Err(StoreError::Other(
                "this store was written by an earlier unkg, whose records the citation network cannot read; ingest the same folders again".into(),
            ));
        }
        // Stubs: the cited resolutions, found by their type, and only their own facts (the
        // stubs of cited documents, many more, are no part of the network; reading a quad
        // costs a lookup per term).
        let stubs = NamedNodeRef::new_unchecked(STUBS_GRAPH);
        let stub_quads = |subject: Option<oxigraph::model::NamedOrBlankNodeRef<'_>>,
                          predicate: Option<NamedNodeRef<'_>>| {
            store
                .oxigraph()
                .quads_for_pattern(subject, predicate, None, Some(stubs.into()))
        };
        for typed in stub_quads(None, Some(NamedNodeRef::new_unchecked(vocab::RDF_TYPE))) {
            let typed = typed?;
            if !vocab::is_network_fact(&typed.subject, &typed.predicate, &typed.object) {
                continue;
            }
            for q in stub_quads(Some(typed.subject.as_ref()), None) {
                let q = q?;
                if vocab::is_network_fact(&q.subject, &q.predicate, &q.object) {
                    facts.add(&q.subject, q.predicate.as_str(), &q.object);
                }
            }
        }
        Ok(facts)
    }

    /// Adds the facts of N-Triples lines that unkg wrote from parsed terms.
    fn parse(&mut self, ntriples: &str) -> Result<(), StoreError> {
        // A run per batch: the text of one would be copied as it grows.
        self.runs.push(Run::default());
        // Written from parsed terms: no need to check the IRIs again.
        for t in RdfParser::from_format(RdfFormat::NTriples)
            .lenient()
            .for_slice(ntriples.as_bytes())
        {
            let t = t.map_err(|e| StoreError::Other(format!("network facts of a source: {e}")))?;
            self.add(&t.subject, t.predicate.as_str(), &t.object);
        }
        Ok(())
    }

    /// Adds a fact; one of another property than the network's, or about a blank node, is
    /// no network fact and is left out.
    pub(super) fn add(&mut self, subject: &NamedOrBlankNode, predicate: &str, object: &Term) {
        if let (NamedOrBlankNode::NamedNode(subject), Some(object)) = (subject, value(object)) {
            self.add_value(subject.as_str(), predicate, object);
        }
    }

    /// Adds a fact of a named subject and its object's IRI or literal value.
    pub(super) fn add_value(&mut self, subject: &str, predicate: &str, object: &str) {
        let Some(predicate) = predicate_index(predicate) else {
            return;
        };
        if self.runs.is_empty() {
            self.runs.push(Run::default());
        }
        let run = self.runs.last_mut().expect("a run was pushed");
        let start = run.text.len() as u32;
        run.text.push_str(subject);
        let middle = run.text.len() as u32;
        run.text.push_str(object);
        run.facts
            .push((predicate, start, middle, run.text.len() as u32));
    }

    /// The (subject, object) of the facts of one `unkg:` property (or of `rdf:type`).
    fn of(&self, predicate: &str) -> impl Iterator<Item = (&str, &str)> {
        let wanted = predicate_index(predicate);
        self.runs.iter().flat_map(move |run| {
            run.facts
                .iter()
                .filter(move |f| Some(f.0) == wanted)
                .map(|f| run.fact(f))
        })
    }

    /// Adds the facts of `other` whose subject `keep` keeps.
    pub(super) fn extend(&mut self, other: Facts, keep: impl Fn(&str) -> bool) {
        for mut run in other.runs {
            let mut facts = std::mem::take(&mut run.facts);
            facts.retain(|f| keep(run.fact(f).0));
            run.facts = facts;
            if !run.facts.is_empty() {
                self.runs.push(run);
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.runs.iter().all(|run| run.facts.is_empty())
    }

    /// The works stated as ingested.
    pub(super) fn ingested(&self) -> super::FastSet<&str> {
        ingested(self.of(vocab::UNKG_INGESTED))
    }

    /// The facts grouped by property, in one pass.
    fn by_property(&self) -> ByProperty<'_> {
        let mut groups: Vec<Vec<(&str, &str)>> = Vec::new();
        for run in &self.runs {
            for f in &run.facts {
                let i = usize::from(f.0);
                if groups.len() <= i {
                    groups.resize_with(i + 1, Vec::new);
                }
                groups[i].push(run.fact(f));
            }
        }
        ByProperty { groups }
    }
}

/// Of the `unkg:ingested` facts, the works stated as ingested.
fn ingested<'a>(facts: impl Iterator<Item = (&'a str, &'a str)>) -> super::FastSet<&'a str> {
    facts
        .filter(|(_, o)| *o == "true")
        .map(|(s, _)| s)
        .collect()
}

/// Facts grouped by property: the network is built from a dozen properties, and a pass over
/// every document's facts for each was most of the time it took.
struct ByProperty<'a> {
    groups: Vec<Vec<(&'a str, &'a str)>>,
}

impl<'a> ByProperty<'a> {
    fn of(&self, predicate: &str) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        predicate_index(predicate)
            .and_then(|i| self.groups.get(usize::from(i)))
            .into_iter()
            .flatten()
            .copied()
    }
}

/// The whole citation network of the store. Node order is by symbol, so the graph and every
/// analysis of it are the same from run to run.
pub fn load(store: &Store) -> Result<CitationGraph, StoreError> {
    let cited = NamedNodeRef::new_unchecked(vocab::UNKG_CITED);
    let stated = NamedNodeRef::new_unchecked(vocab::UNKG_CITED_DATE);
    let mut g = build(Facts::read(store)?, |work| {
        // The mentions of the work, and the dates they state.
        let work = Term::from(oxigraph::model::NamedNode::new_unchecked(work));
        let mut dates = Vec::new();
        for mention in
            store
                .oxigraph()
                .quads_for_pattern(None, Some(cited), Some(work.as_ref()), None)
        {
            let mention = mention?;
            for q in store.oxigraph().quads_for_pattern(
                Some(mention.subject.as_ref()),
                Some(stated),
                None,
                None,
            ) {
                if let Some(d) = value(&q?.object) {
                    dates.push(d.to_string());
                }
            }
        }
        Ok(dates)
    })?;
    attach_votes(store, &mut g)?;
    Ok(g)
}

/// Each resolution's roll call on its text as a whole, from the votes the store holds.
fn attach_votes(store: &Store, g: &mut CitationGraph) -> Result<(), StoreError> {
    let rows = store.rows(
        &format!(
            "PREFIX unkg: <{}> PREFIX og: <{}>
             SELECT ?work ?event ?option ?n WHERE {{
               ?event unkg:voteOn ?work ; unkg:voteScope \"whole\" ; og:count ?c .
               ?c og:option ?option ; <{}> ?n .
             }}",
            vocab::UNKG,
            vocab::OPENGOV,
            vocab::RDF_VALUE
        ),
        &Default::default(),
    )?;
    let mut tallies: HashMap<&str, HashMap<&str, [u32; 3]>> = HashMap::new();
    for row in &rows {
        let [work, event, option, n] = &row[..] else {
            continue;
        };
        if let Some(i) = crate::votes::OPTIONS.iter().position(|o| o == option) {
            tallies.entry(work).or_default().entry(event).or_default()[i] = n.parse().unwrap_or(0);
        }
    }
    for v in g.node_indices() {
        let node = &mut g[v];
        node.vote = tallies.get(node.iri.as_str()).and_then(|events| {
            events
                .iter()
                .max_by_key(|(event, t)| (t.iter().sum::<u32>(), *event))
                .map(|(_, t)| *t)
        });
    }
    Ok(())
}

/// The citation network of documents' network facts; `stated_dates` gives the dates that
/// citing texts state for a work that is not ingested.
pub(super) fn build(
    facts: Facts,
    stated_dates: impl FnMut(&str) -> Result<Vec<String>, StoreError> + Send,
) -> Result<CitationGraph, StoreError> {
    let facts = facts.by_property();
    // Nodes and edges are made of different facts: on two cores.
    let (nodes, edges) = rayon::join(|| nodes_of(&facts, stated_dates), || edges_by_name(&facts));
    let mut g = CitationGraph::new();
    let mut index: super::FastMap<&str, NodeIndex> = Default::default();
    let mut ordered: Vec<(&str, Node)> = nodes?.into_iter().collect();
    ordered.sort_by(|(_, a), (_, b)| (&a.symbol, &a.iri).cmp(&(&b.symbol, &b.iri)));
    for (iri, mut n) in ordered {
        n.subjects.sort();
        n.subjects.dedup();
        index.insert(iri, g.add_node(n));
    }
    // Only citations between nodes are edges. They are added in the order of their ends, so
    // that edge indices do not depend on hashing.
    let mut edges: Vec<((usize, usize), Edge)> = edges
        .into_iter()
        .filter_map(|((citing, cited), e)| {
            Some(((index.get(citing)?.index(), index.get(cited)?.index()), e))
        })
        .collect();
    edges.sort_unstable_by_key(|(ends, _)| *ends);
    for ((s, t), e) in edges {
        g.add_edge(NodeIndex::new(s), NodeIndex::new(t), e);
    }
    Ok(g)
}

/// The resolutions the facts type, with what the facts say of each, by IRI.
fn nodes_of<'f>(
    facts: &ByProperty<'f>,
    mut stated_dates: impl FnMut(&str) -> Result<Vec<String>, StoreError>,
) -> Result<super::FastMap<&'f str, Node>, StoreError> {
    let mut nodes: super::FastMap<&str, Node> = Default::default();
    for (subject, _) in facts.of(vocab::RDF_TYPE) {
        nodes.entry(subject).or_insert_with(|| Node {
            iri: subject.to_string(),
            ..Node::default()
        });
    }
    // Versions and citing texts may write a symbol differently ("S/RES/687(1991)"): the
    // smallest, so that the result does not depend on the order facts were read in.
    for (subject, symbol) in facts.of(vocab::UNKG_SYMBOL) {
        if let Some(n) = nodes.get_mut(subject)
            && (n.symbol.is_empty() || symbol < n.symbol.as_str())
        {
            n.symbol = symbol.to_string();
        }
    }
    nodes.retain(|_, n| !n.symbol.is_empty());
    for n in nodes.values_mut() {
        n.organ = match crate::symbol::Organ::of_symbol(&n.symbol) {
            Some(crate::symbol::Organ::GeneralAssembly) => "GA",
            Some(crate::symbol::Organ::SecurityCouncil) => "SC",
            Some(crate::symbol::Organ::HumanRightsCouncil) => "HRC",
            Some(crate::symbol::Organ::EconomicAndSocialCouncil) => "ECOSOC",
            Some(crate::symbol::Organ::WorldHealthAssembly) => "WHA",
            None => "",
        }
        .into();
        n.year = symbol_year(&n.symbol);
        n.session = symbol_session(&n.symbol);
    }
    for work in ingested(facts.of(vocab::UNKG_INGESTED)) {
        if let Some(n) = nodes.get_mut(work) {
            n.ingested = true;
        }
    }
    for (subject, d) in facts.of(vocab::UNKG_ADOPTED_ON) {
        if let Some(n) = nodes.get_mut(subject) {
            smallest(&mut n.date, d);
        }
    }
    for (subject, item) in facts.of(vocab::UNKG_AGENDA_ITEM) {
        if let Some(n) = nodes.get_mut(subject) {
            smallest(&mut n.agenda_item, item);
        }
    }
    for (subject, s) in facts.of(vocab::UNKG_SESSION) {
        if let Some(n) = nodes.get_mut(subject)
            && let Ok(s) = s.parse::<u32>()
            && symbol_session(&n.symbol).is_none()
        {
            n.session = Some(n.session.map_or(s, |old| old.min(s)));
        }
    }
    for (subject, t) in facts.of(vocab::UNKG_TITLE) {
        // An expression's IRI is its work's and a language: `{work}/{lang3}@`.
        let work = subject.rsplit_once('/').map_or("", |(w, _)| w);
        if let Some(n) = nodes.get_mut(work) {
            smallest(&mut n.title, t);
        }
    }
    // A cited resolution that is not in the store: the dates its citing texts state.
    for n in nodes.values_mut().filter(|n| !n.ingested) {
        for d in stated_dates(&n.iri)? {
            smallest(&mut n.date, &d);
        }
    }
    for n in nodes.values_mut() {
        if n.year.is_none() {
            n.year = n.date.as_ref().and_then(|d| d.get(..4)?.parse().ok());
        }
    }
    for (subject, object) in facts.of(vocab::UNKG_MENTIONS) {
        let Some(slug) = object.strip_prefix(BODY) else {
            continue;
        };
        if let Some(n) = nodes.get_mut(subject)
            && !GENERAL_BODIES.contains(&slug)
        {
            n.subjects.push(slug.to_string());
        }
    }

    Ok(nodes)
}

/// The citations between works, by the IRIs of their ends.
fn edges_by_name<'f>(facts: &ByProperty<'f>) -> super::FastMap<(&'f str, &'f str), Edge> {
    // One edge per citing and cited pair, from the works' graphs: its relation the first typed
    // one in a fixed order ("cites" when none is typed), its paragraph the first.
    let mut edges: super::FastMap<(&str, &str), Edge> = Default::default();
    for (subject, object) in facts.of(vocab::UNKG_CITES) {
        match paragraph_of(subject) {
            Some((work, paragraph)) => {
                let edge = edges.entry((work, object)).or_insert_with(|| Edge {
                    relation: "cites".into(),
                    paragraph: None,
                });
                smallest(&mut edge.paragraph, paragraph);
            }
            None => {
                edges.entry((subject, object)).or_insert_with(|| Edge {
                    relation: "cites".into(),
                    paragraph: None,
                });
            }
        }
    }
    for relation in CITATION_RELATIONS.iter().rev() {
        for (subject, object) in facts.of(&format!("{}{relation}", vocab::UNKG)) {
            if paragraph_of(subject).is_some() {
                continue;
            }
            if let Some(edge) = edges.get_mut(&(subject, object)) {
                edge.relation = relation.to_string();
            }
        }
    }
    edges
}

/// Several versions may state a fact differently: the smallest value, so that the result does
/// not depend on store order.
fn smallest(slot: &mut Option<String>, new: &str) {
    if slot.as_deref().is_none_or(|old| new < old) {
        *slot = Some(new.to_string());
    }
}

/// "S/RES/687 (1991)" → 1991.
fn symbol_year(symbol: &str) -> Option<i32> {
    let inner = symbol
        .strip_prefix("S/RES/")?
        .split_once('(')?
        .1
        .trim_end_matches(')');
    inner.parse().ok()
}

/// "A/RES/79/47" → 79.
fn symbol_session(symbol: &str) -> Option<u32> {
    symbol
        .strip_prefix("A/RES/")?
        .split('/')
        .next()?
        .parse()
        .ok()
}
