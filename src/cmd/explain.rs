//! `wsis explain [CODE]`: what a diagnostic code means, why it matters and
//! how to fix it (the text of its SARIF rule); without a code, every code
//! with its one-line summary.

use crate::ExplainArgs;
use std::io::Write as _;
use strsim::levenshtein;
use wsis::diagnostics::Code;

pub fn run(args: &ExplainArgs) -> i32 {
    let mut out = std::io::stdout().lock();
    let Some(name) = args.code.as_deref() else {
        let width = Code::ALL.iter().map(|c| c.name().len()).max().unwrap_or(0);
        for code in Code::ALL {
            // A reader that stops reading (`| head`) is no error.
            if writeln!(out, "{:width$}  {}", code.name(), code.summary()).is_err() {
                break;
            }
        }
        return 0;
    };
    match Code::from_name(name.trim()) {
        Some(code) => {
            let _ = writeln!(out, "{code}: {}\n\n{}", code.summary(), code.fix());
            0
        }
        None => {
            let nearest = Code::ALL.iter().map(|c| c.name()).min_by_key(|c| levenshtein(c, name));
            eprintln!("error: there is no code `{name}`");
            match nearest.filter(|n| levenshtein(n, name) <= 3) {
                Some(nearest) => eprintln!("help: did you mean `{nearest}`? `wsis explain` lists every code"),
                None => eprintln!("help: `wsis explain` lists every code"),
            }
            2
        }
    }
}
