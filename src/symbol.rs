//! The UN symbol grammar: canonical resolution symbols from the shapes a text writes them in,
//! and the symbols of other documents (reports, letters, drafts, conference documents).

use crate::lang::pattern::Pattern;
use crate::lang::pattern::PerThread;
use crate::text::Numerals;
use std::ops::Range;
use std::sync::LazyLock;

/// The organ a resolution belongs to, as the symbol grammar tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Organ {
    GeneralAssembly,
    SecurityCouncil,
    HumanRightsCouncil,
    EconomicAndSocialCouncil,
    WorldHealthAssembly,
}

impl Organ {
    pub fn name(self) -> &'static str {
        match self {
            Organ::GeneralAssembly => "General Assembly",
            Organ::SecurityCouncil => "Security Council",
            Organ::HumanRightsCouncil => "Human Rights Council",
            Organ::EconomicAndSocialCouncil => "Economic and Social Council",
            Organ::WorldHealthAssembly => "World Health Assembly",
        }
    }

    pub fn body_iri(self) -> &'static str {
        match self {
            Organ::GeneralAssembly => "https://w3id.org/unkg/body/un-ga",
            Organ::SecurityCouncil => "https://w3id.org/unkg/body/un-sc",
            Organ::HumanRightsCouncil => "https://w3id.org/unkg/body/un-hrc",
            Organ::EconomicAndSocialCouncil => "https://w3id.org/unkg/body/un-ecosoc",
            Organ::WorldHealthAssembly => "https://w3id.org/unkg/body/wha",
        }
    }

    pub const ALL: [Organ; 5] = [
        Organ::GeneralAssembly,
        Organ::SecurityCouncil,
        Organ::HumanRightsCouncil,
        Organ::EconomicAndSocialCouncil,
        Organ::WorldHealthAssembly,
    ];

    pub fn from_name(name: &str) -> Option<Organ> {
        Organ::ALL.into_iter().find(|o| o.name() == name)
    }

    /// The organ whose body IRI this is.
    pub fn of_body_iri(iri: &str) -> Option<Organ> {
        Organ::ALL.into_iter().find(|o| o.body_iri() == iri)
    }

    /// The organ of a canonical symbol.
    pub fn of_symbol(symbol: &str) -> Option<Organ> {
        let s = symbol.to_ascii_uppercase();
        if s.starts_with("A/HRC/") {
            Some(Organ::HumanRightsCouncil)
        } else if s.starts_with("A/") {
            Some(Organ::GeneralAssembly)
        } else if s.starts_with("S/") {
            Some(Organ::SecurityCouncil)
        } else if s.starts_with("E/RES/") {
            // Not "E/CN.4/RES/…": the functional commissions are no organ of their own.
            Some(Organ::EconomicAndSocialCouncil)
        } else if s.starts_with("WHA") {
            Some(Organ::WorldHealthAssembly)
        } else {
            None
        }
    }
}

/// The shapes a resolution number takes; each body writes some of them (`ontology/symbols.ttl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// 660 (1990)
    YearParen,
    /// 1514 (XV), 217 A (III), 2253 (ES-V), 186 (S-2)
    RomanSession,
    /// 67/39, 48/13 C
    SessionNumber,
    /// ES-10/22, S-3/1
    SpecialSession,
    /// 1987/33, 2005/79
    YearNumber,
    /// 69.2 (WHA69.2)
    Decimal,
}

impl Shape {
    pub const COUNT: usize = 6;
    pub const ALL: [Shape; Shape::COUNT] = [
        Shape::YearParen,
        Shape::RomanSession,
        Shape::SessionNumber,
        Shape::SpecialSession,
        Shape::YearNumber,
        Shape::Decimal,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The name `ontology/symbols.ttl` gives it (`sessionNumber` in `unkg:sessionNumberForm`).
    pub fn name(self) -> &'static str {
        match self {
            Shape::YearParen => "yearParen",
            Shape::RomanSession => "romanSession",
            Shape::SessionNumber => "sessionNumber",
            Shape::SpecialSession => "specialSession",
            Shape::YearNumber => "yearNumber",
            Shape::Decimal => "decimal",
        }
    }
}

