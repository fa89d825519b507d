//! Adoption metadata from the masthead, the heading and the closing lines: symbol, organ,
//! adoption date, session, agenda item, meeting, committee report and title. Each stage reads
//! the forms of its language's [`Grammar`] (`ontology/grammar.ttl`) and the forms every
//! language prints ([`GENERIC_HEADINGS`]); a resolution number takes the series of the body the
//! heading or the enacting formula names (`ontology/symbols.ttl`).

use super::LanguageTools;
use super::dates::{DateReader, ascii_digits};
use crate::lang::grammar::Grammar;
use crate::lang::pattern::Pattern;
use crate::lang::pattern::PerThread;
use crate::lang::series::Qualifier;
use crate::record::Span;
use crate::symbol::{Organ, Shape, read_number, with_number};
use crate::text::{Flat, Text};
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
    /// its heading in the annual volumes before 1964 ("[S/902]", "〔S/296〕").
    pub issued_as: Option<(String, Span)>,
}

/// A resolution's own symbol printed whole in the masthead.
static RES_SYMBOL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"\b(A/HRC/RES/(?:S-)?\d+/\d+|E/RES/(?:\d{4}/)?\d+(?: ?\([IVXL]+\))?|A/RES/(?:(?:ES|S)-\d+/)?\d+/\d+(?: [A-H]\b)?|A/RES/\d+(?: [A-H])? ?\([IVXLES\-]+\)|S/RES/\d+ ?\(\d{4}\))").unwrap()
});
static DRAFT_SYMBOL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^\s*(A/(?:ES-\d+/|C\.\d/|HRC/)?(?:\d+/)?L\.\d+(?:/Rev\.\d+)?)\s*$").unwrap()
});
/// "[S/902]" under a Council heading.
static ISSUED_AS: LazyLock<PerThread> = LazyLock::new(|| {
    PerThread::new(r"^\s*[\[〔]\s*(S/\d{1,5}(?:/Rev\.\d)?)\s*[\]〕]\s*$").unwrap()
});

/// The headings every language prints, with the groups of the `unkg:headingForm`s of
/// grammar.ttl (NUMBER stands for a resolution number in any shape): the number line of the
/// Assembly, the Councils and the Commissions ("79/47. Title", "1987/33. Title",
/// "1663 (LII). Title", "28/1.Title", "دإ-9/1 - Title", "1 6 / 2 1 Title", "27/1" alone).
static GENERIC_HEADINGS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    [
        r"^(?P<number>NUMBER)\s*(?:[.．、]|\s[-–ـ]\s|\|)(?:\s*\|)?\s*(?P<title>[^\s|].*?)?[\s|]*$",
        r"^(?P<number>NUMBER)\s+(?P<title>\p{Lu}.*)$",
        r"^(?P<number>NUMBER)\s*$",
    ]
    .iter()
    .map(|p| Pattern::new(&with_number(p)).unwrap())
    .collect()
});

/// A line of a site's fields or a list: "Date: 2018 Apr", "- Andorra".
static FIELD_LINE: LazyLock<PerThread> =
    LazyLock::new(|| PerThread::new(r"^(?:[-–•]\s|\p{Lu}[\p{L} ]{1,30}:\s)").unwrap());

/// The distribution line, printed in Latin letters in every language ("Distr.: General").
static DISTRIBUTION: LazyLock<PerThread> =
    LazyLock::new(|| PerThread::new(r"^\s*Distr\b").unwrap());

/// A Council number line of the annual volumes: "50 (1948). ", "44 (1948) . ".
static COUNCIL_NUMBER_LINE: LazyLock<PerThread> =
    LazyLock::new(|| PerThread::new(r"^\s*\d{1,4}\s*\(\s*\d{4}\s*\)\s*\.\s*").unwrap());

/// The number line inside a masthead run on in one line (web copies): after a space or a
/// bracket, with a full stop or a dash after it.
static NUMBER_INSIDE: LazyLock<PerThread> = LazyLock::new(|| {
    PerThread::new(r"[\s\]](?P<number>(?:(?:ES|S)-)?\d{1,4}/\d{1,4}(?:\s+[A-H])?)\s*(?:[.．](?:\s|\p{Han})|\s-\s)")
        .unwrap()
});

