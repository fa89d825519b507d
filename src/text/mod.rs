//! Normalised text: the NFC form that every span points into, its lines, and "flat" views of
//! runs of lines with white space folded and markup dropped, each keeping a map back to the
//! character offsets of the normalised text.

mod flat;
mod numerals;

pub use flat::Flat;
pub use numerals::Numerals;

/// A table keyed by character. Folding looks one up for each character of a text outside
/// ASCII: a fast hash, since the keys are the lexicon's, not an adversary's.
pub type CharMap<V> = std::collections::HashMap<char, V, foldhash::fast::FixedState>;

use sha2::{Digest, Sha256};
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// What matching reads a text as, one character for one, so that spans found in the folded
/// text are true to the printed one.
#[derive(Debug, Clone, Default)]
pub struct Folding {
    /// Variants read as their standard forms (traditional Chinese as simplified).
    pub variants: CharMap<char>,
    /// Numerals written digit by digit in characters ("一九七六"), read as digits.
    pub numerals: Numerals,
    /// Letters of two scripts that print alike, as (Cyrillic, Latin): a letter of one script
    /// inside a word of the other ("Cоветом" with a Latin C, "А/56/589" with a Cyrillic А)
    /// is read as its look-alike.
    pub lookalikes: Vec<(char, char)>,
}

impl Folding {
    /// Whether a text with these characters outside ASCII needs folding.
    fn needed(&self, text: &str) -> bool {
        if !may_fold(text) {
            return false;
        }
        let mut cyrillic = false;
        for c in non_ascii_chars(text) {
            if fold_char(c, &self.variants) != c || self.numerals.is_numeral(c) {
                return true;
            }
            cyrillic |= is_cyrillic(c);
        }
        cyrillic && !self.lookalikes.is_empty() && mixes_scripts(text)
    }

    /// The folded text, character for character.
    fn apply(&self, text: &str) -> String {
        let folded: String = text.chars().map(|c| fold_char(c, &self.variants)).collect();
        // Runs of numerals and words of two scripts (which need a Cyrillic letter) are read
        // beside their neighbours: only they need the text as characters. Most texts that
        // fold, Arabic or traditional Chinese ones, have neither.
        let lookalikes = !self.lookalikes.is_empty() && folded.chars().any(is_cyrillic);
        if !lookalikes && !folded.chars().any(|c| self.numerals.is_numeral(c)) {
            return folded;
        }
        let mut chars: Vec<char> = folded.chars().collect();
        self.numerals.fold_digit_runs(&mut chars);
        if lookalikes {
            fold_lookalikes(&mut chars, &self.lookalikes);
        }
        chars.into_iter().collect()
    }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c as u32, 0x0400..=0x04FF)
}

/// Whether a Cyrillic letter touches a Latin one, or a slash (a symbol's series letter).
fn mixes_scripts(text: &str) -> bool {
    let mut previous = ' ';
    text.chars().any(|c| {
        let mixed = (is_cyrillic(previous) && (c.is_ascii_alphabetic() || c == '/'))
            || (previous.is_ascii_alphabetic() && is_cyrillic(c));
        previous = c;
        mixed
    })
}

