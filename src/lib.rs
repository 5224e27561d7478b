//! wsis: a static-site generator for WSIS Forum outcome documents.
//!
//! The data flows one way, one module a stage:
//! `load` (files -> text with positions) -> `validate` (typed model and
//! every diagnostic) -> `link` (references, bodies, indexes) -> `plan`
//! (every output file as data) -> `render` (templates, in parallel) ->
//! `write` (staged, then swapped in). `pipeline` drives them (`check`,
//! `prepare`, `build`, and `pipeline/site.rs` writing a site), with what a
//! run is asked and reports (`options`), why it fails (`error`), and its
//! timings (`timing`). `serve` is `incremental` over the same stages;
//! `xliff` takes translations out to translation tools and back.

pub mod chart;
pub mod data_files;
pub mod date;
pub mod diagnostics;
pub mod format;
pub mod incremental;
pub mod language;
pub mod link;
pub mod load;
pub mod locale;
pub mod markdown;
pub mod model;
pub mod pictures;
pub mod plan;
pub mod plurals;
mod progress;
pub mod render;
pub mod scaffold;
pub mod source;
pub mod translations;
pub mod urls;
pub mod validate;
pub mod vocabulary;
pub mod write;
pub mod xliff;

mod error;
mod options;
mod pipeline;
mod timing;

pub(crate) use error::staging_failed;
pub use error::{BuildError, ThemeError};
pub use options::{BuildOptions, BuildReport, Checked};
pub(crate) use pipeline::write_site_keeping;
pub use pipeline::{brief_cache_dir, build, check, picture_cache_dir, prepare, vet_output, write_site, Prepared};
pub(crate) use timing::Timer;