/// A resolution number read from a text, in parts, before its series is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    pub shape: Shape,
    pub number: String,
    /// A lettered part ("C" of "48/13 C"), if any.
    pub part: Option<String>,
    /// The year of a Council number or of a year-numbered series.
    pub year: String,
    /// The session, in digits ("10" of ES-10/22, "69" of WHA69.2).
    pub session: String,
    /// The session in Roman numerals, with its special-session prefix ("XV", "ES-V", "S-2").
    pub roman: String,
    /// "ES" or "S" for a special session.
    pub special: String,
    /// The number names its body ("WHA69.2"): it needs no default series.
    pub names_its_series: bool,
}

impl Number {
    /// Fills a symbol form of `ontology/symbols.ttl` with the parts.
    pub fn fill(&self, form: &str) -> String {
        let mut out = String::with_capacity(form.len() + 8);
        let mut rest = form;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            match &rest[open + 1..open + close] {
                "number" => out.push_str(&self.number),
                "part" => {
                    if let Some(part) = &self.part {
                        out.push(' ');
                        out.push_str(part);
                    }
                }
                "year" => out.push_str(&self.year),
                "session" => out.push_str(&self.session),
                "roman" => out.push_str(&self.roman),
                "special" => out.push_str(&self.special),
                other => out.push_str(other),
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// The number the named groups of a shape's match give: `number`, `part`, `year`,
    /// `roman`, `session`; `special` ("ES", "S") or, in scripts that write sessions in digits,
    /// `es` or `ss` (a mark of an emergency special or a special session) with
    /// `sessiondigits`; `ocrroman` (a Roman session OCR misread with 1 for I); `decimal` (the
    /// session of WHA69.2) and `wha`. Digits are ASCII, or Chinese numerals read by value.
    /// `c` are the captures of `shape`.
    pub fn from_captures(
        shape: &Pattern,
        c: &regex::Captures,
        numerals: &Numerals,
    ) -> Option<Number> {
        // The groups that matched, by name, read in one pass (a look-up by name hashes it with
        // SipHash, and a shape has a dozen names to ask for).
        let matched: Vec<(&str, &str)> = shape
            .capture_names()
            .enumerate()
            .filter_map(|(i, name)| Some((name?, c.get(i)?.as_str())))
            .collect();
        let group = |name: &str| matched.iter().find(|(n, _)| *n == name).map(|(_, m)| *m);
        let numeral_value = |printed: &str| numerals.value(printed);
        let number = numeral_value(group("number")?)?.to_string();
        let mut n = Number {
            shape: Shape::SessionNumber,
            number,
            part: group("part").or(group("partafter")).map(str::to_string),
            year: String::new(),
            session: String::new(),
            roman: String::new(),
            special: String::new(),
            names_its_series: group("wha").is_some(),
        };
        let special = if group("es").is_some() {
            "ES"
        } else if group("ss").is_some() {
            "S"
        } else {
            group("special").unwrap_or("")
        };
        if let Some(year) = group("year") {
            n.shape = Shape::YearParen;
            n.year = year.replace(' ', "");
        } else if let Some(roman) = group("roman") {
            n.shape = Shape::RomanSession;
            n.roman = normalise_roman(roman);
        } else if let Some(digits) = group("sessiondigits") {
            n.shape = Shape::RomanSession;
            // Special sessions number in digits ("186 (S-2)"), the others in Roman numerals.
            let session = numeral_value(digits)?;
            n.roman = match special {
                "" => roman_numeral(session),
                "S" => format!("S-{session}"),
                _ => format!("{special}-{}", roman_numeral(session)),
            };
        } else if let Some(ocr) = group("ocrroman") {
            n.shape = Shape::RomanSession;
            n.roman = ocr.replace(['1', 'l'], "I");
        } else if let Some(session) = group("decimal") {
            n.shape = Shape::Decimal;
            n.session = session.to_string();
        } else {
            let session = group("session")?;
            n.shape = if !special.is_empty() {
                Shape::SpecialSession
            } else if session.len() == 4 && (session.starts_with("19") || session.starts_with("20"))
            {
                Shape::YearNumber
            } else if session.len() <= 2 {
                Shape::SessionNumber
            } else {
                return None;
            };
            n.special = special.to_string();
            if n.shape == Shape::YearNumber {
                n.year = session.to_string();
            } else {
                n.session = numeral_value(session)?.to_string();
            }
        }
        Some(n)
    }
}

/// "ES‑V" → "ES-V", "S-2" stays, "ESV" → "ES-V".
fn normalise_roman(printed: &str) -> String {
    let roman = printed.replace(['‑', '–'], "-");
    match roman.strip_prefix("ES").or_else(|| roman.strip_prefix('S')) {
        Some(rest) => format!(
            "{}-{}",
            &roman[..roman.len() - rest.len()],
            rest.trim_start_matches('-')
        ),
        None => roman,
    }
}

/// The shapes every language writes resolution numbers in (ASCII digits: other scripts' are
/// folded before matching); each anchored at the start, with the group names of
/// [`Number::from_captures`]. A language adds its own (`unkg:numberShape` of grammar.ttl).
pub static NUMBER_SHAPES: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    [
        // 660 (1990), 186(1964)
        r"^(?P<number>\d{1,4})\s*\(\s?(?P<year>(?:19|20)\d\d)\s?\)",
        // 1514 (XV), 2453 A (XXIII), 2253 (ES-V), 2253 (ES‑V), 186 (S-2)
        r"^(?P<number>\d{1,4})(?:\s?(?P<part>[A-H]))?\s*\(\s?(?P<roman>(?:ES|S)?[-‑–]?[IVXL]{1,7}|(?:ES|S)[-‑–]\d{1,2})\s?\)",
        // The Economic and Social Council's old headings put the year first and may put the
        // part after the session: 1969/1399(XLVI), 1957/667(XXIV)E.
        r"^(?:19|20)\d\d\s?/\s?(?P<number>\d{1,4})(?:\s?(?P<part>[A-H]))?\s*\(\s?(?P<roman>[IVXL]{1,7})\s?\)(?:\s?(?P<partafter>[A-H])(?-u:\b))?",
        // 67/39, 48/13 C, 33/28A, ES-10/22, S-10/2, 2023/1
        r"^(?:(?P<special>ES|S)\s?[-‑–]\s?)?(?P<session>\d{1,4})/(?P<number>\d{1,4})(?:\s*(?P<part>AA|BB|CC|DD|EE|FF|GG|HH|II|JJ|KK|LL|MM|NN|OO|PP|QQ|RR|SS|TT|UU|VV|WW|XX|YY|ZZ|[A-Z])(?-u:\b))?",
        // World Health Assembly 69.2, WHA69.2
        r"^(?P<wha>WHA\s?)?(?P<decimal>[1-9]\d)\.(?P<number>\d{1,2})",
        // A part and its section: 626 C III (XXII), read as the part.
        r"^(?P<number>\d{1,4})\s?(?P<part>[A-H])\s?[IVX]{1,4}\s*\(\s?(?P<roman>[IVXL]{1,7})\s?\)",
        // OCR's space in a year: 1199 (1 998)
        r"^(?P<number>\d{1,4})\s*\(\s?(?P<year>1 ?9 ?\d ?\d|2 ?0 ?\d ?\d)\s?\)",
        // OCR's 1 for I in a session: 170 (11), 95 (1V), 1904 (XV111)
        r"^(?P<number>\d{1,4})(?:\s?(?P<part>[A-H]))?\s*\(\s?(?P<ocrroman>[1lI]*1[1lIVX]*|[IVXL]*[VXL][1lI]*1[1lI]*|[IVXL]+l[IVXLl]*|l[IVXLl]+)\s?\)",
    ]
    .iter()
    .map(|p| Pattern::new(p).unwrap())
    .collect()
});

