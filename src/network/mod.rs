//! The citation network: a petgraph graph of resolutions (ingested and stubs) with typed
//! citations as edges, built from the store in one pass, and the analyses of SPEC section 6:
//! degrees, PageRank and HITS (power iterations over edges), cycles and how they were broken,
//! longest citation chains (a topological pass), main paths (search path counts), series,
//! orphans, dangling references, citations per year and citation lag.

pub mod export;
mod files;
pub mod html;
mod load;

pub use files::{DocumentFacts, from_documents};
pub use load::load;

use petgraph::Direction::{Incoming, Outgoing};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The hash maps and sets of putting a network together: keyed by IRIs, one per node and
/// fact, where SipHash's cost showed; fixed seeds, as runs must not differ.
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
pub(crate) type FastSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

/// A resolution in the network.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Node {
    pub symbol: String,
    pub iri: String,
    pub ingested: bool,
    /// "GA", "SC", "HRC", "ECOSOC", "WHA".
    pub organ: String,
    /// Adoption date (ISO), or the date citing texts state for it.
    pub date: Option<String>,
    pub year: Option<i32>,
    pub session: Option<u32>,
    pub title: Option<String>,
    pub agenda_item: Option<String>,
    /// Specific bodies it names (missions, committees), for series of the Security Council.
    pub subjects: Vec<String>,
    /// Yes, no and abstain in its roll call on the text as a whole, when the store holds one
    /// (`unkg votes load`); of several, the one with the most votes cast.
    pub vote: Option<[u32; 3]>,
}

impl Node {
    /// "S/RES/687 (1991) — 1991-04-03", and "(not ingested)" when the store lacks its text.
    pub fn heading(&self) -> String {
        format!(
            "{}{}{}",
            self.symbol,
            self.date
                .as_ref()
                .map(|d| format!(" — {d}"))
                .unwrap_or_default(),
            if self.ingested { "" } else { " (not ingested)" }
        )
    }

    /// The share of yes among the votes cast on it, when it was put to a recorded vote.
    pub fn yes_share(&self) -> Option<f64> {
        let [yes, no, abstain] = self.vote?;
        let cast = yes + no + abstain;
        (cast > 0).then(|| f64::from(yes) / f64::from(cast))
    }
}

/// What the colours of a drawing of the network say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColourBy {
    /// The adopting organ.
    #[default]
    Organ,
    /// The series a resolution belongs to.
    Series,
    /// The margin of its vote: the share of yes among the votes cast.
    Vote,
}

impl ColourBy {
    /// The name the HTML page's selector gives it.
    pub fn name(self) -> &'static str {
        match self {
            ColourBy::Organ => "organ",
            ColourBy::Series => "series",
            ColourBy::Vote => "vote",
        }
    }
}

/// The colour of a series, as the HTML page draws it.
pub fn series_colour(series: usize) -> String {
    format!("hsl({:.0},65%,45%)", (series as f64 * 137.508) % 360.0)
}

/// The colour of a vote margin: red for a resolution carried by half the votes cast or less,
/// through yellow, to green for one carried by all.
pub fn vote_colour(yes_share: f64) -> String {
    let hue = ((yes_share - 0.5) * 2.0).clamp(0.0, 1.0) * 120.0;
    format!("hsl({hue:.0},70%,45%)")
}

/// A citation: the citing resolution → the cited one.
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    pub relation: String,
    pub paragraph: Option<String>,
}

pub type CitationGraph = DiGraph<Node, Edge>;

/// Which part of the network to analyse.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Organs to keep ("GA", "SC" …); empty keeps all.
    pub organs: Vec<String>,
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
    /// Relations to keep ("recalls", "reaffirms" …); empty keeps all.
    pub relations: Vec<String>,
}

impl Filter {
    fn keeps_node(&self, n: &Node) -> bool {
        (self.organs.is_empty() || self.organs.iter().any(|o| o.eq_ignore_ascii_case(&n.organ)))
            && self
                .from_year
                .is_none_or(|from| n.year.is_none_or(|y| y >= from))
            && self.to_year.is_none_or(|to| n.year.is_none_or(|y| y <= to))
    }

