//! Languages: detection from the text, and the lexicons loaded from `ontology/`.

pub mod grammar;
pub mod lexicon;
pub mod pattern;
pub mod series;

pub use lexicon::Lexicon;

/// The six official languages, as ISO 639-1 codes.
pub const LANGUAGES: [&str; 6] = ["ar", "zh", "en", "fr", "ru", "es"];

/// The result of language detection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    pub lang: &'static str,
    /// Set when the text is mixed or no language could be told.
    pub warning: Option<String>,
}

/// Tells the language from the script of the letters and, for Latin script, from the
/// function words of each language's grammar (`unkg:functionWords`) found most often.
pub fn detect(text: &str, lexicon: &Lexicon) -> Detected {
    // The first 5,000 characters tell the language as well as the whole.
    let Letters {
        han,
        arabic,
        cyrillic,
        latin,
    } = letters(first_chars(text, 5_000));
    // Han characters carry a word each, letters of alphabets a fraction of one.
    let scores = [
        ("zh", han * 3),
        ("ar", arabic),
        ("ru", cyrillic),
        ("latin", latin),
    ];
    let total: usize = scores.iter().map(|s| s.1).sum();
    if total == 0 {
        return Detected {
            lang: "en",
            warning: Some("no letters found; assuming English".into()),
        };
    }
    let mut ranked = scores;
    ranked.sort_by_key(|s| std::cmp::Reverse(s.1));
    let (best, best_score) = ranked[0];
    let lang = if best == "latin" {
        latin_language(text, lexicon)
    } else {
        best
    };
    // Latin letters are normal in every language (symbols, masthead); others are not.
    let second = ranked[1];
    let warning = (second.0 != "latin" && second.1 * 3 > best_score).then(|| {
        format!(
            "the text mixes scripts ({best} and {}); detected {lang}",
            second.0
        )
    });
    Detected { lang, warning }
}

/// Letters of the scripts that tell the languages apart.
#[derive(Debug, Default, PartialEq, Eq)]
struct Letters {
    han: usize,
    arabic: usize,
    cyrillic: usize,
    latin: usize,
}

/// Counts the letters of each script. Most of a text in Latin script is ASCII: its letters are
/// counted in one sweep. Other characters are told by the first bytes of their encoding, not
/// decoded.
fn letters(text: &str) -> Letters {
    // Summed rather than filtered and counted, so that the compiler vectorizes it.
    let latin = text
        .bytes()
        .map(|b| usize::from((b | 0x20).wrapping_sub(b'a') < 26))
        .sum();
    let mut count = Letters {
        latin,
        ..Letters::default()
    };
    for head in crate::text::non_ascii_heads(text) {
        match head {
            // U+00C0–U+024F.
            [0xC3..=0xC8, _, _] | [0xC9, 0x80..=0x8F, _] => count.latin += 1,
            // U+0400–U+04FF.
            [0xD0..=0xD3, _, _] => count.cyrillic += 1,
            // U+0600–U+06FF, U+0750–U+077F, U+FB50–U+FDFF, U+FE70–U+FEFF.
            [0xD8..=0xDB, _, _]
            | [0xDD, 0x90..=0xBF, _]
            | [0xEF, 0xAD, 0x90..=0xBF]
            | [0xEF, 0xAE..=0xB7, _]
            | [0xEF, 0xB9, 0xB0..=0xBF]
            | [0xEF, 0xBA..=0xBB, _] => count.arabic += 1,
            // U+3400–U+4DBF, U+4E00–U+9FFF.
            [0xE3, 0x90..=0xBF, _] | [0xE4, 0x80..=0xB6 | 0xB8..=0xBF, _] | [0xE5..=0xE9, _, _] => {
                count.han += 1
            }
            _ => {}
        }
    }
    count
}

/// The first `count` characters of `text`.
fn first_chars(text: &str, count: usize) -> &str {
    if text.len() <= count {
        return text;
    }
    // Bytes are counted in sweeps: a sweep of the characters still missing takes at most
    // that many, so the count never overshoots.
    let bytes = text.as_bytes();
    let (mut end, mut chars) = (0, 0);
    while chars < count && end < bytes.len() {
        let sweep = (end + count - chars).min(bytes.len());
        chars += bytes[end..sweep]
            .iter()
            .map(|&b| usize::from(b & 0xC0 != 0x80))
            .sum::<usize>();
        end = sweep;
    }
    // The last character counted may have bytes after the sweep.
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[..end]
}

