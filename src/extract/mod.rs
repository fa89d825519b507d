//! Extraction: normalised text → segments → metadata, paragraphs, citations, documents,
//! entities → the [`Record`]. Language knowledge comes from the [`Lexicon`].

pub mod budget;
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
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;
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
    /// Each language's matchers, built when a text in it first comes (a run over one language
    /// does not wait for the other five).
    tools: HashMap<&'static str, OnceLock<LanguageTools>>,
    /// The text the threads sharing this extractor extract at once.
    budget: budget::Budget,
}

impl Extractor {
    pub fn new(lexicon: Lexicon) -> Self {
        let tools = lang::LANGUAGES
            .iter()
            .filter(|l| lexicon.grammars.contains_key(**l))
            .map(|&l| (l, OnceLock::new()))
            .collect();
        Extractor {
            lexicon,
            tools,
            budget: budget::Budget::new(budget::TEXT_IN_FLIGHT),
        }
    }

    /// The matchers of one language.
    pub fn tools(&self, lang: &str) -> Option<&LanguageTools> {
        let (&lang, tools) = self.tools.get_key_value(lang)?;
        let lexicon = &self.lexicon;
        Some(tools.get_or_init(|| LanguageTools {
            grammar: lexicon.grammars[lang].clone(),
            series: lexicon.series.clone(),
            verbs: VerbMatcher::new(lexicon, lang),
            dates: DateReader::new(lexicon, lang),
            gazetteer: Gazetteer::new(lexicon, lang),
            numbering: numbering::Numbering::new(&lexicon.grammars[lang]),
        }))
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Reads a file of any supported format and extracts its record. A failure inside
    /// extraction (a bug, never an expected outcome) is caught and reported like a bad input,
    /// so one document cannot take a whole run down.
    pub fn extract_file(&self, path: &Path, lang: Option<&str>) -> Result<Extraction, FileError> {
        // Reading is budgeted by the file's size; what a file that is no plain text (a DOCX is
        // compressed) may read to is not known before.
        let opened = crate::input::Opened::open(path)?;
        let reading = self.budget.take(opened.size);
        let bytes = opened.read()?;
        self.extract_bytes_in(path, bytes, lang, Some(reading))
    }

    /// [`Extractor::extract_file`] on bytes already read from `path`.
    pub fn extract_bytes(
        &self,
        path: &Path,
        bytes: Vec<u8>,
        lang: Option<&str>,
    ) -> Result<Extraction, FileError> {
        self.extract_bytes_in(path, bytes, lang, None)
    }

    /// [`Extractor::extract_bytes`] with the budget taken for reading, if any, exchanged for
    /// one of the text's size.
    fn extract_bytes_in(
        &self,
        path: &Path,
        bytes: Vec<u8>,
        lang: Option<&str>,
        reading: Option<budget::Share>,
    ) -> Result<Extraction, FileError> {
        let raw = crate::input::to_text(path, bytes)?;
        let _extracting = match reading {
            Some(share) if share.bytes() >= raw.len() as u64 => share,
            // Given back before waiting for more, so that two threads cannot each hold a part
            // and wait for the other's.
            share => {
                drop(share);
                self.budget.take(raw.len() as u64)
            }
        };
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

    /// The stages, in order: language, layout and masthead, metadata, paragraphs, then the
    /// citations, documents and entities of every part of the text.
    fn extract_text(&self, doc: &str, text: &Text, lang: Option<&str>) -> Record {
        let mut warnings = Vec::new();
        let lang = self.language(text, lang, &mut warnings);
        let tools = self.tools(lang).expect("a detected language has a grammar");
        let mut record = Record {
            doc: doc.to_string(),
            lang: lang.to_string(),
            text_sha256: text.sha256(),
            text_chars: text.char_len(),
            warnings,
            ..Record::default()
        };
        let read = read_layout(text, tools);
        let mut organ = read.meta.organ;
        fill_metadata(&mut record, read.meta);
        let paragraphs = add_paragraphs(&mut record, &read.layout, read.flats);
        if record.symbol.is_none() {
            // A resolution whose text does not print its symbol (a web copy without its
            // masthead) is most often in a file named by it.
            let reads_as_resolution = read.layout.formula.is_some()
                || record.paragraphs.iter().any(|p| p.verb_key.is_some());
            let named = std::path::Path::new(doc)
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(crate::symbol::from_file_name)
                .filter(|_| reads_as_resolution);
            match named {
                Some(symbol) => {
                    record.warnings.push(format!(
                        "the text does not print its symbol; {symbol} is taken from the file's name"
                    ));
                    organ = organ.or_else(|| Organ::of_symbol(&symbol));
                    if record.organ.is_none() {
                        record.organ = organ.map(|o| o.name().to_string());
                    }
                    if record.session.is_none() && organ == Some(Organ::GeneralAssembly) {
                        record.session = regular_session(&symbol);
                    }
                    record.symbol = Some(symbol);
                }
                None => record.warnings.push("no resolution symbol found".into()),
            }
        }
        // A text run together on a line or two holds its closing lines in its last paragraph.
        if record.adopted.is_none()
            && let Some((flat, _)) = paragraphs.last()
            && let Some((date, span)) = masthead::introduced_date(flat, tools)
        {
            record.adopted = Some(date);
            record.metadata_spans.push(FieldSpan {
                field: "adopted".into(),
                span,
            });
        }
        record.resolution_form = record.symbol.is_some()
            || read.layout.formula.is_some()
            || record.paragraphs.iter().any(|p| p.verb_key.is_some());
        if !record.resolution_form {
            record.warnings.push(
                "the text does not read as a resolution (no symbol, no enacting formula, no paragraph opened by a resolution's verb); it is stored as a plain document".into(),
            );
        }
        // The adopting body: the formula's, else the symbol's organ.
        let body = read.formula_body.or(organ.map(Organ::body_iri));
        self.collect(&mut record, text, &read.layout, &paragraphs, body, tools);
        warn_of_later_dates(&mut record);
        record
    }

    /// The language asked for, else the one detected (with its warning when unsure).
    fn language(
        &self,
        text: &Text,
        asked: Option<&str>,
        warnings: &mut Vec<String>,
    ) -> &'static str {
        if let Some(&l) = asked.and_then(|l| lang::LANGUAGES.iter().find(|x| **x == l)) {
            return l;
        }
        let detected = lang::detect(text.as_str(), &self.lexicon);
        warnings.extend(detected.warning);
        detected.lang
    }

    /// Every part of the text, found and resolved: masthead, paragraphs, footnotes, closing
    /// lines, and the page furniture, whose spans are only rejected.
    fn collect(
        &self,
        record: &mut Record,
        text: &Text,
        layout: &Layout,
        paragraphs: &[(Flat, Option<usize>)],
        body: Option<&str>,
        tools: &LanguageTools,
    ) {
        // A part's heading may print the whole resolution's number ("730 (XXVIII)" over "H").
        let whole = record
            .symbol
            .as_deref()
            .and_then(crate::symbol::without_part);
        let own = record.symbol.iter().chain(&record.issued_as).chain(&whole);
        let mut collector = resolve::Collector::new(tools, body, own);
        let masthead = Flat::from_ranges(text, layout.masthead.iter().chain(layout.formula.iter()));
        collector.part(&masthead, &resolve::Context::outside());
        for ((flat, index), p) in paragraphs.iter().zip(&layout.paragraphs) {
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
        collector.finish(record, &self.lexicon);
    }
}

/// The layout and masthead of a text, with each paragraph flattened once and its verb read.
struct LayoutRead<'t> {
    layout: Layout,
    flats: Vec<Flat>,
    meta: masthead::Metadata,
    /// The body the enacting formula names: the series of a bare number in the heading.
    formula_body: Option<&'t str>,
}

fn read_layout<'t>(text: &Text, tools: &'t LanguageTools) -> LayoutRead<'t> {
    // A first pass finds the masthead, whose title tells running page headers apart.
    let first = segment::segment(text, tools, None);
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
    let flats: Vec<Flat> = layout
        .paragraphs
        .iter()
        .map(|p| Flat::from_ranges(text, &p.lines))
        .collect();
    // Each paragraph's verb, read after its number.
    for (p, flat) in layout.paragraphs.iter_mut().zip(&flats) {
        let opening = tools
            .numbering
            .strip(numbering::strip_bullet(flat.as_str()));
        let start = flat.as_str().len() - opening.len();
        p.verb = segment::opening_verb(tools, opening).map(|mut v| {
            // The verb as printed, not as matching reads it ("回顧", not "回顾").
            v.printed = flat.unfolded(text, start + v.at..start + v.len);
            v
        });
    }
    LayoutRead {
        layout,
        flats,
        meta,
        formula_body,
    }
}

