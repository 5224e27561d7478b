//! The open-data files a site publishes beside its pages: the closed list,
//! where each is written and what it holds. The plan lists them; render
//! writes them. A leaf module: it uses no other stage.

/// The data files, in the order they are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFile {
    Forums,
    Sessions,
    Ungis,
    Roadmaps,
    Pages,
    ActionLines,
    Sdgs,
    Matrix,
}

impl DataFile {
    pub const ALL: [DataFile; 8] = [
        DataFile::Forums,
        DataFile::Sessions,
        DataFile::Ungis,
        DataFile::Roadmaps,
        DataFile::Pages,
        DataFile::ActionLines,
        DataFile::Sdgs,
        DataFile::Matrix,
    ];

    /// Path under the output folder.
    pub fn path(self) -> &'static str {
        match self {
            DataFile::Forums => "data/forums.json",
            DataFile::Sessions => "data/sessions.json",
            DataFile::Ungis => "data/ungis.json",
            DataFile::Roadmaps => "data/roadmaps.json",
            DataFile::Pages => "data/pages.json",
            DataFile::ActionLines => "data/action-lines.json",
            DataFile::Sdgs => "data/sdgs.json",
            DataFile::Matrix => "data/matrix.csv",
        }
    }

    /// The interface string that says, in each language, what the file
    /// holds: `data_forums` for `data/forums.json`.
    pub fn about_key(self) -> String {
        let name = self.path().trim_start_matches("data/");
        format!("data_{}", name.split('.').next().unwrap_or_default().replace('-', "_"))
    }

    /// What the file holds, for the data page.
    pub fn describe(self) -> &'static str {
        match self {
            DataFile::Forums => "Every forum with its figures, phases, publications and overview",
            DataFile::Sessions => "Every High-Level Track session with its people and outcomes",
            DataFile::Ungis => "Every UNGIS activity",
            DataFile::Roadmaps => "The Action Line roadmaps and their activities",
            DataFile::Pages => "The free pages",
            DataFile::ActionLines => "The WSIS Action Lines with their facilitators",
            DataFile::Sdgs => "The Sustainable Development Goals",
            DataFile::Matrix => "Action Lines x SDGs: how many items name both (CSV)",
        }
    }
}
