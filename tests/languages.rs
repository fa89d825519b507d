//! The layouts of real texts in Arabic, Chinese, Russian and Spanish and of the Human Rights
//! Council and ECOSOC, one test per family of forms, on the constructed fixtures of
//! `eval/fixtures` (each has a hand-made gold file in `eval/gold`). Each assertion names the
//! form it holds to; the values expected are the gold file's, so a test fails when its form
//! is no longer read.

use serde_json::Value;
use std::path::PathBuf;
use std::sync::LazyLock;
use unkg::extract::Extractor;
use unkg::lang::Lexicon;
use unkg::record::Record;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Lexicon::load().unwrap()));

fn eval_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("eval")
}

/// The record of a fixture (`zh/S_RES_20_1947.wikisource.txt`) and its gold file.
fn fixture(relative: &str) -> (Record, Value) {
    let path = eval_dir().join("fixtures").join(relative);
    let record = EXTRACTOR.extract_file(&path, None).unwrap().record;
    let (folder, file) = relative.split_once('/').unwrap();
    let stem = file.rsplit_once('.').unwrap().0;
    let lang = if matches!(folder, "hrc" | "ecosoc") {
        "en"
    } else {
        folder
    };
    let gold_path = eval_dir().join("gold").join(format!("{stem}.{lang}.json"));
    let gold = serde_json::from_str(&std::fs::read_to_string(&gold_path).unwrap()).unwrap();
    (record, gold)
}

/// Symbols compared as the gold README says: without case or white space.
fn key(symbol: &str) -> String {
    unkg::symbol::compare_key(symbol)
}

fn cited(r: &Record) -> Vec<String> {
    r.cites.iter().map(|c| key(&c.symbol)).collect()
}

