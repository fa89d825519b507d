//! Languages: detection from the text, and the lexicons loaded from `ontology/`.

pub mod grammar;
pub mod lexicon;

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

/// Tells the language from the script of the letters and, for Latin script, from the most
/// frequent function words.
pub fn detect(text: &str) -> Detected {
    let (mut han, mut arabic, mut cyrillic, mut latin) = (0usize, 0usize, 0usize, 0usize);
    // The first 5,000 characters tell the language as well as the whole.
    for ch in text.chars().take(5_000) {
        match ch as u32 {
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => han += 1,
            0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => arabic += 1,
            0x0400..=0x04FF => cyrillic += 1,
            _ if ch.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&ch) => latin += 1,
            _ => {}
        }
    }
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
        latin_language(text)
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

fn latin_language(text: &str) -> &'static str {
    const LANGUAGES: [&str; 3] = ["en", "fr", "es"];
    // Function words in running text are lower case; a match on them is cheap.
    let mut counts = [0usize; 3];
    for word in text.split(|c: char| !c.is_alphabetic()).take(3_000) {
        match word {
            "the" | "of" | "and" | "to" | "its" | "that" | "with" => counts[0] += 1,
            "le" | "la" | "les" | "des" | "du" | "et" | "sur" | "aux" => counts[1] += 1,
            "el" | "los" | "las" | "del" | "y" | "sobre" | "sus" => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| counts[i]).unwrap_or(0);
    LANGUAGES[best]
}

#[cfg(test)]
mod tests {
    use super::*;

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
