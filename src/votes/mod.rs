//! General Assembly roll-call votes (the `unvotes` tables: roll calls, country votes, issue
//! tags) as Popolo vote events in one named graph: each roll call a `opengov:VoteEvent` on its
//! resolution's work, with its date, its counts and each State's vote.
//!
//! The tables name resolutions in several styles (`R/67/39`, `A/RES/71/71`, `R/33/116A/I`);
//! [`symbol_of`] reads them, and says why when a code names no resolution. A roll call it
//! cannot link is still loaded (agreement between States counts every roll call); a row that
//! cannot be loaded at all is listed with its line.

mod symbols;

pub use symbols::symbol_of;

use crate::rdf::vocab::*;
use crate::store::{Store, StoreError};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};
use oxigraph::sparql::CancellationToken;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The graph that holds every vote event; loading again replaces it.
pub const VOTES_GRAPH: &str = "https://w3id.org/unkg/graph/votes";

/// What a load writes, by version: part of the digest, so that a store loaded by an earlier
/// layout is loaded again.
const LAYOUT: u32 = 1;

/// The bulk loader's memory: its default batches took the load of 3.5 million quads to 2 GB.
const LOADER_MEGABYTES: usize = 256;

#[derive(Debug, thiserror::Error)]
pub enum VotesError {
    #[error("{}: cannot read it: {error}", .path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}:{line}: {message}", .path.display())]
    Table {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<oxigraph::store::StorageError> for VotesError {
    fn from(e: oxigraph::store::StorageError) -> Self {
        VotesError::Store(e.into())
    }
}

/// The tables a load reads.
pub struct Tables<'a> {
    pub roll_calls: &'a Path,
    pub votes: &'a Path,
    pub issues: Option<&'a Path>,
}

/// What a roll call voted on: the text as a whole, an amendment, or a part put to a separate
/// vote. The tables flag amendments and paragraph votes; a code that names a section of a
/// resolution ("R/34/233/XII") is a part too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Whole,
    Amendment,
    Paragraph,
}

impl Scope {
    fn as_str(self) -> &'static str {
        match self {
            Scope::Whole => "whole",
            Scope::Amendment => "amendment",
            Scope::Paragraph => "paragraph",
        }
    }
}

/// The options of a vote, in the order tallies print them.
pub const OPTIONS: [&str; 3] = ["yes", "no", "abstain"];

/// Each vote again as one triple from its event to the State, by option: what comparing two
/// States' votes reads (through the vote nodes, agreement per session took 7 s; this way, a
/// fraction of one).
const CAST: [&str; 3] = [UNKG_VOTED_YES, UNKG_VOTED_NO, UNKG_ABSTAINED];

/// A row that could not be loaded or linked, and why.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Unplaced {
    pub file: String,
    pub line: u64,
    pub value: String,
    pub reason: String,
}

/// What a load read and did.
#[derive(Debug, Default, serde::Serialize)]
pub struct Report {
    pub roll_calls: usize,
    /// Roll calls linked to a resolution's work.
    pub linked: usize,
    pub votes: usize,
    pub issue_tags: usize,
    pub resolutions: usize,
    pub countries: usize,
    /// Roll calls loaded without a link to a resolution: their code names none.
    pub not_linked: Vec<Unplaced>,
    /// Rows not loaded at all.
    pub left_out: Vec<Unplaced>,
    /// The sessions whose roll calls were written (the others were held as loaded).
    pub sessions_written: usize,
    /// The store held this very load already: nothing was written.
    pub unchanged: bool,
}

struct RollCall {
    rcid: String,
    /// The graph of its session.
    graph: String,
    session: Option<i64>,
    important: bool,
    date: Option<String>,
    short: String,
    description: String,
    scope: Scope,
    symbol: Option<String>,
    part: Option<String>,
    tally: [u32; 3],
    issues: Vec<String>,
}