    /// The subgraph of the kept nodes and edges: the graph itself when the filter keeps all
    /// (a copy of 150,000 nodes is not free).
    pub fn apply(&self, g: CitationGraph) -> CitationGraph {
        let keeps_all = self.organs.is_empty()
            && self.from_year.is_none()
            && self.to_year.is_none()
            && self.relations.is_empty();
        if keeps_all {
            return g;
        }
        g.filter_map(
            |_, n| self.keeps_node(n).then(|| n.clone()),
            |_, e| {
                (self.relations.is_empty() || self.relations.contains(&e.relation))
                    .then(|| e.clone())
            },
        )
    }
}

/// A citation (citing, cited) with its search path count.
pub type WeightedEdge = (usize, usize, f64);

/// Every analysis of one network.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub nodes: usize,
    pub edges: usize,
    pub ingested: usize,
    pub in_degree: Vec<usize>,
    pub out_degree: Vec<usize>,
    pub page_rank: Vec<f64>,
    pub hub: Vec<f64>,
    pub authority: Vec<f64>,
    /// Length (in citations) of the longest chain from each node back to a root.
    pub chain_depth: Vec<usize>,
    /// The longest chain in the network, citing first.
    pub longest_chain: Vec<usize>,
    /// Edges left out to make the graph acyclic: (citing, cited).
    pub broken_cycle_edges: Vec<(usize, usize)>,
    /// Cycles found (strongly connected components of more than one node, or self-citations).
    pub cycles: Vec<Vec<usize>>,
    /// Search path count of every edge kept in the acyclic graph.
    pub spc: Vec<WeightedEdge>,
    pub global_main_path: Vec<usize>,
    pub local_main_path: Vec<usize>,
    /// Series: chains of resolutions each recalling its predecessor, earliest first.
    pub series: Vec<Vec<usize>>,
    /// Index into `series` for each node in one.
    pub series_of: Vec<Option<usize>>,
    pub orphans: Vec<usize>,
    pub dangling: Vec<usize>,
    /// Citations made per year of the citing resolution.
    pub citations_per_year: BTreeMap<i32, usize>,
    /// Years between a citing resolution and the one it cites: lag → count.
    pub citation_lag: BTreeMap<i32, usize>,
}

impl Report {
    /// Nodes ordered by a score, highest first, ties by symbol.
    pub fn top_by(&self, g: &CitationGraph, score: &[f64], n: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..g.node_count()).collect();
        order.sort_by(|&a, &b| {
            score[b].total_cmp(&score[a]).then_with(|| {
                g[NodeIndex::new(a)]
                    .symbol
                    .cmp(&g[NodeIndex::new(b)].symbol)
            })
        });
        order.truncate(n);
        order
    }

    pub fn most_cited(&self, g: &CitationGraph, n: usize) -> Vec<usize> {
        let degree: Vec<f64> = self.in_degree.iter().map(|&d| d as f64).collect();
        self.top_by(g, &degree, n)
            .into_iter()
            .filter(|&i| self.in_degree[i] > 0)
            .collect()
    }
}

