//! Resolution references: "its resolutions 660 (1990) of 2 August 1990, 661 (1990) … and 678
//! (1990)", "resolutions 61/1 to 61/5", "General Assembly resolution 2625 (XXV)", "第 67/39 号决议",
//! each read into canonical symbols with the dates the text states for them.

use super::dates::DateReader;
use super::symbols::{Organ, Qualifier, RESOLUTION_NUMBER, resolution_at};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One mention of a resolution in flat text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub symbol: String,
    pub date: Option<String>,
    pub range: Range<usize>,
}

static KEYWORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bresolutions?\b\.?").unwrap());
static ORGAN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(General Assembly|Security Council|Human Rights Council|Economic and Social Council|World Health Assembly)(?:'s|’s)?\s*$").unwrap()
});
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:,\s*(?:and\s+)?|and\s+|as well as\s+|or\s+|to\s+|through\s+|nos?\.\s*)")
        .unwrap()
});
static DATE_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?:of|dated|adopted(?:\s+unanimously)?\s+on|adopted\s+on)\s+").unwrap()
});
static RESPECTIVELY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*,?\s*respectively").unwrap());
static WHA_SYMBOL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bWHA\d{2}\.\d{1,2}\b").unwrap());
static ZH_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*)?第\s*((?:(?:ES|S)-)?\d{1,4}(?:/\d{1,4}(?:\s?[A-H])?|\s*[(（]\s*(?:\d{4}|(?:ES|S)?-?[IVXL]+)\s*[)）]))\s*号").unwrap()
});
static ZH_JOIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:、|和|及|以及|与|,|，)\s*").unwrap());
static ZH_ORGAN_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(人权理事会|经济及社会理事会|世界卫生大会)\s*$").unwrap());

/// Finds every resolution mentioned in `text` (one paragraph or footnote, flattened).
pub fn find(text: &str, lang: &str, own: Option<Organ>, dates: &DateReader) -> Vec<Mention> {
    let mut mentions = if lang == "zh" {
        find_chinese(text, dates)
    } else {
        find_keyworded(text, own, dates)
    };
    // WHO symbols written whole ("WHA69.2") need no keyword.
    for m in WHA_SYMBOL.find_iter(text) {
        if !mentions
            .iter()
            .any(|x| x.range.start <= m.start() && m.end() <= x.range.end + 3)
        {
            mentions.push(Mention {
                symbol: m.as_str().to_string(),
                date: None,
                range: m.range(),
            });
        }
    }
    mentions.sort_by_key(|m| m.range.start);
    mentions
}