/// Reads one resolution number at the start of `text` in the shapes every language writes
/// and those of `extra` (a language's own, whose numbers may be `numerals`): its byte length
/// and its parts. "2015/10/Add.1" or "67/390" read short are not resolution numbers.
pub fn read_number(text: &str, extra: &[Pattern], numerals: &Numerals) -> Option<(usize, Number)> {
    if !may_start_number(text, numerals) {
        return None;
    }
    NUMBER_SHAPES.iter().chain(extra).find_map(|shape| {
        let c = shape.captures_if_match(text)?;
        let len = c.get(0)?.end();
        if text[len..].starts_with(|ch: char| ch.is_ascii_digit() || ch == '/') {
            return None;
        }
        Some((len, Number::from_captures(shape, &c, numerals)?))
    })
}

/// A printed resolution number of any shape, loosely, for patterns that find one among other
/// words (NUMBER in the heading forms of grammar.ttl): digits (maybe spaced out, "1 6 / 2 1"),
/// or Chinese numerals, a special-session prefix, a part letter, a bracketed year or session.
/// What it holds is read by [`read_number`].
const NUMBER: &str = r"(?:(?:ES|S|د[اإ]ط|د[اإ])\s*[-‑–ـ]\s*)?(?:[0-9](?:[0-9]| [0-9]){0,3}|[一二三四五六七八九十百〇零]{1,6})(?:\s*/\s*[0-9](?:[0-9]| [0-9]){0,3})?(?:\s?[A-Z]{1,2}(?-u:\b))?(?:\s*[(（][^()（）\n]{1,16}[)）](?:\s?[A-H](?-u:\b))?)?";

