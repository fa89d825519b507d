//! A regular expression searched DFA-first. On text outside ASCII, `regex`'s lazy DFA gives
//! up at a Unicode word boundary (`\b`), and the search falls to a backtracker many times
//! slower (with its memset, a tenth of the instructions on six-language texts). Every match of
//! a pattern is one of the same pattern without its word boundaries, which the DFA runs to
//! the end: where that finds nothing, the pattern is not run.
//!
//! Each thread searches with its own copy of a regex ([`PerThread`]).

use regex::{Captures, Match, Regex};
use std::sync::OnceLock;
use thread_local::ThreadLocal;

/// A regex with a copy for each thread that searches with it. A `Regex` keeps its search
/// caches in a pool that only the first thread to search takes from without a lock; the
/// others took a mutex at every search (5% of extraction's time on two cores). A copy shares
/// the compiled regex and has a pool of its own.
pub struct PerThread {
    regex: Regex,
    copies: ThreadLocal<Regex>,
}

impl PerThread {
    pub fn new(pattern: &str) -> Result<Self, regex::Error> {
        Regex::new(pattern).map(PerThread::from)
    }
}

impl From<Regex> for PerThread {
    fn from(regex: Regex) -> Self {
        PerThread {
            regex,
            copies: ThreadLocal::new(),
        }
    }
}

impl std::ops::Deref for PerThread {
    type Target = Regex;
    fn deref(&self) -> &Regex {
        self.copies.get_or(|| self.regex.clone())
    }
}

impl Clone for PerThread {
    fn clone(&self) -> Self {
        PerThread::from(self.regex.clone())
    }
}

impl std::fmt::Debug for PerThread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.regex.fmt(f)
    }
}

#[derive(Debug, Clone)]
pub struct Pattern {
    exact: PerThread,
    /// The pattern without its word boundaries, if it has any; compiled when first needed (a
    /// run reads texts in some of the languages only, and the names of bodies make large
    /// patterns). None inside when it could not be compiled: the exact one is then run alone.
    loose: Option<(String, OnceLock<Option<PerThread>>)>,
}

impl Pattern {
    pub fn new(pattern: &str) -> Result<Self, regex::Error> {
        let exact = PerThread::new(pattern)?;
        let loose = without_word_boundaries(pattern).map(|loose| (loose, OnceLock::new()));
        Ok(Pattern { exact, loose })
    }

    pub fn as_str(&self) -> &str {
        self.exact.as_str()
    }

    pub fn capture_names(&self) -> regex::CaptureNames<'_> {
        self.exact.capture_names()
    }

    /// Whether the pattern may match in `text`: false only when it cannot.
    fn may_match(&self, text: &str) -> bool {
        let Some((pattern, loose)) = &self.loose else {
            return true;
        };
        // The DFA reads boundaries in ASCII text itself.
        text.is_ascii()
            || loose
                .get_or_init(|| PerThread::new(pattern).ok())
                .as_ref()
                .is_none_or(|loose| loose.is_match(text))
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.may_match(text) && self.exact.is_match(text)
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        self.may_match(text).then(|| self.exact.find(text))?
    }

    /// The first match at or after byte `start` (a word boundary there reads the text before
    /// it, as `Regex::find_at` does).
    pub fn find_at<'t>(&self, text: &'t str, start: usize) -> Option<Match<'t>> {
        let rest = text.get(start..)?;
        self.may_match(rest)
            .then(|| self.exact.find_at(text, start))?
    }

    pub fn captures_at<'t>(&self, text: &'t str, start: usize) -> Option<Captures<'t>> {
        let rest = text.get(start..)?;
        self.may_match(rest)
            .then(|| self.exact.captures_at(text, start))?
    }

    pub fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        self.may_match(text).then(|| self.exact.captures(text))?
    }

    /// [`Pattern::captures`] after a test that needs no capture slots: of the patterns tried
    /// in turn at one place (number shapes, heading forms), most fail, and a failed test
    /// costs a fraction of a capture search.
    pub fn captures_if_match<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        self.is_match(text).then(|| self.exact.captures(text))?
    }

    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Match<'t>> + 'r
    where
        't: 'r,
    {
        self.may_match(text)
            .then(|| self.exact.find_iter(text))
            .into_iter()
            .flatten()
    }

    pub fn captures_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Captures<'t>> + 'r
    where
        't: 'r,
    {
        self.may_match(text)
            .then(|| self.exact.captures_iter(text))
            .into_iter()
            .flatten()
    }
}

/// `pattern` with its word boundaries (`\b`, `\B`) taken out, or None when it has none. A
/// boundary is a test of where a match stands, never a part of it: without it, a pattern
/// matches wherever it did and more. Special boundaries (`\b{start}`) are kept.
fn without_word_boundaries(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    let mut removed = false;
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b' | 'B') if chars.peek() != Some(&'{') => removed = true,
            Some(escaped) => {
                out.push(c);
                out.push(escaped);
            }
            None => out.push(c),
        }
    }
    removed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_out_word_boundaries_only() {
        assert_eq!(
            without_word_boundaries(r"\b(?:its|their)\s+\S+$").as_deref(),
            Some(r"(?:its|their)\s+\S+$")
        );
        // An escaped backslash before a "b" is no boundary.
        assert_eq!(without_word_boundaries(r"a\\b"), None);
        assert_eq!(without_word_boundaries(r"\\\bx\B").as_deref(), Some(r"\\x"));
        assert_eq!(without_word_boundaries(r"\b{start}x"), None);
        assert_eq!(without_word_boundaries(r"\d+/\d+"), None);
    }

    #[test]
    fn finds_what_the_exact_pattern_finds_in_any_script() {
        let pattern = Pattern::new(r"(?i)\b(?:свою|свои)(?:\s+[\p{L}-]+){0,3}?\s+\S+$").unwrap();
        let exact = Regex::new(pattern.as_str()).unwrap();
        for text in [
            "ссылаясь на свою резолюцию",
            "ссылаясь на своисвои резолюции",
            "на резолюцию",
            "recalling its resolution",
            "",
        ] {
            assert_eq!(pattern.is_match(text), exact.is_match(text), "{text}");
            assert_eq!(
                pattern.find(text).map(|m| m.range()),
                exact.find(text).map(|m| m.range()),
                "{text}"
            );
        }
    }
}
