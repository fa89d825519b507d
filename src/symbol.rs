//! The UN symbol grammar: canonical resolution symbols from the shapes a text writes them in,
//! and the symbols of other documents (reports, letters, drafts, conference documents).

use regex::Regex;
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
        } else if s.starts_with("E/") {
            Some(Organ::EconomicAndSocialCouncil)
        } else if s.starts_with("WHA") {
            Some(Organ::WorldHealthAssembly)
        } else {
            None
        }
    }
}

/// One resolution number as written after "resolution(s)" or inside 第…号.
pub static RESOLUTION_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:",
        // 660 (1990), 186(1964)
        r"(?P<sc>\d{1,4})\s*\(\s?(?P<year>(?:19|20)\d\d)\s?\)",
        r"|",
        // 1514 (XV), 2453 A (XXIII), 2253 (ES-V), 2253 (ES‑V)
        r"(?P<old>\d{1,4})(?:\s?(?P<oldpart>[A-H]))?\s*\(\s?(?P<roman>(?:ES|S)?[-‑–]?[IVXL]{1,7}|(?:ES|S)[-‑–]\d{1,2})\s?\)",
        r"|",
        // Arabic writes the session in digits: 1514 (د-15), 2253 (دإ-5).
        r"(?P<arold>\d{1,4})\s*\((?P<arpre>دإ|د\s?إ|د)\s*[-‑–]\s*(?P<arsession>\d{1,2})\)",
        r"|",
        // 67/39, 48/13 C, ES-10/22, S-10/2, 2023/1
        r"(?P<pre>(?:ES|S)[-‑–])?(?P<session>\d{1,4})/(?P<number>\d{1,4})(?:\s+(?P<part>AA|BB|CC|DD|EE|FF|GG|HH|II|JJ|KK|LL|MM|NN|OO|PP|QQ|RR|SS|TT|UU|VV|WW|XX|YY|ZZ|[A-Z])\b)?",
        r"|",
        // World Health Assembly 69.2, WHA69.2
        r"(?:WHA)?(?P<wha>[1-9]\d)\.(?P<whanum>\d{1,2})",
        r")"
    ))
    .unwrap()
});

/// What the words before a resolution number say about its organ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// "its resolution", "resolution" alone: the document's own organ, or the shape's.
    Own,
    Named(Organ),
}

/// Reads one resolution number at the start of `text`: (byte length, canonical symbol).
pub fn resolution_at(
    text: &str,
    qualifier: Qualifier,
    own: Option<Organ>,
) -> Option<(usize, String)> {
    let c = RESOLUTION_NUMBER.captures(text)?;
    let len = c.get(0)?.end();
    // "2015/10/Add.1" or "67/390" read short are not resolution numbers.
    if text[len..].starts_with(|ch: char| ch.is_ascii_digit() || ch == '/') {
        return None;
    }
    let named = match qualifier {
        Qualifier::Named(o) => Some(o),
        Qualifier::Own => None,
    };
    if let (Some(n), Some(year)) = (c.name("sc"), c.name("year")) {
        // Only the Security Council numbers its resolutions with the year.
        if named.is_some_and(|o| o != Organ::SecurityCouncil) {
            return None;
        }
        let n: u32 = n.as_str().parse().ok()?;
        return Some((len, format!("S/RES/{n} ({})", year.as_str())));
    }
    if let (Some(n), Some(roman)) = (c.name("old"), c.name("roman")) {
        // The Economic and Social Council numbered its resolutions the same way until 1977
        // ("its resolution 1091 (XXXIX)" in one of its own texts).
        let council = named
            .or(own)
            .filter(|o| *o == Organ::EconomicAndSocialCouncil);
        if named.is_some_and(|o| o != Organ::GeneralAssembly) && council.is_none() {
            return None;
        }
        let series = if council.is_some() { "E" } else { "A" };
        let roman = roman.as_str().replace(['‑', '–'], "-");
        let roman = match roman.strip_prefix("ES").or_else(|| roman.strip_prefix('S')) {
            Some(rest) => format!(
                "{}-{}",
                &roman[..roman.len() - rest.len()],
                rest.trim_start_matches('-')
            ),
            None => roman,
        };
        let part = c
            .name("oldpart")
            .map(|p| format!(" {}", p.as_str()))
            .unwrap_or_default();
        return Some((len, format!("{series}/RES/{}{part} ({roman})", n.as_str())));
    }
    if let (Some(n), Some(pre), Some(session)) =
        (c.name("arold"), c.name("arpre"), c.name("arsession"))
    {
        if named.is_some_and(|o| o != Organ::GeneralAssembly) {
            return None;
        }
        let emergency = if pre.as_str() == "د" { "" } else { "ES-" };
        let roman = roman_numeral(session.as_str().parse().ok()?);
        return Some((len, format!("A/RES/{} ({emergency}{roman})", n.as_str())));
    }
    if let (Some(session), Some(number)) = (c.name("session"), c.name("number")) {
        let part = c
            .name("part")
            .map(|p| format!(" {}", p.as_str()))
            .unwrap_or_default();
        let prefix = c
            .name("pre")
            .map(|p| format!("{}-", p.as_str().trim_end_matches(['-', '‑', '–'])))
            .unwrap_or_default();
        let organ = named
            .or(own.filter(|o| {
                matches!(
                    o,
                    Organ::HumanRightsCouncil | Organ::EconomicAndSocialCouncil
                )
            }))
            .unwrap_or(Organ::GeneralAssembly);
        let symbol = match organ {
            Organ::HumanRightsCouncil => {
                format!("A/HRC/RES/{}/{}", session.as_str(), number.as_str())
            }
            Organ::EconomicAndSocialCouncil => {
                format!("E/RES/{}/{}", session.as_str(), number.as_str())
            }
            Organ::GeneralAssembly if session.as_str().len() <= 2 => {
                format!(
                    "A/RES/{prefix}{}/{}{part}",
                    session.as_str(),
                    number.as_str()
                )
            }
            _ => return None,
        };
        return Some((len, symbol));
    }
    if let (Some(s), Some(n)) = (c.name("wha"), c.name("whanum"))
        && (named == Some(Organ::WorldHealthAssembly) || text.starts_with("WHA"))
    {
        return Some((len, format!("WHA{}.{}", s.as_str(), n.as_str())));
    }
    None
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
fn roman_numeral(n: u32) -> String {
    const TENS: [&str; 10] = ["", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"];
    const UNITS: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    format!(
        "{}{}",
        TENS[(n / 10 % 10) as usize],
        UNITS[(n % 10) as usize]
    )
}

/// "660 1990)": a Security Council number whose opening parenthesis OCR lost.
static OCR_COUNCIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,4})\s((?:19|20)\d\d)\)").unwrap());

