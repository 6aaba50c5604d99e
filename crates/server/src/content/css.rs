//! Organizer custom CSS for the event page: parsed with lightningcss, refused when it could load
//! something from elsewhere or reach outside the page, otherwise rewritten so that every selector
//! starts with the page's scope selector, and minified.
//!
//! How it is checked, in order:
//! 1. size (`too_large`);
//! 2. a token scan of the source with cssparser for `@import` (`import_not_allowed`) and every
//!    URL position — `url()`, `src()`, strings in `image-set()`/`image()` and `@namespace` —
//!    (`external_url`): tokens, not the parsed tree, so that values lightningcss keeps as
//!    unparsed tokens (unknown properties, custom properties, `@font-face src`) are covered too;
//! 3. the lightningcss parse, every recovered error reported (`parse_error`);
//! 4. at-rules outside an allow-list (`at_rule_not_allowed`) and selectors that would match
//!    outside the scope (`selector_outside_scope`), with selectors rewritten on the way;
//! 5. the output is parsed again (which lowers CSS nesting to plain rules), minified, and scanned
//!    again as a last guard.

use std::sync::{Arc, RwLock};

use cssparser::{ParseError, Parser as TokenParser, ParserInput, Token};
use lightningcss::error::ParserError;
use lightningcss::rules::{CssRule, CssRuleList};
use lightningcss::selector::{Combinator, Component, Selector, SelectorList};
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::targets::{Features, Targets};

use super::markdown::is_media_path;

/// Largest accepted stylesheet, in bytes.
pub const MAX_CSS_BYTES: usize = 20 * 1024;

/// Why custom CSS was refused. `line` is 1-based in the submitted source (0 when the problem is
/// not tied to a line). `code` is one of `too_large`, `parse_error`, `import_not_allowed`,
/// `external_url`, `at_rule_not_allowed`, `selector_outside_scope`, `invalid_scope` (a bug in
/// the caller's scope argument).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CssIssue {
    pub line: u32,
    pub message: String,
    pub code: &'static str,
}

impl CssIssue {
    fn new(line: u32, code: &'static str, message: impl Into<String>) -> CssIssue {
        CssIssue {
            line,
            message: message.into(),
            code,
        }
    }
}

/// Parses `source`, checks it and returns it minified with every selector scoped under `scope`
/// (a single compound selector such as `.event-theme`): `h1` becomes `.event-theme h1`, while
/// `:root`, `html` and `body` become the scope element itself, so `:root { --brand: … }` sets
/// variables on the event page only. Selectors inside `@media`, `@supports`, `@container`,
/// `@layer` and `@starting-style` are scoped too; `@keyframes` and `@font-face` (with `/media/`
/// sources) are kept; other at-rules are refused. All issues found are returned, sorted by line.
pub fn scope_css(source: &str, scope: &str) -> Result<String, Vec<CssIssue>> {
    if source.len() > MAX_CSS_BYTES {
        return Err(vec![CssIssue::new(
            0,
            "too_large",
            format!("custom CSS is limited to {} KB", MAX_CSS_BYTES / 1024),
        )]);
    }
    let scope_source = format!("{scope}{{}}");
    let scope_compound = parse_scope(&scope_source)?;

    let mut issues = scan_tokens(source);

    let warnings = Arc::new(RwLock::new(Vec::new()));
    let options = ParserOptions {
        error_recovery: true,
        warnings: Some(Arc::clone(&warnings)),
        ..ParserOptions::default()
    };
    let mut sheet = match StyleSheet::parse(source, options) {
        Ok(sheet) => sheet,
        Err(error) => {
            let line = error.loc.as_ref().map_or(0, |l| l.line + 1);
            issues.push(CssIssue::new(line, "parse_error", error.kind.to_string()));
            return Err(sorted(issues));
        }
    };
    if let Ok(warnings) = warnings.read() {
        for warning in warnings.iter() {
            let line = warning.loc.as_ref().map_or(0, |l| l.line + 1);
            let issue = match &warning.kind {
                // The same message as the tree walk gives for the kept rule, so they deduplicate.
                ParserError::AtRuleInvalid(name) => CssIssue::new(
                    line,
                    "at_rule_not_allowed",
                    format!("@{name} is not allowed"),
                ),
                kind => CssIssue::new(line, "parse_error", kind.to_string()),
            };
            issues.push(issue);
        }
    }

    scope_rules(&mut sheet.rules, &scope_compound, None, &mut issues);
    if !issues.is_empty() {
        return Err(sorted(issues));
    }
    // `/*! … */` comments are kept by the printer; nobody needs them on an event page.
    sheet.license_comments.clear();

    let scoped = sheet
        .to_css(PrinterOptions::default())
        .map_err(|e| vec![CssIssue::new(0, "parse_error", e.kind.to_string())])?
        .code;
    let minified = minify(&scoped)?;

    // The scoped output is what the browser will read: check it again, with the same scan.
    let mut last_guard = scan_tokens(&minified);
    if find_ci(&minified, "</").is_some() || find_ci(&minified, "<!--").is_some() {
        // The CSS is served inside a <style> element, where `</style` would end it early.
        last_guard.push(CssIssue::new(
            first_line_with(source, "<"),
            "parse_error",
            "`</` cannot appear in custom CSS (it would end the <style> element)",
        ));
    }
    if last_guard.is_empty() {
        Ok(minified)
    } else {
        Err(sorted(last_guard))
    }
}

