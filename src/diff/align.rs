//! What changed between two resolutions, typically last year's text and this year's renewal:
//! their paragraphs aligned by text rather than by number (renewals renumber), and for each
//! reworded paragraph the words that were removed and added.
//!
//! Identical paragraphs are paired first, in order, as a longest common subsequence; the
//! paragraphs left between two such anchors are paired by word similarity; the rest were added
//! or removed.

use serde::Serialize;

/// One paragraph of a resolution, as the store holds it.
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    /// Its identifier in the resolution: "pp_3" (preambular 3) or "para_5" (operative 5).
    pub id: String,
    pub operative: bool,
    /// Its text as printed, which may begin with its number ("5. Decides …", "(a) …").
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Unchanged,
    Reworded,
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "lowercase")]
pub enum Words {
    Same(String),
    Added(String),
    Removed(String),
}

/// One row of the alignment: a paragraph of the earlier resolution, of the later one, or both.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Index into the earlier resolution's paragraphs.
    pub before: Option<usize>,
    /// Index into the later resolution's paragraphs.
    pub after: Option<usize>,
    pub change: Change,
    /// For Reworded: the word-level changes, in order (runs of words merged); empty otherwise.
    pub words: Vec<Words>,
    /// Similarity of the two texts, 0.0–1.0 (1.0 for unchanged; 0.0 for added/removed).
    pub similarity: f64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub unchanged: usize,
    pub reworded: usize,
    pub added: usize,
    pub removed: usize,
}

/// Below this word similarity two paragraphs are different paragraphs, not one reworded.
const REWORDED_MIN_SIMILARITY: f64 = 0.5;

/// Where a row sorts: the `after` row it belongs at (None: before all of them), whether it is
/// a removed paragraph following that row, and its place in `before`.
type RowPlace = (Option<usize>, bool, usize);

/// Aligns the paragraphs of `before` with those of `after` by their text, not their numbers.
///
/// Rows follow the order of `after`; a removed paragraph comes right after the row of the
/// nearest earlier paragraph of `before` that was kept, so both texts read down the rows.
pub fn align(before: &[Paragraph], after: &[Paragraph]) -> Vec<Row> {
    let before_words: Vec<Vec<&str>> = before
        .iter()
        .map(|p| words_without_label(&p.text))
        .collect();
    let after_words: Vec<Vec<&str>> = after.iter().map(|p| words_without_label(&p.text)).collect();

    // A preambular paragraph is never the successor of an operative one, so each kind is
    // aligned on its own.
    let mut pairs = Vec::new();
    for operative in [false, true] {
        let before_kind: Vec<usize> = (0..before.len())
            .filter(|&i| before[i].operative == operative)
            .collect();
        let after_kind: Vec<usize> = (0..after.len())
            .filter(|&j| after[j].operative == operative)
            .collect();
        pairs.extend(pair_paragraphs(
            &before_kind,
            &after_kind,
            &before_words,
            &after_words,
        ));
    }

    let mut partner_of_after: Vec<Option<(usize, f64)>> = vec![None; after.len()];
    let mut partner_of_before: Vec<Option<usize>> = vec![None; before.len()];
    for &(b, a, similarity) in &pairs {
        partner_of_after[a] = Some((b, similarity));
        partner_of_before[b] = Some(a);
    }

    let mut keyed: Vec<(RowPlace, Row)> = Vec::with_capacity(before.len() + after.len());
    for (a, partner) in partner_of_after.iter().enumerate() {
        let row = match *partner {
            Some((b, _)) if before_words[b] == after_words[a] => Row {
                before: Some(b),
                after: Some(a),
                change: Change::Unchanged,
                words: Vec::new(),
                similarity: 1.0,
            },
            Some((b, similarity)) => Row {
                before: Some(b),
                after: Some(a),
                change: Change::Reworded,
                words: word_changes(&before_words[b], &after_words[a]),
                similarity,
            },
            None => Row {
                before: None,
                after: Some(a),
                change: Change::Added,
                words: Vec::new(),
                similarity: 0.0,
            },
        };
        keyed.push(((Some(a), false, 0), row));
    }
    for b in (0..before.len()).filter(|&b| partner_of_before[b].is_none()) {
        let kept_before_it = (0..b).rev().find_map(|k| partner_of_before[k]);
        let row = Row {
            before: Some(b),
            after: None,
            change: Change::Removed,
            words: Vec::new(),
            similarity: 0.0,
        };
        keyed.push(((kept_before_it, true, b), row));
    }
    keyed.sort_by_key(|(key, _)| *key);
    keyed.into_iter().map(|(_, row)| row).collect()
}