/// Runs every analysis.
pub fn analyse(g: &CitationGraph) -> Report {
    let n = g.node_count();
    let in_degree: Vec<usize> = g
        .node_indices()
        .map(|v| g.neighbors_directed(v, Incoming).count())
        .collect();
    let out_degree: Vec<usize> = g
        .node_indices()
        .map(|v| g.neighbors_directed(v, Outgoing).count())
        .collect();
    // The rankings and the paths are independent: each on a core.
    let ((page_rank, (hub, authority)), paths) = rayon::join(
        || (page_rank(g, 0.85, 100), hits(g, 100)),
        || {
            let (dag_edges, broken, cycles) = acyclic_edges(g);
            let order = topological_order(n, &dag_edges);
            let chains = longest_chains(n, &dag_edges, &order);
            (broken, cycles, chains, main_paths(n, &dag_edges, &order))
        },
    );
    let (broken, cycles, (chain_depth, longest_chain), (spc, global_main_path, local_main_path)) =
        paths;
    let (series, series_of) = series(g);
    let orphans = (0..n)
        .filter(|&i| in_degree[i] == 0 && out_degree[i] == 0)
        .collect();
    let dangling = (0..n)
        .filter(|&i| !g[NodeIndex::new(i)].ingested && in_degree[i] > 0)
        .collect();
    let mut citations_per_year = BTreeMap::new();
    let mut citation_lag = BTreeMap::new();
    for e in g.edge_references() {
        let (citing, cited) = (&g[e.source()], &g[e.target()]);
        if let Some(y) = citing.year {
            *citations_per_year.entry(y).or_default() += 1;
            if let Some(c) = cited.year {
                *citation_lag.entry(y - c).or_default() += 1;
            }
        }
    }
    Report {
        nodes: n,
        edges: g.edge_count(),
        ingested: g.node_weights().filter(|n| n.ingested).count(),
        in_degree,
        out_degree,
        page_rank,
        hub,
        authority,
        chain_depth,
        longest_chain,
        broken_cycle_edges: broken,
        cycles,
        spc,
        global_main_path,
        local_main_path,
        series,
        series_of,
        orphans,
        dangling,
        citations_per_year,
        citation_lag,
    }
}

/// PageRank by power iteration over the edges (O(E) per iteration): a citation passes rank
/// from the citing to the cited resolution; what resolutions citing nothing hold is spread
/// evenly.
pub fn page_rank(g: &CitationGraph, damping: f64, iterations: usize) -> Vec<f64> {
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let out: Vec<usize> = g
        .node_indices()
        .map(|v| g.edges_directed(v, Outgoing).count())
        .collect();
    let edges: Vec<(usize, usize)> = g
        .edge_references()
        .map(|e| (e.source().index(), e.target().index()))
        .collect();
    let mut rank = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..iterations {
        let dangling: f64 = (0..n).filter(|&i| out[i] == 0).map(|i| rank[i]).sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        next.iter_mut().for_each(|x| *x = base);
        for &(s, t) in &edges {
            next[t] += damping * rank[s] / out[s] as f64;
        }
        let change: f64 = rank.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        if change < 1e-12 {
            break;
        }
    }
    rank
}

/// HITS hub and authority scores by power iteration, each normalised to unit length.
pub fn hits(g: &CitationGraph, iterations: usize) -> (Vec<f64>, Vec<f64>) {
    let n = g.node_count();
    let edges: Vec<(usize, usize)> = g
        .edge_references()
        .map(|e| (e.source().index(), e.target().index()))
        .collect();
    let mut hub = vec![1.0; n];
    let mut authority = vec![1.0; n];
    let normalise = |v: &mut Vec<f64>| {
        let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| *x /= norm);
        }
    };
    for _ in 0..iterations {
        let mut a = vec![0.0; n];
        for &(s, t) in &edges {
            a[t] += hub[s];
        }
        normalise(&mut a);
        let mut h = vec![0.0; n];
        for &(s, t) in &edges {
            h[s] += a[t];
        }
        normalise(&mut h);
        let change: f64 = a
            .iter()
            .zip(&authority)
            .map(|(x, y)| (x - y).abs())
            .sum::<f64>();
        authority = a;
        hub = h;
        if change < 1e-12 {
            break;
        }
    }
    (hub, authority)
}

/// The edges of an acyclic version of the graph, the edges left out, and the cycles found.
/// Inside a cycle, nodes are ordered by date then symbol and only citations of earlier
/// resolutions are kept (a same-day or misdated citation is what closes a cycle).
/// Citations as (citing, cited) node numbers.
type EdgeList = Vec<(usize, usize)>;

