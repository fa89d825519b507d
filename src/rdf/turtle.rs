//! A readable Turtle (and TriG) writer: only the prefixes used, subjects grouped, `a` first,
//! `;` and `,` abbreviation, and a stable order, so two exports of the same data are
//! byte-identical. (oxttl streams triples in store order and cannot regroup them.)

use super::vocab;
use oxigraph::model::{Literal, NamedOrBlankNode, Term, Triple};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Prefixes offered to the writer; only those used are declared.
pub const PREFIXES: [(&str, &str); 15] = [
    ("unkg", vocab::UNKG),
    ("body", vocab::BODY),
    ("treaty", "https://w3id.org/unkg/treaty/"),
    ("verb", vocab::VERB),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", vocab::XSD),
    ("skos", vocab::SKOS),
    ("dct", vocab::DCT),
    ("oa", vocab::OA),
    ("cito", vocab::CITO),
    ("eli", vocab::ELI),
    ("owl", vocab::OWL),
    ("prov", vocab::PROV),
    ("sh", "http://www.w3.org/ns/shacl#"),
];

/// Subjects → predicates → objects, each level sorted by its Turtle form.
type Grouped = BTreeMap<String, BTreeMap<(u8, String), Vec<String>>>;

struct Namer {
    used: BTreeMap<&'static str, &'static str>,
}

impl Namer {
    fn iri(&mut self, iri: &str) -> String {
        for (prefix, ns) in PREFIXES {
            if let Some(local) = iri.strip_prefix(ns)
                && !local.is_empty()
                && local
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                && !local.starts_with('-')
            {
                self.used.insert(prefix, ns);
                return format!("{prefix}:{local}");
            }
        }
        format!("<{iri}>")
    }

    fn subject(&mut self, s: &NamedOrBlankNode) -> String {
        match s {
            NamedOrBlankNode::NamedNode(n) => self.iri(n.as_str()),
            NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
        }
    }

    fn term(&mut self, t: &Term) -> String {
        match t {
            Term::NamedNode(n) => self.iri(n.as_str()),
            Term::BlankNode(b) => format!("_:{}", b.as_str()),
            Term::Literal(l) => self.literal(l),
            // RDF 1.2 triple terms: unkg states none, a user's update might.
            Term::Triple(t) => format!(
                "<<( {} {} {} )>>",
                self.subject(&t.subject),
                self.iri(t.predicate.as_str()),
                self.term(&t.object)
            ),
        }
    }

    fn literal(&mut self, l: &Literal) -> String {
        let value = l.value();
        if let Some(lang) = l.language() {
            return format!("{}@{lang}", quote(value));
        }
        let datatype = l.datatype().as_str();
        match datatype.strip_prefix(vocab::XSD) {
            Some("string") => quote(value),
            Some("integer") if value.parse::<i64>().is_ok() => value.to_string(),
            Some("boolean") if value == "true" || value == "false" => value.to_string(),
            _ => format!("{}^^{}", quote(value), self.iri(datatype)),
        }
    }
}

fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn group(triples: &[Triple], namer: &mut Namer) -> Grouped {
    let mut grouped: Grouped = BTreeMap::new();
    for t in triples {
        let s = namer.subject(&t.subject);
        let p = t.predicate.as_str();
        // rdf:type first, as `a`.
        let p = if p == vocab::RDF_TYPE {
            (0, "a".to_string())
        } else {
            (1, namer.iri(p))
        };
        let o = namer.term(&t.object);
        let objects = grouped.entry(s).or_default().entry(p).or_default();
        if !objects.contains(&o) {
            objects.push(o);
        }
    }
    for predicates in grouped.values_mut() {
        for objects in predicates.values_mut() {
            objects.sort();
        }
    }
    grouped
}