pub fn summary(rows: &[Row]) -> Summary {
    let mut summary = Summary::default();
    for row in rows {
        match row.change {
            Change::Unchanged => summary.unchanged += 1,
            Change::Reworded => summary.reworded += 1,
            Change::Added => summary.added += 1,
            Change::Removed => summary.removed += 1,
        }
    }
    summary
}

/// The (before, after, similarity) pairs among paragraphs of one kind, given by their indices
/// in `before_words` and `after_words`.
fn pair_paragraphs(
    before_kind: &[usize],
    after_kind: &[usize],
    before_words: &[Vec<&str>],
    after_words: &[Vec<&str>],
) -> Vec<(usize, usize, f64)> {
    let before_texts: Vec<&[&str]> = before_kind
        .iter()
        .map(|&i| before_words[i].as_slice())
        .collect();
    let after_texts: Vec<&[&str]> = after_kind
        .iter()
        .map(|&j| after_words[j].as_slice())
        .collect();
    let before_sorted: Vec<Vec<&str>> = before_texts.iter().map(|w| sorted(w)).collect();
    let after_sorted: Vec<Vec<&str>> = after_texts.iter().map(|w| sorted(w)).collect();

    let mut pairs = Vec::new();
    let (mut next_before, mut next_after) = (0, 0);
    let anchors = common_subsequence(&before_texts, &after_texts);
    // The end of both lists closes the last gap.
    let gap_ends = anchors.into_iter().map(Some).chain([None]);
    for anchor in gap_ends {
        let (gap_before_end, gap_after_end) =
            anchor.unwrap_or((before_texts.len(), after_texts.len()));
        for (b, a, similarity) in pair_by_similarity(
            next_before..gap_before_end,
            next_after..gap_after_end,
            &before_sorted,
            &after_sorted,
        ) {
            pairs.push((before_kind[b], after_kind[a], similarity));
        }
        if let Some((b, a)) = anchor {
            pairs.push((before_kind[b], after_kind[a], 1.0));
            (next_before, next_after) = (b + 1, a + 1);
        }
    }
    pairs
}

/// Pairs paragraphs of a gap between anchors, most similar first, at least
/// [`REWORDED_MIN_SIMILARITY`] alike. A pair that would cross one already made is skipped, so the
/// alignment keeps the order of both texts.
fn pair_by_similarity(
    before_gap: std::ops::Range<usize>,
    after_gap: std::ops::Range<usize>,
    before_sorted: &[Vec<&str>],
    after_sorted: &[Vec<&str>],
) -> Vec<(usize, usize, f64)> {
    let mut candidates = Vec::new();
    for b in before_gap {
        for a in after_gap.clone() {
            let similarity = dice(&before_sorted[b], &after_sorted[a]);
            if similarity >= REWORDED_MIN_SIMILARITY {
                candidates.push((b, a, similarity));
            }
        }
    }
    // Ties go to the earlier paragraphs, so the result never depends on the sort's stability.
    candidates.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
    let mut chosen: Vec<(usize, usize, f64)> = Vec::new();
    for (b, a, similarity) in candidates {
        if chosen
            .iter()
            .all(|&(cb, ca, _)| (cb < b && ca < a) || (cb > b && ca > a))
        {
            chosen.push((b, a, similarity));
        }
    }
    chosen
}

/// The words as a sorted multiset, which [`dice`] compares in one pass.
fn sorted<'a>(words: &[&'a str]) -> Vec<&'a str> {
    let mut words = words.to_vec();
    words.sort_unstable();
    words
}