/// Parses the already scoped CSS again (which gives exact selector metadata back and lets the
/// printer lower nesting into plain rules older browsers read), minifies and prints it.
fn minify(scoped: &str) -> Result<String, Vec<CssIssue>> {
    let internal = |message: String| vec![CssIssue::new(0, "parse_error", message)];
    let mut sheet = StyleSheet::parse(scoped, ParserOptions::default())
        .map_err(|e| internal(e.kind.to_string()))?;
    // Only nesting is compiled away: no browser list, so nothing else is rewritten or prefixed.
    let targets = Targets {
        browsers: None,
        include: Features::Nesting,
        exclude: Features::empty(),
    };
    sheet
        .minify(MinifyOptions {
            targets,
            ..MinifyOptions::default()
        })
        .map_err(|e| internal(e.kind.to_string()))?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            targets,
            ..PrinterOptions::default()
        })
        .map_err(|e| internal(e.kind.to_string()))?;
    Ok(printed.code)
}

fn sorted(mut issues: Vec<CssIssue>) -> Vec<CssIssue> {
    issues.sort_by(|a, b| (a.line, a.code, &a.message).cmp(&(b.line, b.code, &b.message)));
    issues.dedup();
    issues
}

// ---------------------------------------------------------------------------------------------
// Step 2: the token scan.

/// What a string token means where it appears.
#[derive(Clone, Copy, PartialEq, Eq)]
enum UrlContext {
    /// Strings are just strings.
    None,
    /// Inside `url(` / `src(`: the only thing allowed is one string, which is a URL.
    UrlFunction,
    /// Inside `image-set(` / `image(` / `cross-fade(`: strings are URLs.
    Image,
}

fn scan_tokens(source: &str) -> Vec<CssIssue> {
    let mut input = ParserInput::new(source);
    let mut parser = TokenParser::new(&mut input);
    let mut issues = Vec::new();
    scan_block(&mut parser, UrlContext::None, &mut issues);
    issues
}

fn scan_block(parser: &mut TokenParser<'_, '_>, context: UrlContext, issues: &mut Vec<CssIssue>) {
    // After `@namespace`, up to its `;`, strings are namespace URLs.
    let mut in_namespace_prelude = false;
    loop {
        let line = parser.current_source_location().line + 1;
        let token = match parser.next_including_whitespace_and_comments() {
            Ok(token) => token.clone(),
            Err(_) => break,
        };
        match token {
            Token::WhiteSpace(_) | Token::Comment(_) => {}
            Token::UnquotedUrl(url) => check_url(&url, line, issues),
            Token::BadUrl(_) => issues.push(CssIssue::new(line, "external_url", "malformed url()")),
            Token::QuotedString(value) if context != UrlContext::None || in_namespace_prelude => {
                check_url(&value, line, issues);
            }
            Token::AtKeyword(name) if name.eq_ignore_ascii_case("import") => {
                issues.push(CssIssue::new(
                    line,
                    "import_not_allowed",
                    "@import is not allowed",
                ));
            }
            Token::AtKeyword(name) if name.eq_ignore_ascii_case("namespace") => {
                in_namespace_prelude = true;
            }
            Token::Semicolon => in_namespace_prelude = false,
            Token::Function(name) => {
                let inner = match unprefixed(&name).as_str() {
                    "url" | "src" => UrlContext::UrlFunction,
                    "image-set" | "image" | "cross-fade" => UrlContext::Image,
                    "var" | "env" | "attr" if context != UrlContext::None => {
                        // A variable could hold any URL; it cannot be checked here.
                        issues.push(CssIssue::new(
                            line,
                            "external_url",
                            format!("{name}() cannot be used where a URL is expected"),
                        ));
                        UrlContext::None
                    }
                    _ => UrlContext::None,
                };
                nested(parser, inner, issues);
            }
            Token::ParenthesisBlock | Token::SquareBracketBlock => nested(parser, context, issues),
            Token::CurlyBracketBlock => {
                in_namespace_prelude = false;
                nested(parser, UrlContext::None, issues);
            }
            _ if context == UrlContext::UrlFunction => {
                issues.push(CssIssue::new(
                    line,
                    "external_url",
                    "url() must hold a single /media/ path",
                ));
            }
            _ => {}
        }
    }
}

