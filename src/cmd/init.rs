//! `wsis init [DIR]`: a new site that builds at once, never written over
//! an existing file.

use crate::InitArgs;
use std::path::PathBuf;
use wsis::date::Date;

pub fn run(args: &InitArgs) -> i32 {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let files = wsis::scaffold::new_site(Date::today().year);
    let existing: Vec<String> = files
        .iter()
        .filter(|(rel, _)| dir.join(rel).exists())
        .map(|(rel, _)| dir.join(rel).display().to_string())
        .collect();
    if !existing.is_empty() {
        eprintln!("error: these files already exist, so nothing was written:\n  {}", existing.join("\n  "));
        return 1;
    }
    for (rel, text) in &files {
        if let Err(e) = super::new::write_new(&dir.join(rel), text) {
            eprintln!("error: {e}");
            return 1;
        }
    }
    let shown = dir.display();
    match &args.dir {
        Some(_) => println!("Created a new site in {shown}. Next:"),
        None => println!("Created a new site in this folder. Next:"),
    }
    if args.dir.is_some() {
        println!("  cd {shown}");
    }
    println!("  wsis serve      # preview at http://127.0.0.1:1111/, rebuilt as you save");
    println!("  wsis new session <year> \"Title\"   # add a session (also: forum, ungis, roadmap, page)");
    println!("  wsis build      # the site into output/");
    0
}
