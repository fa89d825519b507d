//! The grammar of one language, compiled from `ontology/grammar.ttl`: the regular expressions
//! that read the enacting formula, masthead lines, adoption and meeting lines and citations,
//! and the number words of session ordinals.

use super::pattern::Pattern;
use crate::text::Numerals;
use crate::text::is_cjk;
use std::collections::HashMap;

/// Property values of one `unkg:Grammar` node, by property local name.
pub type GrammarData = HashMap<String, Vec<String>>;

#[derive(Debug, Clone)]
pub struct Grammar {
    pub lang: String,
    /// Verbs open paragraphs with a capital letter (English, French, Spanish).
    pub capitalized_verbs: bool,
    /// "The General Assembly," and the like; group `organ` holds the organ's name.
    pub formula: Pattern,
    /// Organ names as printed in this language → organ body IRI.
    pub organ_names: Vec<(String, String)>,
    /// The names that say whose a resolution is ("Human Rights Council resolution").
    pub bodies: BodyNames,
    /// What may link a body's name to the word for resolution after it ("in its" in "the
    /// General Assembly, in its resolution 60/251"), anchored at the end.
    pub qualifier_link: Option<Pattern>,
    /// Words that make a resolution the document's own body's ("its resolution"), anchored at
    /// the end of the text up to the number.
    pub own_marker: Option<Pattern>,
    /// What a web copy inserts into a sentence and reading passes over ("( 995_010 )"),
    /// anchored at the start.
    pub insertion: Option<Pattern>,
    /// The sign of number between the word for resolution (and its body) and the number
    /// ("رقم", "№", "No."), anchored at the start.
    pub number_sign: Option<Pattern>,
    /// What may stand between a date and the number it dates ("关于…的"), anchored at both ends.
    pub date_clause: Option<Pattern>,
    /// What introduces, after a number, the body that adopted it ("adopted by", "принятую"),
    /// anchored at the start.
    pub issuer_intro: Option<Pattern>,
    /// What introduces the body's name after a resolution number ("of the" in "resolution
    /// 60/251 of the General Assembly"), anchored at the start.
    pub qualifier_intro: Option<Pattern>,
    /// How this language numbers paragraphs beside the forms of every language ("1 ـ",
    /// "一、"): group `n` the number, group `text` (optional) where the words begin.
    pub paragraph_numbers: Vec<Pattern>,
    /// Shapes of resolution numbers proper to this language ("1514 (د-15)"), each anchored at
    /// the start, with the group names of [`crate::symbol::Number::from_captures`].
    pub number_shapes: Vec<Pattern>,
    /// A date; groups `day`, `month` (a name) or `monthnum`, `year`.
    pub date: Pattern,
    /// This language's month names and OCR shapes of them, as alternatives of a pattern.
    pub month: String,
    /// A day and month without a year, anchored at the start ("4 March"); groups `day`,
    /// `month` or `monthnum`.
    pub day_month: Option<Pattern>,
    /// Words that, just before a number, say it numbers something other than a resolution
    /// ("decision", "paragraph", "Article"); anchored at the end.
    pub not_resolution: Option<Pattern>,
    pub session_line: Option<Pattern>,
    pub agenda_line: Option<Pattern>,
    /// Words just before the adoption date in the masthead (each anchored at the end).
    pub adopted_before: Vec<Pattern>,
    /// Words just after it (Chinese puts the date first).
    pub adopted_after: Option<Pattern>,
    pub committee_report: Option<Pattern>,
    /// Words just before a Council resolution's number that make it name the committee that
    /// resolution established ("the Committee established pursuant to resolution"), anchored at
    /// the end.
    pub committee_before: Option<Pattern>,
    /// The same words after the number, for languages that put them there ("号决议所设委员会"),
    /// anchored at the start.
    pub committee_after: Option<Pattern>,
    pub meeting: Option<Pattern>,
    /// Lines that close the operative part (meeting, adoption).
    pub closing: Vec<Pattern>,
    /// Headings that carry the resolution's number ("Resolution 678 (1990)", "قرار رقم 446
    /// (1979)", "Commission on Human Rights resolution 1995/38"): group `number` (NUMBER stands
    /// for a number in any shape), optional `year`, `organ` (ORGAN stands for the names of the
    /// bodies that issue resolutions) and `title`.
    pub heading_forms: Vec<Pattern>,
    /// What introduces the date under such a heading ("of", "du", "от").
    pub heading_date: Option<Pattern>,
    /// The word for resolution(s).
    pub resolution_word: Pattern,
    /// A resolution number written as an item ("第 67/39 号"), for languages that do so.
    pub numbered_item: Option<Pattern>,
    /// What may stand between the last item and the word for resolution ("等"), the whole of
    /// it.
    pub items_filler: Option<Pattern>,
    pub date_intro: Option<Pattern>,
    pub list_separator: Pattern,
    pub range_separator: Option<Pattern>,
    pub respectively: Option<Pattern>,
    /// The heading of an annex ("Annex", "附件").
    pub annex_heading: Option<Pattern>,
    /// Lines a printed page repeats ("United Nations", "Página 2"): not part of any paragraph.
    pub page_furniture: Option<Pattern>,
    /// Words of a paragraph that adopts a text set out after it ("the following").
    pub adopted_text_markers: Vec<String>,
    /// What joins the days of a list of dates ("and", "et", "、"), a regular expression.
    pub date_list_joiner: String,
    /// A part of the symbol just before, joined by the list joiner ("and Add.1", "و Add.1").
    pub symbol_part: Pattern,
    /// Short words frequent in running text and proper to this language among those that
    /// share its script: how language detection tells English, French and Spanish apart.
    pub function_words: Vec<String>,
    /// Conjunctions that join a clause to its paragraph ("并"): a verb after one opens no
    /// paragraph of its own.
    pub clause_markers: Vec<String>,
    /// A plural head that names several instruments at once, and its singular ("Treaties of"
    /// → "Treaty of": "the Treaties of Tlatelolco, Rarotonga and Pelindaba").
    pub distributive_names: Vec<(String, String)>,
    /// The shape of a paragraph's opening verb that the lexicon does not know ("Responding").
    pub paragraph_verb_shape: Option<Pattern>,
    /// Ordinal number words → values, longest first.
    number_words: Vec<(String, u32)>,
    /// Numerals written in characters ("七十九"), read by value.
    pub numerals: Numerals,
    /// Letters of agenda sub-items in this script → Latin letters.
    agenda_letters: Vec<(String, char)>,
    /// Names of the letters that mark parts of a resolution ("48/75 ياء") → Latin letters,
    /// longest first.
    part_letters: Vec<(String, String)>,
}

