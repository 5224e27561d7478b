//! `wsis serve`: build, serve the output on loopback, rebuild on every
//! change and reload the open pages. While the content is broken, every
//! page shows the diagnostics instead of a stale or blank page.

use crate::ServeArgs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server};
use wsis::diagnostics::Diagnostic;
use wsis::incremental::Workspace;
use wsis::BuildError;

/// What the server shows: the build's number (pages poll it to reload)
/// and, while the content is broken, the report.
struct Shared {
    version: AtomicU64,
    error: Mutex<Option<String>>,
}

const RELOAD_SCRIPT: &str = r#"<script>(function(){var v=null;function poll(){fetch("/__wsis/version",{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(v===null){v=t}else if(t!==v){location.reload()}}).catch(function(){}).then(function(){setTimeout(poll,300)})}poll()})();</script>"#;

fn describe(err: &BuildError) -> String {
    match err {
        BuildError::Content(diags) => {
            let mut text: String = diags.iter().map(Diagnostic::render).collect::<Vec<_>>().join("\n");
            text.push('\n');
            text.push_str(&wsis::diagnostics::summary_line(diags));
            text
        }
        other => format!("error: {other}"),
    }
}

fn error_page(report: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title>\
         <style>body{{font:1rem/1.5 system-ui,sans-serif;margin:2rem;background:#fff;color:#1b1f24}}\
         pre{{background:#fff4f4;border-left:4px solid #b00020;padding:1rem;overflow:auto;white-space:pre-wrap}}</style></head>\
         <body><main><h1>The content has errors</h1><p>Fix them and this page reloads by itself.</p><pre>{}</pre></main>{RELOAD_SCRIPT}</body></html>",
        wsis::render::escape(report)
    )
}

/// The file a request path names inside `root`, or `None` if it would
/// leave it: `..` (also percent-encoded), absolute paths, backslashes.
pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut out = root.to_path_buf();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        match Path::new(part).components().next() {
            Some(Component::Normal(_)) if part != "." && part != ".." => out.push(part),
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    // Symbolic links could point outside: compare real paths.
    let real = out.canonicalize().ok()?;
    let real_root = root.canonicalize().ok()?;
    real.starts_with(&real_root).then_some(real)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        "txt" | "csv" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn respond(request: Request, status: u16, kind: &str, body: Vec<u8>) {
    let mut response = Response::from_data(body).with_status_code(status);
    for (name, value) in [("Content-Type", kind), ("Cache-Control", "no-store")] {
        if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    let _ = request.respond(response);
}

fn handle(request: Request, root: &Path, shared: &Shared) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return respond(request, 405, "text/plain", b"only GET and HEAD\n".to_vec());
    }
    let url = request.url().to_string();
    if url == "/__wsis/version" {
        let v = shared.version.load(Ordering::SeqCst).to_string();
        return respond(request, 200, "text/plain", v.into_bytes());
    }
    let path = resolve(root, &url);
    // While the content is broken, every page (and every address that has
    // no file yet, as after a first build that failed) shows the report.
    let is_html = path.as_ref().is_none_or(|p| p.extension().is_some_and(|e| e == "html"));
    if is_html {
        if let Some(report) = shared.error.lock().ok().and_then(|e| e.clone()) {
            return respond(request, 500, "text/html; charset=utf-8", error_page(&report).into_bytes());
        }
    }
    let Some(path) = path else {
        return respond(request, 404, "text/plain", b"not found\n".to_vec());
    };
    match std::fs::read(&path) {
        Ok(bytes) if is_html => {
            let html = String::from_utf8_lossy(&bytes);
            let injected = match html.rfind("</body>") {
                Some(i) => format!("{}{RELOAD_SCRIPT}{}", &html[..i], &html[i..]),
                None => format!("{html}{RELOAD_SCRIPT}"),
            };
            respond(request, 200, "text/html; charset=utf-8", injected.into_bytes())
        }
        Ok(bytes) => respond(request, 200, content_type(&path), bytes),
        Err(_) => respond(request, 404, "text/plain", b"not found\n".to_vec()),
    }
}

fn report(result: &Result<wsis::incremental::Rebuilt, BuildError>, shared: &Shared) {
    match result {
        Ok(r) => {
            if let Ok(mut e) = shared.error.lock() {
                *e = None;
            }
            super::print_diagnostics(&r.warnings, crate::Format::Human);
            let what = if r.full { format!("{} pages", r.pages) } else { format!("{} files", r.pages) };
            println!("Rebuilt {what} in {} ms", r.elapsed.as_millis());
        }
        Err(e) => {
            let text = describe(e);
            eprintln!("{text}");
            if let Ok(mut slot) = shared.error.lock() {
                *slot = Some(text);
            }
        }
    }
    shared.version.fetch_add(1, Ordering::SeqCst);
}

pub fn run(args: &ServeArgs) -> i32 {
    let addr = format!("{}:{}", args.bind, args.port);
    let server = match Server::http(&addr) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            let taken = e.to_string().to_lowercase().contains("in use");
            if taken {
                eprintln!("error: port {} is already in use on {}; choose another with --port", args.port, args.bind);
            } else {
                eprintln!("error: cannot listen on {addr}: {e}");
            }
            return 1;
        }
    };
    let (_, opts) = args.sources.options(Some(args.output.as_deref()));
    let output = opts.output.clone().unwrap_or_else(|| "output".into());
    let mut workspace = Workspace::new(opts, output.clone());
    let shared = Arc::new(Shared { version: AtomicU64::new(0), error: Mutex::new(None) });
    report(&workspace.full_build(), &shared);
    if let Err(e) = std::fs::create_dir_all(&output) {
        eprintln!("error: cannot create {}: {e}", output.display());
        return 1;
    }
    let root = output.clone();
    for _ in 0..4 {
        let (server, shared, root) = (Arc::clone(&server), Arc::clone(&shared), root.clone());
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(request, &root, &shared);
            }
        });
    }
    println!("Serving {} on http://{addr}/ (Ctrl-C to stop)", output.display());
    loop {
        std::thread::sleep(Duration::from_millis(150));
        let changed = workspace.changed();
        if !changed.is_empty() {
            report(&workspace.rebuild(&changed), &shared);
        }
        // A large PDF brief re-typeset in the background after an edit.
        for done in workspace.finished_pending() {
            match done {
                Ok(path) => println!("Rewrote {path}"),
                Err(e) => eprintln!("error: {e}"),
            }
            shared.version.fetch_add(1, Ordering::SeqCst);
        }
    }
}
