//! Resolution references: "its resolutions 660 (1990) of 2 August 1990, 661 (1990) … and 678
//! (1990)", "resolutions 61/1 to 61/5", "General Assembly resolution 2625 (XXV)", "第 67/39 号决议",
//! each read into canonical symbols with the dates the text states for them. How each language
//! writes them (the word for resolution, what introduces a date, list separators) comes from
//! its grammar.

use super::LanguageTools;
use super::dates::ascii_digits;
use crate::lang::grammar::Grammar;
use crate::lang::pattern::Pattern;
use crate::lang::series::Qualifier;
use crate::symbol::{self, Organ, Shape, ocr_council_resolution_at};
use std::ops::Range;
use std::sync::LazyLock;

/// One mention of a resolution in flat text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub symbol: String,
    pub date: Option<String>,
    pub range: Range<usize>,
}

/// Finds every resolution that a word for resolution introduces in `text` (one paragraph or
/// footnote, flattened), with the dates the text states for them. Numbers without such a word
/// are the citation-shaped spans of [`super::candidates`], resolved after this.
pub fn find(text: &str, tools: &LanguageTools, own: Option<&str>) -> Vec<Mention> {
    let mut mentions = find_keyworded(text, tools, own);
    // Languages that write numbers as items ("第 67/39 号决议") also name the resolution first in
    // older texts ("决议案三九六(五)").
    if tools.grammar.numbered_item.is_some() {
        let items = find_numbered_items(text, tools, own);
        let keyworded = crate::text::Intervals::new(mentions.iter().map(|m| m.range.clone()));
        mentions.extend(items.into_iter().filter(|m| !keyworded.overlaps(&m.range)));
    }
    mentions.sort_by_key(|m| m.range.start);
    mentions
}

/// The body named just before a position ("General Assembly resolution …"), or "its".
pub(super) fn organ_before(grammar: &Grammar, before: &str) -> Qualifier {
    // Names are short; only the words just before matter (and the text may be long).
    let tail = crate::text::tail(before, 160);
    // "the General Assembly, in its resolution": words may link the name to the word.
    let tail = match grammar.qualifier_link.as_ref().and_then(|r| r.find(tail)) {
        Some(link) => &tail[..link.start()],
        None => tail,
    };
    let trimmed = tail
        .trim_end()
        .trim_end_matches("'s")
        .trim_end_matches("’s");
    grammar
        .bodies
        .at_end(trimmed)
        .map_or(Qualifier::Own, Qualifier::Named)
}

/// Whether the words up to a word for resolution make it the document's own body's ("its
/// resolutions", "قراراته"), the word standing at `word`. Not where a name links to it ("the
/// Council of Ministers, in its resolution"): the name is whose it is.
pub(super) fn says_its(grammar: &Grammar, text: &str, word: Range<usize>) -> bool {
    let linked = grammar
        .qualifier_link
        .as_ref()
        .is_some_and(|r| r.is_match(crate::text::tail(&text[..word.start], 160)));
    let tail = crate::text::tail(&text[..word.end], 120);
    !linked
        && grammar
            .own_marker
            .as_ref()
            .is_some_and(|r| r.is_match(tail))
}

/// A body named at the start of `text`, after white space and, when `intro` is given, after
/// what introduces it ("of the"): the series it names and the byte length read.
fn organ_at(grammar: &Grammar, text: &str, intro: bool) -> Option<(usize, Qualifier)> {
    let mut at = text.len() - text.trim_start().len();
    if intro {
        at += grammar.qualifier_intro.as_ref()?.find(&text[at..])?.end();
    }
    let (len, series) = grammar
        .bodies
        .at_start(crate::text::head(&text[at..], 160))?;
    Some((at + len, Qualifier::Named(series)))
}

/// A resolution number at the start of `text` (ASCII digits), in the series the words around
/// it name or the document's organ: its byte length, shape and canonical symbol.
///
/// A number with no body named with it and no word that makes it the document's own ("its
/// resolution") belongs to the last body named before it in its sentence (`before`, up to the
/// number) that has such a number: "the resolutions of the Commission on Human Rights …, in
/// particular resolution 1994/45". Else it is the document's own body's.
pub(super) fn resolution_at(
    tools: &LanguageTools,
    text: &str,
    before: &str,
    qualifier: Qualifier,
    own: Option<&str>,
) -> Option<(usize, Shape, String)> {
    let grammar = &tools.grammar;
    let (len, number) = symbol::read_number(text, &grammar.number_shapes, &grammar.numerals)?;
    let series = &tools.series;
    // Without "its" or a body named with it, the last body its sentence names.
    let qualifier = match qualifier {
        Qualifier::Own => {
            named_in_sentence(tools, before, &number).map_or(qualifier, Qualifier::Named)
        }
        given => given,
    };
    let symbol = series.symbol(&number, qualifier, own)?;
    Some((len, number.shape, symbol))
}