/// Dice coefficient of two sorted word multisets: shared words over the mean length.
fn dice(a: &[&str], b: &[&str]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// The words removed from `before` and added in `after`, around the words they share; removed
/// words come before the added words that replace them.
fn word_changes(before: &[&str], after: &[&str]) -> Vec<Words> {
    let mut changes = Vec::new();
    let (mut next_before, mut next_after) = (0, 0);
    let shared = common_subsequence(before, after)
        .into_iter()
        .map(Some)
        .chain([None]);
    for shared_word in shared {
        let (gap_before_end, gap_after_end) = shared_word.unwrap_or((before.len(), after.len()));
        for word in &before[next_before..gap_before_end] {
            push_word(&mut changes, Words::Removed, word);
        }
        for word in &after[next_after..gap_after_end] {
            push_word(&mut changes, Words::Added, word);
        }
        if let Some((b, a)) = shared_word {
            push_word(&mut changes, Words::Same, before[b]);
            (next_before, next_after) = (b + 1, a + 1);
        }
    }
    changes
}

/// Appends a word, to the last run if it is of the same kind.
fn push_word(changes: &mut Vec<Words>, kind: fn(String) -> Words, word: &str) {
    let next = kind(word.to_string());
    if let Some(last) = changes.last_mut()
        && std::mem::discriminant(last) == std::mem::discriminant(&next)
    {
        let (Words::Same(run) | Words::Added(run) | Words::Removed(run)) = last;
        run.push(' ');
        run.push_str(word);
        return;
    }
    changes.push(next);
}

/// The index pairs of a longest common subsequence of `a` and `b`, in order. The common
/// start and end are matched first, so a small change in a long text costs little.
fn common_subsequence<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(usize, usize)> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let inner_a = &a[prefix..a.len() - suffix];
    let inner_b = &b[prefix..b.len() - suffix];

    // lengths[i * width + j]: the length of a longest common subsequence of inner_a[i..] and
    // inner_b[j..].
    let width = inner_b.len() + 1;
    let mut lengths = vec![0u32; (inner_a.len() + 1) * width];
    for i in (0..inner_a.len()).rev() {
        for j in (0..inner_b.len()).rev() {
            lengths[i * width + j] = if inner_a[i] == inner_b[j] {
                lengths[(i + 1) * width + j + 1] + 1
            } else {
                lengths[(i + 1) * width + j].max(lengths[i * width + j + 1])
            };
        }
    }

    let mut pairs: Vec<(usize, usize)> = (0..prefix).map(|k| (k, k)).collect();
    let (mut i, mut j) = (0, 0);
    while i < inner_a.len() && j < inner_b.len() {
        if inner_a[i] == inner_b[j] {
            pairs.push((prefix + i, prefix + j));
            i += 1;
            j += 1;
        } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs.extend((0..suffix).map(|k| (a.len() - suffix + k, b.len() - suffix + k)));
    pairs
}

/// The words of a paragraph without its leading number or letter ("12.", "(b)", "3)", the
/// Arabic "1 -"), so that renumbered paragraphs compare equal.
fn words_without_label(text: &str) -> Vec<&str> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let label_words = match words.as_slice() {
        [number, "-" | "–", ..] if is_number(number) => 2,
        [first, ..] if is_label(first) => 1,
        _ => 0,
    };
    words.drain(..label_words);
    words
}

/// "12.", "3)", "(b)", "b)", "(iv)".
fn is_label(word: &str) -> bool {
    let core = match word.strip_prefix('(') {
        Some(inner) => inner.strip_suffix(')'),
        None => word.strip_suffix(')').or_else(|| word.strip_suffix('.')),
    };
    core.is_some_and(|core| is_number(core) || is_letter(core) || is_roman(core))
}

fn is_number(word: &str) -> bool {
    !word.is_empty() && word.chars().all(char::is_numeric)
}