/// What a heading says of the resolution's symbol.
enum Heading {
    Symbol(String),
    /// A Council number whose year may be missing or garbled ("Resolution 290", "(197-4)"):
    /// the adoption date gives it.
    Council(String, Option<String>),
}

/// Reads the metadata from the masthead lines (each flattened on its own), the whole
/// masthead flattened, and the closing lines flattened. `body` is the body the enacting formula
/// names (a gazetteer IRI), whose series a bare number in the heading belongs to.
pub fn read(
    source: &Text,
    masthead_lines: &[Flat],
    masthead: &Flat,
    closing: &Flat,
    body: Option<&str>,
    tools: &LanguageTools,
) -> Metadata {
    let mut meta = Metadata::default();
    let found = read_symbol(source, masthead_lines, masthead, body, tools, &mut meta);
    if let Some((line, offset)) = found.title_start {
        meta.title = read_title(source, &masthead_lines[line..], offset);
    }
    meta.adopted = read_adopted(masthead_lines, masthead, closing, tools).or_else(|| {
        // A date alone on a line under the heading (before it, a page may end another
        // resolution); one under "Distr." is the date of issue.
        let under = &masthead_lines[found.line.unwrap_or(0)..];
        under.iter().enumerate().find_map(|(i, line)| {
            let issued = i > 0 && DISTRIBUTION.is_match(under[i - 1].as_str());
            date_alone(line, &tools.dates).filter(|_| !issued)
        })
    });
    if let Some((Heading::Council(number, year), span)) = found.council
        && meta.symbol.is_none()
    {
        // The adoption date's year wins over a heading year it contradicts (an OCR slip).
        let adopted_year = meta.adopted.as_ref().map(|(d, _)| d[..4].to_string());
        let known_year = || {
            let council = Organ::SecurityCouncil.body_iri();
            let year = tools.series.year_of(council, number.parse().ok()?)?;
            Some(year.to_string())
        };
        let year = match (year, adopted_year) {
            (Some(y), Some(a)) if y != a => Some(a),
            (y, a) => y.or(a).or_else(known_year),
        };
        if let Some(year) = year {
            meta.symbol = Some((format!("S/RES/{number} ({year})"), span));
        }
    }
    meta.organ = meta
        .symbol
        .as_ref()
        .and_then(|(s, _)| Organ::of_symbol(s))
        .or(found.body.as_deref().and_then(Organ::of_body_iri))
        .or(body.and_then(Organ::of_body_iri));
    read_session_and_agenda(masthead_lines, &tools.grammar, &mut meta);
    meta.meeting = read_meeting(masthead, closing, &tools.grammar);
    meta.committee_report = read_committee_report(masthead, &tools.grammar);
    meta
}

/// What the heading lines gave besides the symbol.
#[derive(Default)]
struct HeadingFound {
    /// Where the title starts: (masthead line, byte offset in it).
    title_start: Option<(usize, usize)>,
    /// A Council number still waiting for its year.
    council: Option<(Heading, Span)>,
    /// The body a heading names ("Commission on Human Rights resolution 1995/38").
    body: Option<String>,
    /// The masthead line of the heading chosen.
    line: Option<usize>,
}

/// A heading found on a masthead line.
struct HeadingLine {
    heading: Heading,
    span: Span,
    /// Where the title starts, if the heading opens one.
    title_start: Option<(usize, usize)>,
    /// The body the heading names.
    body: Option<String>,
}

