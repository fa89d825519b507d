//! Finding the bodies and instruments of the gazetteer in flat text: names matched without
//! regard to case or white space, acronyms with exact case, short forms ("the Council") only
//! in documents of the organ they stand for. Matches may nest ("President of the General
//! Assembly" names both the President and the Assembly), as the gold conventions ask.

use crate::lang::Lexicon;
use crate::lang::lexicon::Entity;
use crate::text::{is_arabic_mark, is_cjk, is_typographic_apostrophe, plain_ascii_run};
use daachorse::DoubleArrayAhoCorasick;
use std::collections::HashMap;
use std::ops::Range;

pub struct Gazetteer {
    /// Folded names: entity index and, for a scoped label, the organ body IRI.
    names: Patterns<(usize, Option<String>)>,
    /// Each folded name that stands for its entity everywhere, for names built from a
    /// distributive plural.
    whole_names: HashMap<String, usize>,
    /// (plural head, singular head), folded: "treaties of", "treaty of".
    distributive: Vec<(String, String)>,
    /// Folded words that join the items of a list ("and").
    joiners: Vec<String>,
    /// Acronyms as printed: entity index.
    acronyms: Patterns<usize>,
    /// Every acronym opens with two capital letters, Latin or Cyrillic ("UNHCR", "МАГАТЭ").
    acronyms_open_with_capitals: bool,
}

/// Patterns found all at once, overlapping, each standing for the targets of every label
/// that reads the same (two entities may share one). A double-array automaton: its states
/// take 12 bytes each, so the hundreds of names of a language stay in the processor's
/// cache, where a dense table of transitions missed it on most bytes.
struct Patterns<T> {
    automaton: Option<DoubleArrayAhoCorasick<u32>>,
    targets: Vec<Vec<T>>,
}

impl<T> Patterns<T> {
    fn new(labels: impl IntoIterator<Item = (String, T)>) -> Self {
        let mut index = HashMap::new();
        let mut patterns = Vec::new();
        let mut targets: Vec<Vec<T>> = Vec::new();
        for (pattern, target) in labels.into_iter().filter(|(p, _)| !p.is_empty()) {
            let i = *index.entry(pattern.clone()).or_insert_with(|| {
                patterns.push(pattern);
                targets.push(Vec::new());
                targets.len() - 1
            });
            targets[i].push(target);
        }
        let automaton = (!patterns.is_empty()).then(|| {
            DoubleArrayAhoCorasick::with_values(
                patterns.iter().enumerate().map(|(i, p)| (p, i as u32)),
            )
            .expect("distinct gazetteer labels build an automaton")
        });
        Patterns { automaton, targets }
    }

    /// Every occurrence of a pattern in `haystack`: its byte range and each of its targets.
    fn find<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = (Range<usize>, &'a T)> {
        self.automaton
            .iter()
            .flat_map(move |a| a.find_overlapping_iter(haystack))
            .flat_map(move |m| {
                self.targets[m.value() as usize]
                    .iter()
                    .map(move |t| (m.start()..m.end(), t))
            })
    }
}

/// An entity found in flat text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub entity: usize,
    pub range: Range<usize>,
}

impl Gazetteer {
    /// A matcher for texts in `lang`.
    pub fn new(lexicon: &Lexicon, lang: &str) -> Self {
        let mut names = Vec::new();
        let mut acronyms = Vec::new();
        for (i, entity) in lexicon.entities.iter().enumerate() {
            for (label_lang, label, _) in &entity.labels {
                if label_lang == lang {
                    names.push((fold(label), (i, None)));
                }
            }
            for (label_lang, label, organ) in &entity.scoped {
                if label_lang == lang {
                    names.push((fold(label), (i, Some(organ.clone()))));
                }
            }
            for acronym in &entity.acronyms {
                acronyms.push((acronym.clone(), i));
            }
        }
        let whole_names = names
            .iter()
            .filter(|(_, (_, scope))| scope.is_none())
            .map(|(name, (entity, _))| (name.clone(), *entity))
            .collect();
        let grammar = lexicon.grammars.get(lang);
        let distributive = grammar
            .map_or(&[][..], |g| &g.distributive_names)
            .iter()
            .map(|(plural, singular)| (fold(plural), fold(singular)))
            .collect();
        let joiners = grammar
            .map_or("", |g| &g.date_list_joiner)
            .split('|')
            .map(fold)
            .filter(|w| w.chars().all(char::is_alphabetic))
            .collect();
        let acronyms_open_with_capitals = acronyms.iter().all(|(a, _)| {
            let mut letters = a.chars();
            letters.next().is_some_and(is_latin_or_cyrillic_capital)
                && letters.next().is_some_and(is_latin_or_cyrillic_capital)
        });
        Gazetteer {
            names: Patterns::new(names),
            whole_names,
            distributive,
            joiners,
            acronyms: Patterns::new(acronyms),
            acronyms_open_with_capitals,
        }
    }

