//! Tests for local disk storage (round trips, atomic writes, key validation) and image sniffing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

const PNG_BYTES: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

#[tokio::test]
async fn an_object_round_trips_with_its_content_type_and_can_be_replaced() {
    let temp = tempfile::tempdir().unwrap();
    let storage = LocalDiskStorage::new(temp.path());
    let key = format!("logos/{}.png", uuid::Uuid::new_v4());

    storage.put(&key, PNG_BYTES, "image/png").await.unwrap();
    assert_eq!(
        storage.get(&key).await.unwrap(),
        Some((PNG_BYTES.to_vec(), "image/png".to_owned()))
    );
    assert!(temp.path().join(&key).is_file(), "stored at <root>/<key>");

    storage.put(&key, b"second", "text/plain").await.unwrap();
    assert_eq!(
        storage.get(&key).await.unwrap(),
        Some((b"second".to_vec(), "text/plain".to_owned()))
    );
}

#[tokio::test]
async fn only_the_object_and_its_sidecar_remain_after_a_write() {
    let temp = tempfile::tempdir().unwrap();
    let storage = LocalDiskStorage::new(temp.path());

    storage
        .put("logos/a.png", PNG_BYTES, "image/png")
        .await
        .unwrap();

    let mut names: Vec<String> = std::fs::read_dir(temp.path().join("logos"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![".a.png.content-type", "a.png"],
        "no temp files left"
    );
}

#[tokio::test]
async fn a_missing_key_reads_as_none_and_deleting_twice_is_fine() {
    let temp = tempfile::tempdir().unwrap();
    let storage = LocalDiskStorage::new(temp.path());

    assert_eq!(storage.get("logos/none.png").await.unwrap(), None);
    storage
        .put("logos/x.webp", b"data", "image/webp")
        .await
        .unwrap();
    storage.delete("logos/x.webp").await.unwrap();
    storage.delete("logos/x.webp").await.unwrap();
    assert_eq!(storage.get("logos/x.webp").await.unwrap(), None);
    assert!(!temp.path().join("logos/.x.webp.content-type").exists());
}

#[tokio::test]
async fn without_a_sidecar_the_type_comes_from_the_extension() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(temp.path().join("imports")).unwrap();
    std::fs::write(temp.path().join("imports/photo.JPG"), b"jpeg").unwrap();
    let storage = LocalDiskStorage::new(temp.path());

    let (_, content_type) = storage.get("imports/photo.JPG").await.unwrap().unwrap();
    assert_eq!(content_type, "image/jpeg");
}

#[tokio::test]
async fn keys_that_could_escape_the_root_or_hit_hidden_files_are_refused() {
    let temp = tempfile::tempdir().unwrap();
    let storage = LocalDiskStorage::new(temp.path().join("root"));
    let long = "a".repeat(600);
    for key in [
        "",
        "../secret",
        "logos/../../secret",
        "logos/..",
        "/etc/passwd",
        "logos\\a.png",
        "C:/a.png",
        "logos//a.png",
        "logos/",
        "logos/.a.png.content-type",
        ".hidden",
        "logos/a b.png",
        "logos/é.png",
        long.as_str(),
    ] {
        let put = storage.put(key, b"x", "text/plain").await;
        assert!(
            matches!(put, Err(StorageError::InvalidKey(_))),
            "put {key:?}"
        );
        let get = storage.get(key).await;
        assert!(
            matches!(get, Err(StorageError::InvalidKey(_))),
            "get {key:?}"
        );
        let delete = storage.delete(key).await;
        assert!(
            matches!(delete, Err(StorageError::InvalidKey(_))),
            "delete {key:?}"
        );
    }
    assert!(!temp.path().join("secret").exists());
}

#[test]
fn images_are_recognised_by_their_magic_bytes_not_their_names() {
    assert_eq!(sniff_image(PNG_BYTES), Some(ImageKind::Png));
    assert_eq!(
        sniff_image(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
        Some(ImageKind::Jpeg)
    );
    assert_eq!(
        sniff_image(b"RIFF\x24\0\0\0WEBPVP8 "),
        Some(ImageKind::Webp)
    );
    assert_eq!(
        sniff_image(b"RIFF\x24\0\0\0WAVEfmt "),
        None,
        "a WAV file is RIFF too"
    );
    assert_eq!(
        sniff_image(b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        None
    );
    assert_eq!(sniff_image(b"GIF89a"), None);
    assert_eq!(sniff_image(b""), None);
    assert_eq!(sniff_image(b"\x89PN"), None, "truncated header");
}

#[test]
fn image_kinds_name_their_content_type_and_extension() {
    assert_eq!(ImageKind::Png.content_type(), "image/png");
    assert_eq!(ImageKind::Jpeg.extension(), "jpg");
    assert_eq!(ImageKind::Webp.content_type(), "image/webp");
}
