//! Blob storage for uploads (organization logos, event images): the [`Storage`] trait, the
//! [`LocalDiskStorage`] implementation, and [`sniff_image`], which identifies an image by its
//! content so an upload's type never rests on the client's `Content-Type` header.

use std::io::Write;
use std::path::{Path, PathBuf};

use async_trait::async_trait;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("invalid storage key {0:?}")]
    InvalidKey(String),
    #[error("storage I/O failed: {0}")]
    Io(#[from] std::io::Error),
}

#[async_trait]
pub trait Storage: Send + Sync {
    /// Stores `bytes` under `key`, replacing any previous object.
    async fn put(&self, key: &str, bytes: &[u8], content_type: &str) -> Result<(), StorageError>;
    /// The object and its content type, or `None` when nothing is stored under `key`.
    async fn get(&self, key: &str) -> Result<Option<(Vec<u8>, String)>, StorageError>;
    /// Removes the object; removing a missing key succeeds, so retries are harmless.
    async fn delete(&self, key: &str) -> Result<(), StorageError>;
}

/// Stores objects as files under a root folder: key `logos/<uuid>.png` is `<root>/logos/<uuid>.png`,
/// so the folder can also be served as static files. Each object's content type sits beside it in a
/// hidden `.<name>.content-type` file; valid keys never start a segment with a dot, so these
/// sidecars and in-flight temp files cannot collide with an object.
#[derive(Debug, Clone)]
pub struct LocalDiskStorage {
    root: PathBuf,
}

const MAX_KEY_LEN: usize = 512;

impl LocalDiskStorage {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Resolves a key to its file and sidecar paths after checking it cannot leave the root:
    /// ASCII letters, digits, `-`, `_`, `.` and `/` only, relative, no empty or dot-leading segments
    /// (which rules out `.` and `..`), no backslashes.
    fn paths(&self, key: &str) -> Result<(PathBuf, PathBuf), StorageError> {
        let invalid = || StorageError::InvalidKey(key.chars().take(MAX_KEY_LEN).collect());
        if key.is_empty() || key.len() > MAX_KEY_LEN || key.contains("..") {
            return Err(invalid());
        }
        if !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        {
            return Err(invalid());
        }
        let segments: Vec<&str> = key.split('/').collect();
        if segments.iter().any(|s| s.is_empty() || s.starts_with('.')) {
            return Err(invalid());
        }
        let mut file = self.root.clone();
        file.extend(&segments);
        let name = segments.last().ok_or_else(invalid)?;
        let sidecar = file.with_file_name(format!(".{name}.content-type"));
        Ok((file, sidecar))
    }
}

/// Writes `bytes` to `path` so readers see the old content or the new, never a partial file: a
/// temp file in the same folder (same filesystem, so the rename is atomic), flushed, then renamed.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", uuid::Uuid::new_v4().simple()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        // Best effort: the original error is the one worth reporting.
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// The content type to report when an object has no sidecar (e.g. files copied in by hand).
fn content_type_from_extension(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[async_trait]
impl Storage for LocalDiskStorage {
    async fn put(&self, key: &str, bytes: &[u8], content_type: &str) -> Result<(), StorageError> {
        let (file, sidecar) = self.paths(key)?;
        let bytes = bytes.to_vec();
        let content_type = content_type.trim().to_owned();
        // Blocking file I/O (fsync in particular) stays off the async workers.
        tokio::task::spawn_blocking(move || {
            // Sidecar first: a crash in between leaves a right type next to the old object rather
            // than a new object with no type.
            write_atomically(&sidecar, content_type.as_bytes())?;
            write_atomically(&file, &bytes)
        })
        .await
        .map_err(std::io::Error::other)??;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Option<(Vec<u8>, String)>, StorageError> {
        let (file, sidecar) = self.paths(key)?;
        let bytes = match tokio::fs::read(&file).await {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(error.into()),
        };
        let content_type = match tokio::fs::read_to_string(&sidecar).await {
            Ok(content_type) if !content_type.trim().is_empty() => content_type.trim().to_owned(),
            Ok(_) => content_type_from_extension(&file).to_owned(),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                content_type_from_extension(&file).to_owned()
            }
            Err(error) => return Err(error.into()),
        };
        Ok(Some((bytes, content_type)))
    }

    async fn delete(&self, key: &str) -> Result<(), StorageError> {
        let (file, sidecar) = self.paths(key)?;
        tokio::task::spawn_blocking(move || {
            remove_if_present(&file)?;
            remove_if_present(&sidecar)
        })
        .await
        .map_err(std::io::Error::other)??;
        Ok(())
    }
}

/// Image formats accepted for uploads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageKind {
    Png,
    Jpeg,
    Webp,
}

impl ImageKind {
    pub fn content_type(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Webp => "image/webp",
        }
    }

    /// The file extension to store it under, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Webp => "webp",
        }
    }
}

/// Identifies PNG, JPEG and WebP by their magic bytes. SVG is deliberately absent: it can carry
/// scripts, so serving user-uploaded SVG from our origin would need sanitizing first.
pub fn sniff_image(bytes: &[u8]) -> Option<ImageKind> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.starts_with(PNG) {
        return Some(ImageKind::Png);
    }
    // SOI marker followed by the first marker's 0xFF.
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(ImageKind::Jpeg);
    }
    // RIFF container: "RIFF", 4-byte little-endian size, then the "WEBP" form type.
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Some(ImageKind::Webp);
    }
    None
}

#[cfg(test)]
mod tests;
