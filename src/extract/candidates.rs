//! The permissive first stage of citation finding: every span shaped like a resolution
//! number, wherever it stands ("186 (1964)", "660 1990)", "1514 (XV)", "67/39", "ES-10/22",
//! "2023/1", "WHA69.2", "GC(69)/RES/7"), in digits of any script. Nothing here decides what a
//! span is; [`super::resolve`] keeps it as a citation or rejects it with a reason, and
//! `unkg audit` checks that every span got one or the other.

use crate::lang::pattern::PerThread;
use std::ops::Range;
use std::sync::LazyLock;

/// The shapes of resolution numbers, in ASCII digits: the text extraction reads has the digits
/// of other scripts folded to ASCII (see [`crate::text::Text`]). Longer shapes come first,
/// so that "CM/Res.1153 (XLVIII)" is one span, not "1153 (XLVIII)".
static SHAPES: LazyLock<PerThread> = LazyLock::new(|| {
    PerThread::new(concat!(
        // Security Council: 660 (1990), 186(1964), and the OCR slip "660 1990)".
        r"[0-9]{1,4}\s*(?:[(（]\s*[0-9]{4}\s*[)）]|\s[0-9]{4}[)）])",
        // General Assembly before 1976 and other old series: 1514 (XV), 2453 A (XXIII),
        // 2253 (ES-V), ECOSOC 1091 (XXXIX); sessions in digits (1514 (د-15), 3376 (د ـ 30),
        // 2253 (دإط-5), the hamza read or not) or in Chinese numerals (396 (五)); OCR's 1 for
        // I (170 (11)).
        r"|[0-9]{1,4}(?:\s?[A-Z])?\s*[(（]\s*(?:(?:ES|S)?\s*[-‑–]?\s*[IVXL]{1,7}|(?:ES|S)\s?[-‑–]\s?[0-9]{1,2}|د\s?[اإ]?\s?ط?\s*[-‑–ـ]*\s*[0-9]{1,2}|1[1lIVX]+|[lIVX]+1[1lIVX]*|[IVXL]+l[IVXLl]*|[一二三四五六七八九十]{1,3})\s*[)）]",
        // A Council number in Chinese numerals read by value: 二十(1947).
        r"|[一二三四五六七八九十百〇零]{1,6}\s*[(（]\s*[0-9]{4}\s*[)）]",
        // Sessions and numbers: 67/39, 48/13 C, 33/28A, ES-10/22, S-10/2, دإط ـ 7/2, HRC 33/11,
        // ECOSOC 2023/1.
        r"|(?:(?:ES|S)\s?[-‑–]\s?|د[اإ]ط?\s*[-‑–ـ]*\s*)?[0-9]{1,4}\s?/\s?[0-9]{1,4}(?:\s?[A-Z]{1,2}(?-u:\b))?",
        // Other bodies that number their resolutions: WHA69.2, GC(69)/RES/7, CM/Res.1153 (XLVIII),
        // AG/RES.1733 (XXX-O/00).
        r"|WHA\s?[0-9]{2}\.[0-9]{1,2}|GC\s?\(\s?(?:[0-9]{1,2}|[IVXL]{1,7})\s?\)\s?/\s?RES\s?/\s?[0-9]{1,4}",
        r"|CM\s?/\s?Res\.\s?[0-9]{1,4}\s?\([IVXL]{1,7}\)",
        r"|AG\s?/\s?RES\.\s?[0-9]{1,4}\s?\([IVXL]{1,7}-[OE]/[0-9]{2}\)",
    ))
    .unwrap()
});

/// A four-digit group in parentheses that is no year of the United Nations.
static BAD_YEAR: LazyLock<PerThread> =
    LazyLock::new(|| PerThread::new(r"[(（\s](?:1[0-8]|2[1-9]|[03-9]\d)\d\d\s*[)）]").unwrap());

/// Every citation-shaped span of `text` (byte ranges), in order. A span that continues a
/// longer symbol ("A/79/408", "S/2002/1005", "2015/10/Add.1") or a longer number is not one.
pub fn scan(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for m in SHAPES.find_iter(text) {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        // Letters of scripts without spaces (第67/39号) may touch a number; Latin ones may not.
        let glued_before = before.is_some_and(|c| {
            c.is_ascii_alphanumeric() || c.is_numeric() || matches!(c, '/' | '.' | '-' | '‑')
        });
        // A number after a closing bracket starts the next one ("660(1990)661(1990)").
        let closed = m.as_str().ends_with([')', '）']);
        let glued_after = after.is_some_and(|c| !closed && (c.is_numeric() || c == '/'));
        if glued_before || glued_after {
            continue;
        }
        // "1990/91" and "2015/2016" are spans of years, "12 (2020)" without a year of the
        // record is no Security Council resolution.
        let printed = super::dates::ascii_digits(m.as_str());
        if is_year_span(&printed) || BAD_YEAR.is_match(&printed) {
            continue;
        }
        found.push(m.range());
    }
    found
}

/// The length of the start of `text` that holds at most `n` matches of the shapes: all of it
/// when it holds no more. Counts without keeping anything, so that a text of millions of
/// numbers costs no memory to measure.
pub fn prefix_holding(text: &str, n: usize) -> usize {
    SHAPES
        .find_iter(text)
        .nth(n)
        .map_or(text.len(), |past| past.start())
}

/// No match of the shapes is shorter ("1/1"), and matches do not overlap.
pub const SHORTEST: usize = 3;

fn is_year_span(s: &str) -> bool {
    let Some((a, b)) = s.split_once('/') else {
        return false;
    };
    let (a, b) = (a.trim(), b.trim());
    a.len() == 4 && (a.starts_with("19") || a.starts_with("20")) && (b.len() == 2 || b.len() == 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        scan(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn finds_every_shape_and_skips_longer_symbols() {
        assert_eq!(
            spans("resolutions 186 (1964) of 4 March,\n187 (1964), 660 1990) and 1514 (XV)"),
            ["186 (1964)", "187 (1964)", "660 1990)", "1514 (XV)"]
        );
        assert_eq!(
            spans("resolutions 67/39, ES-10/22 and 48/75 J; report A/79/408; S/2002/1005"),
            ["67/39", "ES-10/22", "48/75 J"]
        );
        assert_eq!(
            spans("WHA69.2 and GC(69)/RES/7, in 2015/2016, decision 2023/1"),
            ["WHA69.2", "GC(69)/RES/7", "2023/1"]
        );
        assert_eq!(
            spans("resolutions CM/Res.1153 (XLVIII) of 1988"),
            ["CM/Res.1153 (XLVIII)"]
        );
        assert_eq!(
            spans("第338(1973)号 660 （1990）"),
            ["338(1973)", "660 （1990）"]
        );
        // A list run together without separators.
        assert_eq!(
            spans("第660(1990)661(1990)和686(1991)号"),
            ["660(1990)", "661(1990)", "686(1991)"]
        );
        // Sessions in other scripts, numbers in Chinese numerals, OCR's 1 for I, fused parts.
        assert_eq!(
            spans(
                "3376 (د ـ 30) و 2253 (دإط-5) ودإط ـ 7/2 决议案396(五) 二十(1947) 170 (11) 33/28A至C"
            ),
            [
                "3376 (د ـ 30)",
                "2253 (دإط-5)",
                "دإط ـ 7/2",
                "396(五)",
                "二十(1947)",
                "170 (11)",
                "33/28A"
            ]
        );
    }
}