fn nested(parser: &mut TokenParser<'_, '_>, context: UrlContext, issues: &mut Vec<CssIssue>) {
    let _ = parser.parse_nested_block(|inner| {
        scan_block(inner, context, issues);
        Ok::<(), ParseError<'_, ()>>(())
    });
}

fn check_url(url: &str, line: u32, issues: &mut Vec<CssIssue>) {
    if !is_media_path(url) {
        issues.push(CssIssue::new(
            line,
            "external_url",
            format!(
                "only /media/ paths may be loaded, not {}",
                truncate(url, 80)
            ),
        ));
    }
}

/// `-webkit-image-set` is `image-set`.
fn unprefixed(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    for prefix in ["-webkit-", "-moz-", "-ms-", "-o-"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return rest.to_owned();
        }
    }
    lower
}

fn truncate(value: &str, max_chars: usize) -> String {
    match value.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_owned(),
    }
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack.to_ascii_lowercase().find(needle)
}

fn first_line_with(source: &str, needle: &str) -> u32 {
    source
        .lines()
        .position(|l| l.contains(needle))
        .map_or(0, |i| u32::try_from(i + 1).unwrap_or(u32::MAX))
}

// ---------------------------------------------------------------------------------------------
// Step 4: at-rules and selectors.

/// The scope as the simple selectors of one compound (`.event-theme`, `main#event`, …).
fn parse_scope(scope_source: &str) -> Result<Vec<Component<'_>>, Vec<CssIssue>> {
    let invalid = || {
        vec![CssIssue::new(
            0,
            "invalid_scope",
            "the scope must be one compound selector",
        )]
    };
    let sheet = StyleSheet::parse(scope_source, ParserOptions::default()).map_err(|_| invalid())?;
    let [CssRule::Style(rule)] = sheet.rules.0.as_slice() else {
        return Err(invalid());
    };
    let [selector] = rule.selectors.0.as_slice() else {
        return Err(invalid());
    };
    let compound: Vec<Component<'_>> = selector.iter_raw_match_order().cloned().collect();
    let usable = !compound.is_empty()
        && compound.iter().all(|c| {
            !c.is_combinator()
                && !matches!(
                    c,
                    Component::Nesting
                        | Component::Root
                        | Component::Scope
                        | Component::PseudoElement(_)
                )
        });
    if usable { Ok(compound) } else { Err(invalid()) }
}

/// `nested` is `None` at the top level, and inside a style rule whether that rule's selectors
/// may match the scope element itself (through `:root`/`html`/`body`).
fn scope_rules<'i>(
    rules: &mut CssRuleList<'i>,
    scope: &[Component<'i>],
    nested: Option<bool>,
    issues: &mut Vec<CssIssue>,
) {
    for rule in &mut rules.0 {
        match rule {
            CssRule::Style(style) => {
                let line = style.loc.line + 1;
                let parent_may_be_scope = match nested {
                    None => {
                        let mut may_be_scope = false;
                        let mut scoped = Vec::with_capacity(style.selectors.0.len());
                        for selector in &style.selectors.0 {
                            match scope_selector(selector, scope) {
                                Ok((selector, is_scope)) => {
                                    may_be_scope |= is_scope;
                                    scoped.push(selector);
                                }
                                Err(message) => issues.push(CssIssue::new(
                                    line,
                                    "selector_outside_scope",
                                    message,
                                )),
                            }
                        }
                        style.selectors = SelectorList::from_vec(scoped);
                        may_be_scope
                    }
                    Some(parent_may_be_scope) => {
                        let mut may_be_scope = false;
                        for selector in &style.selectors.0 {
                            match check_nested_selector(selector, parent_may_be_scope) {
                                Ok(is_scope) => may_be_scope |= is_scope,
                                Err(message) => issues.push(CssIssue::new(
                                    line,
                                    "selector_outside_scope",
                                    message,
                                )),
                            }
                        }
                        may_be_scope
                    }
                };
                scope_rules(&mut style.rules, scope, Some(parent_may_be_scope), issues);
            }
            CssRule::Media(r) => scope_rules(&mut r.rules, scope, nested, issues),
            CssRule::Supports(r) => scope_rules(&mut r.rules, scope, nested, issues),
            CssRule::Container(r) => scope_rules(&mut r.rules, scope, nested, issues),
            CssRule::LayerBlock(r) => scope_rules(&mut r.rules, scope, nested, issues),
            CssRule::StartingStyle(r) => scope_rules(&mut r.rules, scope, nested, issues),
            // Names and declarations only; their URLs went through the token scan.
            CssRule::Keyframes(_)
            | CssRule::FontFace(_)
            | CssRule::LayerStatement(_)
            | CssRule::NestedDeclarations(_)
            | CssRule::Ignored => {}
            // Reported by the token scan, with their URLs.
            CssRule::Import(_) | CssRule::Namespace(_) => {}
            other => {
                let (name, line) = at_rule_name_and_line(other);
                issues.push(CssIssue::new(
                    line,
                    "at_rule_not_allowed",
                    format!("@{name} is not allowed"),
                ));
            }
        }
    }
}