/// Whether a number in the old style ("77 (XII)") is the resolution of an organization outside
/// the UN: the last issuing body its sentence names before it (`before`) is one, or one adopted
/// it ("резолюцию 77 (XII), принятую … Организации африканского единства", `after`).
pub(super) fn outside_issuer(
    tools: &LanguageTools,
    before: &str,
    after: &str,
    qualifier: Qualifier,
) -> bool {
    let series = &tools.series.series;
    let grammar = &tools.grammar;
    if qualifier != Qualifier::Own {
        return false;
    }
    let adopted_by = grammar
        .issuer_intro
        .as_ref()
        .and_then(|r| r.find(after))
        .and_then(|intro| {
            let window = crate::text::head(&after[intro.end()..], 200);
            let window = window.split([';', '؛', '；']).next().unwrap_or(window);
            grammar.bodies.first_in(window)
        });
    adopted_by
        .or_else(|| grammar.bodies.last_in(sentence_tail(before), |_| true))
        .is_some_and(|i| series[i].is_outside())
}

/// The end of `before` from its sentence's start on.
fn sentence_tail(before: &str) -> &str {
    let window = crate::text::tail(before, 400);
    let start = window
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '.' | ';' | '。' | '；' | '؛'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &window[start..]
}

/// The last body named in the sentence that `before` ends with whose series has `number`.
fn named_in_sentence(
    tools: &LanguageTools,
    before: &str,
    number: &symbol::Number,
) -> Option<usize> {
    let series = &tools.series.series;
    tools
        .grammar
        .bodies
        .last_in(sentence_tail(before), |i| series[i].accepts(number))
}

/// Bytes enough for any symbol after "resolution" (digits are converted in this window
/// only: converting the rest of the text at every keyword made long texts quadratic).
const SYMBOL_WINDOW: usize = 128;

