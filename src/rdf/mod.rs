//! The RDF mapping of SPEC section 4: one record → the quads of its named graph
//! (`…/graph/{symbol}/{lang3}@`), with Web Annotation provenance for every cited resolution,
//! document and entity mention.

pub mod turtle;
pub mod vocab;

use crate::extract::paragraph_id;
use crate::record::{ParagraphKind, Record, Span};
use crate::symbol::Organ;
use crate::text::Text;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use vocab::*;

/// The work IRI a record is stored under: its symbol, or its text hash when it has none.
pub fn record_work_iri(record: &Record) -> String {
    match &record.symbol {
        Some(s) => work_iri(s),
        None => format!("{DOC}_unidentified/{}", &record.text_sha256[..16]),
    }
}

/// The named graph a record is stored in.
pub fn record_graph_iri(record: &Record) -> String {
    match &record.symbol {
        Some(s) => graph_iri(s, &record.lang),
        None => format!(
            "{GRAPH}_unidentified/{}/{}@",
            &record.text_sha256[..16],
            lang3(&record.lang)
        ),
    }
}

struct Writer {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Writer {
    fn add(&mut self, s: &str, p: &str, o: impl Into<Term>) {
        self.quads
            .push(Quad::new(node(s), node(p), o, self.graph.clone()));
    }
    fn link(&mut self, s: &str, p: &str, o: &str) {
        self.add(s, p, node(o));
    }
}

fn node(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn typed(value: &str, datatype: &str) -> Literal {
    Literal::new_typed_literal(value, node(&format!("{XSD}{datatype}")))
}

fn tagged(value: &str, lang: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(value, lang)
}

fn relation_iri(relation: &str) -> String {
    format!("{UNKG}{relation}")
}

/// Maps a record to quads. `text` is the document text its spans point into.
pub fn record_quads(record: &Record, text: &Text) -> Vec<Quad> {
    let graph_iri = record_graph_iri(record);
    let mut w = Writer {
        graph: GraphName::NamedNode(node(&graph_iri)),
        quads: Vec::new(),
    };
    let work = record_work_iri(record);
    let expr = format!("{work}/{}@", lang3(&record.lang));
    let lang = record.lang.as_str();

    let class = match &record.symbol {
        Some(s) if s.contains("/L.") => UNKG_DRAFT_RESOLUTION,
        _ if record.resolution_form => UNKG_RESOLUTION,
        _ => UNKG_DOCUMENT,
    };
    w.link(&work, RDF_TYPE, class);
    w.add(&work, UNKG_INGESTED, Literal::from(true));
    if let Some(symbol) = &record.symbol {
        w.add(&work, UNKG_SYMBOL, Literal::new_simple_literal(symbol));
        w.link(&work, RDFS_SEE_ALSO, &undocs(symbol, None));
        w.link(&expr, RDFS_SEE_ALSO, &undocs(symbol, Some(lang)));
    }
    if let Some(organ) = record.organ.as_deref().and_then(Organ::from_name) {
        w.link(&work, UNKG_ORGAN, organ.body_iri());
    }
    if let Some(d) = &record.adopted {
        w.add(&work, UNKG_ADOPTED_ON, typed(d, "date"));
    }
    if let Some(s) = record.session {
        w.add(&work, UNKG_SESSION, Literal::from(i64::from(s)));
    }
    if let Some(a) = &record.agenda_item {
        w.add(&work, UNKG_AGENDA_ITEM, Literal::new_simple_literal(a));
    }
    if let Some(m) = &record.meeting {
        w.add(&work, UNKG_MEETING, Literal::new_simple_literal(m));
    }
    if let Some(c) = &record.committee_report {
        let report = work_iri(c);
        w.link(&work, UNKG_ADOPTED_ON_REPORT_OF, &report);
        w.link(&report, RDF_TYPE, UNKG_REPORT);
        w.add(&report, UNKG_SYMBOL, Literal::new_simple_literal(c));
    }

    // The language version.
    w.link(&expr, RDF_TYPE, UNKG_LANGUAGE_VERSION);
    w.link(&expr, UNKG_REALIZES, &work);
    w.link(&work, UNKG_IS_REALIZED_BY, &expr);
    w.add(&expr, UNKG_LANGUAGE, Literal::new_simple_literal(lang));
    w.add(
        &expr,
        UNKG_TEXT_SHA256,
        Literal::new_simple_literal(&record.text_sha256),
    );
    w.add(
        &expr,
        UNKG_SOURCE_PATH,
        Literal::new_simple_literal(&record.doc),
    );
    w.add(
        &expr,
        UNKG_PREAMBULAR_COUNT,
        Literal::from(record.preambular as i64),
    );
    w.add(
        &expr,
        UNKG_OPERATIVE_COUNT,
        Literal::from(record.operative as i64),
    );
    if let Some(t) = &record.title {
        w.add(&expr, UNKG_TITLE, tagged(t, lang));
    }
    for warning in &record.warnings {
        w.add(&expr, UNKG_WARNING, Literal::new_simple_literal(warning));
    }

    // Paragraphs: nodes of the work, their text in this language.
    for p in &record.paragraphs {
        let para = format!("{work}/!main#{}", paragraph_id(p));
        w.link(&work, UNKG_HAS_PARAGRAPH, &para);
        let class = match p.kind {
            ParagraphKind::Preambular => UNKG_PREAMBULAR_PARAGRAPH,
            ParagraphKind::Operative => UNKG_OPERATIVE_PARAGRAPH,
        };
        w.link(&para, RDF_TYPE, class);
        w.add(&para, UNKG_ORDINAL, Literal::from(p.number as i64));
        if let Some(key) = &p.verb_key {
            w.link(&para, UNKG_LEADING_VERB, &format!("{VERB}{key}"));
        }
        w.add(
            &para,
            UNKG_TEXT,
            tagged(text.slice_chars(p.span.start, p.span.end), lang),
        );
    }

    // Citations: typed links work → work and paragraph → work, each with its provenance.
    for (i, c) in record.cites.iter().enumerate() {
        let cited = work_iri(&c.symbol);
        w.link(&work, UNKG_CITES, &cited);
        if c.relation != "cites" {
            w.link(&work, &relation_iri(&c.relation), &cited);
        }
        w.add(&cited, UNKG_SYMBOL, Literal::new_simple_literal(&c.symbol));
        if let Some(organ) = Organ::of_symbol(&c.symbol) {
            w.link(&cited, UNKG_ORGAN, organ.body_iri());
        }
        let ann = format!("{expr}/citation/{}", i + 1);
        w.link(&ann, RDF_TYPE, UNKG_CITATION);
        w.link(&ann, RDF_TYPE, OA_ANNOTATION);
        w.link(&ann, UNKG_CITING, &work);
        w.link(&ann, UNKG_CITED, &cited);
        w.link(&ann, OA_HAS_BODY, &cited);
        w.link(&ann, UNKG_RELATION, &relation_iri(&c.relation));
        if let Some(d) = &c.date {
            w.add(&ann, UNKG_CITED_DATE, typed(d, "date"));
        }
        if let Some(p) = &c.paragraph {
            let para = format!("{work}/!main#{p}");
            w.link(&ann, UNKG_IN_PARAGRAPH, &para);
            w.link(&para, UNKG_CITES, &cited);
            if c.relation != "cites" {
                w.link(&para, &relation_iri(&c.relation), &cited);
            }
        }
        targets(&mut w, &ann, &expr, &c.spans, text);
    }
    for (i, d) in record.documents.iter().enumerate() {
        let cited = work_iri(&d.symbol);
        w.link(&work, UNKG_CITES_DOCUMENT, &cited);
        w.add(&cited, UNKG_SYMBOL, Literal::new_simple_literal(&d.symbol));
        w.link(&cited, RDFS_SEE_ALSO, &undocs(&d.symbol, None));
        let ann = format!("{expr}/document/{}", i + 1);
        w.link(&ann, RDF_TYPE, OA_ANNOTATION);
        w.link(&ann, OA_HAS_BODY, &cited);
        targets(&mut w, &ann, &expr, &d.spans, text);
    }
    for (kind, list) in [
        ("instrument", &record.instruments),
        ("body", &record.bodies),
    ] {
        for (i, e) in list.iter().enumerate() {
            w.link(&work, UNKG_MENTIONS, &e.iri);
            let ann = format!("{expr}/{kind}/{}", i + 1);
            w.link(&ann, RDF_TYPE, OA_ANNOTATION);
            w.link(&ann, OA_HAS_BODY, &e.iri);
            targets(&mut w, &ann, &expr, &e.spans, text);
        }
    }
    w.quads
}

/// One `oa:hasTarget` a span: the language version, a position and a quote.
fn targets(w: &mut Writer, ann: &str, expr: &str, spans: &[Span], text: &Text) {
    for (j, span) in spans.iter().enumerate() {
        let target = format!("{ann}/target/{}", j + 1);
        w.link(ann, OA_HAS_TARGET, &target);
        w.link(&target, OA_HAS_SOURCE, expr);
        let selector = format!("{target}/position");
        w.link(&target, OA_HAS_SELECTOR, &selector);
        w.link(&selector, RDF_TYPE, OA_TEXT_POSITION_SELECTOR);
        w.add(&selector, OA_START, Literal::from(span.start as i64));
        w.add(&selector, OA_END, Literal::from(span.end as i64));
        let quote = format!("{target}/quote");
        w.link(&target, OA_HAS_SELECTOR, &quote);
        w.link(&quote, RDF_TYPE, OA_TEXT_QUOTE_SELECTOR);
        w.add(
            &quote,
            OA_EXACT,
            Literal::new_simple_literal(text.slice_chars(span.start, span.end)),
        );
    }
}

/// The undocs.org address of a symbol, in one language or the default.
pub fn undocs(symbol: &str, lang: Option<&str>) -> String {
    let compact: String = symbol.chars().filter(|c| !c.is_whitespace()).collect();
    match lang {
        Some(l) => format!("https://undocs.org/{l}/{compact}"),
        None => format!("https://undocs.org/{compact}"),
    }
}
