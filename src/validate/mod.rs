//! `unkg validate`: the store checked against SHACL shapes (`ontology/shapes.ttl` unless
//! others are given) by rudof's SHACL engine, SHACL-SPARQL constraints included. The store's
//! data graphs are read through its narrow interface and handed to the engine as one graph
//! (the union, as a SPARQL query sees the store); the report lists each result once.

use crate::store::{Store, StoreError};
use shacl::validator::processor::{GraphValidation, ShaclProcessor};
use shacl::validator::store::{Graph, ShaclDataManager};
use shacl::validator::{ShaclConfig, ShaclValidationMode};
use std::collections::BTreeSet;

/// The shapes shipped with unkg.
pub const SHAPES_TTL: &str = include_str!("../../ontology/shapes.ttl");

#[derive(Debug, thiserror::Error)]
pub enum ValidateError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the shapes in {0} cannot be read: {1}")]
    Shapes(String, String),
    #[error("the SHACL engine failed: {0}")]
    Engine(String),
}

/// One result of a validation: which node broke which shape's constraint, and how.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    pub focus: String,
    pub shape: String,
    pub component: String,
    pub path: Option<String>,
    pub value: Option<String>,
    pub severity: String,
    pub message: Option<String>,
}

/// Validates the store's data graphs against `shapes` (Turtle; `name` says where they came
/// from, for messages). Results come sorted, each once.
pub fn validate(store: &Store, shapes: &str, name: &str) -> Result<Vec<Violation>, ValidateError> {
    let schema = ShaclDataManager::load(
        &mut shapes.as_bytes(),
        name,
        &rudof_rdf::rdf_core::RDFFormat::Turtle,
        None,
    )
    .map_err(|e| ValidateError::Shapes(name.to_string(), e.to_string()))?;
    let mut data = String::new();
    for graph in store.graph_names(None)? {
        for t in store.graph_triples(&graph)? {
            data.push_str(&crate::rdf::ntriples_line(t.as_ref()));
        }
    }
    let rdf = sparql_service::RdfData::from_str(
        &data,
        &rudof_rdf::rdf_core::RDFFormat::NTriples,
        None,
        &rudof_rdf::rdf_impl::ReaderMode::Strict,
    )
    .map_err(|e| ValidateError::Engine(e.to_string()))?;
    drop(data);
    let mut validation = GraphValidation::new(Graph::from(rdf));
    let report = validation
        .validate(
            &schema,
            &ShaclValidationMode::Native,
            &ShaclConfig::default(),
        )
        .map_err(|e| ValidateError::Engine(e.to_string()))?;
    let mut violations = BTreeSet::new();
    for result in report.results() {
        violations.insert(Violation {
            focus: term(&result.focus_node().to_string()),
            shape: result
                .source()
                .map_or_else(String::new, |s| term(&s.to_string())),
            component: term(&result.constraint_component().to_string()),
            path: result.path().map(|p| term(&p.to_string())),
            value: result.value().map(|v| v.to_string()),
            severity: format!("{:?}", result.severity()),
            message: None,
        });
    }
    Ok(violations.into_iter().collect())
}

/// An IRI without its angle brackets; other terms as written.
fn term(written: &str) -> String {
    written
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(written)
        .to_string()
}

/// The results as a standard SHACL validation report (`sh:ValidationReport`), in Turtle.
pub fn report_turtle(
    violations: &[Violation],
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    use oxigraph::model::{BlankNode, Literal, NamedNode, Term, Triple};
    const SH: &str = "http://www.w3.org/ns/shacl#";
    let sh = |local: &str| NamedNode::new_unchecked(format!("{SH}{local}"));
    let iri_or_literal = |written: &str| -> Term {
        match NamedNode::new(written) {
            Ok(n) if written.contains(':') => n.into(),
            _ => Literal::new_simple_literal(written).into(),
        }
    };
    let rdf_type = NamedNode::new_unchecked(crate::rdf::vocab::RDF_TYPE);
    let report = BlankNode::new_unchecked("report");
    let mut triples = vec![
        Triple::new(report.clone(), rdf_type.clone(), sh("ValidationReport")),
        Triple::new(
            report.clone(),
            sh("conforms"),
            Literal::from(violations.is_empty()),
        ),
    ];
    for (i, v) in violations.iter().enumerate() {
        let result = BlankNode::new_unchecked(format!("result{}", i + 1));
        triples.push(Triple::new(report.clone(), sh("result"), result.clone()));
        let mut facts: Vec<(NamedNode, Term)> = vec![
            (rdf_type.clone(), sh("ValidationResult").into()),
            (sh("focusNode"), iri_or_literal(&v.focus)),
            (sh("sourceShape"), iri_or_literal(&v.shape)),
            (
                sh("sourceConstraintComponent"),
                iri_or_literal(&v.component),
            ),
            (sh("resultSeverity"), sh(&v.severity).into()),
        ];
        if let Some(value) = &v.value {
            facts.push((sh("value"), Literal::new_simple_literal(value).into()));
        }
        triples.extend(
            facts
                .into_iter()
                .map(|(p, o)| Triple::new(result.clone(), p, o)),
        );
    }
    crate::rdf::turtle::write_turtle(out, &triples)
}
