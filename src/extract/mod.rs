//! Extraction: normalised text → segments → metadata, paragraphs, citations, documents,
//! entities → the [`Record`]. Language knowledge comes from the [`Lexicon`].

pub mod citations;
pub mod dates;
pub mod gazetteer;
pub mod masthead;
pub mod segment;
pub mod symbols;
pub mod verbs;

use crate::lang::grammar::Grammar;
use crate::lang::{self, Lexicon};
use crate::record::*;
use crate::text::{Flat, Text};
use dates::DateReader;
use gazetteer::Gazetteer;
use segment::{Kind, Layout};
use std::collections::HashMap;
use symbols::{Organ, compare_key};
use verbs::VerbMatcher;

/// The per-language matchers, built once from the lexicon.
pub struct LanguageTools {
    pub grammar: Grammar,
    pub verbs: VerbMatcher,
    pub dates: DateReader,
    pub gazetteer: Gazetteer,
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
                        verbs: VerbMatcher::new(&lexicon, l),
                        dates: DateReader::new(&lexicon, l),
                        gazetteer: Gazetteer::new(&lexicon, l),
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

    /// Extracts the record of one document. `lang` overrides language detection.
    pub fn extract(&self, doc: &str, raw: &str, lang: Option<&str>) -> Record {
        let text = Text::new(raw);
        let mut warnings = Vec::new();
        let lang: &'static str = match lang.and_then(|l| lang::LANGUAGES.iter().find(|x| **x == l))
        {
            Some(l) => l,
            None => {
                let detected = lang::detect(text.as_str());
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
        let first = segment::segment(&text, tools, None);
        let formula_organ = first.formula.as_ref().and_then(|r| {
            let c = tools.grammar.formula.captures(&text.as_str()[r.clone()])?;
            Organ::of_body_iri(tools.grammar.organ_of(c.name("organ")?.as_str())?)
        });
        let meta = read_metadata(&text, &first, formula_organ, tools);
        let title_flat = meta
            .title
            .as_ref()
            .map(|(t, _)| t.split_whitespace().collect::<Vec<_>>().join(" "));
        // Only a text with page headers can repeat its title as one.
        let mut layout = match title_flat {
            Some(title) if first.page_headers => segment::segment(&text, tools, Some(&title)),
            _ => first,
        };
        // Each paragraph flattened once; its verb read after its number.
        let flats: Vec<Flat> = layout
            .paragraphs
            .iter()
            .map(|p| Flat::from_ranges(&text, &p.lines))
            .collect();
        for (p, flat) in layout.paragraphs.iter_mut().zip(&flats) {
            p.verb = tools.verbs.at_start(segment::strip_number(flat.as_str()));
        }

        let organ = meta.organ;
        let own_key = meta.symbol.as_ref().map(|(s, _)| compare_key(s));
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

        let mut context_segments: Vec<(Flat, Option<&segment::Para>, Option<usize>)> = Vec::new();
        for ((flat, index), p) in segments.into_iter().zip(&layout.paragraphs) {
            context_segments.push((flat, Some(p), index));
        }
        for note in &layout.footnotes {
            let flat = Flat::from_ranges(&text, &note.lines);
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
            context_segments.push((flat, None, None));
        }
        let masthead =
            Flat::from_ranges(&text, layout.masthead.iter().chain(layout.formula.iter()));
        let closing = Flat::from_ranges(&text, &layout.closing);

        let mut cites: Vec<CitedResolution> = Vec::new();
        let mut documents: Vec<CitedDocument> = Vec::new();
        let mut found_entities: Vec<(usize, Span)> = Vec::new();
        let own_organ_iri = organ.map(Organ::body_iri);
        let all = std::iter::once((&masthead, None, None))
            .chain(context_segments.iter().map(|(f, p, i)| (f, *p, *i)))
            .chain(std::iter::once((&closing, None, None)));
        for (flat, para, index) in all {
            let s = flat.as_str();
            let mentions = citations::find(s, tools, organ);
            for m in &mentions {
                if Some(compare_key(&m.symbol)) == own_key {
                    continue;
                }
                let span = flat.span(m.range.clone());
                match cites
                    .iter_mut()
                    .find(|c| compare_key(&c.symbol) == compare_key(&m.symbol))
                {
                    Some(c) => {
                        c.spans.push(span);
                        if c.date.is_none() {
                            c.date = m.date.clone();
                        }
                    }
                    None => {
                        let verb = para.and_then(|p| p.verb.as_ref());
                        // The relation is the one of the clause the mention stands in.
                        let clause =
                            para.and_then(|_| tools.verbs.clause_verb(&s[..m.range.start]));
                        let relation = match (clause, verb) {
                            (Some(c), _) => c.relation.clone(),
                            (None, Some(v)) => v.relation.clone(),
                            (None, None) => "cites".to_string(),
                        };
                        cites.push(CitedResolution {
                            symbol: m.symbol.clone(),
                            date: m.date.clone(),
                            verb: verb.map(|v| v.printed.clone()),
                            verb_key: verb.map(|v| v.key.clone()),
                            relation,
                            paragraph: index.map(|i| paragraph_id(&record.paragraphs[i])),
                            spans: vec![span],
                        });
                    }
                }
            }
            for found in symbols::document_symbols(s) {
                let key = compare_key(&found.symbol);
                if Some(&key) == own_key.as_ref()
                    || mentions.iter().any(|m| {
                        m.range.start <= found.range.start && found.range.end <= m.range.end
                    })
                {
                    continue;
                }
                let span = flat.span(found.range.clone());
                if key.contains("/RES/") {
                    // A resolution written as a full symbol is a citation.
                    if let Some(c) = cites.iter_mut().find(|c| compare_key(&c.symbol) == key) {
                        c.spans.push(span);
                    } else {
                        let verb = para.and_then(|p| p.verb.as_ref());
                        cites.push(CitedResolution {
                            symbol: found.symbol.clone(),
                            date: None,
                            verb: verb.map(|v| v.printed.clone()),
                            verb_key: verb.map(|v| v.key.clone()),
                            relation: verb.map_or("cites".to_string(), |v| v.relation.clone()),
                            paragraph: index.map(|i| paragraph_id(&record.paragraphs[i])),
                            spans: vec![span],
                        });
                    }
                    continue;
                }
                match documents.iter_mut().find(|d| compare_key(&d.symbol) == key) {
                    Some(d) => d.spans.push(span),
                    None => documents.push(CitedDocument {
                        symbol: found.symbol,
                        spans: vec![span],
                    }),
                }
            }
            for f in tools.gazetteer.find(s, own_organ_iri) {
                found_entities.push((f.entity, flat.span(f.range)));
            }
        }
        // The adopting organ is always one of the bodies.
        if let Some(iri) = own_organ_iri
            && let Some(i) = self.lexicon.entities.iter().position(|e| e.iri == iri)
            && !found_entities.iter().any(|(e, _)| *e == i)
        {
            found_entities.insert(0, (i, Span::new(0, 0)));
        }
        for cite in &cites {
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
        record.cites = cites;
        record.documents = documents;
        for (entity, span) in found_entities {
            let e = &self.lexicon.entities[entity];
            let list = match e.kind {
                lang::lexicon::EntityKind::Body => &mut record.bodies,
                lang::lexicon::EntityKind::Instrument => &mut record.instruments,
            };
            match list.iter_mut().find(|m| m.iri == e.iri) {
                Some(m) => {
                    if span.end > span.start {
                        m.spans.push(span)
                    }
                }
                None => list.push(EntityMention {
                    iri: e.iri.clone(),
                    name: e.name.clone(),
                    spans: if span.end > span.start {
                        vec![span]
                    } else {
                        vec![]
                    },
                }),
            }
        }
        record
    }
}

fn read_metadata(
    text: &Text,
    layout: &Layout,
    formula_organ: Option<Organ>,
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
        &masthead_lines,
        &masthead,
        &closing,
        formula_organ,
        &tools.grammar,
        &tools.dates,
    )
}

/// The session of a regular-session General Assembly symbol ("A/RES/79/47" → 79).
fn regular_session(symbol: &str) -> Option<u32> {
    let rest = symbol.strip_prefix("A/RES/")?;
    let (session, _) = rest.split_once('/')?;
    session.parse().ok()
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
