//! Extraction on real documents: what the record holds, and that every span points at the
//! text it claims.

use crate::util;
use unkg::extract::Extractor;
use unkg::lang::Lexicon;
use unkg::record::{Record, Span};
use unkg::text::Text;

fn extractor() -> Extractor {
    Extractor::new(Lexicon::load().unwrap())
}

fn extract(relative: &str) -> (Record, Text) {
    let raw = util::read(relative);
    let x = extractor().extract(relative, &raw, None);
    (x.record, x.text)
}

fn quote<'a>(text: &'a Text, span: &Span) -> &'a str {
    text.slice_chars(span.start, span.end)
}

#[test]
fn resolution_687_recalls_thirteen_resolutions_with_their_dates() {
    let (r, text) = extract("raw/en/S_RES_687_1991.txt");
    assert_eq!(r.symbol.as_deref(), Some("S/RES/687 (1991)"));
    assert_eq!(
        r.adopted.as_deref(),
        Some("1991-04-03"),
        "'of 3 Apri] 1991' is an OCR slip for April"
    );
    assert_eq!(
        r.meeting.as_deref(),
        Some("2981"),
        "'298Ist' is an OCR slip for 2981st"
    );
    let first: Vec<_> = r
        .cites
        .iter()
        .filter(|c| c.paragraph.as_deref() == Some("pp_1"))
        .collect();
    assert_eq!(first.len(), 13);
    assert!(
        first
            .iter()
            .all(|c| c.relation == "recalls" && c.verb.as_deref() == Some("Recalling"))
    );
    assert_eq!(first[0].symbol, "S/RES/660 (1990)");
    assert_eq!(first[0].date.as_deref(), Some("1990-08-02"));
    assert_eq!(first[12].symbol, "S/RES/686 (1991)");
    assert_eq!(first[12].date.as_deref(), Some("1991-03-02"));
    // "661\n(1990)" spans a line break; the span covers it, and nothing else.
    assert_eq!(quote(&text, &first[1].spans[0]), "661\n(1990)");
    assert!(
        r.instruments
            .iter()
            .any(|i| i.name == "Treaty on the Non-Proliferation of Nuclear Weapons")
    );
    assert!(
        r.bodies
            .iter()
            .any(|b| b.name == "Conference on Disarmament")
    );
}

#[test]
fn chinese_79_47_cites_thirteen_resolutions_and_names_its_treaties() {
    let (r, text) = extract("raw/zh/A_RES_79_47.txt");
    assert_eq!(r.lang, "zh");
    assert_eq!(r.symbol.as_deref(), Some("A/RES/79/47"));
    assert_eq!(
        (r.session, r.agenda_item.as_deref(), r.meeting.as_deref()),
        (Some(79), Some("98 (hh)"), Some("43"))
    );
    assert_eq!(r.committee_report.as_deref(), Some("A/79/408"));
    assert_eq!((r.preambular, r.operative), (16, 15));
    assert_eq!(r.cites.len(), 13);
    assert_eq!(r.cites[0].date.as_deref(), Some("2012-12-03"));
    assert_eq!(r.cites[0].verb.as_deref(), Some("回顾"));
    let last = r.cites.iter().find(|c| c.symbol == "A/RES/55/2").unwrap();
    assert_eq!(
        (last.verb.as_deref(), last.paragraph.as_deref()),
        (None, None),
        "cited in a footnote"
    );
    // "[78/27](#)" in Markdown: the span is the symbol, not the link syntax.
    let c78 = r.cites.iter().find(|c| c.symbol == "A/RES/78/27").unwrap();
    assert!(c78.spans.iter().all(|s| quote(&text, s) == "78/27"));
    assert_eq!(c78.spans.len(), 3);
    let names: Vec<&str> = r.instruments.iter().map(|i| i.name.as_str()).collect();
    assert!(names.contains(&"Treaty on the Non-Proliferation of Nuclear Weapons"));
    assert!(names.contains(&"Treaty on the Prohibition of Nuclear Weapons"));
    let npt = r
        .instruments
        .iter()
        .find(|i| i.iri.ends_with("/npt"))
        .unwrap();
    assert_eq!(quote(&text, &npt.spans[0]), "不扩散核武器条约");
}