/// Reads the tables and puts their roll calls, votes and issue tags into the store, in place
/// of what an earlier load put there. Each session's roll calls have a graph of their own,
/// marked with the digest of the rows it was made from: a load writes only the sessions whose
/// rows changed (removing a graph takes a minute a million quads).
pub fn load(store: &Store, tables: &Tables) -> Result<Report, VotesError> {
    let mut report = Report::default();
    let mut digests = Digests::default();
    let mut roll_calls = read_roll_calls(tables.roll_calls, &mut report, &mut digests)?;
    if let Some(issues) = tables.issues {
        read_issues(issues, &mut roll_calls, &mut report, &mut digests)?;
    }
    let mut countries = BTreeMap::new();
    let mut votes = Vec::new();
    read_votes(
        tables.votes,
        &mut roll_calls,
        &mut countries,
        &mut votes,
        &mut report,
        &mut digests,
    )?;
    report.roll_calls = roll_calls.len();
    report.linked = roll_calls.values().filter(|r| r.symbol.is_some()).count();
    report.countries = countries.len();
    let mut resolutions: Vec<&str> = roll_calls
        .values()
        .filter_map(|r| r.symbol.as_deref())
        .collect();
    resolutions.sort_unstable();
    resolutions.dedup();
    report.resolutions = resolutions.len();

    // The States, in the graph of all votes; the resolutions voted on that the store does not
    // hold the text of, as stubs (a citation would put the same facts there).
    let graph = GraphName::NamedNode(node(VOTES_GRAPH));
    let mut nodes = Vec::new();
    for (code, name) in &countries {
        let country = node(&country_iri(code));
        nodes.push(quad(&country, RDF_TYPE, node(UNKG_COUNTRY), &graph));
        nodes.push(quad(
            &country,
            SKOS_PREF_LABEL,
            Literal::from(name.as_str()),
            &graph,
        ));
        if !code.starts_with('_') {
            nodes.push(quad(
                &country,
                UNKG_COUNTRY_CODE,
                Literal::from(code.as_str()),
                &graph,
            ));
        }
    }
    let ingested = NamedNodeRef::new_unchecked(UNKG_INGESTED);
    let mut stubs = store.oxigraph().start_transaction()?;
    for symbol in &resolutions {
        let work = node(&work_iri(symbol));
        let held = store
            .oxigraph()
            .quads_for_pattern(
                Some(work.as_ref().into()),
                Some(ingested),
                Some(Literal::from(true).as_ref().into()),
                None,
            )
            .next()
            .transpose()?
            .is_some();
        if !held {
            for q in crate::rdf::resolution_stub(symbol) {
                stubs.insert(&q);
            }
        }
    }
    stubs.commit()?;
    store.replace_graph(VOTES_GRAPH, &nodes)?;

    let wanted = digests.finish();
    let held = session_graphs(store)?;
    let changed: BTreeMap<&str, &str> = wanted
        .iter()
        .filter(|(g, d)| held.get(*g) != Some(*d))
        .map(|(g, d)| (g.as_str(), d.as_str()))
        .collect();
    let inner = store.oxigraph();
    for (g, digest) in &held {
        if !wanted.contains_key(g) || changed.contains_key(g.as_str()) {
            // The mark goes first, so that a load cut short is never taken for a whole one.
            let graph = NamedNodeRef::new_unchecked(g);
            inner.remove(&loaded_mark(g, digest))?;
            inner.clear_graph(graph)?;
            inner.remove_named_graph(graph)?;
        }
    }
    report.sessions_written = changed.len();
    report.unchanged = changed.is_empty() && held.len() == wanted.len();
    if changed.is_empty() {
        return Ok(report);
    }
    let mut events = HashMap::with_capacity(roll_calls.len());
    let mut quads = Vec::new();
    for r in roll_calls
        .values()
        .filter(|r| changed.contains_key(r.graph.as_str()))
    {
        let event = node(&format!("{VOTE}unvotes/{}", r.rcid));
        let graph = GraphName::NamedNode(node(&r.graph));
        event_quads(&event, r, &graph, &mut quads);
        events.insert(r.rcid.as_str(), (event, graph));
    }
    let mut loader = inner
        .bulk_loader()
        .with_num_threads(2)
        .with_max_memory_size_in_megabytes(LOADER_MEGABYTES);
    loader.load_quads(quads)?;
    loader.load_quads(
        votes
            .iter()
            .filter_map(|(rcid, code, option)| {
                let (event, graph) = events.get(rcid.as_str())?;
                let vote = node(&format!("{}/{}", event.as_str(), country_slug(code)));
                let country = node(&country_iri(code));
                Some([
                    quad(&vote, OPENGOV_VOTE_EVENT, event.clone(), graph),
                    quad(&vote, OPENGOV_VOTER, country.clone(), graph),
                    quad(
                        &vote,
                        OPENGOV_OPTION,
                        Literal::from(OPTIONS[*option]),
                        graph,
                    ),
                    quad(event, CAST[*option], country, graph),
                ])
            })
            .flatten(),
    )?;
    loader.commit()?;
    for (g, digest) in changed {
        inner.insert(&loaded_mark(g, digest))?;
    }
    Ok(report)
}

