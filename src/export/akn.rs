//! Akoma Ntoso 3.0 as the UN profiles it (AKN4UN): a file per language version
//! (`A_RES_79_47.zho.xml`), made from the version's graph (its whole text, its paragraphs'
//! text, the places of its citations and mentions) and its work's graph (symbol, organ,
//! adoption date, the verb that opens each paragraph).
//!
//! The markup only wraps the text: the text content of all that follows `<meta>` is the
//! version's `unkg:fullText`, character for character, save the characters XML 1.0 cannot
//! hold at all, each written as an empty element: a form feed (a PDF's page break) as
//! `<eop/>`, any other as `<marker name="U+000B"/>`. So nothing is pretty-printed outside
//! `<meta>`, and text that is no paragraph of its own (page furniture between paragraphs, an
//! annexed declaration) goes into a `<p>` of the block before it.
//!
//! IRIs follow AKN4UN: the work `/akn/un/statement/deliberation/un-ga/2024-12-02/79-47` (the
//! symbol's number with `/` as `-` and spaces as `_`, as printed in `FRBRnumber/@showAs`), the
//! expression `…/zho@2024-12-02`, the manifestation `…/zho@2024-12-02/.xml`. A work whose
//! adoption date is not known is dated by the year its Security Council symbol gives
//! (`660 (1990)` → `/1990/`, `FRBRdate` 1990-01-01 named "year of the symbol"), a citation by
//! the date printed with it, and anything else `0001-01-01`, named "unknown": a valid date that
//! no resolution has, so that the IRI still parses; its expression is then `…/zho@`.

use crate::extract::dates::{DateReader, ascii_digits, iso};
use crate::lang::Lexicon;
use crate::lang::grammar::Grammar;
use crate::rdf::vocab::{
    BODY, DOC, GRAPH, RDF_TYPE, UNKG_ADOPTED_ON, UNKG_CITED, UNKG_CITED_DATE,
    UNKG_DRAFT_RESOLUTION, UNKG_FULL_TEXT, UNKG_LANGUAGE, UNKG_LANGUAGE_VERSION, UNKG_LEADING_VERB,
    UNKG_MENTIONED, UNKG_ORGAN, UNKG_REALIZES, UNKG_RESOLUTION, UNKG_SPAN, UNKG_SYMBOL, UNKG_TEXT,
    UNKG_TITLE, VERB, lang3,
};
use crate::store::{ONTOLOGY_GRAPH, STUBS_GRAPH, Store, StoreError};
use crate::text::Text;
use oxigraph::model::{NamedOrBlankNode, Term, Triple};
use rayon::prelude::*;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

/// What an export wrote, and the language versions it could not write, each with why.
#[derive(Debug, Default)]
pub struct Summary {
    pub written: usize,
    pub skipped: Vec<String>,
}

/// Writes a file per language version into `dir` (or only the version whose graph is `only`).
/// Each file is written beside its final name and renamed there, so a stopped export leaves
/// earlier files whole.
pub fn write_folder(
    store: &Store,
    lexicon: &Lexicon,
    only: Option<&str>,
    dir: &Path,
) -> Result<Summary, StoreError> {
    let graphs = store.graph_names(None)?;
    let versions: Vec<&str> = match only {
        Some(g) => {
            // Fails, naming it, when the store has no such graph.
            store.graph_names(Some(g))?;
            if version_graph(g).is_none() {
                return Err(StoreError::Other(format!(
                    "<{g}> is not a language version's graph: Akoma Ntoso is written a version at a time, from graphs named {GRAPH}{{symbol}}/{{lang3}}@"
                )));
            }
            vec![g]
        }
        None => graphs
            .iter()
            .map(String::as_str)
            .filter(|g| version_graph(g).is_some())
            .collect(),
    };
    let works = read_works(store, &graphs)?;

    // Names first, so that two versions given one name stop the export before it writes.
    let mut by_name: BTreeMap<String, &str> = BTreeMap::new();
    for &g in &versions {
        let name = file_name(g, &works);
        if let Some(other) = by_name.insert(name.clone(), g) {
            return Err(StoreError::Other(format!(
                "<{other}> and <{g}> would both be written to {name}"
            )));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        StoreError::Other(format!("cannot create the folder {}: {e}", dir.display()))
    })?;

    let tools = Tools::new(lexicon);
    let mut by_work: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for (name, g) in &by_name {
        let (work_graph, _) = version_graph(g).unwrap_or_default();
        by_work.entry(work_graph).or_default().push((g, name));
    }
    let by_work: Vec<_> = by_work.into_iter().collect();
    let mut summary = Summary::default();
    // A window of works at a time on every core: memory holds a few documents, not the store.
    // A version the graph cannot make a document of is skipped and named; a store that cannot
    // be read or a file that cannot be written stops the export.
    for window in by_work.chunks(64) {
        let results: Vec<Result<Vec<Result<(), String>>, StoreError>> = window
            .par_iter()
            .map(|(work_graph, versions)| {
                let own = OwnWork::read(
                    &work_of_graph(work_graph),
                    &store.graph_triples(work_graph)?,
                );
                versions
                    .iter()
                    .map(
                        |(g, name)| match Version::read(g, &store.graph_triples(g)?) {
                            Ok(version) => {
                                let xml = render(&version, &own, &works, &tools);
                                write_atomically(dir, name, xml.as_bytes()).map(Ok)
                            }
                            Err(why) => Ok(Err(why)),
                        },
                    )
                    .collect()
            })
            .collect();
        for outcome in results
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
        {
            match outcome {
                Ok(()) => summary.written += 1,
                Err(why) => summary.skipped.push(why),
            }
        }
    }
    Ok(summary)
}

/// `dir/name`, written under a temporary name and renamed, so that it is whole or absent.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
    let path = dir.join(name);
    let partial = dir.join(format!(".{name}.{}.partial", std::process::id()));
    std::fs::write(&partial, bytes)
        .and_then(|()| std::fs::rename(&partial, &path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            StoreError::Other(format!("cannot write {}: {e}", path.display()))
        })
}

/// A language version's graph (`…/graph/A/RES/79/47/zho@`): its work's graph and `zho`.
fn version_graph(g: &str) -> Option<(&str, &str)> {
    let rest = g.strip_prefix(GRAPH)?.strip_suffix('@')?;
    let (work, lang) = rest.rsplit_once('/')?;
    (lang.len() == 3 && lang.bytes().all(|b| b.is_ascii_lowercase()))
        .then(|| (&g[..GRAPH.len() + work.len()], lang))
}

