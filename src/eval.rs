//! Scoring extraction against hand-made gold files (format: `../shared/gold/README.md`):
//! precision, recall and F1 for the listed fields, accuracy for the single-valued ones, per
//! language, per organ and over all documents.

use crate::extract::Extractor;
use crate::extract::gazetteer::english_names;
use crate::record::Record;
use crate::symbol::compare_key;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    pub doc: String,
    pub lang: String,
    pub symbol: Option<String>,
    pub organ: Option<String>,
    pub adopted: Option<String>,
    pub session: Option<u32>,
    pub agenda_item: Option<String>,
    pub meeting: Option<String>,
    pub committee_report: Option<String>,
    pub title: Option<String>,
    pub preambular: usize,
    pub operative: usize,
    pub cites: Vec<GoldCite>,
    pub documents: Vec<String>,
    pub instruments: Vec<String>,
    pub bodies: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldCite {
    pub symbol: String,
    pub date: Option<String>,
    pub verb: Option<String>,
}

/// Counts for a listed field.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct SetScore {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl SetScore {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: &SetScore) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// Counts for a single-valued field.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Accuracy {
    pub correct: usize,
    pub total: usize,
}

impl Accuracy {
    pub fn value(&self) -> f64 {
        ratio(self.correct, self.total)
    }
    fn count(&mut self, ok: bool) {
        self.total += 1;
        self.correct += ok as usize;
    }
    fn add(&mut self, o: &Accuracy) {
        self.correct += o.correct;
        self.total += o.total;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

pub const SET_FIELDS: [&str; 4] = ["cites", "documents", "instruments", "bodies"];
pub const VALUE_FIELDS: [&str; 11] = [
    "symbol",
    "organ",
    "adopted",
    "session",
    "agenda_item",
    "meeting",
    "committee_report",
    "title",
    "paragraphs",
    "cite_dates",
    "cite_verbs",
];

#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    pub documents: usize,
    pub sets: BTreeMap<&'static str, SetScore>,
    pub values: BTreeMap<&'static str, Accuracy>,
}

impl Scores {
    fn add(&mut self, o: &Scores) {
        self.documents += o.documents;
        for (k, v) in &o.sets {
            self.sets.entry(k).or_default().add(v);
        }
        for (k, v) in &o.values {
            self.values.entry(k).or_default().add(v);
        }
    }

    /// Every headline metric by name (`cites_f1`, `symbol`, …): F1 for lists, accuracy else.
    pub fn metrics(&self) -> BTreeMap<String, f64> {
        let mut m = BTreeMap::new();
        for (k, v) in &self.sets {
            m.insert(format!("{k}_f1"), v.f1());
        }
        for (k, v) in &self.values {
            m.insert(k.to_string(), v.value());
        }
        m
    }
}

/// What differs in one document, for reading why a score is what it is.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocumentReport {
    pub gold: String,
    pub doc: String,
    pub lang: String,
    pub differences: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub overall: Scores,
    pub by_language: BTreeMap<String, Scores>,
    /// By the organ the gold file gives ("no organ" for a text whose organ cannot be known).
    pub by_organ: BTreeMap<String, Scores>,
    pub documents: Vec<DocumentReport>,
}