    /// Every entity named in `text`, for a document of the organ `own_organ` (a body IRI).
    pub fn find(&self, text: &str, own_organ: Option<&str>) -> Vec<Found> {
        let (folded, origin) = fold_with_origin(text);
        let mut found = Vec::new();
        for (folded_range, (entity, scope)) in self.names.find(&folded) {
            if scope
                .as_deref()
                .is_some_and(|organ| Some(organ) != own_organ)
            {
                continue;
            }
            let range = text_range(text, &origin, folded_range);
            if bounded(text, &range) {
                found.push(Found {
                    entity: *entity,
                    range,
                });
            }
        }
        for (entity, folded_range) in self.distributed(&folded) {
            let range = text_range(text, &origin, folded_range);
            if bounded(text, &range) {
                found.push(Found { entity, range });
            }
        }
        let mut acronyms = Vec::new();
        // Most paragraphs hold no two capitals in a row, and so no acronym.
        let may_hold_acronym = !self.acronyms_open_with_capitals
            || text
                .as_bytes()
                .windows(2)
                .any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase() || w[0] == 0xD0);
        if may_hold_acronym {
            for (range, entity) in self.acronyms.find(text) {
                if bounded(text, &range) {
                    acronyms.push(Found {
                        entity: *entity,
                        range,
                    });
                }
            }
        }
        // "UNAVEM" inside "UNAVEM II" is not a mention of its own.
        let longer: Vec<Range<usize>> = acronyms.iter().map(|a| a.range.clone()).collect();
        acronyms.retain(|a| {
            !longer.iter().any(|r| {
                r.start <= a.range.start && a.range.end <= r.end && r.len() > a.range.len()
            })
        });
        // "United Nations Angola Verification Mission (UNAVEM II)": the acronym in brackets
        // names the entity when it is another one (a later mission of the same name).
        found.retain(|name| {
            let after = &text[name.range.end..];
            let bracket = after.len() - after.trim_start().len();
            !after.trim_start().starts_with('(')
                || !acronyms.iter().any(|a| {
                    a.range.start == name.range.end + bracket + 1
                        && a.entity != name.entity
                        && text[a.range.end..].starts_with(')')
                })
        });
        found.extend(acronyms);
        found.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
        found.dedup();
        found
    }

    /// The names a distributive plural gives in folded text ("the treaties of tlatelolco,
    /// rarotonga and pelindaba"): each item that, after the singular head, is a whole name.
    fn distributed(&self, folded: &str) -> Vec<(usize, Range<usize>)> {
        let mut found = Vec::new();
        for (plural, singular) in &self.distributive {
            // "traités de Tlatelolco, de Rarotonga": the head's last word may repeat.
            let preposition = singular.rsplit(' ').next().unwrap_or("");
            for (start, _) in folded.match_indices(plural.as_str()) {
                if folded[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                let mut at = start + plural.len();
                loop {
                    at = self.skip_list_joints(folded, at, preposition);
                    let words = words_at(folded, at, 4);
                    let item = words.iter().rev().find_map(|&end| {
                        let name = format!("{singular} {}", &folded[at..end]);
                        Some((*self.whole_names.get(&name)?, end))
                    });
                    let Some((entity, end)) = item else { break };
                    found.push((entity, at..end));
                    at = end;
                }
            }
        }
        found
    }

    /// The position after the separators of a list at `at`: spaces, commas, footnote calls
    /// (digits), the joining words, and a repeated preposition.
    fn skip_list_joints(&self, folded: &str, mut at: usize, preposition: &str) -> usize {
        loop {
            let rest = &folded[at..];
            let punctuation = rest.len()
                - rest
                    .trim_start_matches(|c: char| c == ' ' || c == ',' || c.is_ascii_digit())
                    .len();
            let rest = &rest[punctuation..];
            let word = std::iter::once(preposition)
                .chain(self.joiners.iter().map(String::as_str))
                .filter(|w| !w.is_empty())
                .find(|w| rest.starts_with(w) && rest[w.len()..].starts_with(' '))
                .map_or(0, str::len);
            if punctuation + word == 0 {
                return at;
            }
            at += punctuation + word;
        }
    }
}