/// The graph of one session's roll calls.
fn session_graph(session: Option<i64>) -> String {
    match session {
        Some(n) => format!("{VOTES_GRAPH}/session/{n}"),
        None => format!("{VOTES_GRAPH}/session/unknown"),
    }
}

/// The quad that marks a session's graph as loaded whole from rows of this digest.
fn loaded_mark(graph: &str, digest: &str) -> Quad {
    let g = node(graph);
    quad(
        &g,
        UNKG_LOADED_FROM,
        Literal::from(digest),
        &GraphName::NamedNode(g.clone()),
    )
}

/// The session graphs the store holds whole, with the digest of the rows each was made from.
fn session_graphs(store: &Store) -> Result<BTreeMap<String, String>, StoreError> {
    let prefix = format!("{VOTES_GRAPH}/session/");
    let mut held = BTreeMap::new();
    for q in store.oxigraph().quads_for_pattern(
        None,
        Some(NamedNodeRef::new_unchecked(UNKG_LOADED_FROM)),
        None,
        None,
    ) {
        let q = q?;
        if let (GraphName::NamedNode(g), Term::Literal(d)) = (&q.graph_name, &q.object)
            && g.as_str().starts_with(&prefix)
        {
            held.insert(g.as_str().to_string(), d.value().to_string());
        }
    }
    Ok(held)
}

/// A digest per session graph of the table rows that make it.
#[derive(Default)]
struct Digests(BTreeMap<String, Sha256>);

impl Digests {
    fn add(&mut self, graph: &str, row: &csv::StringRecord) {
        let digest = self.0.entry(graph.to_string()).or_insert_with(|| {
            let mut d = Sha256::new();
            d.update(LAYOUT.to_le_bytes());
            d
        });
        for field in row {
            digest.update((field.len() as u64).to_le_bytes());
            digest.update(field.as_bytes());
        }
    }

    fn finish(self) -> BTreeMap<String, String> {
        self.0
            .into_iter()
            .map(|(g, d)| (g, format!("{:x}", d.finalize())))
            .collect()
    }
}

fn event_quads(event: &NamedNode, r: &RollCall, graph: &GraphName, quads: &mut Vec<Quad>) {
    let mut add = |predicate: &str, object: Term| quads.push(quad(event, predicate, object, graph));
    add(RDF_TYPE, node(OPENGOV_VOTE_EVENT_CLASS).into());
    add(DCT_IDENTIFIER, Literal::from(r.rcid.as_str()).into());
    add(UNKG_VOTE_SCOPE, Literal::from(r.scope.as_str()).into());
    if let Some(symbol) = &r.symbol {
        add(UNKG_VOTE_ON, node(&work_iri(symbol)).into());
    }
    if let Some(part) = &r.part {
        add(UNKG_VOTED_PART, Literal::from(part.as_str()).into());
    }
    if let Some(date) = &r.date {
        add(DCT_DATE, typed(date, "date").into());
    }
    if let Some(session) = r.session {
        add(UNKG_SESSION, Literal::from(session).into());
    }
    if r.important {
        add(UNKG_IMPORTANT_VOTE, Literal::from(true).into());
    }
    for (predicate, text) in [(DCT_TITLE, &r.short), (DCT_DESCRIPTION, &r.description)] {
        if !text.is_empty() {
            add(predicate, Literal::from(text.as_str()).into());
        }
    }
    for issue in &r.issues {
        add(DCT_SUBJECT, Literal::from(issue.as_str()).into());
    }
    let count_of = |option: &str| node(&format!("{}#{option}", event.as_str()));
    for option in OPTIONS {
        add(OPENGOV_COUNT, count_of(option).into());
    }
    for (option, n) in OPTIONS.iter().zip(r.tally) {
        let count = count_of(option);
        quads.push(quad(&count, RDF_TYPE, node(OPENGOV_COUNT_CLASS), graph));
        quads.push(quad(&count, OPENGOV_OPTION, Literal::from(*option), graph));
        quads.push(quad(&count, RDF_VALUE, Literal::from(i64::from(n)), graph));
    }
}

