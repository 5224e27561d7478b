//! `wsis serve`: build, serve the output on loopback, rebuild on every
//! change and reload the open pages. While the content is broken, every
//! page shows the diagnostics instead of a stale or blank page.

mod http;

use crate::ServeArgs;
use http::Shared;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use wsis::diagnostics::Diagnostic;
use wsis::incremental::Workspace;
use wsis::BuildError;

/// Reloads the page when a new build lands: it asks for the build number,
/// then waits on the server for a different one (no polling interval to
/// wait out); if the server is gone it asks again after a second.
const RELOAD_SCRIPT: &str = r#"<script>(function(){var v=null;function wait(){fetch("/__wsis/wait?v="+(v===null?"":v),{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}else{v=t;wait()}}).catch(function(){setTimeout(wait,1000)})}wait()})();</script>"#;

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

/// A page as served: the reload script before its `</body>`.
fn with_reload(html: &[u8]) -> String {
    let html = String::from_utf8_lossy(html);
    match html.rfind("</body>") {
        Some(i) => format!("{}{RELOAD_SCRIPT}{}", &html[..i], &html[i..]),
        None => format!("{html}{RELOAD_SCRIPT}"),
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
            let briefs = match r.typesetting {
                0 => String::new(),
                1 => "; typesetting a PDF brief in the background".to_string(),
                n => format!("; typesetting {n} PDF briefs in the background"),
            };
            match r.why_full {
                // Said, so that a slow save is explained.
                Some(why) => println!("Rebuilt {what} in {} ms (all of them: {why})", r.elapsed.as_millis()),
                None => println!("Rebuilt {what} in {} ms{briefs}", r.elapsed.as_millis()),
            }
        }
        Err(e) => {
            let text = describe(e);
            eprintln!("{text}");
            if let Ok(mut slot) = shared.error.lock() {
                *slot = Some(text);
            }
        }
    }
    // A quick rebuild told the pages as soon as the edited page was
    // written; the rest (search index, open data, briefs) follows unseen.
    if !matches!(result, Ok(r) if !r.full) {
        shared.bump();
    }
}

pub fn run(args: &ServeArgs) -> i32 {
    let addr = format!("{}:{}", args.bind, args.port);
    let listener = match std::net::TcpListener::bind(&addr) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            eprintln!("error: port {} is already in use on {}; choose another with --port", args.port, args.bind);
            return 1;
        }
        Err(e) => {
            eprintln!("error: cannot listen on {addr}: {e}");
            return 1;
        }
    };
    let (_, mut opts) = args.sources.options(Some(args.output.as_deref()));
    opts.force = args.force;
    let output = opts.output.clone().unwrap_or_else(|| "output".into());
    let mut workspace = Workspace::new(opts, output.clone());
    let shared = Arc::new(Shared::new());
    // Watching starts before the first build, so a file saved while it
    // runs is rebuilt after it.
    let notifications = Notifications::start(&workspace.sources());
    let first = workspace.full_build();
    if let Err(e @ BuildError::Folders(_)) = &first {
        eprintln!("error: {e}");
        return 1;
    }
    report(&first, &shared);
    let told = Arc::clone(&shared);
    workspace.on_page_written(Box::new(move || told.bump()));
    if let Err(e) = std::fs::create_dir_all(&output) {
        eprintln!("error: cannot create {}: {e}", output.display());
        return 1;
    }
    if let Err(e) = http::start(listener, output.clone(), args.allow_host.clone(), Arc::clone(&shared)) {
        eprintln!("error: cannot serve on {addr}: {e}");
        return 1;
    }
    println!("Serving {} on http://{addr}/ (Ctrl-C to stop)", output.display());
    if !is_loopback(&args.bind) {
        println!(
            "warning: listening on {}, so the preview is open to every machine that can reach this one on port {}: \
             anyone there can read the site, drafts included. Use --bind 127.0.0.1 to keep it to this machine.",
            args.bind, args.port
        );
    }
    if notifications.is_none() {
        println!("File-system notifications are not available here: looking for changes every 150 ms");
    }
    // The last error of a brief typeset in the background: the briefs an
    // edit of their layout has typeset again fail alike, said once.
    let mut said: Option<String> = None;
    loop {
        let changed = match &notifications {
            // A brief typeset in the background is looked for as often as
            // polling would.
            Some(n) => match n.next(if workspace.has_pending() { POLL } else { IDLE }) {
                Some(paths) => workspace.changed_among(&paths).unwrap_or_else(|| workspace.changed()),
                None => Vec::new(),
            },
            None => {
                std::thread::sleep(POLL);
                workspace.changed()
            }
        };
        if !changed.is_empty() {
            said = None;
            report(&workspace.rebuild(&changed), &shared);
        }
        // A large PDF brief re-typeset in the background after an edit.
        for done in workspace.finished_pending() {
            match done {
                Ok(path) => println!("Rewrote {path}"),
                Err(e) if said.as_ref() == Some(&e) => {}
                Err(e) => {
                    eprintln!("error: {e}");
                    said = Some(e);
                }
            }
            shared.bump();
        }
    }
}

