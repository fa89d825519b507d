//! `unkg audit`: a check of citation recall that needs no gold. A permissive scan of the whole
//! text finds every span shaped like a resolution number; each must be a kept citation or a
//! span that extraction rejected with a stated reason. What is neither is listed with its
//! context, for a reader to judge (and for the rules to grow from).

use crate::extract::Extraction;
use crate::extract::candidates;
use crate::record::Span;
use crate::text::Intervals;
use serde::Serialize;
use std::collections::BTreeMap;

/// A citation-shaped span that extraction neither kept nor rejected for a reason.
#[derive(Debug, Clone, Serialize)]
pub struct Unexplained {
    pub text: String,
    pub span: Span,
    /// The text around it, on one line.
    pub context: String,
}

/// The audit of one document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FileAudit {
    pub doc: String,
    pub lang: String,
    pub organ: Option<String>,
    /// Citation-shaped spans the permissive scan found.
    pub scanned: usize,
    /// Of those, spans of kept citations.
    pub kept: usize,
    /// Of those, spans rejected with a reason.
    pub rejected: usize,
    pub unexplained: Vec<Unexplained>,
}

/// Totals over many documents.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Totals {
    pub documents: usize,
    pub scanned: usize,
    pub kept: usize,
    pub rejected: usize,
    pub unexplained: usize,
}

impl Totals {
    fn add(&mut self, file: &FileAudit) {
        self.documents += 1;
        self.scanned += file.scanned;
        self.kept += file.kept;
        self.rejected += file.rejected;
        self.unexplained += file.unexplained.len();
    }

    /// The share of scanned spans that were kept or rejected for a reason.
    pub fn accounted(&self) -> f64 {
        if self.scanned == 0 {
            1.0
        } else {
            (self.kept + self.rejected) as f64 / self.scanned as f64
        }
    }
}

/// The audit of many documents: each file, and totals per language and per organ.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub files: Vec<FileAudit>,
    pub all: Totals,
    pub by_language: BTreeMap<String, Totals>,
    pub by_organ: BTreeMap<String, Totals>,
}

impl Report {
    pub fn add(&mut self, file: FileAudit) {
        self.all.add(&file);
        self.by_language
            .entry(file.lang.clone())
            .or_default()
            .add(&file);
        self.by_organ
            .entry(file.organ.clone().unwrap_or_else(|| "unknown organ".into()))
            .or_default()
            .add(&file);
        self.files.push(file);
    }
}

/// Audits one extraction against the permissive scan of its text.
pub fn audit(extraction: &Extraction) -> FileAudit {
    let Extraction { record, text } = extraction;
    let kept = Intervals::new(
        record
            .cites
            .iter()
            .flat_map(|c| &c.spans)
            .map(|s| s.start..s.end),
    );
    let rejected = Intervals::new(record.rejected.iter().map(|r| r.span.start..r.span.end));
    let mut file = FileAudit {
        doc: record.doc.clone(),
        lang: record.lang.clone(),
        organ: record.organ.clone(),
        ..FileAudit::default()
    };
    let s = text.as_str();
    for range in candidates::scan(s) {
        let span = Span::new(text.char_at(range.start), text.char_at(range.end));
        file.scanned += 1;
        let chars = span.start..span.end;
        if kept.overlaps(&chars) {
            file.kept += 1;
        } else if rejected.overlaps(&chars) {
            file.rejected += 1;
        } else {
            let context = format!(
                "{}[{}]{}",
                crate::text::tail(&s[..range.start], 60),
                &s[range.clone()],
                crate::text::head(&s[range.end..], 40)
            );
            file.unexplained.push(Unexplained {
                text: s[range].to_string(),
                span,
                context: context.split_whitespace().collect::<Vec<_>>().join(" "),
            });
        }
    }
    file
}

/// The audit as a table: totals per language and per organ.
pub fn table(report: &Report) -> String {
    let mut out = format!(
        "{:<28} {:>9} {:>8} {:>8} {:>8} {:>11} {:>9}\n",
        "scope", "documents", "scanned", "kept", "rejected", "unexplained", "accounted"
    );
    let rows = std::iter::once(("all".to_string(), report.all))
        .chain(
            report
                .by_language
                .iter()
                .map(|(k, v)| (format!("language {k}"), *v)),
        )
        .chain(
            report
                .by_organ
                .iter()
                .map(|(k, v)| (format!("organ {k}"), *v)),
        );
    for (scope, t) in rows {
        out.push_str(&format!(
            "{scope:<28} {:>9} {:>8} {:>8} {:>8} {:>11} {:>8.2}%\n",
            t.documents,
            t.scanned,
            t.kept,
            t.rejected,
            t.unexplained,
            t.accounted() * 100.0
        ));
    }
    out
}