/// The masthead's facts into the record, each with its span.
fn fill_metadata(record: &mut Record, meta: masthead::Metadata) {
    let spans = &mut record.metadata_spans;
    put(&mut record.symbol, spans, "symbol", meta.symbol);
    put(&mut record.adopted, spans, "adopted", meta.adopted);
    put(&mut record.session, spans, "session", meta.session);
    put(
        &mut record.agenda_item,
        spans,
        "agenda_item",
        meta.agenda_item,
    );
    put(&mut record.meeting, spans, "meeting", meta.meeting);
    put(
        &mut record.committee_report,
        spans,
        "committee_report",
        meta.committee_report,
    );
    put(&mut record.title, spans, "title", meta.title);
    put(&mut record.issued_as, spans, "issued_as", meta.issued_as);
    record.organ = meta.organ.map(|o| o.name().to_string());
    if record.session.is_none() && meta.organ == Some(Organ::GeneralAssembly) {
        record.session = record.symbol.as_deref().and_then(regular_session);
    }
}

/// One metadata field and its span into the record.
fn put<T>(slot: &mut Option<T>, spans: &mut Vec<FieldSpan>, field: &str, value: Option<(T, Span)>) {
    if let Some((v, span)) = value {
        *slot = Some(v);
        spans.push(FieldSpan {
            field: field.to_string(),
            span,
        });
    }
}

