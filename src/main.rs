//! The `wsis` command line: parses arguments and dispatches to `cmd/`.

mod cmd;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use wsis::BuildOptions;

#[derive(Parser)]
#[command(name = "wsis", version, about = "Builds the WSIS Forum outcomes site from Markdown and YAML")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Content folder to read.
    #[arg(long, global = true, default_value = "content")]
    content: PathBuf,
    /// Output folder to write (replaced as a whole on success).
    #[arg(long, global = true, default_value = "output")]
    output: PathBuf,
    /// Theme folder (templates/ and assets/).
    #[arg(long, global = true, default_value = "themes/default")]
    theme: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (the default).
    Build,
    /// Check the content and theme without writing anything.
    Check,
}

fn main() {
    let cli = Cli::parse();
    let opts = BuildOptions { content: cli.content, theme: cli.theme, output: Some(cli.output) };
    let code = match cli.command.unwrap_or(Command::Build) {
        Command::Build => cmd::build::run(opts),
        Command::Check => cmd::check::run(opts),
    };
    std::process::exit(code);
}
