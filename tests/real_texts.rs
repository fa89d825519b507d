//! Extraction of texts as they come: OCR of the French annual volumes, PDF text of General
//! Assembly resolutions, lists that run across lines, and constructed edge cases for the
//! forms of the other languages (traditional Chinese on one line, Arabic part letters,
//! Chinese numerals, full-width digits, OCR slips). Each test asserts what is found.

use crate::util;
use unkg::extract::{Extraction, Extractor};
use unkg::lang::Lexicon;
use unkg::record::Record;

fn extract_text(doc: &str, text: &str) -> Extraction {
    Extractor::new(Lexicon::load().unwrap()).extract(doc, text, None)
}

fn extract(relative: &str) -> Record {
    extract_text(relative, &util::read(relative)).record
}

/// (symbol, date) of every citation, in order.
fn cited(r: &Record) -> Vec<(String, Option<String>)> {
    r.cites
        .iter()
        .map(|c| (c.symbol.clone(), c.date.clone()))
        .collect()
}

fn pair(symbol: &str, date: Option<&str>) -> (String, Option<String>) {
    (symbol.to_string(), date.map(str::to_string))
}

#[test]
fn a_list_across_line_breaks_with_dates_without_years() {
    // "186 (1964) of 4 March,⏎187 (1964) of 13 March, 192 (1964) of 20 June, 193⏎(1964) …"
    let r = extract("raw/en/S_RES_247_1968.txt");
    let found = cited(&r);
    assert_eq!(found.len(), 15, "{found:?}");
    assert_eq!(found[0], pair("S/RES/186 (1964)", Some("1964-03-04")));
    assert_eq!(found[3], pair("S/RES/193 (1964)", Some("1964-08-09")));
    assert_eq!(found[6], pair("S/RES/201 (1965)", Some("1965-03-19")));
    assert_eq!(found[14], pair("S/RES/244 (1967)", Some("1967-12-22")));
    assert!(r.cites.iter().all(|c| c.relation == "reaffirms"));
}

#[test]
fn a_general_assembly_series_of_fifty_resolutions_with_lettered_parts() {
    let r = extract("real/en/A_RES_80_17.txt");
    let found = cited(&r);
    assert!(found.contains(&pair("A/RES/3263 (XXIX)", Some("1974-12-09"))));
    assert!(found.contains(&pair("A/RES/36/87 A", Some("1981-12-09"))));
    assert!(found.contains(&pair("A/RES/36/87 B", Some("1981-12-09"))));
    assert!(found.contains(&pair("A/RES/51/41", Some("1996-12-10"))));
    assert!(found.contains(&pair("A/RES/79/16", Some("2024-12-02"))));
    // A resolution of another body, in its own symbol form.
    let other = extract("real/en/A_RES_80_26.txt");
    assert!(
        other.cites.iter().any(|c| c.symbol == "GC(XXXIV)/RES/530"),
        "{:?}",
        cited(&other)
    );
}

#[test]
fn french_annual_volumes_meetings_and_dates_through_ocr() {
    // "5984eséance", "17951 séance" (1795e), "2/34e séance" (2134e).
    for (file, meeting) in [
        ("real/fr/S_RES_1835_2008.txt", "5984"),
        ("real/fr/S_RES_361_1974.txt", "1795"),
        ("real/fr/S_RES_446_1979.txt", "2134"),
        ("real/fr/S_RES_488_1981.txt", "2289"),
    ] {
        assert_eq!(extract(file).meeting.as_deref(), Some(meeting), "{file}");
    }
    // "du 23 juil let", "du ler août": OCR in the dates of a list of the year.
    let r = extract("real/fr/S_RES_361_1974.txt");
    let found = cited(&r);
    assert!(found.contains(&pair("S/RES/354 (1974)", Some("1974-07-23"))));
    assert!(found.contains(&pair("S/RES/355 (1974)", Some("1974-08-01"))));
    // "146 (1960). Résolution du 9 août 1960" and "[S/4426]", its own document symbol.
    let r = extract("real/fr/S_RES_146_1960.txt");
    assert_eq!(r.symbol.as_deref(), Some("S/RES/146 (1960)"));
    assert_eq!(r.adopted.as_deref(), Some("1960-08-09"));
    assert_eq!(r.issued_as.as_deref(), Some("S/4426"));
    assert!(r.documents.iter().all(|d| d.symbol != "S/4426"));
    // Dates given respectively, after the organ: "… du Conseil de sécurité, en date
    // respectivement du 14 juin 1967, du 21 mai 1968 et du 25 septembre 1971".
    let r = extract("real/fr/S_RES_446_1979.txt");
    let found = cited(&r);
    assert!(found.contains(&pair("S/RES/237 (1967)", Some("1967-06-14"))));
    assert!(found.contains(&pair("S/RES/298 (1971)", Some("1971-09-25"))));
}

