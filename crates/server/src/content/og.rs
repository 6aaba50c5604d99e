//! Link previews for a client-rendered SPA: crawlers (WhatsApp, Facebook, X, Slack) do not run
//! JavaScript, so the server writes the event's `<title>`, description, Open Graph and Twitter
//! card tags into `index.html` before serving it for a public event URL.

/// What a shared link should show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocialMeta {
    pub title: String,
    /// Plain text (not Markdown); whitespace is collapsed and it is cut to about 200 characters.
    pub description: String,
    /// Absolute canonical URL of the page.
    pub url: String,
    /// Absolute URL of the preview image; with one the Twitter card is `summary_large_image`.
    pub image_url: Option<String>,
    pub site_name: String,
    /// `en_US` or `fr_FR`.
    pub locale: String,
}

/// Longest description, in characters, ellipsis included. Crawlers cut around 160–300.
const DESCRIPTION_MAX_CHARS: usize = 200;

/// Returns `index_html` with the tags for `meta` inserted right before `</head>` (or at the
/// start when there is no `</head>`). An existing `<title>`, description, `og:*` and
/// `twitter:*` tags are removed first, so applying this twice gives the same page as once.
pub fn with_social_meta(index_html: &str, meta: &SocialMeta) -> String {
    let page = remove_existing_tags(index_html);
    let block = tags(meta);
    match find_ascii_ci(&page, "</head", 0) {
        Some(at) => {
            let mut out = String::with_capacity(page.len() + block.len());
            out.push_str(&page[..at]);
            out.push_str(&block);
            out.push_str(&page[at..]);
            out
        }
        None => block + &page,
    }
}

