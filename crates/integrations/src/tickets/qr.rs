//! QR codes for ticket tokens, with qrcodegen: medium error correction (a scuffed or creased code
//! still scans) and the 4-module quiet zone the standard asks for, included in every rendering.

use qrcodegen::{QrCode, QrCodeEcc};

/// Light modules around the code on every side.
pub const QUIET_ZONE: usize = 4;
/// Largest PNG module size, in pixels: a bound on memory, far above what a screen or printer needs.
pub const MAX_PNG_SCALE: u32 = 40;

/// The dark (`true`) and light modules, row by row, without the quiet zone; `None` when the
/// payload is too long for any QR code.
pub fn modules(payload: &str) -> Option<Vec<Vec<bool>>> {
    let code = QrCode::encode_text(payload, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    Some(
        (0..size)
            .map(|y| (0..size).map(|x| code.get_module(x, y)).collect())
            .collect(),
    )
}

/// A standalone SVG: one black path on a white square, one unit per module, quiet zone included.
pub fn svg(payload: &str) -> Option<String> {
    let rows = modules(payload)?;
    let side = rows.len() + 2 * QUIET_ZONE;
    let mut path = String::new();
    for (y, row) in rows.iter().enumerate() {
        for (x, _) in row.iter().enumerate().filter(|(_, dark)| **dark) {
            path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE));
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 {side} {side}\" \
         shape-rendering=\"crispEdges\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\
         <path d=\"{path}\" fill=\"#000000\"/></svg>"
    ))
}

/// A 1-bit grayscale PNG, `scale` pixels per module (clamped to 1 ..= [`MAX_PNG_SCALE`]), quiet
/// zone included.
pub fn png(payload: &str, scale: u32) -> Option<Vec<u8>> {
    let rows = modules(payload)?;
    let scale = scale.clamp(1, MAX_PNG_SCALE) as usize;
    let pixels = (rows.len() + 2 * QUIET_ZONE) * scale;
    let row_bytes = pixels.div_ceil(8);
    // Bits set to 1 are white in grayscale; start all white and darken the modules.
    let mut data = vec![0xffu8; row_bytes * pixels];
    for (y, row) in rows.iter().enumerate() {
        for (x, _) in row.iter().enumerate().filter(|(_, dark)| **dark) {
            for py in (y + QUIET_ZONE) * scale..(y + QUIET_ZONE + 1) * scale {
                for px in (x + QUIET_ZONE) * scale..(x + QUIET_ZONE + 1) * scale {
                    data[py * row_bytes + px / 8] &= !(0x80 >> (px % 8));
                }
            }
        }
    }
    let side = u32::try_from(pixels).ok()?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&data).ok()?;
    writer.finish().ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "RK1.ERERIiIiMzMzREREVVVVZmZmd3d3iIiImZmZqqqqu7u7zMzM3d3d7u7u__8AAAE9N2kV8a4Bn-0.\
                         sig-ZXhhbXBsZS1zaWduYXR1cmUtZm9yLXRlc3RzLW9ubHktODYtY2hhcmFjdGVycy1sb25nLXh4eA";

    #[test]
    fn a_ticket_token_fits_a_square_code_of_odd_size() {
        let Some(rows) = modules(TOKEN) else {
            panic!("a token fits in a QR code");
        };
        assert_eq!(rows.len() % 4, 1, "QR sizes are 17 + 4 × version");
        assert!(rows.iter().all(|row| row.len() == rows.len()));
        // The top-left finder pattern: a dark 7-module border.
        assert!(rows[0][..7].iter().all(|dark| *dark));
        assert!(!rows[1][1]);
    }

    #[test]
    fn the_svg_is_standalone_with_one_path_and_a_quiet_zone() {
        let (Some(svg), Some(rows)) = (svg(TOKEN), modules(TOKEN)) else {
            panic!("a token fits in a QR code");
        };
        let side = rows.len() + 8;
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")));
        assert!(svg.contains("shape-rendering=\"crispEdges\""));
        assert_eq!(svg.matches("<path ").count(), 1);
        // The finder pattern's corner module sits just inside the quiet zone.
        assert!(svg.contains("<path d=\"M4,4h1v1h-1z"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn the_png_decodes_to_the_code_at_the_requested_scale() {
        let (Some(bytes), Some(rows)) = (png(TOKEN, 3), modules(TOKEN)) else {
            panic!("a token fits in a QR code");
        };
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let Ok(mut reader) = decoder.read_info() else {
            panic!("the PNG header decodes");
        };
        let side = u32::try_from((rows.len() + 8) * 3).unwrap_or_default();
        let info = reader.info();
        assert_eq!((info.width, info.height), (side, side));
        assert_eq!(info.color_type, png::ColorType::Grayscale);
        let mut pixels = vec![0; reader.output_buffer_size().unwrap_or_default()];
        let Ok(frame) = reader.next_frame(&mut pixels) else {
            panic!("the PNG image data decodes");
        };
        let row_bytes = frame.line_size;
        let pixel = |x: usize, y: usize| pixels[y * row_bytes + x / 8] & (0x80 >> (x % 8)) != 0;
        assert!(pixel(0, 0), "the quiet zone is white");
        assert!(
            !pixel(12, 12),
            "the first module of the finder pattern is black"
        );
        assert!(pixel(11, 12), "the pixel before it is quiet zone");
    }

    #[test]
    fn a_payload_too_long_for_any_code_gives_nothing() {
        let huge = "x".repeat(5000);
        assert_eq!(modules(&huge), None);
        assert_eq!(svg(&huge), None);
        assert_eq!(png(&huge, 4), None);
    }
}
