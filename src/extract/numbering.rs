//! How operative paragraphs are numbered: "3. ", "3, ", "3 - ", "1.- " and a number fused to
//! its word ("1.Stresses") in every language, and each language's own forms from
//! `unkg:paragraphNumber` of `ontology/grammar.ttl` ("1 ـ", "1ـ", "一、", "1.决定").

use crate::lang::grammar::Grammar;
use crate::lang::pattern::Pattern;
use crate::text::Numerals;
use std::sync::LazyLock;

/// The forms every language prints. Group `n` is the number; group `text`, where present,
/// marks where the paragraph's words begin (else they begin where the match ends).
static COMMON: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    [
        r"^\s*(?:\*\*)?(?P<n>[0-9SlIO]{1,3})\s*(?:[.,]\s*(?:\*\*)?(?:\s|$)|\.-\s*|-\s+)",
        // A PDF copy that lost the space after the number ("1.Stressesthe importance").
        r"^\s*(?P<n>[0-9]{1,3})\.(?P<text>)\p{L}",
    ]
    .iter()
    .map(|p| Pattern::new(p).unwrap())
    .collect()
});

pub struct Numbering {
    patterns: Vec<Pattern>,
    numerals: Numerals,
}

impl Numbering {
    pub fn new(grammar: &Grammar) -> Self {
        Numbering {
            patterns: COMMON
                .iter()
                .chain(&grammar.paragraph_numbers)
                .cloned()
                .collect(),
            numerals: grammar.numerals.clone(),
        }
    }

    /// Whether a line starting with `c` may open with a number: most lines cannot, and are
    /// spared the patterns.
    fn may_start(&self, c: char) -> bool {
        matches!(c, '0'..='9' | 'S' | 'l' | 'I' | 'O' | '*') || self.numerals.is_numeral(c)
    }

    /// The number that opens `line` and the byte offset where the paragraph's words begin.
    pub fn read(&self, line: &str) -> Option<(u32, usize)> {
        let first = line.trim_start().chars().next()?;
        if !self.may_start(first) {
            return None;
        }
        self.patterns.iter().find_map(|p| {
            let c = p.captures_if_match(line)?;
            let text = c.name("text");
            let start = text.unwrap_or(c.get(0)?).start();
            let end = text.map_or(c.get(0)?.end(), |_| start);
            Some((self.value(&c["n"])?, end))
        })
    }

    pub fn is_match(&self, line: &str) -> bool {
        self.read(line).is_some()
    }

    /// The paragraph's words after its number ("3. ").
    pub fn strip<'a>(&self, text: &'a str) -> &'a str {
        match self.read(text) {
            Some((_, at)) => text[at..].trim_start(),
            None => text.trim_start(),
        }
    }

    /// A number as printed, reading OCR slips ("S." for 5, "l." for 1) and numerals.
    fn value(&self, printed: &str) -> Option<u32> {
        if printed.chars().any(|c| self.numerals.is_numeral(c)) {
            return self.numerals.value(printed);
        }
        let digits: String = printed
            .chars()
            .map(|c| match c {
                'S' => '5',
                'l' | 'I' => '1',
                'O' => '0',
                c => c,
            })
            .collect();
        digits.parse().ok()
    }
}

/// The line after a list marker ("- ", "* ", "• "), which web copies put before paragraphs.
pub fn strip_bullet(line: &str) -> &str {
    let trimmed = line.trim_start();
    match trimmed.strip_prefix(['-', '*', '•', '·', '–']) {
        Some(rest) if rest.starts_with(' ') && !rest.trim_start().is_empty() => rest.trim_start(),
        _ => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lexicon;

    #[test]
    fn reads_the_numbers_of_each_language() {
        let lexicon = Lexicon::load().unwrap();
        let read = |lang: &str, line: &str| {
            Numbering::new(&lexicon.grammars[lang])
                .read(line)
                .map(|(n, at)| (n, line[at..].to_string()))
        };
        let pair = |n: u32, rest: &str| Some((n, rest.to_string()));
        assert_eq!(read("en", "3. Decides"), pair(3, "Decides"));
        assert_eq!(read("en", "S. Decides"), pair(5, "Decides"));
        assert_eq!(
            read("en", "1.Stressesthe importance"),
            pair(1, "Stressesthe importance")
        );
        assert_eq!(read("en", "1.5 million"), None);
        assert_eq!(read("es", "64.- Los Estados"), pair(64, "Los Estados"));
        assert_eq!(read("ar", "1 ـ يقرر"), pair(1, "يقرر"));
        assert_eq!(read("ar", "2ـ يطلب"), pair(2, "يطلب"));
        assert_eq!(read("ar", "3 - يطلب"), pair(3, "يطلب"));
        assert_eq!(read("zh", "1.决定:"), pair(1, "决定:"));
        assert_eq!(read("zh", "三、请秘书长"), pair(3, "请秘书长"));
        assert_eq!(read("zh", "一.认为"), pair(1, "认为"));
        assert_eq!(read("zh", "2013年"), None);
        assert_eq!(strip_bullet("- 1. 决定"), "1. 决定");
        assert_eq!(strip_bullet("**Decides**"), "**Decides**");
    }
}
