//! The `wsis` command line: parses arguments and dispatches to `cmd/`.

mod cmd;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "wsis", version = env!("WSIS_VERSION"), about = "Builds the WSIS Forum outcomes site from Markdown and YAML")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

/// Where the sources are. Without `--content`, the site is the current
/// folder or the nearest one above it that holds `content/site.yaml`.
#[derive(Args, Clone, Default)]
pub struct Sources {
    /// Content folder to read [default: content/ of the site].
    #[arg(long)]
    pub content: Option<PathBuf>,
    /// Theme folder laid over the built-in theme, file by file [default: the
    /// one site.yaml names, else the site's themes/default/ if any].
    #[arg(long)]
    pub theme: Option<PathBuf>,
    /// Include documents marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Skip the PDF briefs (the HTML briefs are still written).
    #[arg(long)]
    pub no_pdf: bool,
}

/// How diagnostics are printed.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// `path:line:col: error: message`, the line quoted, for people: every
    /// error, and each kind of warning a few times, then a count by code.
    #[default]
    Human,
    /// As `human`, every warning in full.
    Full,
    /// One JSON object per line, for CI annotations.
    Json,
    /// One SARIF 2.1.0 log, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...`), then the report.
    Github,
}

#[derive(Args, Clone, Default)]
pub struct BuildArgs {
    #[command(flatten)]
    pub sources: Sources,
    /// Output folder to write, replaced as a whole on success [default: output/ of the site].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Replace the output folder even if wsis did not make it (it holds files and no .wsis-output mark).
    #[arg(long)]
    pub force: bool,
    /// Fail on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// The address the site is published at, for this build only (overrides site.yaml's base_url).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

#[derive(Args, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub sources: Sources,
    /// Fail on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Report, per language, the documents without a translation or with one
    /// older than the original (by last commit in git, else by file time).
    #[arg(long)]
    pub translations: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

#[derive(Args, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    pub sources: Sources,
    /// Output folder to build into and serve [default: output/ of the site].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Replace the output folder even if wsis did not make it (it holds files and no .wsis-output mark).
    #[arg(long)]
    pub force: bool,
    /// Port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; loopback unless told otherwise.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// A host name the preview answers to besides localhost and IP addresses
    /// (requests for any other name are refused, against DNS rebinding); repeatable.
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,
}

#[derive(Args)]
pub struct NewArgs {
    #[command(subcommand)]
    pub kind: NewKind,
    /// Content folder to write into [default: content/ of the site].
    #[arg(long, global = true)]
    pub content: Option<PathBuf>,
}

#[derive(Args)]
pub struct TranslationsArgs {
    #[command(subcommand)]
    pub action: TranslationsAction,
    /// Content folder [default: content/ of the site].
    #[arg(long, global = true)]
    pub content: Option<PathBuf>,
}

/// Which documents an export holds.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportOnly {
    /// Documents without a translation in the language.
    Missing,
    /// Documents whose translation is older than the original.
    Outdated,
    /// Missing, outdated, or translated in part.
    NeedsWork,
    /// Every document.
    All,
}

/// The XLIFF version an export writes.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum XliffFormat {
    /// XLIFF 2.1 (OASIS standard).
    Xliff2,
    /// XLIFF 1.2, which many translation tools still expect.
    Xliff12,
}