fn find_keyworded(text: &str, tools: &LanguageTools, own: Option<&str>) -> Vec<Mention> {
    let grammar = &tools.grammar;
    let mut mentions = Vec::new();
    for kw in grammar.resolution_word.find_iter(text) {
        let mut qualifier = match organ_before(grammar, &text[..kw.start()]) {
            Qualifier::Own if says_its(grammar, text, kw.range()) => Qualifier::Its,
            named => named,
        };
        let mut at = kw.end();
        // The body may stand between the word and the number ("резолюции Генеральной
        // Ассамблеи 60/251", "قرار الجمعية العامة 60/251").
        if let Some((len, named)) = organ_at(grammar, &text[at..], false) {
            qualifier = named;
            at += len;
        }
        // "قرار مجلس الأمن رقم 338", "резолюция № 1373".
        if let Some(sign) = grammar
            .number_sign
            .as_ref()
            .and_then(|r| r.find(&text[at..]))
        {
            at += sign.end();
        }
        let mut list: Vec<Mention> = Vec::new();
        // Each number as read, by its place in the list: a body named after the list
        // ("resolutions 5/1 and 5/2 of the Human Rights Council") reads them again.
        let mut printed: Vec<(usize, String)> = Vec::new();
        let mut range_pending = false;
        loop {
            let rest = &text[at..];
            let skip = rest.len() - rest.trim_start().len();
            let number = ascii_digits(crate::text::head(&rest[skip..], SYMBOL_WINDOW));
            let Some((ascii_len, symbol)) =
                number_at(tools, &number, &text[..at + skip], qualifier, own)
            else {
                break;
            };
            // Another organization's resolution by its number alone: left to the scan of
            // citation-shaped spans, which rejects it with the reason.
            if symbol.ends_with(')')
                && outside_issuer(
                    tools,
                    &text[..kw.start()],
                    &rest[skip + ascii_len..],
                    qualifier,
                )
            {
                break;
            }
            // Digits of other scripts are one character wide in both texts.
            let len = rest[skip..]
                .char_indices()
                .nth(number[..ascii_len].chars().count())
                .map_or(rest.len() - skip, |(i, _)| i);
            let (len, symbol) = with_part_letters(grammar, &rest[skip..], len, symbol);
            let range = at + skip..at + skip + len;
            at = range.end;
            if range_pending && let Some(prev) = list.last() {
                list.extend(expand_range(&prev.symbol, &symbol, &range));
            }
            // "36/87 A and B": more parts of the same resolution, dated together.
            let more_parts = more_parts(grammar, text, &symbol, &mut at);
            let group = list.len();
            printed.push((group, number[..ascii_len].to_string()));
            list.push(Mention {
                symbol,
                date: None,
                range,
            });
            list.extend(more_parts);
            at = past_insertion(grammar, text, at);
            at = named_after(tools, text, at, qualifier, own, &printed, &mut list);
            // A date for this one, or for several at once ("of 4 and 14 July 1967, respectively").
            if let Some(intro) = grammar
                .date_intro
                .as_ref()
                .and_then(|r| r.find(&text[at..]))
            {
                let after = at + intro.end();
                let undated: Vec<usize> = (0..list.len())
                    .filter(|&i| list[i].date.is_none())
                    .collect();
                let respectively = |end: usize| {
                    grammar
                        .respectively
                        .as_ref()
                        .is_some_and(|r| r.is_match(&text[end..]))
                };
                // The date is read once; the branches below use it.
                let first = tools.dates.at_start(&text[after..]);
                if let Some((r, isos)) = tools.dates.list_at_start(&text[after..])
                    && isos.len() > 1
                    && (respectively(after + r.end) || undated.len() >= isos.len())
                {
                    for (i, iso) in undated.iter().rev().zip(isos.iter().rev()) {
                        list[*i].date = Some(iso.clone());
                    }
                    at = after + r.end;
                } else if let Some(first) = first {
                    let (end, isos) = more_dates(tools, text, after + first.range.end, first.iso);
                    if isos.len() > 1 && undated.len() >= isos.len() {
                        // "du 14 juin 1967, du 21 mai 1968 et du 25 septembre 1971", respectively.
                        for (i, iso) in undated.iter().rev().zip(isos.into_iter().rev()) {
                            list[*i].date = Some(iso);
                        }
                        at = end;
                    } else {
                        date_group(&mut list, group, &isos[0]);
                        at = after + first.range.end;
                    }
                } else if let Some((r, isos)) = tools.dates.list_at_start(&text[after..]) {
                    if let Some(last) = list.last_mut() {
                        last.date = isos.into_iter().next();
                    }
                    at = after + r.end;
                } else if let Some((end, iso)) = date_after(tools, text, at, &list[group].symbol) {
                    date_group(&mut list, group, &iso);
                    at = end;
                }
            }
            at = past_insertion(grammar, text, at);
            // The body may also follow the date ("of 29 February 1980 of the Commission").
            at = named_after(tools, text, at, qualifier, own, &printed, &mut list);
            match grammar.list_separator.find(&text[at..]) {
                Some(sep) => {
                    range_pending = grammar
                        .range_separator
                        .as_ref()
                        .is_some_and(|r| r.is_match(sep.as_str()));
                    // A following "resolution" keyword starts its own list.
                    let next = at + sep.end();
                    let head =
                        ascii_digits(crate::text::head(text[next..].trim_start(), SYMBOL_WINDOW));
                    if number_at(tools, &head, &text[..next], qualifier, own).is_none() {
                        break;
                    }
                    at = next;
                }
                None => break,
            }
        }
        // Where numbers are items, the date stands before the word ("一九五〇年十二月十四日决议案
        // 三九六(五)").
        if grammar.numbered_item.is_some()
            && let Some(first) = list.first_mut()
            && first.date.is_none()
        {
            first.date = date_before(tools, &text[..kw.start()], &first.symbol);
        }
        mentions.extend(list);
    }
    mentions
}

/// After a list's numbers, at `at`, the body they are of ("resolutions 5/1 and 5/2 of the Human
/// Rights Council"): the numbers read as it printed them (`printed`, by their place in `list`)
/// are read again in its series. Where the text names no body there, `at` is returned.
fn named_after(
    tools: &LanguageTools,
    text: &str,
    at: usize,
    qualifier: Qualifier,
    own: Option<&str>,
    printed: &[(usize, String)],
    list: &mut [Mention],
) -> usize {
    if qualifier != Qualifier::Own {
        return at;
    }
    let Some((len, named)) = organ_at(&tools.grammar, &text[at..], true) else {
        return at;
    };
    for (i, number) in printed {
        if let Some((_, _, symbol)) = resolution_at(tools, number, "", named, own) {
            list[*i].symbol = symbol;
        }
    }
    at + len
}