/// Reads each letter of the minority script inside a word of two scripts as its look-alike
/// in the other ("Cоветом" → "Советом"); and a word of Cyrillic capitals that look Latin just
/// before a slash as Latin ("А/56/589" → "A/56/589").
fn fold_lookalikes(chars: &mut [char], pairs: &[(char, char)]) {
    let to_latin = |c: char| pairs.iter().find(|p| p.0 == c).map(|p| p.1);
    let to_cyrillic = |c: char| pairs.iter().find(|p| p.1 == c).map(|p| p.0);
    // The letters of the six languages' scripts are told without the general table (a
    // search per character); the ranges are all letters (Unicode's Lo and Ll).
    let is_letter = |c: char| {
        matches!(c as u32,
            0x0400..=0x0481 | 0x048A..=0x04FF | 0x0621..=0x063A | 0x0641..=0x064A
            | 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
            || c.is_alphabetic()
    };
    let mut i = 0;
    while i < chars.len() {
        if !is_letter(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_letter(chars[i]) {
            i += 1;
        }
        let word = &mut chars[start..i];
        let cyrillic = word.iter().filter(|c| is_cyrillic(**c)).count();
        let latin = word.iter().filter(|c| c.is_ascii_alphabetic()).count();
        let before_slash = chars.get(i) == Some(&'/');
        let word = &mut chars[start..i];
        if cyrillic > 0 && (latin > cyrillic || latin == 0 && before_slash) {
            if word
                .iter()
                .all(|c| !is_cyrillic(*c) || to_latin(*c).is_some())
            {
                for c in word.iter_mut() {
                    *c = to_latin(*c).unwrap_or(*c);
                }
            }
        } else if latin > 0 && cyrillic > latin {
            for c in word.iter_mut() {
                *c = to_cyrillic(*c).unwrap_or(*c);
            }
        }
    }
}

/// A document's text after Unicode NFC normalisation, split into lines. Matching reads a
/// folded copy (full-width and Arabic-Indic digits as ASCII, traditional Chinese as
/// simplified, …) with the same characters at the same offsets, so spans found in it point
/// into the normalised text itself, which quotes and the digest come from.
#[derive(Debug, Clone)]
pub struct Text {
    /// What matching reads: the normalised text, folded.
    text: String,
    /// The normalised text, when folding changed it: (text, byte offset of every character).
    original: Option<(String, Vec<u32>)>,
    /// Byte range of every line, without its line terminator.
    lines: Vec<Range<usize>>,
    /// Character offset of every byte offset (and of the end).
    char_of_byte: Vec<u32>,
    /// Byte offset of every character (and of the end).
    byte_of_char: Vec<u32>,
}

impl Text {
    /// Normalises `raw` to NFC, turning CR LF and lone CR into LF, a BOM into nothing, and the
    /// characters XML cannot hold into others ([`xml_safe`]).
    pub fn new(raw: &str) -> Self {
        Self::folded(raw, &Folding::default())
    }

    /// [`Text::new`], with `folding` and the fixed foldings of digits applied for matching.
    pub fn folded(raw: &str, folding: &Folding) -> Self {
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        let raw = if raw.contains('\r') {
            raw.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            raw.to_string()
        };
        let raw = if needs_xml_safe(&raw) {
            raw.chars().map(xml_safe).collect()
        } else {
            raw
        };
        // Most texts are already NFC: their characters are all of blocks that need no
        // normalisation, or the quick check clears them; either spares rebuilding them.
        let text = if non_ascii_chars(&raw).all(always_nfc)
            || unicode_normalization::is_nfc_quick(raw.chars())
                == unicode_normalization::IsNormalized::Yes
        {
            raw
        } else {
            raw.nfc().collect()
        };
        // Most texts need no folding: they are checked before anything is copied.
        let (text, original) = if folding.needed(&text) {
            let folded = folding.apply(&text);
            let offsets = char_offsets(&text);
            (folded, Some((text, offsets)))
        } else {
            (text, None)
        };
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices('\n') {
            lines.push(start..i);
            start = i + 1;
        }
        if start < text.len() {
            lines.push(start..text.len());
        }
        let (char_of_byte, byte_of_char) = if text.is_ascii() {
            let identity: Vec<u32> = (0..=text.len() as u32).collect();
            (identity.clone(), identity)
        } else {
            // A byte that is not a UTF-8 continuation byte starts a character. Built by
            // iterators of known length, which spare a capacity check per byte.
            let mut chars = 0;
            let char_of_byte: Vec<u32> = text
                .as_bytes()
                .iter()
                .chain([&0])
                .map(|&b| {
                    chars += u32::from(b & 0xC0 != 0x80);
                    chars - 1
                })
                .collect();
            (char_of_byte, char_offsets(&text))
        };
        Text {
            text,
            original,
            lines,
            char_of_byte,
            byte_of_char,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn lines(&self) -> &[Range<usize>] {
        &self.lines
    }

    pub fn line(&self, index: usize) -> &str {
        &self.text[self.lines[index].clone()]
    }

    /// Number of characters (Unicode scalar values).
    pub fn char_len(&self) -> usize {
        self.char_of_byte[self.text.len()] as usize
    }

    /// Character offset of a byte offset.
    pub fn char_at(&self, byte: usize) -> usize {
        self.char_of_byte[byte] as usize
    }

    /// The character at a character offset, as matching reads it.
    pub fn folded_char(&self, at: usize) -> Option<char> {
        let byte = *self.byte_of_char.get(at)? as usize;
        self.text.get(byte..)?.chars().next()
    }

    /// The normalised text, unfolded: what spans quote.
    pub fn original(&self) -> &str {
        self.original.as_ref().map_or(&self.text, |(t, _)| t)
    }

    /// Hex SHA-256 of the normalised text.
    pub fn sha256(&self) -> String {
        hex(&Sha256::digest(self.original().as_bytes()))
    }

    /// The text of a character span; empty when the span is not inside the text.
    pub fn slice_chars(&self, start: usize, end: usize) -> &str {
        let (text, byte_of_char) = match &self.original {
            Some((text, offsets)) => (text.as_str(), offsets),
            None => (self.text.as_str(), &self.byte_of_char),
        };
        match (byte_of_char.get(start), byte_of_char.get(end)) {
            (Some(&a), Some(&b)) if a <= b => &text[a as usize..b as usize],
            _ => "",
        }
    }
}

/// Bytes as lower-case hexadecimal (digests, content keys).
/// Text made safe to put in HTML, in an element or a quoted attribute.
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

/// Whether `s` may hold a character that folds: one whose UTF-8 lead byte is that of the
/// no-break space (C2), of Cyrillic letters (D0, D1), of the Arabic letter mark and digits
/// (D8, D9, DB), of narrow no-break spaces and format characters (E2), of CJK ideographs and
/// numerals (E3–E9) or of full-width forms and the BOM (EF).
/// Many texts have none, and a look at their bytes spares decoding them.
fn may_fold(s: &str) -> bool {
    s.bytes().any(|b| {
        matches!(
            b,
            0xC2 | 0xD0 | 0xD1 | 0xD8 | 0xD9 | 0xDB | 0xE2..=0xE9 | 0xEF
        )
    })
}

/// The characters of `s` outside ASCII: what normalising and folding may change. Runs of
/// ASCII are skipped by a scan of their bytes; a text in another script is read character
/// by character, with no scan before each.
pub fn non_ascii_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = s.chars();
    std::iter::from_fn(move || {
        loop {
            let rest = chars.as_str();
            match chars.next()? {
                c if c.is_ascii() => {
                    let at = next_non_ascii(rest.as_bytes())?;
                    chars = rest[at..].chars();
                }
                c => return Some(c),
            }
        }
    })
}

/// The first three bytes of each character outside ASCII (0 past the end of `s`), which tell
/// its block without decoding it; ASCII is skipped a block of bytes at a time.
pub fn non_ascii_heads(s: &str) -> impl Iterator<Item = [u8; 3]> + '_ {
    let bytes = s.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        if bytes.get(at).is_none_or(u8::is_ascii) {
            at += next_non_ascii(bytes.get(at..)?)?;
        }
        let byte = |i: usize| bytes.get(at + i).copied().unwrap_or(0);
        let head = [byte(0), byte(1), byte(2)];
        // The length of the character, from its first byte.
        at += match head[0] {
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
        Some(head)
    })
}

/// The offset of the first byte outside ASCII, looked for a block of bytes at a time (a
/// block's test is one vector instruction).
fn next_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    for block in bytes.chunks(32) {
        if !block.is_ascii() {
            return Some(at + block.iter().position(|b| !b.is_ascii())?);
        }
        at += block.len();
    }
    None
}