/// The work whose facts a work's graph holds: `…/graph/X` holds `…/doc/X`.
fn work_of_graph(work_graph: &str) -> String {
    format!(
        "{DOC}{}",
        work_graph.strip_prefix(GRAPH).unwrap_or(work_graph)
    )
}

/// The file of a version: its work's symbol with `/` and spaces as `_` (the tail of its IRI
/// when it has none), then the language: `A_RES_79_47.zho.xml`.
fn file_name(version_graph_iri: &str, works: &HashMap<String, WorkInfo>) -> String {
    let (work_graph, lang) = version_graph(version_graph_iri).unwrap_or_default();
    let work = work_of_graph(work_graph);
    let stem = match works.get(&work).and_then(|w| w.symbol.as_deref()) {
        Some(symbol) => symbol.to_string(),
        None => work.rsplit('/').next().unwrap_or_default().to_string(),
    };
    let stem: String = stem
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_whitespace() || c.is_control() => '_',
            c => c,
        })
        .collect();
    format!("{stem}.{lang}.xml")
}

/// What the export needs to know of a work, its own or one it cites.
#[derive(Debug, Default, Clone)]
struct WorkInfo {
    symbol: Option<String>,
    /// The organ's body IRI.
    organ: Option<String>,
    /// The adoption date, when it is a real calendar date.
    adopted: Option<String>,
}

/// Every work's symbol, organ and adoption date: from the stubs graph for works only cited,
/// from their own graph for works ingested.
fn read_works(store: &Store, graphs: &[String]) -> Result<HashMap<String, WorkInfo>, StoreError> {
    let mut works: HashMap<String, WorkInfo> = HashMap::new();
    if graphs.iter().any(|g| g == STUBS_GRAPH) {
        for t in store.graph_triples(STUBS_GRAPH)? {
            if let NamedOrBlankNode::NamedNode(s) = &t.subject {
                work_fact(works.entry(s.as_str().to_string()).or_default(), &t);
            }
        }
    }
    let work_graphs: Vec<&String> = graphs
        .iter()
        .filter(|g| {
            g.starts_with(GRAPH)
                && version_graph(g).is_none()
                && *g != STUBS_GRAPH
                && *g != ONTOLOGY_GRAPH
        })
        .collect();
    let ingested: Vec<(String, WorkInfo)> = work_graphs
        .par_iter()
        .map(|g| {
            let work = work_of_graph(g);
            let mut info = WorkInfo::default();
            for t in store.graph_triples(g)? {
                if matches!(&t.subject, NamedOrBlankNode::NamedNode(s) if s.as_str() == work) {
                    work_fact(&mut info, &t);
                }
            }
            Ok((work, info))
        })
        .collect::<Result<_, StoreError>>()?;
    for (work, info) in ingested {
        if info.symbol.is_some() || info.organ.is_some() || info.adopted.is_some() {
            works.insert(work, info);
        }
    }
    Ok(works)
}

/// Takes a fact of a work into `info`. Where versions disagree (two adoption dates), the least
/// value is kept, so that the choice does not hang on the order facts are read in.
fn work_fact(info: &mut WorkInfo, t: &Triple) {
    let (slot, value) = match (t.predicate.as_str(), &t.object) {
        (UNKG_SYMBOL, Term::Literal(l)) => (&mut info.symbol, l.value()),
        (UNKG_ORGAN, Term::NamedNode(n)) => (&mut info.organ, n.as_str()),
        (UNKG_ADOPTED_ON, Term::Literal(l)) => match calendar_date(l.value()) {
            Some(date) => (&mut info.adopted, date),
            None => return,
        },
        _ => return,
    };
    if slot.as_deref().is_none_or(|kept| value < kept) {
        *slot = Some(value.to_string());
    }
}

/// `s` when it is a date `YYYY-MM-DD` of the calendar (what `xsd:date` accepts, and more
/// strictly: no time zone).
fn calendar_date(s: &str) -> Option<&str> {
    let mut parts = s.splitn(3, '-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let fits = year.len() == 4
        && month.len() == 2
        && day.len() == 2
        && s.bytes().filter(|b| *b != b'-').all(|b| b.is_ascii_digit())
        && year != "0000";
    (fits && iso(year, month.parse().ok(), day).as_deref() == Some(s)).then_some(s)
}

/// What the version's own work's graph adds: what kind of document it is and the verb that
/// opens each paragraph.
struct OwnWork {
    /// The `name` of `<statement>`: `resolution`, `resolutionDraft` or `document`.
    name: &'static str,
    /// Verb concept (`recall`) by paragraph id (`pp_1`).
    verbs: HashMap<String, String>,
}

impl OwnWork {
    fn read(work: &str, triples: &[Triple]) -> OwnWork {
        let mut own = OwnWork {
            name: "document",
            verbs: HashMap::new(),
        };
        for t in triples {
            let NamedOrBlankNode::NamedNode(s) = &t.subject else {
                continue;
            };
            match (t.predicate.as_str(), &t.object) {
                (RDF_TYPE, Term::NamedNode(class)) if s.as_str() == work => {
                    own.name = match class.as_str() {
                        UNKG_RESOLUTION => "resolution",
                        UNKG_DRAFT_RESOLUTION => "resolutionDraft",
                        _ => own.name,
                    }
                }
                (UNKG_LEADING_VERB, Term::NamedNode(verb)) => {
                    if let (Some((_, id)), Some(key)) = (
                        s.as_str().split_once("/!main#"),
                        verb.as_str().strip_prefix(VERB),
                    ) {
                        own.verbs.insert(id.to_string(), key.to_string());
                    }
                }
                _ => {}
            }
        }
        own
    }
}

/// A language version, as its graph states it.
struct Version {
    /// The expression IRI (`…/doc/A/RES/79/47/zho@`).
    iri: String,
    work: String,
    lang: String,
    text: String,
    title: Option<String>,
    /// (`pp_1` or `para_1`, its text), preambular then operative, by number. A paragraph
    /// may have several texts (a heading "Resolves that:" read as its first paragraph too).
    paragraphs: Vec<(String, Vec<String>)>,
    mentions: Vec<Mention>,
}

/// What a place is a place of; the order is the rank kept when places cross.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MentionKind {
    Citation,
    Document,
    Instrument,
    Body,
}

struct Mention {
    kind: MentionKind,
    target: String,
    cited_date: Option<String>,
    /// Character offsets into the whole text.
    places: Vec<(usize, usize)>,
}

