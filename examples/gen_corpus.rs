//! Writes a synthetic content folder for benchmarks: `FORUMS` forums with
//! `SESSIONS` High-Level Track sessions each, every session a realistic
//! 2-3 KB Markdown body with headings, lists, a table and internal links.
//! The reference data (action lines, SDGs) is copied from `content/`.
//!
//! With a fourth argument, a list of language codes (`en,fr,es,ar,zh,ru`),
//! the site declares them and every forum and session gets a translation
//! in each language after the first: the same structure, in that
//! language's words.
//!
//! Usage: cargo run --release --example gen_corpus -- OUT_DIR FORUMS SESSIONS [LANGUAGES]

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// A small deterministic generator, so every run writes the same corpus.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

const WORDS: &[&str] = &[
    "digital",
    "inclusion",
    "connectivity",
    "policy",
    "stakeholders",
    "capacity",
    "infrastructure",
    "governance",
    "innovation",
    "security",
    "trust",
    "access",
    "broadband",
    "skills",
    "development",
    "partnership",
    "regional",
    "data",
    "platforms",
    "services",
    "women",
    "youth",
    "rural",
    "communities",
    "investment",
    "regulation",
];
/// The same words in the other UN languages, for translations.
fn words_in(lang: &str) -> &'static [&'static str] {
    match lang {
        "fr" => &[
            "numérique",
            "inclusion",
            "connectivité",
            "politique",
            "parties",
            "capacités",
            "infrastructure",
            "gouvernance",
            "innovation",
            "sécurité",
            "confiance",
            "accès",
            "haut débit",
            "compétences",
            "développement",
            "partenariat",
            "régional",
            "données",
            "plateformes",
            "services",
            "femmes",
            "jeunes",
            "rural",
            "communautés",
            "investissement",
            "réglementation",
        ],
        "es" => &[
            "digital",
            "inclusión",
            "conectividad",
            "política",
            "partes",
            "capacidad",
            "infraestructura",
            "gobernanza",
            "innovación",
            "seguridad",
            "confianza",
            "acceso",
            "banda ancha",
            "competencias",
            "desarrollo",
            "alianza",
            "regional",
            "datos",
            "plataformas",
            "servicios",
            "mujeres",
            "jóvenes",
            "rural",
            "comunidades",
            "inversión",
            "regulación",
        ],
        "ar" => &[
            "الرقمي",
            "الإدماج",
            "التوصيل",
            "السياسة",
            "أصحاب المصلحة",
            "القدرات",
            "البنية التحتية",
            "الحوكمة",
            "الابتكار",
            "الأمن",
            "الثقة",
            "النفاذ",
            "النطاق العريض",
            "المهارات",
            "التنمية",
            "الشراكة",
            "الإقليمي",
            "البيانات",
            "المنصات",
            "الخدمات",
            "النساء",
            "الشباب",
            "الريفي",
            "المجتمعات",
            "الاستثمار",
            "التنظيم",
        ],
        "zh" => &[
            "数字",
            "包容",
            "连通",
            "政策",
            "利益攸关方",
            "能力",
            "基础设施",
            "治理",
            "创新",
            "安全",
            "信任",
            "接入",
            "宽带",
            "技能",
            "发展",
            "伙伴关系",
            "区域",
            "数据",
            "平台",
            "服务",
            "妇女",
            "青年",
            "农村",
            "社区",
            "投资",
            "监管",
        ],
        "ru" => &[
            "цифровой",
            "инклюзия",
            "подключение",
            "политика",
            "стороны",
            "потенциал",
            "инфраструктура",
            "управление",
            "инновации",
            "безопасность",
            "доверие",
            "доступ",
            "широкополосный",
            "навыки",
            "развитие",
            "партнерство",
            "региональный",
            "данные",
            "платформы",
            "услуги",
            "женщины",
            "молодежь",
            "сельский",
            "сообщества",
            "инвестиции",
            "регулирование",
        ],
        _ => WORDS,
    }
}

/// A translated body: the same headings and blocks, in `lang`'s words.
fn translated_body(rng: &mut Lcg, lang: &str, year: u32) -> String {
    let words = words_in(lang);
    let mut body = String::new();
    for i in 0..5 {
        let _ = writeln!(body, "## {} {}\n", rng.pick(words), i + 1);
        for _ in 0..2 {
            let line: Vec<&str> = (0..24).map(|_| rng.pick(words)).collect();
            let _ = writeln!(body, "{}\n", line.join(" "));
        }
        if i == 1 {
            for _ in 0..4 {
                let _ = writeln!(body, "- **{}** {} {}", rng.pick(words), rng.pick(words), rng.pick(words));
            }
            body.push('\n');
        }
    }
    let _ = writeln!(body, "[{}](@/forums/{year}/forum.md)", rng.pick(words));
    body
}

const ACTION_LINES: &[&str] =
    &["C1", "C2", "C3", "C4", "C5", "C6", "C7-e-health", "C7-e-learning", "C8", "C9", "C10", "C11"];
