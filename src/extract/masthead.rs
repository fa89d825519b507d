//! Adoption metadata from the masthead, the heading and the closing lines: symbol, organ,
//! adoption date, session, agenda item, meeting, committee report and title.

use super::dates::DateReader;
use super::symbols::Organ;
use crate::record::Span;
use crate::text::Flat;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Metadata found, each with the flat range it came from in its source (masthead or closing).
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub symbol: Option<(String, Span)>,
    pub organ: Option<Organ>,
    pub adopted: Option<(String, Span)>,
    pub session: Option<(u32, Span)>,
    pub agenda_item: Option<(String, Span)>,
    pub meeting: Option<(String, Span)>,
    pub committee_report: Option<(String, Span)>,
    pub title: Option<(String, Span)>,
}

static RES_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(A/HRC/RES/\d+/\d+|E/RES/\d{4}/\d+|A/RES/(?:(?:ES|S)-\d+/)?\d+/\d+(?: [A-H]\b)?|A/RES/\d+(?: [A-H])? ?\([IVXLES\-]+\)|S/RES/\d+ ?\(\d{4}\))").unwrap()
});
static DRAFT_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(A/(?:ES-\d+/|C\.\d/|HRC/)?(?:\d+/)?L\.\d+(?:/Rev\.\d+)?)\s*$").unwrap()
});
static GA_NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:((?:ES|S)-)?(\d{1,2})/(\d{1,4})(?:\s+([A-H]))?)\s*[.．]\s*(\S.*)?$")
        .unwrap()
});
static SC_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:(?:RESOLUTION|Resolution)\s+(\d{1,4})\s*(?:\(([\d\-]{4,5})\))?\s*$|(?:RESOLUTION|Resolution)\s+(\d{1,4})\s*\(([\d\-]{4,5})\)|(\d{1,4})\s*\((\d{4})\)\.?\s+Resolution\b)").unwrap()
});
static ADOPTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:resolution\s+)?adopted\s+by\s+the\s+[A-Za-z ]+?(?:\s+at\s+its\s+\S+\s+meeting,?)?\s+on\s+").unwrap()
});
static OF_DATE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:Resolution\s+)?[oe]f\s+").unwrap());
static SESSION_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*([A-Z][a-z]+(?:-[a-z]+)?)\s+(special\s+|emergency\s+special\s+)?session\b")
        .unwrap()
});
static SESSION_ZH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第([一二三四五六七八九十百零〇]+)届(特别|紧急特别)?会议").unwrap()
});
static AGENDA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:Agenda\s+items?|议程项目)\s*(\S.*?)\s*$").unwrap());
static MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(\d+)\s*(?:st|nd|rd|th)\s+plenary\s+meeting|at\s+(?:its|the)\s+([\dIl]{1,5})\s*(?:st|nd|rd|th)\s+meet-?\s*ing|第\s*(\d+)\s*次全体会议)").unwrap()
});
static COMMITTEE_REPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:on\s+the\s+report\s+of\s+the\s+[^(\[\]]+?|根据[^(（]+?的报告\s*)[(（]\s*(A/[\w./\-]+?)\s*[,，)）]").unwrap()
});
static ZH_ADOPTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:大会|安全理事会|安理会)").unwrap()
});