/// A pattern with NUMBER spelled out.
pub fn with_number(pattern: &str) -> String {
    pattern.replace("NUMBER", NUMBER)
}

/// Whether `text` may start with a resolution number: with a digit, a special session's
/// letters ("ES-10/22", "دإط ـ 7/2"), "WHA" or a numeral (most text after a word for
/// resolution does not, and is spared the shapes).
pub fn may_start_number(text: &str, numerals: &Numerals) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| matches!(c, '0'..='9' | 'E' | 'S' | 'W' | 'د') || numerals.is_numeral(c))
}
/// The value of a session in Roman numerals ("XV" → 15); none for other shapes ("ES-V").
pub fn roman_value(roman: &str) -> Option<u32> {
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let digits: Vec<u32> = roman.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|next| next > d) {
            total -= *d as i64;
        } else {
            total += *d as i64;
        }
    }
    u32::try_from(total).ok().filter(|&n| n > 0)
}

/// A session number in Roman numerals (1 to 99).
pub fn roman_numeral(n: u32) -> String {
    const TENS: [&str; 10] = ["", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"];
    const UNITS: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    format!(
        "{}{}",
        TENS[(n / 10 % 10) as usize],
        UNITS[(n % 10) as usize]
    )
}

/// "660 1990)": a Security Council number whose opening parenthesis OCR lost.
static OCR_COUNCIL: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"^(\d{1,4})\s((?:19|20)\d\d)\)").unwrap());

/// Resolutions of bodies outside the UN's own symbol series that UN texts cite in their own
/// symbol form: the IAEA General Conference ("GC(69)/RES/15", "GC(XXXIV)/RES/530"), the OAU
/// Council of Ministers ("CM/Res.1153 (XLVIII)") and the OAS General Assembly
/// ("AG/RES.1733 (XXX-O/00)").
static OTHER_BODY: LazyLock<PerThread> = LazyLock::new(|| {
    PerThread::new(concat!(
        r"^(?:GC\s?\(\s?(?P<gc>\d{1,2}|[IVXL]{1,7})\s?\)\s?/\s?RES\s?/\s?(?P<gcn>\d{1,4})",
        r"|CM\s?/\s?Res\.\s?(?P<cm>\d{1,4})\s?\((?P<cms>[IVXL]{1,7})\)",
        r"|AG\s?/\s?RES\.\s?(?P<ag>\d{1,4})\s?\((?P<ags>[IVXL]{1,7}-[OE]/\d{2})\))"
    ))
    .unwrap()
});

/// A resolution of another body at the start of `text`: (byte length, symbol as that body
/// writes it).
pub fn other_body_resolution_at(text: &str) -> Option<(usize, String)> {
    let c = OTHER_BODY.captures(text)?;
    let group = |name: &str| c.name(name).map(|m| m.as_str());
    let symbol = if let (Some(s), Some(n)) = (group("gc"), group("gcn")) {
        format!("GC({s})/RES/{n}")
    } else if let (Some(n), Some(s)) = (group("cm"), group("cms")) {
        format!("CM/Res.{n} ({s})")
    } else {
        format!("AG/RES.{} ({})", group("ag")?, group("ags")?)
    };
    Some((c.get(0)?.end(), symbol))
}

/// A Security Council resolution number misread by OCR at the start of `text` (ASCII
/// digits): (byte length, canonical symbol).
pub fn ocr_council_resolution_at(text: &str) -> Option<(usize, String)> {
    let c = OCR_COUNCIL.captures_if_match(text)?;
    let n: u32 = c[1].parse().ok()?;
    Some((c.get(0)?.end(), format!("S/RES/{n} ({})", &c[2])))
}

