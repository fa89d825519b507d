//! The UN record at scale, generated: General Assembly series re-adopted every session, each
//! recalling its predecessors; Security Council situations; a few landmark resolutions cited
//! far more than the rest; the masthead and layout forms of the real texts, in six languages.
//! Then the commands a user runs, whole (opening and loading the store included): ingest,
//! ingest again with 1% of the files changed, `network`, Turtle export, and every named query,
//! with peak memory.
//!
//! Run: `cargo bench --bench scale` (25,000 resolutions in six languages: 150,000 files).
//! `UNKG_SCALE_RESOLUTIONS=17400 UNKG_SCALE_LANGUAGES=en cargo bench --bench scale` for the
//! English-only comparison; `UNKG_SCALE_DIR` keeps the corpus and store there;
//! `UNKG_SCALE_NO_PUSH=1` leaves out the pushes to Virtuoso (an hour at full scale).

#[path = "common.rs"]
mod common;
#[path = "random.rs"]
mod random;

use random::Random;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

/// One generated resolution.
struct Resolution {
    /// "A/RES/70/12" or "S/RES/1234 (1999)".
    symbol: String,
    /// The number as the texts cite it: "70/12" or "1234 (1999)".
    cited_as: String,
    assembly: bool,
    session: u32,
    year: u32,
    month: u32,
    day: u32,
    meeting: u32,
    /// Indices of the resolutions it recalls (its predecessors in the series) and reaffirms
    /// (landmarks).
    recalls: Vec<usize>,
    reaffirms: Vec<usize>,
}

/// The resolutions: landmarks first, then Assembly series and Council situations, year by year.
fn record(total: usize) -> Vec<Resolution> {
    let mut random = Random(0x5eed_1946);
    let mut all: Vec<Resolution> = Vec::with_capacity(total);
    let council_share = 4; // one resolution in four is the Council's
    let series = (total / 80).max(1); // Assembly items re-adopted every session
    let situations = (total / 300).max(1);
    let mut last_in_series: Vec<Option<Vec<usize>>> = vec![None; series];
    let mut last_in_situation: Vec<Vec<usize>> = vec![Vec::new(); situations];
    let (mut assembly_number, mut council_number) = (0u32, 0u32);
    let landmarks = 8;
    let per_session = total.div_ceil(80);
    for i in 0..total {
        let session = 1 + (i / per_session) as u32;
        let year = 1945 + session;
        let (month, day) = (9 + random.below(4) as u32, 1 + random.below(28) as u32);
        let month = if month > 12 { 12 } else { month };
        let council = i >= landmarks && i % council_share == 0;
        let mut recalls = Vec::new();
        let mut reaffirms = Vec::new();
        if i >= landmarks {
            // Landmarks are cited preferentially: about one text in five reaffirms one.
            if random.below(5) == 0 {
                reaffirms.push(random.below(landmarks));
            }
        }
        let resolution = if council {
            council_number += 1;
            let situation = random.below(situations);
            let earlier = &mut last_in_situation[situation];
            recalls.extend(earlier.iter().rev().take(3).copied());
            earlier.push(i);
            Resolution {
                symbol: format!("S/RES/{council_number} ({year})"),
                cited_as: format!("{council_number} ({year})"),
                assembly: false,
                session,
                year,
                month,
                day,
                meeting: 100 + council_number * 2,
                recalls,
                reaffirms,
            }
        } else {
            assembly_number += 1;
            if i >= landmarks {
                let item = random.below(series);
                if let Some(earlier) = &last_in_series[item] {
                    recalls.extend(earlier.iter().rev().take(4).copied());
                }
                last_in_series[item].get_or_insert_with(Vec::new).push(i);
            }
            let number = assembly_number % 1000 + 1;
            Resolution {
                symbol: format!("A/RES/{session}/{number}"),
                cited_as: format!("{session}/{number}"),
                assembly: true,
                session,
                year,
                month,
                day,
                meeting: 10 + number,
                recalls,
                reaffirms,
            }
        };
        all.push(resolution);
    }
    all
}

