//! HTML to text: block elements become line breaks, scripts and styles are dropped, character
//! references are decoded. Resolutions in HTML are simple documents; no layout is needed.

pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = after[..gt].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        rest = &after[gt + 1..];
        if (name == "script" || name == "style") && !after.starts_with('/') {
            // Skip to the closing tag, in any case, without copying the rest of the page.
            let closing = rest.match_indices("</").find(|(i, _)| {
                rest.as_bytes()[i + 2..]
                    .get(..name.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            });
            rest = closing.map_or("", |(i, _)| &rest[i..]);
            continue;
        }
        if matches!(
            name.as_str(),
            "p" | "br"
                | "div"
                | "li"
                | "tr"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "table"
                | "ul"
                | "ol"
                | "blockquote"
                | "section"
                | "article"
                | "hr"
                | "title"
        ) {
            out.push('\n');
        } else if name == "td" || name == "th" {
            out.push(' ');
        }
    }
    out.push_str(&decode_entities(rest));
    out
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn strips_tags_and_decodes_entities() {
        let text = super::to_text(
            "<html><style>p{}</style><p>The Security Council,</p><p><b>Recalling</b> its resolution 660&nbsp;(1990) &amp; &#x4E2D;</p>",
        );
        assert_eq!(
            text.trim(),
            "The Security Council,\n\nRecalling its resolution 660\u{a0}(1990) & 中"
        );
    }
}