impl Version {
    fn read(graph: &str, triples: &[Triple]) -> Result<Version, String> {
        let mut by_subject: BTreeMap<&str, Vec<&Triple>> = BTreeMap::new();
        for t in triples {
            if let NamedOrBlankNode::NamedNode(s) = &t.subject {
                by_subject.entry(s.as_str()).or_default().push(t);
            }
        }
        let literal = |facts: &[&Triple], p: &str| {
            facts.iter().find_map(|t| match &t.object {
                Term::Literal(l) if t.predicate.as_str() == p => Some(l.value().to_string()),
                _ => None,
            })
        };
        let iri_of = |facts: &[&Triple], p: &str| {
            facts.iter().find_map(|t| match &t.object {
                Term::NamedNode(n) if t.predicate.as_str() == p => Some(n.as_str().to_string()),
                _ => None,
            })
        };
        let (iri, facts) = by_subject
            .iter()
            .find(|(_, facts)| {
                facts.iter().any(|t| {
                    t.predicate.as_str() == RDF_TYPE
                        && matches!(&t.object, Term::NamedNode(c) if c.as_str() == UNKG_LANGUAGE_VERSION)
                })
            })
            .ok_or_else(|| format!("<{graph}> holds no unkg:LanguageVersion: not written"))?;
        let text = literal(facts, UNKG_FULL_TEXT)
            .ok_or_else(|| format!("<{iri}> has no unkg:fullText (ingested by an older unkg? ingest its file again): not written"))?;
        // `…/doc/A/RES/79/47/zho@` realizes `…/doc/A/RES/79/47`.
        let work = iri_of(facts, UNKG_REALIZES).unwrap_or_else(|| {
            let (work, _) = iri.rsplit_once('/').unwrap_or_default();
            work.to_string()
        });
        let mut version = Version {
            iri: iri.to_string(),
            work,
            lang: literal(facts, UNKG_LANGUAGE).unwrap_or_default(),
            title: literal(facts, UNKG_TITLE),
            text,
            paragraphs: Vec::new(),
            mentions: Vec::new(),
        };
        let mention_prefix = format!("{iri}/");
        for (subject, facts) in &by_subject {
            if let Some((_, id)) = subject.split_once("/!main#") {
                let mut texts: Vec<String> = facts
                    .iter()
                    .filter(|t| t.predicate.as_str() == UNKG_TEXT)
                    .filter_map(|t| match &t.object {
                        Term::Literal(l) if !l.value().is_empty() => Some(l.value().to_string()),
                        _ => None,
                    })
                    .collect();
                texts.sort();
                if !texts.is_empty() && paragraph_order(id).is_some() {
                    version.paragraphs.push((id.to_string(), texts));
                }
            } else if let Some(rest) = subject.strip_prefix(&mention_prefix) {
                let kind = match rest.split('/').next() {
                    Some("citation") => MentionKind::Citation,
                    Some("document") => MentionKind::Document,
                    Some("instrument") => MentionKind::Instrument,
                    Some("body") => MentionKind::Body,
                    _ => continue,
                };
                let Some(target) =
                    iri_of(facts, UNKG_CITED).or_else(|| iri_of(facts, UNKG_MENTIONED))
                else {
                    continue;
                };
                let places = facts
                    .iter()
                    .filter(|t| t.predicate.as_str() == UNKG_SPAN)
                    .filter_map(|t| match &t.object {
                        Term::Literal(l) => {
                            let (start, end) = l.value().split_once(',')?;
                            Some((start.trim().parse().ok()?, end.trim().parse().ok()?))
                        }
                        _ => None,
                    })
                    .collect();
                version.mentions.push(Mention {
                    kind,
                    target,
                    cited_date: literal(facts, UNKG_CITED_DATE)
                        .filter(|d| calendar_date(d).is_some()),
                    places,
                });
            }
        }
        version
            .paragraphs
            .sort_by_key(|(id, _)| paragraph_order(id));
        Ok(version)
    }
}

/// Preambular paragraphs first, then operative ones, each by number; `None` for an id that is
/// neither `pp_N` nor `para_N`.
fn paragraph_order(id: &str) -> Option<(bool, u32)> {
    if let Some(n) = id.strip_prefix("pp_") {
        return Some((false, n.parse().ok()?));
    }
    Some((true, id.strip_prefix("para_")?.parse().ok()?))
}

/// The language data the layout reads: the enacting formula and the dates of each language.
struct Tools<'l> {
    languages: HashMap<&'l str, (&'l Grammar, DateReader)>,
    lexicon: &'l Lexicon,
}