const SECTIONS: &[&str] = &["Vision", "Emerging trends", "Opportunities", "Challenges", "Recommendations"];

fn sentence(rng: &mut Lcg, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(WORDS));
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => s,
    }
}

fn session_body(rng: &mut Lcg, year: u32) -> String {
    let mut body = String::new();
    for (i, section) in SECTIONS.iter().enumerate() {
        let _ = writeln!(body, "## {section}\n");
        for _ in 0..2 {
            let _ = writeln!(body, "{} {}\n", sentence(rng, 14), sentence(rng, 10));
        }
        if i == 1 {
            for _ in 0..4 {
                let _ = writeln!(body, "- **{}** {}", rng.pick(WORDS), sentence(rng, 8));
            }
            body.push('\n');
        }
        if i == 3 {
            body.push_str("| Region | Projects | Share |\n|---|---:|---:|\n");
            for region in ["Africa", "Americas", "Arab States", "Asia-Pacific", "Europe"] {
                let _ = writeln!(body, "| {region} | {} | {}% |", rng.next() % 500, rng.next() % 100);
            }
            body.push('\n');
        }
    }
    let _ = writeln!(body, "See the [forum overview](@/forums/{year}/forum.md) for the context.");
    body
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(out), Some(forums), Some(sessions)) = (args.get(1), args.get(2), args.get(3)) else {
        return Err("usage: gen_corpus OUT_DIR FORUMS SESSIONS_PER_FORUM".into());
    };
    let forums: u32 = forums.parse()?;
    let sessions: u32 = sessions.parse()?;
    let languages: Vec<&str> = args.get(4).map_or(vec!["en"], |l| l.split(',').collect());
    let translations = &languages[1..];
    let out = Path::new(out);
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    fs::create_dir_all(out)?;
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    fs::write(
        out.join("site.yaml"),
        format!("title: Benchmark Site\nlanguages: [{}]\nbase_url: https://example.org/\n", languages.join(", ")),
    )?;
    fs::copy(repo.join("action-lines.yaml"), out.join("action-lines.yaml"))?;
    fs::copy(repo.join("sdgs.yaml"), out.join("sdgs.yaml"))?;
    let mut rng = Lcg(2025);
    for f in 0..forums {
        let year = 1900 + f;
        let dir = out.join(format!("forums/{year}/hlt"));
        fs::create_dir_all(&dir)?;
        let mut forum = format!(
            "---\nyear: {year}\nstart: {year}-01-01\nend: {year}-12-31\nvenue: Geneva, Switzerland\nformat: hybrid\n\
             key_figures:\n  - {{ label: Participants, value: {} }}\n  - {{ label: Countries, value: {}, approx: true }}\n\
             distributions:\n  - title: Gender\n    unit: percent\n    parts: [{{ label: Male, value: 55 }}, {{ label: Female, value: 45 }}]\n\
             action_lines: [C2, C5]\nsdgs: [9, 17]\n---\n",
            rng.next() % 20000,
            rng.next() % 190
        );
        forum.push_str(&session_body(&mut rng, year));
        fs::write(out.join(format!("forums/{year}/forum.md")), forum)?;
        for lang in translations {
            let title = format!("{} {year}", words_in(lang)[0]);
            let text = format!("---\ntitle: \"{title}\"\n---\n{}", translated_body(&mut rng, lang, year));
            fs::write(out.join(format!("forums/{year}/forum.{lang}.md")), text)?;
        }
        for s in 0..sessions {
            let month = 1 + (s % 12);
            let day = 1 + (s % 28);
            let a1 = rng.pick(ACTION_LINES);
            let a2 = rng.pick(ACTION_LINES);
            let text = format!(
                "---\ntitle: Session {s} on {} and {}\ndate: {year}-{month:02}-{day:02}\ntime: \"14:00-15:00 CEST\"\n\
                 facilitators: [{{ name: Facilitator {s}, organization: University {s}, stakeholder: academia }}]\n\
                 speakers:\n  - {{ name: Speaker A{s}, role: Minister, stakeholder: government }}\n  - {{ name: Speaker B{s}, stakeholder: civil-society }}\n\
                 action_lines: [{a1}, {a2}]\nsdgs: [{}, {}]\n---\n{}",
                rng.pick(WORDS),
                rng.pick(WORDS),
                1 + rng.next() % 17,
                1 + rng.next() % 17,
                session_body(&mut rng, year)
            );
            fs::write(dir.join(format!("session-{s:05}.md")), text)?;
            for lang in translations {
                let words = words_in(lang);
                let title = format!("{} {s} {} {}", rng.pick(words), rng.pick(words), rng.pick(words));
                let text = format!("---\ntitle: \"{title}\"\n---\n{}", translated_body(&mut rng, lang, year));
                fs::write(dir.join(format!("session-{s:05}.{lang}.md")), text)?;
            }
        }
    }
    println!("wrote {} forums with {} sessions each to {}", forums, sessions, out.display());
    Ok(())
}
