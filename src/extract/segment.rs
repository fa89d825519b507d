//! Segmentation: which lines are masthead, which are the preambular and operative paragraphs,
//! which are footnotes, page furniture, the closing adoption lines, or an embedded text (a
//! declaration adopted by the resolution, an annex).

use super::LanguageTools;
use super::numbering::strip_bullet;
use super::verbs::VerbPhrase;
use crate::lang::lexicon::VerbUse;
use crate::lang::pattern::PerThread;
use crate::text::{Flat, Text, is_cjk};
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Preambular,
    Operative,
}

#[derive(Debug, Clone)]
pub struct Para {
    pub kind: Kind,
    /// The printed operative number, if numbered.
    pub number: Option<u32>,
    /// Part of a text the resolution adopts or annexes: not one of its own paragraphs.
    pub embedded: bool,
    pub lines: Vec<Range<usize>>,
    pub verb: Option<VerbPhrase>,
}

#[derive(Debug, Clone)]
pub struct Note {
    pub marker: String,
    pub lines: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Line ranges before the enacting formula.
    pub masthead: Vec<Range<usize>>,
    /// The enacting formula line ("The General Assembly,").
    pub formula: Option<Range<usize>>,
    pub paragraphs: Vec<Para>,
    pub footnotes: Vec<Note>,
    /// Adoption lines after the operative part ("43rd plenary meeting", "Adopted at the …").
    pub closing: Vec<Range<usize>>,
    /// Page headers were seen in the body (so a running title may follow them).
    pub page_headers: bool,
    /// Lines of page furniture set aside: running headers and footers, page numbers.
    pub furniture: Vec<Range<usize>>,
}

/// A pattern anchored at the start of a line, with the characters its first non-blank one may
/// be: most lines fail that test, which costs far less than running the pattern.
struct LineStart {
    pattern: LazyLock<PerThread>,
    first: fn(char) -> bool,
}

impl LineStart {
    const fn new(pattern: fn() -> PerThread, first: fn(char) -> bool) -> Self {
        LineStart {
            pattern: LazyLock::new(pattern),
            first,
        }
    }

    fn may_match(&self, line: &str) -> bool {
        line.trim_start().starts_with(self.first)
    }

    fn is_match(&self, line: &str) -> bool {
        self.may_match(line) && self.pattern.is_match(line)
    }

    fn captures<'t>(&self, line: &'t str) -> Option<regex::Captures<'t>> {
        self.may_match(line).then(|| self.pattern.captures(line))?
    }
}

static FURNITURE: LineStart = LineStart::new(
    || {
        PerThread::new(concat!(
            r"^\s*(?:\d{2}-\d{5}\s*(?:\(\w\))?.*|\*\d{5,}\*|\d{1,3}/\d{1,3}|",
            r"(?:A|S|E)/(?:RES|HRC/RES)/[\w\-./]+(?:\s*\(\d{4}\))?(?:\s+\w+\.?\s*\d+)?)\s*$"
        ))
        .unwrap()
    },
    |c| c.is_numeric() || matches!(c, '*' | 'A' | 'S' | 'E'),
);
static HEADER_SYMBOL: LazyLock<PerThread> = LazyLock::new(|| {
    PerThread::new(r"^(?:A|S|E)/(?:RES|HRC/RES)/[\w\-./]+(?:\s*\(\d{4}\))?\s+").unwrap()
});

static SUBPARAGRAPH: LineStart = LineStart::new(
    || PerThread::new(r"^\s*\((?:[a-z]{1,2}|[ivx]{1,5})\)\s").unwrap(),
    |c| c == '(',
);
static HEADING: LineStart = LineStart::new(
    || PerThread::new(r"^\s*(?:[A-Z]|[IVX]{1,5})\.?\s*$").unwrap(),
    |c| c.is_ascii_uppercase(),
);
static FOOTNOTE: LineStart = LineStart::new(
    || PerThread::new(r"^\s*([¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*|\d{1,3}/\s*|\d{1,3}\s+)(\S.*)$").unwrap(),
    char::is_numeric,
);
/// What follows a number that is no footnote marker: more of a number, or the unit of a Chinese
/// date, session or meeting that a PDF line break left at the start of a line ("16 日第 17/6 号").
static NOT_A_FOOTNOTE: LazyLock<PerThread> =
    LazyLock::new(|| PerThread::new(r"^(?:[\d(]|[年月日号届次])").unwrap());
