//! The RDF mapping of SPEC section 4. One record gives facts for three graphs, so that each
//! fact is stated once however many files state it:
//! - its language version's graph (`…/graph/{symbol}/{lang3}@`): the expression, the text of
//!   each paragraph in that language, its whole text (`unkg:fullText`), and one mention node
//!   per cited resolution, document and entity, with a compact provenance: one `unkg:span`
//!   literal per place ("120,135", character offsets into the whole text);
//! - the work's graph (`…/graph/{symbol}`): what the work is and what it cites, the union of
//!   what its language versions say (the store rebuilds it when a version changes);
//! - the stubs graph: the symbol and organ of each work it cites, which stay there only while
//!   that work is not ingested itself.
//!
//! The full W3C Web Annotation form of the mentions is derived by the named query
//! `web-annotations`.

pub mod turtle;
pub mod vocab;

use crate::extract::paragraph_id;
use crate::record::{ParagraphKind, Record, Span};
use crate::symbol::Organ;
use crate::text::Text;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use vocab::*;

/// A triple as a line of N-Triples (what the sources graph records, `push` sends and the SHACL
/// engine reads).
pub fn ntriples_line(triple: oxigraph::model::TripleRef<'_>) -> String {
    format!("{triple} .\n")
}

/// The work IRI a record is stored under: its symbol, or its text hash when it has none.
pub fn record_work_iri(record: &Record) -> String {
    match &record.symbol {
        Some(s) => work_iri(s),
        None => format!("{DOC}_unidentified/{}", &record.text_sha256[..16]),
    }
}

/// The named graph of a record's language version.
pub fn record_graph_iri(record: &Record) -> String {
    format!("{}/{}@", record_work_graph_iri(record), lang3(&record.lang))
}

/// The named graph of what a record's versions say of its work.
pub fn record_work_graph_iri(record: &Record) -> String {
    match &record.symbol {
        Some(s) => work_graph_iri(s),
        None => format!("{GRAPH}_unidentified/{}", &record.text_sha256[..16]),
    }
}

/// The object of a fact as the mapping gives it: an IRI (borrowed, as most are) or a term.
pub enum Object<'a> {
    Iri(&'a str),
    Term(Term),
}

/// What receives the facts of one of a record's graphs: the store's quads, or what the
/// citation network reads of them.
pub trait Sink {
    /// Whether facts of this predicate are wanted (the others are not built).
    fn wants(&self, predicate: &str) -> bool;
    fn fact(&mut self, subject: &str, predicate: &str, object: Object<'_>);
}

/// The quads of one graph.
struct Quads {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Quads {
    fn new(graph: &str) -> Quads {
        Quads {
            graph: GraphName::NamedNode(node(graph)),
            quads: Vec::new(),
        }
    }
}

impl Sink for Quads {
    fn wants(&self, _: &str) -> bool {
        true
    }
    fn fact(&mut self, s: &str, p: &str, o: Object<'_>) {
        let o = match o {
            Object::Iri(iri) => Term::NamedNode(node(iri)),
            Object::Term(term) => term,
        };
        self.quads
            .push(Quad::new(node(s), node(p), o, self.graph.clone()));
    }
}

/// Writes the facts of one graph to its sink; a fact the sink does not want costs no
/// allocation of its terms.
struct Writer<'a>(&'a mut dyn Sink);

impl Writer<'_> {
    fn wants(&self, p: &str) -> bool {
        self.0.wants(p)
    }
    fn add(&mut self, s: &str, p: &str, o: impl Into<Term>) {
        if self.0.wants(p) {
            self.0.fact(s, p, Object::Term(o.into()));
        }
    }
    /// [`Writer::add`] of an object built only if the fact is wanted (a copy of the whole
    /// text, of a paragraph's, a span's literal).
    fn add_with<O: Into<Term>>(&mut self, s: &str, p: &str, o: impl FnOnce() -> O) {
        if self.0.wants(p) {
            self.0.fact(s, p, Object::Term(o().into()));
        }
    }
    fn link(&mut self, s: &str, p: &str, o: &str) {
        if self.0.wants(p) {
            self.0.fact(s, p, Object::Iri(o));
        }
    }
}

