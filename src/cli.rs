//! Command-line arguments (clap derive). The doc comments are the help text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The languages extraction reads (ISO 639-1).
const LANGUAGES: [&str; 6] = ["ar", "zh", "en", "fr", "ru", "es"];

#[derive(Parser, Debug)]
#[command(
    name = "unkg",
    version,
    about = "United Nations resolutions to a knowledge graph: extract, store as RDF, query with SPARQL",
    after_help = "Examples:
  unkg ingest examples/                     extract every resolution under examples/ into ./unkg-store
  unkg query --name most-cited              run a named query (unkg query --list shows them)
  unkg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
  unkg export --format turtle -o graph.ttl  the whole store as readable Turtle
  unkg extract examples/A_RES_80_12.txt     the extraction record of one file, as JSON
  unkg eval ../shared/gold                  score extraction against gold annotations

Exit codes: 0 ok, 1 some inputs failed (the others went in), 2 usage or fatal error."
)]
pub struct Cli {
    /// The store folder.
    #[arg(long, global = true, env = "UNKG_STORE", default_value = "unkg-store")]
    pub store: PathBuf,
    /// Print less (errors only).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more (one line per file).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract resolutions and load them into the store (idempotent: a file ingested again
    /// replaces what it contributed).
    #[command(after_help = "Examples:
  unkg ingest examples/                     every file under examples/ into ./unkg-store
  unkg ingest --lang zh web-copies/         files whose language detection you overrule
  unkg --store /data/un ingest corpus/      another store; unchanged files are not read again
  unkg ingest --endpoint http://127.0.0.1:7878 new/   into the store a running `unkg serve --allow-update` holds")]
    Ingest(IngestArgs),
    /// Print the extraction record of files, without a store.
    #[command(after_help = "Examples:
  unkg extract examples/A_RES_80_12.txt                 the record as JSON
  unkg extract --format jsonl corpus/ > records.jsonl   one record a line
  unkg extract --format html FILE > f.html              the text with every fact highlighted
  unkg extract --format nq corpus/part-3/ > part-3.nq   the quads ingest would store, for a bulk loader
  find corpus -name '*.txt' | unkg extract --format nq --files-from - > all.nq")]
    Extract(ExtractArgs),
    /// Run a SPARQL query against the store.
    #[command(after_help = "Examples:
  unkg query --list                                     the named queries
  unkg query --name citations-of --bind symbol=s/res/687(1991)
  unkg query --format csv 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
  unkg query -f my.rq --format json")]
    Query(QueryArgs),
    /// Export the store as RDF, or as Akoma Ntoso XML (a file per language version).
    #[command(after_help = "Examples:
  unkg export -o graph.ttl                              the whole store as readable Turtle
  unkg export --format nq -o all.nq                     every named graph, as N-Quads
  unkg export --format akn -o akn/                      a file per language version, Akoma Ntoso (AKN4UN)
  unkg export --graph 'https://w3id.org/unkg/graph/A/RES/79/47/eng@'")]
    Export(ExportArgs),
    /// What the store holds.
    #[command(after_help = "Example:
  unkg stats                                            documents by organ and language, triples, citations")]
    Stats,
    /// Check that the language versions of each resolution yield the same citations,
    /// documents, instruments, bodies and paragraph counts; list every difference with spans.
    #[command(after_help = "Examples:
  unkg agreement                                        every resolution held in more than one language
  unkg agreement a/res/79/47 --json")]
    Agreement(AgreementArgs),
    /// Score extraction against gold annotation files.
    #[command(after_help = "Examples:
  unkg eval ../shared/gold                              precision, recall and F1 per field, language and organ
  unkg eval ../shared/gold eval/gold                    several gold folders scored together
  unkg eval ../shared/gold --details                    every difference, document by document
  unkg eval ../shared/gold eval/gold --thresholds eval/thresholds.json   exit 1 on a fall (CI)")]
    Eval(EvalArgs),
    /// Check citation recall without gold: every span shaped like a resolution number must
    /// be a kept citation or rejected for a stated reason; list those that are neither.
    #[command(after_help = "Examples:
  unkg audit ../shared/corpus/raw/en           totals per language and organ, and every span left unexplained
  unkg audit --json corpus/ > audit.json       the same, with each file's figures
  unkg audit --fail-under 0.995 corpus/        exit 1 when less than 99.5% is accounted for")]
    Audit(AuditArgs),
    /// The citations of one resolution: what it cites and what cites it, transitively; its
    /// longest chain back to a root; its series.
    #[command(after_help = "Examples:
  unkg cites 'S/RES/687 (1991)'                         its chain back to the first of its series
  unkg cites s/res/687(1991) --json")]
    Cites(CitesArgs),
    /// Analyse the whole citation network: most cited, PageRank, HITS, longest chain, main
    /// paths, series, cycles, orphans, dangling references; export it for Gephi, Graphviz,
    /// Cytoscape or as one interactive HTML page.
    #[command(after_help = "Examples:
  unkg network                                          rankings, main paths, series, dangling references
  unkg network --format html -o net.html                one interactive page
  unkg network --format gexf --organ SC --from 1990 -o sc.gexf
  unkg network --write-back && unkg query --name top-pagerank")]
    Network(NetworkArgs),
    /// A SPARQL 1.1 endpoint (/query, /sparql, /update) and web pages (/, /resolution/SYMBOL,
    /// /network) over the store. The server owns the store while it runs: with
    /// --allow-update, `unkg ingest --endpoint` writes through it and queries see the new
    /// documents at once; other commands are told to use the endpoint.
    #[command(after_help = "Examples:
  unkg serve                                            http://127.0.0.1:7878/ (SPARQL at /query)
  unkg serve --cors --timeout 10                        for browser clients served from elsewhere
  unkg serve --allow-update                             updates by POST, from this server's pages only
  unkg ingest --endpoint http://127.0.0.1:7878 new/     add files while it serves (needs --allow-update)")]
    Serve(ServeArgs),
    /// Send the store's graphs to a SPARQL 1.1 Graph Store Protocol server (Virtuoso, Oxigraph's
    /// server, Fuseki …): a graph per request, as N-Triples. After the first push only the
    /// graphs changed since are sent, and graphs that left the store are deleted there; a
    /// push that was stopped goes on where it stopped. What was sent is counted on the server.
    #[command(after_help = "Examples:
  unkg push http://127.0.0.1:8890/sparql-graph-crud-auth --query-url http://127.0.0.1:8890/sparql \
      --user dba --password-env VIRTUOSO_PASSWORD             Virtuoso (Digest authentication)
  unkg push http://127.0.0.1:7878/store --query-url http://127.0.0.1:7878/query   Oxigraph's server
  unkg push URL --dry-run                                     what would be sent and deleted
  unkg push URL --query-url SPARQL_URL --verify              count every graph on the server")]
    Push(PushArgs),
    /// Check the store against SHACL shapes (ontology/shapes.ttl unless --shapes gives
    /// others): one line per violation, or a standard SHACL validation report in Turtle.
    /// Exits 1 when the store does not conform.
    #[command(after_help = "Examples:
  unkg validate                                         the store against unkg's shapes
  unkg validate --format turtle > report.ttl            the sh:ValidationReport
  unkg validate --shapes my-shapes.ttl                  other rules")]
    Validate(ValidateArgs),
    /// General Assembly roll-call votes: load the `unvotes` tables into the store, or print how
    /// each State voted on a resolution.
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "Examples:
  unkg votes load ../shared/corpus/bulk/unvotes_roll_calls.csv ../shared/corpus/bulk/unvotes_votes.csv ../shared/corpus/bulk/unvotes_issues.csv
  unkg votes A/RES/71/71                                the tally and each State's vote
  unkg votes a/res/67/39 --json
  unkg query --name votes-agreement --bind a=US --bind b=FR"
    )]
    Votes(VotesArgs),
    /// What changed between two resolutions: their paragraphs aligned by text (renewals
    /// renumber), each unchanged, reworded (with the words), added or removed.
    #[command(after_help = "Examples:
  unkg diff 'S/RES/1000 (1995)' 'S/RES/1062 (1996)'    what the renewal changed
  unkg diff A/RES/78/27 A/RES/79/47 --lang fr --format html -o diff.html
  unkg diff A B --write-back                            state it in the graph, for SPARQL")]
    Diff(DiffArgs),
    /// The series a resolution belongs to (each member recalling its predecessor), earliest
    /// first; with --diff, what changed at each step.
    #[command(after_help = "Examples:
  unkg series 'S/RES/1062 (1996)'                       its series
  unkg series 'S/RES/1062 (1996)' --diff                a summary line per step, and the changes
  unkg series A/RES/79/47 --diff --write-back           and state each step in the graph")]
    Series(SeriesArgs),
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum DiffFormat {
    Text,
    Json,
    Html,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The earlier resolution, e.g. A/RES/78/27.
    pub before: String,
    /// The later resolution, e.g. A/RES/79/47.
    pub after: String,
    /// The language to compare in (English when both have it, else the first they share).
    #[arg(long, value_parser = LANGUAGES)]
    pub lang: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Also state in the store which paragraph each later one continues and how it changed.
    #[arg(long)]
    pub write_back: bool,
}

