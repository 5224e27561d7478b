//! `wsis theme eject [DIR]`: the built-in theme written out to customise.
//! A site's `themes/default/` is used by every build of that site; a file
//! left out (or deleted) falls back to the built-in one.

use crate::{ThemeAction, ThemeArgs};
use wsis::load::theme::ThemeFiles;

pub fn run(args: &ThemeArgs) -> i32 {
    let ThemeAction::Eject { dir } = &args.action;
    let dir = match dir {
        Some(dir) => dir.clone(),
        None => super::Site::find(None).root.join("themes/default"),
    };
    match ThemeFiles::eject(&dir) {
        Ok((written, kept)) => {
            for path in &kept {
                eprintln!("kept {} (it exists; not overwritten)", path.display());
            }
            println!("Wrote {} files of the built-in theme into {}", written.len(), dir.display());
            0
        }
        Err(e) => {
            eprintln!("error: cannot write the theme into {}: {e}", dir.display());
            1
        }
    }
}