#[derive(Debug, thiserror::Error)]
#[error("ontology/grammar.ttl: language {lang}, unkg:{property}: {message}")]
pub struct GrammarError {
    pub lang: String,
    pub property: String,
    pub message: String,
}

impl Grammar {
    /// Compiles a language's grammar. `organ_names` are the names of the principal organs
    /// in this language (from the gazetteer), with their body IRIs.
    pub fn compile(
        lang: &str,
        data: &GrammarData,
        organ_names: Vec<(String, String)>,
        qualifier_names: Vec<(String, usize)>,
        month_names: &[String],
    ) -> Result<Self, GrammarError> {
        let err = |property: &str, message: String| GrammarError {
            lang: lang.into(),
            property: property.into(),
            message,
        };
        let one = |property: &str| -> Result<Option<Pattern>, GrammarError> {
            match data.get(property).and_then(|v| v.first()) {
                Some(p) => Pattern::new(p)
                    .map(Some)
                    .map_err(|e| err(property, e.to_string())),
                None => Ok(None),
            }
        };
        let all = |property: &str| -> Result<Vec<Pattern>, GrammarError> {
            data.get(property)
                .into_iter()
                .flatten()
                .map(|p| Pattern::new(p).map_err(|e| err(property, e.to_string())))
                .collect()
        };
        let required = |property: &str| -> Result<Pattern, GrammarError> {
            one(property)?.ok_or_else(|| err(property, "missing".into()))
        };

        // The formula: an optional article, an organ name, a comma.
        let mut names: Vec<&(String, String)> = organ_names.iter().collect();
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        let alternatives: Vec<String> = names.iter().map(|(n, _)| regex::escape(n)).collect();
        // With an article ("The General Assembly"), the article is required: the bare name
        // is a masthead line. Without one ("Генеральная Ассамблея,"), the comma is.
        let organs = alternatives.join("|");
        // Markdown may set it in bold or italics ("**The Security Council,**", "*El Consejo,*").
        let formula = match data.get("formulaArticle") {
            Some(articles) => format!(
                r"^\s*[*_]{{0,2}}(?:{})\s*(?P<organ>{organs})[*_]{{0,2}}\s*[,:，：،]?[*_]{{0,2}}\s*",
                articles.join("|")
            ),
            None => {
                format!(r"^\s*[*_]{{0,2}}(?P<organ>{organs})[*_]{{0,2}}\s*[,:，：،][*_]{{0,2}}\s*")
            }
        };
        let formula = Pattern::new(&formula).map_err(|e| err("formulaArticle", e.to_string()))?;

        // Dates: MONTH stands for this language's month names (and, in English, OCR slips
        // of them, read by the date reader).
        // A name of two words joined by a slash or a bracket ("آب/أغسطس", "آب (أغسطس)") may
        // have spaces around the join.
        let mut months: Vec<String> = month_names
            .iter()
            .map(|m| {
                regex::escape(m)
                    .replace('/', r"\s*/\s*")
                    .replace(r" \(", r"\s*\(\s*")
            })
            .collect();
        months.sort_by_key(|m| std::cmp::Reverse(m.chars().count()));
        // MONTHNAME: the names alone, for a pattern that starts with the month ("July 25,
        // 1996"), which a word of any shape would make slow to search for.
        let month_names_only = months.join("|");
        // Words shaped like a month that OCR garbled ("Apri]", "octo bre"): the date reader
        // checks each against the month names.
        months.extend(data.get("monthWordShape").into_iter().flatten().cloned());
        let date_pattern = data
            .get("datePattern")
            .and_then(|v| v.first())
            .ok_or_else(|| err("datePattern", "missing".into()))?;
        let with_months = |property: &str, pattern: &str| {
            let pattern = pattern
                .replace("MONTHNAME", &month_names_only)
                .replace("MONTH", &months.join("|"));
            Pattern::new(&pattern).map_err(|e| err(property, e.to_string()))
        };
        let date = with_months("datePattern", date_pattern)?;
        let day_month = data
            .get("dayMonthPattern")
            .and_then(|v| v.first())
            .map(|p| with_months("dayMonthPattern", p))
            .transpose()?;

        let bodies =
            BodyNames::new(qualifier_names).map_err(|e| err("qualifier", e.to_string()))?;
        let heading_forms = data
            .get("headingForm")
            .into_iter()
            .flatten()
            .map(|form| {
                let form = crate::symbol::with_number(form).replace("ORGAN", &bodies.alternatives);
                Pattern::new(&form).map_err(|e| err("headingForm", e.to_string()))
            })
            .collect::<Result<_, _>>()?;

        let pairs = |property: &str| -> Vec<(String, String)> {
            data.get(property)
                .into_iter()
                .flatten()
                .flat_map(|s| s.split_whitespace())
                .filter_map(|p| p.split_once('='))
                .map(|(k, v)| (k.to_lowercase(), v.to_string()))
                .collect()
        };
        let mut number_words: Vec<(String, u32)> = pairs("numberWords")
            .into_iter()
            .filter_map(|(k, v)| Some((k, v.parse().ok()?)))
            .collect();
        number_words.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        let agenda_letters = pairs("agendaLetters")
            .into_iter()
            .filter_map(|(k, v)| Some((k, v.chars().next()?)))
            .collect();
        let mut part_letters: Vec<(String, String)> = pairs("partLetters");
        part_letters.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        let date_list_joiner = data
            .get("dateListJoiner")
            .and_then(|v| v.first())
            .cloned()
            .unwrap_or_else(|| ",".into());
        Ok(Grammar {
            lang: lang.to_string(),
            capitalized_verbs: data
                .get("capitalizedVerbs")
                .and_then(|v| v.first())
                .is_some_and(|v| v == "true"),
            formula,
            organ_names,
            bodies,
            qualifier_intro: one("qualifierIntro")?,
            issuer_intro: one("issuerIntro")?,
            qualifier_link: one("qualifierLink")?,
            own_marker: one("ownMarker")?,
            insertion: one("insertion")?,
            number_sign: one("numberSign")?,
            date_clause: one("dateClause")?,
            number_shapes: all("numberShape")?,
            paragraph_numbers: all("paragraphNumber")?,
            date,
            month: months.join("|"),
            day_month,
            not_resolution: one("notResolutionWord")?,
            session_line: one("sessionLine")?,
            agenda_line: one("agendaLine")?,
            adopted_before: all("adoptedBefore")?,
            adopted_after: one("adoptedAfter")?,
            committee_report: one("committeeReport")?,
            committee_before: one("committeeBefore")?,
            committee_after: one("committeeAfter")?,
            meeting: one("meetingPattern")?,
            closing: all("closingLine")?,
            heading_forms,
            heading_date: one("headingDate")?,
            resolution_word: required("resolutionWord")?,
            numbered_item: one("numberedItem")?,
            items_filler: one("itemsFiller")?,
            date_intro: one("dateIntro")?,
            list_separator: required("listSeparator")?,
            range_separator: one("rangeSeparator")?,
            respectively: one("respectively")?,
            paragraph_verb_shape: one("paragraphVerbShape")?,
            clause_markers: data.get("clauseMarker").cloned().unwrap_or_default(),
            distributive_names: data
                .get("distributiveName")
                .into_iter()
                .flatten()
                .filter_map(|pair| pair.split_once('='))
                .map(|(plural, singular)| (plural.to_string(), singular.to_string()))
                .collect(),
            annex_heading: one("annexHeading")?,
            page_furniture: one("pageFurniture")?,
            adopted_text_markers: data.get("adoptedTextMarker").cloned().unwrap_or_default(),
            symbol_part: crate::symbol::part_after(&date_list_joiner)
                .map_err(|e| err("dateListJoiner", e.to_string()))?,
            date_list_joiner,
            function_words: data
                .get("functionWords")
                .map(|v| {
                    v.iter()
                        .flat_map(|w| w.split_whitespace())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            number_words,
            numerals: numerals(data),
            agenda_letters,
            part_letters,
        })
    }

    /// The Latin letters of a resolution part written in this script's letter names at the
    /// start of `text` ("ياء" → "J", "ألف ألف" → "AA"), with the bytes they take.
    pub fn part_letters_at(&self, text: &str) -> Option<(usize, String)> {
        let mut at = 0;
        let mut letters = String::new();
        loop {
            let rest = &text[at..];
            let gap = rest.len() - rest.trim_start_matches(' ').len();
            let Some((name, latin)) = self
                .part_letters
                .iter()
                .find(|(name, _)| rest[gap..].starts_with(name.as_str()))
            else {
                break;
            };
            let end = at + gap + name.len();
            // A letter name is a whole word.
            if text[end..].starts_with(|c: char| c.is_alphabetic()) || letters.len() == 2 {
                break;
            }
            letters.push_str(&latin.to_uppercase());
            at = end;
        }
        (!letters.is_empty()).then_some((at, letters))
    }

    /// The body a formula line names (a gazetteer IRI): "The General Assembly,", or the name
    /// alone ("安全理事会") where a web copy dropped the comma.
    pub fn formula_organ(&self, line: &str) -> Option<&str> {
        match self.formula.captures(line) {
            Some(c) => self.organ_of(c.name("organ")?.as_str()),
            None => self.organ_of(line.trim().trim_end_matches([',', ':', '，', '：', '،'])),
        }
    }

    /// The organ body IRI of a name matched by the formula.
    pub fn organ_of(&self, name: &str) -> Option<&str> {
        self.organ_names
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, iri)| iri.as_str())
    }