/// Footnote calls and markers that may trail a paragraph's last line.
static TRAILING_MARKER: LazyLock<PerThread> =
    LazyLock::new(|| PerThread::new(r"(?:\s*(?:\d{1,3}/?|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*+))+\s*$").unwrap());

/// Splits a document into its parts. `title` (flattened) lets running page headers that repeat
/// it be recognised as furniture.
pub fn segment(text: &Text, tools: &LanguageTools, title: Option<&str>) -> Layout {
    let (verbs, formula) = (&tools.verbs, &tools.grammar.formula);
    let mut lines = text.lines().to_vec();
    let mut layout = Layout::default();
    // A plain formula wins over a run-on one above it.
    let form_at = |r: &Range<usize>| formula_form(tools, &text.as_str()[r.clone()]);
    let mut formula_at = lines
        .iter()
        .position(|r| form_at(r) == Some(FormulaForm::Plain))
        .or_else(|| lines.iter().position(|r| form_at(r).is_some()));
    let mut cut_at_formula = false;
    // A web copy may run the masthead, the formula and the paragraphs together on a line or
    // two: the formula then starts inside one, and the line is cut there.
    if formula_at.is_none()
        && (is_run_on(text, &lines) || has_run_on_line(&lines))
        && let Some((i, at)) = formula_inside(text, tools, &lines)
    {
        let line = lines[i].clone();
        lines.splice(i..=i, [line.start..at, at..line.end]);
        formula_at = Some(i + 1);
        cut_at_formula = true;
    }
    // A web copy may drop the formula's comma: the organ's name alone on the line before the
    // first paragraph is the formula ("安全理事会" ⏎ "回顾其…").
    if formula_at.is_none() {
        formula_at = (0..lines.len().saturating_sub(1)).find(|&i| {
            let line = &text.as_str()[lines[i].clone()];
            tools.grammar.formula_organ(line).is_some()
                && lines[i + 1..]
                    .iter()
                    .map(|r| text.as_str()[r.clone()].trim())
                    .find(|l| !l.is_empty())
                    .is_some_and(|next| verbs.at_start(strip_bullet(next)).is_some())
        });
    }
    let body_start = match formula_at {
        Some(i) => {
            layout.masthead = lines[..i].to_vec();
            let line = &text.as_str()[lines[i].clone()];
            let end = formula.find(line).map_or(line.len(), |m| m.end());
            layout.formula = Some(lines[i].start..lines[i].start + end);
            i
        }
        None => {
            // No formula: the body starts at the first paragraph-like line.
            let i = lines
                .iter()
                .position(|r| {
                    verbs
                        .at_start(strip_bullet(&text.as_str()[r.clone()]))
                        .is_some()
                        || tools.numbering.is_match(&text.as_str()[r.clone()])
                })
                .unwrap_or(lines.len());
            layout.masthead = lines[..i].to_vec();
            i
        }
    };

    // A site's navigation ("← | Resolution 395 | … | Resolution 397 |", maybe going on to
    // the next line, "Resolution 398 |") names other resolutions: it is page furniture, not
    // masthead.
    let mut in_navigation = false;
    let (navigation, masthead) = layout.masthead.iter().cloned().partition(|r| {
        let line = &text.as_str()[r.clone()];
        in_navigation = is_navigation(line) || in_navigation && line.trim_end().ends_with('|');
        in_navigation
    });
    layout.masthead = masthead;
    layout.furniture = navigation;
    let mut body: Vec<Range<usize>> = lines[body_start..].to_vec();
    if let (Some(first), Some(formula)) = (body.first_mut(), &layout.formula) {
        // What follows the formula on its own line begins the first paragraph.
        first.start = formula.end;
    }
    // A text run together on a few lines (web copies) is cut where paragraphs begin; so is a
    // line of a language that capitalizes its paragraph verbs, where OCR joined two
    // paragraphs ("…l'action nécessaire, Ayant pris note du deuxième rapport…"), and the line
    // a web page ran its whole text on, between its site's lines.
    let run_on = is_run_on(text, &body);
    if run_on || tools.grammar.capitalized_verbs || cut_at_formula {
        let mut pieces = Vec::with_capacity(body.len());
        for (i, line) in body.into_iter().enumerate() {
            if run_on || tools.grammar.capitalized_verbs || i == 0 {
                split_at_paragraphs(text, tools, line, &mut pieces);
            } else {
                pieces.push(line);
            }
        }
        body = pieces;
    }
    let mut state = Walker {
        lines_are_paragraphs: lines_are_paragraphs(text, &body),
        ..Walker::default()
    };
    for range in body {
        let line = &text.as_str()[range.clone()];
        let probe = line.trim();
        if probe.is_empty() {
            state.blank_before = true;
            continue;
        }
        if is_navigation(probe) {
            layout.furniture.push(range);
            continue;
        }
        let furniture = FURNITURE.is_match(probe)
            || tools
                .grammar
                .page_furniture
                .as_ref()
                .is_some_and(|r| r.is_match(probe));
        if furniture {
            layout.page_headers = true;
            layout.furniture.push(range);
            state.after_furniture = true;
            continue;
        }
        if state.is_running_title(probe, title) {
            layout.furniture.push(range);
            state.after_furniture = true;
            continue;
        }
        if !state.closing && tools.grammar.closing.iter().any(|r| r.is_match(probe)) {
            state.closing = true;
            state.in_footnote = None;
            layout.closing.push(range);
            state.reset_line();
            continue;
        }
        let footnote_allowed =
            state.blank_before || state.after_furniture || state.in_footnote.is_some();
        if footnote_allowed
            && let Some(c) = FOOTNOTE.captures(probe)
            && !NOT_A_FOOTNOTE.is_match(&c[2])
            && !tools.dates.starts_with_month(&c[2])
            && !tools.numbering.is_match(probe)
        {
            layout.footnotes.push(Note {
                marker: c[1].trim().trim_end_matches('/').to_string(),
                lines: vec![range],
            });
            state.in_footnote = Some(layout.footnotes.len() - 1);
            state.reset_line();
            continue;
        }
        if let Some(note) = state.in_footnote {
            if !state.blank_before {
                layout.footnotes[note].lines.push(range);
                state.reset_line();
                continue;
            }
            state.in_footnote = None;
        }
        if state.closing {
            layout.closing.push(range);
            state.reset_line();
            continue;
        }
        if tools
            .grammar
            .annex_heading
            .as_ref()
            .is_some_and(|r| r.is_match(probe))
        {
            state.embedded = true;
            state.current = None;
            state.reset_line();
            continue;
        }
        state.take_line(&mut layout, text, tools, range, probe);
        state.reset_line();
    }
    place_by_ending(&mut layout, text);
    layout
}

