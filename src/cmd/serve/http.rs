//! `wsis serve`'s HTTP side, on hyper and tokio: the output folder's files
//! (the pages with the reload script added), the build number pages wait
//! on, and the report while the content is broken. No client can stall
//! or exhaust it: each connection is a task, not a thread, and at most
//! `MAX_CONNECTIONS` are open; headers must arrive within
//! `HEADERS_WITHIN` and fit in `MAX_HEADERS`; a connection lasts at most
//! `CONNECTION_AT_MOST`; files are streamed a chunk at a time, so a client
//! that never reads holds one chunk, not the file. Requests naming another
//! host than this machine are refused, so a web page cannot read the
//! preview through DNS rebinding.

use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full};
use hyper::body::{Frame, Incoming};
use hyper::header::{HeaderValue, CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use hyper::{Method, Request, Response, StatusCode};
use std::convert::Infallible;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::{watch, Semaphore};

/// How many connections are served at once; more wait to be accepted.
pub const MAX_CONNECTIONS: usize = 256;
/// How long a client has to send a request's headers.
pub const HEADERS_WITHIN: Duration = Duration::from_secs(10);
/// The most a request's line and headers may hold, in bytes.
pub const MAX_HEADERS: usize = 64 * 1024;
/// How long one connection may stay open, whatever it does.
pub const CONNECTION_AT_MOST: Duration = Duration::from_secs(120);
/// How long a page's wait for a new build is held before it is answered
/// (the page then asks again).
pub const WAIT_AT_MOST: Duration = Duration::from_secs(20);
/// How much of a file is read and sent at a time.
const CHUNK: usize = 64 * 1024;

/// What the server shows: the build's number (pages wait on it to
/// reload) and, while the content is broken, the report.
pub struct Shared {
    version: watch::Sender<u64>,
    pub error: Mutex<Option<String>>,
}

impl Shared {
    pub fn new() -> Shared {
        Shared { version: watch::Sender::new(0), error: Mutex::new(None) }
    }

    /// A new build is out: every waiting page hears it now.
    pub fn bump(&self) {
        self.version.send_modify(|v| *v += 1);
    }

    fn version(&self) -> u64 {
        *self.version.borrow()
    }
}

/// What the server needs to answer.
struct Site {
    root: PathBuf,
    /// Host names answered besides loopback names and IP addresses.
    hosts: Vec<String>,
    shared: Arc<Shared>,
}

/// Serves `root` on `listener` from a thread of its own, for as long as
/// the process runs.
pub fn start(
    listener: std::net::TcpListener,
    root: PathBuf,
    hosts: Vec<String>,
    shared: Arc<Shared>,
) -> io::Result<()> {
    listener.set_nonblocking(true)?;
    // One thread answers every connection; files are read on a few more.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .max_blocking_threads(8)
        .thread_name("wsis-serve")
        .enable_all()
        .build()?;
    let site = Arc::new(Site { root, hosts, shared });
    std::thread::Builder::new().name("wsis-http".into()).spawn(move || {
        runtime.block_on(async move {
            let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
            let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
            loop {
                let Ok(slot) = Arc::clone(&slots).acquire_owned().await else { return };
                let Ok((stream, _)) = listener.accept().await else { continue };
                let site = Arc::clone(&site);
                tokio::spawn(async move {
                    let mut http = hyper::server::conn::http1::Builder::new();
                    http.timer(hyper_util::rt::TokioTimer::new())
                        .header_read_timeout(HEADERS_WITHIN)
                        .max_buf_size(MAX_HEADERS);
                    let service = hyper::service::service_fn(move |request| {
                        let site = Arc::clone(&site);
                        async move { Ok::<_, Infallible>(answer(request, &site).await) }
                    });
                    let connection = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
                    let _ = tokio::time::timeout(CONNECTION_AT_MOST, connection).await;
                    drop(slot);
                });
            }
        });
    })?;
    Ok(())
}

type Body = BoxBody<Bytes, io::Error>;

fn whole(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into()).map_err(|never: Infallible| match never {}).boxed()
}

