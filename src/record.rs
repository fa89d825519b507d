//! The extraction record: the one hand-off between extraction and everything downstream
//! (RDF mapping, evaluation, JSON output). Its fields follow SPEC section 3; the gold files in
//! `../shared/gold` use the same names.

use serde::{Deserialize, Serialize};

/// A half-open range of character offsets (Unicode scalar values) into the NFC-normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// Everything extracted from one document in one language.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Record {
    /// Source path as given.
    pub doc: String,
    /// ISO 639-1 code.
    pub lang: String,
    /// SHA-256 (hex) of the NFC-normalised text that all spans point into.
    pub text_sha256: String,
    /// Length of that text in characters.
    pub text_chars: usize,
    pub symbol: Option<String>,
    /// Whether the text reads as a resolution: a symbol, an enacting formula, or paragraphs
    /// opened by the verbs of resolutions. Other texts are stored as plain documents.
    #[serde(default)]
    pub resolution_form: bool,
    pub organ: Option<String>,
    /// ISO 8601 date.
    pub adopted: Option<String>,
    pub session: Option<u32>,
    pub agenda_item: Option<String>,
    pub meeting: Option<String>,
    pub committee_report: Option<String>,
    pub title: Option<String>,
    /// The document symbol the resolution was issued under, where the text prints one apart
    /// from its resolution symbol ("[S/902]" under a heading of the 1948 volume).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_as: Option<String>,
    /// Where the metadata fields came from, field name → span.
    pub metadata_spans: Vec<FieldSpan>,
    pub preambular: usize,
    pub operative: usize,
    pub paragraphs: Vec<Paragraph>,
    pub cites: Vec<CitedResolution>,
    pub documents: Vec<CitedDocument>,
    pub instruments: Vec<EntityMention>,
    pub bodies: Vec<EntityMention>,
    pub footnotes: Vec<Footnote>,
    pub warnings: Vec<String>,
    /// Spans shaped like resolution numbers that are not citations, each with the reason
    /// (part of a document symbol, the resolution's own symbol, a decision's number …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Rejected>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FieldSpan {
    pub field: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    Preambular,
    Operative,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    /// 1-based position within its kind.
    pub number: usize,
    /// The opening verb phrase as printed ("Recalling further", "回顾").
    pub verb: Option<String>,
    /// The language-neutral verb concept key ("recall").
    pub verb_key: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CitedResolution {
    /// Canonical symbol (`A/RES/67/39`, `S/RES/660 (1990)`).
    pub symbol: String,
    /// Adoption date as the text states it (ISO), if it does.
    pub date: Option<String>,
    /// Opening phrase of the paragraph of the first mention; null in a footnote.
    pub verb: Option<String>,
    pub verb_key: Option<String>,
    /// `recalls`, `reaffirms`, `takesNoteOf`, `welcomes`, `guidedBy` or `cites`.
    pub relation: String,
    /// The paragraph of the first mention, e.g. `pp_1` or `para_3`; null in a footnote.
    pub paragraph: Option<String>,
    /// Every mention.
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CitedDocument {
    pub symbol: String,
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EntityMention {
    pub iri: String,
    /// Official English name.
    pub name: String,
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Rejected {
    /// The span as printed.
    pub text: String,
    pub span: Span,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Footnote {
    pub number: String,
    pub text: String,
    pub span: Span,
    /// Span of the marker in the body text that calls this footnote, when found.
    pub marker: Option<Span>,
}