/// `text` after the footnote call it starts with, in the "*/", "**/", "21/" style of old
/// documents, if any.
fn past_footnote_call(text: &str) -> &str {
    let call = text.trim_start_matches(|c: char| c == '*' || c.is_ascii_digit());
    let called = call.len() < text.len() && text.len() - call.len() <= 3;
    match call.strip_prefix('/') {
        Some(after) if called && after.starts_with(char::is_whitespace) => after.trim_start(),
        _ => text,
    }
}

/// The verb that opens a paragraph: at its start, or after the body's name in the style of
/// 1946 ("大会建议："; where verbs are capitalized, "The General Assembly recommends" has its
/// article and is a formula).
pub fn opening_verb(tools: &LanguageTools, text: &str) -> Option<VerbPhrase> {
    if let Some(verb) = tools.verbs.at_start(text) {
        return Some(verb);
    }
    if tools.grammar.capitalized_verbs {
        return None;
    }
    let (name, _) = tools.grammar.bodies.at_start(text)?;
    let skip = text.len() - text[name..].trim_start().len();
    let mut verb = tools.verbs.at_start(&text[skip..])?;
    verb.at += skip;
    verb.len += skip;
    Some(verb)
}

/// An unnumbered paragraph opened by a form of both parts ("重申", "着重指出") is told by how it
/// ends: a comma ends a preambular paragraph, a semicolon or full stop an operative one.
fn place_by_ending(layout: &mut Layout, text: &Text) {
    for p in layout.paragraphs.iter_mut() {
        if p.embedded || p.number.is_some() || !p.verb.as_ref().is_some_and(|v| v.dual) {
            continue;
        }
        let Some(last) = p.lines.last() else {
            continue;
        };
        let end = text.as_str()[last.clone()].trim_end();
        if end.ends_with([',', '，', '،']) {
            p.kind = Kind::Preambular;
        } else if ends_as_operative(end) {
            p.kind = Kind::Operative;
        }
    }
}