#[test]
fn general_assembly_pdf_text_with_page_furniture() {
    let (r, _) = extract("raw/en/A_RES_73_8.txt");
    assert_eq!(
        r.title.as_deref(),
        Some(
            "Necessity of ending the economic, commercial and financial embargo imposed by the United States of America against Cuba"
        )
    );
    assert_eq!((r.preambular, r.operative), (8, 5));
    assert_eq!(
        r.cites.len(),
        26,
        "the list runs across a page break with a header and a job number"
    );
    assert!(
        r.documents.iter().all(|d| d.symbol != "A/RES/73/8"),
        "the page header is not a citation"
    );
}

#[test]
fn a_pdf_reads_as_its_text_version_does() {
    let path = util::corpus().join("pdf/A_RES_73_8-EN.pdf");
    let raw = unkg::input::read(&path).unwrap();
    let from_pdf = extractor().extract("pdf", &raw, None).record;
    let (from_text, _) = extract("raw/en/A_RES_73_8.txt");
    assert_eq!(from_pdf.symbol, from_text.symbol);
    assert_eq!(
        (from_pdf.adopted.as_deref(), from_pdf.meeting.as_deref()),
        (Some("2018-11-01"), Some("30"))
    );
    assert_eq!(
        (from_pdf.preambular, from_pdf.operative),
        (from_text.preambular, from_text.operative)
    );
    let symbols = |r: &Record| {
        r.cites
            .iter()
            .map(|c| (c.symbol.clone(), c.date.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(symbols(&from_pdf), symbols(&from_text));
}

#[test]
fn a_declaration_adopted_by_a_resolution_is_not_counted_as_its_paragraphs() {
    let (r, _) = extract("raw/en/A_RES_73_3.txt");
    assert_eq!((r.preambular, r.operative), (0, 1));
    assert!(
        r.cites.iter().any(|c| c.symbol == "WHA71.3"),
        "World Health Assembly resolutions keep WHO's form"
    );
    assert!(r.cites.iter().any(|c| c.symbol == "A/HRC/RES/33/11"));
}

#[test]
fn file_named_for_one_resolution_holding_another_is_read_by_its_content() {
    let (r, _) = extract("raw/en/S_RES_542_1983.txt");
    assert_eq!(r.symbol.as_deref(), Some("S/RES/538 (1983)"));
}

#[test]
fn ocr_slips_in_document_symbols_are_read() {
    let (r, _) = extract("raw/en/S_RES_902_1994.txt");
    let docs: Vec<&str> = r.documents.iter().map(|d| d.symbol.as_str()).collect();
    assert!(docs.contains(&"S/26026"), "S/26G26: {docs:?}");
    let (r, _) = extract("raw/en/S_RES_1445_2002.txt");
    assert!(
        r.documents.iter().any(|d| d.symbol == "S/2002/1005"),
        "(5/2002/1005)"
    );
}

#[test]
fn every_span_of_the_whole_corpus_is_inside_its_text() {
    let x = extractor();
    let mut files = 0;
    for lang in ["en", "zh"] {
        for entry in std::fs::read_dir(util::corpus().join("raw").join(lang)).unwrap() {
            let path = entry.unwrap().path();
            let raw = std::fs::read_to_string(&path).unwrap();
            let unkg::extract::Extraction { record: r, text } =
                x.extract(&path.display().to_string(), &raw, None);
            let mut spans: Vec<Span> = r.cites.iter().flat_map(|c| c.spans.clone()).collect();
            spans.extend(r.documents.iter().flat_map(|d| d.spans.clone()));
            spans.extend(
                r.bodies
                    .iter()
                    .chain(&r.instruments)
                    .flat_map(|e| e.spans.clone()),
            );
            spans.extend(r.paragraphs.iter().map(|p| p.span));
            for s in spans {
                assert!(
                    s.start < s.end && s.end <= text.char_len(),
                    "{}: span {s:?} outside the text",
                    path.display()
                );
            }
            for c in &r.cites {
                // Each citation span shows digits of the symbol it stands for.
                let q = quote(&text, &c.spans[0]);
                assert!(
                    q.chars().any(|ch| ch.is_ascii_digit()),
                    "{}: {} from {q:?}",
                    path.display(),
                    c.symbol
                );
            }
            files += 1;
        }
    }
    assert!(files > 900);
}

#[test]
fn the_six_versions_of_79_47_yield_the_same_facts() {
    let x = extractor();
    let versions = [
        ("raw/zh/A_RES_79_47.txt", "zh"),
        ("constructed/en/A_RES_79_47.txt", "en"),
        ("constructed/fr/A_RES_79_47.txt", "fr"),
        ("constructed/es/A_RES_79_47.txt", "es"),
        ("constructed/ru/A_RES_79_47.txt", "ru"),
        ("constructed/ar/A_RES_79_47.txt", "ar"),
    ];
    let facts = |r: &Record| {
        let mut cites: Vec<(String, Option<String>)> = r
            .cites
            .iter()
            .map(|c| (c.symbol.clone(), c.date.clone()))
            .collect();
        cites.sort();
        let mut entities: Vec<String> = r
            .instruments
            .iter()
            .chain(&r.bodies)
            .map(|e| e.iri.clone())
            .collect();
        entities.sort();
        let metadata = (
            r.symbol.clone(),
            r.adopted.clone(),
            r.session,
            r.agenda_item.clone(),
            r.meeting.clone(),
            r.committee_report.clone(),
        );
        (metadata, r.preambular, r.operative, cites, entities)
    };
    let (zh, _) = extract(versions[0].0);
    assert_eq!(zh.cites.len(), 13);
    for (path, lang) in versions {
        let text = util::read(path);
        let unkg::extract::Extraction { record: r, text: t } = x.extract(path, &text, None);
        assert_eq!(r.lang, lang, "{path}: language detected");
        assert_eq!(
            facts(&r),
            facts(&zh),
            "{path} disagrees with the Chinese text"
        );
        // Spans in right-to-left text and after full-width punctuation still quote the symbol.
        let c = r.cites.iter().find(|c| c.symbol == "A/RES/67/39").unwrap();
        assert_eq!(quote(&t, &c.spans[0]), "67/39", "{path}");
    }
}

#[test]
fn the_six_versions_of_678_cite_the_same_eleven_resolutions() {
    let x = extractor();
    let (en, _) = extract("raw/en/S_RES_678_1990.txt");
    let cited = |r: &Record| {
        r.cites
            .iter()
            .map(|c| (c.symbol.clone(), c.date.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(en.cites.len(), 11);
    for lang in ["zh", "fr", "es", "ru", "ar"] {
        let path = format!("constructed/{lang}/S_RES_678_1990.txt");
        let r = x.extract(&path, &util::read(&path), None).record;
        assert_eq!(r.symbol.as_deref(), Some("S/RES/678 (1990)"), "{path}");
        assert_eq!(
            (r.adopted.as_deref(), r.meeting.as_deref()),
            (Some("1990-11-29"), Some("2963")),
            "{path}"
        );
        assert_eq!((r.preambular, r.operative), (5, 5), "{path}");
        assert_eq!(cited(&r), cited(&en), "{path}");
    }
}

#[test]
fn page_furniture_of_each_language_stays_out_of_paragraphs() {
    // A page break inside the operative part of the Spanish 79/47, as PDF text has it: the
    // Organization's name and the page number in Spanish, then a job number and the symbol.
    let raw = util::read("constructed/es/A_RES_79_47.txt");
    let at = raw.find("\n2. ").unwrap();
    let broken = format!(
        "{}\n\nNaciones Unidas\n\nPágina 2\n\n24-22801\n\nA/RES/79/47 Página 3\n{}",
        &raw[..at],
        &raw[at..]
    );
    let whole = extractor().extract("es", &raw, None).record;
    let x = extractor().extract("es", &broken, None);
    assert_eq!(
        (x.record.preambular, x.record.operative),
        (whole.preambular, whole.operative)
    );
    for p in &x.record.paragraphs {
        let text = quote(&x.text, &p.span);
        assert!(
            !text.contains("Página") && !text.contains("Naciones Unidas\n"),
            "{text}"
        );
    }
}
