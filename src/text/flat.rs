//! A flat view of some lines of a [`Text`]: white space folded to single spaces, line breaks
//! joined, Markdown emphasis and link syntax dropped, soft hyphens removed. Every byte of the
//! flat string maps back to a character offset of the normalised text, so a match found in the
//! flat string becomes a [`Span`] of the document.

use super::{Text, is_cjk, plain_ascii_run};
use crate::record::Span;
use std::ops::Range;

#[derive(Debug, Clone, Default)]
pub struct Flat {
    text: String,
    /// Character offset in the normalised text of every byte of `text`.
    origin: Vec<u32>,
}

impl Flat {
    /// Flattens the given byte ranges of `source`, in order.
    pub fn from_ranges<'a>(
        source: &Text,
        ranges: impl IntoIterator<Item = &'a Range<usize>>,
    ) -> Self {
        let ranges: Vec<&Range<usize>> = ranges.into_iter().collect();
        // Room for every line and the space that joins it: flattening only shortens a line.
        let room: usize = ranges.iter().map(|r| r.len() + 1).sum();
        let mut flat = Flat {
            text: String::with_capacity(room),
            origin: Vec::with_capacity(room),
        };
        for range in ranges {
            flat.push(source, range.clone());
        }
        flat
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// A byte range of the flat string with each character as the document prints it, before
    /// folding (traditional Chinese stays traditional in a title).
    pub fn unfolded(&self, source: &Text, range: Range<usize>) -> String {
        self.text[range.clone()]
            .char_indices()
            .map(|(i, c)| {
                let at = self.origin[range.start + i] as usize;
                match source.slice_chars(at, at + 1).chars().next() {
                    // White space stays folded to a space, no-break spaces included.
                    Some(printed) if source.folded_char(at) == Some(c) && c != ' ' => printed,
                    _ => c,
                }
            })
            .collect()
    }

    /// The document span of a byte range of the flat string.
    pub fn span(&self, range: Range<usize>) -> Span {
        if range.is_empty() {
            let at = self.origin.get(range.start).copied().unwrap_or(0) as usize;
            return Span::new(at, at);
        }
        Span::new(
            self.origin[range.start] as usize,
            self.origin[range.end - 1] as usize + 1,
        )
    }

    /// Appends a line (a byte range of `source`), joining it to what came before.
    pub fn push(&mut self, source: &Text, range: Range<usize>) {
        let line = &source.as_str()[range.clone()];
        let Some(first) = line.trim_start().chars().next() else {
            return;
        };
        if let Some(last) = self.text.chars().last() {
            let joined_without_space = (is_cjk(last) && is_cjk(first))
                || (last == '-' && first.is_lowercase() && self.ends_in_letter_hyphen());
            if !joined_without_space && last != ' ' {
                let at = *self.origin.last().unwrap_or(&0) + 1;
                self.push_char(' ', at);
            }
        }
        // Characters are numbered from the line's first one on, not looked up one by one.
        let first_char = source.char_at(range.start) as u32;
        let mut char_index = 0u32;
        let mut offset = 0;
        while offset < line.len() {
            let rest = &line[offset..];
            // Most of a line is plain ASCII, copied in runs: graphic characters other than
            // markup, and single spaces after them.
            let plain = plain_ascii_run(rest.as_bytes(), [b'*', b'_', b'['], true);
            if plain > 0 {
                self.text.push_str(&rest[..plain]);
                let at = first_char + char_index;
                self.origin.extend(at..at + plain as u32);
                offset += plain;
                char_index += plain as u32;
                continue;
            }
            let mut chars = rest.chars();
            let Some(ch) = chars.next() else { break };
            let at = first_char + char_index;
            offset += ch.len_utf8();
            char_index += 1;
            match ch {
                '\u{ad}' => {}
                '*' | '_' if rest[1..].starts_with(ch) => {
                    offset += 1;
                    char_index += 1;
                }
                // Markdown italics ("*Recalling* its resolution"): a single mark that opens
                // or closes a word. One before "/" is a footnote call ("*/").
                '*' | '_' if self.emphasis_mark(chars.next()) => {}
                '[' => match markdown_link(rest) {
                    // A Markdown link `[label](target)` keeps only its label.
                    Some((label, total)) => {
                        let link_start = range.start + offset - 1;
                        for (i, c) in rest[1..1 + label].char_indices() {
                            let at = source.char_at(link_start + 1 + i) as u32;
                            self.push_folded(c, at);
                        }
                        char_index += rest[1..total].chars().count() as u32;
                        offset += total - 1;
                    }
                    None => self.push_folded(ch, at),
                },
                _ => self.push_folded(ch, at),
            }
        }
        while self.text.ends_with(' ') {
            self.text.pop();
            self.origin.pop();
        }
    }

    /// Whether a `*` or `_` followed by `next` opens a word (after a space or the start) or
    /// closes one (after a letter or punctuation, before a space, punctuation or the end).
    fn emphasis_mark(&self, next: Option<char>) -> bool {
        let before = self.text.chars().next_back();
        let opens = before.is_none_or(|c| c == ' ') && next.is_some_and(char::is_alphabetic);
        let closes = before.is_some_and(|c| c.is_alphabetic() || ",.;:".contains(c))
            && next.is_none_or(|c| c.is_whitespace() || ",.;:)".contains(c));
        opens || closes
    }

    fn ends_in_letter_hyphen(&self) -> bool {
        let mut tail = self.text.chars().rev();
        tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic)
    }

    fn push_folded(&mut self, ch: char, at: u32) {
        if ch.is_ascii_graphic() {
            self.text.push(ch);
            self.origin.push(at);
        } else if ch.is_whitespace() || ch.is_control() {
            if !self.text.is_empty() && !self.text.ends_with(' ') {
                self.push_char(' ', at);
            }
        } else {
            self.push_char(ch, at);
        }
    }

    fn push_char(&mut self, ch: char, at: u32) {
        self.text.push(ch);
        self.origin.extend(std::iter::repeat_n(at, ch.len_utf8()));
    }
}