/// A resolution number at the start of `text` (ASCII digits): its byte length and symbol. Beside
/// the shapes of [`resolution_at`], a Council number that OCR garbled ("660 1990)") or that
/// stands without its year before the date it was adopted on ("резолюции 1238 от 14 мая 1999
/// года"), which gives the year, or before a link a legal database put in place of the year.
/// (Not otherwise the year its number is known to have had: a web page's links and lists name
/// Council resolutions by number alone, and are no citations.)
fn number_at(
    tools: &LanguageTools,
    text: &str,
    before: &str,
    qualifier: Qualifier,
    own: Option<&str>,
) -> Option<(usize, String)> {
    if let Some((len, _, symbol)) = resolution_at(tools, text, before, qualifier, own) {
        return Some((len, symbol));
    }
    if let Some(found) = ocr_council_resolution_at(text) {
        return Some(found);
    }
    let council = Organ::SecurityCouncil.body_iri();
    let is_council = match qualifier {
        Qualifier::Named(i) => tools
            .series
            .series
            .get(i)
            .is_some_and(|s| s.body == council),
        Qualifier::Own | Qualifier::Its => own == Some(council),
    };
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let glued = text[digits..].starts_with(|c: char| c.is_alphanumeric() || "/(.".contains(c));
    if !is_council || !(1..=4).contains(&digits) || glued {
        return None;
    }
    let number: u32 = text[..digits].parse().ok()?;
    let after = past_insertion(&tools.grammar, text, digits);
    let date = tools.grammar.date_intro.as_ref().and_then(|intro| {
        let intro = intro.find(&text[after..])?;
        tools.dates.at_start(&text[after + intro.end()..])
    });
    let year = match date {
        Some(date) => date.iso[..4].to_string(),
        // A legal database's link where the year was ("резолюции 1484 (995_b48)"): the year
        // the number is known to have had.
        None if tools
            .grammar
            .insertion
            .as_ref()
            .is_some_and(|r| r.is_match(&text[digits..])) =>
        {
            tools.series.year_of(council, number)?.to_string()
        }
        None => return None,
    };
    Some((digits, format!("S/RES/{number} ({year})")))
}

/// `at` moved past a footnote call ("of 24 April 1996 2/ and 1997/44") and what a web copy
/// of the language inserts there ("( 995_308 )").
fn past_insertion(grammar: &Grammar, text: &str, at: usize) -> usize {
    static FOOTNOTE_CALL: LazyLock<Pattern> =
        LazyLock::new(|| Pattern::new(r"^\s*(?:\d{1,2}/|\*+/?|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)(?:\s|$)").unwrap());
    let mut at = at;
    for insertion in [Some(&*FOOTNOTE_CALL), grammar.insertion.as_ref()]
        .into_iter()
        .flatten()
    {
        if let Some(m) = insertion.find(&text[at..]) {
            at += m.end();
        }
    }
    at
}

/// The date stated just after a mention that ends at `at` ("of 2 August 1990"), with the
/// byte offset where it ends. A day and month without a year ("186 (1964) of 4 March") take
/// the year of a Security Council symbol, which is the year of adoption.
pub(super) fn date_after(
    tools: &LanguageTools,
    text: &str,
    at: usize,
    symbol: &str,
) -> Option<(usize, String)> {
    let intro = tools
        .grammar
        .date_intro
        .as_ref()?
        .find(crate::text::head(&text[at..], 60))?;
    let after = at + intro.end();
    if let Some(d) = tools.dates.at_start(&text[after..]) {
        return Some((after + d.range.end, d.iso));
    }
    let year = council_year(symbol)?;
    let d = tools.dates.day_month_at_start(&text[after..], year)?;
    Some((after + d.range.end, d.iso))
}

/// The dates that follow a first one (`first`, ending at `at`), each perhaps with its own
/// introducing word ("du 14 juin 1967, du 21 mai 1968 et du 25 septembre 1971"): all of them,
/// the first included, with the byte offset where the last ends.
fn more_dates(
    tools: &LanguageTools,
    text: &str,
    mut at: usize,
    first: String,
) -> (usize, Vec<String>) {
    let mut isos = vec![first];
    while let Some(sep) = tools.grammar.list_separator.find(&text[at..]) {
        let mut next = at + sep.end();
        if let Some(intro) = tools
            .grammar
            .date_intro
            .as_ref()
            .and_then(|r| r.find(&text[next..]))
        {
            next += intro.end();
        }
        let Some(d) = tools.dates.at_start(&text[next..]) else {
            break;
        };
        isos.push(d.iso);
        at = next + d.range.end;
    }
    (at, isos)
}

/// Gives a date to the mention at `group` and the parts listed with it; and, as "69/43 and
/// 69/48 of 2 December 2014" says, to the resolutions of the same session listed just before.
fn date_group(list: &mut [Mention], group: usize, iso: &str) {
    for m in &mut list[group..] {
        m.date = Some(iso.to_string());
    }
    let session = assembly_session(&list[group].symbol);
    for m in list[..group].iter_mut().rev() {
        if m.date.is_some() || session.is_none() || assembly_session(&m.symbol) != session {
            break;
        }
        m.date = Some(iso.to_string());
    }
}

