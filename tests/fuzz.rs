//! Fuzzing on stable: real texts of every language, mutated in the ways real texts go wrong
//! (digits of other scripts, full-width punctuation, cut lines, spliced pages, truncation),
//! run through extraction and the input decoders. Nothing may panic, and every span must lie
//! inside its text. `UNKG_FUZZ_SECONDS` bounds the time (20 s by default; CI runs it so).

use crate::random::Random;
use crate::util;
use std::time::{Duration, Instant};
use unkg::extract::Extractor;
use unkg::lang::Lexicon;

/// Characters that make trouble: digits of three scripts, brackets and slashes of two widths,
/// letters OCR confuses, ideographs, Arabic letters, marks, line and page breaks.
const PALETTE: &[&str] = &[
    "0",
    "9",
    "١",
    "٩",
    "１",
    "９",
    "(",
    ")",
    "（",
    "）",
    "/",
    "／",
    "-",
    "‑",
    ".",
    ",",
    "，",
    "、",
    "；",
    ";",
    ":",
    " ",
    "\n",
    "\n\n",
    "\u{c}",
    "l",
    "I",
    "O",
    "S",
    "$",
    "决议",
    "號",
    "第",
    "号",
    "年",
    "月",
    "日",
    "十",
    "二",
    "قرار",
    "سين",
    "د-",
    "é",
    "\u{301}",
    "\u{ad}",
    "**",
    "[",
    "](#)",
    "resolution ",
    "résolution ",
    "резолюции ",
    "of ",
    "du ",
    "et ",
    "and ",
    "1 (1946)",
    "67/39",
    "A/79/408",
    "Add.l",
    "Agenda item ",
    "Adoptée à la ",
    "e séance",
];

fn mutate(rng: &mut Random, text: &str, other: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = |rng: &mut Random| rng.below(chars.len() + 1);
    let piece = |a: usize, b: usize| chars[a.min(b)..a.max(b)].iter().collect::<String>();
    match rng.below(6) {
        0 => {
            let i = at(rng);
            format!(
                "{}{}{}",
                piece(0, i),
                PALETTE[rng.below(PALETTE.len())],
                piece(i, chars.len())
            )
        }
        1 => {
            let (i, j) = (at(rng), at(rng));
            format!("{}{}", piece(0, i.min(j)), piece(i.max(j), chars.len()))
        }
        2 => {
            let (i, j) = (at(rng), at(rng));
            let k = at(rng);
            format!("{}{}{}", piece(0, k), piece(i, j), piece(k, chars.len()))
        }
        3 => {
            let cut = other.chars().count() / 2;
            let tail: String = other.chars().skip(cut).collect();
            format!("{}{tail}", piece(0, at(rng)))
        }
        4 => piece(0, at(rng)),
        _ => chars
            .iter()
            .map(|&c| match c {
                '0'..='9' if rng.below(3) == 0 => {
                    char::from_u32(c as u32 - '0' as u32 + 0x0660).unwrap()
                }
                '(' if rng.below(2) == 0 => '（',
                ' ' if rng.below(20) == 0 => '\n',
                c => c,
            })
            .collect(),
    }
}

#[test]
fn mutated_texts_and_bytes_never_panic_and_spans_stay_inside() {
    let seconds: u64 = std::env::var("UNKG_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let mut seeds = Vec::new();
    for folder in [
        "raw/en",
        "raw/zh",
        "real/fr",
        "real/en",
        "constructed/ar",
        "constructed/ru",
        "constructed/es",
        "constructed/zh",
        "constructed/fr",
    ] {
        for path in unkg::input::walk(&[util::corpus().join(folder)])
            .files
            .into_iter()
            .take(40)
        {
            if let Ok(text) = unkg::input::read(&path) {
                seeds.push(text);
            }
        }
    }
    assert!(seeds.len() > 100, "the corpus seeds are there");
    let extractor = Extractor::new(Lexicon::load().unwrap());
    let mut rng = Random(0x9e37_79b9_7f4a_7c15);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs = 0u64;
    while Instant::now() < deadline {
        let seed = &seeds[rng.below(seeds.len())];
        let other = &seeds[rng.below(seeds.len())];
        let mut text = mutate(&mut rng, seed, other);
        for _ in 0..rng.below(4) {
            text = mutate(&mut rng, &text, other);
        }
        let state = rng.0;
        let result = std::panic::catch_unwind(|| extractor.extract("fuzz", &text, None));
        let Ok(x) = result else {
            panic!("extraction panicked (generator state {state:#x}) on:\n{text}");
        };
        let len = x.text.char_len();
        let spans = x
            .record
            .cites
            .iter()
            .flat_map(|c| c.spans.iter())
            .chain(x.record.documents.iter().flat_map(|d| d.spans.iter()))
            .chain(
                x.record
                    .bodies
                    .iter()
                    .chain(&x.record.instruments)
                    .flat_map(|e| e.spans.iter()),
            )
            .chain(x.record.paragraphs.iter().map(|p| &p.span))
            .chain(x.record.rejected.iter().map(|r| &r.span));
        for span in spans {
            assert!(
                span.start <= span.end && span.end <= len,
                "span {span:?} outside {len} chars:\n{text}"
            );
        }
        // The decoders, on the same text as bytes and on those bytes garbled.
        let mut bytes = text.clone().into_bytes();
        if !bytes.is_empty() && rng.below(2) == 0 {
            let i = rng.below(bytes.len());
            bytes[i] = rng.next_u64() as u8;
        }
        for name in ["f.html", "f.docx", "f.txt"] {
            let _ = unkg::input::to_text(std::path::Path::new(name), bytes.clone());
        }
        runs += 1;
    }
    // Written past the harness's capture: the figure belongs in the log.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "fuzz: {runs} mutated texts in {seconds} s, no panic"
    );
    assert!(runs > 100);
}