/// What the store says of a resolution whose text it does not hold: that it is one, not
/// ingested, its symbol and organ.
fn stub_resolution(stub: &mut Writer, work: &str, symbol: &str) {
    stub.link(work, RDF_TYPE, UNKG_RESOLUTION);
    stub.add(work, UNKG_INGESTED, Literal::from(false));
    stub.add(work, UNKG_SYMBOL, Literal::new_simple_literal(symbol));
    if let Some(organ) = Organ::of_symbol(symbol) {
        stub.link(work, UNKG_ORGAN, organ.body_iri());
    }
}

/// The stub facts of a resolution known otherwise than by its text (a roll call on it), in the
/// stubs graph, where the facts of cited resolutions are: stated once, and gone once it is
/// ingested.
pub fn resolution_stub(symbol: &str) -> Vec<Quad> {
    let mut stub = Quads::new(crate::store::STUBS_GRAPH);
    stub_resolution(&mut Writer(&mut stub), &work_iri(symbol), symbol);
    stub.quads
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

/// Maps a record to quads, in its version's graph, its work's graph and the stubs graph.
/// `text` is the document text its spans point into.
pub fn record_quads(record: &Record, text: &Text) -> Vec<Quad> {
    let mut version = Quads::new(&record_graph_iri(record));
    let mut work = Quads::new(&record_work_graph_iri(record));
    let mut stubs = Quads::new(crate::store::STUBS_GRAPH);
    map_record(record, text, &mut version, &mut work, &mut stubs);
    let mut quads = version.quads;
    quads.append(&mut work.quads);
    quads.append(&mut stubs.quads);
    quads
}

/// The mapping of a record, to a sink for each of its graphs: its version's, its work's and
/// the stubs graph.
pub fn map_record(
    record: &Record,
    text: &Text,
    version: &mut dyn Sink,
    work_graph: &mut dyn Sink,
    stubs: &mut dyn Sink,
) {
    let (mut v, mut w, mut stub) = (Writer(version), Writer(work_graph), Writer(stubs));
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
        v.link(&expr, RDFS_SEE_ALSO, &undocs(symbol, Some(lang)));
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
        stub.link(&report, RDF_TYPE, UNKG_REPORT);
        stub.add(&report, UNKG_SYMBOL, Literal::new_simple_literal(c));
    }

    // The language version.
    v.link(&expr, RDF_TYPE, UNKG_LANGUAGE_VERSION);
    v.link(&expr, UNKG_REALIZES, &work);
    w.link(&work, UNKG_IS_REALIZED_BY, &expr);
    v.add(&expr, UNKG_LANGUAGE, Literal::new_simple_literal(lang));
    // The text as printed, not the folded copy matching reads (Arabic ة read as ه, traditional
    // Chinese as simplified): what the paragraphs' text and the quotes of spans are slices of.
    v.add_with(&expr, UNKG_FULL_TEXT, || tagged(text.original(), lang));
    v.add(
        &expr,
        UNKG_TEXT_SHA256,
        Literal::new_simple_literal(&record.text_sha256),
    );
    v.add_with(&expr, UNKG_SOURCE_PATH, || {
        Literal::new_simple_literal(
            record
                .doc
                .chars()
                .map(crate::text::xml_safe)
                .collect::<String>(),
        )
    });
    v.add(
        &expr,
        UNKG_PREAMBULAR_COUNT,
        Literal::from(record.preambular as i64),
    );
    v.add(
        &expr,
        UNKG_OPERATIVE_COUNT,
        Literal::from(record.operative as i64),
    );
    if let Some(t) = &record.title {
        v.add(&expr, UNKG_TITLE, tagged(t, lang));
    }
    for warning in &record.warnings {
        v.add(&expr, UNKG_WARNING, Literal::new_simple_literal(warning));
    }

    // A node's facts come with the link that leads to it: a sink that does not want the link
    // has no use for them (the network's wants none of paragraphs, documents or entity
    // mentions).
    // Paragraphs: nodes of the work, their text in this language.
    let paragraphs = if w.wants(UNKG_HAS_PARAGRAPH) {
        &record.paragraphs[..]
    } else {
        &[]
    };
    for p in paragraphs {
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
        v.add_with(&para, UNKG_TEXT, || {
            tagged(text.slice_chars(p.span.start, p.span.end), lang)
        });
    }

    // Citations: typed links work → work and paragraph → work, and a mention with its spans.
    for (i, c) in record.cites.iter().enumerate() {
        let cited = work_iri(&c.symbol);
        w.link(&work, UNKG_CITES, &cited);
        if c.relation != "cites" {
            w.link(&work, &relation_iri(&c.relation), &cited);
        }
        stub_resolution(&mut stub, &cited, &c.symbol);
        let mention = format!("{expr}/citation/{}", i + 1);
        v.link(&mention, RDF_TYPE, UNKG_CITATION);
        v.link(&mention, UNKG_CITING, &work);
        v.link(&mention, UNKG_CITED, &cited);
        v.link(&mention, UNKG_RELATION, &relation_iri(&c.relation));
        if let Some(d) = &c.date {
            v.add(&mention, UNKG_CITED_DATE, typed(d, "date"));
        }
        if let Some(p) = &c.paragraph {
            let para = format!("{work}/!main#{p}");
            v.link(&mention, UNKG_IN_PARAGRAPH, &para);
            w.link(&para, UNKG_CITES, &cited);
            if c.relation != "cites" {
                w.link(&para, &relation_iri(&c.relation), &cited);
            }
        }
        spans(&mut v, &mention, &expr, &c.spans);
    }
    let documents = if w.wants(UNKG_CITES_DOCUMENT) {
        &record.documents[..]
    } else {
        &[]
    };
    for (i, d) in documents.iter().enumerate() {
        let cited = work_iri(&d.symbol);
        w.link(&work, UNKG_CITES_DOCUMENT, &cited);
        stub.add(&cited, UNKG_SYMBOL, Literal::new_simple_literal(&d.symbol));
        stub.link(&cited, RDFS_SEE_ALSO, &undocs(&d.symbol, None));
        let mention = format!("{expr}/document/{}", i + 1);
        v.link(&mention, RDF_TYPE, UNKG_MENTION);
        v.link(&mention, UNKG_MENTIONED, &cited);
        spans(&mut v, &mention, &expr, &d.spans);
    }
    for (kind, list) in [
        ("instrument", &record.instruments),
        ("body", &record.bodies),
    ] {
        for (i, e) in list.iter().enumerate() {
            // The organ that a symbol or masthead implies but the text never names is the
            // work's unkg:organ, not a mention: every mention has its places.
            if e.spans.is_empty() {
                continue;
            }
            w.link(&work, UNKG_MENTIONS, &e.iri);
            // A Council committee known by the resolution that established it may be in no
            // gazetteer: the stubs graph says what it is, as it does of cited resolutions.
            if is_council_committee(&e.iri) {
                stub.link(&e.iri, RDF_TYPE, UNKG_BODY);
                stub.add(&e.iri, SKOS_PREF_LABEL, tagged(&e.name, "en"));
            }
            if !v.wants(UNKG_MENTIONED) {
                continue;
            }
            let mention = format!("{expr}/{kind}/{}", i + 1);
            v.link(&mention, RDF_TYPE, UNKG_MENTION);
            v.link(&mention, UNKG_MENTIONED, &e.iri);
            spans(&mut v, &mention, &expr, &e.spans);
        }
    }
}

