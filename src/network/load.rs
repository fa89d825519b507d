//! Building the citation graph from the store: a few SPARQL queries, one pass over each.

use super::{CitationGraph, Edge, Node};
use crate::rdf::vocab::{BODY, SKOS, UNKG};
use crate::store::{Store, StoreError};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use petgraph::graph::NodeIndex;
use std::collections::{BTreeMap, HashMap};

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

fn rows(store: &Store, query: &str) -> Result<Vec<Vec<Option<String>>>, StoreError> {
    let QueryResults::Solutions(solutions) = store.query(query)? else {
        return Ok(Vec::new());
    };
    let vars: Vec<_> = solutions.variables().to_vec();
    let mut out = Vec::new();
    for row in solutions {
        let row = row?;
        out.push(
            vars.iter()
                .map(|v| {
                    row.get(v).map(|t| match t {
                        Term::NamedNode(n) => n.as_str().to_string(),
                        Term::Literal(l) => l.value().to_string(),
                        other => other.to_string(),
                    })
                })
                .collect(),
        );
    }
    Ok(out)
}

/// The whole citation network of the store. Node order is by symbol, so the graph and every
/// analysis of it are the same from run to run.
pub fn load(store: &Store) -> Result<CitationGraph, StoreError> {
    let p = format!("PREFIX unkg: <{UNKG}> PREFIX skos: <{SKOS}> ");
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    for r in rows(
        store,
        &format!(
            "{p} SELECT DISTINCT ?w ?symbol WHERE {{ ?w a unkg:Resolution ; unkg:symbol ?symbol }}"
        ),
    )? {
        let (Some(iri), Some(symbol)) = (r[0].clone(), r[1].clone()) else {
            continue;
        };
        let organ = match crate::symbol::Organ::of_symbol(&symbol) {
            Some(crate::symbol::Organ::GeneralAssembly) => "GA",
            Some(crate::symbol::Organ::SecurityCouncil) => "SC",
            Some(crate::symbol::Organ::HumanRightsCouncil) => "HRC",
            Some(crate::symbol::Organ::EconomicAndSocialCouncil) => "ECOSOC",
            Some(crate::symbol::Organ::WorldHealthAssembly) => "WHA",
            None => "",
        };
        let year = symbol_year(&symbol);
        let session = symbol_session(&symbol);
        nodes.insert(
            iri.clone(),
            Node {
                symbol,
                iri,
                organ: organ.into(),
                year,
                session,
                ..Node::default()
            },
        );
    }
    for r in rows(
        store,
        &format!("{p} SELECT DISTINCT ?w WHERE {{ GRAPH ?g {{ ?w unkg:ingested true }} }}"),
    )? {
        if let Some(n) = r[0].as_ref().and_then(|w| nodes.get_mut(w)) {
            n.ingested = true;
        }
    }
    let facts = format!(
        "{p} SELECT ?w ?date ?stated ?title ?item ?session WHERE {{
           {{ ?w unkg:adoptedOn ?date }} UNION {{ ?c unkg:cited ?w ; unkg:citedDate ?stated }}
           UNION {{ ?w unkg:isRealizedBy ?e . ?e unkg:title ?title }} UNION {{ ?w unkg:agendaItem ?item }}
           UNION {{ ?w unkg:session ?session }} }}"
    );
    for r in rows(store, &facts)? {
        let Some(n) = r[0].as_ref().and_then(|w| nodes.get_mut(w)) else {
            continue;
        };
        // Adoption dates win over dates stated by citing texts; the smallest of each, so
        // that the result does not depend on query order.
        if let Some(d) = &r[1] {
            n.date = Some(d.clone());
        } else if let Some(d) = &r[2]
            && (n.date.is_none() || !n.ingested && n.date.as_ref() > Some(d))
        {
            n.date = Some(d.clone());
        }
        if let Some(t) = &r[3]
            && n.title.as_ref().is_none_or(|old| t < old)
        {
            n.title = Some(t.clone());
        }
        if let Some(i) = &r[4] {
            n.agenda_item = Some(i.clone());
        }
        if let Some(s) = r[5].as_ref().and_then(|s| s.parse().ok()) {
            n.session = Some(s);
        }
    }
    for n in nodes.values_mut() {
        if n.year.is_none() {
            n.year = n.date.as_ref().and_then(|d| d.get(..4)?.parse().ok());
        }
    }
    for r in rows(
        store,
        &format!(
            "{p} SELECT DISTINCT ?w ?m WHERE {{ ?w unkg:mentions ?m . FILTER(STRSTARTS(STR(?m), \"{BODY}\")) }}"
        ),
    )? {
        let (Some(w), Some(m)) = (&r[0], &r[1]) else {
            continue;
        };
        let slug = m.trim_start_matches(BODY);
        if let Some(n) = nodes.get_mut(w)
            && !GENERAL_BODIES.contains(&slug)
        {
            n.subjects.push(slug.to_string());
        }
    }

    let mut g = CitationGraph::new();
    let mut index: HashMap<String, NodeIndex> = HashMap::new();
    let mut ordered: Vec<Node> = nodes.into_values().collect();
    ordered.sort_by(|a, b| a.symbol.cmp(&b.symbol));
    for mut n in ordered {
        n.subjects.sort();
        n.subjects.dedup();
        let iri = n.iri.clone();
        index.insert(iri, g.add_node(n));
    }
    // One edge per citing and cited pair: the first relation and paragraph in a fixed order.
    let mut edges: BTreeMap<(usize, usize), Edge> = BTreeMap::new();
    let citations = format!(
        "{p} SELECT DISTINCT ?citing ?cited ?relation ?paragraph WHERE {{
           ?c a unkg:Citation ; unkg:citing ?citing ; unkg:cited ?cited ; unkg:relation ?relation .
           OPTIONAL {{ ?c unkg:inParagraph ?paragraph }} }}"
    );
    let mut found = rows(store, &citations)?;
    found.sort();
    for r in found {
        let (Some(s), Some(t)) = (
            r[0].as_ref().and_then(|w| index.get(w)),
            r[1].as_ref().and_then(|w| index.get(w)),
        ) else {
            continue;
        };
        let relation = r[2]
            .as_deref()
            .unwrap_or_default()
            .trim_start_matches(UNKG)
            .to_string();
        let paragraph = r[3]
            .as_ref()
            .and_then(|p| p.rsplit('#').next().map(str::to_string));
        edges.entry((s.index(), t.index())).or_insert(Edge {
            relation,
            paragraph,
        });
    }
    for ((s, t), e) in edges {
        g.add_edge(NodeIndex::new(s), NodeIndex::new(t), e);
    }
    Ok(g)
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
