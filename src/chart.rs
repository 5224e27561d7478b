//! What a chart shows, as data: its bars, their labels and values. The
//! plan decides what each page charts; `render::charts` draws it (SVG).
//! A leaf module: it uses no other stage.

use serde::{Deserialize, Serialize};

/// One bar: its label, its value and, optionally, its own colour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub value: u64,
    pub color: Option<String>,
    /// Shown instead of the bare value ("55%").
    pub text: Option<String>,
}

/// How the bars are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// Horizontal bars, scaled to the largest.
    Bars,
    /// One stacked bar of shares of a whole, with a legend.
    Shares,
}

/// A chart: an id unique on its page, a title (what a screen reader
/// announces), a style and the bars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub style: Style,
    pub bars: Vec<Bar>,
}

impl Chart {
    /// A bar chart, or `None` when no bar has a value (nothing to draw).
    pub fn bars(id: &str, title: &str, bars: Vec<Bar>) -> Option<Chart> {
        bars.iter().any(|b| b.value > 0).then(|| Chart { id: id.into(), title: title.into(), style: Style::Bars, bars })
    }

    /// A chart of shares, or `None` when the shares add up to nothing.
    pub fn shares(id: &str, title: &str, bars: Vec<Bar>) -> Option<Chart> {
        bars.iter().any(|b| b.value > 0).then(|| Chart {
            id: id.into(),
            title: title.into(),
            style: Style::Shares,
            bars,
        })
    }
}
