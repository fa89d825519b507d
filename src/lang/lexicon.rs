//! Language knowledge loaded from the Turtle files in `ontology/`: verbs, verb modifiers,
//! months, the gazetteer of bodies and instruments, the grammars and the symbol series. The files are compiled into the binary;
//! `UNKG_ONTOLOGY=DIR` loads them from a folder instead, so a user can add a verb, a month form
//! or a treaty name without rebuilding.

use super::grammar::{Grammar, GrammarData, GrammarError};
use super::series::{Series, SeriesTable};
use crate::rdf::vocab;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Literal, NamedOrBlankNode, Quad, Term};
use sha2::Digest;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The ontology files that carry language knowledge, with their compiled-in contents.
pub const FILES: [(&str, &str); 5] = [
    ("verbs.ttl", include_str!("../../ontology/verbs.ttl")),
    ("dates.ttl", include_str!("../../ontology/dates.ttl")),
    (
        "gazetteer.ttl",
        include_str!("../../ontology/gazetteer.ttl"),
    ),
    ("grammar.ttl", include_str!("../../ontology/grammar.ttl")),
    ("symbols.ttl", include_str!("../../ontology/symbols.ttl")),
];

/// Whether a verb form opens preambular or operative paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbUse {
    Preambular,
    Operative,
}

#[derive(Debug, Clone)]
pub struct VerbForm {
    pub form: String,
    pub key: String,
    pub relation: String,
    pub verb_use: VerbUse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntityKind {
    Body,
    Instrument,
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub iri: String,
    pub kind: EntityKind,
    /// Official English name.
    pub name: String,
    /// Names by language tag: (language, label, is preferred).
    pub labels: Vec<(String, String, bool)>,
    /// Matched with exact case.
    pub acronyms: Vec<String>,
    /// (language, label, IRI of the organ whose documents give the label this meaning).
    pub scoped: Vec<(String, String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct Modifiers {
    pub leading: Vec<String>,
    /// Leading modifiers that open preambular paragraphs only (Arabic "إذ", "وإذ").
    pub preambular: Vec<String>,
    /// Words that open a paragraph with its object, the verb following in the same clause
    /// (Chinese "对…深表忧虑").
    pub object_markers: Vec<String>,
    pub trailing: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Verb forms by language.
    pub verbs: HashMap<String, Vec<VerbForm>>,
    pub modifiers: HashMap<String, Modifiers>,
    /// Month names by language: (name, month number).
    pub months: HashMap<String, Vec<(String, u32)>>,
    pub entities: Vec<Entity>,
    /// Verb concept key → English label.
    pub verb_labels: BTreeMap<String, String>,
    /// The compiled grammar of each language.
    pub grammars: HashMap<String, Grammar>,
    /// How each body numbers its resolutions.
    pub series: SeriesTable,
    /// SHA-256 (hex) of the language data this lexicon was built from: extraction with other
    /// data may give other records.
    pub digest: String,
    /// Characters read as others, one for one, before anything is matched: traditional
    /// Chinese as simplified (`unkg:characterVariants` of the grammars).
    pub folding: crate::text::Folding,
    /// Each function word of a Latin-script language, and its language: what detection counts,
    /// looked up for thousands of words per document, so with a fast hash.
    pub function_words: HashMap<String, &'static str, foldhash::fast::FixedState>,
}

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{file}: {message}")]
    Syntax { file: String, message: String },
    #[error(transparent)]
    Grammar(#[from] GrammarError),
    #[error(
        "verbs: \"{form}\"@{lang} is a form of two verbs, verb:{first} and verb:{second}; a form names one verb, so that a paragraph has one leading verb whatever order the data is read in"
    )]
    AmbiguousVerbForm {
        form: String,
        lang: String,
        first: String,
        second: String,
    },
}

impl Lexicon {
    /// The compiled-in lexicon, or the one in `$UNKG_ONTOLOGY` when that is set.
    pub fn load() -> Result<Self, LexiconError> {
        match std::env::var_os("UNKG_ONTOLOGY") {
            Some(dir) => Self::from_dir(Path::new(&dir)),
            None => Self::from_sources(FILES.iter().map(|(n, t)| (n.to_string(), t.to_string()))),
        }
    }

    pub fn from_dir(dir: &Path) -> Result<Self, LexiconError> {
        let mut sources = Vec::new();
        for (name, _) in FILES {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path).map_err(|source| LexiconError::Read {
                path: path.display().to_string(),
                source,
            })?;
            sources.push((path.display().to_string(), text));
        }
        Self::from_sources(sources)
    }

