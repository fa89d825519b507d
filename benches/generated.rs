//! The generated UN record the benchmarks run on: General Assembly series re-adopted every
//! session, each recalling its predecessors; Security Council situations; a few landmark
//! resolutions cited far more than the rest; the masthead and layout forms of the real texts,
//! in six languages.

use crate::random::Random;
use std::fmt::Write as _;
use std::path::Path;

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
pub fn generate(dir: &Path, total: usize, codes: &[String]) -> (usize, u64, String) {
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
