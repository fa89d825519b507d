//! Dates as printed: "3 December 2012", "27 April and 2 May 1990", "2012 年 12 月 3 日".
//! Month names come from `ontology/dates.ttl`; OCR slips in month names ("Apri]") are read.

use crate::lang::Lexicon;
use crate::lang::pattern::Pattern;
use std::ops::Range;

/// The longest a printed date runs, in bytes ("29 сентября 2016 года", "2012 年 12 月 3 日").
const DATE_WINDOW: usize = 80;

/// A date found in flat text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub range: Range<usize>,
    pub iso: String,
}

pub struct DateReader {
    /// Month names (lower case, OCR-folded) → number.
    months: Vec<(String, u32)>,
    /// The language's date form (`ontology/grammar.ttl`).
    date: Pattern,
    /// The same, only at the start of a text: a date that is not there is given up on at
    /// once, not looked for further on.
    date_at_start: Pattern,
    /// "4 and 14 July 1967": several days (or day-month pairs) sharing a year.
    date_list: Pattern,
    /// One "day [month]" of a date list.
    date_pair: Pattern,
    /// The language's day and month without a year (`ontology/grammar.ttl`).
    day_month: Option<Pattern>,
    /// Numerals of days and months written in characters ("二十二日").
    numerals: crate::text::Numerals,
}

impl DateReader {
    pub fn new(lexicon: &Lexicon, lang: &str) -> Self {
        let mut months: Vec<(String, u32)> = lexicon
            .months
            .get(lang)
            .into_iter()
            .flatten()
            .map(|(name, n)| (fold_month(name), *n))
            .collect();
        months.sort_by_key(|m| std::cmp::Reverse(m.0.len()));
        let grammar = lexicon.grammars.get(lang);
        let month = grammar.map_or(r"[^\s\S]", |g| g.month.as_str());
        let date = grammar.map(|g| g.date.clone()).unwrap_or_else(never);
        let date_at_start =
            Pattern::new(&format!("^(?:{})", date.as_str())).unwrap_or_else(|_| never());
        DateReader {
            months,
            date,
            date_at_start,
            date_list: Pattern::new(&format!(
                r"^(\d{{1,2}})(?:\s+({month}))?(?:\s*(?:{joiner})\s+(\d{{1,2}})(?:\s+({month}))?)+\s*,?\s*(\d{{4}})\b",
                joiner = grammar.map_or(",", |g| g.date_list_joiner.as_str())
            ))
            .unwrap_or_else(|_| never()),
            date_pair: Pattern::new(&format!(r"(\d{{1,2}})(?:\s+({month}))?"))
                .unwrap_or_else(|_| never()),
            day_month: grammar.and_then(|g| g.day_month.clone()),
            numerals: grammar.map(|g| g.numerals.clone()).unwrap_or_default(),
        }
    }

    /// The month number of a printed month name.
    pub fn month(&self, name: &str) -> Option<u32> {
        let folded = fold_month(name);
        if let Some((_, n)) = self.months.iter().find(|(m, _)| *m == folded) {
            return Some(*n);
        }
        // One OCR slip in a long month name ("Septernber") is still that month; in a short
        // one ("mal" for "mai") only a letter misread after the first.
        let slip = |m: &str| {
            if folded.len() >= 5 {
                m.len() >= 5 && one_edit_apart(m, &folded)
            } else {
                folded.len() >= 3
                    && m.len() == folded.len()
                    && m.chars().next() == folded.chars().next()
                    && one_edit_apart(m, &folded)
            }
        };
        self.months.iter().find(|(m, _)| slip(m)).map(|(_, n)| *n)
    }

    /// A number as printed, in ASCII digits: digits of any script, and numerals written in
    /// characters read by value ("二十二" → 22); OCR slips ("ler") are left for the caller.
    fn numeral(&self, printed: &str) -> String {
        if printed.chars().any(|c| self.numerals.is_numeral(c)) {
            return self
                .numerals
                .value(printed)
                .map_or_else(String::new, |n| n.to_string());
        }
        ascii_digits(printed).into_owned()
    }

