//! unkg turns United Nations resolutions into a knowledge graph.
//!
//! The pipeline, one module a stage: [`input`] (files of any format → text) → [`text`]
//! (normalised text, spans) → [`extract`] (segmentation, metadata, citations, entities, with
//! the language knowledge of [`lang`]) → [`record`] (the extraction record) → [`rdf`] (RDF
//! quads) → [`store`] (Oxigraph) → queries and exports. [`eval`] scores extraction against
//! hand-made gold files. [`symbol`] is the UN symbol grammar that every stage shares.

pub mod agreement;
pub mod annotate;
pub mod audit;
pub mod diff;
pub mod eval;
pub mod export;
pub mod extract;
pub mod input;
pub mod lang;
pub mod network;
pub mod push;
pub mod rdf;
pub mod record;
pub mod serve;
pub mod store;
pub mod symbol;
pub mod text;
pub mod validate;
pub mod votes;
