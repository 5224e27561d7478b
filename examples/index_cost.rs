//! Times the search index and the largest open-data file alone on a content folder (a benchmark helper).
//! Usage: cargo run --release --example index_cost -- CONTENT_DIR
fn main() {
    let Some(content) = std::env::args().nth(1) else {
        eprintln!("usage: index_cost CONTENT_DIR");
        std::process::exit(2);
    };
    let Ok(checked) = wsis::check(std::path::Path::new(&content), false) else {
        eprintln!("the content has errors; run wsis check");
        std::process::exit(1);
    };
    let started = std::time::Instant::now();
    let Ok(strings) = wsis::load::strings::load(&wsis::load::theme::ThemeFiles::builtin(), &["en".to_string()]) else {
        eprintln!("the built-in theme has no English strings");
        std::process::exit(1);
    };
    let files = wsis::render::search::index_files(&checked.linked, &strings[0]);
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    println!("search: {} files, {} bytes, {:.0} ms", files.len(), bytes, started.elapsed().as_secs_f64() * 1000.0);
    let started = std::time::Instant::now();
    let data = wsis::render::data::render(&checked.linked, wsis::render::data::DataFile::Sessions);
    println!("data/sessions.json: {} bytes, {:.0} ms", data.len(), started.elapsed().as_secs_f64() * 1000.0);
}