/// Resolutions of bodies outside the UN's own symbol series that UN texts cite in their own
/// symbol form: the IAEA General Conference ("GC(69)/RES/15", "GC(XXXIV)/RES/530") and the
/// OAU Council of Ministers ("CM/Res.1153 (XLVIII)").
static OTHER_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:GC\s?\(\s?(?P<gc>\d{1,2}|[IVXL]{1,7})\s?\)\s?/\s?RES\s?/\s?(?P<gcn>\d{1,4})",
        r"|CM\s?/\s?Res\.\s?(?P<cm>\d{1,4})\s?\((?P<cms>[IVXL]{1,7})\))"
    ))
    .unwrap()
});

/// A resolution of another body at the start of `text`: (byte length, symbol as that body
/// writes it).
pub fn other_body_resolution_at(text: &str) -> Option<(usize, String)> {
    let c = OTHER_BODY.captures(text)?;
    let symbol = match (c.name("gc"), c.name("gcn"), c.name("cm"), c.name("cms")) {
        (Some(s), Some(n), _, _) => format!("GC({})/RES/{}", s.as_str(), n.as_str()),
        (_, _, Some(n), Some(s)) => format!("CM/Res.{} ({})", n.as_str(), s.as_str()),
        _ => return None,
    };
    Some((c.get(0)?.end(), symbol))
}

/// A Security Council resolution number misread by OCR at the start of `text` (ASCII
/// digits): (byte length, canonical symbol).
pub fn ocr_council_resolution_at(text: &str) -> Option<(usize, String)> {
    let c = OCR_COUNCIL.captures(text)?;
    let n: u32 = c[1].parse().ok()?;
    Some((c.get(0)?.end(), format!("S/RES/{n} ({})", &c[2])))
}

/// A UN document symbol: series letters, then slash-separated parts with at least one digit.
static DOCUMENT_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:^|[^\w/.$])(?P<sym>(?:S\$|5|A|S|E|T|ST|DP|UNEP|FCCC|CCPR|CERD|CEDAW|CRC|CAT|TD|ECE|ICCD|CD|SPLOS|UNW|JIU|DPI|UNCTAD|NPT|BWC|CCW|APLC)",
        // OCR may set a space after the slash of a part ("S/7930/ Add.64").
        r"(?:/(?:\s?Add\.[\dlI]{1,4}|\s?Corr\.[\dlI]{1,3}|\s?Rev\.[\dlI]{1,3}|Amend\.\d{1,3}|L\.\d{1,4}|ES-\d{1,2}|S-\d{1,2}|[A-Z]{1,6}\.\d{1,4}(?:\.\d{1,4})?|[A-Z]{1,6}|\d{1,5}(?:\.\d+)?))+)",
        // A Security Council resolution symbol carries its year; a report, its part or volume.
        r"(?P<year>\s?\(\d{4}\))?",
        r"(?P<volume>\s?\((?:Parts?|Vol\.)\s[IVX]{1,4}(?:(?:,\s|\sand\s)[IVX]{1,4})*\))?"
    ))
    .unwrap()
});

static FIVE_FOR_S: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^5/(?:19|20)\d\d/\d").unwrap());