fn read_table(path: &Path) -> Result<Vec<u8>, VotesError> {
    std::fs::read(path).map_err(|error| VotesError::Read {
        path: path.to_path_buf(),
        error,
    })
}

type Table<'b> = csv::Reader<&'b [u8]>;

fn reader(bytes: &[u8]) -> Table<'_> {
    csv::ReaderBuilder::new().flexible(true).from_reader(bytes)
}

/// The line each record starts on, counted from its byte offset (the csv crate counts a
/// CR LF file's lines one short).
struct Lines<'b> {
    bytes: &'b [u8],
    counted_to: usize,
    breaks: u64,
}

impl<'b> Lines<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        Lines {
            bytes,
            counted_to: 0,
            breaks: 0,
        }
    }

    fn of(&mut self, record: &csv::StringRecord) -> u64 {
        // The offset may point at the LF of the CR LF before the record: counted with it.
        let at = record
            .position()
            .map_or(self.counted_to, |p| p.byte() as usize + 1)
            .clamp(self.counted_to, self.bytes.len());
        self.breaks += self.bytes[self.counted_to..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.counted_to = at;
        self.breaks + 1
    }
}

/// The positions of `wanted` columns in a table's header, or which one is missing.
fn columns<const N: usize>(
    path: &Path,
    reader: &mut Table,
    wanted: [&str; N],
) -> Result<[usize; N], VotesError> {
    let header = reader.headers().map_err(|e| table_error(path, &e))?.clone();
    let mut at = [0; N];
    for (slot, name) in at.iter_mut().zip(wanted) {
        *slot = header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| VotesError::Table {
                path: path.to_path_buf(),
                line: 1,
                message: format!(
                    "no column \"{name}\" in the header (it has: {}); is this the right table?",
                    header.iter().collect::<Vec<_>>().join(", ")
                ),
            })?;
    }
    Ok(at)
}

fn table_error(path: &Path, e: &csv::Error) -> VotesError {
    VotesError::Table {
        path: path.to_path_buf(),
        line: e.position().map_or(0, |p| p.line()),
        message: e.to_string(),
    }
}

fn unplaced(path: &Path, line: u64, value: &str, reason: impl Into<String>) -> Unplaced {
    Unplaced {
        file: path.display().to_string(),
        line,
        value: value.to_string(),
        reason: reason.into(),
    }
}

fn read_roll_calls(
    path: &Path,
    report: &mut Report,
    digests: &mut Digests,
) -> Result<BTreeMap<RcidKey, RollCall>, VotesError> {
    let bytes = read_table(path)?;
    let mut reader = reader(&bytes);
    let mut lines = Lines::new(&bytes);
    let [
        rcid,
        session,
        important,
        date,
        unres,
        amend,
        para,
        short,
        descr,
    ] = columns(
        path,
        &mut reader,
        [
            "rcid",
            "session",
            "importantvote",
            "date",
            "unres",
            "amend",
            "para",
            "short",
            "descr",
        ],
    )?;
    let mut roll_calls = BTreeMap::new();
    for row in reader.records() {
        let row = row.map_err(|e| table_error(path, &e))?;
        let line = lines.of(&row);
        let field = |i: usize| row.get(i).unwrap_or("").trim();
        let id = field(rcid);
        let Some(key) = RcidKey::of(id) else {
            report.left_out.push(unplaced(
                path,
                line,
                id,
                "the roll-call number (rcid) is not a number",
            ));
            continue;
        };
        let session_number = field(session).parse::<i64>().ok();
        let flag = |i: usize| field(i) == "1";
        let code = field(unres);
        let (symbol, part) = match symbol_of(code) {
            Ok((symbol, part)) => (Some(symbol), part),
            Err(reason) => {
                report.not_linked.push(unplaced(path, line, code, reason));
                (None, None)
            }
        };
        let scope = if flag(amend) {
            Scope::Amendment
        } else if flag(para) || part.is_some() {
            Scope::Paragraph
        } else {
            Scope::Whole
        };
        let date_text = field(date);
        let graph = session_graph(session_number);
        digests.add(&graph, &row);
        let roll_call = RollCall {
            rcid: id.to_string(),
            graph,
            session: session_number,
            important: flag(important),
            date: is_iso_date(date_text).then(|| date_text.to_string()),
            short: field(short).to_string(),
            description: field(descr).to_string(),
            scope,
            symbol,
            part,
            tally: [0; 3],
            issues: Vec::new(),
        };
        if roll_calls.insert(key, roll_call).is_some() {
            report.left_out.push(unplaced(
                path,
                line,
                id,
                "a second row for this roll call; the last is kept",
            ));
        }
    }
    Ok(roll_calls)
}