impl<'l> Tools<'l> {
    fn new(lexicon: &'l Lexicon) -> Tools<'l> {
        let languages = lexicon
            .grammars
            .iter()
            .map(|(lang, grammar)| (lang.as_str(), (grammar, DateReader::new(lexicon, lang))))
            .collect();
        Tools { languages, lexicon }
    }

    /// An entity's name in `lang`, else its English name.
    fn label(&self, iri: &str, lang: &str) -> Option<String> {
        let entity = self.lexicon.entity(iri)?;
        let in_lang = |preferred: bool| {
            entity
                .labels
                .iter()
                .find(|(l, _, p)| l.split('-').next() == Some(lang) && *p == preferred)
                .map(|(_, label, _)| label.clone())
        };
        in_lang(true)
            .or_else(|| in_lang(false))
            .or_else(|| Some(entity.name.clone()))
    }
}

/// The AKN4UN names of a work.
struct AknWork {
    /// `/akn/un/statement/deliberation/un-ga/2024-12-02/79-47`
    uri: String,
    actor: String,
    /// `79-47`, and `79/47` as printed.
    number: String,
    number_shown: String,
    date: WorkDate,
}

struct WorkDate {
    /// What the IRI holds: a date, or a year.
    in_iri: String,
    /// A valid `xsd:date`.
    date: String,
    /// What `FRBRdate/@name` says the date is.
    name: &'static str,
    /// Whether it is the adoption date itself (which the expression is then dated by).
    exact: bool,
}

fn akn_work(info: &WorkInfo, work_iri: &str, printed_date: Option<&str>) -> AknWork {
    static YEAR_OF_SYMBOL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\((\d{4})\)\s*$").expect("a valid pattern"));
    let actor = match info.organ.as_deref().and_then(|o| o.strip_prefix(BODY)) {
        Some("wha") => "who-wha".to_string(),
        Some(slug) => slug.to_string(),
        None => "un".to_string(),
    };
    let year_of_symbol = info
        .symbol
        .as_deref()
        .and_then(|s| YEAR_OF_SYMBOL.captures(s))
        .map(|c| c[1].to_string());
    let date = match (info.adopted.as_deref().or(printed_date), year_of_symbol) {
        (Some(d), _) => WorkDate {
            in_iri: d.to_string(),
            date: d.to_string(),
            name: "adoption",
            exact: info.adopted.is_some(),
        },
        (None, Some(year)) => WorkDate {
            date: format!("{year}-01-01"),
            in_iri: year,
            name: "year of the symbol",
            exact: false,
        },
        (None, None) => WorkDate {
            in_iri: "0001-01-01".into(),
            date: "0001-01-01".into(),
            name: "unknown",
            exact: false,
        },
    };
    let number_shown = match &info.symbol {
        Some(symbol) => symbol
            .find("RES/")
            .map_or(symbol.as_str(), |i| &symbol[i + 4..])
            .to_string(),
        None => work_iri.rsplit('/').next().unwrap_or_default().to_string(),
    };
    let number = iri_segment(&number_shown);
    AknWork {
        uri: format!(
            "/akn/un/statement/deliberation/{actor}/{}/{number}",
            date.in_iri
        ),
        actor,
        number,
        number_shown,
        date,
    }
}

/// A number as an AKN IRI segment: `/` as `-`, white space as `_`, and what an IRI path may
/// not hold (or AKN reads as a delimiter, `@`) percent-encoded.
fn iri_segment(s: &str) -> String {
    let mut out = String::new();
    let mut words = s.split_whitespace().peekable();
    while let Some(word) = words.next() {
        for c in word.chars() {
            match c {
                '/' => out.push('-'),
                c if c.is_alphanumeric() || "-._~()!$&'*+,;=:".contains(c) => out.push(c),
                c => {
                    let mut bytes = [0; 4];
                    for b in c.encode_utf8(&mut bytes).bytes() {
                        let _ = write!(out, "%{b:02X}");
                    }
                }
            }
        }
        if words.peek().is_some() {
            out.push('_');
        }
    }
    out
}

/// The text's characters: where each starts, and the text as matching reads it
/// ([`Text::folded`]: Arabic ة as ه, traditional Chinese as simplified, …), which the language
/// data's patterns are written for; it has the same characters at the same places as the
/// text, though not always the same bytes.
struct Chars {
    /// The byte offset of each character of the text, and of its end.
    byte_of_char: Vec<usize>,
    folded: String,
    folded_byte_of_char: Vec<usize>,
}

impl Chars {
    fn new(text: &str, tools: &Tools) -> Chars {
        let byte_of_char = byte_offsets(text);
        let mut folded = Text::folded(text, &tools.lexicon.folding)
            .as_str()
            .to_string();
        let mut folded_byte_of_char = byte_offsets(&folded);
        // Folding normalises too: a text not in NFC (not written by unkg) is read unfolded.
        if folded_byte_of_char.len() != byte_of_char.len() {
            folded = text.to_string();
            folded_byte_of_char = byte_of_char.clone();
        }
        Chars {
            byte_of_char,
            folded,
            folded_byte_of_char,
        }
    }

    /// The bytes of a character range of the text, if it is one.
    fn bytes(&self, (start, end): (usize, usize)) -> Option<Range<usize>> {
        let (a, b) = (*self.byte_of_char.get(start)?, *self.byte_of_char.get(end)?);
        (a < b).then_some(a..b)
    }

    /// The folded range of a range of the text.
    fn folded_range(&self, range: Range<usize>) -> Range<usize> {
        map_range(range, &self.byte_of_char, &self.folded_byte_of_char)
    }

    /// The range of the text of a folded range.
    fn unfolded(&self, range: Range<usize>) -> Range<usize> {
        map_range(range, &self.folded_byte_of_char, &self.byte_of_char)
    }
}

/// The byte offset of each character of `text`, and of its end.
fn byte_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect()
}

/// A byte range of one text as a byte range of another with as many characters (`from` and
/// `to` are their characters' byte offsets).
fn map_range(range: Range<usize>, from: &[usize], to: &[usize]) -> Range<usize> {
    let at = |b: usize| {
        let char = from.binary_search(&b).unwrap_or_else(|i| i);
        to.get(char).or(to.last()).copied().unwrap_or_default()
    };
    at(range.start)..at(range.end)
}

/// The regions of a text and where its paragraphs are, as byte offsets.
struct Layout {
    /// The masthead, before the formula (or the first paragraph).
    preface: Range<usize>,
    /// The enacting formula's line.
    formula: Option<Range<usize>>,
    /// (id, where its text is), preambular then operative, in the order of the text.
    preambular: Vec<(String, Range<usize>)>,
    operative: Vec<(String, Range<usize>)>,
}

/// Finds the paragraphs' texts in the whole text, preambular ones each after the one before,
/// then operative ones likewise from the first preambular one on. A preambular paragraph
/// found after the first operative one (a closing line read as one) cannot be in the
/// preamble: it is left, as a paragraph found nowhere is (an older store's text), to the text
/// around it. A paragraph of several texts runs from the first to the last.
fn layout(version: &Version, grammar: Option<&Grammar>, chars: &Chars) -> Layout {
    let text = version.text.as_str();
    let locate = |operative: bool, mut from: usize| {
        let mut located = Vec::new();
        for (id, texts) in &version.paragraphs {
            if paragraph_order(id).is_some_and(|(o, _)| o != operative) {
                continue;
            }
            let found: Vec<Range<usize>> = texts
                .iter()
                .filter_map(|t| {
                    let at = from + text[from..].find(t.as_str())?;
                    Some(at..at + t.len())
                })
                .collect();
            if let (Some(start), Some(end)) = (
                found.iter().map(|r| r.start).min(),
                found.iter().map(|r| r.end).max(),
            ) {
                from = end;
                located.push((id.clone(), start..end));
            }
        }
        located
    };
    let mut preambular = locate(false, 0);
    let operative = locate(true, preambular.first().map_or(0, |(_, r)| r.start));
    if let Some((_, first)) = operative.first() {
        preambular.retain(|(_, r)| r.end <= first.start);
    }
    let body_start = preambular
        .first()
        .or(operative.first())
        .map_or(text.len(), |(_, r)| r.start);
    let formula = grammar.and_then(|g| {
        let end = chars.folded_range(0..body_start).end;
        Some(chars.unfolded(find_formula(&chars.folded, end, g)?))
    });
    let preface_end = match (&formula, preambular.is_empty() && operative.is_empty()) {
        (Some(f), _) => f.start,
        // Without formula or paragraphs, all is body.
        (None, true) => 0,
        (None, false) => body_start,
    };
    Layout {
        preface: 0..preface_end,
        formula,
        preambular,
        operative,
    }
}

