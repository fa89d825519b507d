//! Extraction: normalised text → segments → metadata, paragraphs, citations, documents,
//! entities → the [`Record`]. Language knowledge comes from the [`Lexicon`].

pub mod candidates;
pub mod citations;
pub mod dates;
pub mod gazetteer;
pub mod masthead;
pub mod numbering;
pub mod resolve;
pub mod segment;
pub mod verbs;

use crate::lang::grammar::Grammar;
use crate::lang::{self, Lexicon};
use crate::record::*;
use crate::symbol::Organ;
use crate::text::{Flat, Text};
use dates::DateReader;
use gazetteer::Gazetteer;
use segment::{Kind, Layout};
use std::collections::HashMap;
use std::path::Path;
use verbs::VerbMatcher;

/// A document's record and the normalised text that its spans point into.
pub struct Extraction {
    pub record: Record,
    pub text: Text,
}

/// Why a file gave no record.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error(transparent)]
    Input(#[from] crate::input::InputError),
    #[error(
        "extraction failed on this file (an internal error; please report it with the file): {0}"
    )]
    Internal(String),
}

/// The per-language matchers, built once from the lexicon.
pub struct LanguageTools {
    pub grammar: Grammar,
    /// How each body numbers its resolutions (the same for every language).
    pub series: crate::lang::series::SeriesTable,
    pub verbs: VerbMatcher,
    pub dates: DateReader,
    pub gazetteer: Gazetteer,
    pub numbering: numbering::Numbering,
}

/// Extracts records from resolution texts. Build it once; it is `Sync`, so threads share it.
pub struct Extractor {
    lexicon: Lexicon,
    tools: HashMap<&'static str, LanguageTools>,
}

impl Extractor {
    pub fn new(lexicon: Lexicon) -> Self {
        let tools = lang::LANGUAGES
            .iter()
            .filter(|l| lexicon.grammars.contains_key(**l))
            .map(|&l| {
                (
                    l,
                    LanguageTools {
                        grammar: lexicon.grammars[l].clone(),
                        series: lexicon.series.clone(),
                        verbs: VerbMatcher::new(&lexicon, l),
                        dates: DateReader::new(&lexicon, l),
                        gazetteer: Gazetteer::new(&lexicon, l),
                        numbering: numbering::Numbering::new(&lexicon.grammars[l]),
                    },
                )
            })
            .collect();
        Extractor { lexicon, tools }
    }

