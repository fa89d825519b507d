//! Compiles the named queries of `queries/*.rq` into the binary, so that adding a query is
//! adding a file; and YASGUI, the query editor, when `scripts/build-deps` fetched it.

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
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out_dir.join("named_queries.rs"), code).unwrap();
    embed_yasgui(&out_dir);
}

/// Copies YASGUI's script and style next to the build (not a path into this checkout, for the
/// same reason as the queries) and turns on `cfg(yasgui)`; without them, the server's query
/// page is a plain editor.
fn embed_yasgui(out_dir: &std::path::Path) {
    println!("cargo::rustc-check-cfg=cfg(yasgui)");
    let build = std::path::Path::new("web/node_modules/@zazuko/yasgui/build");
    let files = ["yasgui.min.js", "yasgui.min.css"];
    for file in files {
        // Watched even while missing, so that a build after `scripts/build-deps` embeds it.
        println!("cargo:rerun-if-changed={}", build.join(file).display());
    }
    if files.iter().all(|f| build.join(f).is_file()) {
        for file in files {
            std::fs::copy(build.join(file), out_dir.join(file)).expect("copy YASGUI");
        }
        println!("cargo:rustc-cfg=yasgui");
    }
}
