//! The `wsis` command line: parses arguments and dispatches to `cmd/`.

mod cmd;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "wsis", version, about = "Builds the WSIS Forum outcomes site from Markdown and YAML")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

/// Where the sources are.
#[derive(Args, Clone)]
pub struct Sources {
    /// Content folder to read.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Theme folder (templates/ and assets/).
    #[arg(long, default_value = "themes/default")]
    pub theme: PathBuf,
    /// Include documents marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Skip the PDF briefs (the HTML briefs are still written).
    #[arg(long)]
    pub no_pdf: bool,
}

/// How diagnostics are printed.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `path:line:col: error: message`, the line quoted, for people.
    Human,
    /// One JSON object per line, for CI annotations.
    Json,
}

#[derive(Args, Clone)]
pub struct BuildArgs {
    #[command(flatten)]
    pub sources: Sources,
    /// Output folder to write (replaced as a whole on success).
    #[arg(long, default_value = "output")]
    pub output: PathBuf,
    /// Fail on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Args, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub sources: Sources,
    /// Fail on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

#[derive(Args, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    pub sources: Sources,
    /// Output folder to build into and serve.
    #[arg(long, default_value = "output")]
    pub output: PathBuf,
    /// Port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; loopback unless told otherwise.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
}

#[derive(Args)]
pub struct NewArgs {
    #[command(subcommand)]
    pub kind: NewKind,
    /// Content folder to write into.
    #[arg(long, default_value = "content", global = true)]
    pub content: PathBuf,
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
}

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        None => cmd::build::run(&BuildArgs {
            sources: Sources {
                content: "content".into(),
                theme: "themes/default".into(),
                drafts: false,
                no_pdf: false,
            },
            output: "output".into(),
            deny_warnings: false,
        }),
        Some(Command::Build(args)) => cmd::build::run(&args),
        Some(Command::Check(args)) => cmd::check::run(&args),
        Some(Command::New(args)) => cmd::new::run(&args),
        Some(Command::Serve(args)) => cmd::serve::run(&args),
    };
    std::process::exit(code);
}