    /// The matchers of one language.
    pub fn tools(&self, lang: &str) -> Option<&LanguageTools> {
        self.tools.get(lang)
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Reads a file of any supported format and extracts its record. A failure inside
    /// extraction (a bug, never an expected outcome) is caught and reported like a bad input,
    /// so one document cannot take a whole run down.
    pub fn extract_file(&self, path: &Path, lang: Option<&str>) -> Result<Extraction, FileError> {
        self.extract_bytes(path, crate::input::read_bytes(path)?, lang)
    }

    /// [`Extractor::extract_file`] on bytes already read from `path`.
    pub fn extract_bytes(
        &self,
        path: &Path,
        bytes: Vec<u8>,
        lang: Option<&str>,
    ) -> Result<Extraction, FileError> {
        let raw = crate::input::to_text(path, bytes)?;
        let doc = path.display().to_string();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.extract(&doc, &raw, lang)
        }))
        .map_err(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            FileError::Internal(what)
        })
    }

    /// Extracts the record of one document, with the normalised text its spans point into.
    /// `lang` overrides language detection.
    pub fn extract(&self, doc: &str, raw: &str, lang: Option<&str>) -> Extraction {
        let text = Text::folded(raw, &self.lexicon.folding);
        let record = self.extract_text(doc, &text, lang);
        Extraction { record, text }
    }

    fn extract_text(&self, doc: &str, text: &Text, lang: Option<&str>) -> Record {
        let mut warnings = Vec::new();
        let lang: &'static str = match lang.and_then(|l| lang::LANGUAGES.iter().find(|x| **x == l))
        {
            Some(l) => l,
            None => {
                let detected = lang::detect(text.as_str(), &self.lexicon);
                warnings.extend(detected.warning);
                detected.lang
            }
        };
        let tools = &self.tools[lang];
        let mut record = Record {
            doc: doc.to_string(),
            lang: lang.to_string(),
            text_sha256: text.sha256(),
            text_chars: text.char_len(),
            warnings,
            ..Record::default()
        };

        // A first pass finds the masthead, whose title tells running page headers apart.
        let first = segment::segment(text, tools, None);
        // The body the enacting formula names: the series of a bare number in the heading.
        let formula_body = first
            .formula
            .as_ref()
            .and_then(|r| tools.grammar.formula_organ(&text.as_str()[r.clone()]));
        let meta = read_metadata(text, &first, formula_body, tools);
        let title_flat = meta
            .title
            .as_ref()
            .map(|(t, _)| t.split_whitespace().collect::<Vec<_>>().join(" "));
        // Only a text with page headers can repeat its title as one.
        let mut layout = match title_flat {
            Some(title) if first.page_headers => segment::segment(text, tools, Some(&title)),
            _ => first,
        };
        // Each paragraph flattened once; its verb read after its number.
        let flats: Vec<Flat> = layout
            .paragraphs
            .iter()
            .map(|p| Flat::from_ranges(text, &p.lines))
            .collect();
        for (p, flat) in layout.paragraphs.iter_mut().zip(&flats) {
            let opening = tools
                .numbering
                .strip(numbering::strip_bullet(flat.as_str()));
            let start = flat.as_str().len() - opening.len();
            p.verb = tools.verbs.at_start(opening).map(|mut v| {
                // The verb as printed, not as matching reads it ("回顧", not "回顾").
                v.printed = flat.unfolded(text, start + v.at..start + v.len);
                v
            });
        }

        let organ = meta.organ;
        let mut spans = Vec::new();
        let mut field = |name: &str, span: Span| {
            spans.push(FieldSpan {
                field: name.to_string(),
                span,
            })
        };
        if let Some((s, span)) = &meta.symbol {
            record.symbol = Some(s.clone());
            field("symbol", *span);
        }
        record.organ = organ.map(|o| o.name().to_string());
        if let Some((d, span)) = meta.adopted {
            record.adopted = Some(d);
            field("adopted", span);
        }
        if let Some((n, span)) = meta.session {
            record.session = Some(n);
            field("session", span);
        } else if organ == Some(Organ::GeneralAssembly)
            && let Some(n) = record.symbol.as_deref().and_then(regular_session)
        {
            record.session = Some(n);
        }
        if let Some((a, span)) = meta.agenda_item {
            record.agenda_item = Some(a);
            field("agenda_item", span);
        }
        if let Some((m, span)) = meta.meeting {
            record.meeting = Some(m);
            field("meeting", span);
        }
        if let Some((c, span)) = meta.committee_report {
            record.committee_report = Some(c);
            field("committee_report", span);
        }
        if let Some((t, span)) = meta.title {
            record.title = Some(t);
            field("title", span);
        }
        if let Some((s, span)) = meta.issued_as {
            record.issued_as = Some(s);
            field("issued_as", span);
        }
        record.metadata_spans = spans;
        if record.symbol.is_none() {
            record.warnings.push("no resolution symbol found".into());
        }

        // Paragraphs, and the citations, documents and entities of every part of the text.
        let mut segments: Vec<(Flat, Option<usize>)> = Vec::new();
        let (mut preambular, mut operative_unnumbered, mut operative_numbered) = (0, 0, 0);
        for (p, flat) in layout.paragraphs.iter().zip(flats) {
            let index = if p.embedded {
                None
            } else {
                let number = match (p.kind, p.number) {
                    (Kind::Preambular, _) => {
                        preambular += 1;
                        preambular
                    }
                    (Kind::Operative, Some(n)) => {
                        operative_numbered = operative_numbered.max(n as usize);
                        n as usize
                    }
                    (Kind::Operative, None) => {
                        operative_unnumbered += 1;
                        operative_unnumbered
                    }
                };
                let kind = if p.kind == Kind::Preambular {
                    ParagraphKind::Preambular
                } else {
                    ParagraphKind::Operative
                };
                if p.verb.is_none() {
                    record.warnings.push(format!(
                        "unknown verb at the start of paragraph: {:?}",
                        first_words(flat.as_str())
                    ));
                }
                record.paragraphs.push(Paragraph {
                    kind,
                    number,
                    verb: p.verb.as_ref().map(|v| v.printed.clone()),
                    verb_key: p.verb.as_ref().map(|v| v.key.clone()),
                    span: flat.span(0..flat.as_str().len()),
                });
                Some(record.paragraphs.len() - 1)
            };
            segments.push((flat, index));
        }
        record.preambular = preambular;
        record.operative = if operative_numbered > 0 {
            operative_numbered
        } else {
            operative_unnumbered
        };
        record.resolution_form = record.symbol.is_some()
            || layout.formula.is_some()
            || record.paragraphs.iter().any(|p| p.verb_key.is_some());
        if !record.resolution_form {
            record.warnings.push(
                "the text does not read as a resolution (no symbol, no enacting formula, no paragraph opened by a resolution's verb); it is stored as a plain document".into(),
            );
        }

        // Every part of the text, found and resolved: masthead, paragraphs, footnotes, closing
        // lines, and the page furniture, whose spans are only rejected.
        // The adopting body: the formula's, else the symbol's organ.
        let body = formula_body.or(organ.map(Organ::body_iri));
        let own = record.symbol.iter().chain(&record.issued_as);
        let mut collector = resolve::Collector::new(tools, body, own);
        let masthead = Flat::from_ranges(text, layout.masthead.iter().chain(layout.formula.iter()));
        collector.part(&masthead, &resolve::Context::outside());
        for ((flat, index), p) in segments.iter().zip(&layout.paragraphs) {
            let context = resolve::Context {
                verb: p.verb.as_ref(),
                paragraph: index.map(|i| paragraph_id(&record.paragraphs[i])),
                in_paragraph: true,
            };
            collector.part(flat, &context);
        }
        for note in &layout.footnotes {
            let flat = Flat::from_ranges(text, &note.lines);
            record.footnotes.push(Footnote {
                number: note.marker.clone(),
                text: flat
                    .as_str()
                    .trim_start_matches(note.marker.as_str())
                    .trim_start_matches('/')
                    .trim()
                    .to_string(),
                span: flat.span(0..flat.as_str().len()),
                marker: None,
            });
            collector.part(&flat, &resolve::Context::outside());
        }
        collector.part(
            &Flat::from_ranges(text, &layout.closing),
            &resolve::Context::outside(),
        );
        for line in &layout.furniture {
            collector.furniture(&Flat::from_ranges(text, [line]));
        }
        collector.finish(&mut record, &self.lexicon);
        for cite in &record.cites {
            if cite
                .date
                .as_deref()
                .is_some_and(|d| record.adopted.as_deref().is_some_and(|a| d > a))
            {
                record.warnings.push(format!(
                    "{} is cited with a date after this resolution's adoption",
                    cite.symbol
                ));
            }
        }
        record
    }
}

