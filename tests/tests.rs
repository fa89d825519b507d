//! All integration tests, in one binary: each stage on real documents of the shared corpus,
//! and the command line end to end.

#[path = "../benches/random.rs"]
mod random;
mod util;

mod akn;
mod bad_input;
mod cli;
mod diff;
mod extraction;
mod fuzz;
mod languages;
mod network;
mod push;
mod real_texts;
mod scale_out;
mod serve;
mod store;
mod validate;
mod votes;
