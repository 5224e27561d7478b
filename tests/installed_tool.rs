//! `wsis` as an editor or CI installs it: run in any content repository
//! with the theme built into the binary, found from a subfolder, started
//! with `init`, customised with `theme eject` or one overriding template,
//! and reporting in the formats CI services read.

mod common;

use common::*;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `wsis` in `dir` as an installed tool: no `--theme`.
fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wsis")).current_dir(dir).args(args).output().expect("wsis runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A copy of the real content in a folder with no theme beside it.
fn content_repository() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("content"), &tmp.path().join("content"));
    tmp
}

#[test]
fn builds_anywhere_with_the_built_in_theme_and_from_a_subfolder() {
    let site = content_repository();
    let out = run(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let built = read_tree(&site.path().join("output"));
    assert!(built.contains_key("index.html") && built.contains_key("assets/style.css"));
    assert!(built.contains_key("forums/2020/brief.pdf"), "the brief template and fonts are built in too");
    // The same bytes as with the project's own theme folder.
    let with_folder = wsis(site.path(), &["build", "--output", "with-folder"]);
    assert!(with_folder.status.success());
    assert!(built == read_tree(&site.path().join("with-folder")), "built-in theme differs from themes/default");

    fs::remove_dir_all(site.path().join("output")).unwrap();
    let sub = site.path().join("content/forums/2020");
    let out = run(&sub, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let root = site.path().canonicalize().unwrap();
    assert!(stderr(&out).contains(&format!("Using the site at {}", root.display())), "{}", stderr(&out));
    assert!(site.path().join("output/index.html").exists(), "the output goes to the site's root");
    assert!(run(&sub, &["check", "--no-pdf"]).status.success());
}

#[test]
fn a_site_overrides_one_template_and_keeps_the_rest() {
    let site = content_repository();
    assert!(run(site.path(), &["build", "--output", "plain"]).status.success());
    let templates = site.path().join("themes/default/templates");
    fs::create_dir_all(&templates).unwrap();
    let page = fs::read_to_string(repo().join("themes/default/templates/404.html")).unwrap();
    fs::write(
        templates.join("404.html"),
        page.replace("{% endblock main %}", "<p>Our own words.</p>{% endblock main %}"),
    )
    .unwrap();
    let out = run(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (plain, custom) = (read_tree(&site.path().join("plain")), read_tree(&site.path().join("output")));
    assert!(String::from_utf8_lossy(&custom["404.html"]).contains("Our own words."));
    let changed: Vec<&String> = custom.keys().filter(|k| plain.get(*k) != custom.get(*k)).collect();
    assert_eq!(changed, ["404.html"], "only the overridden page changes");

    // A mistake in it names the overriding file, line and column.
    fs::write(
        templates.join("404.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n{{ oops( }}\n{% endblock %}\n",
    )
    .unwrap();
    let out = run(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("themes/default/templates/404.html:3:10: the template cannot be read"), "{err}");

    // So does a name the page's data does not have (a typo a theme author
    // would otherwise ship as an empty spot), with the names it does have;
    // and nothing is written.
    fs::write(
        templates.join("404.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ page_titel }}</p>\n{% endblock %}\n",
    )
    .unwrap();
    let before = read_tree(&site.path().join("output"));
    let out = run(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("themes/default/templates/404.html:3:7: rendering 404.html: Variable `page_titel`"), "{err}");
    assert!(err.contains("page_title"), "the names it could have meant: {err}");
    assert!(read_tree(&site.path().join("output")) == before, "the last good output stays");
}

#[test]
fn a_theme_named_in_site_yaml_is_used_and_a_missing_one_is_named_at_its_line() {
    let site = content_repository();
    let config = site.path().join("content/site.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("{text}theme: house\n")).unwrap();
    let line = text.lines().count() + 1;
    let out = run(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("content/site.yaml:{line}:8: error: there is no theme folder `themes/house/`")),
        "{}",
        stderr(&out)
    );
    let assets = site.path().join("themes/house/assets");
    fs::create_dir_all(&assets).unwrap();
    fs::write(assets.join("style.css"), "body { color: #123456 }\n").unwrap();
    let out = run(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(site.path().join("output/assets/style.css")).unwrap(), "body { color: #123456 }\n");
}

#[test]
fn init_makes_a_site_that_builds_with_no_warning_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path(), &["init", "my-site"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = tmp.path().join("my-site");
    for file in ["content/site.yaml", "content/action-lines.yaml", "content/sdgs.yaml", ".gitignore"] {
        assert!(site.join(file).exists(), "{file}");
    }
    assert_eq!(
        fs::read(site.join("content/action-lines.yaml")).unwrap(),
        fs::read(repo().join("content/action-lines.yaml")).unwrap()
    );
    let build = run(&site, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(!stderr(&build).contains("warning"), "{}", stderr(&build));
    let linked = wsis::check(&site.join("content"), false).unwrap().linked;
    assert_eq!((linked.model.forums.len(), linked.model.sessions.len()), (1, 1));
    assert_eq!(linked.model.action_lines.len(), 18 + 1, "the 18 action lines, and C7 over its eight");
    assert_eq!(linked.model.sdgs.len(), 17);
    let ignore = fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(ignore.contains("/output/") && ignore.contains("/.output.cache/"));

    // Again: nothing is overwritten.
    let site_yaml = fs::read(site.join("content/site.yaml")).unwrap();
    let again = run(tmp.path(), &["init", "my-site"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exist"), "{}", stderr(&again));
    assert_eq!(fs::read(site.join("content/site.yaml")).unwrap(), site_yaml);
}

#[test]
fn an_ejected_theme_builds_the_same_bytes_as_the_built_in_one() {
    let site = content_repository();
    let out = run(site.path(), &["theme", "eject", "mine"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.path().join("mine/fonts/DroidSansFallbackFull.ttf").exists());
    assert!(run(site.path(), &["build", "--output", "built-in"]).status.success());
    assert!(run(site.path(), &["build", "--theme", "mine", "--output", "ejected"]).status.success());
    assert!(read_tree(&site.path().join("built-in")) == read_tree(&site.path().join("ejected")));
    // Ejecting again keeps the files already there.
    fs::write(site.path().join("mine/assets/style.css"), "edited").unwrap();
    assert!(run(site.path(), &["theme", "eject", "mine"]).status.success());
    assert_eq!(fs::read_to_string(site.path().join("mine/assets/style.css")).unwrap(), "edited");
}

#[test]
fn base_url_can_be_given_for_one_build() {
    let site = content_repository();
    let out = run(site.path(), &["build", "--no-pdf", "--base-url", "https://preview.example.org/branch-1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sitemap = fs::read_to_string(site.path().join("output/sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://preview.example.org/branch-1/forums/2020/index.html</loc>"), "{sitemap}");
    let wrong = run(site.path(), &["build", "--base-url", "preview.example.org"]);
    assert_eq!(wrong.status.code(), Some(2), "{}", stderr(&wrong));
}

#[test]
fn github_format_annotates_then_reports_in_full() {
    let site = fixture_site();
    copy_dir(&fixture("mistakes/many-files/content"), &site.path().join("content"));
    let out = wsis(site.path(), &["check", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let annotations = stdout(&out);
    let errors: Vec<&str> = annotations.lines().filter(|l| l.starts_with("::error file=content/")).collect();
    assert!(!errors.is_empty(), "{annotations}");
    assert!(errors.iter().all(|l| l.contains(",line=") && l.contains(",col=") && l.contains("::")), "{annotations}");
    assert!(stderr(&out).contains("error: "), "the full report follows for people");
}

/// Every `run`/`script` line and `path` of a CI file, parsed as YAML.
fn ci_commands_and_paths(file: &str) -> (Vec<String>, Vec<String>) {
    use yaml_rust2::{Yaml, YamlLoader};
    let text = fs::read_to_string(repo().join("docs/ci").join(file)).unwrap();
    let docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{file} is not YAML: {e}"));
    let (mut commands, mut paths) = (Vec::new(), Vec::new());
    fn walk(y: &Yaml, key: &str, commands: &mut Vec<String>, paths: &mut Vec<String>) {
        match y {
            Yaml::Hash(h) => {
                for (k, v) in h {
                    walk(v, k.as_str().unwrap_or(""), commands, paths);
                }
            }
            Yaml::Array(a) => a.iter().for_each(|v| walk(v, key, commands, paths)),
            Yaml::String(s) if matches!(key, "run" | "script" | "before_script") => commands.push(s.clone()),
            Yaml::String(s) if matches!(key, "path" | "paths") => paths.push(s.clone()),
            _ => {}
        }
    }
    walk(&docs[0], "", &mut commands, &mut paths);
    (commands, paths)
}

#[test]
fn the_ci_examples_install_check_build_cache_and_publish() {
    for (file, output, cache) in
        [("github-pages.yml", "output", ".output.cache"), ("gitlab-pages.yml", "public", ".public.cache/")]
    {
        let (commands, paths) = ci_commands_and_paths(file);
        let has = |what: &str| commands.iter().any(|c| c.contains(what));
        // The released binary, its checksum checked; compiling only when asked.
        assert!(has("sha256sum -c") && has("tar xzf"), "{file} downloads wsis: {commands:?}");
        assert!(has("if [ \"$WSIS_FROM_SOURCE\" = true ]; then"), "{file} compiles only when asked: {commands:?}");
        assert!(has("cargo install --locked --git"), "{file} can compile wsis: {commands:?}");
        assert!(has("wsis check --deny-warnings"), "{file} checks: {commands:?}");
        assert!(has("wsis build --deny-warnings") && has("--base-url"), "{file} builds: {commands:?}");
        assert!(has("--format sarif"), "{file} keeps a SARIF report: {commands:?}");
        assert!(paths.iter().any(|p| p == cache), "{file} keeps the brief cache: {paths:?}");
        assert!(paths.iter().any(|p| p == output), "{file} publishes {output}: {paths:?}");
        // Every wsis command in it is one this wsis accepts.
        for command in commands.iter().flat_map(|c| c.lines()).filter(|l| l.trim_start().starts_with("wsis ")) {
            let words: Vec<&str> =
                command.split_whitespace().skip(1).take_while(|w| !w.starts_with('>') && *w != "||").collect();
            let flags: Vec<&str> = words.iter().copied().filter(|w| w.starts_with("--")).collect();
            let help = run(&repo(), &[words[0], "--help"]);
            for flag in flags {
                assert!(stdout(&help).contains(flag), "{file}: `wsis {}` has no {flag}", words[0]);
            }
        }
    }
}

/// `wsis --version` names the version and, built from a repository, the
/// commit: what a bug report needs.
#[test]
fn the_version_names_the_commit_it_was_built_from() {
    let out = run(Path::new("."), &["--version"]);
    let text = stdout(&out);
    assert!(text.starts_with(&format!("wsis {}", env!("CARGO_PKG_VERSION"))), "{text}");
    let built_from_git = repo().join(".git").exists() || option_env!("WSIS_COMMIT").is_some();
    if built_from_git {
        let commit = text.split("(commit ").nth(1).and_then(|c| c.strip_suffix(")\n")).unwrap_or_default();
        assert!(commit.len() >= 7 && commit.chars().all(|c| c.is_ascii_hexdigit()), "{text}");
    }
}

/// What the release pipeline attaches is what `cargo binstall` looks for:
/// the archive names agree, and each archive has its checksum.
#[test]
fn released_archives_are_named_as_binstall_looks_for_them() {
    let workflow = fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap();
    let manifest = fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    // A tag `v0.2.0` names `wsis-v0.2.0-<target>.tar.gz` (or `.zip`).
    assert!(workflow.contains(r#"name="wsis-${{ github.ref_name }}-${{ matrix.target }}""#));
    assert!(workflow.contains(r#"tags: ["v*"]"#));
    assert!(
        manifest.contains("wsis-v{ version }-{ target }.tar.gz")
            && manifest.contains("wsis-v{ version }-{ target }.zip")
    );
    assert!(workflow.contains("sha256sum \"$file\" > \"$file.sha256\""), "each archive has its checksum");
    // The CI examples download the same names.
    for example in ["docs/ci/github-pages.yml", "docs/ci/gitlab-pages.yml"] {
        let text = fs::read_to_string(repo().join(example)).unwrap();
        assert!(text.contains(r#"name="wsis-$WSIS_VERSION-x86_64-unknown-linux-musl""#), "{example}");
        assert!(text.contains(r#"curl -fsSLO "$WSIS_RELEASES/$WSIS_VERSION/$name.tar.gz.sha256""#), "{example}");
    }
    for target in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(workflow.contains(target), "no build for {target}");
    }
}

/// A stand-in for a released `wsis` in `dir`: a program that names itself
/// as `wsis --version` does (the install steps move files; what the files
/// are is the release build's business).
fn stand_in_wsis(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join("wsis"), "#!/bin/sh\necho 'wsis 0.1.0 (commit 0123456789ab)'\n").unwrap();
    fs::set_permissions(dir.join("wsis"), fs::Permissions::from_mode(0o755)).unwrap();
}

/// A release folder as the release pipeline leaves it: `wsis` in
/// `wsis-v0.1.0-x86_64-unknown-linux-musl.tar.gz`, with its SHA-256.
fn fake_release(dir: &Path) -> std::path::PathBuf {
    let release = dir.join("releases/v0.1.0");
    let name = "wsis-v0.1.0-x86_64-unknown-linux-musl";
    stand_in_wsis(&release.join(name));
    let shell = |script: &str| {
        let out = Command::new("sh").arg("-c").arg(script).current_dir(&release).output().unwrap();
        assert!(out.status.success(), "{script}: {}", String::from_utf8_lossy(&out.stderr));
    };
    shell(&format!("tar czf {name}.tar.gz {name} && rm -r {name} && sha256sum {name}.tar.gz > {name}.tar.gz.sha256"));
    dir.join("releases")
}

/// Runs a CI example's install step as its service would (`bash -e`), in
/// `work`, with the releases at `releases` and `path` as the PATH.
fn install_step(file: &str, work: &Path, releases: &Path, path: &str) -> Output {
    let (commands, _) = ci_commands_and_paths(file);
    let script = commands.iter().find(|c| c.contains("sha256sum -c")).expect("an install step");
    Command::new("bash")
        .args(["-e", "-c", script])
        .current_dir(work)
        .env_clear()
        .env("PATH", path)
        .env("HOME", work)
        .env("CARGO_HOME", work.join(".cargo-home"))
        .env("GITHUB_PATH", work.join("github-path"))
        .env("WSIS_RELEASES", format!("file://{}", releases.display()))
        .env("WSIS_VERSION", "v0.1.0")
        .env("WSIS_FROM_SOURCE", "false")
        .output()
        .expect("bash runs")
}

/// The CI examples' install steps, run: each downloads the released
/// archive, checks its SHA-256 and installs the binary where the next
/// steps find it; a tampered archive stops the job before anything is
/// installed; in the generator's image, GitLab's jobs download nothing.
#[test]
fn the_ci_examples_install_the_released_binary_only_when_its_checksum_holds() {
    let tools = ["curl", "sha256sum", "tar", "bash"].iter().all(|t| {
        Command::new("sh").args(["-c", &format!("command -v {t}")]).output().is_ok_and(|o| o.status.success())
    });
    assert!(tools, "needs curl, sha256sum, tar and bash, as every CI service's machine has");
    let system = "/usr/local/bin:/usr/bin:/bin";
    for (file, installed) in [("github-pages.yml", ".local/bin/wsis"), ("gitlab-pages.yml", ".cargo-home/bin/wsis")] {
        let work = tempfile::tempdir().unwrap();
        let releases = fake_release(work.path());
        let out = install_step(file, work.path(), &releases, system);
        assert!(out.status.success(), "{file}: {}", String::from_utf8_lossy(&out.stderr));
        let binary = work.path().join(installed);
        let version = Command::new(&binary).arg("--version").output().expect("the installed wsis runs");
        assert!(stdout(&version).starts_with("wsis "), "{file}: {}", stdout(&version));
        if file == "github-pages.yml" {
            let path = fs::read_to_string(work.path().join("github-path")).unwrap();
            assert_eq!(path.trim(), work.path().join(".local/bin").display().to_string(), "the next steps find it");
        }

        // Another well-formed archive under the released name, as a
        // compromised mirror would serve it: the checksum stops the job.
        let work = tempfile::tempdir().unwrap();
        let releases = fake_release(work.path());
        let release = releases.join("v0.1.0");
        let name = "wsis-v0.1.0-x86_64-unknown-linux-musl";
        stand_in_wsis(&release.join(name));
        fs::write(release.join(name).join("wsis"), "#!/bin/sh\necho 'wsis from someone else'\n").unwrap();
        let swap = Command::new("sh")
            .arg("-c")
            .arg(format!("tar czf {name}.tar.gz {name} && tar tzf {name}.tar.gz >/dev/null"))
            .current_dir(&release)
            .output()
            .unwrap();
        assert!(swap.status.success());
        let out = install_step(file, work.path(), &releases, system);
        assert!(!out.status.success(), "{file} installed an archive whose checksum fails");
        assert!(String::from_utf8_lossy(&out.stdout).contains("FAILED"), "{file}: {}", stdout(&out));
        assert!(!work.path().join(installed).exists(), "{file} installed it anyway");
    }

    // GitLab's jobs in the generator's image: its wsis, nothing downloaded
    // (the releases folder does not exist).
    let work = tempfile::tempdir().unwrap();
    let image_bin = work.path().join("image-bin");
    stand_in_wsis(&image_bin);
    let path = format!("{}:{system}", image_bin.display());
    let out = install_step("gitlab-pages.yml", work.path(), &work.path().join("no-releases"), &path);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains("wsis from the job's image: wsis "), "{}", stdout(&out));
    assert!(!work.path().join(".cargo-home/bin/wsis").exists());
}
