use oxigraph::sparql::QueryResults;
use std::io::Write;
use std::process::ExitCode;
use unkg::rdf::vocab;

pub fn run(store_dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    let store = super::open_store_to_read(store_dir)?;
    let count = |query: String| -> anyhow::Result<String> {
        if let QueryResults::Solutions(mut rows) = store.query(&query)?
            && let Some(row) = rows.next()
        {
            let row = row?;
            return Ok(row
                .get("n")
                .map(|t| match t {
                    oxigraph::model::Term::Literal(l) => l.value().to_string(),
                    other => other.to_string(),
                })
                .unwrap_or_default());
        }
        Ok("0".into())
    };
    let u = vocab::UNKG;
    let mut out = super::output(None)?;
    // What exports and queries see; the sources graph, unkg's own record of which file gave
    // what, is counted apart.
    let bookkeeping: usize = count(format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}",
        unkg::store::SOURCES_GRAPH
    ))?
    .parse()?;
    writeln!(out, "store            {}", store_dir.display())?;
    writeln!(
        out,
        "triples          {} (as exported)",
        store.len()? - bookkeeping
    )?;
    writeln!(
        out,
        "resolutions      {}",
        count(format!(
            "SELECT (COUNT(DISTINCT ?w) AS ?n) WHERE {{ GRAPH ?g {{ ?w <{u}ingested> true ; a <{u}Resolution> }} }}"
        ))?
    )?;
    writeln!(
        out,
        "other documents  {}",
        count(format!(
            "SELECT (COUNT(DISTINCT ?w) AS ?n) WHERE {{ GRAPH ?g {{ ?w <{u}ingested> true }} FILTER NOT EXISTS {{ ?w a <{u}Resolution> }} }}"
        ))?
    )?;
    writeln!(
        out,
        "language versions {}",
        count(format!(
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a <{u}LanguageVersion> }}"
        ))?
    )?;
    writeln!(
        out,
        "citations        {}",
        count(format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ ?c a <{u}Citation> }}"
        ))?
    )?;
    writeln!(
        out,
        "known, not ingested {} (cited, or voted on)",
        count(format!(
            "SELECT (COUNT(DISTINCT ?w) AS ?n) WHERE {{ ?w <{u}ingested> false }}"
        ))?
    )?;
    writeln!(
        out,
        "documents cited  {}",
        count(format!(
            "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?w <{u}citesDocument> ?d }}"
        ))?
    )?;
    writeln!(
        out,
        "entities mentioned {}",
        count(format!(
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?w <{u}mentions> ?e }}"
        ))?
    )?;
    if let QueryResults::Solutions(rows) = store.query(&format!(
        "SELECT ?organ ?lang (COUNT(DISTINCT ?w) AS ?n) WHERE {{ ?w <{u}ingested> true ; <{u}organ> ?o ; <{u}isRealizedBy> ?e . ?e <{u}language> ?lang . BIND(STRAFTER(STR(?o), \"body/\") AS ?organ) }} GROUP BY ?organ ?lang ORDER BY ?organ ?lang"
    ))? {
        writeln!(out, "by organ and language:")?;
        for row in rows {
            let row = row?;
            let get = |v: &str| row.get(v).map(|t| match t {
                oxigraph::model::Term::Literal(l) => l.value().to_string(),
                other => other.to_string(),
            }).unwrap_or_default();
            writeln!(out, "  {:>6}  {} ({})", get("n"), get("organ"), get("lang"))?;
        }
    }
    writeln!(
        out,
        "bookkeeping      {bookkeeping} triples more, in <{}>: which file gave what (never exported)",
        unkg::store::SOURCES_GRAPH
    )?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