/// Whether a line is a site's navigation between documents: it has an arrow, or it is
/// "« previous … next »" (guillemets alone are quotation marks).
fn is_navigation(line: &str) -> bool {
    let line = line.trim();
    // One character at a time is looked for: a search for either decodes every character.
    line.contains('→')
        || line.contains('←')
        || line.starts_with('«')
            && line.ends_with('»')
            && (line.contains('…') || line.contains('|'))
}

/// Whether most of the body's text stands in long lines, one paragraph a line, rather than in
/// lines wrapped at a column. Chinese paragraphs are short: a Chinese text whose lines mostly
/// end as paragraphs end (a wrapped one's seldom do) stands a paragraph a line too.
fn lines_are_paragraphs(text: &Text, body: &[Range<usize>]) -> bool {
    let (mut long, mut all, mut cjk) = (0, 0, 0);
    let (mut lines, mut ended) = (0, 0);
    for r in body {
        let line = text.as_str()[r.clone()].trim();
        let chars = line.chars().count();
        all += chars;
        if !line.is_ascii() {
            cjk += line.chars().filter(|c| is_cjk(*c)).count();
        }
        if chars > 160 {
            long += chars;
        }
        if !line.is_empty() {
            lines += 1;
            ended += usize::from(line.ends_with(PARAGRAPH_ENDS));
        }
    }
    all > 0 && (long * 3 > all * 2 || cjk * 2 > all && lines >= 3 && ended * 5 >= lines * 3)
}

/// The marks that end a paragraph: , ; : . and their full-width and Arabic forms.
const PARAGRAPH_ENDS: [char; 10] = [',', ';', ':', '.', '，', '；', '：', '。', '،', '؛'];

/// Whether a line ends as an operative paragraph ends (";", "." — a preambular one ends
/// with a comma).
fn ends_as_operative(line: &str) -> bool {
    line.trim_end().ends_with([';', '.', '；', '。', '؛'])
}

fn is_formula(tools: &LanguageTools, line: &str) -> bool {
    formula_form(tools, line).is_some()
}

/// How surely a line is the enacting formula.
#[derive(PartialEq)]
enum FormulaForm {
    /// "The Security Council," alone, or followed by the first paragraph.
    Plain,
    /// The body's name and a verb with no comma between: "La Asamblea General lamenta que…"
    /// in a 1946 text, but also a web page's headline ("El Consejo de Derechos Humanos
    /// renueva su compromiso…") above the real formula.
    RunOn,
}

fn formula_form(tools: &LanguageTools, line: &str) -> Option<FormulaForm> {
    // Not "The General Assembly decides" inside a paragraph.
    let m = tools.grammar.formula.find(line)?;
    let rest = &line[m.end()..];
    if rest.trim().is_empty()
        || line.trim_end().ends_with([',', '，', '،'])
        || rest.starts_with(char::is_uppercase) && line.contains(',')
    {
        return Some(FormulaForm::Plain);
    }
    tools
        .verbs
        .at_start(rest.trim_start())
        .map(|_| FormulaForm::RunOn)
}

/// More than the longest masthead: the formula follows it.
const MASTHEAD_BYTES: usize = 6_000;

/// The first place inside a line (not at its start) where the enacting formula begins: after
/// a space, or beside a Chinese character, within the first [`MASTHEAD_BYTES`] of the text.
/// (line index, byte offset in the text)
fn formula_inside(
    text: &Text,
    tools: &LanguageTools,
    lines: &[Range<usize>],
) -> Option<(usize, usize)> {
    let starts_early = |(_, range): &(usize, &Range<usize>)| range.start <= MASTHEAD_BYTES;
    lines
        .iter()
        .enumerate()
        .take_while(starts_early)
        .find_map(|(i, range)| {
            let line = &text.as_str()[range.clone()];
            let mut previous = line.chars().next()?;
            line.char_indices()
                .skip(1)
                .take_while(|(at, _)| range.start + at <= MASTHEAD_BYTES)
                .find_map(|(at, c)| {
                    let boundary = previous.is_whitespace() || is_cjk(previous) || is_cjk(c);
                    previous = c;
                    (boundary && is_formula(tools, &line[at..])).then_some((i, range.start + at))
                })
        })
}

