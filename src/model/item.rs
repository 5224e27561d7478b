//! A document's identity in the model: which one it is (`Item`, its kind
//! and position), and what every stage asks of any document whatever its
//! kind: its source file, its place in the tree (`DocKind`), its body, its
//! page, its open-data file, and putting a new version of it in place.
//! A new kind of document is a new arm here, not a new table in each stage.

use super::{Body, Model};
use crate::data_files::DataFile;
use crate::load::DocKind;
use crate::validate::Entity;

/// One document of the model, by kind and position in its kind's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    Forum(usize),
    Session(usize),
    Ungis(usize),
    Roadmap(usize),
    Page(usize),
}

impl Item {
    /// The open-data file that lists documents of this kind.
    pub fn data_file(self) -> DataFile {
        match self {
            Item::Forum(_) => DataFile::Forums,
            Item::Session(_) => DataFile::Sessions,
            Item::Ungis(_) => DataFile::Ungis,
            Item::Roadmap(_) => DataFile::Roadmaps,
            Item::Page(_) => DataFile::Pages,
        }
    }
}

impl Model {
    /// Every document, forums first, in the order of the model's lists.
    pub fn items(&self) -> impl Iterator<Item = Item> + '_ {
        (0..self.forums.len())
            .map(Item::Forum)
            .chain((0..self.sessions.len()).map(Item::Session))
            .chain((0..self.ungis.len()).map(Item::Ungis))
            .chain((0..self.roadmaps.len()).map(Item::Roadmap))
            .chain((0..self.pages.len()).map(Item::Page))
    }

    /// The index in `files` of the document's source.
    pub fn file_of(&self, item: Item) -> usize {
        match item {
            Item::Forum(i) => self.forums[i].file,
            Item::Session(i) => self.sessions[i].file,
            Item::Ungis(i) => self.ungis[i].file,
            Item::Roadmap(i) => self.roadmaps[i].file,
            Item::Page(i) => self.pages[i].file,
        }
    }

    /// What the document is, from its place in the tree: the key its
    /// translations name.
    pub fn doc_kind(&self, item: Item) -> DocKind {
        match item {
            Item::Forum(i) => DocKind::Forum { year: self.forums[i].year },
            Item::Session(i) => DocKind::Session { year: self.sessions[i].year, slug: self.sessions[i].slug.clone() },
            Item::Ungis(i) => DocKind::Ungis { slug: self.ungis[i].slug.clone() },
            Item::Roadmap(i) => DocKind::Roadmap { slug: self.roadmaps[i].slug.clone() },
            Item::Page(i) => DocKind::Page { slug: self.pages[i].slug.clone() },
        }
    }

    /// The document's page, from the site root of its language.
    pub fn page_of(&self, item: Item) -> String {
        self.doc_kind(item).page()
    }

    pub fn body(&self, item: Item) -> &Body {
        match item {
            Item::Forum(i) => &self.forums[i].body,
            Item::Session(i) => &self.sessions[i].body,
            Item::Ungis(i) => &self.ungis[i].body,
            Item::Roadmap(i) => &self.roadmaps[i].body,
            Item::Page(i) => &self.pages[i].body,
        }
    }

    pub fn body_mut(&mut self, item: Item) -> &mut Body {
        match item {
            Item::Forum(i) => &mut self.forums[i].body,
            Item::Session(i) => &mut self.sessions[i].body,
            Item::Ungis(i) => &mut self.ungis[i].body,
            Item::Roadmap(i) => &mut self.roadmaps[i].body,
            Item::Page(i) => &mut self.pages[i].body,
        }
    }

    /// The document made from source file `file` (by model index).
    pub fn item_of_file(&self, file: usize) -> Option<Item> {
        self.items().find(|&item| self.file_of(item) == file)
    }

    /// A copy of the document at `item`, as validation made it.
    pub fn entity(&self, item: Item) -> Entity {
        match item {
            Item::Forum(i) => Entity::Forum(Box::new(self.forums[i].clone())),
            Item::Session(i) => Entity::Session(self.sessions[i].clone()),
            Item::Ungis(i) => Entity::Ungis(self.ungis[i].clone()),
            Item::Roadmap(i) => Entity::Roadmap(self.roadmaps[i].clone()),
            Item::Page(i) => Entity::Page(self.pages[i].clone()),
        }
    }

    /// Puts `entity`, a new version of the document at `item`, in its place;
    /// false if it is of another kind.
    pub fn put(&mut self, item: Item, entity: Entity) -> bool {
        match (item, entity) {
            (Item::Forum(i), Entity::Forum(new)) => self.forums[i] = *new,
            (Item::Session(i), Entity::Session(new)) => self.sessions[i] = new,
            (Item::Ungis(i), Entity::Ungis(new)) => self.ungis[i] = new,
            (Item::Roadmap(i), Entity::Roadmap(new)) => self.roadmaps[i] = new,
            (Item::Page(i), Entity::Page(new)) => self.pages[i] = new,
            _ => return false,
        }
        true
    }
}
