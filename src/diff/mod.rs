//! What changed between two resolutions, typically last year's text and this year's renewal:
//! [`align`] pairs their paragraphs; this module reads them from the store, renders the result
//! as text, JSON or HTML, and states it in the graph (`--write-back`).

mod align;

pub use align::*;

use crate::rdf::vocab::{self, UNKG};
use crate::store::{Store, StoreError};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
use oxigraph::sparql::CancellationToken;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The graph where `--write-back` states what each paragraph continues, one per later
/// resolution: `{DIFF_GRAPH}{symbol}`.
pub const DIFF_GRAPH: &str = "https://w3id.org/unkg/graph/diff/";

/// One resolution's text in the language compared.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub symbol: String,
    pub adopted: Option<String>,
    pub paragraphs: Vec<Paragraph>,
}

/// Two resolutions' paragraphs aligned.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub lang: String,
    pub before: Side,
    pub after: Side,
    pub summary: Summary,
    pub rows: Vec<Row>,
}

#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error("{0} has no text in the store: ingest it first (only its citations are known)")]
    NotIngested(String),
    #[error("{0} has no {1} text in the store; it has {2}")]
    NoSuchLanguage(String, String, String),
    #[error("{0} ({1}) and {2} ({3}) have no language in common")]
    NoCommonLanguage(String, String, String, String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The language versions of one resolution the store holds: language → (adopted, paragraphs).
type Versions = BTreeMap<String, (Option<String>, Vec<Paragraph>)>;

/// Paragraphs with where each sorts: preambular before operative, then by number.
type Keyed = Vec<((bool, u64), Paragraph)>;

fn versions(
    store: &Store,
    symbol: &str,
    cancel: &CancellationToken,
) -> Result<Versions, StoreError> {
    let work = vocab::work_iri(symbol);
    let rows = store.rows(
        &format!(
            "PREFIX unkg: <{UNKG}>
             SELECT DISTINCT ?para ?operative ?ordinal ?text (LANG(?text) AS ?lang) ?adopted WHERE {{
               <{work}> unkg:hasParagraph ?para .
               ?para a ?class ; unkg:ordinal ?ordinal ; unkg:text ?text .
               FILTER(?class IN (unkg:PreambularParagraph, unkg:OperativeParagraph))
               BIND(?class = unkg:OperativeParagraph AS ?operative)
               OPTIONAL {{ <{work}> unkg:adoptedOn ?adopted }}
             }}"
        ),
        cancel,
    )?;
    let mut by_lang: BTreeMap<String, (Option<String>, Keyed)> = BTreeMap::new();
    for row in rows {
        let [para, operative, ordinal, text, lang, adopted] = &row[..] else {
            continue;
        };
        let entry = by_lang.entry(lang.clone()).or_default();
        if !adopted.is_empty() {
            entry.0 = Some(adopted.clone());
        }
        let operative = operative == "true";
        entry.1.push((
            (operative, ordinal.parse().unwrap_or(0)),
            Paragraph {
                id: para.rsplit('#').next().unwrap_or(para).to_string(),
                operative,
                text: text.clone(),
            },
        ));
    }
    Ok(by_lang
        .into_iter()
        .map(|(lang, (adopted, mut paragraphs))| {
            paragraphs.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
            (
                lang,
                (adopted, paragraphs.into_iter().map(|p| p.1).collect()),
            )
        })
        .collect())
}

/// Aligns the paragraphs of `before` and `after` (symbols as the store holds them) in `lang`,
/// or in English when both have it, else in the first language they share.
pub fn compare(
    store: &Store,
    before: &str,
    after: &str,
    lang: Option<&str>,
    cancel: &CancellationToken,
) -> Result<Comparison, DiffError> {
    let mut a = versions(store, before, cancel)?;
    let mut b = versions(store, after, cancel)?;
    for (symbol, v) in [(before, &a), (after, &b)] {
        if v.is_empty() {
            return Err(DiffError::NotIngested(symbol.to_string()));
        }
        if let Some(lang) = lang
            && !v.contains_key(lang)
        {
            return Err(DiffError::NoSuchLanguage(
                symbol.to_string(),
                lang.to_string(),
                v.keys().cloned().collect::<Vec<_>>().join(", "),
            ));
        }
    }
    let shared = |l: &String| b.contains_key(l);
    let lang = match lang {
        Some(l) => l.to_string(),
        None if a.contains_key("en") && b.contains_key("en") => "en".to_string(),
        None => a.keys().find(|l| shared(l)).cloned().ok_or_else(|| {
            DiffError::NoCommonLanguage(
                before.to_string(),
                a.keys().cloned().collect::<Vec<_>>().join(", "),
                after.to_string(),
                b.keys().cloned().collect::<Vec<_>>().join(", "),
            )
        })?,
    };
    let (before_adopted, before_paragraphs) = a.remove(&lang).unwrap_or_default();
    let (after_adopted, after_paragraphs) = b.remove(&lang).unwrap_or_default();
    let rows = align(&before_paragraphs, &after_paragraphs);
    Ok(Comparison {
        lang,
        summary: summary(&rows),
        rows,
        before: Side {
            symbol: before.to_string(),
            adopted: before_adopted,
            paragraphs: before_paragraphs,
        },
        after: Side {
            symbol: after.to_string(),
            adopted: after_adopted,
            paragraphs: after_paragraphs,
        },
    })
}

/// "A/RES/78/27 → A/RES/79/47: 1 paragraph added, 1 removed, 1 reworded (29 unchanged)".
pub fn summary_line(c: &Comparison) -> String {
    let s = c.summary;
    format!(
        "{} → {} ({}): {} paragraph{} added, {} removed, {} reworded ({} unchanged)",
        c.before.symbol,
        c.after.symbol,
        c.lang,
        s.added,
        if s.added == 1 { "" } else { "s" },
        s.removed,
        s.reworded,
        s.unchanged
    )
}

/// The summary line and every changed paragraph; with `color`, removed words red and added
/// ones green (ANSI), else marked [-so-] and {+so+}.
pub fn text(c: &Comparison, color: bool) -> String {
    let mut out = summary_line(c);
    out.push('\n');
    for row in &c.rows {
        let before = row.before.map(|i| &c.before.paragraphs[i]);
        let after = row.after.map(|i| &c.after.paragraphs[i]);
        let (label, ids, body) = match row.change {
            Change::Unchanged => continue,
            Change::Reworded => (
                "reworded",
                format!("{} → {}", id(before), id(after)),
                words_text(&row.words, color),
            ),
            Change::Added => ("added", id(after), text_of(after)),
            Change::Removed => ("removed", id(before), text_of(before)),
        };
        let _ = writeln!(out, "  {label:<9} {ids}\n            {body}");
    }
    out
}

fn id(p: Option<&Paragraph>) -> String {
    p.map_or_else(String::new, |p| p.id.clone())
}

fn text_of(p: Option<&Paragraph>) -> String {
    p.map_or_else(String::new, |p| {
        p.text.split_whitespace().collect::<Vec<_>>().join(" ")
    })
}

fn words_text(words: &[Words], color: bool) -> String {
    words
        .iter()
        .map(|w| match (w, color) {
            (Words::Same(t), _) => t.clone(),
            (Words::Removed(t), true) => format!("\x1b[31;9m{t}\x1b[0m"),
            (Words::Added(t), true) => format!("\x1b[32;4m{t}\x1b[0m"),
            (Words::Removed(t), false) => format!("[-{t}-]"),
            (Words::Added(t), false) => format!("{{+{t}+}}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

use crate::text::escape_html as escape;

/// The comparison as an HTML fragment: the summary, then a row per paragraph pair, the earlier
/// text on the left, the later on the right, removed words struck through and added ones
/// underlined. `link` makes a symbol a link (the server links resolution pages).
pub fn html(c: &Comparison, link: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<h1>What changed: {} → {}</h1>\n<p class=\"diff-summary\">{}</p>\n\
         <table class=\"diff\"><thead><tr><th>{}</th><th>{}</th><th>change</th></tr></thead><tbody>\n",
        link(&c.before.symbol),
        link(&c.after.symbol),
        escape(&summary_line(c)),
        link(&c.before.symbol),
        link(&c.after.symbol),
    );
    for row in &c.rows {
        let before = row.before.map(|i| &c.before.paragraphs[i]);
        let after = row.after.map(|i| &c.after.paragraphs[i]);
        let cell = |p: Option<&Paragraph>, body: String| match p {
            Some(p) => format!(
                "<td><span class=\"pid\">{}</span> {body}</td>",
                escape(&p.id)
            ),
            None => "<td></td>".to_string(),
        };
        let (left, right) = match row.change {
            Change::Reworded => (
                cell(before, words_html(&row.words, false)),
                cell(after, words_html(&row.words, true)),
            ),
            _ => (
                cell(before, escape(&text_of(before))),
                cell(after, escape(&text_of(after))),
            ),
        };
        let change = serde_json::to_value(row.change)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr class=\"{change}\">{left}{right}<td>{change}</td></tr>"
        );
    }
    out.push_str("</tbody></table>\n");
    out
}

/// The words of a reworded pair as one side reads: the earlier text with its removed words
/// struck through, or the later with its added words underlined.
fn words_html(words: &[Words], later: bool) -> String {
    words
        .iter()
        .filter_map(|w| match (w, later) {
            (Words::Same(t), _) => Some(escape(t)),
            (Words::Removed(t), false) => Some(format!("<del>{}</del>", escape(t))),
            (Words::Added(t), true) => Some(format!("<ins>{}</ins>", escape(t))),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The style the diff's HTML needs, for a page of its own or the server's.
pub const STYLE: &str = "table.diff{border-collapse:collapse;width:100%}\
table.diff td,table.diff th{border-top:1px solid #ddd;padding:.4em;vertical-align:top;text-align:left}\
table.diff td:first-child,table.diff td:nth-child(2){width:46%}\
tr.added td:nth-child(2){background:#e6ffec}tr.removed td:first-child{background:#ffebe9}\
tr.reworded td:nth-child(3){font-weight:bold}del{background:#ffc0c0}ins{background:#b4f0be;text-decoration:none}\
.pid{color:#777;font-size:.85em}";

/// A page of its own: the comparisons (one, or each step of a series) with their style.
pub fn html_page(title: &str, comparisons: &[Comparison]) -> String {
    let body: String = comparisons.iter().map(|c| html(c, &escape)).collect();
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>body{{font-family:sans-serif;max-width:80em;margin:2em auto}}{STYLE}</style></head><body>\n{body}</body></html>\n",
        escape(title),
    )
}

/// The comparison as facts of the later resolution's paragraphs: which paragraph of the
/// earlier one each continues (`unkg:continues`) and how it changed (`unkg:changeSince`:
/// "unchanged", "reworded" or "new"), in a graph per later resolution.
pub fn write_back(store: &Store, c: &Comparison) -> Result<(), StoreError> {
    let graph_iri = format!("{DIFF_GRAPH}{}", compact(&c.after.symbol));
    let graph = GraphName::NamedNode(NamedNode::new_unchecked(&graph_iri));
    let after_work = vocab::work_iri(&c.after.symbol);
    let before_work = vocab::work_iri(&c.before.symbol);
    let node = |iri: &str| NamedNode::new_unchecked(iri);
    let mut quads = vec![Quad::new(
        node(&after_work),
        node(vocab::UNKG_COMPARED_WITH),
        node(&before_work),
        graph.clone(),
    )];
    for row in &c.rows {
        let Some(after) = row.after.map(|i| &c.after.paragraphs[i]) else {
            continue;
        };
        let para = node(&format!("{after_work}/!main#{}", after.id));
        let change = match row.change {
            Change::Unchanged => "unchanged",
            Change::Reworded => "reworded",
            _ => "new",
        };
        quads.push(Quad::new(
            para.clone(),
            node(vocab::UNKG_CHANGE_SINCE),
            Literal::from(change),
            graph.clone(),
        ));
        if let Some(before) = row.before.map(|i| &c.before.paragraphs[i]) {
            quads.push(Quad::new(
                para,
                node(vocab::UNKG_CONTINUES),
                node(&format!("{before_work}/!main#{}", before.id)),
                graph.clone(),
            ));
        }
    }
    store.replace_graph(&graph_iri, &quads)
}

fn compact(symbol: &str) -> String {
    vocab::work_iri(symbol)
        .trim_start_matches(vocab::DOC)
        .to_string()
}
