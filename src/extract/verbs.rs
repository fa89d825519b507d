//! The verb phrase that opens a paragraph: leading modifiers, a verb form from the lexicon,
//! trailing modifiers ("Further reaffirm", "Recalling in particular", "Taking note with
//! appreciation", "又请").

use crate::lang::Lexicon;
use crate::lang::lexicon::{VerbForm, VerbUse};
use crate::text::{is_arabic_mark, is_typographic_apostrophe};

pub struct VerbMatcher {
    forms: Vec<VerbForm>,
    form_phrases: Phrases,
    leading: Phrases,
    /// Which leading modifiers open preambular paragraphs only, by index.
    preambular_leading: Vec<bool>,
    /// Words that open a paragraph with its object, before the verb ("对").
    object_markers: Vec<String>,
    /// Short words a PDF copy may fuse to a verb ("Stressesthe"), lower case.
    function_words: Vec<String>,
    /// Forms (by index) printed alike in both parts ("重申", "تؤكد").
    dual: Vec<bool>,
    /// The language marks preambular paragraphs with a modifier ("إذ"): a form of both parts
    /// without one is operative.
    marks_preamble: bool,
    trailing: Phrases,
    /// Words are separated by spaces (false for Chinese).
    spaced: bool,
}

/// A verb phrase found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbPhrase {
    /// As printed.
    pub printed: String,
    /// Byte offset of the phrase in the text: 0 but after an object that opens the paragraph
    /// ("对该地区的局势深表忧虑").
    pub at: usize,
    pub key: String,
    pub relation: String,
    pub verb_use: VerbUse,
    /// The form opens paragraphs of both parts alike, and nothing in the phrase tells which:
    /// its place does.
    pub dual: bool,
    /// Byte offset in the text where the phrase ends.
    pub len: usize,
}

/// A list of phrases matched without case at a position, as a trie walked character by
/// character: a lookup costs the length of the longest match, however many phrases share
/// its first letters ("Reaffirming", "Recalling", "Recognizing", "Regretting" …).
struct Phrases {
    nodes: Vec<Node>,
    /// The root's children by ASCII character (0 for none): every lookup starts there, and
    /// most end there.
    ascii_roots: [u32; 128],
    spaced: bool,
}

#[derive(Default)]
struct Node {
    /// (character in lower case, node), sorted; a space stands for any run of white space.
    children: Vec<(char, u32)>,
    /// The phrase that ends here.
    phrase: Option<usize>,
}

impl Phrases {
    fn new(phrases: Vec<String>, spaced: bool) -> Self {
        let mut nodes = vec![Node::default()];
        for (i, phrase) in phrases.iter().enumerate() {
            let mut node = 0;
            for c in phrase.chars().map(lower) {
                node = match nodes[node].child(c) {
                    Some(child) => child,
                    None => {
                        let child = nodes.len();
                        nodes.push(Node::default());
                        let children = &mut nodes[node].children;
                        let at = children.partition_point(|(k, _)| *k < c);
                        children.insert(at, (c, child as u32));
                        child
                    }
                };
            }
            // The first of two phrases that fold alike wins.
            nodes[node].phrase.get_or_insert(i);
        }
        let mut ascii_roots = [0; 128];
        for &(c, child) in nodes[0].children.iter().filter(|(c, _)| c.is_ascii()) {
            ascii_roots[c as usize] = child;
        }
        Phrases {
            nodes,
            ascii_roots,
            spaced,
        }
    }

    /// The longest phrase at `text[at..]`: (its index, its byte length in the text).
    fn longest_at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        self.longest_fused_at(text, at, &|_| false)
    }

    /// [`Phrases::longest_at`], where a phrase may also end inside a word when `fused` accepts
    /// what follows it (a PDF copy that lost a space: "Stressesthe importance").
    fn longest_fused_at(
        &self,
        text: &str,
        at: usize,
        fused: &dyn Fn(&str) -> bool,
    ) -> Option<(usize, usize)> {
        let rest = text.get(at..)?;
        let (mut node, mut len, mut longest) = (0, 0, None);
        let mut previous = None;
        while let Some(c) = rest[len..].chars().next() {
            // Arabic vowel marks, printed or not ("علماً", "علما"), are read past; so is a
            // space a PDF copy put inside an Arabic word ("وإذ ي شير").
            let inside_word = c == ' '
                && previous.is_some_and(is_arabic_letter)
                && rest[len + 1..].chars().next().is_some_and(is_arabic_letter)
                && node != 0
                && self.nodes[node].child(' ').is_none();
            if is_arabic_mark(c) || inside_word {
                len += c.len_utf8();
                continue;
            }
            previous = Some(c);
            // A space of a phrase stands for any run of white space ("Having  considered").
            let (key, width) = if c.is_whitespace() {
                let run = rest[len..].len() - rest[len..].trim_start().len();
                (' ', run)
            } else {
                (lower(c), c.len_utf8())
            };
            let child = if node == 0 && key.is_ascii() {
                Some(self.ascii_roots[key as usize] as usize).filter(|&n| n != 0)
            } else {
                self.nodes[node].child(key)
            };
            let Some(child) = child else {
                break;
            };
            node = child;
            len += width;
            // A phrase ends at a word boundary (any character does in Chinese).
            let after = rest[len..].trim_start_matches(is_arabic_mark);
            if let Some(phrase) = self.nodes[node].phrase
                && (!(self.spaced && after.starts_with(char::is_alphanumeric)) || fused(after))
            {
                longest = Some((phrase, len));
            }
        }
        longest
    }
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}')
}

