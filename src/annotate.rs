//! The annotated view of `unkg extract --format html`: the document text with every extracted
//! fact highlighted where it was read (as eyecite's `annotate` does), and the metadata above it.

use crate::record::{Record, Span};
use crate::text::Text;
use std::fmt::Write;

/// One highlight: its span, its CSS class and the tooltip that says what was extracted.
struct Mark {
    span: Span,
    class: &'static str,
    title: String,
}

/// A self-contained HTML page for one record.
pub fn html(record: &Record, text: &Text) -> String {
    let mut marks: Vec<Mark> = Vec::new();
    for c in &record.cites {
        let title = format!(
            "{} · {}{}",
            c.symbol,
            c.relation,
            c.date
                .as_ref()
                .map(|d| format!(" · {d}"))
                .unwrap_or_default()
        );
        marks.extend(c.spans.iter().map(|s| Mark {
            span: *s,
            class: "cite",
            title: title.clone(),
        }));
    }
    for d in &record.documents {
        marks.extend(d.spans.iter().map(|s| Mark {
            span: *s,
            class: "doc",
            title: d.symbol.clone(),
        }));
    }
    for (class, list) in [
        ("instrument", &record.instruments),
        ("body", &record.bodies),
    ] {
        for e in list {
            marks.extend(e.spans.iter().map(|s| Mark {
                span: *s,
                class,
                title: e.name.clone(),
            }));
        }
    }
    for f in &record.metadata_spans {
        marks.push(Mark {
            span: f.span,
            class: "meta",
            title: f.field.clone(),
        });
    }
    marks.retain(|m| m.span.start < m.span.end);
    // Outer spans first; a span that crosses another is left out rather than broken.
    marks.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut open: Vec<usize> = Vec::new();
    let mut kept: Vec<&Mark> = Vec::new();
    for m in &marks {
        while open.last().is_some_and(|&end| end <= m.span.start) {
            open.pop();
        }
        if open.last().is_none_or(|&end| m.span.end <= end) {
            open.push(m.span.end);
            kept.push(m);
        }
    }

    let mut body = String::new();
    let mut events: Vec<(usize, bool, usize)> = Vec::new(); // (offset, is_open, mark index)
    for (i, m) in kept.iter().enumerate() {
        events.push((m.span.start, true, i));
        events.push((m.span.end, false, i));
    }
    // At one offset, closings come before openings; inner closes before outer.
    events.sort_by_key(|&(at, is_open, i)| (at, is_open, if is_open { i } else { usize::MAX - i }));
    let mut at = 0;
    for (offset, is_open, i) in events {
        body.push_str(&escape(text.slice_chars(at, offset)));
        at = offset;
        if is_open {
            let _ = write!(
                body,
                "<mark class=\"{}\" title=\"{}\">",
                kept[i].class,
                escape(&kept[i].title)
            );
        } else {
            body.push_str("</mark>");
        }
    }
    body.push_str(&escape(text.slice_chars(at, text.char_len())));

    let mut meta = String::new();
    for (name, value) in [
        ("symbol", record.symbol.clone()),
        ("organ", record.organ.clone()),
        ("adopted", record.adopted.clone()),
        ("session", record.session.map(|s| s.to_string())),
        ("agenda item", record.agenda_item.clone()),
        ("meeting", record.meeting.clone()),
        ("committee report", record.committee_report.clone()),
        ("title", record.title.clone()),
        (
            "paragraphs",
            Some(format!(
                "{} preambular, {} operative",
                record.preambular, record.operative
            )),
        ),
    ] {
        let _ = write!(
            meta,
            "<tr><th>{name}</th><td>{}</td></tr>",
            escape(value.as_deref().unwrap_or("—"))
        );
    }
    for w in &record.warnings {
        let _ = write!(meta, "<tr><th>warning</th><td>{}</td></tr>", escape(w));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title><style>\
body{{font-family:system-ui,sans-serif;margin:2em;max-width:60em}}pre{{white-space:pre-wrap;line-height:1.5}}\
th{{text-align:left;padding-right:1em}}mark{{border-radius:3px;padding:0 1px}}\
.cite{{background:#ffd54f}}.doc{{background:#b3e5fc}}.instrument{{background:#c5e1a5}}.body{{background:#f8bbd0}}.meta{{background:#e1bee7}}\
</style></head><body><h1>{title}</h1><p>{doc} · {lang} · \
<mark class=\"cite\">resolution</mark> <mark class=\"doc\">document</mark> <mark class=\"instrument\">instrument</mark> \
<mark class=\"body\">body</mark> <mark class=\"meta\">metadata</mark></p><table>{meta}</table><pre>{body}</pre></body></html>\n",
        lang = escape(&record.lang),
        title = escape(record.symbol.as_deref().unwrap_or("unidentified document")),
        doc = escape(&record.doc),
    )
}

use crate::text::escape_html as escape;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::CitedResolution;

    #[test]
    fn nested_marks_stay_nested_and_crossing_ones_are_dropped() {
        let text = Text::new("See resolution 660 (1990) & more");
        let record = Record {
            cites: vec![CitedResolution {
                symbol: "S/RES/660 (1990)".into(),
                date: None,
                verb: None,
                verb_key: None,
                relation: "cites".into(),
                paragraph: None,
                spans: vec![Span::new(15, 25), Span::new(19, 27)],
            }],
            ..Record::default()
        };
        let page = html(&record, &text);
        assert!(page.contains("See resolution <mark class=\"cite\" title=\"S/RES/660 (1990) · cites\">660 (1990)</mark> &amp; more"));
    }
}
