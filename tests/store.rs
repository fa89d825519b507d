//! RDF mapping and the store: real documents in, SPARQL answers out.

use crate::util;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use unkg::extract::Extractor;
use unkg::lang::Lexicon;
use unkg::store::Store;

fn ingest(store: &Store, relatives: &[&str]) {
    let x = Extractor::new(Lexicon::load().unwrap());
    for relative in relatives {
        let raw = util::read(relative);
        write(store, relative, x.extract(relative, &raw, None));
    }
    store.load_ontology().unwrap();
    store.refresh_stubs().unwrap();
}

/// Writes one extraction as the file `path` gave it, as `unkg ingest` does.
fn write(store: &Store, path: &str, extraction: unkg::extract::Extraction) {
    let unkg::extract::Extraction { record, text } = extraction;
    let quads = unkg::rdf::record_quads(&record, &text);
    let source = unkg::store::Source::of_record(path, &record.text_sha256, &record);
    let known = store
        .source(path)
        .unwrap()
        .map(|s| (s.path.clone(), s))
        .into_iter()
        .collect();
    store
        .write_batch(vec![(source, quads)], &[], &known)
        .unwrap();
}

fn rows(store: &Store, sparql: &str) -> Vec<Vec<String>> {
    let QueryResults::Solutions(solutions) = store.query(sparql).unwrap() else {
        panic!("not a SELECT")
    };
    let vars = solutions.variables().to_vec();
    solutions
        .map(|s| {
            let s = s.unwrap();
            vars.iter()
                .map(|v| match s.get(v) {
                    Some(Term::Literal(l)) => l.value().to_string(),
                    Some(t) => t.to_string(),
                    None => String::new(),
                })
                .collect()
        })
        .collect()
}

const PREFIX: &str = "PREFIX unkg: <https://w3id.org/unkg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ";

#[test]
fn the_79_47_graph_answers_for_its_citations_and_treaties() {
    let store = Store::in_memory().unwrap();
    ingest(&store, &["raw/zh/A_RES_79_47.txt"]);
    let cited = rows(
        &store,
        &format!(
            "{PREFIX} SELECT DISTINCT ?symbol ?date WHERE {{ ?w unkg:symbol \"A/RES/79/47\" . ?c unkg:citing ?w ; unkg:cited ?x . ?x unkg:symbol ?symbol . OPTIONAL {{ ?c unkg:citedDate ?date }} }} ORDER BY ?symbol"
        ),
    );
    assert_eq!(cited.len(), 13);
    assert!(cited.contains(&vec!["A/RES/67/39".to_string(), "2012-12-03".to_string()]));
    let treaties = rows(
        &store,
        &format!(
            "{PREFIX} SELECT DISTINCT ?name WHERE {{ <https://w3id.org/unkg/doc/A/RES/79/47> unkg:mentions ?i . ?i a unkg:Instrument ; skos:prefLabel ?name . FILTER(LANG(?name) = \"en\") }} ORDER BY ?name"
        ),
    );
    let names: Vec<&str> = treaties.iter().map(|r| r[0].as_str()).collect();
    assert!(names.contains(&"Treaty on the Non-Proliferation of Nuclear Weapons"));
    assert!(names.contains(&"Treaty on the Prohibition of Nuclear Weapons"));
    // The expression, its language and its named graph.
    let versions = rows(
        &store,
        &format!(
            "{PREFIX} SELECT ?g ?lang WHERE {{ GRAPH ?g {{ ?e unkg:realizes <https://w3id.org/unkg/doc/A/RES/79/47> ; unkg:language ?lang }} }}"
        ),
    );
    assert_eq!(
        versions,
        vec![vec![
            "<https://w3id.org/unkg/graph/A/RES/79/47/zho@>".to_string(),
            "zh".to_string()
        ]]
    );
}