    /// A session ordinal in words ("Seventy-ninth", "soixante-dix-neuvième", "التاسعة
    /// والسبعون", "七十九") as a number: the sum of its number words.
    pub fn ordinal(&self, words: &str) -> Option<u32> {
        if !self.numerals.is_empty() && words.chars().all(|c| self.numerals.is_numeral(c)) {
            return self.numerals.value(words);
        }
        // In digits, with the ordinal's ending ("51 er", "24 º", "33rd").
        let digits: String = words
            .trim()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if !digits.is_empty() {
            return digits.parse().ok().filter(|n| *n > 0);
        }
        let lower = words.to_lowercase();
        let tokens: Vec<&str> = lower
            .split(|c: char| c == '-' || c.is_whitespace())
            .filter(|t| !t.is_empty())
            .collect();
        let (mut total, mut i) = (0, 0);
        let word = |w: &str| {
            self.number_words
                .iter()
                .find(|(n, _)| n == w)
                .map(|(_, v)| *v)
        };
        while i < tokens.len() {
            // The longest run of tokens that is one number word ("quatre-vingt").
            let found = (i + 1..=tokens.len()).rev().find_map(|j| {
                let joined = tokens[i..j].join("-");
                let spaced = tokens[i..j].join(" ");
                // An Arabic word may carry the conjunction و ("and") in front.
                word(&joined)
                    .or_else(|| word(&spaced))
                    .or_else(|| joined.strip_prefix('و').and_then(word))
                    .map(|v| (v, j))
            });
            // Two words run together by a PDF copy ("Twentyseventh").
            let fused = || {
                let token = tokens[i];
                (1..token.len())
                    .filter(|&at| token.is_char_boundary(at))
                    .find_map(|at| Some(word(&token[..at])? + word(&token[at..])?))
                    .map(|v| (v, i + 1))
            };
            let (value, next) = found.or_else(fused)?;
            total += value;
            i = next;
        }
        (total > 0).then_some(total)
    }