/// A UN document symbol: series letters, then slash-separated parts with at least one digit.
static DOCUMENT_SYMBOL: LazyLock<PerThread> = LazyLock::new(|| {
    PerThread::new(concat!(
        r"(?:^|[^\w/.$])(?P<sym>(?:S\$|5|A|S|E|T|ST|DP|UNEP|FCCC|CCPR|CERD|CEDAW|CRC|CAT|TD|ECE|ICCD|CD|SPLOS|UNW|JIU|DPI|UNCTAD|NPT|BWC|CCW|APLC)",
        // OCR may set a space after the slash of a part ("S/7930/ Add.64").
        r"(?:/(?:\s?Add\.[\dlI]{1,4}|\s?Corr\.[\dlI]{1,3}|\s?Rev\.[\dlI]{1,3}|Amend\.\d{1,3}|L\.\d{1,4}|ES-\d{1,2}|S-\d{1,2}|[A-Z]{1,6}\.\d{1,4}(?:\.\d{1,4})?|[A-Z]{1,6}|\d{1,5}(?:\.\d+)?))+)",
        // A Security Council resolution symbol carries its year; a report, its part or volume.
        r"(?P<year>\s?\(\d{4}\))?",
        // The Economic and Social Council's old series, its session in Roman numerals.
        r"(?P<session>\s?\([IVXL]{1,7}\))?",
        r"(?P<volume>\s?\((?:Parts?|Vol\.)\s[IVX]{1,4}(?:(?:,\s|\sand\s)[IVX]{1,4})*\))?"
    ))
    .unwrap()
});

static FIVE_FOR_S: LazyLock<PerThread> =
    LazyLock::new(|| PerThread::new(r"^5/(?:19|20)\d\d/\d").unwrap());

/// What reads "and Add.1", ", Corr.1" as a part of the symbol just before, for a language whose
/// lists are joined by `joiner` (a regular expression: "and", "et", "و" …), with a footnote
/// call between them ("S/7930/Add.64 [22] et Add.65").
pub fn part_after(joiner: &str) -> Result<Pattern, regex::Error> {
    Pattern::new(&format!(
        r"^\s*(?:\[\^?\d{{1,3}}\]\s*)?(?:,|{joiner})\s*(?P<part>(?:Add|Corr|Rev)\.[\dlI]{{1,4}})\b"
    ))
}

/// A document symbol found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundSymbol {
    pub range: Range<usize>,
    pub symbol: String,
}