fn tags(meta: &SocialMeta) -> String {
    let title = escape(meta.title.trim());
    let description = escape(&shorten(&meta.description));
    let url = escape(meta.url.trim());
    let image = meta
        .image_url
        .as_deref()
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(escape);
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };

    let mut out = String::with_capacity(1024);
    let mut line = |tag: String| {
        out.push_str(&tag);
        out.push('\n');
    };
    line(format!("<title>{title}</title>"));
    line(format!(
        r#"<meta name="description" content="{description}">"#
    ));
    line(r#"<meta property="og:type" content="website">"#.to_owned());
    line(format!(r#"<meta property="og:title" content="{title}">"#));
    line(format!(
        r#"<meta property="og:description" content="{description}">"#
    ));
    line(format!(r#"<meta property="og:url" content="{url}">"#));
    if let Some(image) = &image {
        line(format!(r#"<meta property="og:image" content="{image}">"#));
    }
    line(format!(
        r#"<meta property="og:site_name" content="{}">"#,
        escape(meta.site_name.trim())
    ));
    line(format!(
        r#"<meta property="og:locale" content="{}">"#,
        escape(meta.locale.trim())
    ));
    line(format!(r#"<meta name="twitter:card" content="{card}">"#));
    line(format!(r#"<meta name="twitter:title" content="{title}">"#));
    line(format!(
        r#"<meta name="twitter:description" content="{description}">"#
    ));
    if let Some(image) = &image {
        line(format!(r#"<meta name="twitter:image" content="{image}">"#));
    }
    out
}

/// Escapes for both text content and double- or single-quoted attribute values.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 16);
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Collapses whitespace and cuts to [`DESCRIPTION_MAX_CHARS`] characters, at a word boundary
/// when one is near, ending with `…` when cut. Counts characters, so never splits one.
fn shorten(description: &str) -> String {
    let collapsed = description.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= DESCRIPTION_MAX_CHARS {
        return collapsed;
    }
    let keep = DESCRIPTION_MAX_CHARS - 1;
    let cut = collapsed
        .char_indices()
        .nth(keep)
        .map_or(collapsed.len(), |(i, _)| i);
    let mut head = &collapsed[..cut];
    // Prefer ending on a whole word, unless that throws away a lot (one very long word).
    if let Some(space) = head.rfind(' ')
        && head[space..].chars().count() <= 40
    {
        head = &head[..space];
    }
    format!(
        "{}…",
        head.trim_end_matches([' ', ',', ';', ':', '.', '-', '—'])
    )
}

/// Removes `<title>…</title>` and the `<meta>` tags this module writes, wherever they are.
fn remove_existing_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut pos = 0;
    while let Some(start) = find_ascii_ci(html, "<", pos).filter(|_| pos < html.len()) {
        let rest = &html[start..];
        let tag_end = if starts_with_tag(rest, "title") {
            find_ascii_ci(html, "</title", start)
                .and_then(|close| html[close..].find('>').map(|gt| close + gt + 1))
        } else if starts_with_tag(rest, "meta") {
            rest.find('>')
                .map(|gt| start + gt + 1)
                .filter(|&end| is_ours(&html[start..end]))
        } else {
            None
        };
        match tag_end {
            Some(end) => {
                out.push_str(&html[pos..start]);
                // Drop the line break the tag sat on, so re-applying does not grow blank lines.
                pos = if html[end..].starts_with('\n') {
                    end + 1
                } else {
                    end
                };
            }
            None => {
                out.push_str(&html[pos..start + 1]);
                pos = start + 1;
            }
        }
    }
    out.push_str(&html[pos.min(html.len())..]);
    out
}

/// `rest` opens a `<name` tag (followed by `>`, `/` or whitespace).
fn starts_with_tag(rest: &str, name: &str) -> bool {
    let after = 1 + name.len();
    rest.len() > after
        && rest[1..after].eq_ignore_ascii_case(name)
        && rest[after..].starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace())
}

/// A `<meta>` tag for description, Open Graph or Twitter cards.
fn is_ours(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase().replace('\'', "\"");
    lower.contains("name=\"description\"")
        || lower.contains("property=\"og:")
        || lower.contains("name=\"twitter:")
}

/// Byte offset of the first ASCII-case-insensitive match of `needle` at or after `from`.
fn find_ascii_ci(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let hay = haystack.as_bytes();
    let needle = needle.as_bytes();
    if needle.is_empty() || from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|i| from + i)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    const INDEX: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
        <TITLE>Reckot</TITLE>\n<link rel=\"stylesheet\" href=\"/app.css\">\n</head>\n\
        <body><script type=\"module\" src=\"/app.js\"></script></body>\n</html>\n";

    fn meta() -> SocialMeta {
        SocialMeta {
            title: "Concert \"Makossa\" & <friends>".into(),
            description: "L'été arrive ! </script><script>alert(1)</script>".into(),
            url: "https://reckot.test/e/makossa?x=1&y=2".into(),
            image_url: Some("https://reckot.test/media/e/1/cover.jpg".into()),
            site_name: "Reckot".into(),
            locale: "fr_FR".into(),
        }
    }

    fn count(haystack: &str, needle: &str) -> usize {
        haystack.matches(needle).count()
    }

    #[test]
    fn tags_go_right_before_the_end_of_head_and_replace_the_title() {
        let html = with_social_meta(INDEX, &meta());
        assert!(!html.contains("<TITLE>Reckot</TITLE>"), "{html}");
        assert_eq!(count(&html.to_ascii_lowercase(), "<title>"), 1, "{html}");
        let head_end = html.find("</head>").unwrap();
        let last_tag = html.find(r#"<meta name="twitter:image""#).unwrap();
        assert!(last_tag < head_end);
        assert!(
            html[last_tag..head_end].lines().count() == 1,
            "nothing between the tags and </head>"
        );
        assert!(
            html.contains("<meta charset=\"utf-8\">"),
            "other head tags stay"
        );
        assert!(
            html.contains("<script type=\"module\" src=\"/app.js\"></script>"),
            "the body stays"
        );
    }

    #[test]
    fn quotes_ampersands_and_script_like_input_are_escaped() {
        let html = with_social_meta(INDEX, &meta());
        assert!(
            html.contains("<title>Concert &quot;Makossa&quot; &amp; &lt;friends&gt;</title>"),
            "{html}"
        );
        assert!(
            html.contains(
                r#"<meta property="og:description" content="L&#x27;été arrive ! &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;">"#
            ),
            "{html}"
        );
        assert!(
            html.contains(r#"content="https://reckot.test/e/makossa?x=1&amp;y=2""#),
            "{html}"
        );
        assert_eq!(
            count(&html, "<script"),
            1,
            "only the app's own script tag: {html}"
        );
        assert!(!html.contains("alert(1)</script>"));
    }

    #[test]
    fn open_graph_and_twitter_tags_are_all_present_with_an_image() {
        let html = with_social_meta(INDEX, &meta());
        for tag in [
            r#"<meta name="description" content="#,
            r#"<meta property="og:type" content="website">"#,
            r#"<meta property="og:title" content="Concert &quot;Makossa&quot; &amp; &lt;friends&gt;">"#,
            r#"<meta property="og:url" content="https://reckot.test/e/makossa?x=1&amp;y=2">"#,
            r#"<meta property="og:image" content="https://reckot.test/media/e/1/cover.jpg">"#,
            r#"<meta property="og:site_name" content="Reckot">"#,
            r#"<meta property="og:locale" content="fr_FR">"#,
            r#"<meta name="twitter:card" content="summary_large_image">"#,
            r#"<meta name="twitter:title" content="#,
            r#"<meta name="twitter:description" content="#,
            r#"<meta name="twitter:image" content="https://reckot.test/media/e/1/cover.jpg">"#,
        ] {
            assert_eq!(count(&html, tag), 1, "{tag} in {html}");
        }
    }

    #[test]
    fn without_an_image_the_card_is_a_plain_summary_and_no_image_tags_are_written() {
        let mut m = meta();
        m.image_url = None;
        let html = with_social_meta(INDEX, &m);
        assert!(
            html.contains(r#"<meta name="twitter:card" content="summary">"#),
            "{html}"
        );
        assert!(
            !html.contains("og:image") && !html.contains("twitter:image"),
            "{html}"
        );
    }

    #[test]
    fn applying_twice_gives_the_same_page_as_once() {
        let once = with_social_meta(INDEX, &meta());
        let twice = with_social_meta(&once, &meta());
        assert_eq!(once, twice);
        let mut other = meta();
        other.title = "Autre".into();
        let replaced = with_social_meta(&once, &other);
        assert_eq!(count(&replaced, "<title>"), 1);
        assert!(replaced.contains("<title>Autre</title>"));
        assert_eq!(count(&replaced, "og:title"), 1);
    }

    #[test]
    fn long_descriptions_are_cut_near_200_characters_on_a_word() {
        let mut m = meta();
        m.description = "Très   belle\nsoirée à Douala, ".repeat(30);
        let short = shorten(&m.description);
        assert!(short.chars().count() <= 200, "{}", short.chars().count());
        assert!(short.chars().count() > 150, "{short}");
        assert!(short.ends_with('…'));
        assert!(!short.contains("  ") && !short.contains('\n'));
        // A word boundary: the text before the ellipsis is a prefix made of whole words.
        let body = short.trim_end_matches('…');
        assert!(
            m.description
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .starts_with(body)
        );
        assert!(
            body.ends_with("soirée")
                || body.ends_with("Douala")
                || body.ends_with("belle")
                || body.ends_with("Très")
                || body.ends_with('à'),
            "{body}"
        );
    }

    #[test]
    fn a_description_of_one_long_multibyte_word_is_cut_on_a_character_boundary() {
        let word = "é🎉".repeat(300);
        let short = shorten(&word);
        assert_eq!(short.chars().count(), 200);
        assert!(short.ends_with('…'));
    }

    #[test]
    fn short_descriptions_are_kept_whole() {
        assert_eq!(shorten("  Une soirée\n\nmagique  "), "Une soirée magique");
    }

    #[test]
    fn a_page_without_head_gets_the_tags_first() {
        let html = with_social_meta("<p>x</p>", &meta());
        assert!(html.starts_with("<title>"));
        assert!(html.ends_with("<p>x</p>"));
    }

    #[test]
    fn existing_social_tags_from_the_template_are_replaced_not_duplicated() {
        let index = "<head><meta name='description' content='SPA'>\n<meta property=\"og:title\" content=\"SPA\"/>\n<meta name=\"viewport\" content=\"width=device-width\"></head>";
        let html = with_social_meta(index, &meta());
        assert!(!html.contains("SPA"), "{html}");
        assert!(html.contains("viewport"), "{html}");
    }
}
