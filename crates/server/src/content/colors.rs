//! Theme colour validation: organizers pick brand colours, which end up in CSS custom
//! properties, so only the plain `#rgb` / `#rrggbb` forms are accepted (no names, no
//! `rgb()`, nothing that could carry other CSS).

/// `true` for `#rgb` or `#rrggbb` (hex digits in either case), `false` for anything else.
pub fn is_hex_color(s: &str) -> bool {
    match s.strip_prefix('#') {
        Some(hex) => matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_hex_forms_are_colours() {
        for ok in ["#fff", "#FFF", "#0a0", "#1a2B3c", "#000000"] {
            assert!(is_hex_color(ok), "{ok}");
        }
    }

    #[test]
    fn anything_else_is_not_a_colour() {
        for bad in [
            "",
            "#",
            "fff",
            "#ff",
            "#ffff",
            "#fffff",
            "#fffffff",
            "#ggg",
            "red",
            "#fff;",
            " #fff",
            "#fff ",
            "rgb(0,0,0)",
            "#ééé",
            "#12345６",
        ] {
            assert!(!is_hex_color(bad), "{bad}");
        }
    }
}