/// Every document symbol in `text`, with "S/25150 and Add.1" giving two (`part_after`, from
/// [`part_after`], reads the parts) and OCR slips in the series letter ("S$/25492",
/// "(5/2002/1005)") read as what they stand for.
pub fn document_symbols(text: &str, part_after: &Pattern) -> Vec<FoundSymbol> {
    let mut found = Vec::new();
    for c in DOCUMENT_SYMBOL.captures_iter(text) {
        let m = c.name("sym").unwrap();
        let printed = m.as_str().trim_end_matches(['.', '/']);
        let mut end = m.start() + printed.len();
        let mut symbol = ocr_part_numbers(&printed.replacen("S$/", "S/", 1).replace("/ ", "/"));
        if let Some(year) = c.name("year").filter(|_| symbol.starts_with("S/RES/")) {
            symbol = format!("{symbol} {}", year.as_str().trim());
            end = year.end();
        } else if let Some(session) = c.name("session").filter(|_| symbol.starts_with("E/RES/")) {
            // "E/RES/1970/1474(XLVIII)": the year the old series did not print goes.
            let number = symbol.rsplit('/').next().unwrap_or_default();
            symbol = format!("E/RES/{number} {}", session.as_str().trim());
            end = session.end();
        } else if let Some(volume) = c.name("volume").filter(|_| c.name("year").is_none()) {
            symbol = format!("{symbol} {}", volume.as_str().trim());
            end = volume.end();
        }
        // An OCR letter inside the number ("S/26G26") makes the rest of the token.
        let tail: String = text[end..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !tail.is_empty() {
            match repair_digits(&tail) {
                Some(digits) if symbol.ends_with(|c: char| c.is_ascii_digit()) => {
                    symbol.push_str(&digits);
                    end += tail.len();
                }
                _ => continue,
            }
        }
        if symbol.starts_with("5/") {
            // "5/2002/1005" is an OCR slip for S/2002/1005; other "5/…" are not symbols.
            if !FIVE_FOR_S.is_match(&symbol) {
                continue;
            }
            symbol.replace_range(0..1, "S");
        }
        // A joint symbol "A/67/828-S/2013/210" is matched as two.
        if !symbol.chars().any(|ch| ch.is_ascii_digit()) || !symbol.contains('/') {
            continue;
        }
        found.push(FoundSymbol {
            range: m.start()..end,
            symbol: symbol.clone(),
        });
        let base = strip_parts(&symbol).to_string();
        let mut at = end;
        while let Some(a) = part_after.captures(&text[at..]) {
            let part = a.name("part").unwrap();
            symbol = format!("{base}/{}", ocr_part_numbers(part.as_str()));
            found.push(FoundSymbol {
                range: at + part.start()..at + part.end(),
                symbol: symbol.clone(),
            });
            at += a.get(0).unwrap().end();
        }
    }
    found
}

/// "Add.l" → "Add.1": OCR reads the digit 1 of an addendum, corrigendum or revision as a
/// letter.
fn ocr_part_numbers(symbol: &str) -> String {
    static PART: LazyLock<PerThread> =
        LazyLock::new(|| PerThread::new(r"(Add|Corr|Rev)\.([\dlI]+)").unwrap());
    PART.replace_all(symbol, |c: &regex::Captures| {
        format!("{}.{}", &c[1], c[2].replace(['l', 'I'], "1"))
    })
    .into_owned()
}

fn strip_parts(symbol: &str) -> &str {
    let mut s = symbol;
    loop {
        match s.rfind('/') {
            Some(i)
                if ["Add.", "Corr.", "Rev."]
                    .iter()
                    .any(|p| s[i + 1..].starts_with(p)) =>
            {
                s = &s[..i]
            }
            _ => return s,
        }
    }
}

/// Letters that OCR puts for digits ("26G26" → "26026"), or None when the token is a word.
fn repair_digits(tail: &str) -> Option<String> {
    let repaired: String = tail
        .chars()
        .map(|c| match c {
            'O' | 'o' | 'D' | 'G' => '0',
            'l' | 'I' => '1',
            'S' => '5',
            'B' => '8',
            c => c,
        })
        .collect();
    (repaired.chars().all(|c| c.is_ascii_digit()) && tail.chars().any(|c| c.is_ascii_digit()))
        .then_some(repaired)
}

static USER_SC: LazyLock<PerThread> =
    LazyLock::new(|| PerThread::new(r"^S/RES/(\d{1,4})\((\d{4})\)$").unwrap());
static USER_OLD_GA: LazyLock<PerThread> = LazyLock::new(|| {
    PerThread::new(r"^A/RES/(\d{1,4})([A-Z])?\(((?:ES-|S-)?[IVXL]{1,7})\)$").unwrap()
});
static USER_GA: LazyLock<PerThread> = LazyLock::new(|| {
    PerThread::new(r"^(A/RES/(?:ES-|S-)?\d{1,2}/\d{1,4}|A/HRC/RES/\d{1,2}/\d{1,4})([A-Z]{1,2})?$")
        .unwrap()
});

/// The canonical form of a symbol as a user types it: any case, with or without spaces
/// ("s/res/687(1991)" → "S/RES/687 (1991)", "a/res/48/13c" → "A/RES/48/13 C"). A symbol of
/// another shape comes back upper-cased without white space.
pub fn canonical(typed: &str) -> String {
    let key = compare_key(typed);
    if let Some(c) = USER_SC.captures(&key) {
        return format!("S/RES/{} ({})", &c[1], &c[2]);
    }
    if let Some(c) = USER_OLD_GA.captures(&key) {
        let part = c
            .get(2)
            .map(|p| format!(" {}", p.as_str()))
            .unwrap_or_default();
        return format!("A/RES/{}{part} ({})", &c[1], &c[3]);
    }
    if let Some(c) = USER_GA.captures(&key) {
        let part = c
            .get(2)
            .map(|p| format!(" {}", p.as_str()))
            .unwrap_or_default();
        return format!("{}{part}", &c[1]);
    }
    key
}

/// The resolution symbol a file is named by, as UN downloads and collections name them
/// ("A_RES_ES-10_22.txt", "S_RES_538_1983.txt", "A_RES_79_47-EN.pdf", "S_RES_687(1991).pdf"):
/// "_" for "/", perhaps a language code after "-".
pub fn from_file_name(name: &str) -> Option<String> {
    static COUNCIL_FILE: LazyLock<PerThread> =
        LazyLock::new(|| PerThread::new(r"^S/RES/(\d{1,4})/(\d{4})$").unwrap());
    let stem = name.split('.').next()?;
    let stem = match stem.rsplit_once('-') {
        Some((symbol, lang))
            if lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_alphabetic()) =>
        {
            symbol
        }
        _ => stem,
    };
    let typed = compare_key(&stem.replace('_', "/"));
    let typed = COUNCIL_FILE.replace(&typed, "S/RES/$1($2)");
    [&USER_SC, &USER_OLD_GA, &USER_GA]
        .iter()
        .any(|r| r.is_match(&typed))
        .then(|| canonical(&typed))
}