/// The series and session of a symbol numbered by session ("A/RES/69/43" → "A/RES/69/",
/// "A/HRC/RES/5/2" → "A/HRC/RES/5/").
fn assembly_session(symbol: &str) -> Option<String> {
    // "A/RES/69/", "A/HRC/RES/5/": the series and session of a number by session; "A/RES/
    // (XXIX)" of one by Roman session ("3236 (XXIX) و3237 (XXIX) المؤرخين في …").
    let res = symbol.find("/RES/")? + 5;
    if let Some(slash) = symbol[res..].find('/') {
        let by_session = symbol[res..res + slash].bytes().all(|b| b.is_ascii_digit());
        return by_session.then(|| symbol[..res + slash + 1].to_string());
    }
    let open = symbol.rfind(" (")?;
    let session = symbol[open + 2..].strip_suffix(')')?;
    let roman = !session.is_empty() && !session.bytes().all(|b| b.is_ascii_digit());
    roman.then(|| format!("{}{}", &symbol[..res], &symbol[open..]))
}

/// A Council citation checked against the years its numbers were adopted in. A year the
/// text misprinted, where the date it states agrees with the number ("274 (1959) of
/// 11 December 1969"), is corrected; a date of another year than the number's is dropped
/// ("93 (1951) of 18 May 1948"); a number of another year and no date to settle it ("20
/// (1982)", an OCR reading of 520) is no citation, and the reason why is returned.
pub(super) fn check_council_year(
    tools: &LanguageTools,
    mention: &mut Mention,
) -> Result<(), String> {
    let Some(year) = council_year(&mention.symbol) else {
        return Ok(());
    };
    let Some(number) = mention
        .symbol
        .strip_prefix("S/RES/")
        .and_then(|rest| rest.split_once(' '))
        .and_then(|(number, _)| number.parse::<u32>().ok())
    else {
        return Ok(());
    };
    let Some(known) = tools
        .series
        .year_of(Organ::SecurityCouncil.body_iri(), number)
    else {
        return Ok(());
    };
    let known = known.to_string();
    let stated = mention.date.as_ref().map(|d| &d[..4]);
    if year == known {
        if stated.is_some_and(|y| y != known) {
            mention.date = None;
        }
        return Ok(());
    }
    if stated == Some(known.as_str()) {
        mention.symbol = format!("S/RES/{number} ({known})");
        return Ok(());
    }
    Err(format!(
        "Council resolution {number} was adopted in {known}, not {year}: a misprinted or misread number"
    ))
}

/// The year of a Security Council symbol ("S/RES/186 (1964)" → "1964").
fn council_year(symbol: &str) -> Option<&str> {
    let year = symbol
        .strip_prefix("S/RES/")?
        .split_once('(')?
        .1
        .strip_suffix(')')?;
    (year.len() == 4).then_some(year)
}

/// Where the words for resolution and the ends of sentences stand in a text, so that whether
/// a word for resolution stands earlier in a position's sentence ("resolutions 67/39 of
/// 3 December 2012, on …, and 68/32") costs two binary searches.
pub(super) struct Sentences {
    /// The byte range of each word for resolution.
    words: Vec<Range<usize>>,
    ends: Vec<usize>,
}

impl Sentences {
    pub fn new(grammar: &Grammar, text: &str) -> Self {
        let words = grammar
            .resolution_word
            .find_iter(text)
            .map(|m| m.range())
            .collect();
        let mut ends = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            // ". " before a capital ends a sentence; "No. 5" and "para. 7" do not.
            let ends_here = match c {
                ';' | '。' | '；' | '؛' => true,
                '.' => next == Some(' ') && text[i + 2..].starts_with(char::is_uppercase),
                _ => false,
            };
            if ends_here {
                ends.push(i);
            }
        }
        Sentences { words, ends }
    }

    /// The last word for resolution before `at` in its sentence.
    pub fn word_before(&self, at: usize) -> Option<Range<usize>> {
        let word = self.words.partition_point(|w| w.end <= at);
        let end = self.ends.partition_point(|&e| e < at);
        let last = self.words.get(word.checked_sub(1)?)?;
        (end == 0 || last.end > self.ends[end - 1]).then(|| last.clone())
    }
}