/// Whether a line near the start holds a whole text run together (a web page's body between
/// its site's lines): longer than any masthead line or title, as long as a short resolution.
fn has_run_on_line(lines: &[Range<usize>]) -> bool {
    lines
        .iter()
        .take_while(|r| r.start <= MASTHEAD_BYTES)
        .any(|r| r.len() > 1_200)
}

/// Whether the body stands in a few long lines: paragraphs run together, as web copies of
/// Chinese and Arabic texts have them.
fn is_run_on(text: &Text, body: &[Range<usize>]) -> bool {
    let mut non_empty = body
        .iter()
        .map(|r| &text.as_str()[r.clone()])
        .filter(|line| !line.trim().is_empty());
    // A fourth line settles it before any character is counted.
    let few: Vec<&str> = non_empty.by_ref().take(3).collect();
    non_empty.next().is_none() && few.iter().map(|l| l.chars().count()).sum::<usize>() > 100
}

/// The marks after which [`split_at_paragraphs`] looks for a paragraph.
const PARAGRAPH_MARKS: [char; 10] = [',', '，', ';', '；', '。', '.', '،', '؛', ':', '：'];

/// The first UTF-8 byte of each of [`PARAGRAPH_MARKS`]: a line is scanned for these, and only
/// there is a character decoded.
static MAY_START_MARK: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < PARAGRAPH_MARKS.len() {
        let mut utf8 = [0; 4];
        table[PARAGRAPH_MARKS[i].encode_utf8(&mut utf8).as_bytes()[0] as usize] = true;
        i += 1;
    }
    table
};

/// Cuts a line where a paragraph begins: after the punctuation that ends one, where the next
/// words are a paragraph verb, or an operative number and a verb.
fn split_at_paragraphs(
    text: &Text,
    tools: &LanguageTools,
    line: Range<usize>,
    pieces: &mut Vec<Range<usize>>,
) {
    let s = &text.as_str()[line.clone()];
    let capitalized = tools.grammar.capitalized_verbs;
    let mut last_cut = 0;
    // The number of the last numbered paragraph cut at.
    let mut last_number = 0;
    // After a mark, or, in a whole text on one line, before a digit after a space: a journal's
    // page furniture may stand between two numbered paragraphs ("…; Martes 9 de enero de 2007
    // … Nº 31.072 7 6. Decide").
    let whole_text = s.len() > 2_000;
    let candidates = s.bytes().enumerate().filter(|&(i, b)| {
        MAY_START_MARK[usize::from(b)]
            || whole_text && b.is_ascii_digit() && i > 0 && s.as_bytes()[i - 1] == b' '
    });
    for (i, b) in candidates {
        let after = if b.is_ascii_digit() {
            if last_number == 0 {
                continue;
            }
            i
        } else {
            let Some(c) = s[i..].chars().next() else {
                continue;
            };
            if !PARAGRAPH_MARKS.contains(&c) {
                continue;
            }
            i + c.len_utf8()
        };
        // A footnote call may follow the mark ("…in 1976;***/ 3. Suggests", "…,21/ Noting").
        let rest = past_footnote_call(s[after..].trim_start());
        // Most punctuation is followed by a lower-case word: no paragraph, nor its number.
        if capitalized
            && !rest.starts_with(|c: char| {
                c.is_uppercase() || c.is_ascii_digit() || c == '*' || c == 'l'
            })
        {
            continue;
        }
        let start = s.len() - rest.len();
        // Bold markup may wrap the verb ("2. **Calls for**").
        let read = tools.numbering.read(rest);
        let number = read.map(|(n, _)| n);
        let numbered = number.is_some();
        let opening = match read {
            Some((_, at)) => rest[at..].trim_start(),
            None => rest,
        }
        .trim_start_matches('*');
        let verb_here = (!capitalized || opening.starts_with(char::is_uppercase))
            && tools.verbs.at_start(opening).is_some();
        if b.is_ascii_digit() {
            // Only the next number of the paragraphs before, with its verb.
            if verb_here && last_number > 0 && number == Some(last_number + 1) && start > last_cut {
                pieces.push(line.start + last_cut..line.start + start);
                last_cut = start;
                last_number += 1;
            }
            continue;
        }
        // A clause joined by a conjunction ("…，并重申") stays in its paragraph.
        let clause = tools
            .grammar
            .clause_markers
            .iter()
            .any(|m| opening.starts_with(m.as_str()));
        // The adoption line after the last paragraph ("… seized of the matter. Adopted at").
        let closing = || tools.grammar.closing.iter().any(|r| r.is_match(rest));
        if (verb_here && (numbered || !clause) || closing()) && start > last_cut {
            pieces.push(line.start + last_cut..line.start + start);
            last_cut = start;
            last_number = number.filter(|_| verb_here).unwrap_or(last_number);
        }
    }
    pieces.push(line.start + last_cut..line.end);
}