/// For refusals: these rules either act on the whole document (`@page`, `@property`,
/// `@view-transition`, `@counter-style` names, …) or would need their own scoping (`@scope`).
fn at_rule_name_and_line(rule: &CssRule<'_>) -> (String, u32) {
    let (name, loc) = match rule {
        CssRule::Page(r) => ("page".to_owned(), Some(r.loc)),
        CssRule::CounterStyle(r) => ("counter-style".to_owned(), Some(r.loc)),
        CssRule::MozDocument(r) => ("-moz-document".to_owned(), Some(r.loc)),
        CssRule::Nesting(r) => ("nest".to_owned(), Some(r.loc)),
        CssRule::Viewport(r) => ("viewport".to_owned(), Some(r.loc)),
        CssRule::CustomMedia(r) => ("custom-media".to_owned(), Some(r.loc)),
        CssRule::Property(r) => ("property".to_owned(), Some(r.loc)),
        CssRule::Scope(r) => ("scope".to_owned(), Some(r.loc)),
        CssRule::ViewTransition(r) => ("view-transition".to_owned(), Some(r.loc)),
        CssRule::PositionTry(r) => ("position-try".to_owned(), Some(r.loc)),
        CssRule::FontPaletteValues(r) => ("font-palette-values".to_owned(), Some(r.loc)),
        CssRule::FontFeatureValues(r) => ("font-feature-values".to_owned(), Some(r.loc)),
        CssRule::Unknown(r) => (r.name.to_string(), Some(r.loc)),
        _ => ("rule".to_owned(), None),
    };
    (name, loc.map_or(0, |l| l.line + 1))
}

/// A selector as compounds in source order, with the combinator before each (none for the
/// first). parcel_selectors stores compounds right to left with combinators in between.
struct Compounds<'i> {
    parts: Vec<Vec<Component<'i>>>,
    /// `combinators[i]` joins `parts[i]` and `parts[i + 1]`.
    combinators: Vec<Combinator>,
}

impl<'i> Compounds<'i> {
    fn of(selector: &Selector<'i>) -> Compounds<'i> {
        let mut parts = vec![Vec::new()];
        let mut combinators = Vec::new();
        for component in selector.iter_raw_match_order() {
            match component {
                Component::Combinator(c) => {
                    combinators.push(*c);
                    parts.push(Vec::new());
                }
                other => {
                    if let Some(last) = parts.last_mut() {
                        last.push(other.clone());
                    }
                }
            }
        }
        parts.reverse();
        combinators.reverse();
        Compounds { parts, combinators }
    }

    fn into_selector(self) -> Selector<'i> {
        let mut components = Vec::new();
        for (i, part) in self.parts.into_iter().enumerate() {
            if i > 0
                && let Some(c) = self.combinators.get(i - 1)
            {
                components.push(Component::Combinator(*c));
            }
            components.extend(part);
        }
        Selector::from(components)
    }
}

/// `:root`, `html`, `body` (and `:scope`/`&` at the top level, which mean the root there).
fn is_root_like(component: &Component<'_>) -> bool {
    match component {
        Component::Root | Component::Scope | Component::Nesting => true,
        Component::LocalName(name) => {
            let name: &str = &name.lower_name.0;
            name == "html" || name == "body"
        }
        _ => false,
    }
}

/// Type and namespace parts of a root-like compound: meaningless once it is the scope element.
fn is_type_selector(component: &Component<'_>) -> bool {
    matches!(
        component,
        Component::LocalName(_)
            | Component::ExplicitUniversalType
            | Component::ExplicitAnyNamespace
            | Component::ExplicitNoNamespace
            | Component::DefaultNamespace(_)
            | Component::Namespace(..)
    )
}