/// Whether `bind` keeps the server to this machine.
fn is_loopback(bind: &str) -> bool {
    let bare = bind.trim_start_matches('[').trim_end_matches(']');
    bare == "localhost" || bare.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// How often the sources are walked when the system gives no
/// notifications.
const POLL: Duration = Duration::from_millis(150);

/// How long serve waits for a notification before looking at the briefs
/// being typeset in the background (when none is, it just waits again).
const IDLE: Duration = Duration::from_millis(500);

/// Saves come as bursts of events (a temporary file, a rename, a change of
/// times): once one arrives, what follows within this long joins it.
const SETTLE: Duration = Duration::from_millis(8);

/// The file-system notifications of the sources' folders (inotify,
/// FSEvents, ReadDirectoryChangesW through the `notify` crate): an edit is
/// seen as it is saved, with no walk of the whole site.
struct Notifications {
    _watcher: notify::RecommendedWatcher,
    events: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    /// Each folder as the build names it, and as the notifications name it.
    folders: Vec<(PathBuf, PathBuf)>,
}

impl Notifications {
    /// Watches `folders`; `None` if the system cannot (then serve polls).
    fn start(folders: &[PathBuf]) -> Option<Notifications> {
        use notify::Watcher;
        let (tx, events) = std::sync::mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx).ok()?;
        let here = std::env::current_dir().ok()?;
        let mut named = Vec::new();
        for folder in folders {
            watcher.watch(folder, notify::RecursiveMode::Recursive).ok()?;
            let absolute = if folder.is_absolute() { folder.clone() } else { here.join(folder) };
            named.push((folder.clone(), absolute));
        }
        Some(Notifications { _watcher: watcher, events, folders: named })
    }

    /// The paths of the next burst of events, named as the build names
    /// them; `None` when nothing happened for a while.
    fn next(&self, wait: Duration) -> Option<Vec<PathBuf>> {
        let first = self.events.recv_timeout(wait).ok()?;
        let mut paths = Vec::new();
        let mut take = |event: notify::Result<notify::Event>| {
            if let Ok(event) = event {
                if !matches!(event.kind, notify::EventKind::Access(_)) {
                    paths.extend(event.paths.into_iter().map(|p| self.as_built(p)));
                }
            }
        };
        take(first);
        while let Ok(more) = self.events.recv_timeout(SETTLE) {
            take(more);
        }
        Some(paths)
    }

    fn as_built(&self, path: PathBuf) -> PathBuf {
        for (built, absolute) in &self.folders {
            if let Ok(rest) = path.strip_prefix(absolute) {
                return built.join(rest);
            }
        }
        path
    }
}
