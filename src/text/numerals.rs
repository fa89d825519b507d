//! Numerals written in characters rather than digits, as Chinese texts write years, dates,
//! meetings, sessions and resolution numbers: "一九七六年" (digit by digit), "二十二日" (by
//! place value), "二0二五" (an ASCII 0 among them). The characters and their values come from
//! `unkg:numeralDigits` and `unkg:numeralMultipliers` of `ontology/grammar.ttl`.

use super::CharMap;

#[derive(Debug, Clone, Default)]
pub struct Numerals {
    /// Digit characters → value (〇 and 零 → 0, 一 → 1 …).
    digits: CharMap<u32>,
    /// Place-value characters → value (十 → 10, 百 → 100 …).
    multipliers: CharMap<u32>,
    /// The lowest and highest of those characters: most characters of a text are outside,
    /// and are told so without a look-up.
    bounds: Option<(char, char)>,
}

impl Numerals {
    /// From "char=value" pairs.
    pub fn new(
        digits: impl IntoIterator<Item = (char, u32)>,
        multipliers: impl IntoIterator<Item = (char, u32)>,
    ) -> Self {
        let mut numerals = Numerals {
            digits: digits.into_iter().collect(),
            multipliers: multipliers.into_iter().collect(),
            bounds: None,
        };
        numerals.bound();
        numerals
    }

    fn bound(&mut self) {
        let chars = || self.digits.keys().chain(self.multipliers.keys()).copied();
        self.bounds = chars().min().zip(chars().max());
    }

    pub fn is_empty(&self) -> bool {
        self.digits.is_empty()
    }

    /// Adds another system's characters (every language's are folded the same way).
    pub fn extend(&mut self, other: &Numerals) {
        self.digits.extend(&other.digits);
        self.multipliers.extend(&other.multipliers);
        self.bound();
    }

    fn digit(&self, c: char) -> Option<u32> {
        c.to_digit(10).or_else(|| self.digits.get(&c).copied())
    }

    /// Whether `c` is a numeral character of this system (not an ASCII digit).
    pub fn is_numeral(&self, c: char) -> bool {
        self.bounds
            .is_some_and(|(low, high)| (low..=high).contains(&c))
            && (self.digits.contains_key(&c) || self.multipliers.contains_key(&c))
    }

    /// The value of a number written in digits, in numeral characters digit by digit
    /// ("一九七六", "二0二五") or by place value ("二十二" → 22, "一百零八" → 108).
    pub fn value(&self, printed: &str) -> Option<u32> {
        if !printed.chars().any(|c| self.multipliers.contains_key(&c)) {
            let mut value: u32 = 0;
            for c in printed.chars() {
                value = value.checked_mul(10)?.checked_add(self.digit(c)?)?;
            }
            return (!printed.is_empty()).then_some(value);
        }
        let (mut total, mut current) = (0u32, 0u32);
        for c in printed.chars() {
            match self.multipliers.get(&c) {
                Some(&m) => {
                    total = total.checked_add(current.max(1).checked_mul(m)?)?;
                    current = 0;
                }
                None => current = self.digit(c)?,
            }
        }
        total.checked_add(current).filter(|n| *n > 0)
    }

    /// Rewrites, one character for one, every run of two or more numeral digits read digit
    /// by digit ("一九七六" → "1976", "二0二五" → "2025"), so that patterns written for digits
    /// read them; a run beside a place-value character ("二十二") is read by value instead,
    /// where a date or number form asks for it, and is left alone.
    pub fn fold_digit_runs(&self, chars: &mut [char]) {
        let mut i = 0;
        while i < chars.len() {
            if !self.digits.contains_key(&chars[i]) && !chars[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len()
                && (self.digits.contains_key(&chars[i]) || chars[i].is_ascii_digit())
            {
                i += 1;
            }
            let run = &chars[start..i];
            let numerals = run.iter().filter(|c| !c.is_ascii_digit()).count();
            let beside_multiplier = [start.checked_sub(1), Some(i)]
                .into_iter()
                .flatten()
                .filter_map(|at| chars.get(at))
                .any(|c| self.multipliers.contains_key(c));
            if run.len() >= 2 && numerals > 0 && !beside_multiplier {
                for c in &mut chars[start..i] {
                    if let Some(d) = self.digits.get(c) {
                        *c = char::from_digit(*d, 10).unwrap_or(*c);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chinese() -> Numerals {
        Numerals::new(
            "〇零一二三四五六七八九"
                .chars()
                .zip([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
            [('十', 10), ('百', 100), ('千', 1000)],
        )
    }

    #[test]
    fn values_digit_by_digit_and_by_place() {
        let n = chinese();
        assert_eq!(n.value("一九七六"), Some(1976));
        assert_eq!(n.value("二0二五"), Some(2025));
        assert_eq!(n.value("二十二"), Some(22));
        assert_eq!(n.value("十"), Some(10));
        assert_eq!(n.value("一百零八"), Some(108));
        assert_eq!(n.value("七十九"), Some(79));
        assert_eq!(n.value("1964"), Some(1964));
        assert_eq!(n.value("第"), None);
    }

    #[test]
    fn folds_runs_read_digit_by_digit_only() {
        let n = chinese();
        let fold = |s: &str| {
            let mut chars: Vec<char> = s.chars().collect();
            n.fold_digit_runs(&mut chars);
            chars.into_iter().collect::<String>()
        };
        assert_eq!(
            fold("一九七六年十月二十二日第一九六四次会议"),
            "1976年十月二十二日第1964次会议"
        );
        assert_eq!(fold("决议案三九六(五)"), "决议案396(五)");
        assert_eq!(fold("二0二五年"), "2025年");
        // One numeral alone is a word ("第一委员会"), not a number to fold.
        assert_eq!(fold("第一委员会和第二十届会议"), "第一委员会和第二十届会议");
    }
}