/// The symbol: printed whole, read from a heading line, or a draft's symbol. A number line
/// ("79/47. Title") is read before a heading in words ("قرار رقم 446", which a site's
/// introduction may also hold); the first number line gives the title.
fn read_symbol(
    source: &Text,
    lines: &[Flat],
    masthead: &Flat,
    body: Option<&str>,
    tools: &LanguageTools,
    meta: &mut Metadata,
) -> HeadingFound {
    if let Some(m) = RES_SYMBOL.find(masthead.as_str()) {
        meta.symbol = Some((normalise_symbol(m.as_str()), masthead.span(m.range())));
    }
    let (mut number_line, mut worded) = (None, None);
    for (i, line) in lines.iter().enumerate() {
        // A Markdown heading's marks ("## 215 (III). Title") are no part of it.
        let s = line
            .as_str()
            .trim_start()
            .trim_start_matches('#')
            .trim_start();
        let lead = line.as_str().len() - s.len();
        for (generic, slot) in [(true, &mut number_line), (false, &mut worded)] {
            // A heading that gives the year wins over one that does not (a page's title
            // "联合国安理会第2326号决议", then "第2326(2016)号决议" under it).
            let yearless = |h: &HeadingLine| matches!(h.heading, Heading::Council(_, None));
            if slot.as_ref().is_some_and(|(_, h)| !yearless(h)) {
                continue;
            }
            let Some(HeadingMatch {
                heading,
                number: range,
                title,
                body: named,
            }) = heading_in(s, generic, body, tools)
            else {
                continue;
            };
            let title_start = match (&heading, title) {
                (Heading::Council(..), _) => None,
                (_, Some(t)) => Some((i, lead + t)),
                (_, None) if generic => Some((i + 1, 0)),
                _ => None,
            };
            let found = HeadingLine {
                heading,
                span: line.span(shift(range, lead)),
                title_start,
                body: named,
            };
            if slot.is_none() || !yearless(&found) {
                *slot = Some((i, found));
            }
        }
        if meta.symbol.is_none()
            && number_line.is_none()
            && worded.is_none()
            && let Some(c) = DRAFT_SYMBOL.captures_if_match(s)
        {
            let m = c.get(1).unwrap();
            meta.symbol = Some((c[1].to_string(), line.span(shift(m.range(), lead))));
        }
    }
    let mut found = HeadingFound::default();
    let title_line = number_line.as_ref().or(worded.as_ref());
    found.title_start = title_line.and_then(|(_, h)| h.title_start);
    let chosen = match (number_line, worded) {
        (Some(n), _) if matches!(n.1.heading, Heading::Symbol(_)) => Some(n),
        (n, w) => w.or(n),
    };
    if let Some((i, h)) = chosen {
        found.body = h.body;
        found.line = Some(i);
        match h.heading {
            Heading::Symbol(mut symbol) => {
                // A part printed alone under the heading ("730 (XXVIII). Narcotic drugs ⏎ H"),
                // when the text holds no other part (a page of all the parts is the whole).
                let grammar = &tools.grammar;
                let part = lines[i + 1..]
                    .iter()
                    .take(2)
                    .find_map(|l| lone_part(l.as_str(), grammar));
                if let Some(part) = part
                    && source
                        .as_str()
                        .lines()
                        .filter(|l| lone_part(l, grammar).is_some())
                        .count()
                        == 1
                {
                    symbol = with_part(&symbol, &part);
                }
                meta.symbol.get_or_insert((symbol, h.span));
            }
            council => {
                // "[S/902]" under a Council heading: the symbol it was issued under.
                meta.issued_as = lines[i + 1..].iter().take(3).find_map(|line| {
                    let c = ISSUED_AS.captures(line.as_str())?;
                    Some((c[1].to_string(), line.span(c.get(1)?.range())))
                });
                found.council = Some((council, h.span));
            }
        }
    }
    // A masthead run on in one line (web copies, maybe under a site's lines): the number line
    // stands inside its last line.
    if meta.symbol.is_none()
        && found.council.is_none()
        && let Some(last) = lines.last()
        && let Some(c) = NUMBER_INSIDE.captures(last.as_str())
        && let Some(Heading::Symbol(symbol)) = heading_symbol(c["number"].trim(), None, body, tools)
    {
        let m = c.name("number").unwrap();
        meta.symbol = Some((symbol, last.span(m.range())));
    }
    found
}

/// The part a line holds alone: a capital letter ("H"), or a letter's name ("هاء").
fn lone_part(line: &str, grammar: &Grammar) -> Option<String> {
    let s = line.trim();
    if s.len() == 1 && s.bytes().all(|b| b.is_ascii_uppercase()) {
        return Some(s.to_string());
    }
    let (len, letters) = grammar.part_letters_at(s)?;
    (len == s.len() && letters.len() == 1).then_some(letters)
}

/// A symbol with its part: "E/RES/730 (XXVIII)" → "E/RES/730 H (XXVIII)", "A/RES/37/86" →
/// "A/RES/37/86 H".
fn with_part(symbol: &str, part: &str) -> String {
    match symbol.rfind(" (") {
        Some(at) if symbol.ends_with(')') => format!("{} {part}{}", &symbol[..at], &symbol[at..]),
        _ => format!("{symbol} {part}"),
    }
}