fn acyclic_edges(g: &CitationGraph) -> (EdgeList, EdgeList, Vec<Vec<usize>>) {
    let mut component = vec![usize::MAX; g.node_count()];
    let mut cycles = Vec::new();
    for (c, scc) in petgraph::algo::tarjan_scc(g).into_iter().enumerate() {
        let self_loop = scc.len() == 1 && g.contains_edge(scc[0], scc[0]);
        if scc.len() > 1 || self_loop {
            let mut members: Vec<usize> = scc.iter().map(|v| v.index()).collect();
            members.sort_by(|&a, &b| {
                g[NodeIndex::new(a)]
                    .symbol
                    .cmp(&g[NodeIndex::new(b)].symbol)
            });
            cycles.push(members);
        }
        for v in scc {
            component[v.index()] = c;
        }
    }
    cycles.sort();
    let key = |i: usize| {
        (
            g[NodeIndex::new(i)].date.clone().unwrap_or_default(),
            g[NodeIndex::new(i)].symbol.clone(),
        )
    };
    let (mut kept, mut broken) = (Vec::new(), Vec::new());
    for e in g.edge_references() {
        let (s, t) = (e.source().index(), e.target().index());
        if component[s] == component[t] && (s == t || key(t) >= key(s)) {
            broken.push((s, t));
        } else {
            kept.push((s, t));
        }
    }
    broken.sort();
    kept.sort();
    kept.dedup();
    (kept, broken, cycles)
}

