//! DOCX to text: the paragraphs of `word/document.xml`, one per line.

use super::InputError;
use quick_xml::events::Event;
use std::io::Read;

pub fn to_text(bytes: &[u8]) -> Result<String, InputError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| InputError::Docx(e.to_string()))?;
    let mut xml = String::new();
    // The unpacked text is capped like a file (a small zip can unpack to gigabytes).
    archive
        .by_name("word/document.xml")
        .map_err(|_| {
            InputError::Docx("no word/document.xml inside: is this a Word document?".into())
        })?
        .take(super::MAX_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(|e| InputError::Docx(e.to_string()))?;
    if xml.len() as u64 > super::MAX_BYTES {
        return Err(InputError::Docx(format!(
            "word/document.xml unpacks to more than {} bytes",
            super::MAX_BYTES
        )));
    }
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == b"w:t" => in_text = true,
            Ok(Event::End(e)) if e.name().as_ref() == b"w:t" => in_text = false,
            Ok(Event::End(e)) if e.name().as_ref() == b"w:p" => out.push('\n'),
            Ok(Event::Empty(e)) if e.name().as_ref() == b"w:tab" => out.push('\t'),
            Ok(Event::Empty(e)) if e.name().as_ref() == b"w:br" => out.push('\n'),
            Ok(Event::Text(t)) if in_text => {
                out.push_str(&t.unescape().map_err(|e| InputError::Docx(e.to_string()))?);
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(InputError::Docx(format!(
                    "bad XML at byte {}: {e}",
                    reader.buffer_position()
                )));
            }
            _ => {}
        }
    }
    if out.trim().is_empty() {
        return Err(InputError::Empty);
    }
    Ok(out)
}