/// The enacting formula: the last line before the first paragraph that reads as one ("The
/// General Assembly,"), else the organ's name alone on the line just before it (a web copy
/// that dropped the comma).
fn find_formula(text: &str, end: usize, grammar: &Grammar) -> Option<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, _) in text[..end].match_indices('\n') {
        lines.push(start..i);
        start = i + 1;
    }
    lines.push(start..end);
    let found = lines
        .iter()
        .rev()
        .find(|r| grammar.formula.is_match(&text[(*r).clone()]))
        .or_else(|| {
            lines
                .iter()
                .rev()
                .find(|r| !text[(*r).clone()].trim().is_empty())
                .filter(|r| grammar.formula_organ(&text[(*r).clone()]).is_some())
        })?;
    let trimmed = trim_xml_space(text, found.clone());
    (!trimmed.is_empty()).then_some(trimmed)
}

/// White space as XML reads it between elements (a carriage return is written as a reference).
fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n')
}

fn trim_xml_space(text: &str, range: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let (mut start, mut end) = (range.start, range.end);
    while start < end && is_xml_space(bytes[start]) {
        start += 1;
    }
    while end > start && is_xml_space(bytes[end - 1]) {
        end -= 1;
    }
    start..end
}

/// The blocks of a range: its text cut at blank lines, without the white space around them.
fn blocks(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut block_start = None;
    let mut i = range.start;
    while i < range.end {
        if is_xml_space(bytes[i]) {
            let run_start = i;
            while i < range.end && is_xml_space(bytes[i]) {
                i += 1;
            }
            let breaks = bytes[run_start..i].iter().filter(|b| **b == b'\n').count();
            if let Some(start) = block_start
                && (breaks >= 2 || i == range.end)
            {
                found.push(start..run_start);
                block_start = None;
            }
        } else {
            block_start.get_or_insert(i);
            i += 1;
        }
    }
    if let Some(start) = block_start {
        found.push(start..range.end);
    }
    found
}

/// An inline element over a range of the text.
struct Inline {
    range: Range<usize>,
    /// Lower is kept first when two cross.
    rank: u8,
    open: String,
    close: &'static str,
}

impl Inline {
    /// Whether both can be written: apart, or one inside the other (never the same range,
    /// nor the same element inside itself).
    fn fits_with(&self, other: &Inline) -> bool {
        let (a, b) = (&self.range, &other.range);
        let apart = a.end <= b.start || b.end <= a.start;
        let nested =
            (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end);
        apart || (nested && a != b && self.open != other.open)
    }
}

/// The references section: the TLC of each organization and instrument, by IRI.
#[derive(Default)]
struct References {
    /// IRI → (eId, element, label).
    by_iri: BTreeMap<String, (String, &'static str, String)>,
    taken: BTreeSet<String>,
}

impl References {
    /// The eId of `iri`'s TLC, registered on first use: the tail of its IRI, made unique.
    fn id(&mut self, iri: &str, element: &'static str, label: impl FnOnce() -> String) -> String {
        if let Some((id, _, _)) = self.by_iri.get(iri) {
            return id.clone();
        }
        let tail: String = iri
            .trim_end_matches('/')
            .rsplit(['/', '#'])
            .next()
            .unwrap_or_default()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let tail = if tail.starts_with(|c: char| c.is_ascii_alphabetic()) {
            tail
        } else {
            format!("ref_{tail}")
        };
        let mut id = tail.clone();
        let mut n = 1;
        while !self.taken.insert(id.clone()) {
            n += 1;
            id = format!("{tail}_{n}");
        }
        self.by_iri
            .insert(iri.to_string(), (id.clone(), element, label()));
        id
    }
}

/// The whole XML document of a version.
fn render(
    version: &Version,
    own: &OwnWork,
    works: &HashMap<String, WorkInfo>,
    tools: &Tools,
) -> String {
    let text = version.text.as_str();
    let lang = version.lang.as_str();
    let (grammar, dates) = match tools.languages.get(lang) {
        Some((g, d)) => (Some(*g), Some(d)),
        None => (None, None),
    };
    let chars = Chars::new(text, tools);
    let layout = layout(version, grammar, &chars);
    let info = works.get(&version.work).cloned().unwrap_or_default();
    let akn = akn_work(&info, &version.work, None);

    let mut refs = References::default();
    for id in ["unkg", "un"]
        .into_iter()
        .map(str::to_string)
        .chain(layout.preambular.iter().map(|(id, _)| id.clone()))
        .chain(layout.operative.iter().map(|(id, _)| id.clone()))
    {
        refs.taken.insert(id);
    }
    let author = match &info.organ {
        Some(organ) => refs.id(organ, "TLCOrganization", || {
            tools
                .label(organ, lang)
                .unwrap_or_else(|| akn.actor.clone())
        }),
        None => "un".to_string(),
    };

    let mut inlines = Vec::new();
    for m in &version.mentions {
        let (open, close) = match m.kind {
            MentionKind::Citation => {
                let href = match works.get(&m.target) {
                    Some(cited) if cited.symbol.is_some() => {
                        akn_work(cited, &m.target, m.cited_date.as_deref()).uri
                    }
                    _ => m.target.clone(),
                };
                (format!("<ref href=\"{}\">", attr(&href)), "</ref>")
            }
            MentionKind::Document => (format!("<ref href=\"{}\">", attr(&m.target)), "</ref>"),
            MentionKind::Instrument => {
                let id = refs.id(&m.target, "TLCReference", || {
                    tools
                        .label(&m.target, lang)
                        .unwrap_or_else(|| m.target.clone())
                });
                (
                    format!("<ref href=\"{}\" refersTo=\"#{id}\">", attr(&m.target)),
                    "</ref>",
                )
            }
            MentionKind::Body => {
                let id = refs.id(&m.target, "TLCOrganization", || {
                    tools
                        .label(&m.target, lang)
                        .unwrap_or_else(|| m.target.clone())
                });
                (
                    format!("<organization refersTo=\"#{id}\">"),
                    "</organization>",
                )
            }
        };
        for &(start, end) in &m.places {
            if let Some(range) = chars.bytes((start, end)) {
                inlines.push(Inline {
                    range,
                    rank: 1 + m.kind as u8,
                    open: open.clone(),
                    close,
                });
            }
        }
    }
    let organ_id = info
        .organ
        .as_ref()
        .and_then(|o| refs.by_iri.get(o))
        .map(|(id, _, _)| id.as_str());
    inlines.extend(masthead_inlines(
        version,
        &info,
        &akn,
        layout.preface.clone(),
        dates,
        organ_id,
        &chars,
    ));
    inlines.sort_by_key(|i| i.range.start);

    let mut body = Body {
        text,
        out: String::with_capacity(text.len() * 5 / 4 + 1024),
        at: 0,
        inlines: &inlines,
    };
    body.section("<preface>", "</preface>", layout.preface.end, false);
    let paragraph_starts: Vec<usize> = layout
        .preambular
        .iter()
        .chain(&layout.operative)
        .map(|(_, r)| r.start)
        .collect();
    // Each block takes the text up to the next one's start; the last one's ends where its
    // paragraph does, and what follows goes to the conclusions (or is the body, when there
    // is no operative paragraph).
    let next_start = |i: usize, own_end: usize| paragraph_starts.get(i).copied().unwrap_or(own_end);
    if layout.formula.is_some() || !layout.preambular.is_empty() {
        let start = layout.formula.as_ref().map(|f| f.start);
        body.space_to(
            start
                .or(paragraph_starts.first().copied())
                .unwrap_or(body.at),
        );
        body.tag("<preamble>");
        if let Some(f) = &layout.formula {
            body.unit(
                "<formula name=\"enactingFormula\">",
                "</formula>",
                None,
                f.end,
                next_start(0, f.end),
            );
        }
        for (i, (id, r)) in layout.preambular.iter().enumerate() {
            let name = own
                .verbs
                .get(id)
                .map_or("preambularParagraph", String::as_str);
            body.unit(
                &format!("<container name=\"{}\" eId=\"{id}\">", attr(name)),
                "</container>",
                None,
                r.end,
                next_start(i + 1, r.end),
            );
        }
        body.tag("</preamble>");
    }
    if layout.operative.is_empty() {
        body.section("<mainBody>", "</mainBody>", text.len(), true);
    } else {
        body.space_to(layout.operative[0].1.start);
        body.tag("<mainBody>");
        let first = layout.preambular.len();
        for (i, (id, r)) in layout.operative.iter().enumerate() {
            let ordinal = paragraph_order(id).map_or(0, |(_, n)| n);
            body.unit(
                &format!("<paragraph eId=\"{id}\">"),
                "</paragraph>",
                Some(number_end(text, r.clone(), ordinal)),
                r.end,
                next_start(first + i + 1, r.end),
            );
        }
        body.tag("</mainBody>");
        body.section("<conclusions>", "</conclusions>", text.len(), false);
    }
    let body = body.out;

    let mut xml = String::with_capacity(body.len() + 4096);
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><statement name=\"{}\" contains=\"originalVersion\">",
        own.name
    );
    write_meta(&mut xml, version, &info, &akn, &author, &refs);
    xml.push_str(&body);
    xml.push_str("</statement></akomaNtoso>\n");
    xml
}

