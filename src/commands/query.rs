use crate::cli::QueryArgs;
use anyhow::Context;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use unkg::serve::NAMED_QUERIES;

pub fn run(store_dir: &std::path::Path, args: QueryArgs) -> anyhow::Result<ExitCode> {
    if args.list {
        let mut out = super::output(None)?;
        for (name, text) in NAMED_QUERIES {
            let about: Vec<&str> = text
                .lines()
                .take_while(|l| l.starts_with('#'))
                .map(|l| l.trim_start_matches('#').trim())
                .collect();
            writeln!(out, "{name:<22} {}", about.join(" "))?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = match (&args.sparql, &args.file, &args.name) {
        (_, Some(file), _) => std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?,
        (_, _, Some(name)) => NAMED_QUERIES
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.to_string())
            .with_context(|| format!("no named query {name:?}; `unkg query --list` shows them"))?,
        (Some(s), _, _) if s == "-" => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            s
        }
        (Some(s), _, _) => s.clone(),
        _ => anyhow::bail!(
            "give a query: as an argument, with -f FILE, with --name NAME, or `-` for standard input"
        ),
    };
    let mut bindings = Vec::new();
    for binding in &args.bindings {
        let (name, value) = binding
            .split_once('=')
            .with_context(|| format!("--bind {binding:?}: write NAME=VALUE"))?;
        let term: Term =
            if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
                NamedNode::new(iri)
                    .with_context(|| format!("--bind {binding:?}: not an IRI"))?
                    .into()
            } else if let Ok(n) = value.parse::<i64>() {
                Literal::from(n).into()
            } else if name.trim_start_matches('?') == "symbol" {
                // Symbols as users type them ("s/res/687(1991)") mean the canonical one.
                Literal::new_simple_literal(unkg::symbol::canonical(value)).into()
            } else {
                Literal::new_simple_literal(value).into()
            };
        bindings.push((
            Variable::new(name.trim_start_matches('?')).context("bad variable name")?,
            term,
        ));
    }
    let prepared = unkg::store::Store::prepare_bound(&text, &bindings).map_err(|e| match e {
        unkg::store::StoreError::TooComplex(why) => {
            anyhow::anyhow!("the query is too large to run safely: {why}")
        }
        other => anyhow::Error::new(other).context("the query is not valid SPARQL"),
    })?;
    // The query is read before the store is opened, so that a typo is reported first.
    let store = super::open_store_to_read(store_dir)?;
    let results = prepared
        .on_store(store.oxigraph())
        .execute()
        .context("the query failed")?;
    let mut out = super::output(None)?;
    let format = args.format.clone().unwrap_or_else(|| {
        if matches!(results, QueryResults::Graph(_)) {
            "turtle".into()
        } else if std::io::stdout().is_terminal() {
            "table".into()
        } else {
            "tsv".into()
        }
    });
    match results {
        QueryResults::Boolean(b) => match results_format(&format) {
            Some(f) => {
                QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(&mut out, b)?;
            }
            None => writeln!(out, "{b}")?,
        },
        QueryResults::Solutions(rows) => {
            let variables = rows.variables().to_vec();
            if let Some(f) = results_format(&format) {
                let mut w = QueryResultsSerializer::from_format(f)
                    .serialize_solutions_to_writer(&mut out, variables)?;
                for row in rows {
                    w.serialize(&row?)?;
                }
                w.finish()?;
            } else {
                anyhow::ensure!(
                    format == "table",
                    "unknown format {format:?} for SELECT: use table, csv, tsv, json or xml"
                );
                let mut table: Vec<Vec<String>> =
                    vec![variables.iter().map(|v| v.as_str().to_string()).collect()];
                for row in rows {
                    let row = row?;
                    table.push(
                        variables
                            .iter()
                            .map(|v| row.get(v).map(show).unwrap_or_default())
                            .collect(),
                    );
                }
                write_table(&mut out, &table)?;
            }
        }
        QueryResults::Graph(triples) => {
            let rdf = match format.as_str() {
                "table" | "turtle" | "ttl" => RdfFormat::Turtle,
                "nt" => RdfFormat::NTriples,
                "rdfxml" | "xml" => RdfFormat::RdfXml,
                "jsonld" | "json" => RdfFormat::JsonLd {
                    profile: Default::default(),
                },
                "nq" => RdfFormat::NQuads,
                "trig" => RdfFormat::TriG,
                other => anyhow::bail!(
                    "unknown format {other:?} for CONSTRUCT/DESCRIBE: use turtle, nt, nq, trig, rdfxml or jsonld"
                ),
            };
            let mut serializer = RdfSerializer::from_format(rdf);
            for (prefix, ns) in unkg::rdf::turtle::PREFIXES {
                serializer = serializer.with_prefix(prefix, ns)?;
            }
            let mut w = serializer.for_writer(&mut out);
            for t in triples {
                w.serialize_triple(&t?)?;
            }
            w.finish()?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn results_format(name: &str) -> Option<QueryResultsFormat> {
    match name {
        "csv" => Some(QueryResultsFormat::Csv),
        "tsv" => Some(QueryResultsFormat::Tsv),
        "json" => Some(QueryResultsFormat::Json),
        "xml" => Some(QueryResultsFormat::Xml),
        _ => None,
    }
}

/// A term as a person reads it: literals without quotes, IRIs shortened by known prefixes.
fn show(term: &Term) -> String {
    match term {
        Term::Literal(l) => l.value().to_string(),
        Term::NamedNode(n) => {
            for (prefix, ns) in unkg::rdf::turtle::PREFIXES {
                if let Some(local) = n.as_str().strip_prefix(ns) {
                    return format!("{prefix}:{local}");
                }
            }
            n.as_str()
                .strip_prefix(unkg::rdf::vocab::DOC)
                .map_or_else(|| n.as_str().to_string(), str::to_string)
        }
        other => other.to_string(),
    }
}

fn write_table(out: &mut impl Write, rows: &[Vec<String>]) -> std::io::Result<()> {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| r[c].chars().count().min(60))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| {
                let cell: String = if cell.chars().count() > 60 {
                    cell.chars().take(59).chain(['…']).collect()
                } else {
                    cell.clone()
                };
                format!("{cell:<w$}", w = *w)
            })
            .collect();
        writeln!(out, "{}", cells.join("  ").trim_end())?;
        if i == 0 {
            writeln!(
                out,
                "{}",
                widths
                    .iter()
                    .map(|w| "-".repeat(*w))
                    .collect::<Vec<_>>()
                    .join("  ")
            )?;
        }
    }
    writeln!(out, "({} rows)", rows.len().saturating_sub(1))
}