fn latin_language(text: &str, lexicon: &Lexicon) -> &'static str {
    // Function words in running text are lower case; a match on them is cheap.
    let mut counts = [0usize; LANGUAGES.len()];
    let longest = lexicon
        .function_words
        .keys()
        .map(String::len)
        .max()
        .unwrap_or(0);
    for word in words(text).take(3_000) {
        // Most words are longer than any function word, and need no lookup.
        if word.len() > longest {
            continue;
        }
        if let Some(lang) = lexicon.function_words.get(word)
            && let Some(i) = LANGUAGES.iter().position(|l| l == lang)
        {
            counts[i] += 1;
            // A language far ahead of every other stays ahead: the rest need not be read.
            if counts[i] >= 40
                && counts
                    .iter()
                    .enumerate()
                    .all(|(j, &c)| j == i || c * 4 < counts[i])
            {
                break;
            }
        }
    }
    // English when nothing is found: the language of most symbols and mastheads.
    let english = LANGUAGES.iter().position(|l| *l == "en").unwrap_or(0);
    let best = (0..LANGUAGES.len())
        .filter(|&i| counts[i] > 0)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(english);
    LANGUAGES[best]
}

/// The runs of letters in `text`, read byte by byte where it is ASCII.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let letter_len = move |at: usize| -> Option<usize> {
        let byte = *text.as_bytes().get(at)?;
        if byte.is_ascii() {
            return byte.is_ascii_alphabetic().then_some(1);
        }
        let ch = text[at..].chars().next()?;
        ch.is_alphabetic().then_some(ch.len_utf8())
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < text.len() && letter_len(at).is_none() {
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        }
        let start = at;
        while let Some(len) = letter_len(at) {
            at += len;
        }
        (at > start).then(|| &text[start..at])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(text: &str) -> Detected {
        static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        super::detect(text, LEXICON.get_or_init(|| Lexicon::load().unwrap()))
    }

    #[test]
    fn tells_each_character_s_script_from_its_first_bytes() {
        for c in ('\u{80}'..=char::MAX).chain(['a', 'Z', '1', ' ']) {
            let mut expected = Letters::default();
            match c as u32 {
                0x4E00..=0x9FFF | 0x3400..=0x4DBF => expected.han += 1,
                0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
                    expected.arabic += 1
                }
                0x0400..=0x04FF => expected.cyrillic += 1,
                0xC0..=0x24F => expected.latin += 1,
                _ => expected.latin += usize::from(c.is_ascii_alphabetic()),
            }
            // Alone, and between other characters.
            assert_eq!(letters(&c.to_string()), expected, "{c:?}");
            let mut between = letters(&format!("é{c}ж"));
            between.latin -= 1;
            between.cyrillic -= 1;
            assert_eq!(between, expected, "{c:?} between others");
        }
    }

    #[test]
    fn detects_each_script() {
        assert_eq!(
            detect("回顾其 2012 年 12 月 3 日第 67/39 号决议").lang,
            "zh"
        );
        assert_eq!(
            detect("The General Assembly, Recalling its resolutions").lang,
            "en"
        );
        assert_eq!(
            detect("L'Assemblée générale, Rappelant ses résolutions sur la question des armes")
                .lang,
            "fr"
        );
        assert_eq!(
            detect("La Asamblea General, Recordando sus resoluciones sobre el tema de los").lang,
            "es"
        );
        assert_eq!(
            detect("Генеральная Ассамблея, ссылаясь на свои резолюции").lang,
            "ru"
        );
        // "la" is as Spanish as it is French.
        assert_eq!(
            detect("Resolución aprobada por la Asamblea General. Solicita al Secretario General que le presente un informe sobre la aplicación de la presente resolución; Decide seguir ocupándose de la cuestión").lang,
            "es"
        );
        assert_eq!(detect("إن الجمعية العامة، إذ تشير إلى قراراتها").lang, "ar");
    }

    #[test]
    fn warns_on_empty_and_mixed_text() {
        assert!(detect("12345").warning.is_some());
        assert!(
            detect("Генеральная Ассамблея 大会大会大会大会大会大会")
                .warning
                .is_some()
        );
    }
}
