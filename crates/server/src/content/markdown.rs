//! Organizer Markdown (event descriptions and the like) rendered to HTML that is safe to put in
//! a page: pulldown-cmark renders, then ammonia keeps only an explicit allow-list of tags,
//! attributes and URLs. Raw HTML in the Markdown goes through the same sanitizer, so it can use
//! the allowed tags and nothing else.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::Builder;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// The sanitizer, configured once: building it allocates a dozen sets.
static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&str> = [
        "p",
        "br",
        "strong",
        "em",
        "del",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "blockquote",
        "code",
        "pre",
        "a",
        "img",
    ]
    .into_iter()
    .collect();
    let tag_attributes: HashMap<&str, HashSet<&str>> = [
        ("a", ["href"].into_iter().collect()),
        ("img", ["src", "alt"].into_iter().collect()),
        // Markdown `3. item` renders `<ol start="3">`; a number cannot carry anything else.
        ("ol", ["start"].into_iter().collect()),
    ]
    .into_iter()
    .collect();
    let mut builder = Builder::empty();
    builder
        .tags(tags)
        .tag_attributes(tag_attributes)
        // The default keeps `lang` and `title` on every tag; the allow-list above is the whole list.
        .generic_attributes(HashSet::new())
        // These are dropped with their content, not unwrapped into text.
        .clean_content_tags(
            [
                "script", "style", "iframe", "noscript", "template", "object", "svg", "math",
            ]
            .into_iter()
            .collect(),
        )
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .attribute_filter(allow_url)
        .link_rel(Some("noopener noreferrer nofollow"))
        .set_tag_attribute_value("a", "target", "_blank")
        .strip_comments(true);
    builder
});

/// Renders organizer Markdown to sanitized HTML.
///
/// Headings are shifted into `h2`–`h4` (the page's `h1` is the event title); links get
/// `target="_blank"` and `rel="noopener noreferrer nofollow"`; a link's `href` must be
/// `http:`, `https:` or `mailto:` and an image's `src` must be `https:` or a same-origin
/// `/media/...` path, otherwise the attribute is dropped. Everything outside the allow-list
/// (scripts, styles, frames, event handlers, `style` attributes) is removed.
pub fn render_markdown(source: &str) -> String {
    let parser = Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH).map(shift_headings);
    let mut unsafe_html = String::with_capacity(source.len() + source.len() / 4);
    html::push_html(&mut unsafe_html, parser);
    SANITIZER.clean(&unsafe_html).to_string()
}

/// `#` would otherwise render an `h1` the sanitizer drops (keeping its text as a bare line), and
/// `#####` an `h5`: map them onto the nearest allowed level instead.
fn shift_headings(event: Event<'_>) -> Event<'_> {
    fn allowed(level: HeadingLevel) -> HeadingLevel {
        match level {
            HeadingLevel::H1 => HeadingLevel::H2,
            HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H4,
            other => other,
        }
    }
    match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: allowed(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(allowed(level))),
        other => other,
    }
}

/// ammonia checks URL schemes but lets relative URLs through, and has one scheme list for every
/// attribute; the rules here are per attribute and also reject relative links and `http:` images.
fn allow_url<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    let lower = value.trim_start().to_ascii_lowercase();
    let allowed = match (element, attribute) {
        ("a", "href") => ["http://", "https://", "mailto:"]
            .iter()
            .any(|p| lower.starts_with(p)),
        ("img", "src") => lower.starts_with("https://") || is_media_path(value),
        _ => true,
    };
    allowed.then_some(Cow::Borrowed(value))
}