fn read_issues(
    path: &Path,
    roll_calls: &mut BTreeMap<RcidKey, RollCall>,
    report: &mut Report,
    digests: &mut Digests,
) -> Result<(), VotesError> {
    let bytes = read_table(path)?;
    let mut reader = reader(&bytes);
    let mut lines = Lines::new(&bytes);
    let [rcid, issue] = columns(path, &mut reader, ["rcid", "issue"])?;
    for row in reader.records() {
        let row = row.map_err(|e| table_error(path, &e))?;
        let line = lines.of(&row);
        let id = row.get(rcid).unwrap_or("").trim();
        match RcidKey::of(id).and_then(|k| roll_calls.get_mut(&k)) {
            Some(r) => {
                digests.add(&r.graph, &row);
                r.issues
                    .push(row.get(issue).unwrap_or("").trim().to_string());
                report.issue_tags += 1;
            }
            None => report
                .left_out
                .push(unplaced(path, line, id, "no roll call has this number")),
        }
    }
    for r in roll_calls.values_mut() {
        r.issues.sort_unstable();
        r.issues.dedup();
    }
    Ok(())
}

/// A State's vote as read: (rcid, country key, option index).
type VoteRow = (String, String, usize);

fn read_votes(
    path: &Path,
    roll_calls: &mut BTreeMap<RcidKey, RollCall>,
    countries: &mut BTreeMap<String, String>,
    votes: &mut Vec<VoteRow>,
    report: &mut Report,
    digests: &mut Digests,
) -> Result<(), VotesError> {
    let bytes = read_table(path)?;
    let mut reader = reader(&bytes);
    let mut lines = Lines::new(&bytes);
    let [rcid, country, code, vote] = columns(
        path,
        &mut reader,
        ["rcid", "country", "country_code", "vote"],
    )?;
    let mut seen = std::collections::HashSet::new();
    for row in reader.records() {
        let row = row.map_err(|e| table_error(path, &e))?;
        let line = lines.of(&row);
        let field = |i: usize| row.get(i).unwrap_or("").trim();
        let id = field(rcid);
        let Some(roll_call) = RcidKey::of(id).and_then(|k| roll_calls.get_mut(&k)) else {
            report
                .left_out
                .push(unplaced(path, line, id, "no roll call has this number"));
            continue;
        };
        let value = field(vote);
        let Some(option) = OPTIONS.iter().position(|o| o.eq_ignore_ascii_case(value)) else {
            report.left_out.push(unplaced(
                path,
                line,
                value,
                "not a vote (yes, no or abstain)",
            ));
            continue;
        };
        let name = field(country);
        // A State the table gives no code (the Federal Republic of Germany, the Yemen Arab
        // Republic) is keyed on its name.
        let key = match field(code) {
            c if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) => c.to_string(),
            "" if !name.is_empty() => format!("_{name}"),
            other => {
                report.left_out.push(unplaced(
                    path,
                    line,
                    other,
                    "neither a two-letter country code nor a country name",
                ));
                continue;
            }
        };
        if !seen.insert((id.to_string(), key.clone())) {
            report.left_out.push(unplaced(
                path,
                line,
                id,
                "a second vote of this State in this roll call; the first is kept",
            ));
            continue;
        }
        digests.add(&roll_call.graph, &row);
        roll_call.tally[option] += 1;
        countries
            .entry(key.clone())
            .or_insert_with(|| name.to_string());
        votes.push((roll_call.rcid.clone(), key, option));
        report.votes += 1;
    }
    Ok(())
}

/// Roll calls in the order of their numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RcidKey(u64);