    fn from_sources(
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, LexiconError> {
        let mut quads = Vec::new();
        let mut digest = sha2::Sha256::new();
        for (file, text) in sources {
            digest.update(text.as_bytes());
            for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
                quads.push(quad.map_err(|e| LexiconError::Syntax {
                    file: file.clone(),
                    message: e.to_string(),
                })?);
            }
        }
        let mut lexicon = Self::from_quads(&fold_literals(quads))?;
        lexicon.digest = crate::text::hex(&digest.finalize());
        Ok(lexicon)
    }

    fn from_quads(quads: &[Quad]) -> Result<Self, LexiconError> {
        let mut by_subject: BTreeMap<String, Vec<(&str, &Term)>> = BTreeMap::new();
        for q in quads {
            let subject = match &q.subject {
                NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
                NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
            };
            by_subject
                .entry(subject)
                .or_default()
                .push((q.predicate.as_str(), &q.object));
        }
        let mut lexicon = Lexicon::default();
        let mut grammar_data: HashMap<String, GrammarData> = HashMap::new();
        for (subject, props) in &by_subject {
            let types: Vec<&str> = props
                .iter()
                .filter(|(p, _)| *p == vocab::RDF_TYPE)
                .filter_map(|(_, o)| iri(o))
                .collect();
            if types.contains(&vocab::UNKG_VERB) {
                lexicon.add_verb(subject, props);
            } else if types.contains(&vocab::UNKG_VERB_MODIFIERS) {
                let lang = props
                    .iter()
                    .find(|(p, _)| *p == vocab::UNKG_LANGUAGE)
                    .and_then(|(_, o)| literal(o))
                    .map(|l| l.value().to_string())
                    .unwrap_or_default();
                let entry = lexicon.modifiers.entry(lang).or_default();
                for (p, o) in props {
                    let Some(l) = literal(o) else { continue };
                    match *p {
                        vocab::UNKG_LEADING_MODIFIER => entry.leading.push(l.value().to_string()),
                        vocab::UNKG_OBJECT_MARKER => {
                            entry.object_markers.push(l.value().to_string())
                        }
                        vocab::UNKG_PREAMBULAR_MODIFIER => {
                            entry.leading.push(l.value().to_string());
                            entry.preambular.push(l.value().to_string());
                        }
                        vocab::UNKG_TRAILING_MODIFIER => entry.trailing.push(l.value().to_string()),
                        _ => {}
                    }
                }
            } else if types.contains(&vocab::UNKG_MONTH) {
                let number = props
                    .iter()
                    .find(|(p, _)| *p == vocab::UNKG_MONTH_NUMBER)
                    .and_then(|(_, o)| literal(o))
                    .and_then(|l| l.value().parse::<u32>().ok());
                let Some(number) = number else { continue };
                for (p, o) in props {
                    if *p == vocab::UNKG_NAME
                        && let Some((value, lang)) = tagged(o)
                    {
                        lexicon
                            .months
                            .entry(lang)
                            .or_default()
                            .push((value, number));
                    }
                }
            } else if types.contains(&vocab::UNKG_GRAMMAR) {
                let mut data = GrammarData::new();
                for (p, o) in props {
                    if let (Some(local), Some(l)) = (p.strip_prefix(vocab::UNKG), literal(o)) {
                        data.entry(local.to_string())
                            .or_default()
                            .push(l.value().to_string());
                    }
                }
                let lang = data
                    .get("language")
                    .and_then(|l| l.first())
                    .cloned()
                    .unwrap_or_default();
                grammar_data.insert(lang, data);
            } else if types.contains(&vocab::UNKG_SYMBOL_SERIES) {
                lexicon.series.series.push(series(props)?);
            } else if types.contains(&vocab::UNKG_BODY) || types.contains(&vocab::UNKG_INSTRUMENT) {
                let kind = if types.contains(&vocab::UNKG_BODY) {
                    EntityKind::Body
                } else {
                    EntityKind::Instrument
                };
                lexicon
                    .entities
                    .push(entity(subject, kind, props, &by_subject));
            }
        }
        // Every language's foldings apply to every text: the language is not known yet when a
        // text is folded, and their characters are proper to their scripts.
        for data in grammar_data.values() {
            lexicon
                .folding
                .variants
                .extend(char_pairs(data, "characterVariants"));
            lexicon
                .folding
                .numerals
                .extend(&super::grammar::numerals(data));
            lexicon
                .folding
                .lookalikes
                .extend(char_pairs(data, "lookalikes"));
        }
        lexicon.check_verb_forms()?;
        // Compiling the grammars' patterns is most of loading: on every core.
        let compiled: Vec<_> = {
            use rayon::prelude::*;
            let lexicon = &lexicon;
            let mut data: Vec<_> = grammar_data.iter().collect();
            data.sort_by_key(|(lang, _)| *lang);
            data.into_par_iter()
                .map(|(lang, data)| {
                    // The bodies that adopt resolutions open them with their names.
                    let organ_names =
                        names_in(lexicon, lang, |iri| lexicon.series.of_body(iri).is_some());
                    let qualifier_names = qualifier_names(lexicon, lang);
                    let months: Vec<String> = lexicon
                        .months
                        .get(lang)
                        .into_iter()
                        .flatten()
                        .map(|(m, _)| m.clone())
                        .collect();
                    let grammar =
                        Grammar::compile(lang, data, organ_names, qualifier_names, &months);
                    (lang.clone(), grammar)
                })
                .collect()
        };
        for (lang, grammar) in compiled {
            lexicon.grammars.insert(lang, grammar?);
        }
        for lang in super::LANGUAGES {
            for word in lexicon
                .grammars
                .get(lang)
                .map_or(&[][..], |g| &g.function_words)
            {
                lexicon.function_words.insert(word.clone(), lang);
            }
        }
        Ok(lexicon)
    }