#[test]
fn the_687_recalls_are_typed_and_stubs_mark_what_is_missing() {
    let store = Store::in_memory().unwrap();
    ingest(
        &store,
        &["raw/en/S_RES_687_1991.txt", "raw/en/S_RES_660_1990.txt"],
    );
    let recalled = rows(
        &store,
        &format!(
            "{PREFIX} SELECT DISTINCT ?symbol WHERE {{ <https://w3id.org/unkg/doc/S/RES/687(1991)/!main#pp_1> unkg:recalls ?x . ?x unkg:symbol ?symbol }}"
        ),
    );
    assert_eq!(recalled.len(), 13);
    let stub = rows(
        &store,
        &format!(
            "{PREFIX} SELECT ?i WHERE {{ <https://w3id.org/unkg/doc/S/RES/661(1990)> unkg:ingested ?i }}"
        ),
    );
    assert_eq!(stub, vec![vec!["false".to_string()]]);
    let real = rows(
        &store,
        &format!(
            "{PREFIX} SELECT ?i WHERE {{ <https://w3id.org/unkg/doc/S/RES/660(1990)> unkg:ingested ?i }}"
        ),
    );
    assert_eq!(
        real,
        vec![vec!["true".to_string()]],
        "an ingested resolution is no stub"
    );
    // Provenance: a citation's place ("start,end") picks out of its version's whole text the
    // words it was read from.
    let places = rows(
        &store,
        &format!(
            "{PREFIX} SELECT (STR(SUBSTR(?text, ?start + 1, ?end - ?start)) AS ?quote) ?start ?end WHERE {{
               ?c unkg:cited <https://w3id.org/unkg/doc/S/RES/664(1990)> ; unkg:span ?span ; unkg:inVersion ?v .
               ?v unkg:fullText ?text .
               BIND(xsd:integer(STRBEFORE(?span, \",\")) AS ?start) BIND(xsd:integer(STRAFTER(?span, \",\")) AS ?end) }}"
        ),
    );
    let place = places
        .iter()
        .find(|q| q[0] == "664\n(1990)")
        .unwrap_or_else(|| panic!("{places:?}"));
    let (start, end): (usize, usize) = (place[1].parse().unwrap(), place[2].parse().unwrap());
    assert_eq!(end - start, "664\n(1990)".chars().count());
}

#[test]
fn a_versions_whole_text_is_the_text_as_printed_and_holds_its_paragraphs() {
    // Matching reads Arabic ة as ه and أ as ا: the stored text must not.
    let store = Store::in_memory().unwrap();
    let path = "constructed/ar/A_RES_79_47.txt";
    ingest(&store, &[path]);
    let printed = unkg::text::Text::new(&util::read(path))
        .original()
        .to_string();
    let texts = rows(
        &store,
        &format!("{PREFIX} SELECT ?text WHERE {{ ?v unkg:fullText ?text }}"),
    );
    assert!(
        texts == vec![vec![printed.clone()]],
        "unkg:fullText is not the text as printed"
    );
    let paragraphs = rows(
        &store,
        &format!("{PREFIX} SELECT ?text WHERE {{ ?p unkg:text ?text }}"),
    );
    assert!(paragraphs.len() > 20);
    for p in paragraphs {
        assert!(printed.contains(&p[0]), "not in the whole text: {}", p[0]);
    }
}

#[test]
fn a_work_cited_by_no_document_left_loses_its_stub() {
    let store = Store::in_memory().unwrap();
    let x = Extractor::new(Lexicon::load().unwrap());
    let path = "in/resolution.txt";
    let stub_661 = |store: &Store| {
        rows(
            store,
            &format!(
                "{PREFIX} SELECT ?i WHERE {{ <https://w3id.org/unkg/doc/S/RES/661(1990)> unkg:ingested ?i }}"
            ),
        )
    };
    write(
        &store,
        path,
        x.extract(path, &util::read("raw/en/S_RES_687_1991.txt"), None),
    );
    store.refresh_stubs().unwrap();
    assert_eq!(stub_661(&store), vec![vec!["false".to_string()]]);
    // The file now holds resolution 660, which cites nothing 687 cited: 661 is cited by no one.
    write(
        &store,
        path,
        x.extract(path, &util::read("raw/en/S_RES_660_1990.txt"), None),
    );
    store.refresh_stubs().unwrap();
    assert_eq!(stub_661(&store), Vec::<Vec<String>>::new());
}

#[test]
fn ingesting_again_replaces_a_document_graph_exactly() {
    let store = Store::in_memory().unwrap();
    ingest(&store, &["raw/en/S_RES_687_1991.txt"]);
    let before = store.len().unwrap();
    ingest(&store, &["raw/en/S_RES_687_1991.txt"]);
    assert_eq!(store.len().unwrap(), before);
    let mut first = Vec::new();
    unkg::export::write(&store, unkg::export::Format::Turtle, None, &mut first).unwrap();
    let mut second = Vec::new();
    unkg::export::write(&store, unkg::export::Format::Turtle, None, &mut second).unwrap();
    assert_eq!(first, second);
    // The Turtle parses back to the same number of distinct triples.
    let parsed = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .for_slice(&first)
        .count();
    let mut nt = Vec::new();
    unkg::export::write(&store, unkg::export::Format::Nt, None, &mut nt).unwrap();
    assert_eq!(
        parsed,
        nt.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count()
    );
}

#[test]
fn six_language_versions_meet_in_one_resolution_and_the_agreement_check_finds_a_gap() {
    let store = Store::in_memory().unwrap();
    let versions = [
        "raw/zh/A_RES_79_47.txt",
        "constructed/en/A_RES_79_47.txt",
        "constructed/fr/A_RES_79_47.txt",
        "constructed/es/A_RES_79_47.txt",
        "constructed/ru/A_RES_79_47.txt",
        "constructed/ar/A_RES_79_47.txt",
    ];
    ingest(&store, &versions);
    let versions_found = rows(
        &store,
        &format!(
            "{PREFIX} SELECT DISTINCT ?lang WHERE {{ <https://w3id.org/unkg/doc/A/RES/79/47> unkg:isRealizedBy ?e . ?e a unkg:LanguageVersion ; unkg:language ?lang }} ORDER BY ?lang"
        ),
    );
    assert_eq!(
        versions_found.concat(),
        ["ar", "en", "es", "fr", "ru", "zh"]
    );
    let works = rows(
        &store,
        &format!(
            "{PREFIX} SELECT ?w ?organ ?adopted WHERE {{ ?w unkg:symbol \"A/RES/79/47\" ; unkg:ingested true ; unkg:organ ?organ ; unkg:adoptedOn ?adopted }}"
        ),
    );
    assert_eq!(
        works.len(),
        1,
        "one resolution, its facts stated once for six versions: {works:?}"
    );
    let report = unkg::agreement::check(&store, Some("A/RES/79/47")).unwrap();
    assert!(report[0].agrees(), "{:?}", report[0].disagreements);

    // A French text that drops the NPT's name disagrees, and the report says where the
    // others found it.
    let x = Extractor::new(Lexicon::load().unwrap());
    let doctored = util::read("constructed/fr/A_RES_79_47.txt").replace(
        "Traité sur la non-prolifération des armes nucléaires",
        "Traité",
    );
    let extraction = x.extract("fr", &doctored, None);
    write(&store, "constructed/fr/A_RES_79_47.txt", extraction);
    let report = unkg::agreement::check(&store, Some("A/RES/79/47")).unwrap();
    let gap = report[0]
        .disagreements
        .iter()
        .find(|d| d.field == "instruments")
        .expect("a disagreement on instruments");
    assert_eq!(
        gap.value,
        "Treaty on the Non-Proliferation of Nuclear Weapons"
    );
    assert_eq!(gap.missing_in, ["fr"]);
    assert_eq!(gap.spans["zh"].2, "不扩散核武器条约");
}

#[test]
fn a_run_the_bulk_loader_holds_uncommitted_gives_the_store_that_committing_each_write_gives() {
    let x = Extractor::new(Lexicon::load().unwrap());
    let document = |path: &str, text: &str| {
        let unkg::extract::Extraction { record, text } = x.extract(path, text, None);
        let quads = unkg::rdf::record_quads(&record, &text);
        let source = unkg::store::Source::of_record(path, &record.text_sha256, &record);
        (source, quads)
    };
    let resolution_687 = util::read("raw/en/S_RES_687_1991.txt");
    // A second file holding resolution 687, without its citation of 660 (1990): written later
    // in the run, while the loader still holds the first one's version, it replaces it.
    let edited = resolution_687.replacen("660 (1990)", "", 1);
    let writes = [
        ("a/687.txt", resolution_687.clone()),
        ("c/660.txt", util::read("raw/en/S_RES_660_1990.txt")),
        ("b/687.txt", edited),
    ];
    let known = std::collections::BTreeMap::new();
    let dir = tempfile::tempdir().unwrap();
    let one_run = Store::open(&dir.path().join("one-run")).unwrap();
    let mut writer = one_run.writer();
    for (path, text) in &writes {
        writer
            .write(vec![document(path, text)], &[], &known)
            .unwrap();
    }
    writer.commit().unwrap();
    let write_by_write = Store::open(&dir.path().join("write-by-write")).unwrap();
    for (path, text) in &writes {
        write_by_write
            .write_batch(vec![document(path, text)], &[], &known)
            .unwrap();
    }
    let mut exports = Vec::new();
    for store in [&one_run, &write_by_write] {
        store.load_ontology().unwrap();
        store.refresh_stubs().unwrap();
        let mut nq = Vec::new();
        unkg::export::write(store, unkg::export::Format::Nq, None, &mut nq).unwrap();
        exports.push(String::from_utf8(nq).unwrap());
    }
    assert_eq!(exports[0], exports[1]);
    let cites_660 = rows(
        &one_run,
        &format!(
            "{PREFIX} SELECT ?c WHERE {{ GRAPH <https://w3id.org/unkg/graph/S/RES/687(1991)/eng@> {{ ?c unkg:cited <https://w3id.org/unkg/doc/S/RES/660(1990)> }} }}"
        ),
    );
    assert_eq!(cites_660, Vec::<Vec<String>>::new());
}

#[test]
fn opening_a_store_to_write_removes_the_files_a_killed_bulk_load_left() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("store");
    drop(Store::open(&folder).unwrap());
    let left = folder.join("bulk-123456789.sst");
    std::fs::write(&left, b"half a bulk load").unwrap();
    drop(Store::open_read_only(&folder).unwrap());
    assert!(left.exists(), "a reader leaves the folder as it is");
    drop(Store::open(&folder).unwrap());
    assert!(!left.exists());
}

#[test]
fn queries_and_updates_fetch_nothing_from_other_hosts() {
    // A listener that counts who calls: SERVICE and LOAD must not.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/sparql", listener.local_addr().unwrap());
    listener.set_nonblocking(true).unwrap();
    let store = Store::in_memory().unwrap();
    let service = store
        .query(&format!(
            "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
        ))
        .and_then(|results| match results {
            QueryResults::Solutions(rows) => {
                rows.collect::<Result<Vec<_>, _>>().map_err(Into::into)
            }
            _ => Ok(Vec::new()),
        });
    assert!(service.is_err(), "SERVICE answered: {service:?}");
    let load = store.update(&format!("LOAD <{url}>"));
    assert!(
        load.as_ref()
            .is_err_and(|e| e.to_string().contains("LOAD is not allowed")),
        "{load:?}"
    );
    assert!(listener.accept().is_err(), "a query or update called {url}");
}
