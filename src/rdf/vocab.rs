//! Every IRI unkg writes or reads, in one place.

pub const UNKG: &str = "https://w3id.org/unkg/ontology#";
pub const DATA: &str = "https://w3id.org/unkg/";
pub const DOC: &str = "https://w3id.org/unkg/doc/";
pub const GRAPH: &str = "https://w3id.org/unkg/graph/";
pub const BODY: &str = "https://w3id.org/unkg/body/";
pub const VERB: &str = "https://w3id.org/unkg/verb/";

pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
pub const RDFS_SEE_ALSO: &str = "http://www.w3.org/2000/01/rdf-schema#seeAlso";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const SKOS_PREF_LABEL: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";
pub const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
pub const DCT: &str = "http://purl.org/dc/terms/";
pub const DCT_SOURCE: &str = "http://purl.org/dc/terms/source";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const PROV_WAS_DERIVED_FROM: &str = "http://www.w3.org/ns/prov#wasDerivedFrom";
pub const OA: &str = "http://www.w3.org/ns/oa#";
pub const OA_MOTIVATED_BY: &str = "http://www.w3.org/ns/oa#motivatedBy";
pub const OA_IDENTIFYING: &str = "http://www.w3.org/ns/oa#identifying";
pub const CITO: &str = "http://purl.org/spar/cito/";
pub const ELI: &str = "http://data.europa.eu/eli/ontology#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const SCHEMA: &str = "https://schema.org/";
pub const DCT_DATE: &str = "http://purl.org/dc/terms/date";
pub const DCT_TITLE: &str = "http://purl.org/dc/terms/title";
pub const DCT_DESCRIPTION: &str = "http://purl.org/dc/terms/description";
pub const DCT_IDENTIFIER: &str = "http://purl.org/dc/terms/identifier";
pub const DCT_SUBJECT: &str = "http://purl.org/dc/terms/subject";
pub const RDF_VALUE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value";
/// The W3C Open Government vocabulary, as Popolo's vote events use it.
pub const OPENGOV: &str = "http://www.w3.org/ns/opengov#";
pub const OPENGOV_VOTE_EVENT_CLASS: &str = "http://www.w3.org/ns/opengov#VoteEvent";
pub const OPENGOV_COUNT_CLASS: &str = "http://www.w3.org/ns/opengov#Count";
pub const OPENGOV_VOTE_EVENT: &str = "http://www.w3.org/ns/opengov#voteEvent";
pub const OPENGOV_COUNT: &str = "http://www.w3.org/ns/opengov#count";
pub const OPENGOV_OPTION: &str = "http://www.w3.org/ns/opengov#option";
pub const OPENGOV_VOTER: &str = "http://www.w3.org/ns/opengov#voter";
/// Roll calls (`vote/unvotes/{rcid}`) and the States that vote in them (`country/{code}`).
pub const VOTE: &str = "https://w3id.org/unkg/vote/";
pub const COUNTRY: &str = "https://w3id.org/unkg/country/";