    /// Refuses a form that opens two verbs' paragraphs of one kind.
    fn check_verb_forms(&self) -> Result<(), LexiconError> {
        for (lang, forms) in &self.verbs {
            let mut key_of: HashMap<(&str, bool), &str> = HashMap::new();
            for f in forms {
                let preambular = matches!(f.verb_use, VerbUse::Preambular);
                if let Some(first) = key_of.insert((&f.form, preambular), &f.key)
                    && first != f.key
                {
                    let (first, second) = (first.min(&f.key), first.max(&f.key));
                    return Err(LexiconError::AmbiguousVerbForm {
                        form: f.form.clone(),
                        lang: lang.clone(),
                        first: first.to_string(),
                        second: second.to_string(),
                    });
                }
            }
        }
        Ok(())
    }

    fn add_verb(&mut self, subject: &str, props: &[(&str, &Term)]) {
        let key = subject.rsplit('/').next().unwrap_or(subject).to_string();
        let relation = props
            .iter()
            .find(|(p, _)| *p == vocab::UNKG_RELATION)
            .and_then(|(_, o)| iri(o))
            .and_then(|r| r.strip_prefix(vocab::UNKG))
            .unwrap_or("cites")
            .to_string();
        for (p, o) in props {
            let verb_use = match *p {
                vocab::UNKG_PREAMBULAR_FORM => VerbUse::Preambular,
                vocab::UNKG_OPERATIVE_FORM => VerbUse::Operative,
                vocab::SKOS_PREF_LABEL => {
                    if let Some(l) = literal(o) {
                        self.verb_labels.insert(key.clone(), l.value().to_string());
                    }
                    continue;
                }
                _ => continue,
            };
            if let Some((form, lang)) = tagged(o) {
                self.verbs.entry(lang).or_default().push(VerbForm {
                    form,
                    key: key.clone(),
                    relation: relation.clone(),
                    verb_use,
                });
            }
        }
    }

    pub fn entity(&self, iri: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.iri == iri)
    }
}

fn entity(
    subject: &str,
    kind: EntityKind,
    props: &[(&str, &Term)],
    by_subject: &BTreeMap<String, Vec<(&str, &Term)>>,
) -> Entity {
    let mut e = Entity {
        iri: subject.to_string(),
        kind,
        name: String::new(),
        labels: Vec::new(),
        acronyms: Vec::new(),
        scoped: Vec::new(),
    };
    for (p, o) in props {
        match *p {
            vocab::SKOS_PREF_LABEL | vocab::SKOS_ALT_LABEL => {
                if let Some((value, lang)) = tagged(o) {
                    let preferred = *p == vocab::SKOS_PREF_LABEL;
                    if preferred && lang == "en" {
                        e.name = value.clone();
                    }
                    e.labels.push((lang, value, preferred));
                }
            }
            vocab::UNKG_ACRONYM => {
                if let Some(l) = literal(o) {
                    e.acronyms.push(l.value().to_string());
                }
            }
            vocab::UNKG_SCOPED_LABEL => {
                let Term::BlankNode(b) = o else { continue };
                let Some(inner) = by_subject.get(&format!("_:{}", b.as_str())) else {
                    continue;
                };
                let label = inner
                    .iter()
                    .find(|(p, _)| *p == vocab::UNKG_LABEL)
                    .and_then(|(_, o)| tagged(o));
                let organ = inner
                    .iter()
                    .find(|(p, _)| *p == vocab::UNKG_IN_DOCUMENTS_OF)
                    .and_then(|(_, o)| iri(o));
                if let (Some((label, lang)), Some(organ)) = (label, organ) {
                    e.scoped.push((lang, label, organ.to_string()));
                }
            }
            _ => {}
        }
    }
    e.labels.sort();
    e
}

