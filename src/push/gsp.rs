//! A client of a SPARQL 1.1 Graph Store Protocol endpoint (and of the SPARQL endpoint beside
//! it, to count what the server holds): PUT, POST and DELETE of one graph at a time, with
//! Digest or Basic authentication as the server asks, and retries after server errors.

use oxhttp::model::{Body, Method, Request, StatusCode, header};
use std::sync::Mutex;
use std::time::Duration;

/// A user name and password for the server.
pub struct Credentials {
    pub user: String,
    pub password: String,
}

/// Why a request failed, in words for the user; the caller names the graph.
#[derive(Debug, thiserror::Error)]
pub enum GspError {
    #[error("the server refused the request as too large (413)")]
    TooLarge,
    #[error("{0}")]
    Failed(String),
}

pub struct GraphStore {
    gsp_url: String,
    query_url: Option<String>,
    credentials: Option<Credentials>,
    client: oxhttp::Client,
    /// How the server asked to be authenticated, once it has.
    scheme: Mutex<Scheme>,
}

/// The authentication a server asked for. Credentials go only where a challenge asked, so a
/// password never travels in Basic's clear text to a server that wants Digest.
enum Scheme {
    None,
    Basic,
    /// The server's last challenge, answered again with the next nonce count.
    Digest(digest_auth::WwwAuthenticateHeader),
}

/// How often a request is sent again after a server error or a broken connection, and the
/// wait before the first retry (doubled each time).
const ATTEMPTS: u32 = 5;
const FIRST_WAIT: Duration = Duration::from_millis(500);

impl GraphStore {
    pub fn new(
        gsp_url: &str,
        query_url: Option<&str>,
        credentials: Option<Credentials>,
        timeout: Duration,
    ) -> GraphStore {
        GraphStore {
            gsp_url: gsp_url.to_string(),
            query_url: query_url.map(str::to_string),
            credentials,
            client: oxhttp::Client::new()
                .with_global_timeout(timeout)
                .with_user_agent(concat!("unkg/", env!("CARGO_PKG_VERSION")))
                .expect("a valid user agent"),
            scheme: Mutex::new(Scheme::None),
        }
    }

    pub fn can_count(&self) -> bool {
        self.query_url.is_some()
    }

    /// The URL of one graph on the Graph Store endpoint.
    fn graph_url(&self, graph: &str) -> String {
        let separator = if self.gsp_url.contains('?') { '&' } else { '?' };
        format!("{}{separator}graph={}", self.gsp_url, percent_encode(graph))
    }

    /// Replaces the graph's content by `ntriples`.
    pub fn put(&self, graph: &str, ntriples: Vec<u8>) -> Result<(), GspError> {
        self.send(Method::PUT, &self.graph_url(graph), Some(ntriples), None)
            .map(drop)
    }

    /// Adds `ntriples` to the graph.
    pub fn post(&self, graph: &str, ntriples: Vec<u8>) -> Result<(), GspError> {
        self.send(Method::POST, &self.graph_url(graph), Some(ntriples), None)
            .map(drop)
    }

    /// Deletes the graph; a graph the server does not have is deleted already.
    pub fn delete(&self, graph: &str) -> Result<(), GspError> {
        match self.send(Method::DELETE, &self.graph_url(graph), None, None) {
            Err(GspError::Failed(message)) if message.contains("(404") => Ok(()),
            other => other.map(drop),
        }
    }

    /// The number of triples the server holds in each of `graphs` (absent: none), counted by
    /// the server with COUNT: reading graphs back would be cut short, without a word, by caps
    /// such as Virtuoso's ResultSetMaxRows.
    pub fn count(&self, graphs: &[&str]) -> Result<Vec<(String, u64)>, GspError> {
        let Some(query_url) = &self.query_url else {
            return Err(GspError::Failed(
                "no SPARQL query URL to count with (--query-url)".into(),
            ));
        };
        let values: String = graphs.iter().map(|g| format!("<{g}> ")).collect();
        let query = format!(
            "SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values}}} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
        );
        let form = format!("query={}", percent_encode(&query));
        let body = self.send(
            Method::POST,
            query_url,
            Some(form.into_bytes()),
            Some("application/x-www-form-urlencoded"),
        )?;
        let results: serde_json::Value = serde_json::from_slice(&body).map_err(|e| {
            GspError::Failed(format!(
                "{query_url} did not answer with SPARQL JSON results: {e}"
            ))
        })?;
        let rows = results["results"]["bindings"]
            .as_array()
            .ok_or_else(|| GspError::Failed(format!("{query_url}: no result rows")))?;
        Ok(rows
            .iter()
            .filter_map(|row| {
                let graph = row["g"]["value"].as_str()?.to_string();
                let n = row["n"]["value"].as_str()?.parse().ok()?;
                Some((graph, n))
            })
            .collect())
    }