macro_rules! unkg_terms {
    ($($name:ident = $local:literal;)*) => {
        $(#[doc = concat!("`unkg:", $local, "`")] pub const $name: &str = concat!("https://w3id.org/unkg/ontology#", $local);)*
    };
}

unkg_terms! {
    UNKG_DOCUMENT = "Document";
    UNKG_RESOLUTION = "Resolution";
    UNKG_DRAFT_RESOLUTION = "DraftResolution";
    UNKG_REPORT = "Report";
    UNKG_LANGUAGE_VERSION = "LanguageVersion";
    UNKG_PARAGRAPH = "Paragraph";
    UNKG_PREAMBULAR_PARAGRAPH = "PreambularParagraph";
    UNKG_OPERATIVE_PARAGRAPH = "OperativeParagraph";
    UNKG_CITATION = "Citation";
    UNKG_BODY = "Body";
    UNKG_INSTRUMENT = "Instrument";
    UNKG_VERB = "Verb";
    UNKG_VERB_MODIFIERS = "VerbModifiers";
    UNKG_MONTH = "Month";
    UNKG_GRAMMAR = "Grammar";
    UNKG_SYMBOL_SERIES = "SymbolSeries";
    UNKG_ISSUED_BY = "issuedBy";
    UNKG_DEFAULT_FOR = "defaultFor";
    UNKG_SESSION_NUMBER_FROM = "sessionNumberFrom";
    UNKG_NUMBERS_OF_YEAR = "numbersOfYear";
    UNKG_QUALIFIER = "qualifier";
    UNKG_CHARACTER_VARIANTS = "characterVariants";
    UNKG_SYMBOL = "symbol";
    UNKG_LANGUAGE = "language";
    UNKG_TITLE = "title";
    UNKG_TEXT_SHA256 = "textSha256";
    UNKG_REALIZES = "realizes";
    UNKG_IS_REALIZED_BY = "isRealizedBy";
    UNKG_ORGAN = "organ";
    UNKG_ADOPTED_ON = "adoptedOn";
    UNKG_SESSION = "session";
    UNKG_AGENDA_ITEM = "agendaItem";
    UNKG_MEETING = "meeting";
    UNKG_ADOPTED_ON_REPORT_OF = "adoptedOnReportOf";
    UNKG_HAS_PARAGRAPH = "hasParagraph";
    UNKG_ORDINAL = "ordinal";
    UNKG_LEADING_VERB = "leadingVerb";
    UNKG_TEXT = "text";
    UNKG_CITES = "cites";
    UNKG_CITES_DOCUMENT = "citesDocument";
    UNKG_MENTIONS = "mentions";
    UNKG_INGESTED = "ingested";
    UNKG_SOURCE_PATH = "sourcePath";
    UNKG_CONTENT_KEY = "contentKey";
    UNKG_IN_GRAPH = "inGraph";
    UNKG_IN_WORK_GRAPH = "inWorkGraph";
    UNKG_WORK_FACTS = "workFacts";
    UNKG_NETWORK_FACTS = "networkFacts";
    UNKG_SOURCE_RECORD = "sourceRecord";
    UNKG_STUB_TO_CHECK = "stubToCheck";
    UNKG_MENTION = "Mention";
    UNKG_MENTIONED = "mentioned";
    UNKG_IN_VERSION = "inVersion";
    UNKG_SPAN = "span";
    UNKG_FULL_TEXT = "fullText";
    UNKG_CITED_DATE = "citedDate";
    UNKG_CITING = "citing";
    UNKG_CITED = "cited";
    UNKG_IN_PARAGRAPH = "inParagraph";
    UNKG_WARNING = "warning";
    UNKG_FOOTNOTE = "footnote";
    UNKG_PREAMBULAR_COUNT = "preambularCount";
    UNKG_OPERATIVE_COUNT = "operativeCount";
    UNKG_RELATION = "relation";
    UNKG_PREAMBULAR_FORM = "preambularForm";
    UNKG_OPERATIVE_FORM = "operativeForm";
    UNKG_LEADING_MODIFIER = "leadingModifier";
    UNKG_PREAMBULAR_MODIFIER = "preambularModifier";
    UNKG_OBJECT_MARKER = "objectMarker";
    UNKG_TRAILING_MODIFIER = "trailingModifier";
    UNKG_MONTH_NUMBER = "monthNumber";
    UNKG_NAME = "name";
    UNKG_ACRONYM = "acronym";
    UNKG_SCOPED_LABEL = "scopedLabel";
    UNKG_LABEL = "label";
    UNKG_IN_DOCUMENTS_OF = "inDocumentsOf";
    UNKG_COUNTRY = "Country";
    UNKG_VOTE_ON = "voteOn";
    UNKG_VOTE_SCOPE = "voteScope";
    UNKG_VOTED_PART = "votedPart";
    UNKG_IMPORTANT_VOTE = "importantVote";
    UNKG_COUNTRY_CODE = "countryCode";
    UNKG_LOADED_FROM = "loadedFrom";
    UNKG_VOTED_YES = "votedYes";
    UNKG_VOTED_NO = "votedNo";
    UNKG_ABSTAINED = "abstained";
    UNKG_COMPARED_WITH = "comparedWith";
    UNKG_CONTINUES = "continues";
    UNKG_CHANGE_SINCE = "changeSince";
}

/// The typed citation relations (local names of `unkg:` properties), in the order in which the
/// citation network picks one for an edge stated with several.
pub const CITATION_RELATIONS: [&str; 5] = [
    "guidedBy",
    "reaffirms",
    "recalls",
    "takesNoteOf",
    "welcomes",
];

/// The work a paragraph IRI belongs to, and the paragraph's id (`{work}/!main#para_1`).
pub fn paragraph_of(iri: &str) -> Option<(&str, &str)> {
    iri.split_once("/!main#")
}

/// The `unkg:` properties of a work whose every fact the citation network reads (it reads
/// the citation relations too, but only the work's, not its paragraphs').
pub const NETWORK_PROPERTIES: [&str; 7] = [
    "symbol",
    "ingested",
    "adoptedOn",
    "agendaItem",
    "session",
    "mentions",
    "cites",
];

/// Whether the citation network reads a fact of a work's graph: what its nodes and edges are
/// made of (a paragraph's citations, for the paragraph of an edge, but not their relations:
/// an edge's relation is the work's). Each source keeps these facts, with its version's
/// title, as `unkg:networkFacts`, so that the network is read from one literal per file.
pub fn is_network_fact(
    subject: &oxigraph::model::NamedOrBlankNode,
    predicate: &oxigraph::model::NamedNode,
    object: &oxigraph::model::Term,
) -> bool {
    use oxigraph::model::{NamedOrBlankNode, Term};
    let subject = match subject {
        NamedOrBlankNode::NamedNode(n) => n.as_str(),
        NamedOrBlankNode::BlankNode(_) => "",
    };
    let object = match object {
        Term::NamedNode(n) => n.as_str(),
        _ => "",
    };
    is_network_fact_of(subject, predicate.as_str(), object)
}

/// [`is_network_fact`] of a fact's subject, predicate and object IRIs (`""` for another
/// object).
pub fn is_network_fact_of(subject: &str, predicate: &str, object: &str) -> bool {
    match predicate.strip_prefix(UNKG) {
        Some(local) if NETWORK_PROPERTIES.contains(&local) => true,
        Some(local) => CITATION_RELATIONS.contains(&local) && paragraph_of(subject).is_none(),
        None => predicate == RDF_TYPE && object == UNKG_RESOLUTION,
    }
}

/// ISO 639-2 (bibliographic-free, "T") code used in expression IRIs, from ISO 639-1.
pub fn lang3(lang: &str) -> &'static str {
    match lang {
        "ar" => "ara",
        "zh" => "zho",
        "en" => "eng",
        "fr" => "fra",
        "ru" => "rus",
        "es" => "spa",
        _ => "und",
    }
}

