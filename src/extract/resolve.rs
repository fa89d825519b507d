//! The second stage of extraction: the mentions and citation-shaped spans found in each part
//! of a document, resolved into the record's citations, documents and entities, or rejected
//! with a reason a reader can check (`unkg audit` lists any span left without one).

use super::LanguageTools;
use super::candidates;
use super::citations::{self, Mention};
use super::verbs::{self, VerbPhrase};
use crate::lang::Lexicon;
use crate::lang::grammar::Grammar;
use crate::lang::lexicon::EntityKind;
use crate::lang::series::Qualifier;
use crate::record::*;
use crate::symbol::{self, Shape, compare_key};
use crate::text::{self, Flat, Intervals};
use std::collections::HashMap;
use std::ops::Range;

/// Where a part of the document stands, which decides what its mentions mean.
pub struct Context<'a> {
    /// The paragraph's opening verb; none in a footnote, the masthead or the closing lines.
    pub verb: Option<&'a VerbPhrase>,
    /// The paragraph identifier (`pp_3`, `para_5`) when it is one of the resolution's own.
    pub paragraph: Option<String>,
    /// A paragraph: later clauses may carry verbs of their own.
    pub in_paragraph: bool,
}

impl Context<'_> {
    /// A part that is no paragraph (masthead, footnote, closing lines).
    pub fn outside() -> Self {
        Context {
            verb: None,
            paragraph: None,
            in_paragraph: false,
        }
    }
}

/// Whether `before` ends with a digit standing alone and a space ("1 2 0 " of "1 2 0 3 (1998)").
fn spaced_digits_end(before: &str) -> bool {
    let b = before.as_bytes();
    let n = b.len();
    n >= 2 && b[n - 1] == b' ' && b[n - 2].is_ascii_digit() && (n == 2 || b[n - 3] == b' ')
}

/// Gathers what every part of one document yields, each resolution, document and entity
/// once with all its spans.
pub struct Collector<'a> {
    tools: &'a LanguageTools,
    /// The body that adopted the document (a gazetteer IRI): its series is that of "its
    /// resolution", its short names ("the Council") are its own.
    body: Option<&'a str>,
    /// The document's own symbols (its resolution symbol, the symbol it was issued under).
    own_keys: Vec<String>,
    /// The date a passage gives the document's own symbol ("Human Rights Council resolution
    /// 5/1 of 18 June 2007" in the draft it recommends): its adoption date.
    own_date: Option<(String, Span)>,
    cites: Vec<CitedResolution>,
    cite_index: HashMap<String, usize>,
    documents: Vec<CitedDocument>,
    document_index: HashMap<String, usize>,
    entities: Vec<(usize, Span)>,
    /// The Security Council committees named by the resolution that established them, which
    /// the gazetteer does not name: (that resolution's number, "1718 (2006)", the name's span).
    committees: Vec<(String, Span)>,
    rejected: Vec<Rejected>,
    /// How many more citation-shaped spans this document is read for (see [`SPANS_READ`]).
    spans_left: usize,
    /// Where reading stopped when the text held more than that.
    stopped_at: Option<Span>,
}

/// The citation-shaped spans one document is read for. The most any resolution of the corpus
/// holds is under a hundred; a text with far more is no resolution, and reading all of it
/// would take memory many times its size (a 60 MB list of "N (YYYY), " held 4 GB).
pub const SPANS_READ: usize = 10_000;