#[derive(Subcommand)]
pub enum TranslationsAction {
    /// Write what is left to translate in a language as one XLIFF file.
    Export {
        /// The language to translate into (fr, zh, ...), as site.yaml lists it.
        #[arg(long)]
        language: String,
        /// The XLIFF version to write.
        #[arg(long, value_enum, default_value = "xliff2")]
        format: XliffFormat,
        /// Which documents to include.
        #[arg(long, value_enum, default_value = "needs-work")]
        only: ExportOnly,
        /// File to write [default: standard output]; never over an existing file without --force.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Replace an existing output file.
        #[arg(long)]
        force: bool,
    },
    /// Take a translated XLIFF file in: write or update each document's translation, then check the content.
    Import {
        /// The translated file.
        file: PathBuf,
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
}

#[derive(Args)]
pub struct ExplainArgs {
    /// The code, as a message names it (`unknown-key`); without one, every code.
    pub code: Option<String>,
}

#[derive(Args)]
pub struct InitArgs {
    /// Folder for the new site (created if needed) [default: the current folder].
    pub dir: Option<PathBuf>,
}

#[derive(Args)]
pub struct ThemeArgs {
    #[command(subcommand)]
    pub action: ThemeAction,
}

#[derive(Subcommand)]
pub enum ThemeAction {
    /// Write the built-in theme out to customise it (never over a file).
    Eject {
        /// Where to write it [default: themes/default/ of the site, which builds then use].
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum NewKind {
    /// A forum: content/forums/<year>/forum.md
    Forum { year: u32 },
    /// A High-Level Track session of an existing forum.
    Session {
        year: u32,
        title: String,
        /// File name to use instead of one made from the title.
        #[arg(long)]
        slug: Option<String>,
    },
    /// A UNGIS activity, dated today.
    Ungis {
        title: String,
        #[arg(long)]
        slug: Option<String>,
    },
    /// The roadmap of an action line: content/roadmaps/<id>.md
    Roadmap { action_line: String },
    /// A free page.
    Page {
        title: String,
        #[arg(long)]
        slug: Option<String>,
    },
    /// The translation of a document into a language of the site, with the
    /// original's translatable text to replace: <name>.<language>.md beside it.
    Translation {
        /// The original, as a path (content/pages/about.md) or from content/ (pages/about.md).
        file: PathBuf,
        /// A language site.yaml declares (fr, zh, ...).
        language: String,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (the default).
    Build(BuildArgs),
    /// Check the content and theme without writing anything.
    Check(CheckArgs),
    /// Build, serve on loopback, rebuild on change and reload open pages.
    Serve(ServeArgs),
    /// Create a new content file, valid as written.
    New(NewArgs),
    /// Create a new site that builds at once (never over a file).
    Init(InitArgs),
    /// Work with the built-in theme.
    Theme(ThemeArgs),
    /// Say what a diagnostic code means and how to fix it.
    Explain(ExplainArgs),
    /// Hand translations to translation tools as XLIFF, and take them back.
    Translations(TranslationsArgs),
}

/// mimalloc rather than the system allocator: a build makes millions of
/// short-lived strings and JSON values across threads, and glibc's malloc
/// and free were a sixth of its time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Transparent huge pages off for this process, so the allocator's memory
/// grows by the 4 KiB page, not the 2 MiB one. Only for runs that typeset
/// no PDF brief: there it costs no time, saves about 70 MB at 10,000
/// sessions (234 against 305 MB, medians of 8 builds) and spares the
/// kernel's compaction stalls that made build times vary by a third. typst
/// works the same memory over and over, and huge pages save it about 7% of
/// a build with briefs, whose memory is the briefs' anyway.
fn small_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: this prctl takes integers only and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// mimalloc's option `purge_delay`, as numbered in the mimalloc 3 that
/// libmimalloc-sys 0.1.49 builds (`mi_option_e` in its `mimalloc.h`; the
/// crate names no constant for it). A test checks it still is that option.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// The memory a run frees stays with the allocator for the run's own later
/// use, instead of going back to the system a second after (and faulting
/// back in when the next brief needs it). For builds that typeset PDF
/// briefs and exit when done: typst frees and reallocates a brief's memory
/// over and over, and giving it back cost a tenth of such a build (1,000
/// bench sessions, 10 briefs, 4 alternating builds: CPU 7.6-8.9 -> 7.0-7.7
/// s, peak 541-557 -> 577-603 MB). Not for `serve`, which runs on, nor for
/// runs without briefs, where it saved 2-5% of the time for up to 8% more
/// memory (six languages at 10,000 sessions: 1,560 -> 1,690 MB).
fn keep_freed_memory() {
    // SAFETY: sets one of mimalloc's options, before any other thread runs.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// Whether this run typesets PDF briefs (a build or serve without
/// `--no-pdf`).
fn typesets(command: &Option<Command>) -> bool {
    match command {
        None => true,
        Some(Command::Build(args)) => !args.sources.no_pdf,
        Some(Command::Serve(args)) => !args.sources.no_pdf,
        Some(_) => false,
    }
}

fn main() {
    let cli = Cli::parse();
    if !typesets(&cli.command) {
        small_pages();
    }
    if typesets(&cli.command) && !matches!(cli.command, Some(Command::Serve(_))) {
        keep_freed_memory();
    }
    let code = match cli.command {
        None => cmd::build::run(&BuildArgs::default()),
        Some(Command::Build(args)) => cmd::build::run(&args),
        Some(Command::Check(args)) => cmd::check::run(&args),
        Some(Command::New(args)) => cmd::new::run(&args),
        Some(Command::Serve(args)) => cmd::serve::run(&args),
        Some(Command::Init(args)) => cmd::init::run(&args),
        Some(Command::Theme(args)) => cmd::theme::run(&args),
        Some(Command::Explain(args)) => cmd::explain::run(&args),
        Some(Command::Translations(args)) => cmd::translations::run(&args),
    };
    std::process::exit(code);
}

#[cfg(test)]
mod tests {
    /// The option `keep_freed_memory` sets is the purge delay: the only
    /// option of the bundled mimalloc whose default is 1000 (ms), so a
    /// renumbered mimalloc fails here, not silently.
    #[test]
    fn the_option_set_is_mimallocs_purge_delay() {
        // SAFETY: reads one of mimalloc's options.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, 1000, "option {} is not the purge delay", super::MI_OPTION_PURGE_DELAY);
    }
}
