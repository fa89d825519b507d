//! The verb phrase that opens a paragraph: leading modifiers, a verb form from the lexicon,
//! trailing modifiers ("Further reaffirm", "Recalling in particular", "Taking note with
//! appreciation", "又请").

use crate::lang::Lexicon;
use crate::lang::lexicon::{VerbForm, VerbUse};

pub struct VerbMatcher {
    /// Longest first.
    forms: Vec<VerbForm>,
    leading: Vec<String>,
    trailing: Vec<String>,
    /// Words are separated by spaces (false for Chinese).
    spaced: bool,
}

/// A verb phrase found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbPhrase {
    /// As printed.
    pub printed: String,
    pub key: String,
    pub relation: String,
    pub verb_use: VerbUse,
    /// Byte length of the phrase in the text.
    pub len: usize,
}

impl VerbMatcher {
    pub fn new(lexicon: &Lexicon, lang: &str) -> Self {
        let mut forms = lexicon.verbs.get(lang).cloned().unwrap_or_default();
        forms.sort_by(|a, b| b.form.chars().count().cmp(&a.form.chars().count()));
        let modifiers = lexicon.modifiers.get(lang).cloned().unwrap_or_default();
        let longest_first = |mut v: Vec<String>| {
            v.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()));
            v
        };
        VerbMatcher {
            forms,
            leading: longest_first(modifiers.leading),
            trailing: longest_first(modifiers.trailing),
            spaced: lang != "zh",
        }
    }

    /// The verb phrase at the very start of `text`, if the lexicon knows it.
    pub fn at_start(&self, text: &str) -> Option<VerbPhrase> {
        let mut at = 0;
        // Leading modifiers, each followed by a space (none needed in Chinese).
        'leading: loop {
            for m in &self.leading {
                if let Some(len) = self.word_at(text, at, m) {
                    let next = at + len + self.space_len(&text[at + len..]);
                    // A modifier must be followed by a verb, or it is the paragraph's own word.
                    if self.form_at(text, next).is_some() || self.leading.iter().any(|m2| self.word_at(text, next, m2).is_some()) {
                        at = next;
                        continue 'leading;
                    }
                }
            }
            break;
        }
        let (form, len) = self.form_at(text, at)?;
        let mut end = at + len;
        'trailing: loop {
            let gap = self.space_len(&text[end..]);
            for m in &self.trailing {
                if let Some(len) = self.word_at(text, end + gap, m) {
                    end += gap + len;
                    continue 'trailing;
                }
            }
            break;
        }
        Some(VerbPhrase {
            printed: text[..end].to_string(),
            key: form.key.clone(),
            relation: form.relation.clone(),
            verb_use: form.verb_use,
            len: end,
        })
    }

    fn form_at(&self, text: &str, at: usize) -> Option<(&VerbForm, usize)> {
        self.forms.iter().find_map(|f| self.word_at(text, at, &f.form).map(|len| (f, len)))
    }

    /// Length of `word` at `text[at..]`, compared without case, ending at a word boundary.
    fn word_at(&self, text: &str, at: usize, word: &str) -> Option<usize> {
        let rest = text.get(at..)?;
        let mut len = 0;
        let mut rest_chars = rest.chars();
        for w in word.chars() {
            let r = rest_chars.next()?;
            if !r.to_lowercase().eq(w.to_lowercase()) {
                return None;
            }
            len += r.len_utf8();
        }
        if self.spaced && rest[len..].starts_with(|c: char| c.is_alphanumeric()) {
            return None;
        }
        Some(len)
    }

    fn space_len(&self, text: &str) -> usize {
        if !self.spaced {
            return text.len() - text.trim_start_matches(' ').len();
        }
        // A comma may separate the verb from its modifier ("Recalling, in particular,").
        let trimmed = text.trim_start_matches([' ', ',']);
        text.len() - trimmed.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(lang: &str, text: &str) -> Option<(String, String)> {
        let m = VerbMatcher::new(&Lexicon::load().unwrap(), lang);
        m.at_start(text).map(|p| (p.printed, p.key))
    }

    #[test]
    fn reads_modified_verb_phrases() {
        assert_eq!(phrase("en", "Recalling its resolutions").unwrap().0, "Recalling");
        assert_eq!(phrase("en", "Recalling further its resolution").unwrap().0, "Recalling further");
        assert_eq!(phrase("en", "Further reaffirm our commitment").unwrap(), ("Further reaffirm".into(), "reaffirm".into()));
        assert_eq!(phrase("en", "Reaffirms once again its").unwrap().0, "Reaffirms once again");
        assert_eq!(phrase("en", "Take note with appreciation of").unwrap().0, "Take note with appreciation");
        assert_eq!(phrase("en", "Deeply concerned also about").unwrap().0, "Deeply concerned also");
        assert_eq!(phrase("en", "Recalling and reaffirming its").unwrap().0, "Recalling and reaffirming");
        assert_eq!(phrase("en", "Recallings"), None);
        assert_eq!(phrase("en", "Further to"), None);
    }

    #[test]
    fn reads_chinese_verbs() {
        assert_eq!(phrase("zh", "回顾其 2012 年").unwrap(), ("回顾".into(), "recall".into()));
        assert_eq!(phrase("zh", "表示注意到秘书长").unwrap().1, "take-note");
        assert_eq!(phrase("zh", "又请秘书长").unwrap().0, "又请");
    }
}