    /// An agenda item in English style: "98 hh)", "98(hh)", "98 (ح ح)" → "98 (hh)".
    pub fn agenda_item(&self, printed: &str) -> String {
        let printed = printed.trim();
        let digits: String = printed.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() {
            return printed.to_string();
        }
        let rest = printed[digits.len()..]
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .trim();
        let mut letters = String::new();
        for part in rest.split_whitespace() {
            match self.agenda_letters.iter().find(|(k, _)| k == part) {
                Some((_, latin)) => letters.push(*latin),
                None if part.chars().all(|c| c.is_ascii_lowercase()) => letters.push_str(part),
                None => return printed.to_string(),
            }
        }
        if letters.is_empty() {
            digits
        } else {
            format!("{digits} ({letters})")
        }
    }
}

/// The names of the bodies that adopt resolutions in one language, found by compiled patterns
/// (a text is searched for them at every resolution number).
#[derive(Debug, Clone)]
pub struct BodyNames {
    /// Lower-case name → index of the body's series in the lexicon's series table.
    series: HashMap<String, usize>,
    /// The names as alternatives of a pattern, case-insensitive, longest first (ORGAN in a
    /// heading form).
    pub alternatives: String,
    at_end: Pattern,
    at_start: Pattern,
    anywhere: Pattern,
}

