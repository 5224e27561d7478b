//! Charts drawn at build time as inline SVG: no chart library, no script.
//! Every chart carries its data as text too (`<title>` and `<desc>` for
//! screen readers), and uses the page's colours through CSS classes and
//! `currentColor`, so it follows light and dark themes and prints crisp.

use crate::chart::{Bar, Chart, Style};
use crate::format::group_digits;
use crate::render::escape;
use std::fmt::Write as _;

const WIDTH: u32 = 640;
/// A bar's row: its label's line, then the bar.
const ROW: u32 = 38;
/// The most characters of a label a bar chart shows: a label's line spans
/// the chart.
const LABEL_CHARS: usize = 90;

/// Shortens a label to fit the label column.
fn fit(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let cut: String = label.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A label isolated in the direction of its own first letter (Unicode's
/// first-strong isolate): an Arabic label in a left-to-right line, or an
/// English one on a right-to-left page, reads in its own order, and a cut
/// label's `…` lands at its end.
fn isolated(label: &str) -> String {
    format!("\u{2068}{}\u{2069}", escape(label))
}

/// A legend entry, `label — value`, laid out in the page's direction: on
/// a right-to-left page the label comes first from the right (the SVG's
/// own direction stays left to right, so that its anchors are physical).
fn legend(label: &str, value: &str, rtl: bool) -> String {
    let entry = format!("{} — {}", isolated(label), escape(value));
    if rtl {
        format!("\u{2067}{entry}\u{2069}")
    } else {
        entry
    }
}

/// The opening of a chart: an image whose title and description (every
/// value, as text) are what a screen reader announces. A mirrored chart
/// (for a right-to-left page) is laid out by its own coordinates, so its
/// text anchors are physical whatever the page's direction.
fn open_svg(id: &str, title: &str, height: u32, data: &[Bar], rtl: bool) -> String {
    let desc: Vec<String> = data
        .iter()
        .map(|b| format!("{}: {}", b.label, b.text.clone().unwrap_or_else(|| b.value.to_string())))
        .collect();
    format!(
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="{id}-t {id}-d"{} xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        if rtl { r#" direction="ltr""# } else { "" },
        escape(title),
        escape(&desc.join("; "))
    )
}

/// A chart as inline SVG; `rtl` mirrors it for a page read right to left
/// (labels on the right, bars growing leftwards, shares from the right).
pub fn svg(chart: &Chart, rtl: bool) -> String {
    let drawn = match chart.style {
        Style::Bars => bars(&chart.id, &chart.title, &chart.bars, rtl),
        Style::Shares => shares(&chart.id, &chart.title, &chart.bars, rtl),
    };
    drawn.unwrap_or_default()
}

/// A horizontal bar chart, each label on a line of its own above its
/// bar, so a long Action Line title is read whole rather than cut; `None`
/// when there is nothing to draw.
fn bars(id: &str, title: &str, bars: &[Bar], rtl: bool) -> Option<String> {
    let max = bars.iter().map(|b| b.value).max().filter(|m| *m > 0)?;
    let height = ROW * bars.len() as u32 + 4;
    let plot = WIDTH - 60;
    let mut svg = open_svg(id, title, height, bars, rtl);
    for (i, b) in bars.iter().enumerate() {
        let y = 4 + ROW * i as u32;
        let w =
            ((b.value as f64 / max as f64) * f64::from(plot)).round().max(if b.value > 0 { 2.0 } else { 0.0 }) as u32;
        let fill = match &b.color {
            Some(c) => format!(r#" style="fill:{}""#, escape(c)),
            None => String::new(),
        };
        let text = b.text.clone().unwrap_or_else(|| group_digits(b.value));
        // Mirrored: the label from the right edge, the bar growing leftwards.
        let (anchor, label_x, bar_x, value_x, value_anchor) = if rtl {
            ("end", WIDTH, WIDTH - w, (WIDTH - w).saturating_sub(6), r#" text-anchor="end""#)
        } else {
            ("start", 0, 0, w + 6, "")
        };
        let _ = write!(
            svg,
            r#"<text x="{label_x}" y="{}" text-anchor="{anchor}" class="chart-label">{}</text><rect x="{bar_x}" y="{}" width="{w}" height="14" class="chart-bar"{fill}/><text x="{value_x}" y="{}"{value_anchor} class="chart-value">{}</text>"#,
            y + 13,
            isolated(&fit(&b.label, LABEL_CHARS)),
            y + 18,
            y + 30,
            escape(&text)
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// One stacked bar of shares (a percent distribution), with a legend.
fn shares(id: &str, title: &str, parts: &[Bar], rtl: bool) -> Option<String> {
    let total: u64 = parts.iter().map(|p| p.value).sum();
    if total == 0 {
        return None;
    }
    const PALETTE: [&str; 6] = ["#0b5cad", "#c2410c", "#15803d", "#7e22ce", "#b45309", "#0e7490"];
    let legend_rows = parts.len() as u32;
    let height = 44 + 22 * legend_rows;
    let mut svg = open_svg(id, title, height, parts, rtl);
    let mut x = 0.0;
    for (i, p) in parts.iter().enumerate() {
        let w = p.value as f64 / total as f64 * f64::from(WIDTH);
        let color = p.color.clone().unwrap_or_else(|| PALETTE[i % PALETTE.len()].to_string());
        let bar_x = if rtl { f64::from(WIDTH) - x - w } else { x };
        let _ =
            write!(svg, r#"<rect x="{bar_x:.1}" y="4" width="{w:.1}" height="28" style="fill:{}"/>"#, escape(&color));
        let ly = 44 + 22 * i as u32;
        let text = p.text.clone().unwrap_or_else(|| group_digits(p.value));
        if rtl {
            let _ = write!(
                svg,
                r#"<rect x="{}" y="{}" width="14" height="14" style="fill:{}"/><text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>"#,
                WIDTH - 14,
                ly,
                escape(&color),
                WIDTH - 22,
                ly + 12,
                legend(&p.label, &text, true)
            );
            x += w;
            continue;
        }
        let _ = write!(
            svg,
            r#"<rect x="0" y="{}" width="14" height="14" style="fill:{}"/><text x="22" y="{}" class="chart-label">{}</text>"#,
            ly,
            escape(&color),
            ly + 12,
            legend(&p.label, &text, false)
        );
        x += w;
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: u64) -> Bar {
        Bar { label: label.into(), value, color: None, text: None }
    }

    #[test]
    fn bars_scale_to_the_largest_and_describe_their_data() {
        let svg = bars("c", "Items by year", &[bar("2020", 10), bar("2021", 5)], false).unwrap();
        assert!(svg.contains(r#"role="img""#) && svg.contains("<title id=\"c-t\">Items by year</title>"));
        assert!(svg.contains("2020: 10; 2021: 5"));
        assert!(svg.contains(r#"width="580""#) && svg.contains(r#"width="290""#), "{svg}");
        assert!(bars("c", "Nothing", &[bar("x", 0)], false).is_none());
    }

    #[test]
    fn a_chart_for_a_right_to_left_page_is_mirrored() {
        let svg = bars("c", "Items", &[bar("2020", 10)], true).unwrap();
        assert!(svg.contains(r#"direction="ltr""#), "its anchors are physical: {svg}");
        assert!(
            svg.contains(
                "<text x=\"640\" y=\"17\" text-anchor=\"end\" class=\"chart-label\">\u{2068}2020\u{2069}</text>"
            ),
            "{svg}"
        );
        assert!(svg.contains(r#"<rect x="60" y="22" width="580""#), "the bar grows leftwards from the right: {svg}");
        let shares = shares("s", "Gender", &[bar("Women", 40), bar("Men", 60)], true).unwrap();
        assert!(
            shares.contains(r#"<rect x="384.0" y="4" width="256.0""#),
            "the first share starts at the right: {shares}"
        );
    }

    #[test]
    fn labels_read_in_their_own_direction_and_legends_in_the_page_s() {
        let ar = shares("s", "Gender", &[bar("إناث", 45), bar("Men", 55)], true).unwrap();
        assert!(ar.contains("\u{2067}\u{2068}إناث\u{2069} — 45\u{2069}"), "{ar}");
        let en = shares("s", "Gender", &[bar("إناث", 45)], false).unwrap();
        assert!(en.contains(">\u{2068}إناث\u{2069} — 45</text>"), "{en}");
        let long = "تقرير ".repeat(20);
        let cut = bars("c", "Items", &[bar(&long, 3)], true).unwrap();
        assert!(cut.contains("…\u{2069}</text>"), "the ellipsis ends the isolated label: {cut}");
    }

    #[test]
    fn a_long_action_line_title_is_shown_whole() {
        let label = "C5 Building confidence and security in the use of ICTs";
        let svg = bars("c", "Items", &[bar(label, 1)], false).unwrap();
        assert!(svg.contains(&format!("\u{2068}{label}\u{2069}</text>")), "{svg}");
    }

    #[test]
    fn text_is_escaped() {
        let svg = bars("c", "A <b> & c", &[bar("<script>", 1)], false).unwrap();
        assert!(!svg.contains("<script>") && svg.contains("&lt;script&gt;"));
    }
}