/// The quads with every literal folded by the `unkg:characterVariants` of the grammars, as
/// texts are folded before matching: data written with the standard forms ("الأمم", "决议")
/// or the variants ("الامم", "決議") match texts written with either.
fn fold_literals(quads: Vec<Quad>) -> Vec<Quad> {
    let mut variants = crate::text::CharMap::<char>::default();
    for q in &quads {
        if q.predicate.as_str() == vocab::UNKG_CHARACTER_VARIANTS
            && let Term::Literal(l) = &q.object
        {
            variants.extend(l.value().split_whitespace().filter_map(|pair| {
                let (a, b) = pair.split_once('=')?;
                Some((a.chars().next()?, b.chars().next()?))
            }));
        }
    }
    let fold = |s: &str| -> Option<String> {
        s.chars()
            .any(|c| variants.contains_key(&c))
            .then(|| s.chars().map(|c| *variants.get(&c).unwrap_or(&c)).collect())
    };
    quads
        .into_iter()
        .map(|mut q| {
            if q.predicate.as_str() != vocab::UNKG_CHARACTER_VARIANTS
                && let Term::Literal(l) = &q.object
                && let Some(value) = fold(l.value())
            {
                q.object = match l.language() {
                    Some(lang) => Literal::new_language_tagged_literal_unchecked(value, lang),
                    None => Literal::new_typed_literal(value, l.datatype()),
                }
                .into();
            }
            q
        })
        .collect()
}

/// The "a=b" pairs of single characters of a grammar property.
fn char_pairs(data: &GrammarData, property: &str) -> Vec<(char, char)> {
    data.get(property)
        .into_iter()
        .flatten()
        .flat_map(|v| v.split_whitespace())
        .filter_map(|pair| {
            let (a, b) = pair.split_once('=')?;
            Some((a.chars().next()?, b.chars().next()?))
        })
        .collect()
}

/// A body's numbering from its `unkg:SymbolSeries` node.
fn series(props: &[(&str, &Term)]) -> Result<Series, LexiconError> {
    let error = |message: String| LexiconError::Syntax {
        file: "symbols.ttl".into(),
        message,
    };
    let body = props
        .iter()
        .find(|(p, _)| *p == vocab::UNKG_ISSUED_BY)
        .and_then(|(_, o)| iri(o))
        .ok_or_else(|| error("a unkg:SymbolSeries without unkg:issuedBy".into()))?;
    let mut series = Series::new(body.to_string());
    for (p, o) in props {
        if *p == vocab::UNKG_SESSION_NUMBER_FROM {
            series.session_number_from =
                literal(o).and_then(|l| l.value().parse().ok()).unwrap_or(0);
        } else if *p == vocab::UNKG_DEFAULT_FOR {
            let shape = literal(o).map_or("", |l| l.value());
            if !series.set_default(shape) {
                return Err(error(format!("{body}: no such shape of number: {shape:?}")));
            }
        } else if *p == vocab::UNKG_NUMBERS_OF_YEAR {
            let ranges = literal(o).map_or("", |l| l.value());
            if series.set_numbers_of_year(ranges).is_none() {
                return Err(error(format!(
                    "{body}: unkg:numbersOfYear should read \"1990=647-683 1991=684-725\", not {ranges:?}"
                )));
            }
        } else if *p == vocab::UNKG_QUALIFIER {
            if let Some((name, lang)) = tagged(o) {
                series.qualifiers.push((lang, name));
            }
        } else if let (Some(local), Some(l)) = (p.strip_prefix(vocab::UNKG), literal(o))
            && local.ends_with("Form")
            && !series.set_form(local, l.value().to_string())
        {
            return Err(error(format!(
                "{body}: no such shape of number: unkg:{local}"
            )));
        }
    }
    Ok(series)
}