/// The ends of the first `most` words at `at` in folded text, nearest first.
fn words_at(folded: &str, at: usize, most: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut end = at;
    while ends.len() < most {
        let word: usize = folded[end..]
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '\'')
            .map(char::len_utf8)
            .sum();
        if word == 0 {
            break;
        }
        end += word;
        ends.push(end);
        if !folded[end..].starts_with(' ') {
            break;
        }
        end += 1;
    }
    ends
}

/// The range of `text` that a range of its folded form covers.
fn text_range(text: &str, origin: &[u32], folded: Range<usize>) -> Range<usize> {
    let (start, last) = (
        origin[folded.start] as usize,
        origin[folded.end - 1] as usize,
    );
    let mut range = start..last + char_len_at(text, last);
    // A Russian name matched by its stems ends with the case ending of its last word.
    range.end += text[range.end..]
        .chars()
        .take_while(|&c| is_cyrillic_letter(c))
        .map(char::len_utf8)
        .sum::<usize>();
    range
}

/// The English names an entity answers to, for comparing with gold names.
pub fn english_names(entity: &Entity) -> impl Iterator<Item = &str> {
    std::iter::once(entity.name.as_str()).chain(
        entity
            .labels
            .iter()
            .filter(|(l, _, _)| l == "en")
            .map(|(_, label, _)| label.as_str()),
    )
}

/// Lower case, typographic apostrophes as ASCII, white space runs as one space, Latin letters
/// without their accents and Russian ё as е: OCR and web copies drop or change accents
/// ("trève", "securite"), and names are long enough not to meet another word by it.
fn fold(label: &str) -> String {
    fold_with_origin(label).0
}

/// The folded text, and the byte offset in `text` of each of its bytes.
fn fold_with_origin(text: &str) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut last_space = false;
    let mut next = 0;
    while next < text.len() {
        // Most of a text is ASCII that folds byte for byte, copied in runs.
        let run = next;
        next += plain_ascii_run(&text.as_bytes()[run..], [b'-', b'['], last_space);
        if next > run {
            last_space = text.as_bytes()[next - 1] == b' ';
            let from = out.len();
            out.push_str(&text[run..next]);
            out[from..].make_ascii_lowercase();
            origin.extend(run as u32..next as u32);
            continue;
        }
        let i = next;
        // Most of an Arabic, Chinese or Russian text folds to itself: copied in runs too.
        let mut same = 0;
        for (at, c) in text[i..].char_indices() {
            if !folds_to_itself(c) {
                break;
            }
            same = at + c.len_utf8();
            origin.extend(std::iter::repeat_n((i + at) as u32, c.len_utf8()));
        }
        if same > 0 {
            out.push_str(&text[i..i + same]);
            last_space = false;
            next += same;
            continue;
        }
        // A Markdown footnote call inside a name ("the Amendment[^2] to the Convention").
        if let Some(call) = footnote_call_len(&text[i..]) {
            next += call;
            continue;
        }
        let Some(ch) = text[i..].chars().next() else {
            break;
        };
        next += ch.len_utf8();
        let Some(ch) = fold_name_char(ch) else {
            continue;
        };
        if ch == ' ' && last_space {
            continue;
        }
        last_space = ch == ' ';
        out.push(ch);
        if ch.is_ascii() {
            origin.push(i as u32);
        } else {
            origin.resize(out.len(), i as u32);
        }
    }
    if out.bytes().any(|b| matches!(b, 0xD0 | 0xD1)) {
        stem_cyrillic(&mut out, &mut origin);
    }
    // Chinese and Japanese scripts start at U+2E80, three bytes from 0xE2.
    if out.bytes().any(|b| b >= 0xE2) {
        join_spaced_cjk(&mut out, &mut origin);
    }
    (out, origin)
}

/// Chinese text spaced out character by character ("《 联 合 国 宪 章 》", a web copy's
/// layout) without those spaces: Chinese writes none between words, so they mean nothing.
fn join_spaced_cjk(out: &mut String, origin: &mut Vec<u32>) {
    let between_cjk = |at: usize| {
        out[..at].chars().next_back().is_some_and(is_cjk)
            && out[at + 1..].chars().next().is_some_and(is_cjk)
    };
    let spaces: Vec<usize> = out
        .match_indices(' ')
        .map(|(at, _)| at)
        .filter(|&at| between_cjk(at))
        .collect();
    if spaces.is_empty() {
        return;
    }
    let (text, from) = (std::mem::take(out), std::mem::take(origin));
    let mut kept = 0;
    for at in spaces.into_iter().chain([text.len()]) {
        out.push_str(&text[kept..at]);
        origin.extend_from_slice(&from[kept..at]);
        kept = at + 1;
    }
}