impl Report {
    /// Every scope scored: "all", each language, each organ.
    pub fn scopes(&self) -> impl Iterator<Item = (&str, &Scores)> {
        std::iter::once(("all", &self.overall))
            .chain(self.by_language.iter().map(|(k, v)| (k.as_str(), v)))
            .chain(self.by_organ.iter().map(|(k, v)| (k.as_str(), v)))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {message}")]
    Gold { path: String, message: String },
    #[error("{path}: cannot read the document the gold file names: {message}")]
    Document { path: String, message: String },
}

/// Every `*.json` gold file under the given folders, sorted.
pub fn gold_files(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, EvalError> {
    let mut files = Vec::new();
    for dir in dirs {
        let entries = std::fs::read_dir(dir).map_err(|e| EvalError::Gold {
            path: dir.display().to_string(),
            message: e.to_string(),
        })?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.extension().is_some_and(|e| e == "json") {
                files.push(p);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Where the document of a gold file lives: its `doc` path is relative to the gold folder's
/// parent (which holds `corpus/` for the shared gold, `fixtures/` for unkg's own); a path in
/// `corpus/` is in the folder `UNKG_CORPUS` names when that is set.
fn document_path(gold_path: &Path, doc: &str) -> PathBuf {
    if let (Some(corpus), Some(rel)) =
        (std::env::var_os("UNKG_CORPUS"), doc.strip_prefix("corpus/"))
    {
        return PathBuf::from(corpus).join(rel);
    }
    let base = gold_path
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    base.join(doc)
}

pub fn evaluate(extractor: &Extractor, gold_paths: &[PathBuf]) -> Result<Report, EvalError> {
    let mut report = Report::default();
    for path in gold_paths {
        let text = std::fs::read_to_string(path).map_err(|e| EvalError::Gold {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let gold: Gold = serde_json::from_str(&text).map_err(|e| EvalError::Gold {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let doc_path = document_path(path, &gold.doc);
        let raw = crate::input::read(&doc_path).map_err(|e| EvalError::Document {
            path: doc_path.display().to_string(),
            message: e.to_string(),
        })?;
        let record = extractor.extract(&gold.doc, &raw, None).record;
        let mut doc_report = DocumentReport {
            gold: path.display().to_string(),
            doc: gold.doc.clone(),
            lang: gold.lang.clone(),
            ..Default::default()
        };
        let scores = score(extractor, &gold, &record, &mut doc_report.differences);
        report.overall.add(&scores);
        report
            .by_language
            .entry(gold.lang.clone())
            .or_default()
            .add(&scores);
        report
            .by_organ
            .entry(gold.organ.clone().unwrap_or_else(|| "no organ".into()))
            .or_default()
            .add(&scores);
        report.documents.push(doc_report);
    }
    Ok(report)
}

/// Scores one record against its gold file, noting every difference.
pub fn score(
    extractor: &Extractor,
    gold: &Gold,
    record: &Record,
    diffs: &mut Vec<String>,
) -> Scores {
    let mut s = Scores {
        documents: 1,
        ..Default::default()
    };
    let mut value = |name: &'static str, ok: bool, got: String, want: String| {
        s.values.entry(name).or_default().count(ok);
        if !ok {
            diffs.push(format!("{name}: got {got}, want {want}"));
        }
    };
    // Single-valued fields, each compared in a normal form: symbols without case or spaces,
    // agenda items without spaces, titles by their letters and digits.
    let key = |o: &Option<String>| o.as_deref().map(compare_key);
    let agenda = |o: &Option<String>| {
        o.as_deref()
            .map(|a| a.split_whitespace().collect::<String>())
    };
    let title = |o: &Option<String>| {
        o.as_deref().map(|t| {
            t.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        })
    };
    let number = |n: Option<u32>| n.map(|n| n.to_string());
    let fields: [(&'static str, Option<String>, Option<String>); 8] = [
        ("symbol", key(&record.symbol), key(&gold.symbol)),
        ("organ", record.organ.clone(), gold.organ.clone()),
        ("adopted", record.adopted.clone(), gold.adopted.clone()),
        ("session", number(record.session), number(gold.session)),
        (
            "agenda_item",
            agenda(&record.agenda_item),
            agenda(&gold.agenda_item),
        ),
        ("meeting", record.meeting.clone(), gold.meeting.clone()),
        (
            "committee_report",
            key(&record.committee_report),
            key(&gold.committee_report),
        ),
        ("title", title(&record.title), title(&gold.title)),
    ];
    for (name, got, want) in fields {
        value(name, got == want, format!("{got:?}"), format!("{want:?}"));
    }
    value(
        "paragraphs",
        record.preambular == gold.preambular,
        format!("{} preambular", record.preambular),
        format!("{}", gold.preambular),
    );
    value(
        "paragraphs",
        record.operative == gold.operative,
        format!("{} operative", record.operative),
        format!("{}", gold.operative),
    );

    // Cited resolutions, and for those found, their dates and verbs.
    let got: Vec<String> = record
        .cites
        .iter()
        .map(|c| compare_key(&c.symbol))
        .collect();
    let want: Vec<String> = gold.cites.iter().map(|c| compare_key(&c.symbol)).collect();
    s.sets
        .insert("cites", set_score("cites", &got, &want, diffs));
    for g in &gold.cites {
        let Some(c) = record
            .cites
            .iter()
            .find(|c| compare_key(&c.symbol) == compare_key(&g.symbol))
        else {
            continue;
        };
        let ok = c.date == g.date;
        s.values.entry("cite_dates").or_default().count(ok);
        if !ok {
            diffs.push(format!(
                "cite date of {}: got {:?}, want {:?}",
                g.symbol, c.date, g.date
            ));
        }
        if let Some(v) = &g.verb {
            let ok = c
                .verb
                .as_deref()
                .is_some_and(|cv| cv.eq_ignore_ascii_case(v));
            s.values.entry("cite_verbs").or_default().count(ok);
            if !ok {
                diffs.push(format!(
                    "cite verb of {}: got {:?}, want {v:?}",
                    g.symbol, c.verb
                ));
            }
        }
    }
    let got: Vec<String> = record
        .documents
        .iter()
        .map(|d| compare_key(&d.symbol))
        .collect();
    let want: Vec<String> = gold.documents.iter().map(|d| compare_key(d)).collect();
    s.sets
        .insert("documents", set_score("documents", &got, &want, diffs));
    for (field, mentions, names) in [
        ("instruments", &record.instruments, &gold.instruments),
        ("bodies", &record.bodies, &gold.bodies),
    ] {
        s.sets.insert(
            field,
            entity_score(extractor, field, mentions, names, diffs),
        );
    }
    s
}

fn set_score(field: &str, got: &[String], want: &[String], diffs: &mut Vec<String>) -> SetScore {
    let mut score = SetScore::default();
    for g in dedup(got) {
        if want.contains(&g) {
            score.tp += 1;
        } else {
            score.fp += 1;
            diffs.push(format!("{field}: extra {g}"));
        }
    }
    for w in dedup(want) {
        if !got.contains(&w) {
            score.fn_ += 1;
            diffs.push(format!("{field}: missed {w}"));
        }
    }
    score
}

fn dedup(v: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for x in v {
        if !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

fn entity_score(
    extractor: &Extractor,
    field: &str,
    mentions: &[crate::record::EntityMention],
    gold: &[String],
    diffs: &mut Vec<String>,
) -> SetScore {
    let mut score = SetScore::default();
    let want: Vec<String> = gold.iter().map(|n| name_key(n)).collect();
    let mut matched = vec![false; want.len()];
    for m in mentions {
        let mut names = vec![name_key(&m.name)];
        if let Some(e) = extractor.lexicon().entity(&m.iri) {
            names.extend(english_names(e).map(name_key));
        }
        match want
            .iter()
            .enumerate()
            .position(|(i, w)| !matched[i] && names.contains(w))
        {
            Some(i) => {
                matched[i] = true;
                score.tp += 1;
            }
            None => {
                score.fp += 1;
                diffs.push(format!("{field}: extra {}", m.name));
            }
        }
    }
    for (i, ok) in matched.iter().enumerate() {
        if !ok {
            score.fn_ += 1;
            diffs.push(format!("{field}: missed {}", gold[i]));
        }
    }
    score
}

/// The README's name comparison: NFKC, lower case, no leading "the", letters and digits only.
pub fn name_key(name: &str) -> String {
    let n: String = name.nfkc().collect::<String>().to_lowercase();
    let n = n.trim_start();
    let n = n.strip_prefix("the ").unwrap_or(n);
    n.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A score that does not meet the recorded levels.
#[derive(Debug, Clone, PartialEq)]
pub enum Shortfall {
    Below {
        scope: String,
        metric: String,
        got: f64,
        level: f64,
    },
    /// A language, organ (or "all") that the gold files hold and the thresholds file does not.
    ScopeMissing(String),
    /// A metric measured in a scope that has no recorded level for it.
    MetricMissing { scope: String, metric: String },
}

impl std::fmt::Display for Shortfall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Shortfall::Below {
                scope,
                metric,
                got,
                level,
            } => write!(
                f,
                "{metric} for {scope} is {got:.3}, below its recorded level {level:.3}"
            ),
            Shortfall::ScopeMissing(scope) => write!(
                f,
                "the thresholds file has no levels for {scope}; record them with --record"
            ),
            Shortfall::MetricMissing { scope, metric } => write!(
                f,
                "the thresholds file has no level for {metric} in {scope}; record it with --record"
            ),
        }
    }
}

/// Every way the report falls short of the recorded levels. Each scope and metric the report
/// measures must have a level: a gate that skips what it does not know is no gate.
pub fn below_thresholds(
    report: &Report,
    thresholds: &BTreeMap<String, BTreeMap<String, f64>>,
) -> Vec<Shortfall> {
    let mut failures = Vec::new();
    for (scope, scores) in report.scopes() {
        let Some(limits) = thresholds.get(scope) else {
            failures.push(Shortfall::ScopeMissing(scope.to_string()));
            continue;
        };
        for (metric, got) in scores.metrics() {
            let Some(&level) = limits.get(&metric) else {
                failures.push(Shortfall::MetricMissing {
                    scope: scope.to_string(),
                    metric,
                });
                continue;
            };
            // Rounded as printed, so a recorded level is met by the same figure.
            if (got * 1000.0).round() < (level * 1000.0).round() {
                failures.push(Shortfall::Below {
                    scope: scope.to_string(),
                    metric,
                    got,
                    level,
                });
            }
        }
    }
    failures
}

/// The tables `unkg eval` prints: one row a metric, one column per language and for all; then
/// one column per organ.
pub fn table(report: &Report) -> String {
    let mut by_language: Vec<(&str, &Scores)> = report
        .by_language
        .iter()
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    by_language.push(("all", &report.overall));
    let by_organ: Vec<(&str, &Scores)> = report
        .by_organ
        .iter()
        .map(|(k, v)| (short_organ(k), v))
        .collect();
    format!("{}\n{}", scope_table(&by_language), scope_table(&by_organ))
}

/// An organ's name short enough for a column ("Human Rights Council" → "HRC").
fn short_organ(organ: &str) -> &str {
    match organ {
        "General Assembly" => "GA",
        "Security Council" => "SC",
        "Human Rights Council" => "HRC",
        "Economic and Social Council" => "ECOSOC",
        other => other,
    }
}

fn scope_table(scopes: &[(&str, &Scores)]) -> String {
    let mut out = format!("{:<22}", "metric");
    for (name, s) in scopes {
        out.push_str(&format!("{:>12}", format!("{name} ({})", s.documents)));
    }
    out.push('\n');
    for field in SET_FIELDS {
        for (label, f) in [
            ("P", SetScore::precision as fn(&SetScore) -> f64),
            ("R", SetScore::recall),
            ("F1", SetScore::f1),
        ] {
            out.push_str(&format!("{:<22}", format!("{field} {label}")));
            for (_, s) in scopes {
                out.push_str(&format!("{:>12.3}", s.sets.get(field).map_or(1.0, f)));
            }
            out.push('\n');
        }
    }
    for field in VALUE_FIELDS {
        out.push_str(&format!("{field:<22}"));
        for (_, s) in scopes {
            out.push_str(&format!(
                "{:>12.3}",
                s.values.get(field).map_or(1.0, Accuracy::value)
            ));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_as_the_gold_readme_says() {
        assert_eq!(
            name_key("United Nations Peace-keeping Force in Cyprus"),
            name_key("the United Nations Peacekeeping Force in Cyprus")
        );
        assert_ne!(name_key("Security Council"), name_key("General Assembly"));
    }

    #[test]
    fn set_scores() {
        let mut diffs = Vec::new();
        let s = set_score(
            "cites",
            &["A".into(), "B".into()],
            &["B".into(), "C".into()],
            &mut diffs,
        );
        assert_eq!((s.tp, s.fp, s.fn_), (1, 1, 1));
        assert!((s.f1() - 0.5).abs() < 1e-9);
        assert_eq!(diffs.len(), 2);
    }
}