/// The length of the run of plain ASCII at the start of `bytes`: graphic characters other
/// than `excluded`, and spaces, never two in a row (nor one first, after a space). Most of a
/// text is such runs; they are measured a block of 16 bytes at a time, which the compiler
/// turns into vector instructions.
pub fn plain_ascii_run<const N: usize>(
    bytes: &[u8],
    excluded: [u8; N],
    after_space: bool,
) -> usize {
    let plain = |b: u8| b.wrapping_sub(b' ') < 0x5F && excluded.iter().all(|&e| e != b);
    // Callers ask at every character of a text in another script: no run there, told at once.
    match bytes.first() {
        Some(&b) if plain(b) && !(after_space && b == b' ') => {}
        _ => return 0,
    }
    let mut len = 0;
    let mut last_space = after_space;
    while let Some(block) = bytes.get(len..len + 16) {
        let all_plain = block.iter().fold(true, |ok, &b| ok & plain(b));
        let doubled = block
            .iter()
            .zip(&block[1..])
            .fold(last_space & (block[0] == b' '), |d, (&a, &b)| {
                d | (a == b' ' && b == b' ')
            });
        if !all_plain || doubled {
            break;
        }
        len += 16;
        last_space = block[15] == b' ';
    }
    while let Some(&b) = bytes.get(len) {
        match b {
            b' ' if last_space => break,
            b' ' => last_space = true,
            _ if plain(b) => last_space = false,
            _ => break,
        }
        len += 1;
    }
    len
}