impl Node {
    fn child(&self, c: char) -> Option<usize> {
        let at = self.children.binary_search_by_key(&c, |(k, _)| *k).ok()?;
        Some(self.children[at].1 as usize)
    }
}

/// A character as phrases are compared: in lower case, typographic apostrophes as ASCII
/// ("Ayant à l’esprit", "Ayant à l'esprit").
fn lower(c: char) -> char {
    match c {
        _ if c.is_ascii() => c.to_ascii_lowercase(),
        _ if is_typographic_apostrophe(c) => '\'',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

impl VerbMatcher {
    pub fn new(lexicon: &Lexicon, lang: &str) -> Self {
        let spaced = lang != "zh";
        let forms = lexicon.verbs.get(lang).cloned().unwrap_or_default();
        let modifiers = lexicon.modifiers.get(lang).cloned().unwrap_or_default();
        let dual = forms
            .iter()
            .map(|f| {
                forms.iter().any(|g| {
                    g.verb_use != f.verb_use && g.form.to_lowercase() == f.form.to_lowercase()
                })
            })
            .collect();
        VerbMatcher {
            form_phrases: Phrases::new(forms.iter().map(|f| f.form.clone()).collect(), spaced),
            forms,
            dual,
            preambular_leading: modifiers
                .leading
                .iter()
                .map(|m| modifiers.preambular.contains(m))
                .collect(),
            object_markers: modifiers.object_markers.clone(),
            function_words: lexicon
                .grammars
                .get(lang)
                .map(|g| g.function_words.clone())
                .unwrap_or_default(),
            marks_preamble: !modifiers.preambular.is_empty(),
            leading: Phrases::new(modifiers.leading, spaced),
            trailing: Phrases::new(modifiers.trailing, spaced),
            spaced,
        }
    }

    /// The verb phrase at the very start of `text`, if the lexicon knows it; or, after a word
    /// that opens the paragraph with its object ("对"), the first verb phrase of that clause.
    pub fn at_start(&self, text: &str) -> Option<VerbPhrase> {
        self.phrase_at(text, 0, false)
            .or_else(|| self.phrase_at(text, 0, true))
            .or_else(|| {
                let marker = self
                    .object_markers
                    .iter()
                    .find(|m| text.starts_with(m.as_str()))?;
                let clause_end = text
                    .char_indices()
                    .find(|(_, c)| matches!(c, '；' | '。' | ';' | '.'))
                    .map_or(text.len(), |(i, _)| i);
                text[..clause_end]
                    .char_indices()
                    .skip(marker.chars().count())
                    .find_map(|(i, _)| self.phrase_at(text, i, false))
            })
    }

    /// The verb phrase that starts at byte `start` of `text`; with `fused`, one whose words a
    /// PDF copy ran together ("Stronglycondemnsthe").
    fn phrase_at(&self, text: &str, start: usize, fused: bool) -> Option<VerbPhrase> {
        let text = &text[start..];
        let mut at = 0;
        // A verb fused to the function word after it; a modifier fused to the verb after it.
        let fused_word = |rest: &str| {
            fused
                && self.function_words.iter().any(|w| {
                    rest.get(..w.len())
                        .is_some_and(|h| h.eq_ignore_ascii_case(w))
                        && !rest[w.len()..].starts_with(char::is_alphanumeric)
                })
        };
        let fused_verb = |rest: &str| fused && self.form_phrases.longest_at(rest, 0).is_some();
        let mut form = self.form_phrases.longest_fused_at(text, at, &fused_word);
        let mut preambular = false;
        // Leading modifiers, each followed by a space (none needed in Chinese), and each
        // followed in turn by a verb or another modifier.
        // A verb form that starts with a modifier word ("Deeply concerned", "будучи также
        // глубоко обеспокоена") is taken whole.
        while form.is_none()
            && let Some((modifier, len)) = self.leading.longest_fused_at(text, at, &fused_verb)
        {
            let next = at + len + self.space_len(&text[at + len..]);
            let next_form = self.form_phrases.longest_fused_at(text, next, &fused_word);
            if next_form.is_none() && self.leading.longest_at(text, next).is_none() {
                break;
            }
            preambular |= self.preambular_leading[modifier];
            (at, form) = (next, next_form);
        }
        let (index, len) = form?;
        let form = &self.forms[index];
        let dual = self.dual[index] && !preambular;
        let mut end = at + len;
        loop {
            let gap = self.space_len(&text[end..]);
            match self.trailing.longest_at(text, end + gap) {
                Some((_, len)) => end += gap + len,
                None => break,
            }
        }
        Some(VerbPhrase {
            printed: text[..end].to_string(),
            at: start,
            key: form.key.clone(),
            relation: form.relation.clone(),
            verb_use: if preambular {
                VerbUse::Preambular
            } else if dual && self.marks_preamble {
                VerbUse::Operative
            } else {
                form.verb_use
            },
            dual: dual && !self.marks_preamble,
            len: start + end,
        })
    }

    /// The verbs of the clauses after the opening one, each with the byte offset where its
    /// clause begins: a verb form that follows ", ", "; " or "and " ("Reaffirming …, and
    /// recalling General Assembly resolution 2625 (XXV)" recalls it). One pass over `text`,
    /// so that a mention's clause is a binary search ([`clause_verb_at`]).
    pub fn clause_verbs(&self, text: &str) -> Vec<(usize, &VerbForm)> {
        let mut found = Vec::new();
        // Every clause opening ends in a space, a comma "，" or "并".
        for (i, c) in text.match_indices([' ', '，', '并']) {
            let at = i + c.len();
            let head = &text[..at];
            let opens_clause = head.ends_with(", ")
                || head.ends_with("; ")
                || head.ends_with(" and ")
                || head.ends_with("，")
                || head.ends_with("并");
            if !opens_clause {
                continue;
            }
            if let Some((i, _)) = self.form_phrases.longest_at(text, at) {
                found.push((at, &self.forms[i]));
            }
        }
        found
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

/// The verb of the clause that the byte offset `at` stands in, from [`VerbMatcher::clause_verbs`].
pub fn clause_verb_at<'a>(verbs: &[(usize, &'a VerbForm)], at: usize) -> Option<&'a VerbForm> {
    let n = verbs.partition_point(|(start, _)| *start < at);
    n.checked_sub(1).map(|i| verbs[i].1)
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
        assert_eq!(
            phrase("en", "Recalling its resolutions").unwrap().0,
            "Recalling"
        );
        assert_eq!(
            phrase("en", "Recalling further its resolution").unwrap().0,
            "Recalling further"
        );
        assert_eq!(
            phrase("en", "Further reaffirm our commitment").unwrap(),
            ("Further reaffirm".into(), "reaffirm".into())
        );
        assert_eq!(
            phrase("en", "Reaffirms once again its").unwrap().0,
            "Reaffirms once again"
        );
        assert_eq!(
            phrase("en", "Take note with appreciation of").unwrap().0,
            "Take note with appreciation"
        );
        assert_eq!(
            phrase("en", "Deeply concerned also about").unwrap().0,
            "Deeply concerned also"
        );
        assert_eq!(
            phrase("en", "Recalling and reaffirming its").unwrap().0,
            "Recalling and reaffirming"
        );
        assert_eq!(phrase("en", "Recallings"), None);
        // Words a PDF copy ran together.
        assert_eq!(
            phrase("en", "Stressesthe importance").unwrap().0,
            "Stresses"
        );
        assert_eq!(phrase("en", "Stronglycondemns all").unwrap().1, "deplore");
        assert_eq!(phrase("en", "Recallingly"), None);
        assert_eq!(phrase("en", "Further to"), None);
    }

    #[test]
    fn finds_the_verb_of_a_later_clause() {
        let m = VerbMatcher::new(&Lexicon::load().unwrap(), "en");
        let key = |s: &str| {
            let verbs = m.clause_verbs(s);
            clause_verb_at(&verbs, s.len()).map(|f| f.key.clone())
        };
        assert_eq!(
            key("Reaffirming its commitment to the region, and recalling General Assembly "),
            Some("recall".into())
        );
        assert_eq!(key("Reaffirming its resolutions "), None);
        assert_eq!(
            key("Recalling its resolution 1 and the recalling of "),
            None
        );
        let text = "Noting its resolution 1, and recalling resolution 2";
        let verbs = m.clause_verbs(text);
        assert!(clause_verb_at(&verbs, text.find('1').unwrap()).is_none());
        assert_eq!(clause_verb_at(&verbs, text.len()).unwrap().key, "recall");
    }

    #[test]
    fn typographic_and_ascii_apostrophes_are_one() {
        for text in ["Ayant à l’esprit les buts", "Ayant à l'esprit les buts"] {
            assert_eq!(
                phrase("fr", text).unwrap().0,
                &text[..text.len() - 9],
                "{text}"
            );
        }
    }

    #[test]
    fn reads_chinese_verbs() {
        assert_eq!(
            phrase("zh", "回顾其 2012 年").unwrap(),
            ("回顾".into(), "recall".into())
        );
        assert_eq!(phrase("zh", "表示注意到秘书长").unwrap().1, "take-note");
        assert_eq!(phrase("zh", "又请秘书长").unwrap().0, "又请");
    }
}