/// Canonical form for comparing symbols: no white space, upper case.
/// The symbol of the whole resolution a part belongs to: "E/RES/730 H (XXVIII)" →
/// "E/RES/730 (XXVIII)", "A/RES/37/86 B" → "A/RES/37/86"; none for a symbol without a part.
pub fn without_part(symbol: &str) -> Option<String> {
    static PART: LazyLock<PerThread> =
        LazyLock::new(|| PerThread::new(r"^(?P<whole>.*\d) [A-Z](?P<session> \(.+\))?$").unwrap());
    let c = PART.captures(symbol)?;
    Some(format!(
        "{}{}",
        &c["whole"],
        c.name("session").map_or("", |m| m.as_str())
    ))
}

pub fn compare_key(symbol: &str) -> String {
    symbol
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_named_by_its_symbol_gives_it() {
        for (name, symbol) in [
            ("A_RES_ES-10_22.txt", "A/RES/ES-10/22"),
            ("S_RES_538_1983.txt", "S/RES/538 (1983)"),
            ("S_RES_687(1991).pdf", "S/RES/687 (1991)"),
            ("A_RES_79_47-EN.pdf", "A/RES/79/47"),
            ("a_res_48_13c.docx", "A/RES/48/13 C"),
            ("A_HRC_RES_5_2.html", "A/HRC/RES/5/2"),
        ] {
            assert_eq!(from_file_name(name).as_deref(), Some(symbol), "{name}");
        }
        for name in ["notes.txt", "N2339458.pdf", "S_2023_77.txt", "A_79_L_2.txt"] {
            assert_eq!(from_file_name(name), None, "{name}");
        }
    }

    #[test]
    fn a_part_belongs_to_its_whole_resolution() {
        assert_eq!(
            without_part("E/RES/730 H (XXVIII)").as_deref(),
            Some("E/RES/730 (XXVIII)")
        );
        assert_eq!(
            without_part("A/RES/37/86 B").as_deref(),
            Some("A/RES/37/86")
        );
        assert_eq!(without_part("A/RES/1514 (XV)"), None);
        assert_eq!(without_part("S/RES/687 (1991)"), None);
    }

    /// The shape and parts of a number, as "shape number part year session roman special".
    fn read(text: &str) -> Option<String> {
        let (_, n) = read_number(text, &[], &Numerals::default())?;
        let fields = [
            n.shape.name(),
            &n.number,
            n.part.as_deref().unwrap_or("-"),
            &n.year,
            &n.session,
            &n.roman,
            &n.special,
        ];
        Some(
            fields
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        )
    }

    #[test]
    fn resolution_numbers_in_parts() {
        assert_eq!(read("660 (1990) of").unwrap(), "yearParen 660 - 1990");
        assert_eq!(read("186(1964)").unwrap(), "yearParen 186 - 1964");
        assert_eq!(read("358 ( 1974)").unwrap(), "yearParen 358 - 1974");
        assert_eq!(read("1514 (XV)").unwrap(), "romanSession 1514 - XV");
        assert_eq!(read("217A (III)").unwrap(), "romanSession 217 A III");
        assert_eq!(read("186 (S-2)").unwrap(), "romanSession 186 - S-2");
        assert_eq!(read("2253 (ES‑V)").unwrap(), "romanSession 2253 - ES-V");
        assert_eq!(read("2453 A (XXIII)").unwrap(), "romanSession 2453 A XXIII");
        assert_eq!(read("170 (11)").unwrap(), "romanSession 170 - II");
        assert_eq!(read("1199 (1 998)").unwrap(), "yearParen 1199 - 1998");
        assert_eq!(read("1904 (XV111)").unwrap(), "romanSession 1904 - XVIII");
        assert_eq!(read("1139 (XLl)").unwrap(), "romanSession 1139 - XLI");
        assert_eq!(read("626 C III(XXII)").unwrap(), "romanSession 626 C XXII");
        assert_eq!(read("WHA 18.47").unwrap(), "decimal 47 - 18");
        assert_eq!(read("67/39 of").unwrap(), "sessionNumber 39 - 67");
        assert_eq!(read("48/13 C,").unwrap(), "sessionNumber 13 C 48");
        assert_eq!(read("53/77 AA").unwrap(), "sessionNumber 77 AA 53");
        assert_eq!(read("53/77 In").unwrap(), "sessionNumber 77 - 53");
        assert_eq!(read("33/28A至C").unwrap(), "sessionNumber 28 A 33");
        assert_eq!(read("ES-10/22").unwrap(), "specialSession 22 - 10 ES");
        assert_eq!(read("S - 9/1 of").unwrap(), "specialSession 1 - 9 S");
        assert_eq!(read("1987/33").unwrap(), "yearNumber 33 - 1987");
        assert_eq!(
            read("1969/1399(XLVI).").unwrap(),
            "romanSession 1399 - XLVI"
        );
        assert_eq!(read("1957/667(XXIV)E.").unwrap(), "romanSession 667 E XXIV");
        assert_eq!(read("WHA69.2").unwrap(), "decimal 2 - 69");
        assert_eq!(read("2015/10/Add.1"), None);
        assert_eq!(read("67/390").unwrap(), "sessionNumber 390 - 67");
        assert_eq!(read("675/39"), None);
        assert_eq!(
            other_body_resolution_at("GC(XXXIV)/RES/530 and").unwrap().1,
            "GC(XXXIV)/RES/530"
        );
        assert_eq!(
            other_body_resolution_at("CM/Res.1153 (XLVIII) of 1988")
                .unwrap()
                .1,
            "CM/Res.1153 (XLVIII)"
        );
        assert_eq!(
            other_body_resolution_at("AG/RES.1733 (XXX-O/00) of")
                .unwrap()
                .1,
            "AG/RES.1733 (XXX-O/00)"
        );
        assert_eq!(
            ocr_council_resolution_at("660 1990) of").unwrap().1,
            "S/RES/660 (1990)"
        );
        assert_eq!(roman_value("XV"), Some(15));
        assert_eq!(roman_value("XXXIX"), Some(39));
        assert_eq!(roman_value("ES-V"), None);
    }

    #[test]
    fn symbols_as_users_type_them() {
        assert_eq!(canonical("s/res/687(1991)"), "S/RES/687 (1991)");
        assert_eq!(canonical(" S/RES/687  (1991) "), "S/RES/687 (1991)");
        assert_eq!(canonical("a/res/1514(xv)"), "A/RES/1514 (XV)");
        assert_eq!(canonical("A/RES/2253(ES-V)"), "A/RES/2253 (ES-V)");
        assert_eq!(canonical("a/res/48/13c"), "A/RES/48/13 C");
        assert_eq!(canonical("A/RES/79/47"), "A/RES/79/47");
        assert_eq!(canonical("a/hrc/res/52/1"), "A/HRC/RES/52/1");
        assert_eq!(canonical("s/2002/1005"), "S/2002/1005");
    }

    #[test]
    fn document_symbols_with_parts_and_ocr_slips() {
        let symbols = |text: &str, joiner: &str| -> Vec<String> {
            document_symbols(text, &part_after(joiner).unwrap())
                .into_iter()
                .map(|f| f.symbol)
                .collect()
        };
        assert_eq!(
            symbols(
                "documents S/21274 and Add.1; (A/79/408, para. 114) A/CONF.229/2017/8.",
                "and"
            ),
            ["S/21274", "S/21274/Add.1", "A/79/408", "A/CONF.229/2017/8"]
        );
        assert_eq!(
            symbols("letter S$/25492 and report (5/2002/1005)", "and"),
            ["S/25492", "S/2002/1005"]
        );
        assert_eq!(
            symbols("documents S/7930/Add.l and Add.2, S/25704/Add.l", "and"),
            ["S/7930/Add.1", "S/7930/Add.2", "S/25704/Add.1"]
        );
        assert_eq!(
            symbols(
                "(NPT/CONF.2000/28 (Parts I and II)) and A/80/130 (Part I).",
                "and"
            ),
            ["NPT/CONF.2000/28 (Parts I and II)", "A/80/130 (Part I)"]
        );
        assert_eq!(
            symbols("documents S/7930/ Add.64 [22] et Add.65 [22],", "et"),
            ["S/7930/Add.64", "S/7930/Add.65"]
        );
        assert_eq!(
            symbols("A/67/828-S/2013/210", "and"),
            ["A/67/828", "S/2013/210"]
        );
        // Arabic joins "and" to the next word; Chinese lists with 和 or 、.
        assert_eq!(
            symbols("الوثيقتين S/25704 وAdd.1", "،|,|و"),
            ["S/25704", "S/25704/Add.1"]
        );
        assert_eq!(
            symbols("S/25704和Add.1", "、|,|，|和|及"),
            ["S/25704", "S/25704/Add.1"]
        );
    }
}