fn read_metadata(
    text: &Text,
    layout: &Layout,
    formula_body: Option<&str>,
    tools: &LanguageTools,
) -> masthead::Metadata {
    let masthead_lines: Vec<Flat> = layout
        .masthead
        .iter()
        .map(|r| Flat::from_ranges(text, [r]))
        .collect();
    let masthead = Flat::from_ranges(text, &layout.masthead);
    let closing = Flat::from_ranges(text, &layout.closing);
    masthead::read(
        text,
        &masthead_lines,
        &masthead,
        &closing,
        formula_body,
        tools,
    )
}

/// The session of a regular-session General Assembly symbol ("A/RES/79/47" → 79,
/// "A/RES/1514 (XV)" → 15); none for special and emergency special sessions.
fn regular_session(symbol: &str) -> Option<u32> {
    let rest = symbol.strip_prefix("A/RES/")?;
    if let Some((session, _)) = rest.split_once('/') {
        return session.parse().ok();
    }
    let roman = rest.split_once('(')?.1.strip_suffix(')')?;
    crate::symbol::roman_value(roman)
}

/// The paragraph identifier of SPEC section 4: `pp_3`, `para_5`.
pub fn paragraph_id(p: &Paragraph) -> String {
    match p.kind {
        ParagraphKind::Preambular => format!("pp_{}", p.number),
        ParagraphKind::Operative => format!("para_{}", p.number),
    }
}

fn first_words(s: &str) -> String {
    s.split_whitespace().take(4).collect::<Vec<_>>().join(" ")
}
