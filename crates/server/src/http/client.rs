//! Who is calling: the client IP used as a rate-limit key. `X-Forwarded-For` is believed only
//! when `TRUST_FORWARDED_FOR` says a proxy we control sets it; otherwise anyone could rotate it.

use actix_web::HttpRequest;

pub fn client_ip(req: &HttpRequest, trust_forwarded_for: bool) -> String {
    if trust_forwarded_for && let Some(ip) = req.connection_info().realip_remote_addr() {
        return ip.to_owned();
    }
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}
