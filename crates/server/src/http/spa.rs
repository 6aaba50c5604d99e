//! The single-page app and uploaded media. Unknown `/api/...` paths get a JSON 404, never the
//! SPA's HTML; any other unknown path gets `index.html` so deep links work.

use std::path::{Component, Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::header::{self, CacheControl, CacheDirective};
use actix_web::{HttpRequest, HttpResponse, get, web};

use crate::error::AppError;
use crate::state::AppState;

pub async fn fallback(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let path = req.path();
    if path.starts_with("/api/") || path == "/api" || path.starts_with("/media/") {
        return Err(AppError::not_found());
    }
    let root = &state.settings.spa_dir;
    if let Some(file) = safe_join(root, path).filter(|p| p.is_file()) {
        let named = NamedFile::open(file).map_err(AppError::internal)?;
        let mut res = named.into_response(&req);
        // File names carry no content hash, so browsers revalidate (cheaply, by ETag) every time.
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("no-cache"),
        );
        return Ok(res);
    }
    let index = NamedFile::open(root.join("index.html")).map_err(|_| AppError::not_found())?;
    let mut res = index.into_response(&req);
    // The shell must be revalidated so a new build is picked up at once.
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-cache"),
    );
    Ok(res)
}

/// `root` + the request path, refusing anything that would climb out of `root`.
fn safe_join(root: &Path, request_path: &str) -> Option<PathBuf> {
    let rel = Path::new(request_path.trim_start_matches('/'));
    if rel.as_os_str().is_empty() || rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    Some(root.join(rel))
}

/// Uploaded files (organization logos). Keys are random, so they can be cached for long.
#[get("/media/{key:.*}")]
pub async fn media(
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (bytes, content_type) = state
        .storage
        .get(&key)
        .await
        .map_err(AppError::internal)?
        .ok_or_else(AppError::not_found)?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(CacheControl(vec![
            CacheDirective::Public,
            CacheDirective::MaxAge(86_400),
        ]))
        .body(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_climb_out_of_the_spa_folder_are_refused() {
        let root = Path::new("/srv/spa");
        assert_eq!(
            safe_join(root, "/app.css"),
            Some(PathBuf::from("/srv/spa/app.css"))
        );
        assert_eq!(safe_join(root, "/../etc/passwd"), None);
        assert_eq!(safe_join(root, "/pkg/../../x"), None);
        assert_eq!(safe_join(root, "/"), None);
    }
}