#[test]
fn traditional_chinese_on_one_line_with_ascii_punctuation() {
    let text = "79/47. 2013年大會核裁軍問題高級別會議的後續行動\n\
        大會,回顧其2012年12月3日第67/39號、2013年12月5日第68/32號和第78/27號決議,\
        又回顧安全理事會一九七三年十月二十二日第338(1973)號決議,重申《不擴散核武器條約》的重要性,\
        並重申其承諾,深為關切核武器的存在,1. 決定將題為\"核裁軍\"的項目列入第八十屆會議臨時議程;\
        2. 請秘書長提交報告;3. 鼓勵各國繼續努力。\n";
    let Extraction { record: r, text: t } = extract_text("zh", text);
    assert_eq!(r.lang, "zh");
    assert_eq!(r.symbol.as_deref(), Some("A/RES/79/47"));
    assert_eq!((r.preambular, r.operative), (4, 3));
    assert_eq!(
        cited(&r),
        [
            pair("A/RES/67/39", Some("2012-12-03")),
            pair("A/RES/68/32", Some("2013-12-05")),
            pair("A/RES/78/27", None),
            pair("S/RES/338 (1973)", Some("1973-10-22")),
        ]
    );
    // Verbs and titles are quoted as printed, in traditional characters.
    assert_eq!(r.paragraphs[1].verb.as_deref(), Some("又回顧"));
    assert!(r.title.as_deref().unwrap().contains("會議"));
    let span = r.cites[0].spans[0];
    assert_eq!(t.slice_chars(span.start, span.end), "67/39");
    assert!(
        r.instruments
            .iter()
            .any(|i| i.name == "Treaty on the Non-Proliferation of Nuclear Weapons")
    );
}

#[test]
fn a_whole_text_on_one_line_reads_as_its_lined_version() {
    // Web copies may hold a whole resolution, masthead and adoption line included, on one
    // line: the formula is found inside it, and the adoption line is cut from the last
    // paragraph.
    for relative in [
        "constructed/zh/S_RES_678_1990.txt",
        "constructed/fr/S_RES_678_1990.txt",
        "constructed/es/S_RES_678_1990.txt",
        "constructed/ru/S_RES_678_1990.txt",
        "constructed/en/A_RES_79_47.txt",
        "constructed/fr/A_RES_79_47.txt",
    ] {
        let lined = extract(relative);
        let text = util::read(relative);
        let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let joined = extract_text(relative, &one_line).record;
        let facts = |r: &Record| {
            (
                r.symbol.clone(),
                r.adopted.clone(),
                r.meeting.clone(),
                r.preambular,
                r.operative,
                cited(r),
            )
        };
        assert_eq!(facts(&joined), facts(&lined), "{relative}");
        assert!(lined.operative > 0 && lined.meeting.is_some(), "{relative}");
    }
    // The Chinese PDF text, its masthead run on as well: the number line ("79/47.") stands
    // inside the masthead, and the date and meeting after the last paragraph close it.
    let relative = "raw/zh/A_RES_79_47.txt";
    let lined = extract(relative);
    let one_line = util::read(relative)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let joined = extract_text(relative, &one_line).record;
    let facts = |r: &Record| {
        (
            r.symbol.clone(),
            r.meeting.clone(),
            r.preambular,
            r.operative,
            cited(r),
        )
    };
    assert_eq!(facts(&joined), facts(&lined));
}

#[test]
fn no_break_spaces_and_windows_line_ends_read_as_plain_ones() {
    // French web copies put no-break spaces before ";" and ":" and inside names and symbols.
    for relative in [
        "real/fr/S_RES_211_1965.txt",
        "real/fr/S_RES_1325_2000.txt",
        "constructed/fr/S_RES_678_1990.txt",
    ] {
        let plain = extract(relative);
        let text = util::read(relative)
            .replace(" ;", "\u{202f};")
            .replace(' ', "\u{a0}")
            .replace('\n', "\r\n");
        let web = extract_text(relative, &text).record;
        assert_eq!(
            (web.preambular, web.operative, &web.meeting, cited(&web)),
            (
                plain.preambular,
                plain.operative,
                &plain.meeting,
                cited(&plain)
            ),
            "{relative}"
        );
        assert_eq!(web.bodies.len(), plain.bodies.len(), "{relative}");
    }
}