impl BodyNames {
    /// From (name, series index) pairs.
    fn new(names: Vec<(String, usize)>) -> Result<Self, regex::Error> {
        let mut sorted: Vec<&(String, usize)> = names.iter().collect();
        sorted.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        // A name of a cased script is a whole word ("OAS", not the "oas" of "coast"); Chinese
        // names stand between other characters ("大会决定"), Arabic ones after a fused "و" or
        // "ل", but end where their word does.
        let cased = |c: Option<char>| {
            c.is_some_and(|c| c.is_alphabetic() && (c.is_lowercase() || c.is_uppercase()))
        };
        let worded = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && !is_cjk(c));
        let escaped: Vec<String> = sorted
            .iter()
            .map(|(n, _)| {
                let start = if cased(n.chars().next()) { r"\b" } else { "" };
                let end = if worded(n.chars().next_back()) {
                    r"\b"
                } else {
                    ""
                };
                format!("{start}{}{end}", regex::escape(n))
            })
            .collect();
        let alternatives = format!("(?i:{})", escaped.join("|"));
        Ok(BodyNames {
            at_end: Pattern::new(&format!("{alternatives}$"))?,
            at_start: Pattern::new(&format!("^{alternatives}"))?,
            anywhere: Pattern::new(&alternatives)?,
            alternatives,
            series: names
                .into_iter()
                .map(|(n, i)| (n.to_lowercase(), i))
                .collect(),
        })
    }

    /// The series of the body a name is one of.
    pub fn series_of(&self, name: &str) -> Option<usize> {
        self.series.get(&name.trim().to_lowercase()).copied()
    }

    /// The body named at the very end of `text`.
    pub fn at_end(&self, text: &str) -> Option<usize> {
        self.series_of(self.at_end.find(text)?.as_str())
    }

    /// The body named at the very start of `text`, and the byte length of its name.
    pub fn at_start(&self, text: &str) -> Option<(usize, usize)> {
        let m = self.at_start.find(text)?;
        Some((m.end(), self.series_of(m.as_str())?))
    }

    /// The first body named in `text`.
    pub fn first_in(&self, text: &str) -> Option<usize> {
        self.series_of(self.anywhere.find(text)?.as_str())
    }

    /// The last body named in `text` whose series passes `keep`.
    pub fn last_in(&self, text: &str, keep: impl Fn(usize) -> bool) -> Option<usize> {
        self.anywhere
            .find_iter(text)
            .filter_map(|m| self.series_of(m.as_str()))
            .filter(|&i| keep(i))
            .last()
    }
}