/// The byte offset of every character of `s`, and of its end.
fn char_offsets(s: &str) -> Vec<u32> {
    // Room for a character per byte at once: the iterator cannot tell how many there are.
    let mut offsets = Vec::with_capacity(s.len() + 1);
    offsets.extend(s.char_indices().map(|(i, _)| i as u32));
    offsets.push(s.len() as u32);
    offsets
}

/// A character as matching reads it: no-break spaces as spaces; digits of other scripts, and
/// full-width Latin letters, digits, parentheses, hyphens, full stops and slashes, as ASCII;
/// the variants of `folding` as their standard forms.
fn fold_char(c: char, folding: &CharMap<char>) -> char {
    if c.is_ascii() {
        return c;
    }
    match c as u32 {
        // No-break spaces (French web copies put them before ";" and inside names) are spaces.
        0x00A0 | 0x2007 | 0x202F => ' ',
        // Format characters web copies leave around words and numbers (bidi marks and
        // embeddings, zero-width space, word joiner, a BOM inside the text): read as spaces,
        // so that "687\u{200F} (1990)" and "Resolution\u{200B}687" read as they print.
        0x200B
        | 0x200E
        | 0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x2064
        | 0x2066..=0x2069
        | 0xFEFF
        | 0x061C => ' ',
        0x0660..=0x0669 => char::from(b'0' + (c as u32 - 0x0660) as u8),
        0x06F0..=0x06F9 => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        0xFF08 | 0xFF09 | 0xFF0D..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        // The variants are Arabic letters and ideographs; other scripts need no look-up.
        0x0600..=0x06FF | 0x3400.. if !folding.is_empty() => folding.get(&c).copied().unwrap_or(c),
        _ => c,
    }
}

/// Whether a text holds a character that [`xml_safe`] changes: a control character, told
/// by its byte, or one of the two non-characters (searched for as strings, which the
/// standard library does by vector instructions, not character by character).
fn needs_xml_safe(text: &str) -> bool {
    // A block of bytes at a time, without a branch per byte: the compiler vectorises it.
    let control = |block: &[u8]| {
        block.iter().fold(false, |found, &b| {
            found | (b < 0x20 && b != b'\t' && b != b'\n')
        })
    };
    text.as_bytes().chunks(64).any(control)
        || text.contains("\u{fffe}")
        || text.contains("\u{ffff}")
}