/// Kahn's order of an acyclic edge list: every citing node before the nodes it cites.
fn topological_order(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(s, t) in edges {
        indegree[t] += 1;
        out[s].push(t);
    }
    let mut ready: std::collections::VecDeque<usize> =
        (0..n).filter(|&i| indegree[i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(v) = ready.pop_front() {
        order.push(v);
        for &w in &out[v] {
            indegree[w] -= 1;
            if indegree[w] == 0 {
                ready.push_back(w);
            }
        }
    }
    order
}

/// The longest chain from every node back to a root (a resolution citing nothing), and the
/// longest chain of all, by one pass in reverse topological order.
fn longest_chains(n: usize, edges: &[(usize, usize)], order: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(s, t) in edges {
        out[s].push(t);
    }
    let mut depth = vec![0usize; n];
    let mut next: Vec<Option<usize>> = vec![None; n];
    for &v in order.iter().rev() {
        for &w in &out[v] {
            if depth[w] + 1 > depth[v]
                || (depth[w] + 1 == depth[v] && next[v].is_some_and(|x| w < x))
            {
                depth[v] = depth[w] + 1;
                next[v] = Some(w);
            }
        }
    }
    let start = (0..n).max_by(|&a, &b| depth[a].cmp(&depth[b]).then(b.cmp(&a)));
    let mut chain = Vec::new();
    let mut at = start;
    while let Some(v) = at {
        chain.push(v);
        at = next[v];
    }
    (depth, chain)
}

/// Search path count weights (Hummon & Doreian; Batagelj's SPC) and the global and local main
/// paths, from the resolutions nobody cites (sources) to those citing nothing (sinks).
fn main_paths(
    n: usize,
    edges: &[(usize, usize)],
    order: &[usize],
) -> (Vec<WeightedEdge>, Vec<usize>, Vec<usize>) {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut inc: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(s, t) in edges {
        out[s].push(t);
        inc[t].push(s);
    }
    // Paths from sources to each node, and from each node to sinks.
    let mut from_sources = vec![0.0f64; n];
    for &v in order {
        from_sources[v] = if inc[v].is_empty() {
            1.0
        } else {
            inc[v].iter().map(|&u| from_sources[u]).sum()
        };
    }
    let mut to_sinks = vec![0.0f64; n];
    for &v in order.iter().rev() {
        to_sinks[v] = if out[v].is_empty() {
            1.0
        } else {
            out[v].iter().map(|&w| to_sinks[w]).sum()
        };
    }
    let weight = |s: usize, t: usize| from_sources[s] * to_sinks[t];
    let spc: Vec<WeightedEdge> = edges.iter().map(|&(s, t)| (s, t, weight(s, t))).collect();

    // Global: the source-to-sink path of greatest total weight.
    let mut best = vec![0.0f64; n];
    let mut next: Vec<Option<usize>> = vec![None; n];
    for &v in order.iter().rev() {
        for &w in &out[v] {
            let total = weight(v, w) + best[w];
            if next[v].is_none() || total > best[v] {
                best[v] = total;
                next[v] = Some(w);
            }
        }
    }
    let sources = (0..n).filter(|&v| inc[v].is_empty() && !out[v].is_empty());
    let start = sources
        .clone()
        .max_by(|&a, &b| best[a].total_cmp(&best[b]).then(b.cmp(&a)));
    let follow = |start: Option<usize>, next: &dyn Fn(usize) -> Option<usize>| {
        let mut path = Vec::new();
        let mut at = start;
        while let Some(v) = at {
            path.push(v);
            at = next(v);
        }
        path
    };
    let global = follow(start, &|v| next[v]);
    // Local: from the heaviest edge leaving a source, always the heaviest next edge.
    let heaviest = |v: usize| {
        out[v]
            .iter()
            .copied()
            .max_by(|&a, &b| weight(v, a).total_cmp(&weight(v, b)).then(b.cmp(&a)))
    };
    let local_start = sources.max_by(|&a, &b| {
        let wa = heaviest(a).map_or(0.0, |t| weight(a, t));
        let wb = heaviest(b).map_or(0.0, |t| weight(b, t));
        wa.total_cmp(&wb).then(b.cmp(&a))
    });
    let local = follow(local_start, &heaviest);
    (spc, global, local)
}

/// Series: each resolution's predecessor is the latest resolution it cites of the previous
/// session or year (or the same year, for the Council) with the same title, the same agenda
/// item or, when neither is printed, the same mission or committee named; chains of
/// predecessors are the series.
fn series(g: &CitationGraph) -> (Vec<Vec<usize>>, Vec<Option<usize>>) {
    let n = g.node_count();
    let norm = |s: &Option<String>| {
        s.as_deref().map(|t| {
            t.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        })
    };
    let mut predecessor: Vec<Option<usize>> = vec![None; n];
    for v in g.node_indices() {
        let me = &g[v];
        let candidates = g
            .edges_directed(v, Outgoing)
            .map(|e| e.target())
            .filter(|&w| {
                let other = &g[w];
                if !other.ingested || other.organ != me.organ || other.date >= me.date {
                    return false;
                }
                let previous = match (me.session, other.session, me.year, other.year) {
                    (Some(a), Some(b), _, _) => a == b + 1 || a == b,
                    (_, _, Some(a), Some(b)) => a - b <= 1 && a >= b,
                    _ => false,
                };
                let same_title = norm(&me.title).is_some() && norm(&me.title) == norm(&other.title);
                let same_item = me.agenda_item.is_some() && me.agenda_item == other.agenda_item;
                let same_subject =
                    me.title.is_none() && me.subjects.iter().any(|s| other.subjects.contains(s));
                previous && (same_title || same_item || same_subject)
            });
        predecessor[v.index()] = candidates
            .max_by(|&a, &b| {
                g[a].date
                    .cmp(&g[b].date)
                    .then(g[b].symbol.cmp(&g[a].symbol))
            })
            .map(|w| w.index());
    }
    // Each node has at most one predecessor; a node is a successor of several at most in
    // branching series, which keep the earliest successor chain intact.
    let mut successors: HashMap<usize, Vec<usize>> = HashMap::new();
    for (v, p) in predecessor.iter().enumerate() {
        if let Some(p) = p {
            successors.entry(*p).or_default().push(v);
        }
    }
    let mut series = Vec::new();
    let mut series_of = vec![None; n];
    let mut heads: Vec<usize> = (0..n)
        .filter(|&v| predecessor[v].is_none() && successors.contains_key(&v))
        .collect();
    heads.sort_by(|&a, &b| {
        g[NodeIndex::new(a)]
            .date
            .cmp(&g[NodeIndex::new(b)].date)
            .then(
                g[NodeIndex::new(a)]
                    .symbol
                    .cmp(&g[NodeIndex::new(b)].symbol),
            )
    });
    for head in heads {
        let mut members = Vec::new();
        let mut stack = vec![head];
        while let Some(v) = stack.pop() {
            if series_of[v].is_some() {
                continue;
            }
            series_of[v] = Some(series.len());
            members.push(v);
            if let Some(next) = successors.get(&v) {
                stack.extend(next.iter().copied());
            }
        }
        members.sort_by(|&a, &b| {
            g[NodeIndex::new(a)]
                .date
                .cmp(&g[NodeIndex::new(b)].date)
                .then(
                    g[NodeIndex::new(a)]
                        .symbol
                        .cmp(&g[NodeIndex::new(b)].symbol),
                )
        });
        series.push(members);
    }
    (series, series_of)
}

/// The longest chain from a node back to a root (most often the first resolution of its
/// series), following the deepest citation each step, as symbols.
pub fn chain_back(g: &CitationGraph, report: &Report, start: NodeIndex) -> Vec<String> {
    let mut chain = vec![g[start].symbol.clone()];
    let mut at = start.index();
    let broken: std::collections::HashSet<(usize, usize)> =
        report.broken_cycle_edges.iter().copied().collect();
    while report.chain_depth[at] > 0 {
        let next = g
            .edges_directed(NodeIndex::new(at), Outgoing)
            .map(|e| e.target().index())
            .filter(|&w| {
                !broken.contains(&(at, w)) && report.chain_depth[w] + 1 == report.chain_depth[at]
            })
            .min();
        let Some(w) = next else { break };
        chain.push(g[NodeIndex::new(w)].symbol.clone());
        at = w;
    }
    chain
}

/// The node of a symbol (compared without case or white space).
pub fn find(g: &CitationGraph, symbol: &str) -> Option<NodeIndex> {
    let key = crate::symbol::compare_key(symbol);
    g.node_indices()
        .find(|&v| crate::symbol::compare_key(&g[v].symbol) == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(usize, usize)], n: usize) -> CitationGraph {
        let mut g = CitationGraph::new();
        for i in 0..n {
            g.add_node(Node {
                symbol: format!("S/RES/{} (1990)", 100 + i),
                ingested: true,
                organ: "SC".into(),
                date: Some(format!("1990-01-{:02}", i + 1)),
                year: Some(1990),
                ..Node::default()
            });
        }
        for &(s, t) in edges {
            g.add_edge(
                NodeIndex::new(s),
                NodeIndex::new(t),
                Edge {
                    relation: "recalls".into(),
                    paragraph: None,
                },
            );
        }
        g
    }

    #[test]
    fn page_rank_favours_the_most_cited_and_sums_to_one() {
        // 3 and 2 cite 0; 1 cites 0.
        let g = graph(&[(1, 0), (2, 0), (3, 0), (3, 1)], 4);
        let pr = page_rank(&g, 0.85, 100);
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(pr[0] > pr[1] && pr[1] > pr[2]);
        let (hub, authority) = hits(&g, 100);
        assert!(authority[0] > authority[1] && hub[3] > hub[2]);
    }

    #[test]
    fn chains_main_paths_and_broken_cycles() {
        // 4 → 3 → 2 → 1 → 0, 4 → 0, and a misdated citation 0 → 2 closing a cycle.
        let g = graph(&[(4, 3), (3, 2), (2, 1), (1, 0), (4, 0), (0, 2)], 5);
        let r = analyse(&g);
        assert_eq!(r.cycles, vec![vec![0, 1, 2]]);
        assert_eq!(
            r.broken_cycle_edges,
            vec![(0, 2)],
            "the citation of a later resolution is left out"
        );
        assert_eq!(r.longest_chain, vec![4, 3, 2, 1, 0]);
        assert_eq!(r.chain_depth[4], 4);
        assert_eq!(r.global_main_path, vec![4, 3, 2, 1, 0]);
        assert_eq!(r.local_main_path.first(), Some(&4));
        assert_eq!(r.local_main_path.last(), Some(&0));
    }
}