/// The masthead's inlines: the symbol (`docNumber`), the title (`docTitle`), the adoption
/// date as printed (`docDate`) and the organ's name (`docProponent`, in the line of the
/// adoption date if it names it), each where first found within one block of the masthead.
fn masthead_inlines(
    version: &Version,
    info: &WorkInfo,
    akn: &AknWork,
    preface: Range<usize>,
    dates: Option<&DateReader>,
    organ_id: Option<&str>,
    chars: &Chars,
) -> Vec<Inline> {
    let text = version.text.as_str();
    let blocks = blocks(text, preface);
    let first_in_blocks = |find: &dyn Fn(&str) -> Option<Range<usize>>| {
        blocks
            .iter()
            .find_map(|b| find(&text[b.clone()]).map(|r| b.start + r.start..b.start + r.end))
    };
    let mut found = Vec::new();
    let mut add = |range: Range<usize>, open: String, close| {
        found.push(Inline {
            range,
            rank: 0,
            open,
            close,
        })
    };
    let number = info
        .symbol
        .as_deref()
        .and_then(|s| first_in_blocks(&|hay| find_printed(hay, s)))
        .or_else(|| first_in_blocks(&|hay| find_printed(hay, &akn.number_shown)))
        // A Council masthead may leave the year out: "Resolution 290".
        .or_else(|| {
            let (bare, _) = akn.number_shown.split_once(" (")?;
            first_in_blocks(&|hay| find_printed(hay, bare))
        });
    if let Some(r) = number {
        add(r, "<docNumber>".into(), "</docNumber>");
    }
    if let Some(title) = &version.title
        && let Some(r) = first_in_blocks(&|hay| find_words(hay, title))
    {
        add(r, "<docTitle>".into(), "</docTitle>");
    }
    let mut date_block = None;
    if let (Some(adopted), Some(dates)) = (&info.adopted, dates) {
        // Dates are read in the folded text, as the language data writes them.
        let printed = blocks.iter().find_map(|b| {
            let region = chars.folded_range(b.clone());
            let d = dates
                .find_all(&chars.folded[region.clone()])
                .into_iter()
                .find(|d| &d.iso == adopted)?;
            let at = region.start + d.range.start..region.start + d.range.end;
            Some((b.clone(), chars.unfolded(at)))
        });
        if let Some((block, r)) = printed {
            add(r, format!("<docDate date=\"{adopted}\">"), "</docDate>");
            date_block = Some(block);
        }
    }
    if let (Some(organ), Some(id)) = (&info.organ, organ_id) {
        let places: Vec<Range<usize>> = version
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Body && &m.target == organ)
            .flat_map(|m| m.places.iter().filter_map(|&p| chars.bytes(p)))
            .collect();
        let within = |b: &Range<usize>| {
            places
                .iter()
                .filter(|r| b.start <= r.start && r.end <= b.end)
                .min_by_key(|r| r.start)
                .cloned()
        };
        let proponent = date_block
            .as_ref()
            .and_then(within)
            .or_else(|| blocks.iter().find_map(within));
        if let Some(r) = proponent {
            add(
                r,
                format!("<docProponent refersTo=\"#{id}\">"),
                "</docProponent>",
            );
        }
    }
    found
}

/// Where a symbol or number is printed in `hay`, with any spacing ("S/RES/687(1991)" for
/// "S/RES/687 (1991)"), and not as part of a longer one.
fn find_printed(hay: &str, symbol: &str) -> Option<Range<usize>> {
    let parts: Vec<String> = symbol
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| regex::escape(&c.to_string()))
        .collect();
    if parts.is_empty() {
        return None;
    }
    let pattern = Regex::new(&parts.join(r"\s*")).ok()?;
    // A Chinese "第678(1990)号" prints the number between letters: only Latin letters, digits
    // and a slash make it part of a longer one.
    let joined =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic() || c.is_numeric() || c == '/');
    pattern
        .find_iter(hay)
        .find(|m| {
            !joined(hay[..m.start()].chars().next_back()) && !joined(hay[m.end()..].chars().next())
        })
        .map(|m| m.range())
}