/// Reads the metadata from the masthead lines (each flattened on its own), the whole
/// masthead flattened, and the closing lines flattened.
pub fn read(
    masthead_lines: &[Flat],
    masthead: &Flat,
    closing: &Flat,
    formula_organ: Option<Organ>,
    dates: &DateReader,
) -> Metadata {
    let mut meta = Metadata::default();
    let text = masthead.as_str();

    // Symbol: an explicit resolution symbol, the "79/47." line, the Council heading, a draft.
    if let Some(m) = RES_SYMBOL.find(text) {
        meta.symbol = Some((normalise_symbol(m.as_str()), masthead.span(m.range())));
    }
    let mut title_start: Option<(usize, usize)> = None;
    let mut sc_number: Option<(String, Option<String>, Span)> = None;
    for (i, line) in masthead_lines.iter().enumerate() {
        let s = line.as_str();
        if let Some(c) = GA_NUMBER_LINE.captures(s) {
            if meta.symbol.is_none() {
                let prefix = c.get(1).map_or("", |m| m.as_str());
                let part = c
                    .get(4)
                    .map(|p| format!(" {}", p.as_str()))
                    .unwrap_or_default();
                let symbol = format!("A/RES/{prefix}{}/{}{part}", &c[2], &c[3]);
                let end = c.get(4).or(c.get(3)).unwrap().end();
                meta.symbol = Some((symbol, line.span(0..end)));
            }
            if let Some(t) = c.get(5) {
                title_start = Some((i, t.start()));
            } else {
                title_start = Some((i + 1, 0));
            }
        } else if let Some(c) = SC_HEADING.captures(s)
            && meta.symbol.is_none()
            && sc_number.is_none()
        {
            // The year may be missing ("Resolution 290") or garbled ("(197-4)"): then it is
            // read from the adoption date below.
            let (n, y) = [(1, 2), (3, 4), (5, 6)]
                .into_iter()
                .find_map(|(n, y)| c.get(n).map(|n| (n, c.get(y))))
                .unwrap();
            let year: Option<String> = y
                .map(|y| y.as_str().chars().filter(char::is_ascii_digit).collect())
                .filter(|y: &String| y.len() == 4);
            sc_number = Some((
                n.as_str().to_string(),
                year,
                line.span(c.get(0).unwrap().range()),
            ));
        } else if let Some(c) = DRAFT_SYMBOL.captures(s)
            && meta.symbol.is_none()
        {
            meta.symbol = Some((c[1].to_string(), line.span(c.get(1).unwrap().range())));
        }
    }
    if meta.symbol.is_some() {
        sc_number = None;
    }

    // Title: the rest of the "79/47." line and the lines after it, up to the formula.
    if let Some((first, offset)) = title_start {
        let mut title = String::new();
        let mut span: Option<Span> = None;
        for (i, line) in masthead_lines.iter().enumerate().skip(first) {
            let from = if i == first { offset } else { 0 };
            let piece = line.as_str()[from..].trim();
            if piece.is_empty() {
                continue;
            }
            if !title.is_empty() {
                title.push(' ');
            }
            title.push_str(piece);
            let s = line.span(from..line.as_str().len());
            span = Some(span.map_or(s, |old| Span::new(old.start, s.end)));
        }
        if let Some(span) = span.filter(|_| !title.is_empty()) {
            meta.title = Some((title, span));
        }
    }

    // Adoption date: "adopted by … on DATE", "of DATE" under the heading, the closing date.
    if let Some(m) = ADOPTED_BY.find(text)
        && let Some(d) = dates.at_start(&text[m.end()..])
    {
        meta.adopted = Some((d.iso, masthead.span(shift(d.range, m.end()))));
    }
    if meta.adopted.is_none()
        && let Some(c) = ZH_ADOPTED.captures(text)
        && let Some(d) = dates.find_all(&c[1]).into_iter().next()
    {
        meta.adopted = Some((
            d.iso,
            masthead.span(shift(d.range, c.get(1).unwrap().start())),
        ));
    }
    if meta.adopted.is_none() {
        for line in masthead_lines {
            let s = line.as_str();
            let start = match (OF_DATE_LINE.find(s), SC_HEADING.find(s)) {
                (Some(m), _) => m.end(),
                (None, Some(m)) => match OF_DATE_LINE.find(&s[m.end()..]) {
                    Some(of) => m.end() + of.end(),
                    None => continue,
                },
                _ => continue,
            };
            if let Some(d) = dates.at_start(&s[start..]) {
                meta.adopted = Some((d.iso, line.span(shift(d.range, start))));
                break;
            }
        }
    }
    if meta.adopted.is_none()
        && let Some(d) = dates.find_all(closing.as_str()).into_iter().next()
    {
        meta.adopted = Some((d.iso, closing.span(d.range)));
    }

    if let Some((number, year, span)) = sc_number {
        // The adoption date's year wins over a heading year it contradicts (an OCR slip).
        let adopted_year = meta.adopted.as_ref().map(|(d, _)| d[..4].to_string());
        let year = match (year, adopted_year) {
            (Some(y), Some(a)) if y != a => Some(a),
            (y, a) => y.or(a),
        };
        if let Some(year) = year {
            meta.symbol = Some((format!("S/RES/{number} ({year})"), span));
        }
    }
    meta.organ = meta
        .symbol
        .as_ref()
        .and_then(|(s, _)| Organ::of_symbol(s))
        .or(formula_organ);

    // Session and agenda item: masthead lines.
    for line in masthead_lines {
        let s = line.as_str();
        if meta.session.is_none() {
            if let Some(c) = SESSION_EN.captures(s) {
                if c.get(2).is_none()
                    && let Some(n) = english_ordinal(&c[1])
                {
                    meta.session = Some((n, line.span(c.get(0).unwrap().range())));
                }
            } else if let Some(c) = SESSION_ZH.captures(s)
                && c.get(2).is_none()
                && let Some(n) = chinese_number(&c[1])
            {
                meta.session = Some((n, line.span(c.get(0).unwrap().range())));
            }
        }
        if meta.agenda_item.is_none()
            && let Some(c) = AGENDA.captures(s)
        {
            meta.agenda_item = Some((c[1].to_string(), line.span(c.get(1).unwrap().range())));
        }
    }

    // Meeting: the closing lines, else the masthead ("Adopted by the Security Council at its …").
    for source in [closing, masthead] {
        if meta.meeting.is_some() {
            break;
        }
        if let Some(c) = MEETING.captures(source.as_str()) {
            let m = c.get(1).or(c.get(2)).or(c.get(3)).unwrap();
            let number: String = m
                .as_str()
                .chars()
                .map(|ch| if ch == 'I' || ch == 'l' { '1' } else { ch })
                .collect();
            meta.meeting = Some((number, source.span(m.range())));
        }
    }

    if let Some(c) = COMMITTEE_REPORT.captures(text) {
        let m = c.get(1).unwrap();
        meta.committee_report = Some((
            m.as_str().trim_end_matches('.').to_string(),
            masthead.span(m.range()),
        ));
    }
    meta
}