/// The gold's value of a single-valued field as a string ("null" when absent).
fn gold_value(gold: &Value, field: &str) -> String {
    match &gold[field] {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

/// The record's value of the same field, in the gold's terms.
fn record_value(r: &Record, field: &str) -> String {
    let value = match field {
        "symbol" => r.symbol.clone(),
        "organ" => r.organ.clone(),
        "adopted" => r.adopted.clone(),
        "meeting" => r.meeting.clone(),
        "agenda_item" => r.agenda_item.clone(),
        "committee_report" => r.committee_report.clone(),
        "session" => r.session.map(|s| s.to_string()),
        "preambular" => Some(r.preambular.to_string()),
        "operative" => Some(r.operative.to_string()),
        _ => panic!("no such field {field}"),
    };
    value.unwrap_or_else(|| "null".into())
}

/// Asserts that the record gives the gold's values of `fields`.
fn assert_fields(relative: &str, fields: &[&str], form: &str) {
    let (r, gold) = fixture(relative);
    for field in fields {
        let (got, want) = (record_value(&r, field), gold_value(&gold, field));
        assert_eq!(key(&got), key(&want), "{relative}: {field} ({form})");
    }
}

/// Asserts that the record cites exactly the gold's resolutions, and with the gold's dates.
fn assert_cites(relative: &str, form: &str) {
    let (r, gold) = fixture(relative);
    let want: Vec<(String, String)> = gold["cites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (key(c["symbol"].as_str().unwrap()), gold_value(c, "date")))
        .collect();
    let got: Vec<(String, String)> = r
        .cites
        .iter()
        .map(|c| {
            (
                key(&c.symbol),
                c.date.clone().unwrap_or_else(|| "null".into()),
            )
        })
        .collect();
    assert_eq!(got, want, "{relative} ({form})");
}

/// Asserts that the record cites these symbols and not the others.
fn assert_cites_some(relative: &str, present: &[&str], absent: &[&str], form: &str) {
    let (r, _) = fixture(relative);
    let got = cited(&r);
    for symbol in present {
        assert!(
            got.contains(&key(symbol)),
            "{relative}: {symbol} missing ({form}): {got:?}"
        );
    }
    for symbol in absent {
        assert!(
            !got.contains(&key(symbol)),
            "{relative}: {symbol} cited ({form}): {got:?}"
        );
    }
}

/// Asserts that the record names these bodies, each one the gold lists.
fn assert_bodies_some(relative: &str, names: &[&str], form: &str) {
    let (r, gold) = fixture(relative);
    let got: Vec<&str> = r.bodies.iter().map(|b| b.name.as_str()).collect();
    for name in names {
        assert!(
            gold["bodies"].as_array().unwrap().iter().any(|b| b == name),
            "{relative}: the gold does not list {name}"
        );
        assert!(
            got.contains(name),
            "{relative}: {name} missing ({form}): {got:?}"
        );
    }
}

/// Asserts that the record's title is the gold's, compared as the gold README says (letters
/// and digits, lower case).
fn assert_title(relative: &str, form: &str) {
    let (r, gold) = fixture(relative);
    let letters = |t: &str| -> String {
        t.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let want = gold["title"].as_str().map(letters);
    assert!(want.is_some(), "{relative}: the gold has no title");
    assert_eq!(r.title.as_deref().map(letters), want, "{relative} ({form})");
}

const MASTHEAD: [&str; 4] = ["symbol", "organ", "adopted", "meeting"];
const PARAGRAPHS: [&str; 2] = ["preambular", "operative"];

#[test]
fn human_rights_council_mastheads_series_and_pdf_copies() {
    // A job number first, "Resolution adopted by the Human Rights Council" with no date, then
    // "28/16. Title"; the date and meeting from "55th meeting / 26 March 2015".
    assert_fields(
        "hrc/A_HRC_RES_28_16.rightdocs.txt",
        &MASTHEAD,
        "job number, undated adoption line",
    );
    assert_fields(
        "hrc/A_HRC_RES_13_26.rightdocs2010.txt",
        &MASTHEAD,
        "'13/26 Title' with no stop",
    );
    // "Resolution adopted by the Human Rights Council on 27 May 2021"; "S - 3 0 / 1 .Title".
    assert_fields(
        "hrc/A_HRC_RES_S-30_1.pdf.txt",
        &["symbol", "adopted"],
        "dated adoption line, spaced special session",
    );
    // "32/32.The …" with no space.
    assert_fields(
        "hrc/A_HRC_RES_32_32.docstore.txt",
        &["symbol", "adopted"],
        "'32/32.Title'",
    );
    // The own symbol is no citation of itself.
    for relative in [
        "hrc/A_HRC_RES_28_16.rightdocs.txt",
        "hrc/A_HRC_RES_S-3_1.doctxt.txt",
    ] {
        let (r, _) = fixture(relative);
        let own = key(r.symbol.as_deref().unwrap());
        assert!(!cited(&r).contains(&own), "{relative} cites itself");
    }
    // "resolutions 5/1 … and 5/2" are the Council's own; "General Assembly resolution 60/251"
    // is the Assembly's.
    assert_cites_some(
        "hrc/A_HRC_RES_28_16.rightdocs.txt",
        &[
            "A/HRC/RES/5/1",
            "A/HRC/RES/5/2",
            "A/RES/68/167",
            "A/HRC/RES/20/8",
        ],
        &["A/HRC/RES/68/167"],
        "own series, a named organ beats the text's",
    );
    assert_cites_some(
        "hrc/A_HRC_RES_5_1.docsford.txt",
        &["A/RES/60/251"],
        &["A/HRC/RES/60/251"],
        "General Assembly resolution 60/251",
    );
    // The Commission on Human Rights: "resolution 20 (XXXVI)" old style, and a number its
    // sentence gives to the Commission ("the resolutions of the Commission …, in particular
    // resolution 1994/45").
    assert_cites_some(
        "hrc/A_HRC_RES_27_1.daccess.txt",
        &["E/CN.4/RES/20 (XXXVI)"],
        &["A/RES/20 (XXXVI)"],
        "Commission, old style",
    );
    assert_cites_some(
        "hrc/A_HRC_RES_23_25.pdf.txt",
        &["E/CN.4/RES/1994/45"],
        &[],
        "Commission named earlier in the sentence",
    );
    // PDF copies: a blank line after every line, numbers spaced out ("1 6 / 2 1"), words run
    // together ("1.Stressesthe").
    assert_fields(
        "hrc/A_HRC_RES_16_21.pdf.txt",
        &["symbol"],
        "spaced number line",
    );
    assert_fields(
        "hrc/A_HRC_RES_23_25.pdf.txt",
        &PARAGRAPHS,
        "blank lines, fused words",
    );
    assert_fields(
        "hrc/A_HRC_RES_S-3_1.doctxt.txt",
        &["symbol"],
        "special session S-3/1",
    );
    // Web copies: a blog's headline above the formula ("El Consejo de Derechos Humanos renueva
    // su compromiso…") is no formula; right-docs' "RES/37/29 Title" over a draft's text.
    assert_fields(
        "es/A_HRC_RES_33_10.blog.txt",
        &["symbol", "adopted", "preambular", "operative"],
        "a headline above the formula",
    );
    assert_fields(
        "hrc/A_HRC_RES_37_29.rightdocs-draft.txt",
        &["symbol"],
        "'RES/37/29 Title'",
    );
    // The adoption date: "人权理事会 2017 年 6 月 22 日通过的决议", not the session's dates above;
    // "الجلسة 3" then its date; the own symbol cited with its date in the draft it recommends.
    for relative in [
        "zh/A_HRC_RES_35_3.docstore.txt",
        "ar/A_HRC_RES_S-9_1.ohchr.txt",
        "ru/A_HRC_RES_5_1.studylib.txt",
    ] {
        assert_fields(relative, &["adopted"], "the Council's adoption date");
    }
    // "Sub-Commission on …, Resolution 1 (XXIV)": the Sub-Commission's, which is no organ.
    assert_fields(
        "hrc/E_CN_4_Sub_2_RES_1_XXIV.umn.html",
        &["symbol", "organ"],
        "'Body, Resolution N (XXIV)'",
    );
}

#[test]
fn ecosoc_numbers_adoption_lines_and_old_headings() {
    // "1987/50. Title" is E/RES/1987/50; "1663 (LII)" is E/RES/1663 (LII).
    assert_fields(
        "ecosoc/E_RES_1987_50.volume.txt",
        &["symbol", "organ"],
        "'1987/50. Title'",
    );
    assert_fields(
        "ecosoc/E_RES_1663_LII.unodc.txt",
        &MASTHEAD,
        "'1972/1663(LII).Title'",
    );
    // "14th plenary meeting, 26 May 1987", and the date above its meeting line.
    assert_fields(
        "ecosoc/E_RES_1989_65.lexicon.txt",
        &MASTHEAD,
        "meeting line above the title",
    );
    assert_fields(
        "ecosoc/E_RES_1987_27.radicali.txt",
        &MASTHEAD,
        "date above '14th plenary meeting'",
    );
    // "1957/667(XXIV)E." is E/RES/667 E (XXIV); "1474(XLVIII)." is E/RES/1474 (XLVIII).
    assert_fields(
        "ecosoc/E_RES_667_E_XXIV.unodc.txt",
        &["symbol"],
        "'1957/667(XXIV)E.'",
    );
    assert_fields(
        "ecosoc/E_RES_1474_XLVIII.unodc-table.txt",
        &["symbol"],
        "'1474(XLVIII).'",
    );
    // A footnote call after a paragraph's mark ("…in 1976;***/ 3. Suggests", "…,21/ Noting").
    for relative in [
        "ecosoc/E_RES_1848_LVI.unodc-table.txt",
        "ecosoc/E_RES_1474_XLVIII.unodc-table.txt",
    ] {
        assert_fields(relative, &PARAGRAPHS, "a footnote call before a paragraph");
    }
    // A part printed alone under the heading ("730 (XXVIII). Narcotic drugs ⏎ H"), and OCR's
    // "1o88th plenary meeting, 30 July 1959".
    assert_fields(
        "ecosoc/E_RES_730_H_XXVIII.ocr.txt",
        &["symbol", "adopted", "meeting"],
        "a part under its heading; '1o88th'",
    );
    // Web copies: "July 25, 1996" alone under the heading; a site's "Date24 July 2008".
    assert_fields(
        "ecosoc/E_RES_1996_31.docsbay.txt",
        &["adopted"],
        "'July 25, 1996'",
    );
    assert_fields(
        "ecosoc/E_RES_2008_22.vlex.txt",
        &["symbol", "adopted"],
        "a site's 'Date' field",
    );
    // The Council's own, the Assembly's, the Commissions' and the World Health Assembly's.
    assert_cites(
        "ecosoc/E_RES_1399_XLVI.unodc.txt",
        "'WHA 18.47', '19615/' a year and a footnote call",
    );
    assert_cites(
        "ecosoc/E_RES_1235_XLII.scribd.txt",
        "'resolutions 8 (XXIII) and 9 (XXIII) of the Commission on Human Rights'",
    );
    assert_cites_some(
        "ecosoc/E_RES_1987_50.volume.txt",
        &["A/RES/2542 (XXIV)", "E/CN.5/RES/30/2", "E/RES/1139 (XLI)"],
        &[],
        "General Assembly and functional commission resolutions, OCR 'XLl'",
    );
}

#[test]
fn chinese_numerals_scripts_and_layouts() {
    // PDF lines that break a date ("2011 年 6 月" / "16 日第 17/6 号": no footnote "16"), a
    // date before what the resolution is about ("2007 年 6 月 18 日关于理事会体制建设的第 5/1 号"),
    // before the word ("一九五〇年十二月十四日决议案三九六(五)", "…所通过决议案一六六八(十六)").
    assert_cites_some(
        "zh/A_HRC_RES_35_3.docstore.txt",
        &["A/HRC/RES/17/6", "A/HRC/RES/18/5", "A/HRC/RES/21/10"],
        &[],
        "a date broken over lines",
    );
    assert_cites("zh/A_RES_2159_XXI.wikisource.txt", "dates before the word");
    let (r, _) = fixture("zh/A_HRC_RES_35_3.docstore.txt");
    let date_of = |symbol: &str| {
        r.cites
            .iter()
            .find(|c| c.symbol == symbol)
            .and_then(|c| c.date.clone())
    };
    assert_eq!(
        date_of("A/HRC/RES/5/1").as_deref(),
        Some("2007-06-18"),
        "关于…的"
    );
    // A site's navigation going on to the next line ("联合国大会第36/121号决议 |") cites nothing.
    assert_cites_some(
        "zh/A_RES_36_120.wikisource.txt",
        &[],
        &["A/RES/36/121"],
        "navigation on two lines",
    );
    // A news page's whole text on one line between its site's lines; a Q&A site's
    // introduction "1991年4月3日安全理事会通过的第687(1991)号决议,…现将其中文本转载如下".
    assert_fields(
        "zh/A_RES_54_254.chinanews.txt",
        &["symbol", "adopted", "preambular", "operative"],
        "a one-line page",
    );
    assert_fields(
        "zh/S_RES_687_1991.qa-site.txt",
        &["symbol", "adopted"],
        "a site's introduction",
    );
    // Verbs of both parts ("重申", "呼吁", "着重指出") placed by how their paragraph ends ("，"
    // or "。"); the 1946 "大会建议："; the PDF footer "请回收" is no paragraph.
    for relative in [
        "zh/A_RES_2159_XXI.wikisource.txt",
        "zh/S_RES_1373_2001.legaldb.txt",
        "zh/A_RES_4_I.wikisource.txt",
        "zh/A_HRC_RES_35_3.docstore.txt",
    ] {
        assert_fields(relative, &PARAGRAPHS, "paragraphs told by their ending");
    }
    // 1946–1964 heading "二十(一九四七).一九四七年三月十日決議案" in traditional script, the
    // document symbol "〔S/296〕" under it, "决议案一(一)" citations, "第一一七次會議".
    let (r, _) = fixture("zh/S_RES_20_1947.wikisource.txt");
    assert_eq!(
        r.issued_as.as_deref(),
        Some("S/296"),
        "〔S/296〕 is the symbol it was issued under"
    );
    assert!(r.documents.iter().all(|d| d.symbol != "S/296"));
    assert_fields(
        "zh/S_RES_20_1947.wikisource.txt",
        &["symbol", "adopted", "meeting", "operative"],
        "numerals, traditional script",
    );
    assert_cites_some(
        "zh/S_RES_20_1947.wikisource.txt",
        &["A/RES/1 (I)", "A/RES/41 (I)"],
        &[],
        "决议案一(一)",
    );
    // "决议案三九六(五)", "决议案二0二五(二十)" (an ASCII 0 among the numerals), a heading
    // "二一五九(二十一)、Title" and the closing "一九六六年十一月二十九日, 第一四八一次全体会议".
    assert_fields(
        "zh/A_RES_2159_XXI.wikisource.txt",
        &MASTHEAD,
        "numerals in the heading and closing",
    );
    assert_cites_some(
        "zh/A_RES_2159_XXI.wikisource.txt",
        &["A/RES/396 (V)", "A/RES/1668 (XVI)", "A/RES/2025 (XX)"],
        &[],
        "决议案三九六(五)",
    );
    // Dates in numerals before each item, the year given once for the list; "1.决定:" with
    // (a)-(c); "第一九六四次会议".
    assert_cites(
        "zh/S_RES_396_1976.wikisource.txt",
        "dates before items, year given once",
    );
    assert_fields(
        "zh/S_RES_396_1976.wikisource.txt",
        &["symbol", "adopted", "meeting", "operative"],
        "'1.决定:', numerals",
    );
    // "- " bullets on every paragraph, numbers after them; a site's navigation is not cited.
    assert_fields(
        "zh/S_RES_1985_2011.wikisource.md",
        &[MASTHEAD.as_slice(), &PARAGRAPHS].concat(),
        "'- ' bullets",
    );
    assert_cites(
        "zh/S_RES_1985_2011.wikisource.md",
        "navigation '1984(2011)' not cited",
    );
    // Operative paragraphs without numbers, one a line, verbs the lexicon may lack.
    assert_fields(
        "zh/S_RES_48_1948.zhonghuashu.txt",
        &PARAGRAPHS,
        "unnumbered operative paragraphs",
    );
    // A list run together without separators, a formula without its comma.
    assert_cites_some(
        "zh/S_RES_687_1991.qa-site.txt",
        &[
            "S/RES/660 (1990)",
            "S/RES/661 (1990)",
            "S/RES/662 (1990)",
            "S/RES/686 (1991)",
        ],
        &[],
        "'第660(1990)661(1990)…号决议'",
    );
    // Parts fused and as ranges: "33/28A至C", "32/40A和B".
    assert_cites_some(
        "zh/A_RES_36_120.wikisource.txt",
        &[
            "A/RES/33/28 A",
            "A/RES/33/28 B",
            "A/RES/33/28 C",
            "A/RES/32/40 B",
            "A/RES/35/169 E",
        ],
        &["A/RES/33/28"],
        "lettered parts fused and as ranges",
    );
    // Wikisource titles "联合国安理会第396号决议", "聯合國安理會第2326號決議".
    assert_fields(
        "zh/S_RES_2326_2016.mirror.txt",
        &["symbol", "adopted"],
        "Wikisource title in traditional script",
    );
}

#[test]
fn arabic_numbering_part_letters_sessions_and_web_copies() {
    // Paragraphs of PDF copies ("وإذ ي شير", a space inside the verb), narrow columns
    // ("وإذ يساوره بالغ" / "القلق"), OCR of 1948 ("وقد طلب").
    for relative in [
        "ar/A_HRC_RES_S-9_1.ohchr.txt",
        "ar/S_RES_425_1978.narrowcol.txt",
        "ar/S_RES_44_1948.ocr.txt",
    ] {
        assert_fields(relative, &PARAGRAPHS, "verbs split by a PDF or a column");
    }
    // "قرار رقم 446 (1979)" / "بتاريخ 22 آذار/مارس 1979"; operative paragraphs "1 ـ".
    assert_fields(
        "ar/S_RES_446_1979.palquest.txt",
        &["symbol", "adopted", "preambular", "operative"],
        "'1 ـ', palquest heading",
    );
    // "1ـ" fused; a vowel mark in a verb ("علماً").
    assert_fields(
        "ar/S_RES_484_1980.plord.txt",
        &["symbol", "adopted", "preambular", "operative"],
        "'1ـ', 'رقم484بتاريخ'",
    );
    // "١ -" in Arabic-Indic digits, sessions "(111)" and "(1V)" read by OCR.
    assert_fields(
        "ar/A_RES_394_V.ocr.txt",
        &["symbol", "adopted", "preambular", "operative"],
        "'١ -', Arabic-Indic digits",
    );
    assert_cites("ar/A_RES_394_V.ocr.txt", "'194 (111)', '302 (1V)'");
    // Parts in letter names ("34/65 ألف وباء"), "دإط ـ 7/2", "3376 (د ـ 30)" with a tatweel,
    // and the own symbol "37/86 ألف".
    assert_fields(
        "ar/A_RES_37_86_A.palquest.txt",
        &["symbol", "operative"],
        "own part 'ألف'",
    );
    assert_cites(
        "ar/A_RES_37_86_A.palquest.txt",
        "'ألف وباء', 'دإط ـ 7/2', '(د ـ 30)'",
    );
    // "2253 (دإط ـ 5) و2254 (دإط ـ 5) المؤرخين في 4 و14 تموز/يوليو 1967".
    assert_cites_some(
        "ar/S_RES_446_1979.palquest.txt",
        &["A/RES/2253 (ES-V)", "A/RES/2254 (ES-V)", "A/RES/32/5"],
        &[],
        "'(دإط ـ 5)'",
    );
    // Dual forms: "القراران 34/65 ألف وباء المؤرخان في …", "3236 (د-29) و3237 (د-29) المؤرخين في".
    assert_cites_some(
        "ar/A_RES_ES-7_2.web.txt",
        &["A/RES/34/65 A", "A/RES/34/65 B", "A/RES/3236 (XXIX)"],
        &["A/RES/34/65"],
        "'القراران', 'المؤرخان'",
    );
    let (r, _) = fixture("ar/A_RES_ES-7_2.web.txt");
    let dated = |symbol: &str| {
        r.cites
            .iter()
            .any(|c| c.symbol == symbol && c.date.is_some())
    };
    assert!(
        dated("A/RES/3236 (XXIX)") && dated("A/RES/34/65 A"),
        "dated by a dual"
    );
    // A heading without the year, in a text that gives no date: the year its number is known
    // to have had ("قرار مجلس الأمن الدولي رقم 687"); "رقم 338 في 22 تشرين الاول (اكتوبر)
    // 1973", a site's "| التاريخ |" field, "اتخدت … بتاريخ 29 تموز 1980" (a Levantine month alone).
    assert_fields(
        "ar/S_RES_687_1991.wikisource.txt",
        &["symbol"],
        "a yearless heading",
    );
    assert_fields(
        "ar/S_RES_338_1973.marefa.md",
        &["symbol", "adopted"],
        "'رقم 338 في DATE'",
    );
    assert_fields(
        "ar/A_RES_ES-7_2.web.txt",
        &["symbol", "adopted"],
        "'29 تموز 1980'",
    );
    // A news site's introduction gives the date and the meeting, in Arabic-Indic digits.
    assert_fields(
        "ar/S_RES_1860_2009.news.txt",
        &MASTHEAD,
        "site introduction",
    );
    // A site's introduction without hamza ("اتخدت الجمعية العامة للامم المتحدة"); "دإط-7/2 - Title".
    assert_fields(
        "ar/A_RES_ES-7_2.web.txt",
        &["symbol"],
        "emergency special session heading",
    );
    // Scrambled right-to-left symbols are not invented into citations.
    let (r, _) = fixture("ar/S_RES_1701_2006.pdf.txt");
    assert!(
        r.cites
            .iter()
            .all(|c| c.symbol.starts_with("S/RES/") || c.symbol.starts_with("A/RES/"))
    );
}

#[test]
fn russian_citations_headings_and_legal_databases() {
    // A legal database's link in place of the year ("резолюции 1484 (995_b48)"), OCR's spaced
    // digits ("РЕЗОЛЮЦИЯ 1 2 0 3 (1998)", "1199 (1 998) от 23 сентября 1998 года").
    assert_cites("ru/S_RES_1501_2003.lica.txt", "a link for the year");
    assert_cites("ru/S_RES_1203_1998.ocr.txt", "digits spaced out");
    // Verbs after a manner phrase: "с сожалением отмечая", "с серьезной обеспокоенностью
    // отмечая", set in a justified 66-column text with doubled spaces.
    for relative in [
        "ru/S_RES_1244_1999.zakon66.txt",
        "ru/S_RES_1929_2010.consultant.txt",
    ] {
        assert_fields(relative, &PARAGRAPHS, "'с сожалением отмечая'");
    }
    // A Wikisource page that opens with the end of the resolution before: "## 215 (III). Title"
    // in Markdown, "Сто семьдесят седьмое пленарное заседание, 8 декабря 1948 г." in words.
    assert_fields(
        "ru/A_RES_215_III.wikisource.md",
        &["symbol", "adopted"],
        "'## 215 (III).', a meeting in words",
    );
    // "резолюции 1238 от 14 мая 1999 года" without the year in brackets; link codes
    // "( 995_301 )" of a legal database; headings split over lines.
    assert_cites_some(
        "ru/S_RES_1282_1999.dtkt.txt",
        &["S/RES/1238 (1999)", "S/RES/1263 (1999)"],
        &[],
        "number without its year",
    );
    assert_fields(
        "ru/S_RES_1282_1999.dtkt.txt",
        &MASTHEAD,
        "heading split over lines",
    );
    // Justified 66-column text: a citation split over lines, runs of spaces, link codes.
    assert_cites(
        "ru/S_RES_1244_1999.zakon66.txt",
        "justified text, link codes",
    );
    // Paragraphs opening in lower case.
    assert_fields(
        "ru/S_RES_998_1995.umn.html",
        &PARAGRAPHS,
        "lower-case paragraphs",
    );
    // A Cyrillic А in a symbol ("А/56/589"), a Latin C in a word.
    assert_fields(
        "ru/A_RES_56_83.unpdf.txt",
        &["symbol", "committee_report"],
        "look-alike letters",
    );
    // "Резолюция ООН 194 (III)", "РЕЗОЛЮЦИЯ 2847 (XXVI)", "Резолюция 68/262,".
    assert_fields(
        "ru/A_RES_2847_XXVI.narod66.txt",
        &["symbol", "meeting"],
        "'РЕЗОЛЮЦИЯ 2847 (XXVI)', '2026-ом пленарном'",
    );
    assert_fields(
        "ru/A_RES_68_262.parus.txt",
        &["symbol", "adopted"],
        "'Резолюция 68/262,' / 'принятая …'",
    );
    assert_fields(
        "ru/A_RES_194_III.web.txt",
        &["symbol"],
        "'Резолюция ООН 194 (III)'",
    );
}

#[test]
fn spanish_citations_adoption_lines_and_reprints() {
    // A journal's reprint on one line, its page furniture between two numbered paragraphs
    // ("…; Martes 9 de enero de 2007 Primera Sección BOLETIN OFICIAL Nº 31.072 7 6. Decide").
    assert_fields(
        "es/S_RES_1718_2006.boletin.txt",
        &PARAGRAPHS,
        "page furniture inside a one-line reprint",
    );
    // "aprobada por la 27.ª sesión plenaria del 9 de febrero de 1946", a 1946 text with no
    // formula line ("La Asamblea General lamenta que…").
    assert_fields(
        "es/A_RES_9_I.wikisource.txt",
        &["symbol", "adopted", "meeting"],
        "'… del 9 de febrero de 1946'",
    );
    // "1267 (1999), de 15 de octubre de 1999".
    assert_cites_some(
        "es/S_RES_1267_1999.pdf.txt",
        &["S/RES/1214 (1998)"],
        &[],
        "'NNNN (YYYY), de …'",
    );
    // "Resolución aprobada por el Consejo de Derechos Humanos el …", "33 er período de sesiones".
    assert_fields(
        "es/A_HRC_RES_51_19.ohchr.txt",
        &["symbol", "session", "agenda_item"],
        "'51 er período de sesiones', 'Tema 3 de la agenda'",
    );
    // "[sin remisión previa a una Comisión Principal (A/55/L.21 y Add.1)]", "52.ª sesión plenaria".
    assert_fields(
        "es/A_RES_55_15.studylib.txt",
        &["symbol", "adopted"],
        "'sin remisión previa'",
    );
    assert_fields(
        "es/A_RES_80_26.pdf.txt",
        &["symbol", "adopted", "meeting"],
        "'52.ª sesión plenaria'",
    );
    // "Resolución 1996/31 del ECOSOC:" / "(Aprobada en la 49a. sesión plenaria del Consejo, el …)".
    assert_fields(
        "es/E_RES_1996_31.un-web.txt",
        &["symbol", "adopted"],
        "'Aprobada en la 49a. sesión plenaria'",
    );
    // A journal reprint: the whole resolution on one line, page numbers inside.
    assert_fields(
        "es/S_RES_1373_2001.revista.txt",
        &["symbol", "adopted"],
        "one line with page numbers",
    );
    assert_cites_some(
        "es/S_RES_1373_2001.revista.txt",
        &["S/RES/1269 (1999)", "S/RES/1368 (2001)", "A/RES/2625 (XXV)"],
        &[],
        "one line",
    );
    // Markdown italics on Wikisource ("*Recordando*").
    assert_fields(
        "es/S_RES_146_1960.wikisource.md",
        &PARAGRAPHS,
        "Markdown italics",
    );
}

#[test]
fn every_language_old_texts_ocr_and_other_organizations() {
    // 1946–1950 resolutions without numbered paragraphs.
    assert_fields(
        "ru/S_RES_50_1948.volume.txt",
        &["symbol", "operative"],
        "unnumbered 1948 paragraphs",
    );
    // The annual volumes' heading dates the resolution in every language, however OCR spelt
    // it: "50 (1948). Резолюция от 29 мая 1948 года", "42 (1948). Resoluci6n de 5 de marzo",
    // "44 (1948) . قرار مؤرخ 1 نيسان/ابريل 1948", "Resolución de 1º de abril".
    for relative in [
        "ru/S_RES_50_1948.volume.txt",
        "es/S_RES_42_1948.ocr.txt",
        "ar/S_RES_44_1948.ocr.txt",
        "es/S_RES_44_1948.wikisource-pagina.txt",
    ] {
        assert_fields(
            relative,
            &["symbol", "adopted"],
            "'N (YEAR). Resolution of DATE'",
        );
    }
    // "Aprobada en la 263a. sesi6n": OCR's 6 for ó.
    assert_fields("es/S_RES_42_1948.ocr.txt", &["meeting"], "'sesi6n'");
    // OCR's "181 (11)" for "181 (II)".
    assert_cites_some(
        "ar/S_RES_44_1948.ocr.txt",
        &["A/RES/181 (II)"],
        &["A/RES/181 (XI)"],
        "'(11)' for '(II)'",
    );
    // Other organizations' resolutions in their own forms: CM/Res. of the OAU, GC()/RES/ of
    // the IAEA, AG/RES. of the OAS.
    assert_cites_some(
        "es/A_RES_80_26.pdf.txt",
        &["CM/Res.1153 (XLVIII)", "GC(XXXIV)/RES/530", "GC(45)/RES/10"],
        &[],
        "other organizations' symbols",
    );
    assert_cites_some(
        "es/A_RES_55_15.studylib.txt",
        &["AG/RES.1733 (XXX-O/00)"],
        &[],
        "an OAS resolution",
    );
    // One cited by a bare number in a passage about that organization is no UN symbol, and is
    // rejected with its reason.
    for (relative, number) in [
        ("ru/A_RES_3379_XXX.web.txt", "77 (XII)"),
        ("zh/A_RES_3379_XXX.ocr.txt", "77(XII)"),
        ("es/A_RES_52_20.un-web.txt", "1406 (LVI)"),
    ] {
        let (r, _) = fixture(relative);
        assert!(
            !cited(&r).iter().any(|c| c.contains(&key(number))),
            "{relative} cites {number}"
        );
        assert!(
            r.rejected
                .iter()
                .any(|j| key(&j.text) == key(number) && j.reason.contains("outside")),
            "{relative}: {number} not rejected with its reason"
        );
    }
    // A copy that stops partway gives what it holds, without a storm of warnings.
    for relative in [
        "es/S_RES_2253_2015.normas-ar.txt",
        "ar/A_RES_194_III.oudnad.txt",
    ] {
        let (r, _) = fixture(relative);
        assert!(r.warnings.len() <= 3, "{relative}: {:?}", r.warnings);
        assert!(!r.paragraphs.is_empty(), "{relative}");
    }
}

#[test]
fn officers_and_committees_named_by_their_council() {
    let president = "President of the Security Council";
    // "the statements of its President" in the Council's texts, in each language's words.
    assert_bodies_some(
        "es/S_RES_1718_2006.boletin.txt",
        &[president],
        "su Presidencia",
    );
    assert_bodies_some("es/S_RES_1267_1999.pdf.txt", &[president], "su Presidente");
    assert_bodies_some(
        "ru/S_RES_1501_2003.lica.txt",
        &[president],
        "своего Председателя",
    );
    assert_bodies_some("ar/S_RES_1701_2006.pdf.txt", &[president], "رئيسه");
    // "the President of the Council" in a Human Rights Council text.
    assert_bodies_some(
        "hrc/A_HRC_RES_5_1.docsford.txt",
        &["President of the Human Rights Council"],
        "President of the Council",
    );
    // A committee named by the resolution that established it, before the number or after.
    assert_bodies_some(
        "ru/S_RES_1929_2010.consultant.txt",
        &["Security Council Committee established pursuant to resolution 1737 (2006)"],
        "Комитету, учрежденному резолюцией 1737 (2006)",
    );
    assert_bodies_some(
        "zh/S_RES_1985_2011.wikisource.md",
        &["Security Council Committee established pursuant to resolution 1718 (2006)"],
        "第1718(2006)号决议所设委员会",
    );
    // A name in Chinese spaced out character by character.
    let (r, _) = fixture("zh/A_RES_1514_XV.hkhrm.txt");
    assert!(
        r.instruments
            .iter()
            .any(|i| i.name == "Charter of the United Nations"),
        "《 联 合 国 宪 章 》: {:?}",
        r.instruments
    );
}

#[test]
fn titles_printed_above_the_formula_under_no_numbered_heading() {
    // The title under a date and a meeting line, each a block of its own.
    assert_title(
        "ecosoc/E_RES_1987_27.radicali.txt",
        "title alone above the formula",
    );
    // Under "ECOSOC Resolution 2008/22", on two lines, the second in lower case.
    assert_title(
        "ecosoc/E_RES_2008_22.vlex.txt",
        "title under a worded heading",
    );
    // Above its heading line ("Question of … ⏎ Commission on Human Rights resolution 1995/38").
    assert_title(
        "hrc/E_CN_4_RES_1995_38.justified.txt",
        "title above the heading",
    );
    assert_title("es/E_RES_1996_31.un-web.txt", "título sobre la fórmula");
    // A text double-spaced throughout: a blank line inside the title, three around it.
    assert_title(
        "ecosoc/E_RES_1989_65.lexicon.txt",
        "title in a double-spaced masthead",
    );
}