/// "48/75 ياء": a resolution part written in the letter names of the script, after the
/// number; `len` is where the number ends.
fn with_part_letters(grammar: &Grammar, text: &str, len: usize, symbol: String) -> (usize, String) {
    let is_modern_without_part =
        symbol.starts_with("A/RES/") && !symbol.contains(' ') && !symbol.ends_with(')');
    match grammar.part_letters_at(&text[len..]) {
        Some((extra, letters)) if is_modern_without_part => {
            (len + extra, format!("{symbol} {letters}"))
        }
        _ => (len, symbol),
    }
}

/// The further parts after a lettered one ("36/87 A and B", "34/65 ألف وباء", "33/28A至C"; "2602 C
/// and D (XXIV)" aside: only parts that follow the whole symbol), each a mention of its own; a
/// range of parts gives each part in it. `at` moves past them.
fn more_parts(grammar: &Grammar, text: &str, symbol: &str, at: &mut usize) -> Vec<Mention> {
    let Some((base, first)) = symbol
        .rsplit_once(' ')
        .filter(|(_, part)| part.len() <= 2 && part.chars().all(|c| c.is_ascii_uppercase()))
    else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    let mut last = first.to_string();
    loop {
        let rest = &text[*at..];
        let range_sep = grammar.range_separator.as_ref().and_then(|r| r.find(rest));
        let Some(sep) = range_sep.or_else(|| grammar.list_separator.find(rest)) else {
            break;
        };
        let start = *at + sep.end();
        let Some((len, letters)) = part_at(grammar, &text[start..]) else {
            break;
        };
        let range = start..start + len;
        let is_range = range_sep.is_some();
        // "A至C": the parts between, then the last one.
        if is_range && let (Some(from), Some(to)) = (single(&last), single(&letters)) {
            for letter in (from as u8 + 1)..(to as u8) {
                parts.push(Mention {
                    symbol: format!("{base} {}", letter as char),
                    date: None,
                    range: range.clone(),
                });
            }
        }
        parts.push(Mention {
            symbol: format!("{base} {letters}"),
            date: None,
            range,
        });
        last = letters;
        *at = start + len;
    }
    parts
}

/// A part letter at the start of `text`: one or two Latin capitals as a whole word, or the
/// name of a letter in the script ("باء"): its byte length and Latin letters.
fn part_at(grammar: &Grammar, text: &str) -> Option<(usize, String)> {
    if let Some(named) = grammar.part_letters_at(text) {
        return Some(named);
    }
    let letters: String = text
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect();
    let end = letters.len();
    let whole_word =
        !text[end..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '/' || c == '(');
    (!letters.is_empty() && letters.len() <= 2 && whole_word).then_some((end, letters))
}