fn shift(r: Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

/// "S/RES/687(1991)" → "S/RES/687 (1991)".
fn normalise_symbol(s: &str) -> String {
    match s.find('(') {
        Some(i) if !s[..i].ends_with(' ') => format!("{} {}", &s[..i], &s[i..]),
        _ => s.to_string(),
    }
}

/// "Seventy-ninth" → 79.
pub fn english_ordinal(word: &str) -> Option<u32> {
    const UNITS: [&str; 19] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [(&str, &str, u32); 8] = [
        ("twenty", "twentieth", 20),
        ("thirty", "thirtieth", 30),
        ("forty", "fortieth", 40),
        ("fifty", "fiftieth", 50),
        ("sixty", "sixtieth", 60),
        ("seventy", "seventieth", 70),
        ("eighty", "eightieth", 80),
        ("ninety", "ninetieth", 90),
    ];
    let w = word.to_lowercase();
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as u32 + 1);
    }
    for (tens, tenth, n) in TENS {
        if w == tenth {
            return Some(n);
        }
        if let Some(rest) = w.strip_prefix(tens).and_then(|r| r.strip_prefix('-')) {
            return UNITS[..9]
                .iter()
                .position(|u| *u == rest)
                .map(|i| n + i as u32 + 1);
        }
    }
    None
}

/// "七十九" → 79, "一百" → 100.
pub fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|d| d as u32)
    };
    let (mut total, mut current) = (0u32, 0u32);
    for c in s.chars() {
        match c {
            '十' => {
                total += current.max(1) * 10;
                current = 0;
            }
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            '〇' => current = 0,
            c => current = digit(c)?,
        }
    }
    Some(total + current).filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(english_ordinal("Seventy-ninth"), Some(79));
        assert_eq!(english_ordinal("Fortieth"), Some(40));
        assert_eq!(english_ordinal("First"), Some(1));
        assert_eq!(english_ordinal("Session"), None);
        assert_eq!(chinese_number("七十九"), Some(79));
        assert_eq!(chinese_number("十五"), Some(15));
        assert_eq!(chinese_number("一百零二"), Some(102));
    }
}
