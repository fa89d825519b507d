//! How each body numbers its resolutions (`ontology/symbols.ttl`): the canonical symbol that a
//! resolution number stands for, given the body named with it or the document's own organ.

use crate::symbol::{Number, Shape};

/// One body's numbering: the symbol form of each shape of number it uses.
#[derive(Debug, Clone)]
pub struct Series {
    /// The body that issues the resolutions (a gazetteer IRI).
    pub body: String,
    /// Symbol forms by shape ([`Shape::index`]), with {number}, {part}, {year}, {session},
    /// {roman} and {special} to fill in.
    forms: [Option<String>; Shape::COUNT],
    /// The shapes ([`Shape::index`]) this series is chosen for when no body is named and the
    /// document's organ has no such form.
    default_for: [bool; Shape::COUNT],
    /// The first session numbered by session ("A/RES/31/1": the Assembly numbered by Roman
    /// session before its 31st).
    pub session_number_from: u32,
    /// Printed forms of the body's name that qualify a resolution beside its gazetteer names
    /// (Russian cases, the fused "of the" of Arabic): (language, name).
    pub qualifiers: Vec<(String, String)>,
    /// The numbers known to have been given in each year, for a body that numbers in one run
    /// over the years: (first, last, year), in order.
    pub numbers_of_year: Vec<(u32, u32, u32)>,
}

impl Series {
    pub fn new(body: String) -> Self {
        Series {
            body,
            forms: Default::default(),
            default_for: Default::default(),
            session_number_from: 0,
            qualifiers: Vec::new(),
            numbers_of_year: Vec::new(),
        }
    }

    /// Makes this series the default of a shape, by its name (`yearParen`).
    pub fn set_default(&mut self, shape: &str) -> bool {
        match Shape::ALL.into_iter().find(|s| s.name() == shape) {
            Some(shape) => {
                self.default_for[shape.index()] = true;
                true
            }
            None => false,
        }
    }

    /// Sets the form of a shape, by the local name of its property (`sessionNumberForm`).
    pub fn set_form(&mut self, property: &str, form: String) -> bool {
        match Shape::ALL
            .into_iter()
            .find(|s| property.strip_suffix("Form") == Some(s.name()))
        {
            Some(shape) => {
                self.forms[shape.index()] = Some(form);
                true
            }
            None => false,
        }
    }

    fn form(&self, shape: Shape) -> Option<&str> {
        self.forms[shape.index()].as_deref()
    }

    /// Whether this body numbers resolutions in this shape.
    pub fn has(&self, shape: Shape) -> bool {
        self.forms[shape.index()].is_some()
    }

    /// Reads `unkg:numbersOfYear` ("1990=647-683 1991=684-725"); none when malformed.
    pub fn set_numbers_of_year(&mut self, ranges: &str) -> Option<()> {
        for range in ranges.split_whitespace() {
            let (year, numbers) = range.split_once('=')?;
            let (first, last) = numbers.split_once('-')?;
            let (first, last) = (first.parse().ok()?, last.parse().ok()?);
            self.numbers_of_year.push((first, last, year.parse().ok()?));
        }
        self.numbers_of_year.sort_unstable();
        Some(())
    }

    /// The year of a number printed without it, when a known range holds the number.
    pub fn year_of(&self, number: u32) -> Option<u32> {
        self.numbers_of_year
            .iter()
            .find(|(first, last, _)| (*first..=*last).contains(&number))
            .map(|(_, _, year)| *year)
    }

    /// An organization outside the UN: it has no UN symbols at all.
    pub fn is_outside(&self) -> bool {
        self.forms.iter().all(Option::is_none)
    }

    /// Whether this body has a resolution of this number: its shape, and its session.
    pub fn accepts(&self, number: &Number) -> bool {
        self.has(number.shape)
            && (number.shape != Shape::SessionNumber
                || number
                    .session
                    .parse::<u32>()
                    .is_ok_and(|s| s >= self.session_number_from))
    }
}

/// What the words around a resolution number say about its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// "resolution" alone: the document's own body, or the shape's default.
    Own,
    /// "its resolution": the document's own body, or the shape's default.
    Its,
    /// A body named with the number: an index into the [`SeriesTable`].
    Named(usize),
}

/// Every body's numbering.
#[derive(Debug, Clone, Default)]
pub struct SeriesTable {
    pub series: Vec<Series>,
}

impl SeriesTable {
    /// The index of the series a body issues.
    pub fn of_body(&self, body: &str) -> Option<usize> {
        self.series.iter().position(|s| s.body == body)
    }

    /// The year of a number a body printed without it ("Resolution 687"), if known.
    pub fn year_of(&self, body: &str, number: u32) -> Option<u32> {
        self.series[self.of_body(body)?].year_of(number)
    }