/// The paragraphs into the record, numbered as printed (or counted when they are not);
/// returns each segment's flattened text with its paragraph's index (none for text embedded
/// in a paragraph, such as a quoted passage).
fn add_paragraphs(
    record: &mut Record,
    layout: &Layout,
    flats: Vec<Flat>,
) -> Vec<(Flat, Option<usize>)> {
    let mut segments = Vec::new();
    let (mut preambular, mut operative_unnumbered, mut operative_numbered) = (0, 0, 0);
    for (p, flat) in layout.paragraphs.iter().zip(flats) {
        if p.embedded {
            segments.push((flat, None));
            continue;
        }
        let (kind, number) = match (p.kind, p.number) {
            (Kind::Preambular, _) => {
                preambular += 1;
                (ParagraphKind::Preambular, preambular)
            }
            (Kind::Operative, Some(n)) => {
                operative_numbered = operative_numbered.max(n as usize);
                (ParagraphKind::Operative, n as usize)
            }
            (Kind::Operative, None) => {
                operative_unnumbered += 1;
                (ParagraphKind::Operative, operative_unnumbered)
            }
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
        segments.push((flat, Some(record.paragraphs.len() - 1)));
    }
    record.preambular = preambular;
    record.operative = if operative_numbered > 0 {
        operative_numbered
    } else {
        operative_unnumbered
    };
    // Unnumbered paragraphs before numbered ones ("Resolves:" then "1. That …", or four
    // unnumbered decisions, then the numbered plan the last one adopts) would share numbers:
    // then the operative paragraphs are counted in order, so that each keeps its own.
    let mut seen = std::collections::HashSet::new();
    let is_operative = |p: &&mut Paragraph| p.kind == ParagraphKind::Operative;
    let collide = !record
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Operative)
        .all(|p| seen.insert(p.number));
    if collide {
        let mut count = 0;
        for p in record.paragraphs.iter_mut().filter(is_operative) {
            count += 1;
            p.number = count;
        }
        record.operative = count;
    }
    segments
}

/// A citation dated after the adoption is most often a misread date: say so.
fn warn_of_later_dates(record: &mut Record) {
    let adopted = record.adopted.clone();
    for cite in &record.cites {
        if cite
            .date
            .as_deref()
            .is_some_and(|d| adopted.as_deref().is_some_and(|a| d > a))
        {
            record.warnings.push(format!(
                "{} is cited with a date after this resolution's adoption",
                cite.symbol
            ));
        }
    }
}

fn read_metadata(
    text: &Text,
    layout: &Layout,
    formula_body: Option<&str>,
    tools: &LanguageTools,
) -> masthead::Metadata {
    let own = &layout.masthead[previous_resolution_end(text, &layout.masthead, tools)..];
    let masthead_lines: Vec<Flat> = own.iter().map(|r| Flat::from_ranges(text, [r])).collect();
    let masthead = Flat::from_ranges(text, own);
    let closing = Flat::from_ranges(text, &layout.closing);
    let mut meta = masthead::read(
        text,
        &masthead_lines,
        &masthead,
        &closing,
        formula_body,
        tools,
    );
    if layout.formula.is_some() && meta.title.is_none() {
        meta.title = masthead::title_above_formula(text, &masthead_lines, meta.organ, tools);
    }
    meta
}

/// Where the masthead's own lines start: after the closing line ("272a. sesión plenaria,")
/// of a resolution that a page opens with the end of, numbered paragraphs before it.
fn previous_resolution_end(text: &Text, masthead: &[Range<usize>], tools: &LanguageTools) -> usize {
    let line = |r: &Range<usize>| text.as_str()[r.clone()].trim();
    let closing = |r: &Range<usize>| tools.grammar.closing.iter().any(|c| c.is_match(line(r)));
    let Some(first_numbered) = masthead
        .iter()
        .position(|r| tools.numbering.is_match(line(r)))
    else {
        return 0;
    };
    masthead[first_numbered..]
        .iter()
        .rposition(closing)
        .map_or(0, |i| first_numbered + i + 1)
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