    /// Every date in `text`, in order.
    pub fn find_all(&self, text: &str) -> Vec<FoundDate> {
        self.date
            .captures_iter(text)
            .filter_map(|c| self.read(text, &c))
            .collect()
    }

    /// The date a match of the date form gives, if it is one.
    fn read(&self, text: &str, c: &regex::Captures) -> Option<FoundDate> {
        // A language may write the parts in a second order too ("July 25, 1996" beside
        // "25 July 1996"): its groups are named day2, month2, year2.
        let part = |name: &str| c.name(name).or_else(|| c.name(&format!("{name}2")));
        let month = match (part("month"), c.name("monthnum")) {
            (Some(name), _) => self.month(name.as_str()),
            (None, Some(number)) => self.numeral(number.as_str()).parse().ok(),
            _ => None,
        };
        let (day, year) = (
            self.numeral(part("day")?.as_str()),
            self.numeral(part("year")?.as_str()),
        );
        // A day glued to a longer number ("112 December") is not a day.
        let whole = c.get(0)?;
        if text[..whole.start()].ends_with(|ch: char| ch.is_numeric()) {
            return None;
        }
        Some(FoundDate {
            range: whole.range(),
            iso: iso(&year, month, &ocr_day(&day))?,
        })
    }

    /// Whether `text` begins with a month name ("March 1991, …").
    pub fn starts_with_month(&self, text: &str) -> bool {
        let word: String = text
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == ']' || *c == '/')
            .collect();
        !word.is_empty() && self.month(&word).is_some()
    }

    /// The date that starts at the beginning of `text` (after white space), if any.
    pub fn at_start(&self, text: &str) -> Option<FoundDate> {
        let trimmed = text.len() - text.trim_start().len();
        // A date is short: looking past its longest form would make lists quadratic.
        let window = crate::text::head(&text[trimmed..], DATE_WINDOW);
        let d = self.read(window, &self.date_at_start.captures(window)?)?;
        Some(FoundDate {
            range: d.range.start + trimmed..d.range.end + trimmed,
            iso: d.iso,
        })
    }

    /// A day and month at the start of `text` whose year the context gives ("186 (1964) of
    /// 4 March, 187 (1964) of 13 March"), as ISO with `year`.
    pub fn day_month_at_start(&self, text: &str, year: &str) -> Option<FoundDate> {
        let trimmed = text.len() - text.trim_start().len();
        let c = self
            .day_month
            .as_ref()?
            .captures(crate::text::head(&text[trimmed..], DATE_WINDOW))?;
        let month = match (c.name("month"), c.name("monthnum")) {
            (Some(name), _) => self.month(name.as_str()),
            (None, Some(number)) => self.numeral(number.as_str()).parse().ok(),
            _ => None,
        };
        let day = ocr_day(&self.numeral(c.name("day")?.as_str()));
        Some(FoundDate {
            range: trimmed..trimmed + c.get(0)?.end(),
            iso: iso(year, month, &day)?,
        })
    }

    /// A list of dates sharing month or year at the start of `text` ("4 and 14 July 1967",
    /// "27 April and 2 May 1990"), each as ISO.
    pub fn list_at_start(&self, text: &str) -> Option<(Range<usize>, Vec<String>)> {
        let trimmed = text.len() - text.trim_start().len();
        let m = self.date_list.find(&text[trimmed..])?;
        if m.start() != 0 {
            return None;
        }
        let body = m.as_str();
        // The year is the last four digits, of whatever script (so not four bytes).
        let year_start = body.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
        let year = ascii_digits(&body[year_start..]);
        // Walk the (day, month?) pairs; a day without a month takes the next month given.
        let mut days: Vec<(String, Option<u32>)> = Vec::new();
        for c in self.date_pair.captures_iter(&body[..year_start]) {
            // A word that is no month ("and") just separates days.
            let month = c.get(2).and_then(|m| self.month(m.as_str()));
            days.push((c[1].to_string(), month));
        }
        let mut next_month = None;
        let mut dates = Vec::new();
        for (day, month) in days.iter().rev() {
            if month.is_some() {
                next_month = *month;
            }
            dates.push(iso(&year, next_month, &ascii_digits(day))?);
        }
        dates.reverse();
        Some((trimmed..trimmed + m.end(), dates))
    }
}