/// A character as names are matched, one the ASCII runs do not copy; none for an Arabic mark,
/// which matching reads past.
fn fold_name_char(ch: char) -> Option<char> {
    if is_arabic_mark(ch) {
        return None;
    }
    Some(match ch {
        'A'..='Z' => ch.to_ascii_lowercase(),
        c if c.is_ascii() && c != '-' && !c.is_ascii_whitespace() => c,
        c if is_typographic_apostrophe(c) => '\'',
        // Hyphens fold to spaces: "Director General", "Director-General".
        '-' | '‐' | '‑' | '–' => ' ',
        c if c.is_whitespace() => ' ',
        'ё' | 'Ё' => 'е',
        // Russian capitals lower by an offset (the general table is a binary search).
        'А'..='Я' => char::from_u32(ch as u32 + 0x20).unwrap_or(ch),
        c @ '\u{c0}'..='\u{24f}' => base_letter(c),
        // Arabic, CJK and lower-case Cyrillic have nothing to lower (checked against
        // Python's str.lower): spared the general table's search.
        c @ ('\u{430}'..='\u{45f}'
        | '\u{600}'..='\u{6ff}'
        | '\u{3000}'..='\u{9fff}'
        | '\u{fb50}'..='\u{fdff}'
        | '\u{fe70}'..='\u{feff}') => c,
        c => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    })
}

/// The letters of the other five languages' scripts that [`fold_name_char`] keeps as they are:
/// lower-case Cyrillic but ё, Arabic but its marks and tatweel, CJK but the ideographic space.
fn folds_to_itself(c: char) -> bool {
    matches!(c,
        '\u{430}'..='\u{450}' | '\u{452}'..='\u{45f}'
        | '\u{600}'..='\u{63f}' | '\u{641}'..='\u{64a}' | '\u{660}'..='\u{66f}' | '\u{671}'..='\u{6ff}'
        | '\u{3001}'..='\u{9fff}')
}

/// The length of a Markdown footnote call (`[^12]`) at the start of `text`.
fn footnote_call_len(text: &str) -> Option<usize> {
    let digits = text.strip_prefix("[^")?;
    let count = digits.bytes().take_while(u8::is_ascii_digit).count();
    (count > 0 && digits[count..].starts_with(']')).then_some(2 + count + 1)
}

/// Russian declines names ("Совет Безопасности", "Совета Безопасности", "Советом
/// Безопасности"): each Cyrillic word is matched by its stem, its case ending dropped, in
/// names and text alike.
fn stem_cyrillic(out: &mut String, origin: &mut Vec<u32>) {
    // By length in letters, each with its bytes as one number: a word loses the longest of
    // its endings that leaves a stem of three letters.
    const ENDINGS: [&[u64]; 3] = [
        &codes(["а", "я", "у", "ю", "е", "о", "ы", "и", "ь", "й"]),
        &codes([
            "ых", "их", "ым", "им", "ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие",
            "ую", "юю", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев",
        ]),
        &codes(["ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими"]),
    ];
    let (text, from) = (std::mem::take(out), std::mem::take(origin));
    let mut at = 0;
    while at < text.len() {
        let word_len: usize = text[at..]
            .chars()
            .take_while(|&c| is_cyrillic_letter(c))
            .map(char::len_utf8)
            .sum();
        // A word keeps its stem; anything else (a space, a Latin letter) is kept whole.
        let (len, kept) = if word_len == 0 {
            let len = text[at..].chars().next().map_or(1, char::len_utf8);
            (len, len)
        } else {
            // Every letter of the Russian alphabet is two bytes long.
            let word = &text.as_bytes()[at..at + word_len];
            let letters = word_len / 2;
            let mut ending = (1..=3)
                .rev()
                .filter(|&n| letters >= n + 3)
                .find(|&n| ENDINGS[n - 1].contains(&code(&word[word_len - 2 * n..])))
                .map_or(0, |n| 2 * n);
            // "-ие" ends adjectives after к, г, х, ш, щ, ч ("общие"), and nouns otherwise, whose
            // other cases keep the и ("Управление", "Управлением", "оружие", "оружия").
            if ending == 4 && word.ends_with("ие".as_bytes()) {
                let before = &word[word_len - 6..word_len - 4];
                if !["к", "г", "х", "ш", "щ", "ч"]
                    .iter()
                    .any(|c| c.as_bytes() == before)
                {
                    ending = 2;
                }
            }
            (word_len, word_len - ending)
        };
        out.push_str(&text[at..at + kept]);
        origin.extend_from_slice(&from[at..at + kept]);
        at += len;
    }
}