fn respond(status: u16, kind: &'static str, body: Body) -> Response<Body> {
    let mut response = Response::new(body);
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn text(status: u16, body: impl Into<Bytes>) -> Response<Body> {
    respond(status, "text/plain; charset=utf-8", whole(body))
}

/// Whether a request naming `host` (its `Host` header) is one for this
/// preview: an IP address (a web page cannot make a browser send one for
/// another site), a loopback name, or a name the user allowed.
pub fn host_allowed(host: &str, allowed: &[String]) -> bool {
    let name = if let Some(v6) = host.strip_prefix('[') {
        return v6.split_once(']').is_some_and(|(ip, _)| ip.parse::<std::net::Ipv6Addr>().is_ok());
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.parse::<std::net::Ipv4Addr>().is_ok()
        || name == "localhost"
        || name.ends_with(".localhost")
        || allowed.iter().any(|a| a.eq_ignore_ascii_case(&name))
}

async fn answer(request: Request<Incoming>, site: &Site) -> Response<Body> {
    if let Some(host) = request.headers().get(HOST) {
        let host = host.to_str().unwrap_or("");
        if !host_allowed(host, &site.hosts) {
            return text(
                403,
                format!(
                    "wsis serve answers requests for this machine (localhost, its IP addresses), not for `{host}`: \
                     a page of another site could otherwise read the preview. If you reach it by this name, \
                     start it with --allow-host {}\n",
                    host.rsplit_once(':').map_or(host, |(name, _)| name)
                ),
            );
        }
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return text(405, "only GET and HEAD\n");
    }
    let url = request.uri().path_and_query().map_or("/", |p| p.as_str()).to_string();
    let shared = &site.shared;
    if url == "/__wsis/version" {
        return text(200, shared.version().to_string());
    }
    if let Some(seen) = url.strip_prefix("/__wsis/wait?v=") {
        let mut builds = shared.version.subscribe();
        if seen == builds.borrow_and_update().to_string() {
            let _ = tokio::time::timeout(WAIT_AT_MOST, builds.changed()).await;
        }
        return text(200, shared.version().to_string());
    }
    let path = super::resolve(&site.root, &url);
    // While the content is broken, every page (and every address that has
    // no file yet, as after a first build that failed) shows the report.
    let is_html = path.as_ref().is_none_or(|p| p.extension().is_some_and(|e| e == "html"));
    if is_html {
        if let Some(report) = shared.error.lock().ok().and_then(|e| e.clone()) {
            return respond(500, "text/html; charset=utf-8", whole(super::error_page(&report)));
        }
    }
    let Some(path) = path else {
        return text(404, "not found\n");
    };
    if is_html {
        return match tokio::fs::read(&path).await {
            Ok(bytes) => respond(200, "text/html; charset=utf-8", whole(super::with_reload(&bytes))),
            Err(_) => text(404, "not found\n"),
        };
    }
    match tokio::fs::File::open(&path).await {
        Ok(file) => {
            let length = file.metadata().await.map(|m| m.len()).ok();
            let body = FileBody { file, buffer: vec![0; CHUNK].into_boxed_slice() };
            let mut response = respond(200, content_type(&path), body.boxed());
            if let Some(length) = length {
                response.headers_mut().insert(CONTENT_LENGTH, HeaderValue::from(length));
            }
            response
        }
        Err(_) => text(404, "not found\n"),
    }
}

/// A file sent a chunk at a time, each read when the client has taken
/// the one before.
struct FileBody {
    file: tokio::fs::File,
    buffer: Box<[u8]>,
}

impl hyper::body::Body for FileBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let this = self.get_mut();
        let mut read = ReadBuf::new(&mut this.buffer);
        match Pin::new(&mut this.file).poll_read(cx, &mut read) {
            Poll::Ready(Ok(())) if read.filled().is_empty() => Poll::Ready(None),
            Poll::Ready(Ok(())) => Poll::Ready(Some(Ok(Frame::data(Bytes::copy_from_slice(read.filled()))))),
            Poll::Ready(Err(e)) => Poll::Ready(Some(Err(e))),
            Poll::Pending => Poll::Pending,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::host_allowed;

    #[test]
    fn only_this_machine_s_names_and_allowed_ones_are_answered() {
        let allowed = vec!["preview.lan".to_string()];
        for host in ["localhost", "localhost:1111", "127.0.0.1:1111", "[::1]:1111", "192.168.1.20", "wsis.localhost"] {
            assert!(host_allowed(host, &allowed), "{host}");
        }
        assert!(host_allowed("Preview.LAN:8080", &allowed));
        for host in ["evil.com", "evil.com:1111", "localhost.evil.com", "127.0.0.1.evil.com", "[evil]", ""] {
            assert!(!host_allowed(host, &allowed), "{host}");
        }
    }
}
