//! Text organizers write in English and/or French. Readers get their language, else the other.

use serde::{Deserialize, Serialize};

use crate::Lang;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Localized {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
}

impl Localized {
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Localized {
        Localized {
            en: Some(en.into()),
            fr: Some(fr.into()),
        }
    }

    pub fn en(text: impl Into<String>) -> Localized {
        Localized {
            en: Some(text.into()),
            fr: None,
        }
    }

    /// The text in `lang`, falling back to the other language, else `""`.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::En => (&self.en, &self.fr),
            Lang::Fr => (&self.fr, &self.en),
        };
        first
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .or(second.as_deref().filter(|s| !s.trim().is_empty()))
            .unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        self.get(Lang::En).is_empty()
    }

    /// Longest of the two texts, in characters (for length limits).
    pub fn max_chars(&self) -> usize {
        [&self.en, &self.fr]
            .iter()
            .filter_map(|t| t.as_deref())
            .map(|t| t.chars().count())
            .max()
            .unwrap_or(0)
    }

    /// Trims both texts and turns blank ones into `None`.
    pub fn normalized(self) -> Localized {
        let clean = |t: Option<String>| t.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        Localized {
            en: clean(self.en),
            fr: clean(self.fr),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_translation_falls_back_to_the_other_language() {
        let only_fr = Localized {
            en: None,
            fr: Some("Concert".into()),
        };
        assert_eq!(only_fr.get(Lang::En), "Concert");
        let both = Localized::new("Party", "Fête");
        assert_eq!(both.get(Lang::Fr), "Fête");
        let blank_en = Localized {
            en: Some("  ".into()),
            fr: Some("Fête".into()),
        };
        assert_eq!(blank_en.get(Lang::En), "Fête");
        assert!(Localized::default().is_empty());
    }
}