/// The bytes of a short string as one number, to compare endings without a call to compare
/// memory (they are a few bytes long).
const fn code(bytes: &[u8]) -> u64 {
    let (mut code, mut i) = (0, 0);
    while i < bytes.len() {
        code = code << 8 | bytes[i] as u64;
        i += 1;
    }
    code
}

const fn codes<const N: usize>(strings: [&str; N]) -> [u64; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = code(strings[i].as_bytes());
        i += 1;
    }
    out
}

/// "A" to "Z", "А" to "Я" and "Ё": what the byte test for acronyms in [`Gazetteer::find`] sees.
fn is_latin_or_cyrillic_capital(c: char) -> bool {
    c.is_ascii_uppercase() || matches!(c, 'А'..='Я' | 'Ё')
}

/// A letter of the Russian alphabet, either case.
fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
}

/// A Latin letter with diacritics as its lower-case base letter ("É" as "e"); others unchanged.
fn base_letter(c: char) -> char {
    let mut base = None;
    unicode_normalization::char::decompose_canonical(c, |d| {
        base.get_or_insert(d);
    });
    match base {
        Some(b) if b.is_ascii_alphabetic() => b.to_ascii_lowercase(),
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

fn char_len_at(text: &str, byte: usize) -> usize {
    text[byte..].chars().next().map_or(0, char::len_utf8)
}

/// A match must not start or end inside a word (scripts without spaces excepted).
fn bounded(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let first = text[range.clone()].chars().next();
    let last = text[range.clone()].chars().next_back();
    // Footnote calls (superscript digits) may touch a name; letters and digits may not.
    let word =
        |c: char| (c.is_alphabetic() || c.is_numeric() && !"¹²³⁴⁵⁶⁷⁸⁹⁰".contains(c)) && !is_cjk(c);
    let joins = |outside: Option<char>, inside: Option<char>| match (outside, inside) {
        (Some(o), Some(i)) => word(o) && word(i),
        _ => false,
    };
    // Arabic writes "and", "by", "for" as one letter joined to the next word ("ومكتب").
    let clitic = matches!(before, Some('و' | 'ف' | 'ب' | 'ل' | 'ك'))
        && !text[..range.start].chars().rev().nth(1).is_some_and(word);
    // OCR and PDF text set a footnote call on the line, fused to the word ("son Président315").
    let footnote_call =
        last.is_some_and(char::is_alphabetic) && after.is_some_and(|c| c.is_ascii_digit());
    (clitic || !joins(before, first)) && (footnote_call || !joins(after, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_copied_whole_are_of_characters_that_fold_to_themselves() {
        let copied = (0..=0xFFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| folds_to_itself(c));
        for c in copied {
            assert_eq!(fold_name_char(c), Some(c), "{c:?} ({:04X})", c as u32);
        }
        // Each byte of a run points at the start of its character.
        let (folded, origin) = fold_with_origin("Ab б ق");
        assert_eq!(folded, "ab б ق");
        assert_eq!(origin, [0, 1, 2, 3, 3, 5, 6, 6]);
    }

    fn names(lang: &str, text: &str, organ: Option<&str>) -> Vec<String> {
        let lexicon = Lexicon::load().unwrap();
        let g = Gazetteer::new(&lexicon, lang);
        g.find(text, organ)
            .into_iter()
            .map(|f| lexicon.entities[f.entity].name.clone())
            .collect()
    }

    #[test]
    fn accents_and_russian_yo_do_not_matter() {
        // OCR of the French volumes: "trève", "securite".
        assert_eq!(
            names(
                "fr",
                "le Conseil de securite prie l'Organisme des Nations Unies chargé de la surveillance de la trève",
                None
            ),
            [
                "Security Council",
                "United Nations Truce Supervision Organization"
            ]
        );
        assert_eq!(
            names(
                "ru",
                "в соответствии с Уставом Организации Объединённых Наций",
                None
            ),
            ["Charter of the United Nations"]
        );
    }

    #[test]
    fn a_distributive_plural_names_each_item() {
        // A/RES/80/33 as its PDF text reads, footnote calls and all.
        assert_eq!(
            names(
                "en",
                "the Treaties of Tlatelolco,6 Rarotonga,7 Bangkok[^8] and Pelindaba[^9] and the Treaty on",
                None
            ),
            [
                "Treaty for the Prohibition of Nuclear Weapons in Latin America and the Caribbean",
                "South Pacific Nuclear Free Zone Treaty",
                "Treaty on the Southeast Asia Nuclear Weapon-Free Zone",
                "African Nuclear-Weapon-Free Zone Treaty"
            ]
        );
        assert_eq!(
            names(
                "fr",
                "les traités de Tlatelolco, de Rarotonga et de Pelindaba, et les traités de paix",
                None
            ),
            [
                "Treaty for the Prohibition of Nuclear Weapons in Latin America and the Caribbean",
                "South Pacific Nuclear Free Zone Treaty",
                "African Nuclear-Weapon-Free Zone Treaty"
            ]
        );
    }

    #[test]
    fn footnote_calls_inside_a_name_do_not_break_it() {
        assert_eq!(
            names(
                "en",
                "the Amendment[^2] to the Convention on the Physical Protection of Nuclear Material",
                None
            ),
            [
                "Amendment to the Convention on the Physical Protection of Nuclear Material",
                "Convention on the Physical Protection of Nuclear Material"
            ]
        );
    }

    #[test]
    fn russian_names_match_in_every_case() {
        assert_eq!(
            names(
                "ru",
                "просит Генерального секретаря представить Совету Безопасности",
                None
            ),
            ["Secretary-General", "Security Council"]
        );
        assert_eq!(
            names(
                "ru",
                "решения Генеральной Ассамблеи и Конференцией по разоружению",
                None
            ),
            ["General Assembly", "Conference on Disarmament"]
        );
        // A noun in -ие keeps its и in every case ("Управление", "Управлением").
        assert_eq!(
            names(
                "ru",
                "сотрудничать с Управлением Верховного комиссара Организации Объединенных Наций по делам беженцев",
                None
            ),
            ["Office of the United Nations High Commissioner for Refugees"]
        );
        // The span covers the whole last word, ending included.
        let lexicon = Lexicon::load().unwrap();
        let text = "доклад Комиссии по разоружению.";
        let found = Gazetteer::new(&lexicon, "ru").find(text, None);
        assert_eq!(&text[found[0].range.clone()], "Комиссии по разоружению");
    }

    #[test]
    fn finds_nested_names_across_white_space_and_case() {
        let found = names(
            "en",
            "requests the President of the  General\nAssembly and the NPT",
            Some("x"),
        );
        assert_eq!(
            found,
            [
                "President of the General Assembly",
                "General Assembly",
                "Treaty on the Non-Proliferation of Nuclear Weapons"
            ]
        );
    }

    #[test]
    fn finds_names_in_chinese_spaced_out_character_by_character() {
        let text = "遵 守 《 联 合 国\n宪 章 》 、 联合国宪章";
        let found = Gazetteer::new(&Lexicon::load().unwrap(), "zh").find(text, None);
        let spans: Vec<&str> = found.iter().map(|f| &text[f.range.clone()]).collect();
        assert_eq!(spans, ["联 合 国\n宪 章", "联合国宪章"]);
    }

    #[test]
    fn a_footnote_call_may_touch_the_end_of_a_name() {
        assert_eq!(
            names(
                "en",
                "the Security Council12 and the Security Councils",
                None
            ),
            ["Security Council"]
        );
    }

    #[test]
    fn scoped_labels_only_in_their_organ() {
        let sc = "https://w3id.org/unkg/body/un-sc";
        assert_eq!(
            names("en", "report to the Council", Some(sc)),
            ["Security Council"]
        );
        assert!(
            names(
                "en",
                "report to the Council",
                Some("https://w3id.org/unkg/body/un-ga")
            )
            .is_empty()
        );
    }

    #[test]
    fn acronyms_need_exact_case_and_word_boundaries() {
        assert_eq!(
            names("en", "UNFICYP,", None),
            ["United Nations Peacekeeping Force in Cyprus"]
        );
        assert!(names("en", "unficyp SUNFICYP", None).is_empty());
    }

    #[test]
    fn chinese_names_match_without_spaces() {
        let found = names("zh", "注意到《不扩散核武器条约》⁴第六条", None);
        assert_eq!(
            found,
            ["Treaty on the Non-Proliferation of Nuclear Weapons"]
        );
    }
}