/// A same-origin upload: `/media/...`, without `..` or backslashes that a browser could
/// normalise into another path (or, for `/\`, into another host).
pub(crate) fn is_media_path(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    value.starts_with("/media/")
        && !value.contains("..")
        && !value.contains('\\')
        && !lower.contains("%2e")
        && !lower.contains("%2f")
        && !lower.contains("%5c")
        && !value.chars().any(|c| c.is_control() || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::time::{Duration, Instant};

    use super::*;

    #[test]
    fn script_tags_are_removed_with_their_content() {
        let html = render_markdown(
            "Hello <script>alert('x')</script> world\n\n<script>\nevil()\n</script>",
        );
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("alert"), "{html}");
        assert!(!html.contains("evil"), "{html}");
        assert!(html.contains("Hello"), "{html}");
    }

    #[test]
    fn event_handler_attributes_are_removed() {
        let html = render_markdown(
            r#"<img src="https://x.test/a.png" onerror="alert(1)"> <p onclick="x()">hi</p>"#,
        );
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("alert"), "{html}");
        assert!(html.contains(r#"src="https://x.test/a.png""#), "{html}");
    }

    #[test]
    fn javascript_links_lose_their_href() {
        for source in [
            "[click](javascript:alert(1))",
            r#"<a href="javascript:alert(1)">click</a>"#,
            r#"<a href=" JaVaScRiPt:alert(1)">click</a>"#,
            r#"<a href="java&#x09;script:alert(1)">click</a>"#,
            "[click](vbscript:msgbox)",
        ] {
            let html = render_markdown(source);
            assert!(
                !html.to_ascii_lowercase().contains("script:"),
                "{source} -> {html}"
            );
            assert!(!html.contains("href"), "{source} -> {html}");
            assert!(html.contains("click"), "{source} -> {html}");
        }
    }

    #[test]
    fn relative_links_lose_their_href() {
        let html = render_markdown("[home](/admin) [frag](#x)");
        assert!(!html.contains("href"), "{html}");
    }

    #[test]
    fn iframes_and_styles_are_removed() {
        let html = render_markdown(
            "<iframe src=\"https://evil.test\">inside</iframe>\n\n<style>body{display:none}</style>\n\n<p style=\"position:fixed\">text</p>",
        );
        assert!(!html.contains("iframe"), "{html}");
        assert!(!html.contains("inside"), "{html}");
        assert!(!html.contains("style"), "{html}");
        assert!(!html.contains("display"), "{html}");
        assert!(html.contains("text"), "{html}");
    }

    #[test]
    fn data_and_plain_http_images_lose_their_src_but_keep_their_alt() {
        for source in [
            "![pixel](data:image/png;base64,iVBORw0KGgo=)",
            "![pixel](http://insecure.test/a.png)",
            "![pixel](//evil.test/a.png)",
            "![pixel](/media/../api/logout)",
            "![pixel](/other/a.png)",
            r#"<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="pixel">"#,
        ] {
            let html = render_markdown(source);
            assert!(!html.contains("src="), "{source} -> {html}");
            assert!(html.contains(r#"alt="pixel""#), "{source} -> {html}");
        }
    }

    #[test]
    fn https_and_media_images_are_kept() {
        let html = render_markdown("![a](https://cdn.test/a.png) ![b](/media/events/1/b.jpg)");
        assert!(
            html.contains(r#"<img src="https://cdn.test/a.png" alt="a">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<img src="/media/events/1/b.jpg" alt="b">"#),
            "{html}"
        );
    }

    #[test]
    fn headings_lists_links_and_emphasis_survive() {
        let html = render_markdown(
            "# Title\n\n## Part\n\n#### Small\n\n###### Tiny\n\n- one\n- **two**\n\n3. three\n4. four\n\n\
             *em* ~~gone~~ `code`\n\n> quote\n\n```\nblock\n```\n\n[site](https://reckot.test/e?a=1&b=2) <mailto:hi@reckot.test>",
        );
        for expected in [
            "<h2>Title</h2>",
            "<h2>Part</h2>",
            "<h4>Small</h4>",
            "<h4>Tiny</h4>",
            "<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>",
            "<ol start=\"3\">",
            "<em>em</em>",
            "<del>gone</del>",
            "<code>code</code>",
            "<blockquote>",
            "<pre><code>block\n</code></pre>",
            r#"<a href="https://reckot.test/e?a=1&amp;b=2" target="_blank" rel="noopener noreferrer nofollow">site</a>"#,
            r#"href="mailto:hi@reckot.test""#,
        ] {
            assert!(html.contains(expected), "missing {expected} in {html}");
        }
    }

    #[test]
    fn french_text_with_accents_is_untouched() {
        let text = "Soirée à l'hôtel, déjà complète ? Ça coûte 5 000 FCFA — œuvre « spéciale ».";
        let html = render_markdown(text);
        assert_eq!(html, format!("<p>{text}</p>\n"));
    }

    #[test]
    fn a_100_kb_description_renders_quickly() {
        let chunk = "## Section\n\nSome *text* with a [link](https://x.test) and **bold** words, éàü.\n\n- item\n- item\n\n";
        let source = chunk.repeat(100 * 1024 / chunk.len() + 1);
        assert!(source.len() >= 100 * 1024);
        let started = Instant::now();
        let html = render_markdown(&source);
        // Generous for an unoptimised build on a busy 2-core machine; it takes a few ms in release.
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "took {:?}",
            started.elapsed()
        );
        assert!(html.len() > source.len());
    }
}
