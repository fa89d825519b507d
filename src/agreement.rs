//! Agreement between the language versions of one resolution: whether every version yields
//! the same cited resolutions, documents, instruments, bodies and paragraph counts. Each
//! disagreement names what one version found, where (the quote and position it was read
//! from), and the versions that lack it — the way to find an extraction miss or a slip in a
//! translation without reading six texts.

use crate::rdf::PLACE_BINDINGS;
use crate::rdf::vocab::{SKOS, UNKG, XSD};
use crate::store::{Store, StoreError};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One fact found in some language versions and not in others.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Disagreement {
    /// `cites`, `documents`, `instruments`, `bodies`, `preambular` or `operative`.
    pub field: String,
    /// The cited symbol or entity, or the paragraph count.
    pub value: String,
    pub found_in: Vec<String>,
    pub missing_in: Vec<String>,
    /// Where each version that has it read it: language → (start, end, quote).
    pub spans: BTreeMap<String, (i64, i64, String)>,
}

/// The check of one resolution held in several languages.
#[derive(Debug, Clone, Serialize)]
pub struct Agreement {
    pub symbol: String,
    pub languages: Vec<String>,
    pub disagreements: Vec<Disagreement>,
}

impl Agreement {
    pub fn agrees(&self) -> bool {
        self.disagreements.is_empty()
    }
}

/// Checks every resolution held in more than one language (or only `symbol`).
pub fn check(store: &Store, symbol: Option<&str>) -> Result<Vec<Agreement>, StoreError> {
    let filter = symbol
        .map(|s| format!("FILTER(?symbol = {})", quote(s)))
        .unwrap_or_default();
    // Per work and language: each fact with its first quote.
    let facts = format!(
        "PREFIX unkg: <{UNKG}> PREFIX skos: <{SKOS}> PREFIX xsd: <{XSD}>
         SELECT ?symbol ?lang ?field (COALESCE(?value, ?name, STR(?m)) AS ?fact) ?start ?end ?exact WHERE {{
           ?e unkg:realizes ?work ; unkg:language ?lang ; unkg:fullText ?text .
           ?work unkg:symbol ?symbol .
           ?a unkg:inVersion ?e .
           {{ ?a unkg:cited ?x . ?x unkg:symbol ?value . BIND(\"cites\" AS ?field) }}
           UNION {{ ?a unkg:mentioned ?m . OPTIONAL {{ ?m unkg:symbol ?value }}
                    BIND(IF(CONTAINS(STR(?a), \"/document/\"), \"documents\",
                         IF(CONTAINS(STR(?a), \"/instrument/\"), \"instruments\", \"bodies\")) AS ?field) }}
           OPTIONAL {{ ?a unkg:span ?span }}
           {PLACE_BINDINGS}
           OPTIONAL {{ ?m skos:prefLabel ?name . FILTER(LANG(?name) = \"en\") }}
           {filter}
         }}"
    );
    let counts = format!(
        "PREFIX unkg: <{UNKG}>
         SELECT ?symbol ?lang ?field ?fact WHERE {{
           ?e unkg:realizes ?work ; unkg:language ?lang .
           ?work unkg:symbol ?symbol .
           {{ ?e unkg:preambularCount ?n . BIND(\"preambular\" AS ?field) }} UNION {{ ?e unkg:operativeCount ?n . BIND(\"operative\" AS ?field) }}
           BIND(STR(?n) AS ?fact)
           {filter}
         }}"
    );
    // symbol → language → field → value → first span.
    type Facts = BTreeMap<
        String,
        BTreeMap<String, BTreeMap<String, BTreeMap<String, Option<(i64, i64, String)>>>>,
    >;
    let mut all: Facts = BTreeMap::new();
    for query in [facts, counts] {
        let QueryResults::Solutions(rows) = store.query(&query)? else {
            continue;
        };
        for row in rows {
            let row = row?;
            let get = |v: &str| match row.get(v) {
                Some(Term::Literal(l)) => Some(l.value().to_string()),
                Some(t) => Some(t.to_string()),
                None => None,
            };
            let (Some(symbol), Some(lang), Some(field), Some(value)) =
                (get("symbol"), get("lang"), get("field"), get("fact"))
            else {
                continue;
            };
            let span = match (get("start"), get("end"), get("exact")) {
                (Some(s), Some(e), Some(x)) => {
                    Some((s.parse().unwrap_or(0), e.parse().unwrap_or(0), x))
                }
                _ => None,
            };
            let slot = all
                .entry(symbol)
                .or_default()
                .entry(lang)
                .or_default()
                .entry(field)
                .or_default()
                .entry(value)
                .or_default();
            // The earliest span stands for the fact.
            if span.is_some()
                && (slot.is_none() || span.as_ref().map(|s| s.0) < slot.as_ref().map(|s| s.0))
            {
                *slot = span;
            }
        }
    }

    let mut out = Vec::new();
    for (symbol, by_lang) in all {
        if by_lang.len() < 2 {
            continue;
        }
        let languages: Vec<String> = by_lang.keys().cloned().collect();
        let fields: BTreeSet<&String> = by_lang.values().flat_map(|f| f.keys()).collect();
        let mut disagreements = Vec::new();
        for field in fields {
            let values: BTreeSet<&String> = by_lang
                .values()
                .filter_map(|f| f.get(field))
                .flat_map(|v| v.keys())
                .collect();
            for value in values {
                let has = |lang: &String| {
                    by_lang[lang]
                        .get(field)
                        .is_some_and(|v| v.contains_key(value))
                };
                let found_in: Vec<String> = languages.iter().filter(|l| has(l)).cloned().collect();
                if found_in.len() == languages.len() {
                    continue;
                }
                let spans = found_in
                    .iter()
                    .filter_map(|l| by_lang[l][field][value].clone().map(|s| (l.clone(), s)))
                    .collect();
                disagreements.push(Disagreement {
                    field: field.clone(),
                    value: value.clone(),
                    missing_in: languages.iter().filter(|l| !has(l)).cloned().collect(),
                    found_in,
                    spans,
                });
            }
        }
        out.push(Agreement {
            symbol,
            languages,
            disagreements,
        });
    }
    Ok(out)
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
