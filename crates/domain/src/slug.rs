//! URL slugs: lowercase ASCII letters, digits and single dashes. Slugs are chosen once and then
//! stay put; renaming an organization or event never changes its public address.

pub const MIN_LEN: usize = 3;
pub const MAX_LEN: usize = 60;

/// Suggests a slug from a display name: accents folded (`Événement` -> `evenement`), anything else
/// collapsed into single dashes.
pub fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for ch in name.chars().flat_map(fold_accent) {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    let mut slug: String = trimmed.chars().take(MAX_LEN).collect();
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// True when `slug` is already in canonical form and of acceptable length.
pub fn is_valid(slug: &str) -> bool {
    (MIN_LEN..=MAX_LEN).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

fn fold_accent(ch: char) -> impl Iterator<Item = char> {
    let folded: &str = match ch {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => "a",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ÿ' | 'Ÿ' => "y",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        _ => "",
    };
    let own = if folded.is_empty() { Some(ch) } else { None };
    folded.chars().chain(own)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn french_names_become_readable_slugs() {
        assert_eq!(
            slugify("Fête de la Musique — Douala 2026!"),
            "fete-de-la-musique-douala-2026"
        );
        assert_eq!(slugify("  Œuvres & Co  "), "oeuvres-co");
    }

    #[test]
    fn validity_rejects_uppercase_edges_and_double_dashes() {
        assert!(is_valid("tech-camp-2026"));
        assert!(!is_valid("Tech"));
        assert!(!is_valid("-abc"));
        assert!(!is_valid("a--b"));
        assert!(!is_valid("ab"));
    }

    proptest! {
        #[test]
        fn a_slugified_name_of_enough_letters_is_always_valid(name in "[a-zA-Zéèô0-9 ,.!-]{3,120}") {
            let slug = slugify(&name);
            prop_assert!(slug.len() < MIN_LEN || is_valid(&slug), "{slug}");
        }
    }
}