#[test]
fn ocr_spaces_inside_the_brackets_of_a_year() {
    // "104 ( 1954 ) Resolution of 20 June 1954": the heading still gives the symbol and date,
    // so the heading is not taken for a citation.
    for relative in ["raw/en/S_RES_104_1954.txt", "real/fr/S_RES_211_1965.txt"] {
        let plain = extract(relative);
        let year = &plain.symbol.as_deref().unwrap()[plain.symbol.as_deref().unwrap().len() - 6..];
        let spaced =
            util::read(relative).replace(year, &year.replace('(', "( ").replace(')', " )"));
        let ocr = extract_text(relative, &spaced).record;
        assert_eq!(
            (&ocr.symbol, &ocr.adopted, cited(&ocr)),
            (&plain.symbol, &plain.adopted, cited(&plain)),
            "{relative}"
        );
    }
}

#[test]
fn months_hyphenated_at_a_line_end_and_double_spaces() {
    // PDF and OCR text: "of 13 Mar-⏎ch 1964", "Having  considered".
    for relative in ["raw/en/S_RES_247_1968.txt", "real/fr/S_RES_211_1965.txt"] {
        let plain = extract(relative);
        let mut text = util::read(relative);
        for month in ["March", "June", "August", "septembre", "novembre"] {
            let (head, tail) = month.split_at(3);
            text = text.replace(&format!(" {month} "), &format!(" {head}-\n{tail} "));
        }
        let text = text.replace(' ', "  ");
        let worn = extract_text(relative, &text).record;
        assert_eq!(
            (worn.preambular, worn.operative, cited(&worn)),
            (plain.preambular, plain.operative, cited(&plain)),
            "{relative}"
        );
    }
}