/// Rewrites a top-level selector to start with the scope. Returns it and whether it matches the
/// scope element itself (rather than only elements inside it).
fn scope_selector<'i>(
    selector: &Selector<'i>,
    scope: &[Component<'i>],
) -> Result<(Selector<'i>, bool), String> {
    let Compounds { parts, combinators } = Compounds::of(selector);
    let mut out = Compounds {
        parts: Vec::with_capacity(parts.len() + 1),
        combinators: Vec::new(),
    };

    let starts_at_root = parts
        .first()
        .is_some_and(|first| first.iter().any(is_root_like));
    if !starts_at_root {
        // `.scope <selector>`: whatever the selector's combinators, its subject is a descendant
        // of the scope element (siblings of a descendant are descendants too).
        out.parts.push(scope.to_vec());
        out.combinators.push(Combinator::Descendant);
        for (i, mut part) in parts.into_iter().enumerate() {
            if i == 0 && part.is_empty() {
                // A leading pseudo-element (`::selection`) applies to every element: say so,
                // rather than leaving an empty compound after the descendant combinator.
                part.push(Component::ExplicitUniversalType);
            }
            if i > 0
                && let Some(c) = combinators.get(i - 1)
            {
                out.combinators.push(*c);
            }
            out.parts.push(part);
        }
        return Ok((out.into_selector(), false));
    }

    // `:root`, `html`, `body`, `html body`, `body.dark`: the scope element, keeping the classes,
    // attributes and pseudo-classes they were combined with.
    let mut root: Vec<Component<'i>> = scope.to_vec();
    let mut next = 0;
    while let Some(part) = parts.get(next) {
        let joined_to_previous = next == 0
            || matches!(
                combinators.get(next - 1),
                Some(Combinator::Descendant | Combinator::Child)
            );
        if !joined_to_previous || !part.iter().any(is_root_like) {
            break;
        }
        root.extend(
            part.iter()
                .filter(|c| !is_root_like(c) && !is_type_selector(c))
                .cloned(),
        );
        next += 1;
    }
    out.parts.push(root);

    let mut at_scope_element = true;
    // `next >= 1` here: the first compound was root-like. `combinators[i - 1]` precedes `parts[i]`.
    let rest = parts
        .iter()
        .skip(next)
        .zip(combinators.iter().skip(next.saturating_sub(1)));
    for (part, &combinator) in rest {
        match combinator {
            Combinator::Descendant | Combinator::Child => at_scope_element = false,
            Combinator::PseudoElement => {}
            _ if at_scope_element => {
                return Err(format!(
                    "`{}` reaches outside the event page (a sibling of the page root)",
                    selector_text(selector)
                ));
            }
            _ => {}
        }
        out.combinators.push(combinator);
        out.parts.push(part.clone());
    }
    Ok((out.into_selector(), at_scope_element))
}

/// A selector nested in a style rule resolves against its parent (`&`, explicit or implied):
/// its subject stays inside the scope as long as `&` is in the selector itself (not only inside
/// `:not()`/`:has()`/`:is()`), and, when the parent may be the scope element, nothing after `&`
/// steps to a sibling. Returns whether this selector may match the scope element itself.
fn check_nested_selector(
    selector: &Selector<'_>,
    parent_may_be_scope: bool,
) -> Result<bool, String> {
    let Compounds { parts, combinators } = Compounds::of(selector);
    let outside = || {
        format!(
            "`{}` reaches outside the event page",
            selector_text(selector)
        )
    };
    let Some(last_nesting) = parts
        .iter()
        .rposition(|part| part.iter().any(|c| matches!(c, Component::Nesting)))
    else {
        return Err(outside());
    };
    let mut at_scope_element = parent_may_be_scope;
    for combinator in combinators.iter().skip(last_nesting) {
        match combinator {
            Combinator::Descendant | Combinator::Child => at_scope_element = false,
            Combinator::PseudoElement => {}
            _ if at_scope_element => return Err(outside()),
            _ => {}
        }
    }
    Ok(at_scope_element)
}

