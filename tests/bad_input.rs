//! Bad input, alone and mixed into a folder of good files: each bad file gets one line that
//! names it and its problem, nothing panics, and the good files still go into the store.

use crate::util::{self, Dir, ok, stderr, stdout, unkg};
use std::io::Write;
use std::path::Path;

/// A DOCX whose document.xml unpacks to far more than any resolution.
fn zip_bomb() -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated),
    )
    .unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..80 {
        zip.write_all(&block).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The bad cases: file name, contents (None: made otherwise), and what the error says.
fn write_bad_files(dir: &Path) -> Vec<(&'static str, &'static str)> {
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    write("empty.txt", b"");
    write("binary.txt", b"\x00\x01\x02\x03garbage");
    write("latin1.txt", b"R\xe9solution 678 (1990)");
    write("truncated.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog");
    write(
        "random.pdf",
        &(0..4096u32)
            .map(|i| (i * 7919 % 251) as u8)
            .collect::<Vec<_>>(),
    );
    write("not-a-zip.docx", b"PK this is no zip");
    write("bomb.docx", &zip_bomb());
    // 100 MB without a line break: refused by its size, before it is read.
    let big = std::fs::File::create(dir.join("huge.txt")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    write("only-spaces.md", b"   \n\t\n");
    write(
        "scripts-only.html",
        b"<html><script>var a = 1;</script><style>p{}</style></html>",
    );
    std::os::unix::fs::symlink(dir.join("nowhere.txt"), dir.join("dangling.txt")).unwrap();
    vec![
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("latin1.txt", "not valid UTF-8"),
        ("truncated.pdf", "PDF"),
        ("random.pdf", "PDF"),
        ("not-a-zip.docx", "DOCX"),
        ("bomb.docx", "unpacks to more than"),
        ("huge.txt", "the limit is"),
        ("only-spaces.md", "empty"),
        ("scripts-only.html", "empty"),
        ("dangling.txt", "No such file"),
    ]
}

/// Inputs that are read, but are odd: they must go in (or be warned of), not fail.
fn write_odd_files(dir: &Path) {
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    // 100,000 nested elements.
    let nested = format!(
        "{}The Security Council,\n\n1. Decides to remain seized of the matter.{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    write("nested.html", nested.as_bytes());
    write(
        "digits ＆ spaces — ٦٦٠.txt",
        "The Security Council,\n\nRecalling its resolution ٦٦٠ (١٩٩٠) of ٢ August ١٩٩٠ and \
         resolution ６７８ （１９９０） of 1, 2 １９９０,\n\n１. Decides to remain seized of the matter.\n"
            .as_bytes(),
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "The General Assembly,\n\nRecalling its resolution 67/39,\n\n1. Decides to remain seized.\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    write("utf16.txt", &utf16);
    write(
        "shopping-list.txt",
        b"A shopping list: bread, milk, eggs.\n",
    );
    // A folder that links back to its parent: walked once.
    std::os::unix::fs::symlink(dir, dir.join("loop")).unwrap();
}

#[test]
fn every_bad_file_is_named_with_its_problem_and_the_good_files_go_in() {
    let dir = Dir::new();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let cases = write_bad_files(&inputs);
    write_odd_files(&inputs);
    for good in ["A_RES_80_12.txt", "S_RES_2999_2025.txt"] {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples")
                .join(good),
            inputs.join(good),
        )
        .unwrap();
    }
    let store = dir.path().join("store");
    let out = unkg(&store, &["ingest", inputs.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for (name, says) in &cases {
        assert!(
            err.lines().any(|l| l.contains(name) && l.contains(says)),
            "{name} should be reported as {says:?}:\n{err}"
        );
    }
    assert!(
        err.lines()
            .any(|l| l.contains("shopping-list.txt") && l.contains("not a resolution")),
        "{err}"
    );
    // The two examples, the nested HTML, the odd digits and the UTF-16 text are resolutions;
    // the shopping list is a plain document.
    let count = |class: &str| {
        let q = format!(
            "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a <https://w3id.org/unkg/ontology#{class}> ; <https://w3id.org/unkg/ontology#ingested> true }}"
        );
        let out = unkg(&store, &["query", "--format", "csv", &q]);
        stdout(&out).lines().nth(1).unwrap_or("").trim().to_string()
    };
    assert_eq!(count("Resolution"), "5", "{err}");
    assert_eq!(count("Document"), "1", "{err}");
    let cited = unkg(
        &store,
        &[
            "query",
            "--format",
            "csv",
            "PREFIX unkg: <https://w3id.org/unkg/ontology#> SELECT ?s WHERE { ?r unkg:recalls ?c . ?c unkg:symbol ?s } ORDER BY ?s",
        ],
    );
    let cited = stdout(&cited);
    for symbol in ["S/RES/660 (1990)", "S/RES/678 (1990)", "A/RES/67/39"] {
        assert!(cited.contains(symbol), "{cited}");
    }
}

#[test]
fn each_bad_file_alone_gets_its_one_line_and_exit_code_1() {
    let dir = Dir::new();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    for (name, says) in write_bad_files(&inputs) {
        let out = unkg(
            &dir.path().join("store"),
            &["ingest", inputs.join(name).to_str().unwrap()],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        let lines: Vec<&str> = err.lines().filter(|l| l.contains(name)).collect();
        assert_eq!(lines.len(), 1, "{name}: {err}");
        assert!(lines[0].contains(says), "{name}: {err}");
    }
}

#[test]
fn a_text_with_more_citations_than_any_resolution_is_read_up_to_a_bound_it_names() {
    // 4 MB of one paragraph with 60,000 citations (resolutions hold under a hundred): read
    // whole, such texts took memory 75 times their size; rescanning the paragraph's start
    // per mention would take minutes.
    let mut text = String::from("The Security Council,\n\nRecalling its resolutions ");
    let mut eleventh_thousand = None;
    // Numbers past the Council's known ones, which no year check rejects.
    for n in 0..60_000 {
        if n == unkg::extract::resolve::SPANS_READ {
            eleventh_thousand = Some(text.chars().count());
        }
        text.push_str(&format!(
            "{} ({}) of 4 March, ",
            n % 2000 + 3000,
            1946 + n % 60
        ));
    }
    text.push_str("and 678 (1990),\n\n1. Decides to remain seized of the matter.\n");
    let dir = Dir::new();
    let file = dir.write("huge-paragraph.txt", text.as_bytes());
    let out = unkg(
        &dir.path().join("store"),
        &["extract", "--format", "jsonl", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let record: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    let cites = record["cites"].as_array().unwrap();
    let spans: usize = cites
        .iter()
        .map(|c| c["spans"].as_array().unwrap().len())
        .sum();
    assert_eq!(spans, unkg::extract::resolve::SPANS_READ);
    // The first 10,000 are 6,000 (number, year) pairs; 678 (1990), past them, is not read.
    assert_eq!(cites.len(), 6000);
    assert!(!cites.iter().any(|c| c["symbol"] == "S/RES/678 (1990)"));
    let stopped = format!(
        "stopped reading citations at character {}",
        eleventh_thousand.unwrap()
    );
    assert!(
        record["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().starts_with(&stopped)),
        "no warning saying where reading stopped: {}",
        record["warnings"]
    );
    // The paragraphs are all there: only citations stop.
    assert_eq!(record["operative"], 1);
}

/// Whether `xml` is well-formed XML 1.0: it parses to its end, and holds no character XML
/// forbids, written as itself or as a character reference.
fn well_formed(xml: &str) -> Result<(), String> {
    let forbidden =
        |c: u32| (c < 0x20 && ![0x9, 0xA, 0xD].contains(&c)) || c == 0xFFFE || c == 0xFFFF;
    if let Some((at, c)) = xml.char_indices().find(|(_, c)| forbidden(*c as u32)) {
        return Err(format!("{c:?} at byte {at}"));
    }
    for reference in xml.split("&#").skip(1) {
        let Some((number, _)) = reference.split_once(';') else {
            continue;
        };
        let value = match number.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16),
            None => number.parse(),
        };
        if value.is_ok_and(forbidden) {
            return Err(format!("the character reference &#{number};"));
        }
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(format!("at byte {}: {e}", reader.buffer_position())),
        }
    }
}

#[test]
fn control_characters_in_a_text_leave_every_xml_output_well_formed() {
    // A form feed (124 of the Council texts have them, from PDF page breaks), other C0
    // controls and the noncharacters U+FFFE and U+FFFF, in the text and in the file's name.
    let text = util::read("raw/en/S_RES_687_1991.txt")
        .replacen("\n\n", "\n\u{c}\n", 3)
        .replacen("Recalling", "Recalling\u{1}", 1)
        .replacen("Iraq", "Iraq\u{ffff}\u{fffe}", 1);
    let dir = Dir::new();
    let file = dir.write("odd\u{7}name.txt", text.as_bytes());
    let store = dir.path().join("store");
    ok(unkg(&store, &["ingest", "-q", file.to_str().unwrap()]));
    let rdfxml = ok(unkg(&store, &["export", "--format", "rdfxml"]));
    well_formed(&rdfxml).unwrap();
    assert!(rdfxml.contains("687"));
    let results = ok(unkg(
        &store,
        &[
            "query",
            "--format",
            "xml",
            "SELECT ?p ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }",
        ],
    ));
    well_formed(&results).unwrap();
    assert!(
        results.contains("Recalling "),
        "the control character is a space"
    );
}

#[cfg(unix)]
#[test]
fn a_device_or_a_pipe_named_on_the_command_line_is_refused_and_the_good_file_goes_in() {
    let dir = Dir::new();
    let fifo = dir.path().join("pipe.txt");
    // A pipe with no writer: opening it would wait forever.
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/A_RES_80_12.txt");
    let out = unkg(
        &dir.path().join("store"),
        &["ingest", "/dev/zero", fifo.to_str().unwrap(), good],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("/dev/zero: not a regular file"), "{said}");
    assert!(said.contains("pipe.txt: not a regular file"), "{said}");
    assert!(said.contains("ingested 1 documents"), "{said}");
}

/// A 20 MB file system, unmounted when dropped; `None` when this user cannot mount one and
/// `UNKG_TEST_DISK_FULL` does not ask for the test (CI sets it, and runs as root).
struct SmallDisk(Dir);

impl SmallDisk {
    fn mount() -> Option<SmallDisk> {
        let dir = Dir::new();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=20m", "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if mounted {
            return Some(SmallDisk(dir));
        }
        assert!(
            std::env::var_os("UNKG_TEST_DISK_FULL").is_none(),
            "UNKG_TEST_DISK_FULL is set, but a tmpfs cannot be mounted (the test needs root)"
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: the full-disk test (mounting a tmpfs needs root; set UNKG_TEST_DISK_FULL to require it)"
        );
        None
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.0.path())
            .status();
    }
}

#[test]
fn a_full_disk_ends_an_ingest_with_its_message_and_exit_code_2() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let store = disk.0.path().join("store");
    let corpus = util::corpus().join("raw/en");
    // Once while writing, once again at opening the store the first run filled.
    for _ in 0..2 {
        let out = unkg(&store, &["ingest", "-q", corpus.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("No space left on device"),
            "{}",
            stderr(&out)
        );
    }
}
