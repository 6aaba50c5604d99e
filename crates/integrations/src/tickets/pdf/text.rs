//! Text for the base-14 Helvetica fonts: encoding to Windows-1252 (the PDF's WinAnsiEncoding, which
//! covers French), and measuring and wrapping lines with the fonts' published glyph widths, since
//! base-14 fonts are not embedded and there is no shaper to ask.

use pdf_writer::Name;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Font {
    Regular,
    Bold,
}

impl Font {
    /// The page resource name the font is registered under.
    pub(crate) fn resource(self) -> Name<'static> {
        match self {
            Font::Regular => Name(b"F1"),
            Font::Bold => Name(b"F2"),
        }
    }
}

/// Windows-1252 bytes for `text`; characters outside it become `?`, and line breaks and tabs
/// become spaces.
pub(crate) fn win_ansi(text: &str) -> Vec<u8> {
    text.chars().map(win_ansi_byte).collect()
}

fn win_ansi_byte(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '\u{a0}'..='\u{ff}' => c as u8,
        // French typography puts a narrow no-break space before « ; : ! ? ».
        '\u{202f}' | '\u{2009}' => 0xa0,
        '\t' | '\n' | '\r' => b' ',
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8a,
        '‹' => 0x8b,
        'Œ' => 0x8c,
        'Ž' => 0x8e,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9a,
        '›' => 0x9b,
        'œ' => 0x9c,
        'ž' => 0x9e,
        'Ÿ' => 0x9f,
        _ => b'?',
    }
}

/// Advance widths of ASCII 32..=126 in thousandths of an em (Adobe's Helvetica metrics).
const REGULAR: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/// The width of `text` set in `font` at `size` points.
pub(crate) fn width(text: &str, font: Font, size: f32) -> f32 {
    let table = match font {
        Font::Regular => &REGULAR,
        Font::Bold => &BOLD,
    };
    let units: u32 = text
        .chars()
        .map(|c| match c {
            'œ' | 'Œ' | 'æ' | 'Æ' | '—' | '…' | '‰' | '™' => 1000,
            _ => {
                let base = ascii_lookalike(c);
                if (' '..='~').contains(&base) {
                    u32::from(table[base as usize - 32])
                } else {
                    556
                }
            }
        })
        .sum();
    units as f32 * size / 1000.0
}

/// The ASCII letter an accented one is drawn like, whose width it shares in Helvetica.
fn ascii_lookalike(c: char) -> char {
    match c {
        'à'..='å' => 'a',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ñ' => 'n',
        'ò'..='ö' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'À'..='Å' => 'A',
        'Ç' => 'C',
        'È'..='Ë' => 'E',
        'Ì'..='Ï' => 'I',
        'Ñ' => 'N',
        'Ò'..='Ö' => 'O',
        'Ù'..='Ü' => 'U',
        'Ý' | 'Ÿ' => 'Y',
        '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
        '‘' | '’' | '‚' => '\'',
        '«' | '»' | '“' | '”' | '„' => '"',
        '–' => '_',
        c => c,
    }
}

/// Greedy line breaking at spaces; a word wider than a line is cut between characters.
pub(crate) fn wrap(text: &str, font: Font, size: f32, max_width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in words(text) {
        let word = word.as_str();
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate, font, size) <= max_width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            line.push(c);
            if width(&line, font, size) > max_width && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The breakable units of `text`. French sets « » : ; ! ? apart with a space that must not break
/// (« spéciale » never leaves its » alone at the start of a line), so those marks are glued to
/// their word with a no-break space, which is also how they print. No-break spaces never split.
fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut glue_next = false;
    let breakable = |c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}');
    for word in text.split(breakable).filter(|w| !w.is_empty()) {
        let closing = matches!(word, "»" | ":" | ";" | "!" | "?" | "›");
        match words.last_mut() {
            Some(last) if glue_next || closing => {
                last.push('\u{a0}');
                last.push_str(word);
            }
            _ => words.push(word.to_owned()),
        }
        glue_next = matches!(word, "«" | "‹");
    }
    words
}

/// At most `max` lines; the last one kept ends with an ellipsis when some were dropped.
pub(crate) fn clamp_lines(mut lines: Vec<String>, max: usize) -> Vec<String> {
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_text_encodes_to_single_windows_1252_bytes() {
        assert_eq!(
            win_ansi("é è à ç ô « » – ’ œ €"),
            b"\xe9 \xe8 \xe0 \xe7 \xf4 \xab \xbb \x96 \x92 \x9c \x80".to_vec()
        );
        assert_eq!(win_ansi("Présentez"), b"Pr\xe9sentez".to_vec());
    }

    #[test]
    fn characters_outside_windows_1252_become_question_marks() {
        assert_eq!(win_ansi("日本 🎉\nok"), b"?? ? ok".to_vec());
        assert_eq!(win_ansi("a\u{202f}:"), b"a\xa0:".to_vec());
    }

    #[test]
    fn widths_follow_helvetica_metrics() {
        assert!((width("WW", Font::Regular, 10.0) - 18.88).abs() < 0.001);
        assert!((width("iii", Font::Bold, 10.0) - 8.34).abs() < 0.001);
        assert_eq!(
            width("é", Font::Regular, 12.0),
            width("e", Font::Regular, 12.0)
        );
    }

    #[test]
    fn long_titles_wrap_within_the_width_and_keep_every_word() {
        let title = "Festival des musiques urbaines de Douala : la grande soirée d’ouverture";
        let lines = wrap(title, Font::Bold, 24.0, 300.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| width(l, Font::Bold, 24.0) <= 300.0));
        assert_eq!(lines.join(" ").replace('\u{a0}', " "), title);
    }

    #[test]
    fn french_quotes_and_colons_never_start_or_end_a_line_alone() {
        let text = "la grande soirée « spéciale » : venez !";
        assert_eq!(
            words(text),
            vec![
                "la",
                "grande",
                "soirée",
                "«\u{a0}spéciale\u{a0}»\u{a0}:",
                "venez\u{a0}!"
            ]
        );
        // Widths where the glued « spéciale » : fits; narrower lines cut inside words anyway.
        for max in [100.0, 120.0, 160.0, 200.0] {
            for line in wrap(text, Font::Bold, 12.0, max) {
                assert!(!line.starts_with(['»', ':', '!']), "{line:?}");
                assert!(!line.ends_with('«'), "{line:?}");
            }
        }
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_and_extra_lines_are_elided() {
        let lines = wrap(&"W".repeat(40), Font::Bold, 20.0, 100.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, Font::Bold, 20.0) <= 100.0));
        let clamped = clamp_lines(lines, 2);
        assert_eq!(clamped.len(), 2);
        assert!(clamped[1].ends_with('…'));
    }
}