impl<'a> Collector<'a> {
    pub fn new<'s>(
        tools: &'a LanguageTools,
        body: Option<&'a str>,
        own: impl IntoIterator<Item = &'s String>,
    ) -> Self {
        Collector {
            tools,
            body,
            own_keys: own.into_iter().map(|s| compare_key(s)).collect(),
            own_date: None,
            cites: Vec::new(),
            cite_index: HashMap::new(),
            documents: Vec::new(),
            document_index: HashMap::new(),
            entities: Vec::new(),
            committees: Vec::new(),
            rejected: Vec::new(),
            spans_left: SPANS_READ,
            stopped_at: None,
        }
    }

    /// The citation-shaped spans of `flat` this document is still read for, and the start of
    /// `flat` that holds them (all of it, unless the document holds too many: then reading
    /// stops there).
    fn readable<'f>(&mut self, flat: &'f Flat) -> (&'f str, Vec<Range<usize>>) {
        let mut s = flat.as_str();
        // Only a part long enough to hold more spans than are left needs counting first.
        if s.len() >= self.spans_left * candidates::SHORTEST {
            let end = candidates::prefix_holding(s, self.spans_left);
            if end < s.len() && self.stopped_at.is_none() {
                self.stopped_at = Some(flat.span(end..end));
            }
            s = &s[..end];
        }
        let spans = candidates::scan(s);
        self.spans_left -= spans.len();
        (s, spans)
    }

    /// Page furniture (running headers and footers) carries no facts: every citation-shaped
    /// span in it is rejected as such.
    pub fn furniture(&mut self, flat: &Flat) {
        for range in self.readable(flat).1 {
            self.reject(flat, range, "page furniture (a running header or footer)");
        }
    }

    /// Finds and resolves everything in one part of the document.
    pub fn part(&mut self, flat: &Flat, context: &Context) {
        let (s, spans) = self.readable(flat);
        let tools = self.tools;
        let mut mentions = citations::find(s, tools, self.body);
        let documents = symbol::document_symbols(s, &tools.grammar.symbol_part);
        // Citation-shaped spans that no "resolution" keyword introduced: kept when their
        // shape or their sentence says they are resolutions, else rejected with the reason.
        let mut bare = Vec::new();
        let mut sentences = None;
        let keyworded = Intervals::new(mentions.iter().map(|m| m.range.clone()));
        for range in spans {
            if keyworded.overlaps(&range) {
                continue;
            }
            let sentences =
                sentences.get_or_insert_with(|| citations::Sentences::new(&tools.grammar, s));
            match self.resolve_bare(s, &range, &documents, sentences) {
                Ok(m) => bare.push(m),
                Err(reason) => self.reject(flat, range, &reason),
            }
        }
        if !bare.is_empty() {
            mentions.extend(bare);
            mentions.sort_by_key(|m| m.range.start);
        }
        mentions.retain_mut(|m| match citations::check_council_year(tools, m) {
            Ok(()) => true,
            Err(reason) => {
                self.reject(flat, m.range.clone(), &reason);
                false
            }
        });
        let committees: Vec<(&str, Range<usize>, Range<usize>)> = mentions
            .iter()
            .filter_map(|m| {
                let (number, name) = committee_name(&tools.grammar, s, m)?;
                Some((number, m.range.clone(), name))
            })
            .collect();
        let clause_verbs = if context.in_paragraph && !mentions.is_empty() {
            tools.verbs.clause_verbs(s)
        } else {
            Vec::new()
        };
        for m in &mentions {
            let key = compare_key(&m.symbol);
            if self.own_keys.contains(&key) {
                if self.own_date.is_none()
                    && let Some(date) = &m.date
                {
                    self.own_date = Some((date.clone(), flat.span(m.range.clone())));
                }
                self.reject(flat, m.range.clone(), "the resolution's own symbol");
                continue;
            }
            // The relation is the one of the clause the mention stands in.
            let relation = verbs::clause_verb_at(&clause_verbs, m.range.start)
                .map(|v| v.relation.clone())
                .or_else(|| context.verb.map(|v| v.relation.clone()))
                .unwrap_or_else(|| "cites".to_string());
            self.cite(
                key,
                m.symbol.clone(),
                m.date.clone(),
                flat.span(m.range.clone()),
                context,
                relation,
            );
        }
        let cited = Intervals::new(mentions.iter().map(|m| m.range.clone()));
        for found in documents {
            let key = compare_key(&found.symbol);
            if self.own_keys.contains(&key) || cited.overlaps(&found.range) {
                continue;
            }
            let span = flat.span(found.range.clone());
            if key.contains("/RES/") {
                // A resolution written as a full symbol is a citation.
                let relation = context
                    .verb
                    .map_or_else(|| "cites".to_string(), |v| v.relation.clone());
                self.cite(key, found.symbol, None, span, context, relation);
                continue;
            }
            match self.document_index.get(&key) {
                Some(&i) => self.documents[i].spans.push(span),
                None => {
                    self.document_index.insert(key, self.documents.len());
                    self.documents.push(CitedDocument {
                        symbol: found.symbol,
                        spans: vec![span],
                    });
                }
            }
        }
        let found = tools.gazetteer.find(s, self.body);
        for (number, printed, name) in committees {
            // A committee the gazetteer knows holds the resolution's number in its name.
            if !found
                .iter()
                .any(|f| f.range.start <= printed.start && printed.end <= f.range.end)
            {
                self.committees.push((number.to_string(), flat.span(name)));
            }
        }
        for f in found {
            self.entities.push((f.entity, flat.span(f.range)));
        }
    }

    fn cite(
        &mut self,
        key: String,
        symbol: String,
        date: Option<String>,
        span: Span,
        context: &Context,
        relation: String,
    ) {
        match self.cite_index.get(&key) {
            Some(&i) => {
                let c = &mut self.cites[i];
                c.spans.push(span);
                if c.date.is_none() {
                    c.date = date;
                }
            }
            None => {
                self.cite_index.insert(key, self.cites.len());
                self.cites.push(CitedResolution {
                    symbol,
                    date,
                    verb: context.verb.map(|v| v.printed.clone()),
                    verb_key: context.verb.map(|v| v.key.clone()),
                    relation,
                    paragraph: context.paragraph.clone(),
                    spans: vec![span],
                });
            }
        }
    }

    /// A citation-shaped span without a "resolution" keyword: a citation, or why not.
    fn resolve_bare(
        &self,
        s: &str,
        range: &Range<usize>,
        documents: &[symbol::FoundSymbol],
        sentences: &citations::Sentences,
    ) -> Result<Mention, String> {
        if let Some(d) = documents
            .iter()
            .find(|d| d.range.start <= range.start && range.end <= d.range.end)
        {
            return Err(format!("part of the document symbol {}", d.symbol));
        }
        let grammar = &self.tools.grammar;
        let before = text::tail(&s[..range.start], 60);
        if spaced_digits_end(before) {
            return Err("the last digit of a number spaced out (\"1 2 0 3 (1998)\")".into());
        }
        if let Some(word) = grammar.not_resolution.as_ref().and_then(|r| r.find(before)) {
            return Err(format!(
                "a number of something else ({:?} stands before it)",
                word.as_str().trim()
            ));
        }
        let printed = super::dates::ascii_digits(&s[range.clone()]);
        if let Some((_, symbol)) = symbol::other_body_resolution_at(&printed) {
            return Ok(Mention {
                date: citations::date_after(self.tools, s, range.end, &symbol).map(|(_, d)| d),
                symbol,
                range: range.clone(),
            });
        }
        // "Recalling its resolutions 10 (II) …, 830 J (XXXII) … and 1139 (XLI)": the list's
        // "its" holds for a number its word for resolution no longer reaches.
        let word = sentences.word_before(range.start);
        let qualifier = match citations::organ_before(grammar, before) {
            Qualifier::Own
                if word
                    .clone()
                    .is_some_and(|w| citations::says_its(grammar, s, w)) =>
            {
                Qualifier::Its
            }
            named => named,
        };
        if printed.ends_with(')')
            && !printed.ends_with("0)")
            && citations::outside_issuer(self.tools, &s[..range.start], &s[range.end..], qualifier)
        {
            return Err(
                "a resolution of an organization outside the UN, by its number alone".into(),
            );
        }
        let Some((_, shape, symbol)) = citations::resolution_at(
            self.tools,
            &printed,
            &s[..range.start],
            qualifier,
            self.body,
        )
        .or_else(|| {
            symbol::ocr_council_resolution_at(&printed)
                .map(|(len, symbol)| (len, Shape::YearParen, symbol))
        }) else {
            return Err("not the shape of a resolution number of any organ".into());
        };
        // "660 (1990)", "1514 (XV)" and "WHA69.2" are resolutions by their shape alone;
        // "67/39" is also the shape of other numbers, so it needs a "resolution" earlier in
        // its sentence.
        let strong_shape = matches!(
            shape,
            Shape::YearParen | Shape::RomanSession | Shape::Decimal
        );
        if !(strong_shape || qualifier != Qualifier::Own || word.is_some()) {
            return Err("a number with a slash that no word for resolution introduces".into());
        }
        Ok(Mention {
            date: citations::date_after(self.tools, s, range.end, &symbol).map(|(_, d)| d),
            symbol,
            range: range.clone(),
        })
    }

    fn reject(&mut self, flat: &Flat, range: Range<usize>, reason: &str) {
        self.rejected.push(Rejected {
            text: flat.as_str()[range.clone()].to_string(),
            span: flat.span(range),
            reason: reason.to_string(),
        });
    }

    /// Writes what was gathered into the record; the adopting organ is always a body.
    pub fn finish(mut self, record: &mut Record, lexicon: &Lexicon) {
        if let Some(iri) = self.body
            && let Some(i) = lexicon.entities.iter().position(|e| e.iri == iri)
            && !self.entities.iter().any(|(e, _)| *e == i)
        {
            self.entities.insert(0, (i, Span::new(0, 0)));
        }
        if let Some(span) = self.stopped_at {
            record.warnings.push(format!(
                "stopped reading citations at character {}: the text holds more than {SPANS_READ} numbers shaped like resolution numbers, far more than any resolution",
                span.start
            ));
        }
        if record.adopted.is_none()
            && let Some((date, span)) = self.own_date
        {
            record.adopted = Some(date);
            record.metadata_spans.push(FieldSpan {
                field: "adopted".into(),
                span,
            });
        }
        record.cites = self.cites;
        record.documents = self.documents;
        self.rejected.sort_by_key(|r| r.span.start);
        record.rejected = self.rejected;
        for (entity, span) in self.entities {
            let e = &lexicon.entities[entity];
            let list = match e.kind {
                EntityKind::Body => &mut record.bodies,
                EntityKind::Instrument => &mut record.instruments,
            };
            let spans = if span.end > span.start {
                vec![span]
            } else {
                vec![]
            };
            add_mention(list, &e.iri, &e.name, spans);
        }
        for (number, span) in self.committees {
            let iri = crate::rdf::vocab::council_committee_iri(&number);
            match lexicon.entities.iter().find(|e| e.iri == iri) {
                Some(e) => add_mention(&mut record.bodies, &iri, &e.name, vec![span]),
                None => {
                    let name = format!(
                        "Security Council Committee established pursuant to resolution {number}"
                    );
                    add_mention(&mut record.bodies, &iri, &name, vec![span]);
                }
            }
        }
    }
}