/// What reads "and Add.1", ", Corr.1" as a part of the symbol just before, for a language whose
/// lists are joined by `joiner` (a regular expression: "and", "et", "و" …), with a footnote
/// call between them ("S/7930/Add.64 [22] et Add.65").
pub fn part_after(joiner: &str) -> Result<Regex, regex::Error> {
    Regex::new(&format!(
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
pub fn document_symbols(text: &str, part_after: &Regex) -> Vec<FoundSymbol> {
    let mut found = Vec::new();
    for c in DOCUMENT_SYMBOL.captures_iter(text) {
        let m = c.name("sym").unwrap();
        let printed = m.as_str().trim_end_matches(['.', '/']);
        let mut end = m.start() + printed.len();
        let mut symbol = ocr_part_numbers(&printed.replacen("S$/", "S/", 1).replace("/ ", "/"));
        if let Some(year) = c.name("year").filter(|_| symbol.starts_with("S/RES/")) {
            symbol = format!("{symbol} {}", year.as_str().trim());
            end = year.end();
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
    static PART: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(Add|Corr|Rev)\.([\dlI]+)").unwrap());
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

static USER_SC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^S/RES/(\d{1,4})\((\d{4})\)$").unwrap());
static USER_OLD_GA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^A/RES/(\d{1,4})([A-Z])?\(((?:ES-|S-)?[IVXL]{1,7})\)$").unwrap());
static USER_GA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(A/RES/(?:ES-|S-)?\d{1,2}/\d{1,4}|A/HRC/RES/\d{1,2}/\d{1,4})([A-Z]{1,2})?$")
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

/// Canonical form for comparing symbols: no white space, upper case.
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

    fn read(text: &str, q: Qualifier, own: Option<Organ>) -> Option<String> {
        resolution_at(text, q, own).map(|(_, s)| s)
    }

    #[test]
    fn canonical_resolution_symbols() {
        let own = Qualifier::Own;
        assert_eq!(
            read("660 (1990) of", own, None).unwrap(),
            "S/RES/660 (1990)"
        );
        assert_eq!(read("186(1964)", own, None).unwrap(), "S/RES/186 (1964)");
        assert_eq!(read("1514 (XV)", own, None).unwrap(), "A/RES/1514 (XV)");
        assert_eq!(read("217A (III)", own, None).unwrap(), "A/RES/217 A (III)");
        assert_eq!(read("186 (S-2)", own, None).unwrap(), "A/RES/186 (S-2)");
        assert_eq!(read("1514 (د-15)", own, None).unwrap(), "A/RES/1514 (XV)");
        assert_eq!(read("2253 (دإ-5)", own, None).unwrap(), "A/RES/2253 (ES-V)");
        assert_eq!(read("358 ( 1974)", own, None).unwrap(), "S/RES/358 (1974)");
        assert_eq!(
            read("2453 A (XXIII)", own, None).unwrap(),
            "A/RES/2453 A (XXIII)"
        );
        assert_eq!(read("2253 (ES-V)", own, None).unwrap(), "A/RES/2253 (ES-V)");
        assert_eq!(read("67/39 of", own, None).unwrap(), "A/RES/67/39");
        assert_eq!(read("48/13 C,", own, None).unwrap(), "A/RES/48/13 C");
        assert_eq!(read("48/75 J;", own, None).unwrap(), "A/RES/48/75 J");
        assert_eq!(read("53/77 AA", own, None).unwrap(), "A/RES/53/77 AA");
        assert_eq!(read("53/77 In", own, None).unwrap(), "A/RES/53/77");
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
            ocr_council_resolution_at("660 1990) of").unwrap().1,
            "S/RES/660 (1990)"
        );
        assert_eq!(read("ES-10/22", own, None).unwrap(), "A/RES/ES-10/22");
        let hrc = Qualifier::Named(Organ::HumanRightsCouncil);
        assert_eq!(read("33/11", hrc, None).unwrap(), "A/HRC/RES/33/11");
        let wha = Qualifier::Named(Organ::WorldHealthAssembly);
        assert_eq!(read("69.2", wha, None).unwrap(), "WHA69.2");
        assert_eq!(read("69.2", own, None), None);
    }

    #[test]
    fn economic_and_social_council_series_and_roman_sessions() {
        let ecosoc = Some(Organ::EconomicAndSocialCouncil);
        assert_eq!(
            read("1091 (XXXIX)", Qualifier::Own, ecosoc).unwrap(),
            "E/RES/1091 (XXXIX)"
        );
        assert_eq!(
            read("2023/1", Qualifier::Own, ecosoc).unwrap(),
            "E/RES/2023/1"
        );
        // In a Council text, an Assembly resolution named as such stays the Assembly's.
        let ga = Qualifier::Named(Organ::GeneralAssembly);
        assert_eq!(read("1514 (XV)", ga, ecosoc).unwrap(), "A/RES/1514 (XV)");
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
