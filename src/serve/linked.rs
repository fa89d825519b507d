//! The data's IRIs, dereferenced: `/doc/A/RES/79/47` (the path of
//! `https://w3id.org/unkg/doc/A/RES/79/47`), `/body/…`, `/treaty/…`, `/verb/…` answer with
//! what the store says of the resource: a page for browsers, Turtle, JSON-LD or N-Triples for
//! linked-data clients, by `Accept` (or `?format=`), from the same URL.

use super::{Context, error, in_time, pages, percent_decode, protocol};
use oxhttp::model::{Body, HeaderValue, Request, Response, StatusCode, header};

/// The first segments of the data's IRIs this server answers for.
pub(super) const PREFIXES: [&str; 5] = ["/doc/", "/body/", "/treaty/", "/verb/", "/graph/"];

/// `?format=` names for the RDF forms a page links to.
const FORMATS: [(&str, &str); 3] = [
    ("turtle", "text/turtle"),
    ("jsonld", "application/ld+json"),
    ("nt", "application/n-triples"),
];

pub(super) fn route(context: &Context, request: &Request<Body>) -> Response<Body> {
    let path = percent_decode(request.uri().path());
    let iri = format!("{}{}", crate::rdf::vocab::DATA, &path[1..]);
    let asked_format = request.uri().query().and_then(|q| {
        super::form_pairs(q)
            .into_iter()
            .find(|(name, _)| name == "format")
            .and_then(|(_, value)| FORMATS.iter().find(|(n, _)| *n == value))
            .map(|(_, mime)| mime.to_string())
    });
    let accept = asked_format.unwrap_or_else(|| {
        request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("text/html")
            .to_string()
    });
    let html = protocol::negotiate(
        &accept,
        &[
            ("text/html", true),
            ("application/xhtml+xml", true),
            ("text/turtle", false),
            ("application/ld+json", false),
            ("application/n-triples", false),
            ("application/rdf+xml", false),
            ("application/n-quads", false),
            ("application/trig", false),
        ],
    )
    .is_none_or(|(html, _)| html);
    let mut response = if html {
        in_time(context, move |c, cancel| page(c, &iri, cancel))
    } else if known(context, &iri) {
        protocol::answer(context, &pages::describe_construct(&iri), accept)
    } else {
        not_found(&iri)
    };
    // The same URL gives a page or data, by what the client accepts.
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept"));
    response
}

/// A resolution's own page for a work with a symbol; a table of statements otherwise.
fn page(
    context: &Context,
    iri: &str,
    cancel: &oxigraph::sparql::CancellationToken,
) -> Result<String, (StatusCode, String)> {
    let internal = |e: crate::store::StoreError| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    if let Some(symbol) = symbol_of(context, iri) {
        let (chain, predecessor) = context.chain_back(&symbol).map_err(internal)?;
        if let Some(page) = pages::resolution(
            &context.store,
            &symbol,
            &[],
            &chain,
            predecessor.as_deref(),
            cancel,
        )
        .map_err(internal)?
        {
            return Ok(page);
        }
    }
    pages::resource(&context.store, iri, cancel)
        .map_err(internal)?
        .ok_or_else(|| (StatusCode::NOT_FOUND, missing(iri)))
}

fn symbol_of(context: &Context, iri: &str) -> Option<String> {
    let query = format!(
        "SELECT ?s WHERE {{ <{iri}> <{}symbol> ?s }} LIMIT 1",
        crate::rdf::vocab::UNKG
    );
    match context.store.query(&query).ok()? {
        oxigraph::sparql::QueryResults::Solutions(mut rows) => match rows.next()?.ok()?.get("s")? {
            oxigraph::model::Term::Literal(l) => Some(l.value().to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// Whether the store says anything of `iri` (or of a resource under it).
fn known(context: &Context, iri: &str) -> bool {
    matches!(
        context.store.query(&pages::describe_ask(iri)),
        Ok(oxigraph::sparql::QueryResults::Boolean(true))
    )
}

fn missing(iri: &str) -> String {
    format!("this store says nothing of {iri}")
}

fn not_found(iri: &str) -> Response<Body> {
    error(StatusCode::NOT_FOUND, &missing(iri))
}
