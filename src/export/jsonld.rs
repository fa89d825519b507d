//! JSON-LD compacted with unkg's context (`ontology/context.jsonld`, also served at
//! `/context.jsonld`): a named graph an object of the top `@graph`, a node an object with short
//! keys (`symbol`, `cites`, `adoptedOn`) and compact IRIs (`doc:A/RES/79/47`). The context is
//! written into the document, so that it expands offline to exactly the store's quads.
//!
//! Compaction needs no general JSON-LD processor here: the context is ours, so a value either
//! fits its term's type (and is written bare) or is written as an explicit `@value`/`@id`
//! object, which expands the same under any term.

use crate::store::StoreError;
use oxigraph::model::{NamedOrBlankNode, Term, Triple};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// The context file, as shipped.
pub const CONTEXT: &str = include_str!("../../ontology/context.jsonld");

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";

/// What a term says its values are.
#[derive(Debug, PartialEq)]
enum Coercion {
    /// Strings, or explicit value objects.
    None,
    /// IRIs, written as (compact) IRI strings.
    Id,
    /// Literals of this datatype, written as their lexical form.
    Datatype(String),
}

/// The context read for compaction: prefixes (longest namespace first) and terms by IRI.
struct Context {
    object: Value,
    prefixes: Vec<(String, String)>,
    terms: HashMap<String, (String, Coercion)>,
}

static PARSED: LazyLock<Context> = LazyLock::new(|| {
    let file: Value = serde_json::from_str(CONTEXT).expect("ontology/context.jsonld is JSON");
    let object = file["@context"].clone();
    let entries = object.as_object().expect("@context is an object");
    let mut prefixes: Vec<(String, String)> = entries
        .iter()
        .filter_map(|(name, v)| {
            let ns = v.as_str()?;
            (ns.ends_with('/') || ns.ends_with('#')).then(|| (name.clone(), ns.to_string()))
        })
        .collect();
    prefixes.sort_by_key(|(_, ns)| std::cmp::Reverse(ns.len()));
    let expand = |s: &str| -> String {
        match s.split_once(':') {
            Some((p, local)) => match entries.get(p).and_then(Value::as_str) {
                Some(ns) => format!("{ns}{local}"),
                None => s.to_string(),
            },
            None => s.to_string(),
        }
    };
    let mut terms = HashMap::new();
    for (name, v) in entries {
        let (iri, coercion) = match v {
            Value::String(s) if !s.ends_with('/') && !s.ends_with('#') => {
                (expand(s), Coercion::None)
            }
            Value::Object(def) => {
                let iri = expand(def["@id"].as_str().expect("a term has an @id"));
                let coercion = match def.get("@type").and_then(Value::as_str) {
                    Some("@id") => Coercion::Id,
                    Some(datatype) => Coercion::Datatype(expand(datatype)),
                    None => Coercion::None,
                };
                (iri, coercion)
            }
            _ => continue,
        };
        terms.insert(iri, (name.clone(), coercion));
    }
    Context {
        object,
        prefixes,
        terms,
    }
});

/// What comes before the first graph: the context, and the opening of the graph list.
pub fn document_start() -> String {
    format!(
        "{{\n\"@context\": {},\n\"@graph\": [\n",
        serde_json::to_string(&PARSED.object).expect("the context serializes")
    )
}

/// What comes after the last graph.
pub const DOCUMENT_END: &str = "\n]}\n";

/// A compact IRI (`doc:A/RES/79/47`) where a prefix of the context fits, else the IRI.
fn compact(iri: &str) -> String {
    for (prefix, ns) in &PARSED.prefixes {
        if let Some(local) = iri.strip_prefix(ns.as_str())
            && !local.is_empty()
            && !local.starts_with("//")
        {
            return format!("{prefix}:{local}");
        }
    }
    iri.to_string()
}

fn subject_id(subject: &NamedOrBlankNode) -> String {
    match subject {
        NamedOrBlankNode::NamedNode(n) => compact(n.as_str()),
        NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
    }
}

/// An object as the value of a key whose term says `coercion`.
fn value(object: &Term, coercion: &Coercion) -> Value {
    match object {
        Term::NamedNode(n) if *coercion == Coercion::Id => Value::String(compact(n.as_str())),
        Term::NamedNode(n) => json!({ "@id": compact(n.as_str()) }),
        Term::BlankNode(b) if *coercion == Coercion::Id => {
            Value::String(format!("_:{}", b.as_str()))
        }
        Term::BlankNode(b) => json!({ "@id": format!("_:{}", b.as_str()) }),
        // JSON-LD 1.1 has no triple terms (RDF 1.2): unkg states none, and one a user's update
        // stated is written as its N-Triples text.
        Term::Triple(t) => json!({ "@value": t.to_string() }),
        Term::Literal(l) => {
            if let Some(lang) = l.language() {
                return json!({ "@value": l.value(), "@language": lang });
            }
            let datatype = l.datatype().as_str();
            match coercion {
                Coercion::Datatype(d) if d == datatype => Value::String(l.value().to_string()),
                Coercion::None if datatype == XSD_STRING => Value::String(l.value().to_string()),
                _ if datatype == XSD_STRING => json!({ "@value": l.value() }),
                _ => json!({ "@value": l.value(), "@type": compact(datatype) }),
            }
        }
    }
}

/// Writes one named graph as `{"@id": …, "@graph": [nodes]}`: nodes by subject, keys and
/// values sorted, so the output does not depend on the store's order.
pub fn write_graph(out: &mut Vec<u8>, graph: &str, triples: &[Triple]) -> Result<(), StoreError> {
    let mut nodes: BTreeMap<String, BTreeMap<String, Vec<(String, Value)>>> = BTreeMap::new();
    for t in triples {
        let predicate = t.predicate.as_str();
        let (key, v) = if predicate == RDF_TYPE {
            let Term::NamedNode(class) = &t.object else {
                continue;
            };
            ("@type".to_string(), Value::String(compact(class.as_str())))
        } else {
            match PARSED.terms.get(predicate) {
                Some((term, coercion)) => (term.clone(), value(&t.object, coercion)),
                None => (compact(predicate), value(&t.object, &Coercion::None)),
            }
        };
        nodes
            .entry(subject_id(&t.subject))
            .or_default()
            .entry(key)
            .or_default()
            .push((t.object.to_string(), v));
    }
    let nodes: Vec<Value> = nodes
        .into_iter()
        .map(|(id, keys)| {
            let mut node = Map::new();
            node.insert("@id".into(), Value::String(id));
            for (key, mut values) in keys {
                values.sort_by(|a, b| a.0.cmp(&b.0));
                let mut values: Vec<Value> = values.into_iter().map(|(_, v)| v).collect();
                let v = if values.len() == 1 {
                    values.pop().expect("one value")
                } else {
                    Value::Array(values)
                };
                node.insert(key, v);
            }
            Value::Object(node)
        })
        .collect();
    let graph = json!({ "@id": compact(graph), "@graph": nodes });
    serde_json::to_writer(out, &graph).map_err(|e| StoreError::Serialize(e.to_string()))
}
