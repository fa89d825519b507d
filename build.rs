//! Compiles the named queries of `queries/*.rq` into the binary, so that adding a query is
//! adding a file.

use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=queries");
    let mut names: Vec<String> = std::fs::read_dir("queries")
        .expect("queries/ folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".rq"))
        .collect();
    names.sort();
    let mut code = String::from(
        "/// Named queries: (name, text).\npub const NAMED_QUERIES: &[(&str, &str)] = &[\n",
    );
    for name in names {
        // The text itself, not a path: a target folder shared by several checkouts (CI's is)
        // must not point into one of them.
        let text = std::fs::read_to_string(std::path::Path::new("queries").join(&name))
            .expect("a readable query file");
        writeln!(
            code,
            "    ({:?}, {:?}),",
            name.trim_end_matches(".rq"),
            text
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("named_queries.rs");
    std::fs::write(out, code).unwrap();
}