fn is_letter(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

fn is_roman(word: &str) -> bool {
    !word.is_empty()
        && (word.chars().all(|c| "ivxlc".contains(c)) || word.chars().all(|c| "IVXLC".contains(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn operative(texts: &[&str]) -> Vec<Paragraph> {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| Paragraph {
                id: format!("para_{}", i + 1),
                operative: true,
                text: text.to_string(),
            })
            .collect()
    }

    /// (before, after, change) of each row, for comparing a whole alignment at once.
    fn shape(rows: &[Row]) -> Vec<(Option<usize>, Option<usize>, Change)> {
        rows.iter().map(|r| (r.before, r.after, r.change)).collect()
    }

    #[test]
    fn paragraphs_renumbered_by_an_insertion_stay_unchanged() {
        let before = operative(&[
            "1. Decides to convene a high-level conference on nuclear disarmament;",
            "2. Requests the Secretary-General to submit a report;",
            "3. Decides to remain seized of the matter.",
        ]);
        let after = operative(&[
            "1. Welcomes the commemoration of the International Day;",
            "2. Decides to convene a high-level conference on nuclear disarmament;",
            "3. Requests the Secretary-General to submit a report;",
            "4. Decides to remain seized of the matter.",
        ]);
        let rows = align(&before, &after);
        assert_eq!(
            shape(&rows),
            vec![
                (None, Some(0), Change::Added),
                (Some(0), Some(1), Change::Unchanged),
                (Some(1), Some(2), Change::Unchanged),
                (Some(2), Some(3), Change::Unchanged),
            ]
        );
        assert!(
            rows[1..]
                .iter()
                .all(|r| r.similarity == 1.0 && r.words.is_empty())
        );
        assert_eq!(rows[0].similarity, 0.0);
    }

    #[test]
    fn a_reworded_paragraph_lists_its_removed_and_added_words() {
        let before = operative(&[
            "1. Welcomes the report of the Secretary-General;",
            "2. Expresses its appreciation to the Special Rapporteur for her work;",
            "3. Requests the Secretary-General to report at its seventy-ninth session",
        ]);
        let after = operative(&[
            "1. Welcomes the report of the Secretary-General;",
            "2. Requests the Secretary-General to report at its eightieth session",
        ]);
        let rows = align(&before, &after);
        assert_eq!(
            shape(&rows),
            vec![
                (Some(0), Some(0), Change::Unchanged),
                (Some(1), None, Change::Removed),
                (Some(2), Some(1), Change::Reworded),
            ]
        );
        assert_eq!(
            rows[2].words,
            vec![
                Words::Same("Requests the Secretary-General to report at its".into()),
                Words::Removed("seventy-ninth".into()),
                Words::Added("eightieth".into()),
                Words::Same("session".into()),
            ]
        );
        // 8 of 9 words shared on each side.
        assert!((rows[2].similarity - 16.0 / 18.0).abs() < 1e-9);
    }

    #[test]
    fn a_removed_first_paragraph_comes_first() {
        let before = operative(&[
            "1. Notes the views of Member States;",
            "2. Decides to remain seized of the matter.",
        ]);
        let after = operative(&["1. Decides to remain seized of the matter."]);
        assert_eq!(
            shape(&align(&before, &after)),
            vec![
                (Some(0), None, Change::Removed),
                (Some(1), Some(0), Change::Unchanged)
            ]
        );
    }

    #[test]
    fn any_word_difference_is_a_rewording_and_only_labels_and_spacing_are_ignored() {
        let cases = [
            (
                "Decides to remain seized of the matter;",
                "Decides to remain seized of the matter.",
                Change::Reworded,
            ),
            (
                "Decides to remain seized of the matter",
                "Decides to remain of the matter seized",
                Change::Reworded,
            ),
            (
                "Decides to remain seized of the matter",
                "decides to remain seized of the matter",
                Change::Reworded,
            ),
            (
                "3.  Decides to remain\n seized",
                "(c) Decides to remain seized",
                Change::Unchanged,
            ),
            (
                "12. Decides to remain seized",
                "b) Decides to remain seized",
                Change::Unchanged,
            ),
            (
                "(iv) Decides to remain seized",
                "1 - Decides to remain seized",
                Change::Unchanged,
            ),
        ];
        for (before, after, expected) in cases {
            let rows = align(&operative(&[before]), &operative(&[after]));
            assert_eq!(
                shape(&rows),
                vec![(Some(0), Some(0), expected)],
                "{before:?} → {after:?}"
            );
            assert_eq!(
                rows[0].words.is_empty(),
                expected == Change::Unchanged,
                "{before:?} → {after:?}"
            );
        }
    }

    #[test]
    fn text_that_only_looks_like_a_label_is_kept() {
        assert_eq!(
            words_without_label("1.5 billion dollars"),
            vec!["1.5", "billion", "dollars"]
        );
        assert_eq!(
            words_without_label("Decides. Further"),
            vec!["Decides.", "Further"]
        );
        assert_eq!(
            words_without_label("(a Calls upon"),
            vec!["(a", "Calls", "upon"]
        );
        assert_eq!(
            words_without_label("(iv) Calls upon"),
            vec!["Calls", "upon"]
        );
        assert_eq!(words_without_label("7."), Vec::<&str>::new());
    }

    #[test]
    fn preambular_and_operative_paragraphs_never_pair() {
        let text = "Recalling its resolution 78/27 of 4 December 2023,";
        let before = vec![Paragraph {
            id: "pp_1".into(),
            operative: false,
            text: text.into(),
        }];
        let after = vec![Paragraph {
            id: "para_1".into(),
            operative: true,
            text: text.into(),
        }];
        assert_eq!(
            shape(&align(&before, &after)),
            vec![
                (Some(0), None, Change::Removed),
                (None, Some(0), Change::Added)
            ]
        );
    }

    #[test]
    fn each_kind_is_aligned_in_its_own_order() {
        let before = vec![
            Paragraph {
                id: "pp_1".into(),
                operative: false,
                text: "Recalling its resolution 78/27,".into(),
            },
            Paragraph {
                id: "pp_2".into(),
                operative: false,
                text: "Noting the report,".into(),
            },
            Paragraph {
                id: "para_1".into(),
                operative: true,
                text: "1. Decides to remain seized.".into(),
            },
        ];
        let after = vec![
            Paragraph {
                id: "pp_1".into(),
                operative: false,
                text: "Recalling its resolution 78/27,".into(),
            },
            Paragraph {
                id: "para_1".into(),
                operative: true,
                text: "1. Welcomes the report;".into(),
            },
            Paragraph {
                id: "para_2".into(),
                operative: true,
                text: "2. Decides to remain seized.".into(),
            },
        ];
        assert_eq!(
            shape(&align(&before, &after)),
            vec![
                (Some(0), Some(0), Change::Unchanged),
                (Some(1), None, Change::Removed),
                (None, Some(1), Change::Added),
                (Some(2), Some(2), Change::Unchanged),
            ]
        );
    }

    #[test]
    fn paragraphs_too_unlike_are_removed_and_added_not_reworded() {
        let before = operative(&[
            "1. Welcomes the report;",
            "2. Urges all States to sign the Treaty;",
        ]);
        let after = operative(&[
            "1. Welcomes the report;",
            "2. Decides to convene a conference in New York;",
        ]);
        assert_eq!(
            shape(&align(&before, &after)),
            vec![
                (Some(0), Some(0), Change::Unchanged),
                (Some(1), None, Change::Removed),
                (None, Some(1), Change::Added),
            ]
        );
    }

    #[test]
    fn summary_counts_each_change() {
        let before = operative(&[
            "1. Welcomes the report of the Secretary-General;",
            "2. Notes the views of Member States;",
            "3. Requests the Secretary-General to report at its seventy-ninth session;",
            "4. Decides to remain seized of the matter.",
        ]);
        let after = operative(&[
            "1. Welcomes the report of the Secretary-General;",
            "2. Requests the Secretary-General to report at its eightieth session;",
            "3. Calls upon all States to sign and ratify the Treaty;",
            "4. Decides to remain seized of the matter.",
        ]);
        let rows = align(&before, &after);
        assert_eq!(
            summary(&rows),
            Summary {
                unchanged: 2,
                reworded: 1,
                added: 1,
                removed: 1
            }
        );
        assert_eq!(rows.len(), 5);
    }

    #[test]
    fn empty_inputs_do_not_panic() {
        assert!(align(&[], &[]).is_empty());
        let some = operative(&["1. Welcomes the report;", "", "2."]);
        assert_eq!(
            summary(&align(&some, &[])),
            Summary {
                removed: 3,
                ..Summary::default()
            }
        );
        assert_eq!(
            summary(&align(&[], &some)),
            Summary {
                added: 3,
                ..Summary::default()
            }
        );
        // An empty text and a bare number both have no words: equal to each other.
        let rows = align(
            &operative(&["", "Welcomes the report;"]),
            &operative(&["3.", ""]),
        );
        assert_eq!(
            summary(&rows),
            Summary {
                unchanged: 1,
                added: 1,
                removed: 1,
                ..Summary::default()
            }
        );
        assert!(word_changes(&[], &[]).is_empty());
    }

    #[test]
    fn a_large_renewal_with_every_paragraph_reworded() {
        let paragraph = |p: usize, last: &str| {
            let mut words: Vec<String> = (0..199).map(|w| format!("w{p}_{w}")).collect();
            words.push(last.to_string());
            format!("{}. {}", p + 1, words.join(" "))
        };
        let before: Vec<String> = (0..200).map(|p| paragraph(p, "seventy-ninth")).collect();
        let after: Vec<String> = (0..200).map(|p| paragraph(p, "eightieth")).collect();
        let before = operative(&before.iter().map(String::as_str).collect::<Vec<_>>());
        let after = operative(&after.iter().map(String::as_str).collect::<Vec<_>>());
        let rows = align(&before, &after);
        assert_eq!(
            summary(&rows),
            Summary {
                reworded: 200,
                ..Summary::default()
            }
        );
        assert!(
            rows.iter()
                .enumerate()
                .all(|(i, r)| r.before == Some(i) && r.after == Some(i))
        );
        assert_eq!(rows[7].words.len(), 3);
    }
}