/// Adds the spans of a mention of an entity to those the list holds of it.
fn add_mention(list: &mut Vec<EntityMention>, iri: &str, name: &str, spans: Vec<Span>) {
    match list.iter_mut().find(|m| m.iri == iri) {
        Some(m) => m.spans.extend(spans),
        None => list.push(EntityMention {
            iri: iri.to_string(),
            name: name.to_string(),
            spans,
        }),
    }
}

/// Where a mention of a Council resolution names, with the words around it, the committee
/// the resolution established ("the Committee established pursuant to resolution 1718
/// (2006)"): the resolution's number and the name's range in `text`.
fn committee_name<'m>(
    grammar: &Grammar,
    text: &str,
    m: &'m Mention,
) -> Option<(&'m str, Range<usize>)> {
    let number = m.symbol.strip_prefix("S/RES/")?;
    let before = text::tail(&text[..m.range.start], 160);
    if let Some(words) = grammar
        .committee_before
        .as_ref()
        .and_then(|p| p.find(before))
    {
        let start = m.range.start - before.len() + words.start();
        return Some((number, start..m.range.end));
    }
    let after = text::head(&text[m.range.end..], 80);
    let words = grammar.committee_after.as_ref()?.find(after)?;
    Some((number, m.range.start..m.range.end + words.end()))
}