#[derive(Args, Debug)]
pub struct SeriesArgs {
    /// A resolution symbol, e.g. "S/RES/1062 (1996)".
    pub symbol: String,
    /// What changed at each step, between the members whose texts the store holds.
    #[arg(long)]
    pub diff: bool,
    /// The language to compare in (English when both have it, else the first they share).
    #[arg(long, value_parser = LANGUAGES, requires = "diff")]
    pub lang: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Also state each step in the store (see `unkg diff --write-back`).
    #[arg(long, requires = "diff")]
    pub write_back: bool,
}

#[derive(Args, Debug)]
pub struct VotesArgs {
    #[command(subcommand)]
    pub load: Option<VotesCommand>,
    /// A resolution symbol, e.g. A/RES/71/71.
    pub symbol: Option<String>,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum VotesCommand {
    /// Load roll calls, country votes and (optionally) issue tags, in place of what an earlier
    /// load put in the store. Rows that cannot be placed are listed with their lines.
    Load {
        /// The roll calls: rcid, session, importantvote, date, unres, amend, para, short, descr.
        roll_calls: PathBuf,
        /// The country votes: rcid, country, country_code, vote.
        votes: PathBuf,
        /// The issue tags: rcid, short_name, issue.
        issues: Option<PathBuf>,
        /// Print the report as JSON, with every row that could not be placed.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address and port to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: std::net::SocketAddr,
    /// Accept SPARQL updates at /update (the store is then opened for writing).
    #[arg(long)]
    pub allow_update: bool,
    /// Cancel a query running longer than this many seconds.
    #[arg(long, default_value = "30")]
    pub timeout: u64,
    /// Answer cross-origin requests (CORS), for browser clients served from elsewhere.
    #[arg(long)]
    pub cors: bool,
    /// A host name this server answers to besides its address and localhost (as the Host
    /// header gives it, without the port; repeat for more). Requests for any other name are
    /// refused, so that a web page cannot reach the server through a name it controls (DNS
    /// rebinding).
    #[arg(long = "allowed-host", value_name = "NAME")]
    pub allowed_hosts: Vec<String>,
    /// Run as the query engine behind `unkg serve` (started by it, not by users).
    #[arg(long, hide = true)]
    pub engine: bool,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// SHACL shapes in Turtle, instead of unkg's own (ontology/shapes.ttl).
    #[arg(long)]
    pub shapes: Option<PathBuf>,
    /// `text`: a line per violation (focus node, shape, constraint, value, tab-separated);
    /// `turtle`: the sh:ValidationReport.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Turtle,
}

#[derive(Args, Debug)]
pub struct PushArgs {
    /// The server's Graph Store Protocol URL (graphs are named with ?graph=).
    pub url: String,
    /// The server's SPARQL query URL, to count what it holds after the push.
    #[arg(long)]
    pub query_url: Option<String>,
    /// The user name, if the server asks for one (Digest or Basic).
    #[arg(long)]
    pub user: Option<String>,
    /// The environment variable that holds the password (never the password itself).
    #[arg(long, conflicts_with = "password_file", requires = "user")]
    pub password_env: Option<String>,
    /// A file whose first line is the password.
    #[arg(long, requires = "user")]
    pub password_file: Option<PathBuf>,
    /// List what would be sent and deleted, and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Count every graph on the server (not only those sent) and compare with the store.
    #[arg(long, requires = "query_url")]
    pub verify: bool,
    /// Send every graph, whatever earlier pushes sent.
    #[arg(long)]
    pub all: bool,
    /// Requests under way at once.
    #[arg(long, default_value = "4")]
    pub jobs: usize,
    /// Triples per request (a graph larger than this goes in several; halved while the
    /// server answers 413).
    #[arg(long, default_value = "50000")]
    pub chunk: usize,
    /// Give up on a request after this many seconds.
    #[arg(long, default_value = "300")]
    pub timeout: u64,
}

#[derive(Args, Debug)]
pub struct CitesArgs {
    /// A resolution symbol, e.g. "S/RES/687 (1991)".
    pub symbol: String,
    /// Files or folders to read instead of the store: the network is built from them in
    /// memory, and no store is opened.
    pub paths: Vec<PathBuf>,
    /// The language of every file read, instead of detecting it.
    #[arg(long, value_parser = LANGUAGES, requires = "paths")]
    pub lang: Option<String>,
    /// How many citation steps to follow each way.
    #[arg(long, default_value = "3")]
    pub depth: usize,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ColorBy {
    Organ,
    Series,
    Vote,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum NetworkFormat {
    Table,
    Json,
    Csv,
    Dot,
    Graphml,
    Gexf,
    Cytoscape,
    Html,
}

#[derive(Args, Debug)]
pub struct NetworkArgs {
    /// Files or folders to read instead of the store: the network is built from them in
    /// memory, and no store is opened or written.
    pub paths: Vec<PathBuf>,
    /// The language of every file read, instead of detecting it.
    #[arg(long, value_parser = LANGUAGES, requires = "paths")]
    pub lang: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: NetworkFormat,
    /// Write to a file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Only these organs; repeat for several.
    #[arg(long, value_parser = ["GA", "SC", "HRC", "ECOSOC", "WHA"], ignore_case = true)]
    pub organ: Vec<String>,
    /// Only resolutions of this year or later.
    #[arg(long)]
    pub from: Option<i32>,
    /// Only resolutions of this year or earlier.
    #[arg(long)]
    pub to: Option<i32>,
    /// Only citations of this relation; repeat for several.
    #[arg(long, value_parser = ["recalls", "reaffirms", "takesNoteOf", "welcomes", "guidedBy", "cites"])]
    pub relation: Vec<String>,
    /// How many resolutions the rankings list.
    #[arg(long, default_value = "10")]
    pub top: usize,
    /// Store the metrics as triples in their own named graph, replaced on each run.
    #[arg(long, conflicts_with = "paths")]
    pub write_back: bool,
    /// What the colours of the Graphviz and HTML drawings say: the organ, the series, or the
    /// vote margin (the share of yes among the votes cast, after `unkg votes load`).
    #[arg(long, visible_alias = "colour", value_enum, default_value = "organ")]
    pub color: ColorBy,
}

#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Files or folders (walked recursively for .txt .md .html .pdf .docx).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The language of every input, instead of detecting it.
    #[arg(long, value_parser = LANGUAGES)]
    pub lang: Option<String>,
    /// Extraction threads (default: all cores).
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
    /// Keep the documents of files that are gone from the folders given (by default they
    /// leave the store, as a re-ingested folder should mirror what it holds).
    #[arg(long)]
    pub keep_missing: bool,
    /// Write through a running `unkg serve --allow-update` at this URL instead of opening
    /// the store folder (which the server holds); queries there see the files at once.
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum RecordFormat {
    Json,
    Jsonl,
    Turtle,
    /// The text with every extracted fact highlighted.
    Html,
    /// The quads `ingest` would store (without a store): split a corpus across machines,
    /// then load the parts with any engine's bulk loader.
    Nq,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[arg(required_unless_present = "files_from")]
    pub paths: Vec<PathBuf>,
    /// Also read the files listed one a line in this file (`-`: standard input).
    #[arg(long)]
    pub files_from: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "json")]
    pub format: RecordFormat,
    /// The language of every input, instead of detecting it.
    #[arg(long, value_parser = LANGUAGES)]
    pub lang: Option<String>,
    /// Write to a file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct QueryArgs {
    /// The query text; `-` reads it from standard input.
    pub sparql: Option<String>,
    /// Read the query from a file.
    #[arg(short, long, conflicts_with_all = ["sparql", "name"])]
    pub file: Option<PathBuf>,
    /// Run a named query from queries/.
    #[arg(short, long, conflicts_with = "sparql")]
    pub name: Option<String>,
    /// List the named queries.
    #[arg(long)]
    pub list: bool,
    /// Results format: table (default on a terminal), csv, tsv, json, xml; for CONSTRUCT and
    /// DESCRIBE: turtle, nt, nq, trig, rdfxml, jsonld.
    #[arg(long, value_parser = ["table", "csv", "tsv", "json", "xml", "turtle", "nt", "nq", "trig", "rdfxml", "jsonld"])]
    pub format: Option<String>,
    /// Values for the query's variables, NAME=VALUE (a symbol, a number or an IRI in <>); a
    /// `symbol` is read as users type it ("s/res/687(1991)").
    #[arg(long = "bind", value_name = "NAME=VALUE")]
    pub bindings: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "turtle")]
    pub format: unkg::export::Format,
    /// Write to a file instead of standard output (to a folder, for --format akn).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Only this named graph (an IRI; for --format akn, a language version's graph).
    #[arg(long)]
    pub graph: Option<String>,
}

#[derive(Args, Debug)]
pub struct AgreementArgs {
    /// Only this resolution (a symbol, e.g. "A/RES/79/47").
    pub symbol: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct AuditArgs {
    /// Files or folders (walked recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The language of every input, instead of detecting it.
    #[arg(long, value_parser = LANGUAGES)]
    pub lang: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Exit 1 when the share of spans accounted for is under this (0 to 1).
    #[arg(long)]
    pub fail_under: Option<f64>,
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Folders of gold files (*.json).
    #[arg(required = true)]
    pub gold: Vec<PathBuf>,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also list every difference, document by document.
    #[arg(long)]
    pub details: bool,
    /// Fail (exit 1) when a score is below its level in this file (the repository's is
    /// eval/thresholds.json), or when the file has no level for a language or metric measured.
    #[arg(long)]
    pub thresholds: Option<PathBuf>,
    /// Raise the levels of the thresholds file to the scores reached (never lowers one).
    #[arg(long, requires = "thresholds")]
    pub record: bool,
}