/// How each language writes what the generated texts say.
struct Language {
    code: &'static str,
    months: [&'static str; 12],
    /// A date from day, month name and year.
    date: fn(u32, &str, u32) -> String,
    assembly: &'static str,
    council: &'static str,
    recalling: &'static str,
    reaffirming: &'static str,
    noting_report: &'static str,
    operative: [&'static str; 3],
    and: &'static str,
    /// How the dated list of cited resolutions reads: number, then date.
    cite: fn(&str, &str) -> String,
    /// Adoption lines: Assembly (date), Council (meeting, date).
    adopted_assembly: fn(&str) -> String,
    adopted_council: fn(u32, &str) -> String,
    separator: &'static str,
    end: &'static str,
    number_dot: &'static str,
}

fn languages() -> Vec<Language> {
    vec![
        Language {
            code: "en",
            months: [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ],
            date: |d, m, y| format!("{d} {m} {y}"),
            assembly: "The General Assembly,",
            council: "The Security Council,",
            recalling: "Recalling its resolutions",
            reaffirming: "Reaffirming its resolution",
            noting_report: "Taking note of the report of the Secretary-General",
            operative: [
                "Welcomes the progress made in the implementation of its previous resolutions",
                "Requests the Secretary-General to submit a report on the implementation of the present resolution",
                "Decides to remain seized of the matter",
            ],
            and: "and",
            cite: |n, d| format!("{n} of {d}"),
            adopted_assembly: |d| format!("Resolution adopted by the General Assembly on {d}"),
            adopted_council: |m, d| {
                format!("Adopted by the Security Council at its {m}th meeting, on {d}")
            },
            separator: ",",
            end: ";",
            number_dot: ".",
        },
        Language {
            code: "fr",
            months: [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ],
            date: |d, m, y| format!("{d} {m} {y}"),
            assembly: "L'Assemblée générale,",
            council: "Le Conseil de sécurité,",
            recalling: "Rappelant ses résolutions",
            reaffirming: "Réaffirmant sa résolution",
            noting_report: "Prenant note du rapport du Secrétaire général",
            operative: [
                "Se félicite des progrès accomplis dans l'application de ses résolutions antérieures",
                "Prie le Secrétaire général de lui présenter un rapport sur l'application de la présente résolution",
                "Décide de demeurer saisi de la question",
            ],
            and: "et",
            cite: |n, d| format!("{n} du {d}"),
            adopted_assembly: |d| format!("Résolution adoptée par l'Assemblée générale le {d}"),
            adopted_council: |m, d| {
                format!("Adoptée par le Conseil de sécurité à sa {m}e séance, le {d}")
            },
            separator: ",",
            end: ";",
            number_dot: ".",
        },
        Language {
            code: "es",
            months: [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ],
            date: |d, m, y| format!("{d} de {m} de {y}"),
            assembly: "La Asamblea General,",
            council: "El Consejo de Seguridad,",
            recalling: "Recordando sus resoluciones",
            reaffirming: "Reafirmando su resolución",
            noting_report: "Tomando nota del informe del Secretario General",
            operative: [
                "Acoge con beneplácito los progresos realizados en la aplicación de sus resoluciones anteriores",
                "Solicita al Secretario General que le presente un informe sobre la aplicación de la presente resolución",
                "Decide seguir ocupándose de la cuestión",
            ],
            and: "y",
            cite: |n, d| format!("{n}, de {d}"),
            adopted_assembly: |d| format!("Resolución aprobada por la Asamblea General el {d}"),
            adopted_council: |m, d| {
                format!("Aprobada por el Consejo de Seguridad en su {m}ª sesión, celebrada el {d}")
            },
            separator: ",",
            end: ";",
            number_dot: ".",
        },
        Language {
            code: "ru",
            months: [
                "января",
                "февраля",
                "марта",
                "апреля",
                "мая",
                "июня",
                "июля",
                "августа",
                "сентября",
                "октября",
                "ноября",
                "декабря",
            ],
            date: |d, m, y| format!("{d} {m} {y} года"),
            assembly: "Генеральная Ассамблея,",
            council: "Совет Безопасности,",
            recalling: "ссылаясь на свои резолюции",
            reaffirming: "вновь подтверждая свою резолюцию",
            noting_report: "принимая к сведению доклад Генерального секретаря",
            operative: [
                "приветствует прогресс, достигнутый в осуществлении ее предыдущих резолюций",
                "просит Генерального секретаря представить доклад об осуществлении настоящей резолюции",
                "постановляет продолжать заниматься этим вопросом",
            ],
            and: "и",
            cite: |n, d| format!("{n} от {d}"),
            adopted_assembly: |d| format!("Резолюция, принятая Генеральной Ассамблеей {d}"),
            adopted_council: |m, d| {
                format!("принятая Советом Безопасности на его {m}-м заседании {d}")
            },
            separator: ",",
            end: ";",
            number_dot: ".",
        },
        Language {
            code: "ar",
            months: [
                "كانون الثاني/يناير",
                "شباط/فبراير",
                "آذار/مارس",
                "نيسان/أبريل",
                "أيار/مايو",
                "حزيران/يونيه",
                "تموز/يوليه",
                "آب/أغسطس",
                "أيلول/سبتمبر",
                "تشرين الأول/أكتوبر",
                "تشرين الثاني/نوفمبر",
                "كانون الأول/ديسمبر",
            ],
            date: |d, m, y| format!("{d} {m} {y}"),
            assembly: "إن الجمعية العامة،",
            council: "إن مجلس الأمن،",
            recalling: "إذ تشير إلى قراراتها",
            reaffirming: "وإذ تعيد تأكيد قرارها",
            noting_report: "وإذ تحيط علما بتقرير الأمين العام",
            operative: [
                "ترحب بالتقدم المحرز في تنفيذ قراراتها السابقة",
                "تطلب إلى الأمين العام أن يقدم تقريرا عن تنفيذ هذا القرار",
                "تقرر أن تبقي المسألة قيد نظرها",
            ],
            and: "و",
            cite: |n, d| format!("{n} المؤرخ {d}"),
            adopted_assembly: |d| format!("قرار اتخذته الجمعية العامة في {d}"),
            adopted_council: |m, d| format!("الذي اتخذه مجلس الأمن في جلسته {m} المعقودة في {d}"),
            separator: "،",
            end: "؛",
            number_dot: " -",
        },
        Language {
            code: "zh",
            months: [
                "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
            ],
            date: |d, m, y| format!("{y}年{m}月{d}日"),
            assembly: "大会，",
            council: "安全理事会，",
            recalling: "回顾其",
            reaffirming: "重申其",
            noting_report: "注意到秘书长的报告",
            operative: [
                "欢迎在执行其以往各项决议方面取得的进展",
                "请秘书长就本决议的执行情况提交报告",
                "决定继续处理此案",
            ],
            and: "和",
            cite: |n, d| format!("{d}第{n}号"),
            adopted_assembly: |d| format!("{d}大会通过的决议"),
            adopted_council: |m, d| format!("{d}安全理事会第{m}次会议通过"),
            separator: "、",
            end: "；",
            number_dot: ".",
        },
    ]
}

/// The text of one resolution in one language.
fn text(all: &[Resolution], r: &Resolution, l: &Language, random: &mut Random) -> String {
    let date = |x: &Resolution| (l.date)(x.day, l.months[x.month as usize - 1], x.year);
    let cited_as = |x: &Resolution| {
        if l.code == "zh" {
            x.cited_as.replace(' ', "")
        } else {
            x.cited_as.clone()
        }
    };
    let mut t = String::with_capacity(4096);
    if r.assembly {
        let _ = writeln!(
            t,
            "United Nations\t{}\n\nGeneral Assembly\tDistr.: General\n",
            r.symbol
        );
        let _ = writeln!(t, "Agenda item {}\n", 10 + random.below(150));
        let _ = writeln!(t, "{}\n", (l.adopted_assembly)(&date(r)));
        let _ = writeln!(
            t,
            "{}{} Resolution on item {}\n",
            cited_as(r),
            l.number_dot,
            random.below(150)
        );
        let _ = writeln!(t, "{}\n", l.assembly);
    } else {
        let _ = writeln!(
            t,
            "United Nations\t{}\n\nSecurity Council\tDistr.: General\n",
            r.symbol
        );
        let heading = if l.code == "zh" {
            format!("第{}号决议", cited_as(r))
        } else {
            format!("Resolution {}", r.cited_as)
        };
        let _ = writeln!(
            t,
            "{heading}\n\n{}\n",
            (l.adopted_council)(r.meeting, &date(r))
        );
        let _ = writeln!(t, "{}\n", l.council);
    }
    if !r.recalls.is_empty() {
        let items: Vec<String> = r
            .recalls
            .iter()
            .map(|&i| (l.cite)(&cited_as(&all[i]), &date(&all[i])))
            .collect();
        let list = match items.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!(
                "{} {} {last}",
                rest.join(&format!("{} ", l.separator)),
                l.and
            ),
            None => String::new(),
        };
        let list = if l.code == "zh" {
            format!("{list}决议")
        } else {
            list
        };
        let _ = writeln!(t, "{} {list}{}\n", l.recalling, l.separator);
    }
    for &i in &r.reaffirms {
        let number = cited_as(&all[i]);
        let line = if l.code == "zh" {
            format!("{}第{number}号决议", l.reaffirming)
        } else {
            format!("{} {number}", l.reaffirming)
        };
        let _ = writeln!(t, "{line}{}\n", l.separator);
    }
    let report = format!("A/{}/{}", r.session, 100 + random.below(400));
    let _ = writeln!(t, "{} ({report}){}\n", l.noting_report, l.separator);
    // Four to fifteen operative paragraphs, as long as real ones on average.
    let operative = 4 + random.below(12);
    for n in 0..operative {
        let paragraph = l.operative[n % l.operative.len()];
        let _ = writeln!(
            t,
            "{}{} {paragraph}{} {paragraph}{}\n",
            n + 1,
            l.number_dot,
            l.separator,
            l.end
        );
    }
    t
}

/// Writes the corpus: one folder per language, one file per resolution.
/// Returns the number of files and bytes written, and the symbol of the last Assembly
/// resolution (which recalls its series' predecessors).
fn generate(dir: &Path, total: usize, codes: &[String]) -> (usize, u64, String) {
    let all = record(total);
    let last = all
        .iter()
        .rev()
        .find(|r| r.assembly && !r.recalls.is_empty())
        .map_or_else(String::new, |r| r.symbol.clone());
    let mut random = Random(0x0u64.wrapping_add(1945));
    let (mut files, mut bytes) = (0, 0u64);
    for l in languages()
        .iter()
        .filter(|l| codes.iter().any(|c| c == l.code))
    {
        let folder = dir.join(l.code);
        std::fs::create_dir_all(&folder).unwrap();
        for r in &all {
            let body = text(&all, r, l, &mut random);
            let name: String = r
                .symbol
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            std::fs::write(folder.join(format!("{name}.txt")), &body).unwrap();
            files += 1;
            bytes += body.len() as u64;
        }
    }
    (files, bytes, last)
}

fn main() {
    let total: usize = std::env::var("UNKG_SCALE_RESOLUTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(25_000);
    let codes: Vec<String> = std::env::var("UNKG_SCALE_LANGUAGES")
        .unwrap_or_else(|_| "en,fr,es,ru,ar,zh".into())
        .split(',')
        .map(str::to_string)
        .collect();
    let temporary = tempfile::tempdir().unwrap();
    let base = std::env::var_os("UNKG_SCALE_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temporary.path().to_path_buf());
    let corpus = base.join("corpus");
    let store = base.join("store");
    let _ = std::fs::remove_dir_all(&corpus);
    let _ = std::fs::remove_dir_all(&store);
    let started = Instant::now();
    let (files, bytes, recent) = generate(&corpus, total, &codes);
    println!(
        "generated {files} files ({total} resolutions in {}), {:.0} MB, in {:.1} s",
        codes.join(" "),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    let corpus_arg = corpus.to_str().unwrap();
    let row = |what: &str, run: &common::Run| {
        println!(
            "{what:<40} {:>8.2} s   peak {:>9}",
            run.seconds,
            common::mib(run.peak_mib)
        );
    };
    let ingest = common::unkg(&store, &["ingest", corpus_arg]);
    row(&format!("ingest {files} documents (fresh)"), &ingest);
    // What was found, as a check that the generated texts read as resolutions.
    print!(
        "{}",
        String::from_utf8_lossy(&common::unkg(&store, &["stats"]).stdout)
    );

    // A shared server, when this machine has Virtuoso: the whole store, then what changed.
    let virtuoso = if std::env::var_os("UNKG_SCALE_NO_PUSH").is_some() {
        None
    } else {
        Virtuoso::start(&base)
    };
    if let Some(v) = &virtuoso {
        row("push to Virtuoso (all graphs)", &v.push(&store));
    }

    // 1% of the files change: a line added at the end.
    let mut changed = 0;
    for entry in walk(&corpus).into_iter().step_by(100) {
        let mut text = std::fs::read_to_string(&entry).unwrap();
        text.push_str("\nCorrigendum.\n");
        std::fs::write(&entry, text).unwrap();
        changed += 1;
    }
    row(
        &format!("ingest again, {changed} files changed"),
        &common::unkg(&store, &["ingest", corpus_arg]),
    );
    if let Some(v) = &virtuoso {
        row("push to Virtuoso (what changed)", &v.push(&store));
    }
    drop(virtuoso);
    let network = common::unkg(&store, &["network", "--format", "json"]);
    row("network", &network);
    let export = common::unkg(
        &store,
        &[
            "export",
            "--format",
            "turtle",
            "-o",
            base.join("all.ttl").to_str().unwrap(),
        ],
    );
    row("export --format turtle", &export);
    let again = common::unkg(
        &store,
        &[
            "export",
            "--format",
            "turtle",
            "-o",
            base.join("again.ttl").to_str().unwrap(),
        ],
    );
    let identical = std::fs::read(base.join("all.ttl")).unwrap()
        == std::fs::read(base.join("again.ttl")).unwrap();
    println!(
        "{:<40} {:>8.2} s   byte-identical: {identical}",
        "export --format turtle, again", again.seconds
    );
    row(
        "export --format nq",
        &common::unkg(
            &store,
            &[
                "export",
                "--format",
                "nq",
                "-o",
                base.join("all.nq").to_str().unwrap(),
            ],
        ),
    );
    // Oxigraph's own dump of the same store, for comparison (no order, no grouping).
    let started = Instant::now();
    {
        let opened = unkg::store::Store::open_read_only(&store).unwrap();
        let out = std::io::BufWriter::new(std::fs::File::create(base.join("dump.nq")).unwrap());
        opened
            .oxigraph()
            .dump_to_writer(
                oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NQuads),
                out,
            )
            .unwrap();
    }
    println!(
        "{:<40} {:>8.2} s",
        "oxigraph dump_to_writer (N-Quads)",
        started.elapsed().as_secs_f64()
    );
    let names = String::from_utf8(common::unkg(&store, &["query", "--list"]).stdout).unwrap();
    for name in names.lines().filter_map(|l| l.split_whitespace().next()) {
        let mut args = vec!["query", "--name", name, "--format", "csv"];
        let binding = match name {
            "citations-of" | "web-annotations" => Some(format!("symbol={recent}")),
            "cited-by" => Some("symbol=A/RES/1/1".to_string()),
            _ => None,
        };
        if let Some(b) = &binding {
            args.extend(["--bind", b.as_str()]);
        }
        if name == "web-annotations" {
            args[4] = "nt";
        }
        let run = common::unkg(&store, &args);
        let rows = run.stdout.iter().filter(|&&b| b == b'\n').count();
        println!(
            "{:<40} {:>8.2} s   {rows} rows",
            format!("query --name {name}"),
            run.seconds
        );
    }
    search(&store, &recent);
    memory_by_size(&base, total, &codes);
}

/// `/search` as the server answers it: `unkg serve` on the store, then each search a user
/// types, timed from request to the whole page (the median of three).
fn search(store: &Path, recent: &str) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let binary = std::env::var_os("UNKG_BIN").unwrap_or(env!("CARGO_BIN_EXE_unkg").into());
    let mut server = std::process::Command::new(binary)
        .arg("--store")
        .arg(store)
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("unkg serve");
    let get = |q: &str| -> Option<(f64, String)> {
        use std::io::{Read, Write};
        let started = Instant::now();
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
        let query: String = q
            .bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect();
        write!(
            stream,
            "GET /search?q={query} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut page = String::new();
        stream.read_to_string(&mut page).ok()?;
        Some((started.elapsed().as_secs_f64(), page))
    };
    let deadline = Instant::now() + std::time::Duration::from_secs(60);
    while get("1").is_none() && Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    for q in ["687", "687 (1991)", recent, "res 1", "nuclear disarmament"] {
        let mut times: Vec<f64> = Vec::new();
        let mut found = String::new();
        for _ in 0..3 {
            if let Some((seconds, page)) = get(q) {
                times.push(seconds);
                found = page
                    .split("data-found=\"")
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .unwrap_or("?")
                    .to_string();
            }
        }
        times.sort_by(f64::total_cmp);
        if let Some(median) = times.get(times.len() / 2) {
            println!(
                "{:<40} {median:>8.3} s   {found} found",
                format!("search {q:?}")
            );
        }
    }
    let _ = server.kill();
    let _ = server.wait();
}

/// A private Virtuoso on loopback (tests/interop/virtuoso.sh), stopped when dropped.
struct Virtuoso {
    folder: std::path::PathBuf,
    http: u16,
    sql: u16,
    password_file: std::path::PathBuf,
}

const VIRTUOSO_PASSWORD: &str = "unkg-bench";

impl Virtuoso {
    fn script() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/virtuoso.sh")
    }

    fn start(base: &Path) -> Option<Virtuoso> {
        let found = std::process::Command::new("virtuoso-t")
            .arg("-?")
            .output()
            .is_ok();
        if !found {
            println!(
                "(no Virtuoso here: the push is not timed; scripts/build-deps --tests installs it)"
            );
            return None;
        }
        let free = || {
            std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port()
        };
        let v = Virtuoso {
            folder: base.join("virtuoso"),
            http: free(),
            sql: free(),
            password_file: base.join("virtuoso.password"),
        };
        let _ = std::fs::remove_dir_all(&v.folder);
        std::fs::write(&v.password_file, VIRTUOSO_PASSWORD).unwrap();
        let started = std::process::Command::new(Self::script())
            .arg("start")
            .arg(&v.folder)
            .args([&v.http.to_string(), &v.sql.to_string(), VIRTUOSO_PASSWORD])
            .status()
            .unwrap();
        assert!(started.success(), "Virtuoso did not start");
        Some(v)
    }

    fn push(&self, store: &Path) -> common::Run {
        let gsp = format!("http://127.0.0.1:{}/sparql-graph-crud-auth", self.http);
        let query = format!("http://127.0.0.1:{}/sparql", self.http);
        common::unkg(
            store,
            &[
                "push",
                &gsp,
                "--query-url",
                &query,
                "--user",
                "dba",
                "--password-file",
                self.password_file.to_str().unwrap(),
            ],
        )
    }
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = std::process::Command::new(Self::script())
            .arg("stop")
            .arg(&self.folder)
            .args([&self.sql.to_string(), VIRTUOSO_PASSWORD])
            .status();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// Peak memory of a fresh ingest at smaller sizes of the same corpus: it should not grow with
/// the number of documents.
fn memory_by_size(base: &Path, total: usize, codes: &[String]) {
    let documents = total * codes.len();
    for size in [10_000, 50_000].into_iter().filter(|&n| n < documents) {
        let dir = base.join(format!("size-{size}"));
        let _ = std::fs::remove_dir_all(&dir);
        let (files, _, _) = generate(&dir.join("corpus"), size / codes.len(), codes);
        let run = common::unkg(
            &dir.join("store"),
            &["ingest", dir.join("corpus").to_str().unwrap()],
        );
        println!(
            "{:<40} {:>8.2} s   peak {:>9}",
            format!("ingest {files} documents (fresh)"),
            run.seconds,
            common::mib(run.peak_mib)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The files of a folder, recursively, in name order.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