/// A pattern that matches nothing, for a language without the form.
fn never() -> Pattern {
    Pattern::new(r"[^\s\S]").unwrap()
}

/// Lower case, with the OCR confusions of "l" folded in.
fn fold_month(name: &str) -> String {
    name.trim_end_matches('.')
        .chars()
        // "octo bre", "Janu-ary": a word split by two-column hyphenation, or at a line end.
        .filter(|c| *c != ' ' && *c != '-')
        .map(|c| match c {
            ']' | '[' | '|' | '!' | '1' => 'l',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// A day as printed, with OCR's "l" and "I" for 1 ("ler août" is the 1st).
fn ocr_day(printed: &str) -> String {
    ascii_digits(printed)
        .replace(['l', 'I'], "1")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

/// Digits of any script (Arabic-Indic "٢٠٢٤") as ASCII digits.
pub fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
    // Most texts print ASCII digits: nothing to convert, nothing to copy.
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(_) => c,
            None => match c as u32 {
                0x0660..=0x0669 => char::from(b'0' + (c as u32 - 0x0660) as u8),
                0x06F0..=0x06F9 => char::from(b'0' + (c as u32 - 0x06F0) as u8),
                0xFF10..=0xFF19 => char::from(b'0' + (c as u32 - 0xFF10) as u8),
                _ => c,
            },
        })
        .collect()
}

fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() == b.len() {
        return a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1;
    }
    let (short, long) = if a.len() < b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() != 1 {
        return false;
    }
    (0..long.len()).any(|skip| {
        long.iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, c)| c)
            .eq(short.iter())
    })
}

/// An ISO date from its parts, if it is a real calendar date.
pub fn iso(year: &str, month: Option<u32>, day: &str) -> Option<String> {
    let year: i32 = year.parse().ok()?;
    let month = month?;
    let day: u32 = day.parse().ok()?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1..=days_in_month).contains(&day) || !(1900..=2100).contains(&year) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(lang: &str) -> DateReader {
        DateReader::new(&Lexicon::load().unwrap(), lang)
    }

    #[test]
    fn reads_english_dates_with_ocr_slips() {
        let r = reader("en");
        let found = r.find_all("of 3 Apri] 1991 and of 29 November 1990");
        let isos: Vec<_> = found.iter().map(|d| d.iso.as_str()).collect();
        assert_eq!(isos, ["1991-04-03", "1990-11-29"]);
        assert_eq!(
            r.at_start(" 2 December 2024 more").unwrap().iso,
            "2024-12-02"
        );
        assert!(r.find_all("31 February 2020").is_empty());
    }

    #[test]
    fn reads_date_lists() {
        let r = reader("en");
        let (_, dates) = r.list_at_start("4 and 14 July 1967, respectively").unwrap();
        assert_eq!(dates, ["1967-07-04", "1967-07-14"]);
        let (_, dates) = r.list_at_start("27 April and 2 May 1990;").unwrap();
        assert_eq!(dates, ["1990-04-27", "1990-05-02"]);
    }

    #[test]
    fn reads_chinese_dates() {
        let r = reader("zh");
        assert_eq!(
            r.find_all("回顾其 2012 年 12 月 3 日第 67/39 号")[0].iso,
            "2012-12-03"
        );
        assert_eq!(
            r.find_all("一九七三年十月二十二日第338(1973)号")[0].iso,
            "1973-10-22"
        );
        assert_eq!(r.find_all("二〇一二年十二月三日")[0].iso, "2012-12-03");
    }
}