/// What a text, and so every literal made of it, may hold: the characters XML 1.0 allows, so
/// that RDF/XML, SPARQL XML results and Akoma Ntoso stay well-formed. A form feed (a page
/// break in PDF text) is a line end; the other C0 controls a space; U+FFFE and U+FFFF the
/// replacement character. One character for one, so that nothing else moves.
pub fn xml_safe(c: char) -> char {
    match c {
        '\t' | '\n' => c,
        '\u{c}' => '\n',
        '\0'..='\u{1f}' => ' ',
        '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
        _ => c,
    }
}

/// Characters that are NFC whatever surrounds them (quick check "yes", no combining class):
/// Latin up to the combining marks, Cyrillic but its combining marks (U+0483–U+0487),
/// Arabic letters, digits and punctuation but its marks (U+0610–U+061A, U+064B–U+065F,
/// U+0670, from U+06D6; no decomposition ends with one of the others), general punctuation,
/// superscripts, currency signs, CJK ideographs and punctuation, full-width forms.
fn always_nfc(c: char) -> bool {
    matches!(c as u32, 0..=0x2FF | 0x0400..=0x0482 | 0x0488..=0x04FF | 0x0600..=0x060F | 0x061B..=0x064A | 0x0660..=0x066F | 0x0671..=0x06D5 | 0x2002..=0x20CF | 0x3000..=0x3029 | 0x3030..=0x303F | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF)
}

/// A set of ranges (of bytes or characters) that answers "does this range overlap one of
/// them?" in a binary search, however long or nested they are.
#[derive(Debug, Clone, Default)]
pub struct Intervals {
    /// (start, end), sorted by start.
    ranges: Vec<(usize, usize)>,
    /// The largest end among the ranges up to each index.
    max_end: Vec<usize>,
}

impl Intervals {
    pub fn new(ranges: impl IntoIterator<Item = Range<usize>>) -> Self {
        let mut ranges: Vec<(usize, usize)> =
            ranges.into_iter().map(|r| (r.start, r.end)).collect();
        ranges.sort_unstable();
        let max_end = ranges
            .iter()
            .scan(0, |max, &(_, end)| {
                *max = end.max(*max);
                Some(*max)
            })
            .collect();
        Intervals { ranges, max_end }
    }

    /// Whether `range` overlaps one of the ranges.
    pub fn overlaps(&self, range: &Range<usize>) -> bool {
        let before_end = self.ranges.partition_point(|&(start, _)| start < range.end);
        before_end > 0 && self.max_end[before_end - 1] > range.start
    }
}

