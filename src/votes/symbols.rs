//! The resolution codes of the roll-call tables (`R/67/39`, `R/33/116A/I`, `A/RES/71/71`) read
//! as resolution symbols.

use crate::symbol::{canonical, roman_numeral, roman_value};
use regex::Regex;
use std::sync::LazyLock;

/// The first session whose codes are resolution numbers: before it, the tables number
/// something else (the 1st session's codes run to 1465, though it adopted about a hundred
/// resolutions).
const FIRST_SESSION_NUMBERED: u32 = 18;
/// The last session the Assembly numbered its resolutions through, with the session in Roman
/// numerals, and the last number it gave that way, 3541 (XXX).
const LAST_CONSECUTIVE_SESSION: u32 = 30;
const LAST_CONSECUTIVE_NUMBER: u32 = 3541;
/// The first special and emergency special sessions numbered as regular sessions are since
/// 1976 (S-8/1, ES-8/2).
const FIRST_SPECIAL_SESSION_NUMBERED: u32 = 8;

/// "R/33/116A/I": prefix, session, number, part letter, then a part letter or a section.
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(R|ESS|SS|GOAR)/(\d{1,2})/(\d{1,4}) ?([A-Z]|AA|BB|CC|DD|EE|FF|GG|HH|II|JJ)?(?:/([A-Z]{1,4}))?$").unwrap()
});
static SYMBOL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^A/RES/(?:(?:ES|S)-)?\d{1,2}/\d{1,4}(?:[A-Z]{1,2})?$").unwrap());

/// The resolution a code names, and the part of it voted on separately (a section, "XII"),
/// if any; or why the code names no resolution.
pub fn symbol_of(code: &str) -> Result<(String, Option<String>), String> {
    let code = code.trim();
    if code.is_empty() || code == "NA" {
        return Err("no resolution named".into());
    }
    let upper = crate::symbol::compare_key(code);
    if upper.starts_with("A/RES/") {
        return match SYMBOL.is_match(&upper) {
            true => Ok((canonical(&upper), None)),
            false => Err("not the form of an Assembly resolution symbol".into()),
        };
    }
    let Some(c) = CODE.captures(code) else {
        return Err("not a resolution code of a form the table uses (R/session/number)".into());
    };
    let session: u32 = c[2].parse().map_err(|_| "no session number")?;
    let number: u32 = c[3].parse().map_err(|_| "no resolution number")?;
    let (mut letter, mut section) = (c.get(4).map(|m| m.as_str().to_string()), None);
    if let Some(last) = c.get(5).map(|m| m.as_str()) {
        // A single letter A–H after a slash is a part ("R/42/209/C"); Roman numerals are a
        // section put to a separate vote ("R/34/233/XII").
        if letter.is_none()
            && last.len() == 1
            && ('A'..='H').contains(&last.chars().next().unwrap_or(' '))
        {
            letter = Some(last.to_string());
        } else if roman_value(last).is_some() {
            section = Some(last.to_string());
        } else {
            return Err(format!("\"{last}\" is neither a part letter nor a section"));
        }
    }
    let part = letter.map(|l| format!(" {l}")).unwrap_or_default();
    let symbol = match &c[1] {
        "R" if session > LAST_CONSECUTIVE_SESSION => format!("A/RES/{session}/{number}{part}"),
        "R" if session < FIRST_SESSION_NUMBERED => {
            return Err(format!(
                "the table's codes for sessions before the {FIRST_SESSION_NUMBERED}th (1963) are not resolution numbers"
            ));
        }
        "R" if number > LAST_CONSECUTIVE_NUMBER || number == 0 => {
            return Err(format!(
                "not a resolution number: the Assembly numbered its resolutions from 1 to {LAST_CONSECUTIVE_NUMBER} until 1975"
            ));
        }
        "R" => format!("A/RES/{number}{part} ({})", roman_numeral(session)),
        "ESS" if session >= FIRST_SPECIAL_SESSION_NUMBERED => {
            format!("A/RES/ES-{session}/{number}{part}")
        }
        "SS" if session >= FIRST_SPECIAL_SESSION_NUMBERED => {
            format!("A/RES/S-{session}/{number}{part}")
        }
        _ => {
            return Err(
                "the table's codes for special and emergency special sessions before 1976 are not resolution numbers"
                    .into(),
            );
        }
    };
    Ok((symbol, section))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(code: &str) -> Result<(String, Option<String>), String> {
        symbol_of(code)
    }

    #[test]
    fn codes_of_every_style_name_their_resolution() {
        for (code, symbol, section) in [
            ("R/67/39", "A/RES/67/39", None),
            ("A/RES/71/71", "A/RES/71/71", None),
            ("A/RES/ES-10/19", "A/RES/ES-10/19", None),
            ("R/32/105L", "A/RES/32/105 L", None),
            ("R/42/209/C", "A/RES/42/209 C", None),
            ("R/34/233/XII", "A/RES/34/233", Some("XII")),
            ("R/33/116A/IV", "A/RES/33/116 A", Some("IV")),
            ("R/26/2758", "A/RES/2758 (XXVI)", None),
            ("R/25/2625", "A/RES/2625 (XXV)", None),
            ("R/53/77AA", "A/RES/53/77 AA", None),
        ] {
            assert_eq!(
                read(code),
                Ok((symbol.to_string(), section.map(String::from))),
                "{code}"
            );
        }
    }

    #[test]
    fn codes_that_name_no_resolution_say_why() {
        for code in [
            "NA",
            "",
            "R/1/1061A",
            "R/30/3586",
            "ESS/1/34",
            "SS/5",
            "GOAR/1/1288B",
            "R/10 65",
            "R/6444A",
            "R/61/128AB",
        ] {
            let why = read(code).expect_err(code);
            assert!(!why.is_empty(), "{code}");
        }
    }
}