#[derive(Default)]
struct Walker {
    /// Each paragraph stands on one line (OCR and web copies): a line break ends a paragraph.
    lines_are_paragraphs: bool,
    blank_before: bool,
    after_furniture: bool,
    in_footnote: Option<usize>,
    closing: bool,
    /// Following paragraphs belong to an adopted or annexed text.
    embedded: bool,
    current: Option<usize>,
    last_number: u32,
    last_embedded_number: u32,
    running_title: bool,
}

impl Walker {
    fn reset_line(&mut self) {
        self.blank_before = false;
        self.after_furniture = false;
        self.running_title = false;
    }

    /// A page header repeating the title, just after a header or another such line.
    fn is_running_title(&mut self, probe: &str, title: Option<&str>) -> bool {
        let Some(title) = title else { return false };
        // A header may carry the symbol and the title on one line.
        let (probe, with_symbol) = match HEADER_SYMBOL.find(probe) {
            Some(m) => (&probe[m.end()..], true),
            None => (probe, false),
        };
        if !(with_symbol || self.after_furniture || self.running_title)
            || probe.chars().count() < 12
        {
            return false;
        }
        let folded: String = probe.split_whitespace().collect::<Vec<_>>().join(" ");
        let hit = title.contains(&folded);
        self.running_title = hit;
        hit
    }

    fn take_line(
        &mut self,
        layout: &mut Layout,
        text: &Text,
        tools: &LanguageTools,
        range: Range<usize>,
        probe: &str,
    ) {
        // Web copies may set a list marker before every paragraph ("- 1. Decides").
        let probe = strip_bullet(probe);
        let number = tools.numbering.read(probe).map(|(n, _)| n);
        let expected = if self.embedded {
            self.last_embedded_number + 1
        } else {
            self.last_number + 1
        };
        if let Some(n) = number
            && (n == expected || (self.embedded && n == 1))
        {
            if self.embedded {
                self.last_embedded_number = n;
            } else {
                self.last_number = n;
            }
            self.start(layout, text, tools, Kind::Operative, Some(n), range);
            return;
        }
        if SUBPARAGRAPH.is_match(probe) || (HEADING.is_match(probe) && self.current.is_some()) {
            if !HEADING.is_match(probe) {
                self.extend(layout, range);
            }
            return;
        }
        let stripped = probe.trim_start_matches('*');
        // A verb opens a paragraph with a capital letter (scripts without case aside).
        let verb = if tools.grammar.capitalized_verbs && stripped.starts_with(char::is_lowercase) {
            None
        } else {
            opening_verb(tools, stripped)
        };
        let ended = self
            .current
            .is_none_or(|i| paragraph_ended(text, &layout.paragraphs[i]));
        // A verb the lexicon lacks still opens a paragraph when it has the shape of one
        // ("Responding to …"), stands after a blank line and the paragraph before has ended;
        // it is reported.
        // Where lines are paragraphs, a new line is as good as a blank one.
        let break_before = self.blank_before || self.lines_are_paragraphs;
        if verb.is_none()
            && ended
            && break_before
            && self.current.is_some()
            && tools
                .grammar
                .paragraph_verb_shape
                .as_ref()
                .is_some_and(|r| r.is_match(stripped))
        {
            let numbered_before = layout
                .paragraphs
                .iter()
                .any(|p| !p.embedded && p.number.is_some());
            if !numbered_before || self.embedded {
                self.start(
                    layout,
                    text,
                    tools,
                    if numbered_before {
                        Kind::Operative
                    } else {
                        Kind::Preambular
                    },
                    None,
                    range,
                );
                return;
            }
        }
        // Where lines are paragraphs, a line after one that has ended opens a paragraph though
        // the lexicon lacks its verb ("兹设立…", "委员会…均有权…"): operative after an
        // operative one, or when it ends as operative paragraphs end ("；", "。").
        // Only in Chinese: a line of a Latin or Arabic script that starts with a word and
        // follows a comma may go on with a list ("Maputo (1999), Geneva (2000), …").
        if verb.is_none()
            && ended
            && stripped.starts_with(is_cjk)
            && self.lines_are_paragraphs
            && let Some(i) = self.current
            && !layout
                .paragraphs
                .iter()
                .any(|p| !p.embedded && p.number.is_some())
        {
            let operative =
                layout.paragraphs[i].kind == Kind::Operative || ends_as_operative(probe);
            let kind = if operative {
                Kind::Operative
            } else {
                Kind::Preambular
            };
            self.start(layout, text, tools, kind, None, range);
            return;
        }
        match verb {
            Some(v) if ended || break_before => {
                let numbered_before = layout
                    .paragraphs
                    .iter()
                    .any(|p| !p.embedded && p.number.is_some());
                // A form of both parts ("重申") is operative after an operative paragraph, or
                // as a line that is a paragraph and ends as operative ones end ("…仍属有效。").
                let after_operative = self
                    .current
                    .is_some_and(|i| layout.paragraphs[i].kind == Kind::Operative);
                let operative = if v.dual {
                    after_operative || self.lines_are_paragraphs && ends_as_operative(probe)
                } else {
                    v.verb_use == VerbUse::Operative
                };
                let kind = if numbered_before || operative {
                    Kind::Operative
                } else {
                    Kind::Preambular
                };
                // In a numbered operative part, an unnumbered verb line continues the paragraph.
                if numbered_before && !self.embedded {
                    self.extend(layout, range);
                } else {
                    self.start(layout, text, tools, kind, None, range);
                    if let Some(i) = self.current {
                        layout.paragraphs[i].verb = Some(v);
                    }
                }
            }
            _ if self.current.is_none() => {
                self.start(layout, text, tools, Kind::Preambular, None, range)
            }
            _ => self.extend(layout, range),
        }
    }

