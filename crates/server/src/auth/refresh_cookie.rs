//! The refresh token's cookie: HttpOnly (no script reads it), SameSite=Strict (no cross-site
//! request carries it) and scoped to the auth endpoints that need it.

use actix_web::HttpRequest;
use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::cookie::{Cookie, SameSite};

use crate::settings::Settings;

pub const NAME: &str = "reckot_refresh";
const PATH: &str = "/api/v1/auth";

pub fn build(token: String, settings: &Settings) -> Cookie<'static> {
    let max_age = i64::try_from(settings.refresh_token_ttl.as_secs()).unwrap_or(30 * 86_400);
    Cookie::build(NAME, token)
        .path(PATH)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(settings.base_url.starts_with("https://"))
        .max_age(CookieDuration::seconds(max_age))
        .finish()
}

pub fn clear(settings: &Settings) -> Cookie<'static> {
    let mut cookie = build(String::new(), settings);
    cookie.make_removal();
    cookie
}

pub fn read(req: &HttpRequest) -> Option<String> {
    req.cookie(NAME)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}
