//! `wsis serve` against slow, greedy and hostile clients, over real
//! connections to a running server: none of them stops the preview for
//! the editor, and another site's page cannot read it.

mod common;

use common::served::*;
use common::*;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A GET that must be answered within `within`: its status.
fn answered_within(port: u16, path: &str, within: Duration) -> u16 {
    let started = Instant::now();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(within)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).unwrap_or_else(|e| panic!("{path} was not answered within {within:?}: {e}"));
    assert!(started.elapsed() < within);
    String::from_utf8_lossy(&head[9..12]).parse().unwrap()
}

/// The threads of a running process (Linux), or `None` elsewhere.
fn threads(pid: u32) -> Option<usize> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("Threads:")).and_then(|n| n.trim().parse().ok())
}

#[test]
fn clients_that_never_read_a_large_file_do_not_stall_anyone_else() {
    let site = fixture_site();
    fs::write(site.path().join("content/static/large.bin"), vec![7u8; 30 * 1024 * 1024]).unwrap();
    let served = serve(site.path());
    let mut greedy = Vec::new();
    for _ in 0..8 {
        let mut s = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
        write!(s, "GET /static/large.bin HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        greedy.push(s);
    }
    std::thread::sleep(Duration::from_millis(500));
    for path in ["/", "/forums/2020/index.html", "/__wsis/version", "/assets/style.css"] {
        assert_eq!(answered_within(served.port, path, Duration::from_secs(3)), 200, "{path}");
    }
    // And the file itself reaches a client that reads, whole.
    let mut s = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    write!(s, "GET /static/large.bin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut all = Vec::new();
    s.read_to_end(&mut all).unwrap();
    assert!(all.ends_with(&[7u8; 1024]) && all.len() > 30 * 1024 * 1024);
    drop(greedy);
}

#[test]
fn idle_connections_take_no_thread_each_and_are_closed_after_the_header_time() {
    let site = fixture_site();
    let served = serve(site.path());
    let before = threads(served.child.id());
    let idle: Vec<TcpStream> = (0..200).map(|_| TcpStream::connect(("127.0.0.1", served.port)).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(answered_within(served.port, "/", Duration::from_secs(3)), 200);
    if let (Some(before), Some(during)) = (before, threads(served.child.id())) {
        assert!(during < before + 10, "200 idle connections took threads: {before} -> {during}");
    }
    // A connection that sends nothing is closed once its headers are late.
    let mut one = idle.into_iter().next().unwrap();
    one.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 1];
    let read = one.read(&mut buf);
    assert!(matches!(read, Ok(0)) || read.is_err(), "{read:?}");
    assert!(started.elapsed() < Duration::from_secs(15), "closed after {:?}", started.elapsed());
}

#[test]
fn an_oversized_request_is_refused_and_the_server_goes_on() {
    let site = fixture_site();
    let served = serve(site.path());
    for request in [
        format!("GET /{} HTTP/1.1\r\nHost: localhost\r\n\r\n", "a".repeat(1024 * 1024)),
        format!("GET / HTTP/1.1\r\nHost: localhost\r\n{}\r\n", "X-Padding: yes\r\n".repeat(100_000)),
    ] {
        let mut s = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        // The server may close before all is sent: that is the refusal.
        let _ = s.write_all(request.as_bytes());
        let mut answer = String::new();
        let _ = s.read_to_string(&mut answer);
        assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 4"), "{}", &answer[..answer.len().min(200)]);
    }
    assert_eq!(answered_within(served.port, "/", Duration::from_secs(3)), 200);
}

#[test]
fn requests_for_another_host_are_refused_with_the_reason() {
    let site = fixture_site();
    let served = serve_with(site.path(), &["--allow-host", "preview.lan"]);
    let ask = |host: &str| {
        let mut s = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
        write!(s, "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut answer = String::new();
        s.read_to_string(&mut answer).unwrap();
        answer
    };
    let evil = ask("evil.com");
    assert!(evil.starts_with("HTTP/1.1 403"), "{evil}");
    assert!(evil.contains("not for `evil.com`") && evil.contains("--allow-host evil.com"), "{evil}");
    assert!(!evil.contains("Fixture Forum Site"));
    assert!(ask(&format!("evil.com:{}", served.port)).starts_with("HTTP/1.1 403"));
    for host in [format!("localhost:{}", served.port), format!("127.0.0.1:{}", served.port), "preview.lan".into()] {
        let answer = ask(&host);
        assert!(answer.starts_with("HTTP/1.1 200") && answer.contains("Fixture Forum Site"), "{host}: {answer}");
    }
}

#[test]
fn listening_beyond_this_machine_says_so() {
    let site = fixture_site();
    let port = free_port().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wsis"))
        .current_dir(site.path())
        .args(["serve", "--bind", "0.0.0.0", "--port", &port, "--theme"])
        .arg(repo().join("themes/default"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut said = String::new();
    let mut serving = false;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        said.push_str(&line);
        said.push('\n');
        if serving {
            break;
        }
        serving = line.starts_with("Serving");
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(said.contains("open to every machine that can reach this one"), "{said}");
}