    /// Sends a request, answering an authentication challenge and retrying after server
    /// errors; returns the response body of a success.
    fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<Vec<u8>>,
        content_type: Option<&str>,
    ) -> Result<Vec<u8>, GspError> {
        let mut wait = FIRST_WAIT;
        let mut challenged_afresh = false;
        let mut attempt = 1;
        loop {
            let mut request = Request::builder()
                .method(method.clone())
                .uri(url)
                .header(header::ACCEPT, "application/sparql-results+json, */*;q=0.1");
            if body.is_some() {
                request = request.header(
                    header::CONTENT_TYPE,
                    content_type.unwrap_or("application/n-triples"),
                );
            }
            if let Some(authorization) = self.authorization(&method, url)? {
                request = request.header(header::AUTHORIZATION, authorization);
            }
            let request = request
                .body(body.clone().map_or_else(Body::empty, Body::from))
                .map_err(|e| GspError::Failed(format!("{url} is not a usable URL: {e}")))?;
            let failure = match self.client.request(request) {
                Ok(response) => {
                    let status = response.status();
                    let challenge = response
                        .headers()
                        .get(header::WWW_AUTHENTICATE)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string);
                    let text = response
                        .into_body()
                        .to_vec()
                        .map_err(|e| GspError::Failed(format!("{url}: {e}")))?;
                    if status.is_success() {
                        return Ok(text);
                    }
                    if status == StatusCode::UNAUTHORIZED && !challenged_afresh {
                        // A first challenge, or a nonce the server no longer takes.
                        if self.take_challenge(challenge.as_deref())? {
                            challenged_afresh = true;
                            continue;
                        }
                    }
                    if status == StatusCode::PAYLOAD_TOO_LARGE {
                        return Err(GspError::TooLarge);
                    }
                    let said = String::from_utf8_lossy(&text);
                    let said = said.trim().lines().next().unwrap_or("").chars().take(300);
                    let message = format!("{url} answered {status}: {}", said.collect::<String>());
                    if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
                        return Err(GspError::Failed(format!(
                            "{message} (the server refused {}; check --user and the password)",
                            self.credentials.as_ref().map_or(
                                "a request without a user name".into(),
                                |c| format!("the user {:?}", c.user)
                            )
                        )));
                    }
                    if !status.is_server_error() {
                        return Err(GspError::Failed(message));
                    }
                    message
                }
                Err(e) => format!("cannot reach {url}: {e}"),
            };
            if attempt == ATTEMPTS {
                return Err(GspError::Failed(format!(
                    "{failure} (tried {ATTEMPTS} times)"
                )));
            }
            std::thread::sleep(wait);
            wait *= 2;
            attempt += 1;
        }
    }

    /// Takes the scheme a 401 asked for. False when there is nothing to answer it with.
    fn take_challenge(&self, challenge: Option<&str>) -> Result<bool, GspError> {
        let (Some(challenge), Some(_)) = (challenge, &self.credentials) else {
            return Ok(false);
        };
        let mut scheme = self.scheme.lock().unwrap_or_else(|e| e.into_inner());
        let asked = challenge.trim_start().to_ascii_lowercase();
        if asked.starts_with("digest") {
            let parsed = digest_auth::parse(challenge).map_err(|e| {
                GspError::Failed(format!("cannot read the server's Digest challenge: {e}"))
            })?;
            *scheme = Scheme::Digest(parsed);
        } else if asked.starts_with("basic") {
            *scheme = Scheme::Basic;
        } else {
            return Ok(false);
        }
        Ok(true)
    }

    /// The Authorization header for a request, in the scheme the server asked for.
    fn authorization(&self, method: &Method, url: &str) -> Result<Option<String>, GspError> {
        let Some(credentials) = &self.credentials else {
            return Ok(None);
        };
        let mut scheme = self.scheme.lock().unwrap_or_else(|e| e.into_inner());
        match &mut *scheme {
            Scheme::None => Ok(None),
            Scheme::Basic => {
                use base64::Engine;
                let pair = format!("{}:{}", credentials.user, credentials.password);
                Ok(Some(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(pair)
                )))
            }
            Scheme::Digest(challenge) => {
                let uri: oxhttp::model::Uri = url
                    .parse()
                    .map_err(|e| GspError::Failed(format!("{url} is not a usable URL: {e}")))?;
                let path = uri.path_and_query().map_or("/", |p| p.as_str()).to_string();
                let context = digest_auth::AuthContext::new_with_method(
                    credentials.user.as_str(),
                    credentials.password.as_str(),
                    path,
                    None::<&[u8]>,
                    digest_auth::HttpMethod::from(method.as_str().to_string()),
                );
                let answer = challenge.respond(&context).map_err(|e| {
                    GspError::Failed(format!("cannot answer the Digest challenge: {e}"))
                })?;
                Ok(Some(answer.to_header_string()))
            }
        }
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986), for a query string.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