fn find_keyworded(text: &str, own: Option<Organ>, dates: &DateReader) -> Vec<Mention> {
    let mut mentions = Vec::new();
    for kw in KEYWORD.find_iter(text) {
        let qualifier = ORGAN_BEFORE
            .captures(&text[..kw.start()])
            .and_then(|c| Organ::from_name(&title_case(&c[1])))
            .map_or(Qualifier::Own, Qualifier::Named);
        let mut at = kw.end();
        let mut list: Vec<Mention> = Vec::new();
        let mut range_pending = false;
        loop {
            let rest = &text[at..];
            let skip = rest.len() - rest.trim_start().len();
            let Some((len, symbol)) = resolution_at(&rest[skip..], qualifier, own) else {
                break;
            };
            let range = at + skip..at + skip + len;
            at = range.end;
            if range_pending && let Some(prev) = list.last() {
                list.extend(expand_range(&prev.symbol, &symbol, &range));
            }
            list.push(Mention {
                symbol,
                date: None,
                range,
            });
            // A date for this one, or for several at once ("of 4 and 14 July 1967, respectively").
            if let Some(intro) = DATE_INTRO.find(&text[at..]) {
                let after = at + intro.end();
                let undated: Vec<usize> = (0..list.len())
                    .filter(|&i| list[i].date.is_none())
                    .collect();
                // Several dates for as many resolutions: "of 4 and 14 July 1967 (, respectively)".
                if let Some((r, isos)) = dates.list_at_start(&text[after..])
                    && isos.len() > 1
                    && (RESPECTIVELY.is_match(&text[after + r.end..])
                        || undated.len() >= isos.len())
                {
                    for (i, iso) in undated.iter().rev().zip(isos.iter().rev()) {
                        list[*i].date = Some(iso.clone());
                    }
                    at = after + r.end;
                } else if let Some(d) = dates.at_start(&text[after..]) {
                    list.last_mut().unwrap().date = Some(d.iso);
                    at = after + d.range.end;
                } else if let Some((r, isos)) = dates.list_at_start(&text[after..]) {
                    list.last_mut().unwrap().date = isos.into_iter().next();
                    at = after + r.end;
                }
            }
            match SEPARATOR.find(&text[at..]) {
                Some(sep) => {
                    range_pending = sep.as_str().trim_start().starts_with("to")
                        || sep.as_str().contains("through");
                    // A following "resolution" keyword starts its own list.
                    if !RESOLUTION_NUMBER.is_match(text[at + sep.end()..].trim_start()) {
                        break;
                    }
                    at += sep.end();
                }
                None => break,
            }
        }
        mentions.extend(list);
    }
    mentions
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

fn find_chinese(text: &str, dates: &DateReader) -> Vec<Mention> {
    let mut mentions = Vec::new();
    let mut at = 0;
    while let Some(first) = ZH_ITEM.find_at(text, at) {
        let qualifier = ZH_ORGAN_BEFORE
            .captures(&text[..first.start()])
            .and_then(|c| match &c[1] {
                "人权理事会" => Some(Organ::HumanRightsCouncil),
                "经济及社会理事会" => Some(Organ::EconomicAndSocialCouncil),
                "世界卫生大会" => Some(Organ::WorldHealthAssembly),
                _ => None,
            })
            .map_or(Qualifier::Own, Qualifier::Named);
        // A run of items joined by 、和 …, closed by 决议.
        let mut items = Vec::new();
        let mut end = first.start();
        while let Some(c) = ZH_ITEM
            .captures_at(text, end)
            .filter(|c| c.get(0).unwrap().start() == end)
        {
            items.push(c.get(0).unwrap().range());
            end = c.get(0).unwrap().end();
            match ZH_JOIN.find(&text[end..]) {
                Some(j)
                    if ZH_ITEM
                        .find_at(text, end + j.end())
                        .is_some_and(|m| m.start() == end + j.end()) =>
                {
                    end += j.end()
                }
                _ => break,
            }
        }
        at = end.max(first.end());
        if !text[end..].trim_start().starts_with("决议") {
            continue;
        }
        for item in items {
            let c = ZH_ITEM.captures(&text[item.clone()]).unwrap();
            let number = c[2].replace('（', "(").replace('）', ")");
            let Some((_, symbol)) = resolution_at(&number, qualifier, None) else {
                continue;
            };
            let date = c
                .get(1)
                .and_then(|d| dates.find_all(d.as_str()).into_iter().next())
                .map(|d| d.iso);
            let m = c.get(2).unwrap();
            mentions.push(Mention {
                symbol,
                date,
                range: item.start + m.start()..item.start + m.end(),
            });
        }
    }
    mentions
}

fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            if lower == "and" {
                return lower;
            }
            let mut c = lower.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lexicon;

    fn cites(text: &str, lang: &str, own: Option<Organ>) -> Vec<(String, Option<String>)> {
        let dates = DateReader::new(&Lexicon::load().unwrap(), lang);
        find(text, lang, own, &dates)
            .into_iter()
            .map(|m| (m.symbol, m.date))
            .collect()
    }

    fn s(sym: &str, date: Option<&str>) -> (String, Option<String>) {
        (sym.to_string(), date.map(str::to_string))
    }

    #[test]
    fn security_council_lists_with_dates() {
        let found = cites(
            "Recalling its resolutions 660 (1990) of 2 August 1990, 661 (1990) of 6 August 1990 and 686 (1991) of 2 March 1991,",
            "en",
            Some(Organ::SecurityCouncil),
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
            Some(Organ::SecurityCouncil),
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
            Some(Organ::GeneralAssembly),
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