/// The IRI of the Security Council committee that resolution `number` ("1718 (2006)")
/// established, as the gazetteer names such committees: `body/un-sc-1718-committee`.
pub fn council_committee_iri(number: &str) -> String {
    let digits = number.split(' ').next().unwrap_or(number);
    format!("{BODY}un-sc-{digits}-committee")
}

/// Whether a body IRI is one of [`council_committee_iri`].
pub fn is_council_committee(iri: &str) -> bool {
    iri.strip_prefix(BODY)
        .and_then(|b| b.strip_prefix("un-sc-"))
        .and_then(|b| b.strip_suffix("-committee"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The work IRI of a document symbol: white space removed.
pub fn work_iri(symbol: &str) -> String {
    let compact: String = symbol.chars().filter(|c| !c.is_whitespace()).collect();
    format!("{DOC}{}", iri_escape(&compact))
}

/// The named graph of one document in one language.
pub fn graph_iri(symbol: &str, lang: &str) -> String {
    format!("{}/{}@", work_graph_iri(symbol), lang3(lang))
}

/// The named graph of what the language versions of a document say of the work.
pub fn work_graph_iri(symbol: &str) -> String {
    let compact: String = symbol.chars().filter(|c| !c.is_whitespace()).collect();
    format!("{GRAPH}{}", iri_escape(&compact))
}

/// Percent-encodes the few characters a symbol may hold that an IRI path may not.
fn iri_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`' | '#' | '?' | '%' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_follow_the_spec() {
        assert_eq!(
            work_iri("A/RES/79/47"),
            "https://w3id.org/unkg/doc/A/RES/79/47"
        );
        assert_eq!(
            work_iri("S/RES/687 (1991)"),
            "https://w3id.org/unkg/doc/S/RES/687(1991)"
        );
        assert_eq!(
            graph_iri("A/RES/79/47", "zh"),
            "https://w3id.org/unkg/graph/A/RES/79/47/zho@"
        );
    }
}
