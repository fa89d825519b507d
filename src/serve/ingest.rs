//! `/ingest`: how `unkg ingest --endpoint URL` writes into the store this server owns. GET
//! lists the sources the store has ingested (so the client skips unchanged files before
//! reading them); POST writes one [`Batch`], whole or not at all. Both need `--allow-update`
//! and a request from no other origin; the answer comes once the batch is committed.

use super::protocol::{Refusal, may_write, read_body};
use super::{Context, error};
use crate::store::remote::{Batch, MAX_BATCH_BYTES};
use oxhttp::model::{Body, Method, Request, Response, StatusCode, header};
use std::collections::BTreeMap;

pub(super) fn route(context: &Context, request: &mut Request<Body>) -> Response<Body> {
    let answer = may_write(context, request).and_then(|()| match *request.method() {
        Method::GET => sources(context),
        Method::POST => write(context, request),
        _ => Err((
            StatusCode::METHOD_NOT_ALLOWED,
            "GET the sources or POST a batch".into(),
        )),
    });
    match answer {
        Ok(response) => response,
        Err((status, message)) => error(status, &message),
    }
}

fn sources(context: &Context) -> Result<Response<Body>, Refusal> {
    let sources: Vec<_> = context
        .store
        .sources()
        .map_err(internal)?
        .into_values()
        .collect();
    let json = serde_json::to_vec(&sources).map_err(internal)?;
    Ok(Response::builder()
        .header(header::CONTENT_TYPE, "application/json")
        .body(json.into())
        .unwrap())
}

fn write(context: &Context, request: &mut Request<Body>) -> Result<Response<Body>, Refusal> {
    let body = read_body(request, MAX_BATCH_BYTES)?;
    let batch: Batch = serde_json::from_slice(&body).map_err(|e| {
        (
            StatusCode::BAD_REQUEST,
            format!("not a batch of documents (as `unkg ingest --endpoint` sends): {e}"),
        )
    })?;
    let mut documents = Vec::with_capacity(batch.documents.len());
    let mut known = BTreeMap::new();
    for sent in &batch.documents {
        let quads = sent
            .quads()
            .map_err(|e| (StatusCode::BAD_REQUEST, format!("bad N-Quads: {e}")))?;
        if let Some(before) = context.store.source(&sent.source.path).map_err(internal)? {
            known.insert(before.path.clone(), before);
        }
        documents.push((sent.source.clone(), quads));
    }
    let store = &context.store;
    let written = store
        .write_batch(documents, &batch.removed, &known)
        .and_then(|()| {
            if batch.last {
                store.load_ontology()?;
                store.refresh_stubs()?;
                store.flush(&context.options.store_dir)?;
            }
            Ok(())
        });
    // Whatever was committed is what queries see now.
    context.store_changed();
    written.map_err(internal)?;
    Ok(Response::builder()
        .status(StatusCode::NO_CONTENT)
        .body(Body::empty())
        .unwrap())
}

fn internal(e: impl std::fmt::Display) -> Refusal {
    (StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
}