fn selector_text(selector: &Selector<'_>) -> String {
    let list = SelectorList::from_vec(vec![selector.clone()]);
    truncate(&list.to_string(), 80)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    const SCOPE: &str = ".event-theme";

    fn ok(source: &str) -> String {
        match scope_css(source, SCOPE) {
            Ok(css) => css,
            Err(issues) => panic!("{source:?} was refused: {issues:#?}"),
        }
    }

    fn refused(source: &str) -> Vec<CssIssue> {
        match scope_css(source, SCOPE) {
            Ok(css) => panic!("{source:?} was accepted as {css:?}"),
            Err(issues) => issues,
        }
    }

    fn codes(issues: &[CssIssue]) -> Vec<&'static str> {
        issues.iter().map(|i| i.code).collect()
    }

    #[test]
    fn type_selectors_are_prefixed_with_the_scope() {
        assert_eq!(ok("h1 { color: red }"), ".event-theme h1{color:red}");
    }

    #[test]
    fn every_selector_of_a_list_is_prefixed() {
        assert_eq!(
            ok("h1, h2 > a, .card:hover { color: red }"),
            ".event-theme h1,.event-theme h2>a,.event-theme .card:hover{color:red}"
        );
    }

    #[test]
    fn root_html_and_body_become_the_scope_element() {
        assert_eq!(
            ok(":root { --brand: #123456; }"),
            ".event-theme{--brand:#123456}"
        );
        assert_eq!(ok("html { color: red }"), ".event-theme{color:red}");
        assert_eq!(ok("body { margin: 0 }"), ".event-theme{margin:0}");
        assert_eq!(
            ok("html body h1 { color: red }"),
            ".event-theme h1{color:red}"
        );
        assert_eq!(
            ok("body > main { color: red }"),
            ".event-theme>main{color:red}"
        );
        assert_eq!(
            ok("body.dark p { color: red }"),
            ".event-theme.dark p{color:red}"
        );
        assert_eq!(
            ok(":root::selection { color: red }"),
            ".event-theme::selection{color:red}"
        );
    }

    #[test]
    fn variables_declared_on_root_can_be_used_below() {
        assert_eq!(
            ok(":root { --accent: #e11d48 }\n.button { background: var(--accent) }"),
            ".event-theme{--accent:#e11d48}.event-theme .button{background:var(--accent)}"
        );
    }

    #[test]
    fn selectors_inside_media_and_supports_are_scoped() {
        assert_eq!(
            ok("@media (max-width: 600px) { h1 { font-size: 2rem } }"),
            "@media (width<=600px){.event-theme h1{font-size:2rem}}"
        );
        assert_eq!(
            ok("@supports (display: grid) { @media print { :root { color: black } } }"),
            "@supports (display:grid){@media print{.event-theme{color:#000}}}"
        );
    }

    #[test]
    fn pseudo_classes_and_pseudo_elements_stay_on_their_compound() {
        assert_eq!(
            ok("a:hover::after { content: '→' }"),
            ".event-theme a:hover:after{content:\"→\"}"
        );
        assert_eq!(
            ok("li:nth-child(2n+1):not(.x) { color: red }"),
            ".event-theme li:nth-child(odd):not(.x){color:red}"
        );
        assert_eq!(
            ok("::selection { color: red }"),
            ".event-theme ::selection{color:red}"
        );
    }

    #[test]
    fn leading_universal_and_sibling_selectors_stay_inside_the_scope() {
        assert_eq!(
            ok("* { box-sizing: border-box }"),
            ".event-theme *{box-sizing:border-box}"
        );
        assert_eq!(ok("* + p { margin: 0 }"), ".event-theme *+p{margin:0}");
        assert_eq!(ok("h1 ~ p { margin: 0 }"), ".event-theme h1~p{margin:0}");
    }

    #[test]
    fn has_host_and_backdrop_are_still_under_the_scope() {
        assert_eq!(
            ok("body:has(dialog[open]) { overflow: hidden }"),
            ".event-theme:has(dialog[open]){overflow:hidden}"
        );
        assert_eq!(
            ok(":has(> img) { padding: 0 }"),
            ".event-theme :has(>img){padding:0}"
        );
        assert_eq!(ok(":host { color: red }"), ".event-theme :host{color:red}");
        assert_eq!(
            ok("::backdrop { background: black }"),
            ".event-theme ::backdrop{background:#000}"
        );
    }

    #[test]
    fn a_sibling_of_the_page_root_is_refused() {
        for source in [
            ":root + p { color: red }",
            "body ~ div { color: red }",
            "html > body ~ aside { color: red }",
        ] {
            let issues = refused(source);
            assert_eq!(codes(&issues), ["selector_outside_scope"], "{source}");
            assert_eq!(issues[0].line, 1);
        }
    }

    #[test]
    fn nested_rules_are_flattened_under_the_scope() {
        assert_eq!(
            ok(".card { color: red; & h2 { color: blue } }"),
            ".event-theme .card{color:red}.event-theme .card h2{color:#00f}"
        );
        // Lowering wraps the parent in `:is()` when it is not the first compound: same elements.
        assert_eq!(
            ok(".card { .dark & { color: blue } }"),
            ".dark :is(.event-theme .card){color:#00f}"
        );
        assert_eq!(
            ok(".card { & + .card { margin: 0 } }"),
            ".event-theme .card+.card{margin:0}"
        );
        assert_eq!(
            ok(":root { & a { color: red } }"),
            ".event-theme a{color:red}"
        );
        assert_eq!(
            ok("h1 { @media (min-width: 1px) { color: red } }"),
            "@media (width>=1px){.event-theme h1{color:red}}"
        );
    }

    #[test]
    fn nested_rules_cannot_reach_outside_through_a_root_parent_or_has() {
        let issues = refused(":root {\n  & + p { color: red }\n}");
        assert_eq!(codes(&issues), ["selector_outside_scope"]);
        assert_eq!(issues[0].line, 2);
        assert_eq!(
            codes(&refused("h1 { body:has(&) { display: none } }")),
            ["selector_outside_scope"]
        );
        assert_eq!(
            codes(&refused("h1 { :not(&) { display: none } }")),
            ["selector_outside_scope"]
        );
    }

    #[test]
    fn keyframes_are_kept() {
        assert_eq!(
            ok(
                "@keyframes pulse { from { opacity: 1 } to { opacity: .5 } }\n.dot { animation: pulse 1s infinite }"
            ),
            "@keyframes pulse{0%{opacity:1}to{opacity:.5}}.event-theme .dot{animation:1s infinite pulse}"
        );
    }

    #[test]
    fn media_urls_are_allowed_in_declarations_and_font_faces() {
        assert_eq!(
            ok(".hero { background: url(/media/e/1/bg.jpg) }"),
            ".event-theme .hero{background:url(/media/e/1/bg.jpg)}"
        );
        let css = ok(
            "@font-face { font-family: Brand; src: url('/media/fonts/brand.woff2') format('woff2') }",
        );
        assert!(
            css.starts_with("@font-face{font-family:Brand;src:url(/media/fonts/brand.woff2)"),
            "{css}"
        );
    }

    #[test]
    fn input_over_20_kb_is_refused() {
        let source = format!(".a{{color:red}}{}", " ".repeat(MAX_CSS_BYTES));
        assert_eq!(codes(&refused(&source)), ["too_large"]);
        assert!(scope_css(&" ".repeat(MAX_CSS_BYTES), SCOPE).is_ok());
    }

    #[test]
    fn parse_errors_are_reported_with_their_line() {
        let issues = refused("h1 { color: red }\n\nh2 {{ color: blue }\n");
        assert!(codes(&issues).contains(&"parse_error"), "{issues:#?}");
        assert!(
            issues
                .iter()
                .any(|i| i.code == "parse_error" && i.line == 3),
            "{issues:#?}"
        );
        let issues = refused("h1 { color: red }\n\n$$$ { }");
        assert!(
            issues
                .iter()
                .any(|i| i.code == "parse_error" && i.line == 3),
            "{issues:#?}"
        );
    }

    #[test]
    fn imports_are_refused() {
        for source in [
            "@import url(https://evil.test/x.css);",
            "@import \"/media/x.css\";",
            "@IMPORT '/media/x.css' screen;",
        ] {
            let issues = refused(source);
            assert!(
                codes(&issues).contains(&"import_not_allowed"),
                "{source}: {issues:#?}"
            );
        }
    }

    #[test]
    fn external_urls_are_refused_wherever_they_appear() {
        for source in [
            "body { background: url(https://evil.test/track.png) }",
            "body { background: url('//evil.test/track.png') }",
            "body { background: url(\"http://evil.test/x.png\") }",
            "body { background-image: url(data:image/png;base64,AAAA) }",
            "body { background: url(/api/logout) }",
            "body { background: url(/media/../api/logout) }",
            "body { background: url(/media/%2e%2e/api/logout) }",
            "body { background: url(javascript:alert(1)) }",
            "body { background: image-set('https://evil.test/a.png' 1x) }",
            "body { background: -webkit-image-set(\"//evil.test/a.png\" 1x) }",
            "body { background: image-set(var(--u) 1x) }",
            "body { --u: url(https://evil.test/a.png) }",
            "body { mask: url(https://evil.test/m.svg#x) }",
            "body { cursor: url(https://evil.test/c.cur), auto }",
            "body { x-unknown-property: url(https://evil.test/a) }",
            "@font-face { font-family: X; src: url(https://fonts.evil.test/x.woff2) }",
            "@font-face { font-family: X; src: local(X), url('https://fonts.evil.test/x.woff2') }",
            "@namespace svg url(http://www.w3.org/2000/svg);",
            "@namespace \"http://www.w3.org/1999/xhtml\";",
            "body { background: url(var(--x)) }",
            "body { background: src(\"https://evil.test/a.png\") }",
        ] {
            let issues = refused(source);
            assert!(
                codes(&issues).contains(&"external_url"),
                "{source}: {issues:#?}"
            );
        }
    }

    #[test]
    fn whole_document_at_rules_are_refused() {
        for (source, name) in [
            ("@page { margin: 0 }", "@page"),
            (
                "@property --x { syntax: '<color>'; inherits: true; initial-value: red }",
                "@property",
            ),
            (
                "@counter-style thumbs { system: cyclic; symbols: '👍'; }",
                "@counter-style",
            ),
            ("@scope (.a) { p { color: red } }", "@scope"),
            ("@view-transition { navigation: auto; }", "@view-transition"),
            ("@whatever foo { }", "@whatever"),
        ] {
            let issues = refused(source);
            assert_eq!(
                codes(&issues),
                ["at_rule_not_allowed"],
                "{source}: {issues:#?}"
            );
            assert!(issues[0].message.contains(name), "{issues:#?}");
            assert_eq!(issues[0].line, 1);
        }
    }

    #[test]
    fn charset_is_dropped() {
        assert_eq!(
            ok("@charset \"utf-8\";\nh1 { color: red }"),
            ".event-theme h1{color:red}"
        );
    }

    #[test]
    fn a_closing_style_tag_cannot_end_the_style_element() {
        for source in [
            "h1::after { content: '</style><script>alert(1)</script>' }",
            "h1::after { content: '\\3c/style>' }",
            "/*! </style> */ h1 { color: red }",
        ] {
            match scope_css(source, SCOPE) {
                Ok(css) => assert!(
                    !css.to_ascii_lowercase().contains("</"),
                    "{source} -> {css}"
                ),
                Err(issues) => assert_eq!(codes(&issues), ["parse_error"], "{source}"),
            }
        }
    }

    #[test]
    fn comments_are_dropped_from_the_output() {
        assert_eq!(
            ok("/* note */ h1 { color: red } /*! licence */"),
            ".event-theme h1{color:red}"
        );
    }

    #[test]
    fn every_issue_is_reported_not_only_the_first() {
        let issues = refused(
            "@import '/media/a.css';\nh1 { background: url(https://a.test/x) }\n@page { }\n:root ~ p { }",
        );
        let found = codes(&issues);
        for code in [
            "import_not_allowed",
            "external_url",
            "at_rule_not_allowed",
            "selector_outside_scope",
        ] {
            assert!(found.contains(&code), "{code} missing from {issues:#?}");
        }
        let lines: Vec<u32> = issues.iter().map(|i| i.line).collect();
        let mut sorted_lines = lines.clone();
        sorted_lines.sort_unstable();
        assert_eq!(lines, sorted_lines);
    }

    #[test]
    fn the_scope_may_be_any_single_compound_selector() {
        assert_eq!(
            scope_css("p { color: red }", "main#event.theme").unwrap(),
            "main#event.theme p{color:red}"
        );
        for bad in ["", ".a .b", ".a > .b", ":root", ".a, .b", "{}"] {
            let issues = scope_css("p { color: red }", bad).unwrap_err();
            assert_eq!(codes(&issues), ["invalid_scope"], "{bad:?}");
        }
    }

    #[test]
    fn an_empty_stylesheet_is_empty() {
        assert_eq!(ok(""), "");
        assert_eq!(ok("  /* nothing */  "), "");
    }

    #[test]
    fn french_content_strings_survive() {
        assert_eq!(
            ok(".badge::before { content: 'Complet — déjà 🎉' }"),
            ".event-theme .badge:before{content:\"Complet — déjà 🎉\"}"
        );
    }

    #[test]
    fn a_20_kb_stylesheet_is_scoped_quickly() {
        let rule = "@media (min-width: 40rem) { .card:hover > h2, :root { --c: #abcdef; color: var(--c); } }\n";
        let source = rule.repeat(MAX_CSS_BYTES / rule.len());
        let started = std::time::Instant::now();
        let css = ok(&source);
        // Generous for an unoptimised build on a busy 2-core machine.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(3),
            "took {:?}",
            started.elapsed()
        );
        assert!(
            css.starts_with("@media (width>=40rem){.event-theme .card:hover>h2,.event-theme{"),
            "{css}"
        );
    }
}