    fn start(
        &mut self,
        layout: &mut Layout,
        text: &Text,
        tools: &LanguageTools,
        kind: Kind,
        number: Option<u32>,
        range: Range<usize>,
    ) {
        // A paragraph after "Adopts the following declaration:" belongs to the declaration.
        if let Some(i) = self.current {
            let p = &layout.paragraphs[i];
            if !p.embedded
                && p.number.is_none()
                && p.kind == Kind::Operative
                && adopts_a_text(text, &tools.grammar.adopted_text_markers, p)
            {
                self.embedded = true;
                if number.is_some() {
                    self.last_embedded_number = number.unwrap_or(0);
                    self.last_number = 0;
                }
            }
        }
        layout.paragraphs.push(Para {
            kind,
            number,
            embedded: self.embedded,
            lines: vec![range],
            verb: None,
        });
        self.current = Some(layout.paragraphs.len() - 1);
    }

    fn extend(&mut self, layout: &mut Layout, range: Range<usize>) {
        match self.current {
            Some(i) => layout.paragraphs[i].lines.push(range),
            None => {
                layout.paragraphs.push(Para {
                    kind: Kind::Preambular,
                    number: None,
                    embedded: self.embedded,
                    lines: vec![range],
                    verb: None,
                });
                self.current = Some(layout.paragraphs.len() - 1);
            }
        }
    }
}

/// "Adopts the following political declaration …:" — what follows is the adopted text.
fn adopts_a_text(text: &Text, markers: &[String], p: &Para) -> bool {
    if !p
        .verb
        .as_ref()
        .is_some_and(|v| v.key == "endorse" || v.key == "declare")
    {
        return false;
    }
    let opening = Flat::from_ranges(text, p.lines.iter().take(4));
    let head = crate::text::head(opening.as_str(), 1200);
    head.contains([':', '：']) && markers.iter().any(|w| head.contains(w.as_str()))
}

/// Whether the paragraph's last line ends as a paragraph ends: , ; : . (footnote calls aside).
fn paragraph_ended(text: &Text, p: &Para) -> bool {
    let Some(last) = p.lines.last() else {
        return true;
    };
    let line = text.as_str()[last.clone()].trim_end();
    let line = match TRAILING_MARKER.find(line) {
        Some(m) if m.start() > 0 => &line[..m.start()],
        _ => line,
    };
    line.trim_end().ends_with(PARAGRAPH_ENDS)
}