/// For text starting with `[`, the byte length of a link label and of the whole `[label](…)`.
fn markdown_link(text: &str) -> Option<(usize, usize)> {
    let close = text.find(']')?;
    let after = &text[close + 1..];
    if !after.starts_with('(') || text[1..close].contains('[') {
        return None;
    }
    let end = after.find(')')?;
    if after[..end].contains(' ') {
        return None;
    }
    Some((close - 1, close + 1 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat_of(raw: &str) -> (Text, Flat) {
        let text = Text::new(raw);
        let flat = Flat::from_ranges(&text, text.lines());
        (text, flat)
    }

    #[test]
    fn folds_space_and_joins_lines() {
        let (_, flat) = flat_of("Recalling  its  resolutions 644\n(1989) of 7\n\nNovember 1989,");
        assert_eq!(
            flat.as_str(),
            "Recalling its resolutions 644 (1989) of 7 November 1989,"
        );
    }

    #[test]
    fn drops_markdown_and_keeps_spans_true() {
        let (_, italic) = flat_of("*Recordando* su resolución, *Consciente*, 1961*/ y a_b");
        assert_eq!(
            italic.as_str(),
            "Recordando su resolución, Consciente, 1961*/ y a_b"
        );
        let (text, flat) =
            flat_of("表示注意到秘书长根据第 [78/27](#) 号决议\n1. **着重指出** 2013 年");
        assert_eq!(
            flat.as_str(),
            "表示注意到秘书长根据第 78/27 号决议 1. 着重指出 2013 年"
        );
        let at = flat.as_str().find("78/27").unwrap();
        let span = flat.span(at..at + 5);
        assert_eq!(text.slice_chars(span.start, span.end), "78/27");
        let at = flat.as_str().find("着重指出").unwrap();
        let span = flat.span(at..at + "着重指出".len());
        assert_eq!(text.slice_chars(span.start, span.end), "着重指出");
    }

    #[test]
    fn joins_cjk_lines_without_space_and_hyphenated_words_without_space() {
        let (_, flat) =
            flat_of("全面彻底裁军：2013 年核裁军问题\n大会高级别会议\nthe peace-\nkeeping force");
        assert_eq!(
            flat.as_str(),
            "全面彻底裁军：2013 年核裁军问题大会高级别会议 the peace-keeping force"
        );
    }
}
