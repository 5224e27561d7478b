//! Validate: turn loaded files into the typed model, reporting every field
//! that breaks a rule of CONTENT-MODEL.md. Files are validated in parallel;
//! each file's diagnostics stay together and are sorted at the end.
//!
//! Rules that need more than one file (references, dates within a forum)
//! belong to `link`, not here.

pub mod documents;
pub mod fields;
pub mod forum;
pub mod reference;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter;
use crate::load::yaml::{self, Node};
use crate::load::{DocKind, Loaded};
use crate::model::{Body, Model};
use crate::source::{SourceFile, Span};
use fields::Reader;
use rayon::prelude::*;

enum Entity {
    Forum(crate::model::Forum),
    Session(crate::model::Session),
    Ungis(crate::model::Ungis),
    Roadmap(crate::model::Roadmap),
    Page(crate::model::Page),
}

/// Parses a whole `.yaml` file into a node, reporting syntax errors.
fn parse_yaml_file(r: &mut Reader) -> Option<Node> {
    match yaml::parse(&r.file.text, 1) {
        Ok(node) => Some(node),
        Err(e) => {
            r.error(e.span, "yaml-syntax", e.message);
            None
        }
    }
}

/// Splits a Markdown document and parses its front matter.
fn parse_doc(r: &mut Reader) -> Option<(Node, Body)> {
    let split = match frontmatter::split(&r.file.text) {
        Ok(s) => s,
        Err(e) => {
            r.error(Span::new(e.line, 1, 3), "front-matter", e.message).help = Some(e.help.into());
            return None;
        }
    };
    let node = match yaml::parse(split.yaml, split.yaml_line) {
        Ok(node) => node,
        Err(e) => {
            r.error(e.span, "yaml-syntax", e.message);
            return None;
        }
    };
    let body = Body { markdown: split.body.to_string(), offset: split.body_offset, html: String::new() };
    Some((node, body))
}

fn validate_doc(kind: &DocKind, file: &SourceFile, index: usize) -> (Option<Entity>, Vec<Diagnostic>) {
    let mut r = Reader::new(file);
    let entity = parse_doc(&mut r).and_then(|(node, body)| match kind {
        DocKind::Forum { year } => forum::forum(&mut r, &node, *year, body, index).map(Entity::Forum),
        DocKind::Session { year, slug } => {
            documents::session(&mut r, &node, *year, slug, body, index).map(Entity::Session)
        }
        DocKind::Ungis { slug } => documents::ungis(&mut r, &node, slug, body, index).map(Entity::Ungis),
        DocKind::Roadmap { slug } => documents::roadmap(&mut r, &node, slug, body, index).map(Entity::Roadmap),
        DocKind::Page { slug } => documents::page(&mut r, &node, slug, body, index).map(Entity::Page),
    });
    (entity, r.diags)
}

/// Builds the model from what was loaded.
pub fn validate(loaded: Loaded, diags: &mut Diagnostics) -> Model {
    let mut model = Model { statics: loaded.statics, ..Model::default() };

    if let Some(file) = &loaded.site {
        let mut r = Reader::new(file);
        model.site = reference::site(&mut r);
        diags.extend(r.diags);
    }
    if let Some(file) = &loaded.action_lines {
        let mut r = Reader::new(file);
        (model.action_lines, model.declared_action_lines) = reference::action_lines(&mut r);
        diags.extend(r.diags);
    }
    if let Some(file) = &loaded.sdgs {
        let mut r = Reader::new(file);
        (model.sdgs, model.declared_sdgs) = reference::sdgs(&mut r);
        diags.extend(r.diags);
    }

    let results: Vec<(Option<Entity>, Vec<Diagnostic>)> =
        loaded.docs.par_iter().enumerate().map(|(i, doc)| validate_doc(&doc.kind, &doc.source, i)).collect();
    for (entity, ds) in results {
        diags.extend(ds);
        match entity {
            Some(Entity::Forum(x)) => model.forums.push(x),
            Some(Entity::Session(x)) => model.sessions.push(x),
            Some(Entity::Ungis(x)) => model.ungis.push(x),
            Some(Entity::Roadmap(x)) => model.roadmaps.push(x),
            Some(Entity::Page(x)) => model.pages.push(x),
            None => {}
        }
    }
    model.files = loaded.docs.into_iter().map(|d| d.source).collect();
    model.forums.sort_by_key(|f| f.year);
    model
        .sessions
        .sort_by(|a, b| (a.year, a.date.value, &a.title, &a.slug).cmp(&(b.year, b.date.value, &b.title, &b.slug)));
    model.ungis.sort_by(|a, b| (a.date, &a.slug).cmp(&(b.date, &b.slug)));
    model.roadmaps.sort_by(|a, b| (&a.action_line.value, &a.slug).cmp(&(&b.action_line.value, &b.slug)));
    model.pages.sort_by(|a, b| (a.weight.unwrap_or(u64::MAX), &a.title).cmp(&(b.weight.unwrap_or(u64::MAX), &b.title)));
    model
}
