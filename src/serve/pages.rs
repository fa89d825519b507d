//! Server-rendered pages: the query editor, a page per resolution and the network.

use crate::rdf::vocab::{SKOS, UNKG, XSD};
use crate::rdf::{PLACE_BINDINGS, undocs};
use crate::store::{Store, StoreError};
use oxigraph::sparql::CancellationToken;
use std::fmt::Write;

use crate::text::escape_html as escape;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:1.5em;max-width:70em}table{border-collapse:collapse}\
td,th{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}textarea{width:100%;font-family:monospace}\
mark.cite{background:#ffd54f}mark.entity{background:#c5e1a5}nav a{margin-right:1em}\
table.side-by-side{table-layout:fixed;width:100%}table.side-by-side td{width:auto}tr.disagree th{background:#ffe0b2}\
td.missing{color:#999;text-align:center}td[dir=rtl]{text-align:right}";

fn frame(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title><style>{STYLE}</style></head>\
         <body><nav><a href=\"/\">Query</a><a href=\"/network\">Network</a>\
         <form action=\"/search\" style=\"display:inline\"><input name=\"q\" size=\"40\" \
         placeholder=\"687 (1991), A/RES/79/47, 79/47 or words of a title\" aria-label=\"Search\"></form></nav>\
         <h1>{t}</h1>{body}</body></html>\n",
        t = escape(title)
    )
}

/// The prefixes the data uses, which the editor starts with.
const PREFIXES: &str = "PREFIX unkg: <https://w3id.org/unkg/ontology#>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
";

/// The query a new editor holds: the most cited resolutions.
const FIRST_QUERY: &str = "SELECT ?symbol (COUNT(?c) AS ?citations) WHERE { ?r unkg:symbol ?symbol ; unkg:ingested true . OPTIONAL { ?r unkg:cites ?c } }
GROUP BY ?symbol ORDER BY DESC(?citations) LIMIT 20";

/// The named queries as (name, what it answers, text): what it answers is the first sentence
/// of its comment, written for users; the rest of the comment is for whoever maintains it.
fn named_queries() -> Vec<(&'static str, String, &'static str)> {
    super::NAMED_QUERIES
        .iter()
        .map(|(name, text)| {
            let comment: Vec<&str> = text
                .lines()
                .take_while(|l| l.starts_with('#'))
                .map(|l| l.trim_start_matches('#').trim())
                .collect();
            let comment = comment.join(" ");
            let about = match comment.find(". ") {
                Some(end) => comment[..=end].to_string(),
                None => comment,
            };
            (*name, about, *text)
        })
        .collect()
}

/// The query page: YASGUI when the build embedded it, else a plain editor.
pub fn editor() -> String {
    if cfg!(yasgui) {
        yasgui_editor()
    } else {
        plain_editor()
    }
}

/// YASGUI's script and style, when the build embedded them: (bytes, content type).
pub fn yasgui_asset(name: &str) -> Option<(&'static str, &'static str)> {
    #[cfg(yasgui)]
    {
        match name {
            "yasgui.min.js" => {
                return Some((
                    include_str!(concat!(env!("OUT_DIR"), "/yasgui.min.js")),
                    "text/javascript; charset=utf-8",
                ));
            }
            "yasgui.min.css" => {
                return Some((
                    include_str!(concat!(env!("OUT_DIR"), "/yasgui.min.css")),
                    "text/css; charset=utf-8",
                ));
            }
            _ => {}
        }
    }
    let _ = name;
    None
}

/// YASGUI over this endpoint: the data's prefixes, the named queries a click away (each in a
/// tab of its own), results that sort and download, and the data's IRIs opening their pages
/// here.
fn yasgui_editor() -> String {
    let queries = named_queries();
    let named: Vec<serde_json::Value> = queries
        .iter()
        .map(
            |(name, about, text)| serde_json::json!({ "name": name, "about": about, "text": text }),
        )
        .collect();
    let mut list = String::new();
    for (i, (name, about, _)) in queries.iter().enumerate() {
        let _ = write!(
            list,
            "<li><a href=\"#\" data-named=\"{i}\">{}</a> — {}</li>",
            escape(name),
            escape(about)
        );
    }
    let config = serde_json::json!({ "first": format!("{PREFIXES}{FIRST_QUERY}"), "prefixes": PREFIXES, "named": named });
    // "</" cannot end the script early: JSON escapes it.
    let config = config.to_string().replace("</", "<\\/");
    let body = format!(
        r##"<link rel="stylesheet" href="/yasgui/yasgui.min.css"><div id="yasgui"></div>
<h2>Named queries</h2><p>Each opens in a tab of its own; replace a <code>?symbol</code> it asks for with one, as <code>"S/RES/687 (1991)"</code>.</p><ul id="named">{list}</ul>
<script src="/yasgui/yasgui.min.js"></script>
<script>
(function () {{
  const config = {config};
  // Read before YASGUI, which puts its tab's id in the URL's hash.
  const run = location.hash === "#run";
  Yasgui.Yasqe.defaults.value = config.first;
  const yasgui = new Yasgui(document.getElementById("yasgui"), {{
    requestConfig: {{ endpoint: location.origin + "/query", method: "POST" }},
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: {{ getData: () => [] }},
  }});
  document.getElementById("named").addEventListener("click", e => {{
    const i = e.target.dataset && e.target.dataset.named;
    if (i === undefined) return;
    e.preventDefault();
    const q = config.named[Number(i)];
    const text = q.text.includes("PREFIX unkg:") ? q.text : config.prefixes + q.text;
    yasgui.addTab(true, {{ name: q.name, yasqe: {{ value: text }} }});
    whenReady(tab => tab.query());
  }});
  // The data's IRIs open their pages on this server.
  document.addEventListener("click", e => {{
    const a = e.target.closest && e.target.closest("a[href^='https://w3id.org/unkg/']");
    if (!a) return;
    e.preventDefault();
    location.href = a.href.replace("https://w3id.org/unkg", "");
  }}, true);
  // The rows the active tab shows, once drawn (what tests and scripts read).
  yasgui.on("queryResponse", (y, tab) => tab.getYasr().once("drawn", () => {{
    document.body.dataset.rows = document.querySelectorAll(".tabPanel.active .yasr tbody tr").length;
  }}));
  // A tab's editor comes a moment after the tab.
  function whenReady(then) {{
    const tab = yasgui.getTab();
    if (tab && tab.getYasqe()) then(tab); else setTimeout(() => whenReady(then), 50);
  }}
  // A link can carry its query: /?query=…#run runs it.
  const asked = new URLSearchParams(location.search).get("query");
  whenReady(tab => {{
    if (asked) tab.setQuery(asked);
    if (run) tab.query();
  }});
}})();
</script>"##
    );
    frame("unkg — SPARQL over UN resolutions", &body)
}

/// The editor without YASGUI: a SPARQL box, the named queries one click away, a results table.
fn plain_editor() -> String {
    let mut named = String::new();
    for (name, about, text) in named_queries() {
        let _ = write!(
            named,
            "<li><a href=\"#\" data-query=\"{}\">{}</a> — {}</li>",
            escape(text),
            escape(name),
            escape(&about)
        );
    }
    let first = escape(&format!("{PREFIXES}{FIRST_QUERY}"));
    let body = format!(
        r##"<form id="form"><textarea id="query" rows="12">{first}</textarea>
<p><button id="run" type="submit">Run</button> <span id="status"></span></p></form>
<div id="results"></div>
<h2>Named queries</h2><ul id="named">{named}</ul>
<p><small>A full editor (YASGUI: completion, error marks, sortable results, downloads, charts) comes with the build once <code>scripts/build-deps</code> has fetched it (it needs npm).</small></p>
<script>
(function () {{
  const status = document.getElementById("status"), results = document.getElementById("results"), box = document.getElementById("query");
  function cell(term) {{
    if (!term) return "";
    const text = document.createTextNode(term.value);
    // Only web IRIs become links: a stored "javascript:" IRI must not run when clicked.
    if (term.type === "uri" && /^https?:\/\//i.test(term.value)) {{
      const a = document.createElement("a");
      const symbol = term.value.match(/^https:\/\/w3id\.org\/unkg\/doc\/(.*)$/);
      let page = term.value;
      try {{ if (symbol) page = "/resolution/" + encodeURIComponent(decodeURIComponent(symbol[1])); }} catch (e) {{}}
      a.href = page;
      a.appendChild(text);
      return a;
    }}
    return text;
  }}
  async function run() {{
    status.textContent = "running…";
    const response = await fetch("/query", {{ method: "POST", headers: {{ "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json" }},
      body: "query=" + encodeURIComponent(box.value) }});
    if (!response.ok) {{ status.textContent = "error " + response.status + ": " + await response.text(); return; }}
    const data = await response.json();
    results.innerHTML = "";
    if (data.boolean !== undefined) {{ results.textContent = String(data.boolean); status.textContent = ""; return; }}
    const table = document.createElement("table"), head = table.insertRow();
    data.head.vars.forEach(v => {{ const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }});
    data.results.bindings.forEach(b => {{ const row = table.insertRow(); data.head.vars.forEach(v => row.insertCell().appendChild(cell(b[v]) || document.createTextNode(""))); }});
    results.appendChild(table);
    status.textContent = data.results.bindings.length + " rows";
    status.dataset.rows = data.results.bindings.length;
  }}
  document.getElementById("form").addEventListener("submit", e => {{ e.preventDefault(); run(); }});
  document.getElementById("named").addEventListener("click", e => {{ const q = e.target.dataset && e.target.dataset.query; if (q) {{ e.preventDefault(); box.value = q; run(); }} }});
  // A link can carry its query: /?query=…#run runs it.
  const asked = new URLSearchParams(location.search).get("query");
  if (asked) box.value = asked;
  if (location.hash === "#run") run();
}})();
</script>"##
    );
    frame("unkg — SPARQL over UN resolutions", &body)
}

/// Runs a page's query, which stops when `cancel` is cancelled (the page's time is up).
fn select(
    store: &Store,
    cancel: &CancellationToken,
    query: &str,
) -> Result<Vec<Vec<String>>, StoreError> {
    store.rows(query, cancel)
}

fn literal(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn resolution_link(symbol: &str) -> String {
    let path: String = symbol
        .chars()
        .map(|c| {
            if c == ' ' {
                "%20".to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    format!(
        "<a href=\"/resolution/{}\">{}</a>",
        escape(&path),
        escape(symbol)
    )
}

/// A resolution's page: metadata, language versions, paragraphs with the extracted facts
/// marked, citations both ways, instruments and bodies, links to undocs.org.
/// Its queries stop once `cancel` is cancelled.
/// `shown` is the languages whose versions sit side by side (all when empty); `chain` the
/// resolutions back to the first of its series.
pub fn resolution(
    store: &Store,
    symbol: &str,
    shown: &[String],
    chain: &[String],
    predecessor: Option<&str>,
    cancel: &CancellationToken,
) -> Result<Option<String>, StoreError> {
    let p = format!("PREFIX unkg: <{UNKG}> PREFIX skos: <{SKOS}> PREFIX xsd: <{XSD}> ");
    let s = literal(symbol);
    let work = select(
        store,
        cancel,
        &format!(
            "{p} SELECT DISTINCT ?w WHERE {{ ?w unkg:symbol {s} . ?w a ?type . FILTER(?type IN (unkg:Resolution, unkg:DraftResolution)) }} LIMIT 1"
        ),
    )?;
    let Some(work) = work.first().map(|r| r[0].clone()) else {
        return Ok(None);
    };
    let w = format!("<{work}>");
    let mut body = String::new();
    let here = local_path(&work);
    let _ = write!(
        body,
        "<p>This page as data: <a href=\"{0}?format=turtle\">Turtle</a> · <a href=\"{0}?format=jsonld\">JSON-LD</a> · <a href=\"{0}?format=nt\">N-Triples</a> (or ask <code>{1}</code> for them)</p>",
        escape(&here),
        escape(&work)
    );
    if let Some(earlier) = predecessor {
        let _ = write!(
            body,
            "<p id=\"changed\">What changed since the previous resolution of its series: <a href=\"{}\">{} → {}</a></p>",
            escape(&diff_path(earlier, symbol)),
            escape(earlier),
            escape(symbol)
        );
    }

    let meta = select(store, cancel, &format!(
        "{p} SELECT (SAMPLE(?organ) AS ?o) (SAMPLE(?date) AS ?d) (SAMPLE(?session) AS ?s) (SAMPLE(?item) AS ?i) (SAMPLE(?meeting) AS ?m) (SAMPLE(?report) AS ?r) (MAX(?ing) AS ?ingested) WHERE {{
           OPTIONAL {{ {w} unkg:organ ?org . ?org skos:prefLabel ?organ FILTER(LANG(?organ) = \"en\") }}
           OPTIONAL {{ {w} unkg:adoptedOn ?date }} OPTIONAL {{ {w} unkg:session ?session }} OPTIONAL {{ {w} unkg:agendaItem ?item }}
           OPTIONAL {{ {w} unkg:meeting ?meeting }} OPTIONAL {{ {w} unkg:adoptedOnReportOf ?rep . ?rep unkg:symbol ?report }}
           OPTIONAL {{ {w} unkg:ingested ?ing }} }}"
    ))?;
    if let Some(m) = meta.first() {
        body.push_str("<table>");
        for (label, value) in [
            "organ",
            "adopted",
            "session",
            "agenda item",
            "meeting",
            "committee report",
            "ingested",
        ]
        .iter()
        .zip(m)
        {
            if !value.is_empty() {
                let _ = write!(body, "<tr><th>{label}</th><td>{}</td></tr>", escape(value));
            }
        }
        let _ = write!(
            body,
            "<tr><th>document</th><td><a href=\"{0}\">{0}</a></td></tr></table>",
            escape(&undocs(symbol, None))
        );
    }

    let versions = select(
        store,
        cancel,
        &format!(
            "{p} SELECT DISTINCT ?lang ?title ?source WHERE {{ {w} unkg:isRealizedBy ?e . ?e unkg:language ?lang . OPTIONAL {{ ?e unkg:title ?title }} OPTIONAL {{ ?e unkg:sourcePath ?source }} }} ORDER BY ?lang"
        ),
    )?;
    body.push_str("<h2>Language versions</h2><table><tr><th>language</th><th>title</th><th>source</th><th></th></tr>");
    for v in &versions {
        let _ = write!(
            body,
            "<tr><td>{}</td><td lang=\"{0}\">{}</td><td>{}</td><td><a href=\"{}\">undocs.org</a></td></tr>",
            escape(&v[0]),
            escape(&v[1]),
            // The file's name only: where it lies on the server's disk is nobody's business.
            escape(v[2].rsplit(['/', '\\']).next().unwrap_or("")),
            escape(&undocs(symbol, Some(&v[0])))
        );
    }
    body.push_str("</table>");
    // The texts, side by side, come right after what the resolution is: what a reader opens
    // the page for. They are made last, from what the page has read.
    let texts_at = body.len();

    let cites = select(store, cancel, &format!(
        "{p} SELECT DISTINCT ?cited ?relation ?date ?paragraph WHERE {{ ?c a unkg:Citation ; unkg:citing {w} ; unkg:cited ?x ; unkg:relation ?r . ?x unkg:symbol ?cited .
           BIND(STRAFTER(STR(?r), \"#\") AS ?relation) OPTIONAL {{ ?c unkg:citedDate ?date }} OPTIONAL {{ ?c unkg:inParagraph ?p BIND(STRAFTER(STR(?p), \"#\") AS ?paragraph) }} }} ORDER BY ?paragraph ?cited"
    ))?;
    let _ = write!(
        body,
        "<h2>Cites ({})</h2><table><tr><th>resolution</th><th>relation</th><th>date stated</th><th>paragraph</th></tr>",
        count_distinct(&cites, 0)
    );
    for c in &cites {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            resolution_link(&c[0]),
            escape(&c[1]),
            escape(&c[2]),
            escape(&c[3])
        );
    }
    body.push_str("</table>");
    let cited_by = select(
        store,
        cancel,
        &format!(
            "{p} SELECT ?citing ?relation (SAMPLE(?d) AS ?date) (SAMPLE(?text) AS ?words) WHERE {{ ?c a unkg:Citation ; unkg:cited {w} ; unkg:citing ?y ; unkg:relation ?r . ?y unkg:symbol ?citing . BIND(STRAFTER(STR(?r), \"#\") AS ?relation) OPTIONAL {{ ?y unkg:adoptedOn ?d }} OPTIONAL {{ ?c unkg:inParagraph ?cp ; unkg:inVersion ?e . ?e unkg:language ?l . ?cp unkg:text ?text FILTER(LANG(?text) = STR(?l)) }} }} GROUP BY ?citing ?relation ORDER BY ?date ?citing"
        ),
    )?;
    let _ = write!(
        body,
        "<h2>Cited by ({})</h2><table><tr><th>resolution</th><th>relation</th><th>adopted</th><th>in the words of its paragraph</th></tr>",
        count_distinct(&cited_by, 0)
    );
    for c in &cited_by {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            resolution_link(&c[0]),
            escape(&c[1]),
            escape(&c[2]),
            escape(&shortened(&without_markdown(&c[3]), 240))
        );
    }
    body.push_str("</table>");

    votes(&mut body, store, &work, cancel)?;
    if chain.len() > 1 {
        let links: Vec<String> = chain.iter().map(|s| resolution_link(s)).collect();
        let _ = write!(
            body,
            "<h2>Back to the first of its series</h2><p id=\"chain\">{}</p>",
            links.join(" → ")
        );
    }
    let entities = select(
        store,
        cancel,
        &format!(
            "{p} SELECT DISTINCT ?kind ?name WHERE {{ {w} unkg:mentions ?m . ?m a ?t ; skos:prefLabel ?name . FILTER(LANG(?name) = \"en\") BIND(STRAFTER(STR(?t), \"#\") AS ?kind) }} ORDER BY ?kind ?name"
        ),
    )?;
    body.push_str("<h2>Instruments and bodies</h2><ul>");
    for e in &entities {
        let _ = write!(body, "<li>{}: {}</li>", escape(&e[0]), escape(&e[1]));
    }
    body.push_str("</ul>");

    // Paragraphs in each language, the quotes of the facts read from them marked, a cited
    // resolution's linked to its page.
    let mut quotes: std::collections::BTreeMap<String, Option<String>> = Default::default();
    for r in select(
        store,
        cancel,
        &format!(
            "{p} SELECT DISTINCT ?exact ?cited WHERE {{ ?e unkg:realizes {w} ; unkg:fullText ?text . ?a unkg:inVersion ?e ; unkg:span ?span . OPTIONAL {{ ?a unkg:cited ?x . ?x unkg:symbol ?cited }} {PLACE_BINDINGS} }}"
        ),
    )? {
        if r[0].chars().count() >= 3 {
            let cited = (!r[1].is_empty()).then(|| r[1].clone());
            let entry = quotes.entry(r[0].clone()).or_default();
            if entry.is_none() {
                *entry = cited;
            }
        }
    }
    let paragraphs = select(
        store,
        cancel,
        &format!(
            "{p} SELECT ?id ?text ?lang WHERE {{ {w} unkg:hasParagraph ?para . ?para unkg:text ?text ; unkg:ordinal ?n ; a ?type . BIND(LANG(?text) AS ?lang) BIND(STRAFTER(STR(?para), \"#\") AS ?id) }} ORDER BY DESC(?type) ?n ?lang"
        ),
    )?;
    let notes = disagreement_notes(store, cancel, symbol, &w)?;
    body.insert_str(
        texts_at,
        &side_by_side(symbol, &paragraphs, &quotes, shown, &notes),
    );
    Ok(Some(frame(symbol, &body)))
}

/// The roll calls on a resolution (after `unkg votes load`): each one's tally, and how each
/// State voted, folded away.
fn votes(
    body: &mut String,
    store: &Store,
    work: &str,
    cancel: &CancellationToken,
) -> Result<(), StoreError> {
    let events = crate::votes::events_on(store, work, cancel)?;
    if events.is_empty() {
        return Ok(());
    }
    body.push_str("<h2>Votes</h2>");
    for e in &events {
        let [yes, no, abstain] = e.tally;
        let what = e.what();
        let _ = write!(
            body,
            "<details class=\"vote\"><summary>Roll call {} of {}, on {}: <b>{yes}</b> yes, <b>{no}</b> no, <b>{abstain}</b> abstentions</summary><table><tr><th>State</th><th>vote</th></tr>",
            escape(&e.rcid),
            escape(e.date.as_deref().unwrap_or("an unknown date")),
            escape(&what)
        );
        for v in &e.votes {
            let _ = write!(
                body,
                "<tr class=\"{0}\"><td>{1}</td><td>{0}</td></tr>",
                escape(&v.option),
                escape(&v.name)
            );
        }
        body.push_str("</table></details>");
    }
    Ok(())
}

/// The server's path of the diff between two resolutions.
pub fn diff_path(before: &str, after: &str) -> String {
    let encode = |s: &str| s.replace('%', "%25").replace(' ', "%20");
    format!("/diff/{}/{}", encode(before), encode(after))
}

/// The page of what changed between two resolutions; none when either has no text here.
pub fn diff(
    store: &Store,
    before: &str,
    after: &str,
    cancel: &CancellationToken,
) -> Result<Result<String, String>, StoreError> {
    match crate::diff::compare(store, before, after, None, cancel) {
        Ok(c) => {
            let body = format!(
                "<style>{}</style>{}",
                crate::diff::STYLE,
                crate::diff::html(&c, &resolution_link)
            );
            Ok(Ok(frame(&format!("{before} → {after}"), &body)))
        }
        Err(crate::diff::DiffError::Store(e)) => Err(e),
        Err(e) => Ok(Err(e.to_string())),
    }
}

fn count_distinct(rows: &[Vec<String>], column: usize) -> usize {
    rows.iter()
        .map(|r| &r[column])
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

/// Escapes `text` and marks every occurrence of the quotes (longest first, no overlaps).
/// The six languages in the UN's order, which columns follow.
const LANGUAGE_ORDER: [&str; 6] = ["ar", "zh", "en", "fr", "ru", "es"];

/// What the language versions disagree on, by paragraph: a resolution one version cites and
/// another does not, noted on the paragraphs that cite it (`unkg agreement` lists them all).
fn disagreement_notes(
    store: &Store,
    cancel: &CancellationToken,
    symbol: &str,
    work: &str,
) -> Result<std::collections::BTreeMap<String, Vec<String>>, StoreError> {
    let mut notes: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let Some(check) = crate::agreement::check(store, Some(symbol))?
        .into_iter()
        .next()
    else {
        return Ok(notes);
    };
    for d in check.disagreements.iter().filter(|d| d.field == "cites") {
        let places = select(
            store,
            cancel,
            &format!(
                "PREFIX unkg: <{UNKG}> SELECT DISTINCT ?id WHERE {{ ?c unkg:citing {work} ; unkg:cited ?x ; unkg:inParagraph ?p . ?x unkg:symbol {} BIND(STRAFTER(STR(?p), \"#\") AS ?id) }}",
                literal(&d.value)
            ),
        )?;
        for place in places {
            notes.entry(place[0].clone()).or_default().push(format!(
                "cites {} in {}, not in {}",
                d.value,
                d.found_in.join(", "),
                d.missing_in.join(", ")
            ));
        }
    }
    Ok(notes)
}

/// At most `max` characters of `text`, cut at a word, with "…" when cut.
fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

/// Markdown a web copy left in a text ("**Reaffirms**", "[78/27](#)"), shown as the words.
fn without_markdown(text: &str) -> String {
    static LINK: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\[([^\]\n]*)\]\([^)\s]*\)").unwrap());
    LINK.replace_all(text, "$1")
        .replace("**", "")
        .replace("__", "")
}

/// The paragraphs of the versions side by side, a row per paragraph (pp_1 beside pp_1), a
/// column per language shown; a form picks the languages, kept in the URL.
fn side_by_side(
    symbol: &str,
    paragraphs: &[Vec<String>],
    quotes: &std::collections::BTreeMap<String, Option<String>>,
    shown: &[String],
    notes: &std::collections::BTreeMap<String, Vec<String>>,
) -> String {
    let held: Vec<&str> = LANGUAGE_ORDER
        .iter()
        .copied()
        .filter(|l| paragraphs.iter().any(|p| p[2] == *l))
        .collect();
    let columns: Vec<&str> = held
        .iter()
        .copied()
        .filter(|l| shown.is_empty() || shown.iter().any(|s| s == l))
        .collect();
    let mut rows: Vec<&str> = Vec::new();
    for p in paragraphs {
        if !rows.contains(&p[0].as_str()) {
            rows.push(&p[0]);
        }
    }
    let mut out = String::from("<h2>Paragraphs</h2><form id=\"languages\">");
    for l in &held {
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" name=\"lang\" value=\"{l}\"{}> {l}</label> ",
            if columns.contains(l) { " checked" } else { "" }
        );
    }
    let _ = write!(
        out,
        "<button>Show</button> <a href=\"{}\">all</a></form><table id=\"versions\" class=\"side-by-side\"><tr><th></th>",
        escape(&format!("/resolution/{}", symbol.replace(' ', "%20")))
    );
    for l in &columns {
        let _ = write!(out, "<th lang=\"en\">{l}</th>");
    }
    out.push_str("</tr>");
    for id in rows {
        let note = notes.get(id);
        let _ = write!(
            out,
            "<tr id=\"{0}\"{1}><th>{0}{2}</th>",
            escape(id),
            if note.is_some() {
                " class=\"disagree\""
            } else {
                ""
            },
            note.map_or_else(String::new, |n| format!(
                "<br><small class=\"note\">⚠ {}</small>",
                escape(&n.join("; "))
            ))
        );
        for l in &columns {
            let text = paragraphs.iter().find(|p| p[0] == id && p[2] == *l);
            let dir = if *l == "ar" { " dir=\"rtl\"" } else { "" };
            match text {
                Some(p) => {
                    let _ = write!(
                        out,
                        "<td lang=\"{l}\"{dir}>{}</td>",
                        mark(&without_markdown(&p[1]), quotes)
                    );
                }
                None => {
                    let _ = write!(out, "<td lang=\"{l}\" class=\"missing\">—</td>");
                }
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

/// `text` with the quotes of the facts read from it marked, longest first, each once; a
/// quote of a citation links to the cited resolution's page.
fn mark(text: &str, quotes: &std::collections::BTreeMap<String, Option<String>>) -> String {
    let mut ordered: Vec<(&String, &Option<String>)> = quotes.iter().collect();
    ordered.sort_by_key(|(q, _)| std::cmp::Reverse(q.len()));
    let mut taken: Vec<(usize, usize, Option<&str>)> = Vec::new();
    for (q, cited) in ordered {
        for (at, _) in text.match_indices(q.as_str()) {
            let end = at + q.len();
            if taken.iter().all(|&(s, e, _)| end <= s || at >= e) {
                taken.push((at, end, cited.as_deref()));
            }
        }
    }
    taken.sort();
    let mut out = String::new();
    let mut at = 0;
    for (s, e, cited) in taken {
        out.push_str(&escape(&text[at..s]));
        match cited {
            Some(symbol) => {
                let _ = write!(
                    out,
                    "<a class=\"cite\" href=\"{}\"><mark>{}</mark></a>",
                    escape(&format!("/resolution/{}", symbol.replace(' ', "%20"))),
                    escape(&text[s..e])
                );
            }
            None => {
                let _ = write!(out, "<mark>{}</mark>", escape(&text[s..e]));
            }
        }
        at = e;
    }
    out.push_str(&escape(&text[at..]));
    out
}

/// The symbols a search may mean: the text as a symbol ("S/RES/687 (1991)", "A/RES/79/47"),
/// as the Assembly's "79/47" or the Council's "687 (1991)", and a number alone ("687",
/// "res 687") as the Council resolution of that number, in the year its number tells.
fn symbols_meant(q: &str) -> Vec<String> {
    let q = q.trim();
    let mut meant = vec![
        crate::symbol::canonical(q),
        crate::symbol::canonical(&format!("A/RES/{q}")),
        crate::symbol::canonical(&format!("S/RES/{q}")),
    ];
    // The Council's numbers by year, read once.
    static LEXICON: std::sync::OnceLock<Option<crate::lang::Lexicon>> = std::sync::OnceLock::new();
    let lexicon = LEXICON.get_or_init(|| crate::lang::Lexicon::load().ok());
    if let Some(number) = council_number(q)
        && let Some(year) = lexicon.as_ref().and_then(|l| {
            l.series
                .year_of(crate::symbol::Organ::SecurityCouncil.body_iri(), number)
        })
    {
        meant.push(format!("S/RES/{number} ({year})"));
    }
    meant.sort();
    meant.dedup();
    meant
}

/// A Council number typed without its year: "687", "res 687", "resolution 687", "S/RES/687".
fn council_number(q: &str) -> Option<u32> {
    let upper = q.trim().to_uppercase();
    ["S/RES/", "RESOLUTION", "RES.", "RES"]
        .iter()
        .find_map(|prefix| upper.strip_prefix(prefix))
        .unwrap_or(&upper)
        .trim()
        .parse()
        .ok()
}

/// `/search?q=…`: resolutions by symbol, in any form a user types, or by words of a title in
/// any language, each optionally of one organ (`organ=un-sc`) and year (`year=1991`).
pub fn search(
    store: &Store,
    q: &str,
    organ: Option<&str>,
    year: Option<&str>,
    cancel: &CancellationToken,
) -> Result<String, StoreError> {
    let p = format!("PREFIX unkg: <{UNKG}> PREFIX xsd: <{XSD}> ");
    let symbols: Vec<String> = symbols_meant(q).iter().map(|s| literal(s)).collect();
    // A symbol typed ("res 687", "79/47") is not also looked for in titles.
    let symbol_like = council_number(q).is_some() || q.contains('/');
    let words: Vec<String> = q
        .split_whitespace()
        .filter(|_| !symbol_like)
        .filter(|w| w.chars().count() > 2)
        .map(|w| literal(&w.to_lowercase()))
        .collect();
    let mut filters = String::new();
    if let Some(organ) = organ.filter(|o| o.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    {
        let _ = write!(
            filters,
            " ?w unkg:organ <https://w3id.org/unkg/body/{organ}> ."
        );
    }
    if let Some(year) = year.filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())) {
        let _ = write!(
            filters,
            " ?w unkg:adoptedOn ?date . FILTER(YEAR(?date) = {year})"
        );
    }
    // The symbols first: a lookup each. Words of titles after: a scan of the titles.
    let by_symbol = format!(
        "{{ VALUES ?symbol {{ {} }} ?w unkg:symbol ?symbol . }}",
        symbols.join(" ")
    );
    // A number whose year the Council's table does not know: every symbol it starts.
    let by_number = council_number(q).map_or_else(String::new, |n| {
        format!(
            " UNION {{ ?w unkg:symbol ?symbol . FILTER(STRSTARTS(?symbol, {})) }}",
            literal(&format!("S/RES/{n} ("))
        )
    });
    let by_title = if words.is_empty() {
        String::new()
    } else {
        let all: Vec<String> = words
            .iter()
            .map(|w| format!("CONTAINS(LCASE(STR(?t)), {w})"))
            .collect();
        format!(
            " UNION {{ ?v unkg:title ?t . FILTER({}) ?v unkg:realizes ?w . ?w unkg:symbol ?symbol . }}",
            all.join(" && ")
        )
    };
    let rows = select(
        store,
        cancel,
        &format!(
            "{p} SELECT ?symbol (SAMPLE(?title) AS ?shown) (MAX(?ingested) AS ?in) WHERE {{ {{ {by_symbol}{by_number}{by_title} }}{filters} \
             OPTIONAL {{ ?w unkg:isRealizedBy ?e . ?e unkg:title ?title FILTER(LANG(?title) = \"en\" || LANG(?title) = \"\") }} \
             OPTIONAL {{ ?w unkg:ingested ?ingested }} }} GROUP BY ?symbol ORDER BY ?symbol LIMIT 200"
        ),
    )?;
    let mut body = format!(
        "<form action=\"/search\"><input name=\"q\" value=\"{}\" size=\"40\"> \
         <select name=\"organ\"><option value=\"\">any organ</option><option value=\"un-ga\">General Assembly</option>\
         <option value=\"un-sc\">Security Council</option><option value=\"un-hrc\">Human Rights Council</option>\
         <option value=\"un-ecosoc\">ECOSOC</option></select> <input name=\"year\" size=\"5\" placeholder=\"year\"> \
         <button>Search</button></form>",
        escape(q)
    );
    let _ = write!(
        body,
        "<p id=\"found\" data-found=\"{}\">{} found</p><ul>",
        rows.len(),
        rows.len()
    );
    for row in &rows {
        let cited_only = if row[2] == "true" {
            ""
        } else {
            " <small>(cited, not in the store)</small>"
        };
        let _ = write!(
            body,
            "<li>{}{} {}</li>",
            resolution_link(&row[0]),
            cited_only,
            escape(&row[1])
        );
    }
    body.push_str("</ul>");
    Ok(frame(&format!("Search: {q}"), &body))
}

/// Where this server answers for one of the data's IRIs: its path, for `https://w3id.org/unkg/…`.
pub fn local_path(iri: &str) -> String {
    iri.strip_prefix(crate::rdf::vocab::DATA)
        .map_or_else(|| iri.to_string(), |path| format!("/{path}"))
}

/// What the store says of one resource (and of the `#` resources under it), as a page: each
/// statement, the data's IRIs linked to their own pages. `None` when it says nothing.
pub fn resource(
    store: &Store,
    iri: &str,
    cancel: &CancellationToken,
) -> Result<Option<String>, StoreError> {
    let rows = select(store, cancel, &describe_select(iri))?;
    if rows.is_empty() {
        return Ok(None);
    }
    let link = |term: &str| {
        if term.starts_with(crate::rdf::vocab::DATA) {
            format!(
                "<a href=\"{}\">{}</a>",
                escape(&local_path(term)),
                escape(term)
            )
        } else if term.starts_with("http://") || term.starts_with("https://") {
            format!("<a href=\"{0}\">{0}</a>", escape(term))
        } else {
            escape(term)
        }
    };
    let here = local_path(iri);
    let mut body = format!(
        "<p>As data: <a href=\"{0}?format=turtle\">Turtle</a> · <a href=\"{0}?format=jsonld\">JSON-LD</a> · <a href=\"{0}?format=nt\">N-Triples</a></p><table><tr><th>subject</th><th>property</th><th>value</th></tr>",
        escape(&here)
    );
    for row in &rows {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            link(&row[0]),
            link(&row[1]),
            link(&row[2])
        );
    }
    body.push_str("</table>");
    Ok(Some(frame(iri, &body)))
}

/// The statements that describe `iri`: its own, and those of the resources under it with a
/// `#` (a paragraph of `…/!main`, linked from its work), as (?s ?p ?o), in order.
pub fn describe_select(iri: &str) -> String {
    format!(
        "SELECT ?s ?p ?o WHERE {{ {} }} ORDER BY ?s ?p ?o",
        describe_pattern(iri)
    )
}

/// Whether [`describe_select`] finds anything.
pub fn describe_ask(iri: &str) -> String {
    format!("ASK {{ {} }}", describe_pattern(iri))
}

/// [`describe_select`] as a CONSTRUCT, for RDF.
pub fn describe_construct(iri: &str) -> String {
    format!(
        "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {} }}",
        describe_pattern(iri)
    )
}

fn describe_pattern(iri: &str) -> String {
    let hash = literal(&format!("{iri}#"));
    let work = iri.strip_suffix("/!main").unwrap_or(iri);
    format!(
        "{{ BIND(<{iri}> AS ?s) ?s ?p ?o }} \
         UNION {{ <{iri}> ?link ?s . FILTER(isIRI(?s) && STRSTARTS(STR(?s), {hash})) ?s ?p ?o }} \
         UNION {{ <{work}> <{UNKG}hasParagraph> ?s . FILTER(STRSTARTS(STR(?s), {hash})) ?s ?p ?o }}"
    )
}