/// Where words are printed in `hay`, however the lines broke them.
fn find_words(hay: &str, words: &str) -> Option<Range<usize>> {
    let parts: Vec<String> = words.split_whitespace().map(regex::escape).collect();
    if parts.is_empty() {
        return None;
    }
    Regex::new(&parts.join(r"\s+"))
        .ok()?
        .find(hay)
        .map(|m| m.range())
}

/// Where an operative paragraph's printed number ends ("1.", "2 -", "(3)"), or its start when
/// it does not open with its own number.
fn number_end(text: &str, paragraph: Range<usize>, ordinal: u32) -> usize {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\(?(\p{Nd}{1,4})\)?(?:[.．。、:]| ?[-–—])?").expect("a valid pattern")
    });
    match NUMBER.captures(&text[paragraph.clone()]) {
        Some(c) if ascii_digits(&c[1]).parse() == Ok(ordinal) => paragraph.start + c[0].len(),
        _ => paragraph.start,
    }
}

/// The body being written: the text is consumed in order, each byte once, as white space
/// between elements or as the text of one.
struct Body<'a> {
    text: &'a str,
    out: String,
    /// How much of the text is written.
    at: usize,
    /// Sorted by start.
    inlines: &'a [Inline],
}

impl Body<'_> {
    fn tag(&mut self, tag: &str) {
        self.out.push_str(tag);
    }

    /// The white space up to `end`, between elements.
    fn space_to(&mut self, end: usize) {
        self.out.push_str(&self.text[self.at..end]);
        self.at = end;
    }

    /// An element of `<p>` blocks for the text up to `end`, its surrounding white space left
    /// outside; an element `required` by the schema is written even with no text.
    fn section(&mut self, open: &str, close: &str, end: usize, required: bool) {
        let core = trim_xml_space(self.text, self.at..end);
        if core.is_empty() && !required {
            self.space_to(end);
            return;
        }
        self.space_to(core.start);
        self.tag(open);
        if core.is_empty() {
            self.tag("<p></p>");
        } else {
            self.blocks_to(core.end);
        }
        self.tag(close);
        self.space_to(end);
    }

    /// `<p>` blocks for the text up to `end`, cut at blank lines.
    fn blocks_to(&mut self, end: usize) {
        for block in blocks(self.text, self.at..end) {
            self.space_to(block.start);
            self.tag("<p>");
            self.inline_to(block.end);
            self.tag("</p>");
        }
        self.space_to(end);
    }

    /// A paragraph, formula or preambular container: its number (up to `number_end`), its text
    /// (up to `text_end`) in a `<p>`, then what stands before the next block (`extent_end`):
    /// white space after the element, anything else in `<p>` blocks inside it.
    fn unit(
        &mut self,
        open: &str,
        close: &str,
        number_end: Option<usize>,
        text_end: usize,
        extent_end: usize,
    ) {
        self.tag(open);
        let content = number_end.is_some();
        if let Some(end) = number_end.filter(|e| *e > self.at) {
            self.tag("<num>");
            self.inline_to(end);
            self.tag("</num>");
        }
        let text_start = trim_xml_space(self.text, self.at..text_end).start;
        self.space_to(text_start);
        if content {
            self.tag("<content>");
        }
        self.tag("<p>");
        self.inline_to(text_end);
        self.tag("</p>");
        let rest = trim_xml_space(self.text, text_end..extent_end);
        if !rest.is_empty() {
            self.blocks_to(rest.end);
        }
        if content {
            self.tag("</content>");
        }
        self.tag(close);
        self.space_to(extent_end);
    }

    /// The text up to `end` inside an element, with the places that lie wholly within it
    /// marked up. A place that runs past it (over a paragraph's end, into the next block of
    /// the masthead) is left unmarked, and of two that cross, the one of lower rank is kept
    /// (the masthead's, then citations, documents, instruments, bodies; the longer first):
    /// what is written is always well formed.
    fn inline_to(&mut self, end: usize) {
        let from = self.at;
        let inlines = self.inlines;
        let first = inlines.partition_point(|i| i.range.start < from);
        let mut candidates: Vec<&Inline> = inlines[first..]
            .iter()
            .take_while(|i| i.range.start < end)
            .filter(|i| i.range.end <= end)
            .collect();
        candidates.sort_by(|a, b| {
            (a.rank, b.range.len(), a.range.start, &a.open).cmp(&(
                b.rank,
                a.range.len(),
                b.range.start,
                &b.open,
            ))
        });
        let mut kept: Vec<&Inline> = Vec::new();
        for c in candidates {
            if kept.iter().all(|k| k.fits_with(c)) {
                kept.push(c);
            }
        }
        kept.sort_by(|a, b| {
            (a.range.start, b.range.end, a.rank).cmp(&(b.range.start, a.range.end, b.rank))
        });
        let mut open: Vec<&Inline> = Vec::new();
        for k in kept {
            while let Some(top) = open.last().filter(|t| t.range.end <= k.range.start) {
                self.escaped_to(top.range.end);
                self.out.push_str(top.close);
                open.pop();
            }
            self.escaped_to(k.range.start);
            self.out.push_str(&k.open);
            open.push(k);
        }
        while let Some(top) = open.pop() {
            self.escaped_to(top.range.end);
            self.out.push_str(top.close);
        }
        self.escaped_to(end);
    }

    fn escaped_to(&mut self, end: usize) {
        for c in self.text[self.at..end].chars() {
            match c {
                '&' => self.out.push_str("&amp;"),
                '<' => self.out.push_str("&lt;"),
                '>' => self.out.push_str("&gt;"),
                '\r' => self.out.push_str("&#13;"),
                '\u{c}' => self.out.push_str("<eop/>"),
                c if !is_xml_char(c) => {
                    let _ = write!(self.out, "<marker name=\"U+{:04X}\"/>", c as u32);
                }
                c => self.out.push(c),
            }
        }
        self.at = end;
    }
}