/// The numeral system of a grammar: `unkg:numeralDigits` and `unkg:numeralMultipliers`, as
/// "character=value" pairs.
pub fn numerals(data: &GrammarData) -> Numerals {
    let pairs = |property: &str| -> Vec<(char, u32)> {
        data.get(property)
            .into_iter()
            .flatten()
            .flat_map(|v| v.split_whitespace())
            .filter_map(|pair| {
                let (c, v) = pair.split_once('=')?;
                Some((c.chars().next()?, v.parse().ok()?))
            })
            .collect()
    };
    Numerals::new(pairs("numeralDigits"), pairs("numeralMultipliers"))
}

#[cfg(test)]
mod tests {
    use crate::lang::Lexicon;

    #[test]
    fn ordinals_in_six_languages() {
        let lexicon = Lexicon::load().unwrap();
        // The words as matching reads them: folded ("التاسعة" as "التاسعه").
        let ordinal = |lang: &str, words: &str| {
            let folded = crate::text::Text::folded(words, &lexicon.folding);
            lexicon.grammars[lang].ordinal(folded.as_str())
        };
        assert_eq!(ordinal("en", "Seventy-ninth"), Some(79));
        assert_eq!(ordinal("en", "Fortieth"), Some(40));
        assert_eq!(ordinal("en", "Twentyseventh"), Some(27));
        assert_eq!(ordinal("es", "51 er"), Some(51));
        assert_eq!(ordinal("fr", "Soixante-dix-neuvième"), Some(79));
        assert_eq!(ordinal("fr", "Quatre-vingtième"), Some(80));
        assert_eq!(ordinal("es", "Septuagésimo noveno"), Some(79));
        assert_eq!(ordinal("ru", "Семьдесят девятая"), Some(79));
        assert_eq!(ordinal("ar", "التاسعة والسبعون"), Some(79));
        assert_eq!(ordinal("zh", "七十九"), Some(79));
        assert_eq!(ordinal("en", "Plenary"), None);
    }

    #[test]
    fn agenda_items_in_english_style() {
        let lexicon = Lexicon::load().unwrap();
        assert_eq!(lexicon.grammars["fr"].agenda_item("98 hh)"), "98 (hh)");
        assert_eq!(lexicon.grammars["ru"].agenda_item("98(hh)"), "98 (hh)");
        assert_eq!(lexicon.grammars["ar"].agenda_item("98 (ح ح)"), "98 (hh)");
        assert_eq!(lexicon.grammars["en"].agenda_item("43"), "43");
        assert_eq!(
            lexicon.grammars["en"].agenda_item("14 and 115"),
            "14 and 115"
        );
    }
}
