//! Adoption metadata from the masthead, the heading and the closing lines: symbol, organ,
//! adoption date, session, agenda item, meeting, committee report and title. The forms of each
//! language come from its [`Grammar`].

use super::dates::{DateReader, ascii_digits};
use crate::lang::grammar::Grammar;
use crate::record::Span;
use crate::symbol::Organ;
use crate::text::{Flat, Text};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Metadata found, each with the document span it came from.
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
    /// The document symbol a Security Council resolution was issued under, bracketed under
    /// its heading in the annual volumes before 1964 ("[S/902]").
    pub issued_as: Option<(String, Span)>,
}

static RES_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(A/HRC/RES/\d+/\d+|E/RES/\d{4}/\d+|A/RES/(?:(?:ES|S)-\d+/)?\d+/\d+(?: [A-H]\b)?|A/RES/\d+(?: [A-H])? ?\([IVXLES\-]+\)|S/RES/\d+ ?\(\d{4}\))").unwrap()
});
static DRAFT_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(A/(?:ES-\d+/|C\.\d/|HRC/)?(?:\d+/)?L\.\d+(?:/Rev\.\d+)?)\s*$").unwrap()
});
/// "[S/902]" under a Council heading.
static ISSUED_AS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\[\s*(S/\d{1,5}(?:/Rev\.\d)?)\s*\]\s*$").unwrap());
/// "1514 (XV). Title": the number line of the Assembly's resolutions before its 31st session.
static OLD_GA_NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{1,4})(?:\s?([A-H]))?\s*\(((?:ES-|S-)?[IVXL]{1,7})\)\s*\.\s*(\S.*)?$")
        .unwrap()
});
/// "79/47. Title" (Arabic: "79/47 - Title").
static GA_NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:((?:ES|S)-)?(\d{1,2})/(\d{1,4})(?:\s+([A-H]))?)\s*(?:[.．]|\s-)\s*(\S.*)?$")
        .unwrap()
});
/// The number line inside a line, after a space or a bracket, with the groups of
/// [`GA_NUMBER_LINE`].
static GA_NUMBER_INSIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\s\]](?:((?:ES|S)-)?(\d{1,2})/(\d{1,4})(?:\s+([A-H]))?)\s*(?:[.．]|\s-)\s")
        .unwrap()
});

/// The symbol of a General Assembly number line ("79/47.", "ES-11/1 A.") and the end of its
/// number in the line.
fn assembly_symbol(c: &regex::Captures) -> (String, usize) {
    let prefix = c.get(1).map_or("", |m| m.as_str());
    let part = c
        .get(4)
        .map(|p| format!(" {}", p.as_str()))
        .unwrap_or_default();
    let end = c.get(4).or(c.get(3)).map_or(0, |m| m.end());
    (format!("A/RES/{prefix}{}/{}{part}", &c[2], &c[3]), end)
}