impl RcidKey {
    fn of(s: &str) -> Option<Self> {
        s.parse().ok().map(RcidKey)
    }
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The IRI part of a country key: its code, or its name with "_" for spaces.
fn country_slug(key: &str) -> String {
    key.trim_start_matches('_')
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect()
}

pub fn country_iri(key: &str) -> String {
    format!("{COUNTRY}{}", country_slug(key))
}

fn node(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn typed(value: &str, datatype: &str) -> Literal {
    Literal::new_typed_literal(value, node(&format!("{XSD}{datatype}")))
}

fn quad(subject: &NamedNode, predicate: &str, object: impl Into<Term>, graph: &GraphName) -> Quad {
    Quad::new(subject.clone(), node(predicate), object, graph.clone())
}

/// One roll call as the store holds it, for `unkg votes SYMBOL` and the resolution page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Event {
    pub rcid: String,
    pub date: Option<String>,
    pub scope: String,
    pub part: Option<String>,
    pub title: Option<String>,
    /// Yes, no and abstain, as [`OPTIONS`] orders them.
    pub tally: [u32; 3],
    /// Each State's vote, by name.
    pub votes: Vec<CountryVote>,
}

impl Event {
    /// What the roll call was on: "the resolution as a whole", "part XII", "an amendment".
    pub fn what(&self) -> String {
        match (self.scope.as_str(), &self.part) {
            ("whole", _) => "the resolution as a whole".to_string(),
            (_, Some(part)) => format!("part {part}"),
            ("amendment", None) => "an amendment".to_string(),
            (scope, None) => format!("a {scope}"),
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct CountryVote {
    pub name: String,
    /// Empty for a State the tables give no code.
    pub code: String,
    pub option: String,
}

/// The roll calls on one resolution (by work IRI), the whole text's first, then by date.
/// Its queries stop when `cancel` is cancelled.
pub fn events_on(
    store: &Store,
    work: &str,
    cancel: &CancellationToken,
) -> Result<Vec<Event>, StoreError> {
    let rows = store.rows(
        &format!(
            "PREFIX unkg: <{UNKG}> PREFIX og: <{OPENGOV}> PREFIX dct: <{DCT}>
             SELECT ?event ?rcid ?date ?scope ?part ?title ?option ?n WHERE {{
               ?event unkg:voteOn <{work}> ; dct:identifier ?rcid ; unkg:voteScope ?scope ;
                      og:count ?count .
               ?count og:option ?option ; <{RDF_VALUE}> ?n .
               OPTIONAL {{ ?event dct:date ?date }}
               OPTIONAL {{ ?event unkg:votedPart ?part }}
               OPTIONAL {{ ?event dct:title ?title }}
             }}"
        ),
        cancel,
    )?;
    let present = |s: &String| (!s.is_empty()).then(|| s.clone());
    let mut events: BTreeMap<String, Event> = BTreeMap::new();
    for row in &rows {
        let [iri, rcid, date, scope, part, title, option, n] = &row[..] else {
            continue;
        };
        let event = events.entry(iri.clone()).or_insert_with(|| Event {
            rcid: rcid.clone(),
            date: present(date),
            scope: scope.clone(),
            part: present(part),
            title: present(title),
            tally: [0; 3],
            votes: Vec::new(),
        });
        if let Some(i) = OPTIONS.iter().position(|o| o == option) {
            event.tally[i] = n.parse().unwrap_or(0);
        }
    }
    for (iri, event) in &mut events {
        let rows = store.rows(
            &format!(
                "PREFIX unkg: <{UNKG}> PREFIX og: <{OPENGOV}> PREFIX skos: <{SKOS}>
                 SELECT ?name ?code ?option WHERE {{
                   ?vote og:voteEvent <{iri}> ; og:voter ?country ; og:option ?option .
                   ?country skos:prefLabel ?name .
                   OPTIONAL {{ ?country unkg:countryCode ?code }}
                 }} ORDER BY ?name"
            ),
            cancel,
        )?;
        event.votes = rows
            .into_iter()
            .filter_map(|r| match <[String; 3]>::try_from(r) {
                Ok([name, code, option]) => Some(CountryVote { name, code, option }),
                Err(_) => None,
            })
            .collect();
    }
    let mut events: Vec<Event> = events.into_values().collect();
    events.sort_by_key(|e| (e.scope != "whole", e.date.clone(), rcid_order(&e.rcid)));
    Ok(events)
}

fn rcid_order(rcid: &str) -> u64 {
    rcid.parse().unwrap_or(u64::MAX)
}