/// A heading as read from one masthead line, in byte offsets of that line.
struct HeadingMatch {
    heading: Heading,
    /// Where the number is.
    number: Range<usize>,
    /// Where the title starts, if the line goes on with one.
    title: Option<usize>,
    /// The body the heading names, or else the one the formula names.
    body: Option<String>,
}

/// The heading a masthead line holds, in the forms every language prints (`generic`) or in
/// those of its language.
fn heading_in(
    line: &str,
    generic: bool,
    body: Option<&str>,
    tools: &LanguageTools,
) -> Option<HeadingMatch> {
    let grammar = &tools.grammar;
    let forms = if generic {
        // A number line starts with a number (most masthead lines do not).
        if !crate::symbol::may_start_number(line, &grammar.numerals) {
            return None;
        }
        &GENERIC_HEADINGS[..]
    } else {
        &grammar.heading_forms[..]
    };
    forms.iter().find_map(|form| {
        let c = form.captures_if_match(line)?;
        let number = c.name("number")?;
        let organ = c
            .name("organ")
            .and_then(|o| grammar.bodies.series_of(o.as_str()));
        let body = organ
            .and_then(|i| tools.series.series.get(i))
            .map(|s| s.body.as_str())
            .or(body);
        let year = c.name("year").map(|y| {
            ascii_digits(y.as_str())
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        });
        let mut heading = heading_symbol(number.as_str(), year.as_deref(), body, tools)?;
        // Only a heading's words ("Resolution", "قرار") make a number alone a Council one:
        // a line that merely starts with a number ("9 December 2024") is no heading, nor is
        // "Resolution 1995" in a text another body adopted.
        let council_alone = matches!(heading, Heading::Council(_, None));
        let other_body = body.is_some_and(|b| b != Organ::SecurityCouncil.body_iri());
        if council_alone && (generic || other_body) {
            return None;
        }
        // A part written in the letter names of the script ("37/86 ألف").
        let mut end = number.start() + number.as_str().trim_end().len();
        if let Heading::Symbol(symbol) = &mut heading
            && let Some((len, letters)) = grammar.part_letters_at(&line[end..])
            && !symbol.ends_with(')')
            && !symbol.contains(' ')
        {
            symbol.push(' ');
            symbol.push_str(&letters);
            end += len;
        }
        Some(HeadingMatch {
            heading,
            number: number.start()..end,
            title: c.name("title").map(|t| t.start()),
            body: body.map(str::to_string),
        })
    })
}

/// What a heading's number says of the symbol: a Council number with its year (which the
/// adoption date may correct), or a number of another shape in the series of `body` when the
/// number does not tell its own. A Council number alone ("Resolution 290", "قرار رقم 1860")
/// waits for the year of the adoption date.
fn heading_symbol(
    printed: &str,
    year: Option<&str>,
    body: Option<&str>,
    tools: &LanguageTools,
) -> Option<Heading> {
    let compact = compact_number(printed.trim());
    let grammar = &tools.grammar;
    match read_number(&compact, &grammar.number_shapes, &grammar.numerals) {
        Some((_, number)) if number.shape == Shape::YearParen => {
            Some(Heading::Council(number.number, Some(number.year)))
        }
        Some((_, number)) => tools
            .series
            .symbol(&number, Qualifier::Own, body)
            .map(Heading::Symbol),
        None => {
            let digits = ascii_digits(&compact);
            let bare = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
            bare.then(|| {
                Heading::Council(
                    digits.into_owned(),
                    year.filter(|y| y.len() == 4).map(str::to_string),
                )
            })
        }
    }
}

