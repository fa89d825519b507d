//! A store that another process owns: `unkg serve --allow-update` holds the folder, and
//! `unkg ingest --endpoint URL` writes through it. The client extracts and maps the files
//! itself and sends each batch of documents as N-Quads; the server writes every batch with
//! [`Store::write_batch`](super::Store::write_batch), so a batch lands whole or not at all, as
//! in a local ingest, and the endpoint answers with the new data at once.

use super::{Source, StoreError};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::Quad;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The path of the ingest route on a `unkg serve` endpoint.
pub const INGEST_PATH: &str = "/ingest";

/// The largest batch the endpoint takes in one request.
pub const MAX_BATCH_BYTES: u64 = 64 * 1024 * 1024;

/// One request to the ingest route: documents to write, sources to forget, and whether the
/// run ends with it (the server then refreshes what depends on every document).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Batch {
    pub documents: Vec<SentDocument>,
    pub removed: Vec<Source>,
    pub last: bool,
}

/// A document as sent: its source and its quads in N-Quads.
#[derive(Debug, Serialize, Deserialize)]
pub struct SentDocument {
    pub source: Source,
    pub nquads: String,
}

impl SentDocument {
    pub fn new(source: Source, quads: &[Quad]) -> Result<Self, StoreError> {
        let mut out = Vec::new();
        let mut writer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(&mut out);
        for q in quads {
            writer.serialize_quad(q)?;
        }
        writer.finish()?;
        Ok(SentDocument {
            source,
            nquads: String::from_utf8(out).map_err(|e| StoreError::Serialize(e.to_string()))?,
        })
    }

    /// The quads again, checked: a client may send anything.
    pub fn quads(&self) -> Result<Vec<Quad>, String> {
        RdfParser::from_format(RdfFormat::NQuads)
            .for_slice(self.nquads.as_bytes())
            .collect::<Result<_, _>>()
            .map_err(|e| format!("{}: {e}", self.source.path))
    }
}

/// The endpoint of a running `unkg serve --allow-update`.
pub struct RemoteStore {
    url: String,
    client: oxhttp::Client,
}

impl RemoteStore {
    /// The ingest route of the server at `base` (`http://host:port`, a trailing `/` or not).
    pub fn new(base: &str) -> RemoteStore {
        RemoteStore {
            url: format!("{}{INGEST_PATH}", base.trim_end_matches('/')),
            // Writing a batch of a few hundred documents takes seconds, not minutes.
            client: oxhttp::Client::new().with_global_timeout(Duration::from_secs(300)),
        }
    }

    /// The source files the served store has ingested.
    pub fn sources(&self) -> Result<Vec<Source>, StoreError> {
        let body = self.send("GET", Vec::new())?;
        serde_json::from_slice(&body)
            .map_err(|e| StoreError::Other(format!("{}: not a list of sources: {e}", self.url)))
    }

    /// Sends one batch; it is written whole when this returns.
    pub fn write_batch(&self, batch: &Batch) -> Result<(), StoreError> {
        let body = serde_json::to_vec(batch).map_err(|e| StoreError::Serialize(e.to_string()))?;
        self.send("POST", body).map(drop)
    }

    fn send(&self, method: &str, body: Vec<u8>) -> Result<Vec<u8>, StoreError> {
        let unreachable = |e: &dyn std::fmt::Display| {
            StoreError::Other(format!(
                "cannot reach {}: {e} (is `unkg serve --allow-update` running there?)",
                self.url
            ))
        };
        let request = oxhttp::model::Request::builder()
            .method(method)
            .uri(&self.url)
            .header("Content-Type", "application/json")
            .body(oxhttp::model::Body::from(body))
            .map_err(|e| unreachable(&e))?;
        let response = self.client.request(request).map_err(|e| unreachable(&e))?;
        let status = response.status();
        let body = response.into_body().to_vec().map_err(|e| unreachable(&e))?;
        if !status.is_success() {
            return Err(StoreError::Other(format!(
                "{} answered {status}: {}",
                self.url,
                String::from_utf8_lossy(&body).trim()
            )));
        }
        Ok(body)
    }
}