fn write_block(out: &mut impl Write, grouped: &Grouped, indent: &str) -> io::Result<()> {
    for (subject, predicates) in grouped {
        write!(out, "{indent}{subject}")?;
        for (i, ((_, predicate), objects)) in predicates.iter().enumerate() {
            let lead = if i == 0 {
                " "
            } else {
                &format!(" ;\n{indent}    ")
            };
            write!(
                out,
                "{lead}{predicate} {}",
                objects.join(&format!(" ,\n{indent}        "))
            )?;
        }
        writeln!(out, " .\n")?;
    }
    Ok(())
}

fn write_prefixes(out: &mut impl Write, namer: &Namer) -> io::Result<()> {
    for (prefix, ns) in &namer.used {
        writeln!(out, "@prefix {prefix}: <{ns}> .")?;
    }
    if !namer.used.is_empty() {
        writeln!(out)?;
    }
    Ok(())
}

/// Writes triples as readable Turtle.
pub fn write_turtle(out: &mut impl Write, triples: &[Triple]) -> io::Result<()> {
    let mut namer = Namer {
        used: BTreeMap::new(),
    };
    let grouped = group(triples, &mut namer);
    write_prefixes(out, &namer)?;
    write_block(out, &grouped, "")
}

/// Declares every prefix, for Turtle or TriG written one graph at a time (see
/// [`write_graph`]): what later graphs use is not known yet.
pub fn write_prefixes_up_front(out: &mut impl Write) -> io::Result<()> {
    for (prefix, ns) in PREFIXES {
        writeln!(out, "@prefix {prefix}: <{ns}> .")?;
    }
    writeln!(out)
}

/// Writes one graph's triples: in TriG inside its name, in Turtle merged with the rest. A
/// store of any size is so exported in the memory of its largest graphs.
pub fn write_graph(
    out: &mut impl Write,
    name: &str,
    triples: &[Triple],
    trig: bool,
) -> io::Result<()> {
    let mut namer = Namer {
        used: BTreeMap::new(),
    };
    let grouped = group(triples, &mut namer);
    if trig {
        writeln!(out, "{} {{", namer.iri(name))?;
        write_block(out, &grouped, "    ")?;
        writeln!(out, "}}\n")
    } else {
        write_block(out, &grouped, "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::{RdfFormat, RdfParser};

    #[test]
    fn groups_sorts_and_round_trips() {
        let input = r#"
            @prefix unkg: <https://w3id.org/unkg/ontology#> .
            <https://w3id.org/unkg/doc/A/RES/79/47> unkg:cites <https://w3id.org/unkg/doc/A/RES/67/39> .
            <https://w3id.org/unkg/doc/A/RES/79/47> a unkg:Resolution ; unkg:session 79 ; unkg:title "Suivi \"2013\""@fr .
            <https://w3id.org/unkg/doc/A/RES/79/47> unkg:cites <https://w3id.org/unkg/doc/A/RES/55/2> .
        "#;
        let triples: Vec<Triple> = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(input.as_bytes())
            .map(|q| Triple::from(q.unwrap()))
            .collect();
        let mut out = Vec::new();
        write_turtle(&mut out, &triples).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("@prefix unkg: <https://w3id.org/unkg/ontology#> .\n\n"));
        assert!(text.contains("<https://w3id.org/unkg/doc/A/RES/79/47> a unkg:Resolution ;\n    unkg:cites <https://w3id.org/unkg/doc/A/RES/55/2> ,\n        <https://w3id.org/unkg/doc/A/RES/67/39> ;"));
        let reparsed: Vec<Triple> = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(text.as_bytes())
            .map(|q| Triple::from(q.unwrap()))
            .collect();
        let mut a: Vec<String> = triples.iter().map(|t| t.to_string()).collect();
        let mut b: Vec<String> = reparsed.iter().map(|t| t.to_string()).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
        // Reversed input, same bytes.
        let mut again = Vec::new();
        let reversed: Vec<Triple> = triples.iter().rev().cloned().collect();
        write_turtle(&mut again, &reversed).unwrap();
        assert_eq!(String::from_utf8(again).unwrap(), text);
    }
}