/// Whether XML 1.0 can hold the character, raw or as a reference.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// An attribute value: escaped, and what XML cannot hold left out (metadata only, never text).
fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// `<meta>`: the FRBR identification of work, expression and manifestation, and the
/// references (the organ, unkg, the organizations and instruments mentioned).
fn write_meta(
    xml: &mut String,
    version: &Version,
    info: &WorkInfo,
    akn: &AknWork,
    author: &str,
    refs: &References,
) {
    let lang = lang3(&version.lang);
    let expression = if akn.date.exact {
        format!("{}/{lang}@{}", akn.uri, akn.date.date)
    } else {
        format!("{}/{lang}@", akn.uri)
    };
    let date = format!(
        "<FRBRdate date=\"{}\" name=\"{}\"/>",
        akn.date.date, akn.date.name
    );
    let symbol = info.symbol.as_deref().map_or_else(String::new, |s| {
        format!(
            "\n        <FRBRalias value=\"{}\" name=\"symbol\"/>",
            attr(s)
        )
    });
    let _ = write!(
        xml,
        r##"<meta>
    <identification source="#unkg">
      <FRBRWork>
        <FRBRthis value="{work}/!main"/>
        <FRBRuri value="{work}"/>{symbol}
        <FRBRalias value="{work_iri}" name="unkg"/>
        {date}
        <FRBRauthor href="#{author}"/>
        <FRBRcountry value="un"/>
        <FRBRsubtype value="deliberation"/>
        <FRBRnumber value="{number}" showAs="{number_shown}"/>
      </FRBRWork>
      <FRBRExpression>
        <FRBRthis value="{expression}/!main"/>
        <FRBRuri value="{expression}"/>
        <FRBRalias value="{version_iri}" name="unkg"/>
        {date}
        <FRBRauthor href="#{author}"/>
        <FRBRlanguage language="{lang}"/>
      </FRBRExpression>
      <FRBRManifestation>
        <FRBRthis value="{expression}/!main.xml"/>
        <FRBRuri value="{expression}/.xml"/>
        {date}
        <FRBRauthor href="#unkg"/>
      </FRBRManifestation>
    </identification>
    <references source="#unkg">
      <TLCOrganization eId="unkg" href="https://w3id.org/unkg/" showAs="unkg"/>"##,
        work = attr(&akn.uri),
        work_iri = attr(&version.work),
        number = attr(&akn.number),
        number_shown = attr(&akn.number_shown),
        version_iri = attr(&version.iri),
    );
    if info.organ.is_none() {
        xml.push_str(
            "\n      <TLCOrganization eId=\"un\" href=\"https://www.un.org/\" showAs=\"United Nations\"/>",
        );
    }
    let mut tlcs: Vec<_> = refs.by_iri.iter().collect();
    tlcs.sort_by(|a, b| (a.1.1, &a.1.0).cmp(&(b.1.1, &b.1.0)));
    for (iri, (id, element, label)) in tlcs {
        let name = if *element == "TLCReference" {
            " name=\"instrument\""
        } else {
            ""
        };
        let _ = write!(
            xml,
            "\n      <{element} eId=\"{id}\" href=\"{}\"{name} showAs=\"{}\"/>",
            attr(iri),
            attr(label)
        );
    }
    xml.push_str("\n    </references>\n  </meta>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_become_iri_segments() {
        assert_eq!(iri_segment("79/47"), "79-47");
        assert_eq!(iri_segment("687 (1991)"), "687_(1991)");
        assert_eq!(iri_segment("ES-10/22"), "ES-10-22");
        assert_eq!(iri_segment("a@b#c"), "a%40b%23c");
    }

    #[test]
    fn works_are_named_as_akn4un_says() {
        let ga = WorkInfo {
            symbol: Some("A/RES/79/47".into()),
            organ: Some(format!("{BODY}un-ga")),
            adopted: Some("2024-12-02".into()),
        };
        let w = akn_work(&ga, "", None);
        assert_eq!(
            w.uri,
            "/akn/un/statement/deliberation/un-ga/2024-12-02/79-47"
        );
        assert_eq!(w.number_shown, "79/47");
        let sc = WorkInfo {
            symbol: Some("S/RES/660 (1990)".into()),
            organ: Some(format!("{BODY}un-sc")),
            adopted: None,
        };
        assert_eq!(
            akn_work(&sc, "", None).uri,
            "/akn/un/statement/deliberation/un-sc/1990/660_(1990)"
        );
        assert_eq!(
            akn_work(&sc, "", Some("1990-08-02")).uri,
            "/akn/un/statement/deliberation/un-sc/1990-08-02/660_(1990)"
        );
        let unknown = akn_work(
            &WorkInfo::default(),
            "https://w3id.org/unkg/doc/_unidentified/ab12",
            None,
        );
        assert_eq!(
            unknown.uri,
            "/akn/un/statement/deliberation/un/0001-01-01/ab12"
        );
    }

    #[test]
    fn only_calendar_dates_are_dates() {
        assert_eq!(calendar_date("2024-02-29"), Some("2024-02-29"));
        assert_eq!(calendar_date("2023-02-29"), None);
        assert_eq!(calendar_date("2024-2-9"), None);
        assert_eq!(calendar_date("0000-01-01"), None);
    }

    #[test]
    fn blocks_are_cut_at_blank_lines() {
        let text = "  a\nb \n\n c\n";
        let found: Vec<&str> = blocks(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["a\nb", "c"]);
    }

    #[test]
    fn printed_symbols_are_found_with_any_spacing_but_not_inside_others() {
        let hay = "A/RES/79/470 and S/RES/687(1991) and 79/47.";
        assert_eq!(find_printed(hay, "S/RES/687 (1991)"), Some(17..32));
        assert_eq!(find_printed(hay, "79/47").map(|r| &hay[r]), Some("79/47"));
        assert_eq!(find_printed(hay, "79/47"), Some(37..42));
    }

    #[test]
    fn crossing_places_keep_the_higher_ranked_and_text_is_kept_whole() {
        let text = "Charter of the United Nations & <x>\u{c}";
        let inlines = vec![
            Inline {
                range: 0..29,
                rank: 3,
                open: "<ref href=\"c\">".into(),
                close: "</ref>",
            },
            Inline {
                range: 15..29,
                rank: 4,
                open: "<organization refersTo=\"#un\">".into(),
                close: "</organization>",
            },
            Inline {
                range: 20..32,
                rank: 4,
                open: "<organization refersTo=\"#x\">".into(),
                close: "</organization>",
            },
        ];
        let mut body = Body {
            text,
            out: String::new(),
            at: 0,
            inlines: &inlines,
        };
        body.inline_to(text.len());
        assert_eq!(
            body.out,
            "<ref href=\"c\">Charter of the <organization refersTo=\"#un\">United Nations</organization></ref> &amp; &lt;x&gt;<eop/>"
        );
    }
}
