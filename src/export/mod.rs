//! Exports of the store, graph by graph in IRI order: Turtle and TriG by our own writer
//! ([`crate::rdf::turtle`]), N-Triples and N-Quads a line a triple, RDF/XML as one document,
//! JSON-LD compacted with unkg's context ([`jsonld`]), and Akoma Ntoso, a file per language
//! version ([`akn`]). Each graph is sorted alone, so two exports of the same store are
//! byte-identical and memory holds a few graphs at a time. The sources graph (paths of the
//! files read, content keys) is bookkeeping: it is exported only when asked for by name.

pub mod akn;
pub mod jsonld;

use crate::rdf::turtle;
use crate::store::{Store, StoreError};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::NamedNodeRef;
use std::io::Write;

/// The formats a store exports to: RDF to one stream, Akoma Ntoso to a folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Turtle, readable, with prefixes (the union of all graphs).
    Turtle,
    /// TriG: Turtle with the named graphs.
    Trig,
    /// N-Triples (the union of all graphs).
    Nt,
    /// N-Quads: a line a quad, for pipelines and bulk loaders.
    Nq,
    /// RDF/XML (the union of all graphs).
    Rdfxml,
    /// JSON-LD compacted with unkg's context (ontology/context.jsonld), named graphs kept.
    Jsonld,
    /// Akoma Ntoso 3.0 (the UN's AKN4UN): an XML file per language version, into the folder -o.
    Akn,
}

/// Writes the store's data graphs (or only `graph`) to `out` in `format`.
pub fn write(
    store: &Store,
    format: Format,
    graph: Option<&str>,
    out: &mut impl Write,
) -> Result<(), StoreError> {
    let graphs = store.graph_names(graph)?;
    let serialize = |e: &dyn std::fmt::Display| StoreError::Serialize(e.to_string());
    match format {
        Format::Turtle | Format::Trig => {
            turtle::write_prefixes_up_front(out)?;
            render_in_parallel(&graphs, out, b"", |g, buffer| {
                let triples = store.graph_triples(g)?;
                Ok(turtle::write_graph(
                    buffer,
                    g,
                    &triples,
                    format == Format::Trig,
                )?)
            })?;
        }
        Format::Nt | Format::Nq => {
            let rdf_format = if format == Format::Nq {
                RdfFormat::NQuads
            } else {
                RdfFormat::NTriples
            };
            render_in_parallel(&graphs, out, b"", |g, buffer| {
                let mut writer = RdfSerializer::from_format(rdf_format).for_writer(buffer);
                let name = NamedNodeRef::new_unchecked(g);
                for t in store.graph_triples(g)? {
                    if rdf_format.supports_datasets() {
                        writer.serialize_quad(t.as_ref().in_graph(name))
                    } else {
                        writer.serialize_triple(&t)
                    }
                    .map_err(|e| serialize(&e))?;
                }
                writer.finish().map_err(|e| serialize(&e))?;
                Ok(())
            })?;
        }
        Format::Rdfxml => {
            let mut serializer = RdfSerializer::from_format(RdfFormat::RdfXml);
            for (prefix, ns) in turtle::PREFIXES {
                serializer = serializer
                    .with_prefix(prefix, ns)
                    .map_err(|e| serialize(&e))?;
            }
            let mut writer = serializer.for_writer(out);
            for g in &graphs {
                for t in store.graph_triples(g)? {
                    writer.serialize_triple(&t).map_err(|e| serialize(&e))?;
                }
            }
            writer.finish().map_err(|e| serialize(&e))?;
        }
        Format::Jsonld => {
            out.write_all(jsonld::document_start().as_bytes())?;
            render_in_parallel(&graphs, out, b",\n", |g, buffer| {
                jsonld::write_graph(buffer, g, &store.graph_triples(g)?)
            })?;
            out.write_all(jsonld::DOCUMENT_END.as_bytes())?;
        }
        Format::Akn => {
            return Err(StoreError::Other(
                "Akoma Ntoso is a file per language version: write it to a folder (akn::write_folder)"
                    .into(),
            ));
        }
    }
    Ok(())
}

/// Renders graphs a window at a time on every core (reading a graph from RocksDB costs a
/// lookup per term), then writes the window in order, `separator` between graphs.
fn render_in_parallel(
    graphs: &[String],
    out: &mut impl Write,
    separator: &[u8],
    render: impl Fn(&str, &mut Vec<u8>) -> Result<(), StoreError> + Sync,
) -> Result<(), StoreError> {
    use rayon::prelude::*;
    const WINDOW: usize = 64;
    let mut first = true;
    for window in graphs.chunks(WINDOW) {
        let rendered: Vec<Vec<u8>> = window
            .par_iter()
            .map(|g| {
                let mut buffer = Vec::new();
                render(g, &mut buffer).map(|()| buffer)
            })
            .collect::<Result<_, _>>()?;
        for buffer in rendered {
            if !first {
                out.write_all(separator)?;
            }
            first = false;
            out.write_all(&buffer)?;
        }
    }
    Ok(())
}