    /// The canonical symbol of a number: in the series of the body named with it; else in the
    /// series of the document's organ (`own`, a body IRI) if it has the shape; else in the
    /// default series of the shape. A number that names its own series ("WHA69.2") has no
    /// default.
    pub fn symbol(
        &self,
        number: &Number,
        qualifier: Qualifier,
        own: Option<&str>,
    ) -> Option<String> {
        let shape = number.shape;
        let series = match qualifier {
            Qualifier::Named(i) => self.series.get(i)?,
            Qualifier::Own | Qualifier::Its => own
                .and_then(|body| self.of_body(body))
                .map(|i| &self.series[i])
                .filter(|s| s.accepts(number))
                .or_else(|| {
                    self.series.iter().find(|s| {
                        s.accepts(number)
                            && (s.default_for[shape.index()] || number.names_its_series)
                    })
                })?,
        };
        Some(number.fill(series.form(shape)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lexicon;
    use crate::symbol::read_number;

    fn symbol(text: &str, named: Option<&str>, own: Option<&str>) -> Option<String> {
        let lexicon = Lexicon::load().unwrap();
        let table = &lexicon.series;
        let qualifier = named.map_or(Qualifier::Own, |body| {
            Qualifier::Named(table.of_body(body).expect("a series"))
        });
        let (_, number) = read_number(text, &[], &Default::default())?;
        table.symbol(&number, qualifier, own)
    }

    const GA: &str = "https://w3id.org/unkg/body/un-ga";
    const SC: &str = "https://w3id.org/unkg/body/un-sc";
    const HRC: &str = "https://w3id.org/unkg/body/un-hrc";
    const ECOSOC: &str = "https://w3id.org/unkg/body/un-ecosoc";
    const CHR: &str = "https://w3id.org/unkg/body/un-chr";
    const CND: &str = "https://w3id.org/unkg/body/un-cnd";

    #[test]
    fn a_named_body_beats_the_organ_of_the_text() {
        assert_eq!(
            symbol("60/251", Some(GA), Some(HRC)).unwrap(),
            "A/RES/60/251"
        );
        assert_eq!(
            symbol("1325 (2000)", Some(SC), Some(HRC)).unwrap(),
            "S/RES/1325 (2000)"
        );
        assert_eq!(
            symbol("1503 (XLVIII)", Some(ECOSOC), Some(HRC)).unwrap(),
            "E/RES/1503 (XLVIII)"
        );
        assert_eq!(
            symbol("2005/79", Some(CHR), Some(HRC)).unwrap(),
            "E/CN.4/RES/2005/79"
        );
        assert_eq!(
            symbol("7 (XXVI)", Some(CHR), None).unwrap(),
            "E/CN.4/RES/7 (XXVI)"
        );
        assert_eq!(
            symbol("1 (XXXIV)", Some(CND), Some(ECOSOC)).unwrap(),
            "E/CN.7/RES/1 (XXXIV)"
        );
        // The Security Council alone numbers with the year; no General Assembly number has it.
        assert_eq!(symbol("660 (1990)", Some(GA), None), None);
    }

    #[test]
    fn a_bare_number_takes_the_series_of_the_text_or_of_its_shape() {
        assert_eq!(symbol("5/1", None, Some(HRC)).unwrap(), "A/HRC/RES/5/1");
        assert_eq!(symbol("S-3/1", None, Some(HRC)).unwrap(), "A/HRC/RES/S-3/1");
        assert_eq!(
            symbol("1987/33", None, Some(ECOSOC)).unwrap(),
            "E/RES/1987/33"
        );
        assert_eq!(
            symbol("667 E (XXIV)", None, Some(ECOSOC)).unwrap(),
            "E/RES/667 E (XXIV)"
        );
        // The Council's texts cite the Assembly's numbers, which it has no form for.
        assert_eq!(
            symbol("41/128", None, Some(ECOSOC)).unwrap(),
            "A/RES/41/128"
        );
        assert_eq!(symbol("48/13 C", None, Some(SC)).unwrap(), "A/RES/48/13 C");
        assert_eq!(symbol("ES-10/22", None, None).unwrap(), "A/RES/ES-10/22");
        // The Assembly numbered by session from its 31st.
        assert_eq!(symbol("5/1", Some(GA), None), Some("A/RES/5/1".into()));
        assert_eq!(symbol("5/1", None, None), None);
        assert_eq!(
            symbol("660 (1990)", None, Some(GA)).unwrap(),
            "S/RES/660 (1990)"
        );
        // The Economic and Social Council's is the default series of year numbers; no series
        // numbers by decimals unless the number names it.
        assert_eq!(symbol("2023/1", None, Some(GA)).unwrap(), "E/RES/2023/1");
        assert_eq!(symbol("69.2", None, None), None);
        assert_eq!(symbol("WHA69.2", None, None).unwrap(), "WHA69.2");
    }
}