/// At most the first `max` bytes of `s`, cut at a character boundary.
pub fn head(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// At most the last `max` bytes of `s`, cut at a character boundary.
pub fn tail(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut start = s.len() - max;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Typographic apostrophes, which names and phrases compare as the ASCII one ("l’esprit",
/// "l'esprit").
pub fn is_typographic_apostrophe(ch: char) -> bool {
    matches!(ch, '’' | '‘' | 'ʼ')
}

/// Arabic vowel and stress marks (tanwin, fatha … sukun, the dagger alif) and the tatweel
/// that stretches a word: a text may print them or not, and matching reads past them.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// True for the characters of Chinese, Japanese and Korean scripts (no spaces between words).
pub fn is_cjk(ch: char) -> bool {
    matches!(ch as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn always_nfc_characters_stay_nfc_beside_each_other() {
        use unicode_normalization::char::{canonical_combining_class, compose};
        let all = (0..=0xFFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| always_nfc(c));
        for c in all.clone() {
            assert_eq!(canonical_combining_class(c), 0, "{c:?} combines");
            assert!(
                std::iter::once(c).nfc().eq(std::iter::once(c)),
                "{c:?} is not NFC"
            );
        }
        // Two starters compose only where one is of an alphabet (CJK ideographs do not).
        let alphabets: Vec<char> = all.filter(|&c| (c as u32) < 0x2000).collect();
        for &a in &alphabets {
            for &b in &alphabets {
                assert_eq!(compose(a, b), None, "{a:?} and {b:?} compose");
            }
        }
    }

    #[test]
    fn normalises_to_nfc_and_maps_bytes_to_chars() {
        // "é" decomposed (e + combining acute) becomes one character.
        let t = Text::new("Re\u{301}solution\r\n第 67/39 号");
        assert_eq!(t.lines().len(), 2);
        assert_eq!(t.line(0), "Résolution");
        let second = t.lines()[1].start;
        assert_eq!(t.char_at(second), 11);
        assert_eq!(t.char_len(), 11 + 9);
        assert_eq!(t.slice_chars(11, 12), "第");
    }

    #[test]
    fn folds_for_matching_and_quotes_the_original() {
        let folding = Folding {
            variants: [('決', '决'), ('議', '议'), ('號', '号')]
                .into_iter()
                .collect(),
            ..Folding::default()
        };
        let t = Text::folded("第６７／３９號決議 ٦٦٠", &folding);
        assert_eq!(t.as_str(), "第67/39号决议 660");
        assert_eq!(t.slice_chars(1, 6), "６７／３９");
        assert_eq!(t.slice_chars(6, 8), "號決");
        assert_eq!(t.sha256(), Text::new("第６７／３９號決議 ٦٦٠").sha256());
        assert_eq!(t.char_len(), 13);
    }

    #[test]
    fn letters_of_one_script_in_a_word_of_another_read_as_their_lookalikes() {
        let folding = Folding {
            lookalikes: vec![('А', 'A'), ('С', 'C'), ('о', 'o'), ('с', 'c')],
            ..Folding::default()
        };
        // A Latin C in a Cyrillic word, a Cyrillic А before a symbol's slash.
        let t = Text::folded("принятая Cоветом, документ А/56/589 и Сорок", &folding);
        assert_eq!(t.as_str(), "принятая Советом, документ A/56/589 и Сорок");
        assert_eq!(t.slice_chars(9, 16), "Cоветом");
        // A Russian text without mixed words is left as it is.
        let plain = "Совет Безопасности, ссылаясь на S/RES/1373 (2001)";
        assert_eq!(Text::folded(plain, &folding).as_str(), plain);
    }

    #[test]
    fn intervals_find_overlaps_with_long_and_nested_ranges() {
        let set = Intervals::new([0..100, 10..12, 20..22, 30..32, 200..210]);
        assert!(set.overlaps(&(50..51)), "inside the long first range");
        assert!(set.overlaps(&(205..300)));
        assert!(!set.overlaps(&(100..200)));
        assert!(!set.overlaps(&(210..220)));
        assert!(!Intervals::default().overlaps(&(0..1)));
    }

    #[test]
    fn plain_ascii_runs_end_where_a_byte_at_a_time_would() {
        // What a run is, read one byte at a time.
        let expected = |bytes: &[u8], after_space: bool| {
            let mut last_space = after_space;
            bytes
                .iter()
                .take_while(|&&b| {
                    let plain = match b {
                        b' ' => !last_space,
                        b'-' | b'[' => false,
                        _ => b.is_ascii_graphic(),
                    };
                    last_space = b == b' ';
                    plain
                })
                .count()
        };
        let line = "Recalling its resolution 1483 (2003) of 22 May 2003 and all relevant ones";
        // A stop (double space, excluded byte, line break, non-ASCII) at every offset, so
        // that blocks of 16 bytes end before, on and after it.
        for stop in ["  ", "-", "[", "\n", "é"] {
            for at in 0..40 {
                let text = format!("{}{stop}{}", &line[..at], &line[at..]);
                for after_space in [false, true] {
                    let bytes = text.as_bytes();
                    assert_eq!(
                        plain_ascii_run(bytes, [b'-', b'['], after_space),
                        expected(bytes, after_space),
                        "{text:?} after a space: {after_space}"
                    );
                }
            }
        }
    }

    #[test]
    fn hash_is_of_the_normalised_text() {
        assert_eq!(Text::new("e\u{301}").sha256(), Text::new("é").sha256());
    }
}