/// Reads the metadata from the masthead lines (each flattened on its own), the whole
/// masthead flattened, and the closing lines flattened.
pub fn read(
    source: &Text,
    masthead_lines: &[Flat],
    masthead: &Flat,
    closing: &Flat,
    formula_organ: Option<Organ>,
    grammar: &Grammar,
    dates: &DateReader,
) -> Metadata {
    let mut meta = Metadata::default();
    let text = masthead.as_str();

    // Symbol: an explicit resolution symbol, the "79/47." line, the Council heading, a draft.
    if let Some(m) = RES_SYMBOL.find(text) {
        meta.symbol = Some((normalise_symbol(m.as_str()), masthead.span(m.range())));
    }
    let mut title_start: Option<(usize, usize)> = None;
    let mut council: Option<(String, Option<String>, Span)> = None;
    for (i, line) in masthead_lines.iter().enumerate() {
        let s = line.as_str().trim_start();
        let lead = line.as_str().len() - s.len();
        if let Some(c) = council.is_some().then(|| ISSUED_AS.captures(s)).flatten() {
            let m = c.get(1).unwrap();
            meta.issued_as = Some((
                c[1].to_string(),
                line.span(lead + m.start()..lead + m.end()),
            ));
        } else if let Some(c) = (formula_organ != Some(Organ::SecurityCouncil))
            .then(|| OLD_GA_NUMBER_LINE.captures(s))
            .flatten()
        {
            if meta.symbol.is_none() {
                let part = c
                    .get(2)
                    .map(|p| format!(" {}", p.as_str()))
                    .unwrap_or_default();
                let series = if formula_organ == Some(Organ::EconomicAndSocialCouncil) {
                    "E"
                } else {
                    "A"
                };
                let symbol = format!("{series}/RES/{}{part} ({})", &c[1], &c[3]);
                let end = c.get(3).unwrap().end() + 1;
                meta.symbol = Some((symbol, line.span(lead..lead + end)));
            }
            title_start = Some(match c.get(4) {
                Some(t) => (i, lead + t.start()),
                None => (i + 1, 0),
            });
        } else if let Some(c) = GA_NUMBER_LINE.captures(s) {
            if meta.symbol.is_none() {
                let (symbol, end) = assembly_symbol(&c);
                meta.symbol = Some((symbol, line.span(lead..lead + end)));
            }
            title_start = Some(match c.get(5) {
                Some(t) => (i, lead + t.start()),
                None => (i + 1, 0),
            });
        } else if meta.symbol.is_none() && council.is_none() {
            if let Some(c) = grammar.council_heading.iter().find_map(|r| r.captures(s)) {
                // The year may be missing ("Resolution 290") or garbled ("(197-4)"): then it
                // is read from the adoption date below.
                let year = c
                    .name("year")
                    .map(|y| {
                        y.as_str()
                            .chars()
                            .filter(char::is_ascii_digit)
                            .collect::<String>()
                    })
                    .filter(|y| y.len() == 4);
                let m = c.get(0).unwrap();
                council = Some((
                    ascii_digits(&c["number"]),
                    year,
                    line.span(lead + m.start()..lead + m.end()),
                ));
            } else if let Some(c) = DRAFT_SYMBOL.captures(s) {
                let m = c.get(1).unwrap();
                meta.symbol = Some((
                    c[1].to_string(),
                    line.span(lead + m.start()..lead + m.end()),
                ));
            }
        }
    }
    // A masthead run on in one line (web copies): the number line stands inside it.
    if meta.symbol.is_none()
        && masthead_lines.len() == 1
        && let Some(c) = GA_NUMBER_INSIDE.captures(text)
    {
        let (symbol, end) = assembly_symbol(&c);
        let start = c.get(1).or(c.get(2)).map_or(0, |m| m.start());
        meta.symbol = Some((symbol, masthead.span(start..end)));
    }

    // Title: the rest of the "79/47." line and the lines after it, up to the formula.
    if let Some((first, offset)) = title_start {
        let mut title = String::new();
        let mut span: Option<Span> = None;
        for (i, line) in masthead_lines.iter().enumerate().skip(first) {
            let from = if i == first { offset } else { 0 };
            let rest = &line.as_str()[from..];
            let piece = rest.trim();
            if piece.is_empty() {
                continue;
            }
            if !title.is_empty() {
                title.push(' ');
            }
            // The title as printed, not as matching reads it.
            let start = from + (rest.len() - rest.trim_start().len());
            title.push_str(&line.unfolded(source, start..start + piece.len()));
            let s = line.span(from..line.as_str().len());
            span = Some(span.map_or(s, |old| Span::new(old.start, s.end)));
        }
        if let Some(span) = span.filter(|_| !title.is_empty()) {
            meta.title = Some((title, span));
        }
    }

    // Adoption date: the date the masthead's adoption line introduces ("adopted by … on",
    // "… 大会决议"), the date under a Council heading, else the closing date.
    for d in dates.find_all(text) {
        let before = grammar
            .adopted_before
            .as_ref()
            .is_some_and(|r| r.is_match(crate::text::tail(&text[..d.range.start], 200)));
        let after = grammar
            .adopted_after
            .as_ref()
            .is_some_and(|r| r.is_match(&text[d.range.end..]));
        if before || after {
            meta.adopted = Some((d.iso, masthead.span(d.range)));
            break;
        }
    }
    if meta.adopted.is_none() {
        'lines: for line in masthead_lines {
            let s = line.as_str();
            // After "of" on its own line, or after the heading on the same line.
            let after_of = grammar.heading_date.as_ref().and_then(|r| r.find(s));
            let after_heading = grammar
                .council_heading
                .iter()
                .find_map(|r| r.find(s.trim_start()))
                .map(|h| {
                    let after = s.len() - s.trim_start().len() + h.end();
                    let rest = s[after..].trim_start_matches([' ', '.']);
                    let rest_at = s.len() - rest.len();
                    match grammar.heading_date.as_ref().and_then(|r| r.find(rest)) {
                        Some(of) => rest_at + of.end(),
                        None => rest_at,
                    }
                });
            for start in [after_of.map(|m| m.end()), after_heading]
                .into_iter()
                .flatten()
            {
                if let Some(d) = dates.at_start(&s[start..]) {
                    meta.adopted = Some((d.iso, line.span(shift(d.range, start))));
                    break 'lines;
                }
            }
        }
    }
    if meta.adopted.is_none()
        && let Some(d) = dates.find_all(closing.as_str()).into_iter().next()
    {
        meta.adopted = Some((d.iso, closing.span(d.range)));
    }

    if let Some((number, year, span)) = council.filter(|_| meta.symbol.is_none()) {
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
        let s = line.as_str().trim();
        let lead = line.as_str().len() - line.as_str().trim_start().len();
        if meta.session.is_none()
            && let Some(c) = grammar.session_line.as_ref().and_then(|r| r.captures(s))
            && c.name("special").is_none()
            && let Some(n) = grammar.ordinal(&c["ordinal"])
        {
            meta.session = Some((n, line.span(shift(c.get(0).unwrap().range(), lead))));
        }
        if meta.agenda_item.is_none()
            && let Some(c) = grammar.agenda_line.as_ref().and_then(|r| r.captures(s))
        {
            let item = c.name("item").unwrap();
            meta.agenda_item = Some((
                grammar.agenda_item(item.as_str()),
                line.span(shift(item.range(), lead)),
            ));
        }
    }

    // Meeting: the closing lines, else the masthead ("Adopted by the Security Council at its …").
    for source in [closing, masthead] {
        if meta.meeting.is_some() {
            break;
        }
        if let Some(c) = grammar
            .meeting
            .as_ref()
            .and_then(|r| r.captures(source.as_str()))
        {
            let m = c.name("n").or(c.name("m")).unwrap();
            // OCR reads the 1 of a meeting number as I, l or / ("2/34e séance").
            let number: String = ascii_digits(m.as_str())
                .chars()
                .filter(|ch| !ch.is_whitespace())
                .map(|ch| {
                    if matches!(ch, 'I' | 'l' | '/') {
                        '1'
                    } else {
                        ch
                    }
                })
                .collect();
            meta.meeting = Some((number, source.span(m.range())));
        }
    }

    if let Some(c) = grammar
        .committee_report
        .as_ref()
        .and_then(|r| r.captures(text))
    {
        let m = c.name("symbol").unwrap();
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
