//! Normalised text: the NFC form that every span points into, its lines, and "flat" views of
//! runs of lines with white space folded and markup dropped, each keeping a map back to the
//! character offsets of the normalised text.

mod flat;

pub use flat::Flat;

use sha2::{Digest, Sha256};
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// A document's text after Unicode NFC normalisation, split into lines.
#[derive(Debug, Clone)]
pub struct Text {
    text: String,
    /// Byte range of every line, without its line terminator.
    lines: Vec<Range<usize>>,
    /// Character offset of every byte offset (and of the end).
    char_of_byte: Vec<u32>,
    /// Byte offset of every character (and of the end).
    byte_of_char: Vec<u32>,
}

impl Text {
    /// Normalises `raw` to NFC, turning CR LF and lone CR into LF and a BOM into nothing.
    pub fn new(raw: &str) -> Self {
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        let raw = if raw.contains('\r') {
            raw.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            raw.to_string()
        };
        // Most texts are already NFC: their characters are all of blocks that need no
        // normalisation, or the quick check clears them; either spares rebuilding them.
        let text = if raw.chars().all(always_nfc)
            || unicode_normalization::is_nfc_quick(raw.chars())
                == unicode_normalization::IsNormalized::Yes
        {
            raw
        } else {
            raw.nfc().collect()
        };
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                lines.push(start..i);
                start = i + 1;
            }
        }
        if start < text.len() {
            lines.push(start..text.len());
        }
        let mut char_of_byte = Vec::with_capacity(text.len() + 1);
        let mut byte_of_char = Vec::with_capacity(text.len() + 1);
        // A byte that is not a UTF-8 continuation byte starts a character.
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b & 0xC0 != 0x80 {
                byte_of_char.push(i as u32);
            }
            char_of_byte.push(byte_of_char.len() as u32 - 1);
        }
        char_of_byte.push(byte_of_char.len() as u32);
        byte_of_char.push(text.len() as u32);
        Text {
            text,
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

    /// Hex SHA-256 of the normalised text.
    pub fn sha256(&self) -> String {
        let digest = Sha256::digest(self.text.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The text of a character span; empty when the span is not inside the text.
    pub fn slice_chars(&self, start: usize, end: usize) -> &str {
        match (self.byte_of_char.get(start), self.byte_of_char.get(end)) {
            (Some(&a), Some(&b)) if a <= b => &self.text[a as usize..b as usize],
            _ => "",
        }
    }
}

/// Characters that are NFC whatever surrounds them (quick check "yes", no combining class):
/// Latin up to the combining marks, general punctuation, superscripts, currency signs, CJK
/// ideographs and punctuation, full-width forms.
fn always_nfc(c: char) -> bool {
    matches!(c as u32, 0..=0x2FF | 0x2002..=0x20CF | 0x3000..=0x3029 | 0x3030..=0x303F | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF)
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

/// True for the characters of Chinese, Japanese and Korean scripts (no spaces between words).
pub fn is_cjk(ch: char) -> bool {
    matches!(ch as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn hash_is_of_the_normalised_text() {
        assert_eq!(Text::new("e\u{301}").sha256(), Text::new("é").sha256());
    }
}