/// The names in `lang` that qualify a resolution number ("General Assembly resolution"):
/// the gazetteer names of each series' body and the series' own qualifiers, with the index of
/// the series, longest first.
fn qualifier_names(lexicon: &Lexicon, lang: &str) -> Vec<(String, usize)> {
    let mut names: Vec<(String, usize)> = Vec::new();
    for (i, series) in lexicon.series.series.iter().enumerate() {
        let labels = names_in(lexicon, lang, |iri| iri == series.body);
        let own = series.qualifiers.iter().filter(|(l, _)| l == lang);
        for name in labels
            .into_iter()
            .map(|(n, _)| n)
            .chain(own.map(|(_, n)| n.clone()))
        {
            names.push((name.to_lowercase(), i));
        }
    }
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    names
}

/// The names in `lang` of the entities whose IRIs pass `keep`, with those IRIs.
fn names_in(lexicon: &Lexicon, lang: &str, keep: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    lexicon
        .entities
        .iter()
        .filter(|e| keep(&e.iri))
        .flat_map(|e| {
            e.labels
                .iter()
                .filter(|(l, _, _)| l == lang)
                .map(|(_, label, _)| (label.clone(), e.iri.clone()))
        })
        .collect()
}

fn iri(term: &Term) -> Option<&str> {
    match term {
        Term::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

fn literal(term: &Term) -> Option<&Literal> {
    match term {
        Term::Literal(l) => Some(l),
        _ => None,
    }
}

/// A language-tagged literal as (value, primary language subtag).
fn tagged(term: &Term) -> Option<(String, String)> {
    let l = literal(term)?;
    let lang = l.language()?;
    Some((
        l.value().to_string(),
        lang.split('-').next().unwrap_or(lang).to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A form added to a second verb makes the data refuse to load, naming both.
    #[test]
    fn a_form_of_two_verbs_is_refused() {
        let sources = FILES.iter().map(|(name, text)| {
            let text = if *name == "verbs.ttl" {
                format!("{text}\nverb:act unkg:operativeForm \"Recalls\"@en .\n")
            } else {
                text.to_string()
            };
            (name.to_string(), text)
        });
        let message = Lexicon::from_sources(sources).err().unwrap().to_string();
        assert!(
            message.contains("\"Recalls\"@en")
                && message.contains("verb:act")
                && message.contains("verb:recall"),
            "{message}"
        );
    }

    /// Every body and instrument has its official name in the six languages, so that a text in
    /// any of them finds it; the failure lists each entity and the languages it lacks.
    #[test]
    fn every_entity_is_named_in_the_six_languages() {
        let lexicon = Lexicon::load().unwrap();
        let gaps: Vec<String> = lexicon
            .entities
            .iter()
            .filter_map(|entity| {
                let missing: Vec<&str> = super::super::LANGUAGES
                    .into_iter()
                    .filter(|lang| {
                        !entity
                            .labels
                            .iter()
                            .any(|(l, _, preferred)| l == lang && *preferred)
                    })
                    .collect();
                (!missing.is_empty()).then(|| format!("{} ({})", entity.iri, missing.join(" ")))
            })
            .collect();
        assert!(lexicon.entities.len() > 250);
        assert!(
            gaps.is_empty(),
            "{} entities lack an official name: {}",
            gaps.len(),
            gaps.join(", ")
        );
    }

    #[test]
    fn loads_the_compiled_in_ontology() {
        let lexicon = Lexicon::load().unwrap();
        let recalling = lexicon.verbs["en"]
            .iter()
            .find(|v| v.form == "Recalling")
            .unwrap();
        assert_eq!(recalling.relation, "recalls");
        assert_eq!(recalling.verb_use, VerbUse::Preambular);
        assert!(
            lexicon.verbs["zh"]
                .iter()
                .any(|v| v.form == "回顾" && v.key == "recall")
        );
        assert!(lexicon.months["en"].contains(&("December".to_string(), 12)));
        let npt = lexicon.entity("https://w3id.org/unkg/treaty/npt").unwrap();
        assert_eq!(
            npt.name,
            "Treaty on the Non-Proliferation of Nuclear Weapons"
        );
        assert!(npt.acronyms.contains(&"NPT".to_string()));
        let council = lexicon.entity("https://w3id.org/unkg/body/un-sc").unwrap();
        assert_eq!(council.scoped[0].1, "the Council");
    }
}