/// A number spaced out by a PDF copy ("1 6 / 2 1", "S - 3 0 / 1") without its spaces, but
/// the one before a part letter or a bracket ("48/13 C", "1514 (XV)").
fn compact_number(printed: &str) -> String {
    let chars: Vec<char> = printed.chars().collect();
    let mut out = String::with_capacity(printed.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let joiner = |x: Option<char>| x.is_some_and(|x| "/-‑–ـ".contains(x));
            let digit = |x: Option<char>| x.is_some_and(|x| x.is_ascii_digit());
            if joiner(before) || joiner(after) || digit(before) && digit(after) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A title printed under no numbered heading, as the last block of a masthead that ends at
/// the enacting formula: "ECOSOC Resolution 2008/22 ⏎ Preparations for the Twelfth …", or a
/// date and meeting line, a blank line, then the title. The lines that close a heading (the
/// heading, a date, a meeting line) may stand between it and the formula. Council
/// resolutions have no title.
pub fn title_above_formula(
    source: &Text,
    lines: &[Flat],
    organ: Option<Organ>,
    tools: &LanguageTools,
) -> Option<(String, Span)> {
    if organ == Some(Organ::SecurityCouncil) {
        return None;
    }
    // The lines with words, each with the number of blank lines before it. A blank line parts
    // the masthead's blocks; in a text double-spaced throughout, whose blocks stand further
    // apart, it takes two.
    let mut rows: Vec<(usize, usize)> = Vec::new();
    let mut blanks = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.as_str().trim().is_empty() {
            blanks += 1;
        } else {
            rows.push((i, blanks));
            blanks = 0;
        }
    }
    let double_spaced = rows.len() >= 3
        && rows[1..].iter().all(|&(_, b)| b > 0)
        && rows[1..].iter().any(|&(_, b)| b > 1);
    let parted = |row: usize| rows[row].1 >= if double_spaced { 2 } else { 1 };
    let titled = |row: usize| reads_as_title(lines[rows[row].0].as_str().trim(), tools);
    let mut end = rows.len();
    while end > 0 && !titled(end - 1) {
        if parted(end - 1) {
            return None;
        }
        end -= 1;
    }
    let mut start = end;
    while start > 0 && titled(start - 1) {
        start -= 1;
        if parted(start) {
            break;
        }
    }
    if start == end {
        return None;
    }
    let (first, last) = (rows[start].0, rows[end - 1].0);
    // A title takes a few lines (more is running text), opens with a capital letter where the
    // language writes them and does not end as a clause does. A line printed twice is a
    // site's button ("Download as pdf or txt").
    let block: Vec<&str> = rows[start..end]
        .iter()
        .map(|&(i, _)| lines[i].as_str().trim())
        .collect();
    let opens_capitalized = block
        .first()
        .and_then(|l| l.chars().next())
        .is_some_and(|c| !tools.grammar.capitalized_verbs || c.is_uppercase());
    let ends_as_clause = block.last().is_some_and(|l| l.ends_with([',', '，', '،']));
    let repeated = block.windows(2).any(|w| w[0] == w[1]);
    if block.len() > 4 || !opens_capitalized || ends_as_clause || repeated {
        return None;
    }
    read_title(source, &lines[first..=last], 0)
}

/// Whether a line holds a document symbol ("E/1996/31", "A/RES/…"), not a word pair written
/// with a slash ("HIV/AIDS").
fn holds_symbol(line: &str) -> bool {
    line.as_bytes().windows(2).any(|w| match w {
        [b'/', c] | [c, b'/'] => c.is_ascii_digit(),
        _ => false,
    }) || line.contains("RES/")
}

/// Whether a masthead line may be (part of) a title: words, not a heading, date, meeting,
/// session or agenda line, an organ's name, a site's field, a symbol or page furniture.
fn reads_as_title(line: &str, tools: &LanguageTools) -> bool {
    let grammar = &tools.grammar;
    let Some(first) = line.chars().next() else {
        return false;
    };
    let words = line.split_whitespace().count();
    // Words, mostly letters: not a reference ("N 4075-VIII от 28.03.73 )") or a menu bar.
    let printed = line.chars().filter(|c| !c.is_whitespace()).count();
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    let long_enough = words >= 2 || line.chars().filter(|c| crate::text::is_cjk(*c)).count() >= 4;
    let is = |p: &Option<Pattern>| p.as_ref().is_some_and(|p| p.is_match(line));
    long_enough
        && first.is_alphabetic()
        && letters * 3 >= printed * 2
        && !line.contains('|')
        && !line.ends_with([':', '：'])
        && !holds_symbol(line)
        && !grammar.resolution_word.is_match(line)
        && tools.dates.find_all(line).is_empty()
        && !FIELD_LINE.is_match(line)
        && !DISTRIBUTION.is_match(line)
        && !grammar.closing.iter().any(|c| c.is_match(line))
        && ![
            &grammar.meeting,
            &grammar.session_line,
            &grammar.agenda_line,
            &grammar.page_furniture,
        ]
        .into_iter()
        .any(is)
        && !grammar
            .organ_names
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(line.trim_end_matches('.')))
}