/// Where a mention stands: its language version, and one literal per place, "start,end" in
/// characters of the version's whole text, as RFC 5147's `char=start,end` (a literal this
/// short is stored inline, without a lookup; the words found there are the substring of
/// `unkg:fullText`).
fn spans(v: &mut Writer, mention: &str, expr: &str, spans: &[Span]) {
    v.link(mention, UNKG_IN_VERSION, expr);
    for span in spans {
        v.add_with(mention, UNKG_SPAN, || {
            Literal::new_simple_literal(format!("{},{}", span.start, span.end))
        });
    }
}

/// SPARQL that binds `?start`, `?end` and `?exact` (the words found there) from a place
/// (`?span`, see [`spans`]) and its version's whole text (`?text`); needs the `xsd:` prefix.
pub const PLACE_BINDINGS: &str = r#"BIND(xsd:integer(STRBEFORE(?span, ",")) AS ?start)
  BIND(xsd:integer(STRAFTER(?span, ",")) AS ?end)
  BIND(STR(SUBSTR(?text, ?start + 1, ?end - ?start)) AS ?exact)"#;

/// The undocs.org address of a symbol, in one language or the default.
pub fn undocs(symbol: &str, lang: Option<&str>) -> String {
    let compact: String = symbol.chars().filter(|c| !c.is_whitespace()).collect();
    match lang {
        Some(l) => format!("https://undocs.org/{l}/{compact}"),
        None => format!("https://undocs.org/{compact}"),
    }
}