#[test]
fn traditional_verbs_read_as_their_simplified_forms() {
    let simplified = "79/47. 后续行动\n大会，\n又回顾其决议，\n感谢秘书长的报告，\n赞扬各国的努力，\n铭记其承诺，\n1. 决定将该项目列入议程；\n";
    let traditional = "79/47. 後續行動\n大會，\n又回顧其決議，\n感謝秘書長的報告，\n讚揚各國的努力，\n銘記其承諾，\n1. 決定將該項目列入議程；\n";
    let keys = |text: &str| {
        let r = extract_text("zh", text).record;
        r.paragraphs
            .iter()
            .map(|p| (p.kind, p.verb_key.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(keys(traditional), keys(simplified));
    assert_eq!(keys(simplified).len(), 5);
}

#[test]
fn arabic_part_letters_sessions_and_full_width_digits() {
    let text = "إن الجمعية العامة،\n\
        إذ تشير إلى قراراتها 40/152 سين المؤرخ 16 كانون الأول/ديسمبر 1985 و 48/75 ياء و 53/77 ألف ألف، وإلى القرار ١٥١٤ (د-15)،\n\
        وإذ تؤكد من جديد قرار مجلس الأمن 1540 (2004)،\n\
        1 - تقرر أن تدرج هذا البند في جدول أعمال دورتها المقبلة.\n";
    let r = extract_text("ar", text).record;
    assert_eq!(
        cited(&r),
        [
            pair("A/RES/40/152 O", Some("1985-12-16")),
            pair("A/RES/48/75 J", None),
            pair("A/RES/53/77 AA", None),
            pair("A/RES/1514 (XV)", None),
            pair("S/RES/1540 (2004)", None),
        ]
    );
    assert_eq!(r.cites[4].relation, "reaffirms");
    // Full-width digits, and a full-width year in a list of dates, read without a panic.
    let text = "The Security Council,\n\nRecalling its resolution 678 (1990) of 1, 2 １９９０ and \
        resolution ６６０ （１９９０） of ２ August １９９０,\n\n1. Decides to remain seized of the matter.\n";
    let r = extract_text("en", text).record;
    assert!(cited(&r).contains(&pair("S/RES/660 (1990)", Some("1990-08-02"))));
}

#[test]
fn ocr_slips_in_symbols_are_read_as_what_they_stand_for() {
    let text = "The Security Council,\n\nRecalling its resolutions 660 1990) of 2 August 1990, \
        217A (III) and 358 ( 1974),\n\nTaking note of the reports S/25704 and Add.l,\n\n\
        1. Decides to remain seized of the matter.\n";
    let r = extract_text("en", text).record;
    assert_eq!(
        cited(&r),
        [
            pair("S/RES/660 (1990)", Some("1990-08-02")),
            pair("A/RES/217 A (III)", None),
            pair("S/RES/358 (1974)", None),
        ]
    );
    let documents: Vec<&str> = r.documents.iter().map(|d| d.symbol.as_str()).collect();
    assert_eq!(documents, ["S/25704", "S/25704/Add.1"]);
}

#[test]
fn council_numbers_are_checked_against_the_years_they_were_adopted_in() {
    let has = |r: &Record, symbol: &str| r.cites.iter().find(|c| c.symbol == symbol).cloned();
    // "274 (1959) of 11 December 1969": the date and the number agree on the year.
    let r = extract("raw/en/S_RES_281_1970.txt");
    assert!(has(&r, "S/RES/274 (1959)").is_none(), "{:?}", cited(&r));
    let fixed = has(&r, "S/RES/274 (1969)").expect("274 (1969)");
    assert_eq!(fixed.date.as_deref(), Some("1969-12-11"));
    // "93 (1951) of 18 May 1948": the number's year stands, the date does not.
    let r = extract("raw/en/S_RES_171_1962.txt");
    assert_eq!(has(&r, "S/RES/93 (1951)").expect("93 (1951)").date, None);
    // "Resolution 434 (1973) of 18 September 1978" heads resolution 434 (1978): its own symbol.
    let r = extract("raw/en/S_RES_434_1978.txt");
    assert!(has(&r, "S/RES/434 (1973)").is_none(), "{:?}", cited(&r));
    // "20 (1982) of 17 September 1982": resolution 20 is of 1947; a digit was lost.
    let r = extract("raw/en/S_RES_630_1989.txt");
    assert!(has(&r, "S/RES/20 (1982)").is_none(), "{:?}", cited(&r));
    assert!(
        r.rejected
            .iter()
            .any(|j| j.text.contains("20 (1982)") && j.reason.contains("adopted in 1947")),
        "{:?}",
        r.rejected
    );
}

#[test]
fn unnumbered_decisions_before_a_numbered_plan_keep_paragraphs_of_their_own() {
    // Four unnumbered operative paragraphs, then the numbered plan the last one recommends.
    let r = extract("raw/en/S_RES_47_1948.txt");
    let numbers: Vec<usize> = r
        .paragraphs
        .iter()
        .filter(|p| p.kind == unkg::record::ParagraphKind::Operative)
        .map(|p| p.number)
        .collect();
    assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>());
    assert!(numbers.len() > 18, "{numbers:?}");
    assert_eq!(r.operative, numbers.len());
}

#[test]
fn a_text_without_its_symbol_takes_it_from_a_file_named_by_it() {
    let r = extract("raw/en/A_RES_ES-10_22.txt");
    assert_eq!(r.symbol.as_deref(), Some("A/RES/ES-10/22"));
    assert_eq!(r.organ.as_deref(), Some("General Assembly"));
    assert!(
        r.warnings.iter().any(|w| w.contains("file's name")),
        "{:?}",
        r.warnings
    );
    // A text that does not read as a resolution gets no symbol from its name.
    let notes = extract_text("S_RES_1_1946.txt", "Agenda of the meeting of Tuesday.\n").record;
    assert_eq!(notes.symbol, None);
}

#[test]
fn invisible_format_characters_of_web_copies_hide_no_citation() {
    let text = util::read("raw/en/S_RES_687_1991.txt");
    let plain = extract_text("687", &text).record;
    // A right-to-left mark before the text and before each "(1990)", a zero-width space in
    // "Resolution 687", a right-to-left embedding at the start.
    for marked in [
        format!("\u{200f}{}", text.replace("(1990)", "\u{200f}(1990)")),
        text.replacen("Resolution 687", "Resolution\u{200b}687", 1),
        format!("\u{202b}{text}"),
    ] {
        let extraction = extract_text("687", &marked);
        let r = &extraction.record;
        assert_eq!(r.symbol.as_deref(), Some("S/RES/687 (1991)"));
        assert_eq!(cited(r), cited(&plain));
        // The audit sees every citation-shaped span it saw without the marks.
        assert_eq!(r.rejected.len(), plain.rejected.len());
        // Spans stay true to the text as given: each quotes its citation.
        for c in &r.cites {
            let span = &c.spans[0];
            let quoted = extraction.text.slice_chars(span.start, span.end);
            assert!(
                quoted.contains(
                    c.symbol
                        .trim_start_matches("S/RES/")
                        .split(' ')
                        .next()
                        .unwrap()
                ),
                "{quoted:?}"
            );
        }
    }
}

#[test]
fn spans_that_are_not_citations_are_rejected_with_their_reason() {
    let text = "The General Assembly,\n\nRecalling its decision 79/512 and the report A/79/408,\n\n\
        Noting United Nations, Treaty Series, vol. 75 (1950), No. 972,\n\n\
        1. Decides to remain seized of the matter.\n";
    let r = extract_text("en", text).record;
    assert!(r.cites.is_empty(), "{:?}", cited(&r));
    let reasons: Vec<(&str, &str)> = r
        .rejected
        .iter()
        .map(|j| (j.text.as_str(), j.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert_eq!(reasons[0].0, "79/512");
    assert!(reasons[0].1.contains("decision"), "{reasons:?}");
    assert_eq!(reasons[1].0, "75 (1950)");
    assert!(reasons[1].1.contains("vol."), "{reasons:?}");
}

#[test]
fn the_audit_accounts_for_every_citation_shaped_span_of_the_corpus() {
    let x = Extractor::new(Lexicon::load().unwrap());
    let mut report = unkg::audit::Report::default();
    for folder in ["raw/en", "real/en", "real/fr"] {
        for path in unkg::input::walk(&[util::corpus().join(folder)]).files {
            let extraction = x.extract_file(&path, None).unwrap();
            report.add(unkg::audit::audit(&extraction));
        }
    }
    assert!(report.all.scanned > 5000, "{:?}", report.all);
    let unexplained: Vec<String> = report
        .files
        .iter()
        .flat_map(|f| {
            f.unexplained
                .iter()
                .map(move |u| format!("{}: {}", f.doc, u.context))
        })
        .collect();
    assert!(report.all.accounted() >= 0.995, "{unexplained:#?}");
}

#[test]
fn modern_council_mastheads_in_five_languages() {
    // Constructed in the layout of the Council's modern resolutions in each language.
    let texts = [
        (
            "fr",
            "Résolution 2334 (2016)\nAdoptée par le Conseil de sécurité à sa 7853e séance, le 23 décembre 2016\n\nLe Conseil de sécurité,\n\nRéaffirmant ses résolutions pertinentes, notamment les résolutions 242 (1967), 338 (1973), 446 (1979) et 1850 (2008),\n\n1. Réaffirme que la création par Israël de colonies de peuplement n'a aucun fondement en droit;\n\n2. Décide de demeurer saisi de la question.\n",
        ),
        (
            "ar",
            "القرار 2334 (2016)\nالذي اتخذه مجلس الأمن في جلسته 7853، المعقودة في 23 كانون الأول/ديسمبر 2016\nإن مجلس الأمن،\nإذ يعيد تأكيد قراراته ذات الصلة، بما فيها القرارات 242 (1967) و 338 (1973) و 446 (1979) و 1850 (2008)،\n1 - يؤكد من جديد أن إنشاء إسرائيل للمستوطنات ليس له أي شرعية قانونية؛\n2 - يقرر أن يبقي المسألة قيد نظره.\n",
        ),
        (
            "es",
            "Resolución 2334 (2016)\nAprobada por el Consejo de Seguridad en su 7853ª sesión, celebrada el 23 de diciembre de 2016\n\nEl Consejo de Seguridad,\n\nReafirmando sus resoluciones pertinentes, incluidas las resoluciones 242 (1967), 338 (1973), 446 (1979) y 1850 (2008),\n\n1. Reafirma que el establecimiento de asentamientos por parte de Israel no tiene validez legal;\n\n2. Decide seguir ocupándose de la cuestión.\n",
        ),
        (
            "ru",
            "Резолюция 2334 (2016),\nпринятая Советом Безопасности на его 7853-м заседании 23 декабря 2016 года\n\nСовет Безопасности,\n\nподтверждая свои соответствующие резолюции, включая резолюции 242 (1967), 338 (1973), 446 (1979) и 1850 (2008),\n\n1. вновь подтверждает, что создание Израилем поселений не имеет юридической силы;\n\n2. постановляет продолжать заниматься этим вопросом.\n",
        ),
        (
            "zh",
            "第2334(2016)号决议\n2016年12月23日安全理事会第7853次会议通过\n安全理事会，\n重申其相关决议，包括第242(1967)、338(1973)、446(1979)和1850(2008)号决议，\n1. 重申以色列建立定居点没有法律效力；\n2. 决定继续处理此案。\n",
        ),
    ];
    for (lang, text) in texts {
        let r = extract_text(lang, text).record;
        assert_eq!(r.lang, lang);
        assert_eq!(r.symbol.as_deref(), Some("S/RES/2334 (2016)"), "{lang}");
        assert_eq!(r.adopted.as_deref(), Some("2016-12-23"), "{lang}");
        assert_eq!(r.meeting.as_deref(), Some("7853"), "{lang}");
        assert_eq!((r.preambular, r.operative), (1, 2), "{lang}");
        let symbols: Vec<&str> = r.cites.iter().map(|c| c.symbol.as_str()).collect();
        assert_eq!(
            symbols,
            [
                "S/RES/242 (1967)",
                "S/RES/338 (1973)",
                "S/RES/446 (1979)",
                "S/RES/1850 (2008)"
            ],
            "{lang}"
        );
        assert!(r.cites.iter().all(|c| c.relation == "reaffirms"), "{lang}");
    }
}

#[test]
fn old_assembly_and_council_series_read_from_their_number_lines() {
    // Constructed in the layout of the annual volumes before 1976.
    let ga = extract_text("ga", "1514 (XV). Declaration on the granting of independence to colonial countries and peoples\n\nThe General Assembly,\n\nMindful of the determination proclaimed by the peoples of the world in the Charter of the United Nations,\n\nRecalling its resolutions 1415 (XIV) of 5 December 1959 and 637 A (VII) of 16 December 1952,\n\nSolemnly proclaims the necessity of bringing to a speedy and unconditional end colonialism in all its forms;\n\nAnd to this end Declares that:\n\n1. The subjection of peoples to alien subjugation constitutes a denial of fundamental human rights.\n\n947th plenary meeting,\n14 December 1960.\n").record;
    assert_eq!(ga.symbol.as_deref(), Some("A/RES/1514 (XV)"));
    assert_eq!((ga.session, ga.meeting.as_deref()), (Some(15), Some("947")));
    assert_eq!(ga.adopted.as_deref(), Some("1960-12-14"));
    assert_eq!(
        cited(&ga),
        [
            pair("A/RES/1415 (XIV)", Some("1959-12-05")),
            pair("A/RES/637 A (VII)", Some("1952-12-16"))
        ]
    );
    let ecosoc = extract_text("ecosoc", "1091 (XXXIX). Question of the establishment of a commission\n\nThe Economic and Social Council,\n\nRecalling its resolution 1069 (XXXIX) of 30 July 1965 and General Assembly resolution 2029 (XX) of 22 November 1965,\n\n1. Requests the Secretary-General to report to the Council at its fortieth session.\n\n1395th plenary meeting,\n31 July 1965.\n").record;
    assert_eq!(ecosoc.symbol.as_deref(), Some("E/RES/1091 (XXXIX)"));
    assert_eq!(ecosoc.organ.as_deref(), Some("Economic and Social Council"));
    assert_eq!(
        cited(&ecosoc),
        [
            pair("E/RES/1069 (XXXIX)", Some("1965-07-30")),
            pair("A/RES/2029 (XX)", Some("1965-11-22"))
        ]
    );
}

/// The leading verb of every paragraph, in order.
fn verbs(r: &Record) -> Vec<&str> {
    r.paragraphs
        .iter()
        .map(|p| p.verb.as_deref().unwrap_or(""))
        .collect()
}

#[test]
fn paragraphs_that_ocr_joined_on_one_line_are_cut_at_their_verbs() {
    // "…mener à cet effet l'action nécessaire, Ayant pris note du deuxième rapport…"
    let r = extract("real/fr/S_RES_146_1960.txt");
    assert_eq!((r.preambular, r.operative), (6, 6), "{:?}", verbs(&r));
    assert_eq!(&verbs(&r)[..2], ["Rappelant", "Ayant pris note"]);
    // "Réaffirmant sa résolution 660 (1990) du 2 août 1990, Profondément préoccupé …"
    let r = extract("real/fr/S_RES_661_1990.txt");
    assert_eq!(&verbs(&r)[..2], ["Réaffirmant", "Profondément préoccupé"]);
    // English OCR that runs a number into its verb ("6.Calls for an immediate cease-fire"):
    // the operative paragraphs from there on are still found, each at its verb.
    let r = extract("raw/en/S_RES_871_1993.txt");
    assert_eq!((r.preambular, r.operative), (6, 14));
}