/// The title: from `offset` in the first line (the rest of the number line), and the lines
/// after it, up to the formula.
fn read_title(source: &Text, lines: &[Flat], offset: usize) -> Option<(String, Span)> {
    let mut title = String::new();
    let mut span: Option<Span> = None;
    for (i, line) in lines.iter().enumerate() {
        let from = if i == 0 {
            offset.min(line.as_str().len())
        } else {
            0
        };
        let rest = &line.as_str()[from..];
        let piece = rest.trim();
        if piece.is_empty() {
            continue;
        }
        // A site's fields under its heading ("Document Type: Final Resolution") end it.
        if i > 0 && FIELD_LINE.is_match(piece) {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        // The title as printed, not as matching reads it.
        let start = from + (rest.len() - rest.trim_start().len());
        // A footnote call may close the title ("… Substances*/").
        let piece = piece.trim_end_matches(['*', '/', '¹', '²', '³']).trim_end();
        title.push_str(&line.unfolded(source, start..start + piece.len()));
        let s = line.span(from..line.as_str().len());
        span = Some(span.map_or(s, |old| Span::new(old.start, s.end)));
    }
    span.filter(|_| !title.is_empty()).map(|s| (title, s))
}

/// The adoption date: the date an adoption line introduces ("adopted by … on", "بتاريخ",
/// "… 大会决议"), the date under a Council heading, else the closing date.
fn read_adopted(
    lines: &[Flat],
    masthead: &Flat,
    closing: &Flat,
    tools: &LanguageTools,
) -> Option<(String, Span)> {
    let (grammar, dates) = (&tools.grammar, &tools.dates);
    if let Some(found) = introduced_date(masthead, tools) {
        return Some(found);
    }
    lines
        .iter()
        .find_map(|line| date_under_heading(line, grammar, dates))
        .or_else(|| {
            let d = dates.find_all(closing.as_str()).into_iter().next()?;
            Some((d.iso, closing.span(d.range)))
        })
}

/// The first date that words of adoption introduce or follow ("adopted by … on", "بتاريخ",
/// "… 大会决议", "26 May 1987 14th plenary meeting").
pub fn introduced_date(flat: &Flat, tools: &LanguageTools) -> Option<(String, Span)> {
    let (grammar, text) = (&tools.grammar, flat.as_str());
    tools.dates.find_all(text).into_iter().find_map(|d| {
        let before = crate::text::tail(&text[..d.range.start], 300);
        let after = &text[d.range.end..];
        let introduced = grammar.adopted_before.iter().any(|r| r.is_match(before))
            || grammar
                .adopted_after
                .as_ref()
                .is_some_and(|r| r.is_match(after));
        introduced.then(|| (d.iso, flat.span(d.range)))
    })
}

/// A masthead line that is a date and nothing else ("July 25, 1996" under a web copy's
/// heading).
fn date_alone(line: &Flat, dates: &DateReader) -> Option<(String, Span)> {
    let s = line.as_str();
    let d = dates.at_start(s.trim_start())?;
    let start = s.len() - s.trim_start().len();
    let rest =
        s[start + d.range.end..].trim_matches(|c: char| c.is_whitespace() || ".,".contains(c));
    rest.is_empty()
        .then(|| (d.iso, line.span(shift(d.range, start))))
}

/// The date after "of" on its own line, or after a heading on the same line.
fn date_under_heading(
    line: &Flat,
    grammar: &Grammar,
    dates: &DateReader,
) -> Option<(String, Span)> {
    let s = line.as_str();
    let after_of = grammar.heading_date.as_ref().and_then(|r| r.find(s));
    let after_heading = grammar
        .heading_forms
        .iter()
        .find_map(|r| r.find(s.trim_start()))
        .map(|h| {
            let after = s.len() - s.trim_start().len() + h.end();
            let rest = s[after..].trim_start_matches([' ', '.', ',', '(']);
            let rest_at = s.len() - rest.len();
            match grammar.heading_date.as_ref().and_then(|r| r.find(rest)) {
                Some(of) => rest_at + of.end(),
                None => rest_at,
            }
        });
    let dated_heading = [after_of.map(|m| m.end()), after_heading]
        .into_iter()
        .flatten()
        .find_map(|start| {
            let d = dates.at_start(&s[start..])?;
            Some((d.iso, line.span(shift(d.range, start))))
        });
    dated_heading.or_else(|| {
        // The annual volumes' "50 (1948). Resolution of 29 May 1948", in any language and
        // however OCR spelt the word: the date a few words after the number is the adoption's.
        let start = COUNCIL_NUMBER_LINE.find(s)?.end();
        let d = dates.find_all(&s[start..]).into_iter().next()?;
        (d.range.start <= 60).then(|| (d.iso, line.span(shift(d.range, start))))
    })
}

/// Session and agenda item from their masthead lines.
fn read_session_and_agenda(lines: &[Flat], grammar: &Grammar, meta: &mut Metadata) {
    for line in lines {
        let s = line.as_str().trim();
        let lead = line.as_str().len() - line.as_str().trim_start().len();
        if meta.session.is_none()
            && let Some(c) = grammar
                .session_line
                .as_ref()
                .and_then(|r| r.captures_if_match(s))
            && c.name("special").is_none()
            && let Some(n) = grammar.ordinal(&c["ordinal"])
        {
            meta.session = Some((n, line.span(shift(c.get(0).unwrap().range(), lead))));
        }
        if meta.agenda_item.is_none()
            && let Some(c) = grammar
                .agenda_line
                .as_ref()
                .and_then(|r| r.captures_if_match(s))
        {
            let item = c.name("item").unwrap();
            meta.agenda_item = Some((
                grammar.agenda_item(item.as_str()),
                line.span(shift(item.range(), lead)),
            ));
        }
    }
}

/// The meeting of adoption: from the closing lines, else from the masthead ("Adopted by the
/// Security Council at its …").
fn read_meeting(masthead: &Flat, closing: &Flat, grammar: &Grammar) -> Option<(String, Span)> {
    [closing, masthead].into_iter().find_map(|source| {
        let c = grammar.meeting.as_ref()?.captures(source.as_str())?;
        let m = c.name("n").or(c.name("m"))?;
        let printed = m.as_str();
        let number = if printed.chars().any(|ch| grammar.numerals.is_numeral(ch)) {
            grammar.numerals.value(printed)?.to_string()
        } else {
            // OCR reads the 1 of a meeting number as I, l or / ("2/34e séance"), the 0 as o.
            ascii_digits(printed)
                .chars()
                .filter(|ch| !ch.is_whitespace())
                .map(|ch| match ch {
                    'I' | 'l' | '/' => '1',
                    'o' | 'O' => '0',
                    _ => ch,
                })
                .collect()
        };
        Some((number, source.span(m.range())))
    })
}

fn read_committee_report(masthead: &Flat, grammar: &Grammar) -> Option<(String, Span)> {
    let c = grammar
        .committee_report
        .as_ref()?
        .captures(masthead.as_str())?;
    let m = c.name("symbol")?;
    Some((
        m.as_str().trim_end_matches('.').to_string(),
        masthead.span(m.range()),
    ))
}

fn shift(r: Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

/// "S/RES/687(1991)" → "S/RES/687 (1991)"; "E/RES/1970/1474(XLVIII)", with the year the
/// Council's old series did not use, → "E/RES/1474 (XLVIII)".
fn normalise_symbol(s: &str) -> String {
    static YEAR_AND_SESSION: LazyLock<PerThread> =
        LazyLock::new(|| PerThread::new(r"^E/RES/\d{4}/(\d+ ?\()").unwrap());
    let s = &YEAR_AND_SESSION.replace(s, "E/RES/$1");
    match s.find('(') {
        Some(i) if !s[..i].ends_with(' ') => format!("{} {}", &s[..i], &s[i..]),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_out_numbers_are_read_whole() {
        assert_eq!(compact_number("1 6 / 2 1"), "16/21");
        assert_eq!(compact_number("S - 3 0 / 1"), "S-30/1");
        assert_eq!(compact_number("48/13 C"), "48/13 C");
        assert_eq!(compact_number("1514 (XV)"), "1514 (XV)");
    }
}
