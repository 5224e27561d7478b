//! The language of an editor's text, guessed from its script, so a title
//! or paragraph in Arabic or Chinese inside an English site gets its own
//! `lang` in the HTML and in the PDF's tags (read and shaped right).

/// The language of a text written in a script other than Latin, by its
/// first strong letter: enough to give an Arabic or Chinese title inside
/// an English page its own `lang`, so it is read and shaped right.
pub fn script_language(text: &str) -> Option<&'static str> {
    text.chars().find(|c| c.is_alphabetic()).and_then(|c| match c as u32 {
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Some("ar"),
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF => Some("zh"),
        0x0400..=0x04FF => Some("ru"),
        0x0590..=0x05FF => Some("he"),
        0x3040..=0x30FF => Some("ja"),
        0xAC00..=0xD7AF => Some("ko"),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_recognised_by_their_first_letter() {
        assert_eq!(script_language("التحول الرقمي"), Some("ar"));
        assert_eq!(script_language("2025 信息社会"), Some("zh"));
        assert_eq!(script_language("Bridging divides"), None);
    }
}