fn single(letters: &str) -> Option<char> {
    let mut chars = letters.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// "61/1 to 61/5": the resolutions between two of the same session.
fn expand_range(first: &str, last: &str, range: &Range<usize>) -> Vec<Mention> {
    let split = |s: &str| {
        s.rsplit_once('/')
            .and_then(|(a, b)| b.parse::<u32>().ok().map(|n| (a.to_string(), n)))
    };
    match (split(first), split(last)) {
        (Some((a, x)), Some((b, y))) if a == b && x < y && y - x <= 50 => ((x + 1)..y)
            .map(|n| Mention {
                symbol: format!("{a}/{n}"),
                date: None,
                range: range.clone(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The date written just before an item ("2012 年 12 月 3 日第 67/39 号"), maybe with what the
/// resolution is about between (`unkg:dateClause`), or its day and month in a list that gives
/// the year once ("十月二十五日第340(1973)号": the year of a Council symbol).
fn date_before(tools: &LanguageTools, before: &str, symbol: &str) -> Option<String> {
    let before = crate::text::tail(before, 240);
    let clause = tools.grammar.date_clause.as_ref();
    let ends_here = |end: usize| {
        before[end..].trim().is_empty() || clause.is_some_and(|c| c.is_match(&before[end..]))
    };
    if let Some(d) = tools.dates.find_all(before).into_iter().next_back()
        && ends_here(d.range.end)
    {
        return Some(d.iso);
    }
    let year = council_year(symbol)?;
    before.char_indices().rev().take(12).find_map(|(at, _)| {
        let d = tools.dates.day_month_at_start(&before[at..], year)?;
        ends_here(at + d.range.end).then_some(d.iso)
    })
}

/// Languages that write each number as an item ("第 67/39 号") and close a list of them with
/// the word for resolution ("…、第 68/32 号和第 78/27 号决议"); a date may stand before an item.
fn find_numbered_items(text: &str, tools: &LanguageTools, own: Option<&str>) -> Vec<Mention> {
    let grammar = &tools.grammar;
    let Some(item) = grammar.numbered_item.as_ref() else {
        return Vec::new();
    };
    let mut mentions = Vec::new();
    let mut at = 0;
    while let Some(first) = item.find_at(text, at) {
        let qualifier = match organ_before(grammar, &text[..first.start()]) {
            Qualifier::Own if says_its(grammar, text, first.start()..first.start()) => {
                Qualifier::Its
            }
            named => named,
        };
        // A run of items joined by 、和 …, closed by 决议.
        let mut items = Vec::new();
        let mut end = first.start();
        while let Some(c) = item
            .captures_at(text, end)
            .filter(|c| c.get(0).unwrap().start() == end)
        {
            items.push(c.get(0).unwrap().range());
            end = c.get(0).unwrap().end();
            match grammar.list_separator.find(&text[end..]) {
                Some(j)
                    if item
                        .find_at(text, end + j.end())
                        .is_some_and(|m| m.start() == end + j.end()) =>
                {
                    end += j.end()
                }
                _ => {
                    // A date may stand between the separator and the next item, its year
                    // perhaps given once for the list ("、十月二十五日第340(1973)号").
                    let next = grammar
                        .list_separator
                        .find(&text[end..])
                        .map_or(end, |j| end + j.end());
                    let date = tools
                        .dates
                        .at_start(&text[next..])
                        .or_else(|| tools.dates.day_month_at_start(&text[next..], "2000"));
                    match date {
                        Some(d)
                            if item.find_at(text, next + d.range.end).is_some_and(|m| {
                                text[next + d.range.end..m.start()].trim().is_empty()
                            }) =>
                        {
                            end = next
                                + d.range.end
                                + (text[next + d.range.end..].len()
                                    - text[next + d.range.end..].trim_start().len());
                        }
                        _ => break,
                    }
                }
            }
        }
        at = end.max(first.end());
        // The word for resolution closes the run, perhaps after "etc." ("…第378(1975)号等决议").
        let closes = |m: regex::Match| {
            let between = text[end..end + m.start()].trim();
            grammar
                .items_filler
                .as_ref()
                .map_or(between.is_empty(), |r| r.is_match(between))
        };
        if !grammar
            .resolution_word
            .find(&text[end..])
            .is_some_and(closes)
        {
            continue;
        }
        for range in items {
            let c = item.captures(&text[range.clone()]).unwrap();
            let number = c.name("number").unwrap();
            let printed = ascii_digits(number.as_str())
                .replace('（', "(")
                .replace('）', ")");
            let Some((len, _, symbol)) =
                resolution_at(tools, &printed, &text[..range.start], qualifier, own)
            else {
                continue;
            };
            if symbol.ends_with(')')
                && outside_issuer(tools, &text[..range.start], &text[range.end..], qualifier)
            {
                continue;
            }
            let date = date_before(tools, &text[..range.start], &symbol);
            // "第33/28A至C号": more parts of the same resolution inside the item.
            let number_text = &text[range.start..range.start + number.end()];
            let mut at = number.start() + len.min(number.len());
            let parts = more_parts(grammar, number_text, &symbol, &mut at);
            let end = range.start + number.start() + len.min(number.len());
            mentions.push(Mention {
                symbol,
                date: date.clone(),
                range: range.start + number.start()..end,
            });
            mentions.extend(parts.into_iter().map(|p| Mention {
                date: date.clone(),
                range: range.start + p.range.start..range.start + p.range.end,
                ..p
            }));
        }
    }
    mentions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lexicon;
    use crate::symbol::Organ;

    /// What `find` gives for a text, read (folded) as extraction reads it.
    fn mentions(text: &str, lang: &str, own: Option<&str>) -> (crate::text::Text, Vec<Mention>) {
        let extractor = crate::extract::Extractor::new(Lexicon::load().unwrap());
        let text = crate::text::Text::folded(text, &extractor.lexicon().folding);
        let found = find(text.as_str(), extractor.tools(lang).unwrap(), own);
        (text, found)
    }

    fn cites(text: &str, lang: &str, own: Option<&str>) -> Vec<(String, Option<String>)> {
        let (_, found) = mentions(text, lang, own);
        found.into_iter().map(|m| (m.symbol, m.date)).collect()
    }

    fn s(sym: &str, date: Option<&str>) -> (String, Option<String>) {
        (sym.to_string(), date.map(str::to_string))
    }

    #[test]
    fn security_council_lists_with_dates() {
        let found = cites(
            "Recalling its resolutions 660 (1990) of 2 August 1990, 661 (1990) of 6 August 1990 and 686 (1991) of 2 March 1991,",
            "en",
            Some(Organ::SecurityCouncil.body_iri()),
        );
        assert_eq!(
            found,
            [
                s("S/RES/660 (1990)", Some("1990-08-02")),
                s("S/RES/661 (1990)", Some("1990-08-06")),
                s("S/RES/686 (1991)", Some("1991-03-02"))
            ]
        );
    }

    #[test]
    fn respectively_and_other_organs() {
        let found = cites(
            "General Assembly resolutions 2253 (ES-V) and 2254 (ES-V) of 4 and 14 July 1967, respectively,",
            "en",
            Some(Organ::SecurityCouncil.body_iri()),
        );
        assert_eq!(
            found,
            [
                s("A/RES/2253 (ES-V)", Some("1967-07-04")),
                s("A/RES/2254 (ES-V)", Some("1967-07-14"))
            ]
        );
        let found = cites(
            "Human Rights Council resolution 33/11 of 29 September 2016",
            "en",
            None,
        );
        assert_eq!(found, [s("A/HRC/RES/33/11", Some("2016-09-29"))]);
        let found = cites(
            "resolution 3212 (XXIX), adopted unanimously on 1 November 1974",
            "en",
            None,
        );
        assert_eq!(found, [s("A/RES/3212 (XXIX)", Some("1974-11-01"))]);
    }

    #[test]
    fn ranges_and_parts() {
        let found = cites(
            "resolutions 61/1 to 61/3 and 48/13 C",
            "en",
            Some(Organ::GeneralAssembly.body_iri()),
        );
        assert_eq!(
            found,
            [
                s("A/RES/61/1", None),
                s("A/RES/61/2", None),
                s("A/RES/61/3", None),
                s("A/RES/48/13 C", None)
            ]
        );
    }

    #[test]
    fn other_languages_and_arabic_indic_digits() {
        let found = cites(
            "Rappelant ses résolutions 67/39 du 3 décembre 2012 et 68/32 du 5 décembre 2013,",
            "fr",
            None,
        );
        assert_eq!(
            found,
            [
                s("A/RES/67/39", Some("2012-12-03")),
                s("A/RES/68/32", Some("2013-12-05"))
            ]
        );
        let found = cites(
            "Recordando sus resoluciones 67/39, de 3 de diciembre de 2012, y 68/32,",
            "es",
            None,
        );
        assert_eq!(
            found,
            [s("A/RES/67/39", Some("2012-12-03")), s("A/RES/68/32", None)]
        );
        let found = cites(
            "ссылаясь на свои резолюции 67/39 от 3 декабря 2012 года и 68/32",
            "ru",
            None,
        );
        assert_eq!(
            found,
            [s("A/RES/67/39", Some("2012-12-03")), s("A/RES/68/32", None)]
        );
        let text = "إذ يشير إلى قراره ٦٦٠ (١٩٩٠) المؤرخ ٢ آب/أغسطس ١٩٩٠،";
        let found = cites(text, "ar", Some(Organ::SecurityCouncil.body_iri()));
        assert_eq!(found, [s("S/RES/660 (1990)", Some("1990-08-02"))]);
        let (folded, found) = mentions(text, "ar", None);
        let range = &found[0].range;
        let quoted = folded.slice_chars(folded.char_at(range.start), folded.char_at(range.end));
        assert_eq!(quoted, "٦٦٠ (١٩٩٠)");
    }

    #[test]
    fn signs_of_number_and_dual_words() {
        // "قرار … رقم 338", "قراري" (two resolutions), "резолюция № 1373", "resolution No. 5".
        let found = cites(
            "إذ تشير إلى قرار مجلس الأمن رقم 338 (1973) وقراري الجمعية العامة 2253 (دإط-5) و2254 (دإط-5)،",
            "ar",
            None,
        );
        assert_eq!(
            found,
            [
                s("S/RES/338 (1973)", None),
                s("A/RES/2253 (ES-V)", None),
                s("A/RES/2254 (ES-V)", None)
            ]
        );
        let found = cites("ссылаясь на резолюцию № 1373 (2001),", "ru", None);
        assert_eq!(found, [s("S/RES/1373 (2001)", None)]);
        let found = cites("Recalling resolution No. 1373 (2001),", "en", None);
        assert_eq!(found, [s("S/RES/1373 (2001)", None)]);
    }

    #[test]
    fn chinese_lists() {
        let found = cites(
            "回顾其 2012 年 12 月 3 日第 67/39 号、2013 年 12 月 5 日第 68/32 号和第 78/27 号决议，又回顾第 660(1990)号决议",
            "zh",
            None,
        );
        assert_eq!(
            found,
            [
                s("A/RES/67/39", Some("2012-12-03")),
                s("A/RES/68/32", Some("2013-12-05")),
                s("A/RES/78/27", None),
                s("S/RES/660 (1990)", None)
            ]
        );
    }
}
