//! Server-sent events read through `fetch`, not `EventSource`: an `EventSource` cannot send the
//! `Authorization: Bearer` header our API needs. The body is read chunk by chunk from its
//! `ReadableStream`, cut into lines and frames (a blank line ends a frame), and each frame is
//! handed over as `event` + `data`. When the stream ends or fails it is opened again after a
//! short, growing pause; [`EventStream::close`] (on unmount) aborts the request and ends it all.

use std::cell::Cell;
use std::rc::Rc;

use common::ErrorCode;
use futures_util::future::{Either, select};
use gloo_net::http::Request;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, ReadableStreamReadResult};

use super::{API_BASE, ApiError, LANG, ON_EXPIRED, problem_of, refresh_shared, token};

/// One event of the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseFrame {
    /// The `event:` field; `message` when the frame has none.
    pub event: String,
    /// The `data:` lines, joined with `\n`.
    pub data: String,
}

/// Cuts a byte stream into frames. Lines are cut on bytes, before decoding, so a character
/// split across two chunks is decoded whole (`\n` never occurs inside a UTF-8 sequence).
#[derive(Debug, Default)]
pub struct SseParser {
    pending: Vec<u8>,
    event: String,
    data: Vec<String>,
}

impl SseParser {
    /// Feeds a chunk; returns the frames it completed.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<SseFrame> {
        self.pending.extend_from_slice(chunk);
        let mut frames = Vec::new();
        let mut start = 0;
        while let Some(nl) = self.pending[start..].iter().position(|b| *b == b'\n') {
            let end = start + nl;
            let mut line = &self.pending[start..end];
            if let Some(stripped) = line.strip_suffix(b"\r") {
                line = stripped;
            }
            let line = String::from_utf8_lossy(line).into_owned();
            if let Some(frame) = self.line(&line) {
                frames.push(frame);
            }
            start = end + 1;
        }
        self.pending.drain(..start);
        frames
    }

    fn line(&mut self, line: &str) -> Option<SseFrame> {
        if line.is_empty() {
            let event = std::mem::take(&mut self.event);
            if self.data.is_empty() {
                return None;
            }
            let data = std::mem::take(&mut self.data).join("\n");
            let event = if event.is_empty() {
                "message".to_owned()
            } else {
                event
            };
            return Some(SseFrame { event, data });
        }
        // `: keep-alive` and other comments.
        if line.starts_with(':') {
            return None;
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (line, ""),
        };
        match field {
            "event" => self.event = value.to_owned(),
            "data" => self.data.push(value.to_owned()),
            // `id` and `retry` do not matter to us: every frame is a whole snapshot, and the
            // reconnection pause is ours.
            _ => {}
        }
        None
    }
}

/// Where the stream is, for a "live" indicator.
#[derive(Debug, Clone, PartialEq)]
pub enum StreamStatus {
    Connecting,
    /// Open and reading.
    Live,
    /// Ended or failed; opened again shortly.
    Reconnecting,
    /// Refused for good (signed out, no access, no such event): not retried.
    Failed(ApiError),
}

/// A running stream; dropping it does not stop it, [`EventStream::close`] does.
pub struct EventStream {
    controller: Option<AbortController>,
    closed: Rc<Cell<bool>>,
}

impl EventStream {
    /// Stops reading: aborts the open request and any reconnection.
    pub fn close(&self) {
        self.closed.set(true);
        if let Some(c) = &self.controller {
            c.abort();
        }
    }
}

const FIRST_PAUSE_MS: i32 = 1_000;
const MAX_PAUSE_MS: i32 = 15_000;
/// The server sends at least a `: keep-alive` every 15 s; this long without a byte means the
/// connection died without closing (a sleeping laptop, a dropped Wi-Fi), so it is opened again.
const SILENCE_MS: i32 = 45_000;

/// Opens `GET {API_BASE}{path}` as an event stream with the session's token; calls `on_frame`
/// for every frame and `on_status` as the connection comes and goes.
pub fn open(
    path: String,
    on_frame: impl Fn(SseFrame) + 'static,
    on_status: impl Fn(StreamStatus) + 'static,
) -> EventStream {
    let controller = AbortController::new().ok();
    let signal = controller.as_ref().map(AbortController::signal);
    let closed = Rc::new(Cell::new(false));
    let stop = closed.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let mut pause = FIRST_PAUSE_MS;
        let mut first = true;
        while !stop.get() {
            on_status(if first {
                StreamStatus::Connecting
            } else {
                StreamStatus::Reconnecting
            });
            first = false;
            match read_once(&path, signal.as_ref(), &on_frame, &on_status, &stop).await {
                Outcome::Ended { got_frames } => {
                    if got_frames {
                        pause = FIRST_PAUSE_MS;
                    }
                }
                Outcome::Refreshed => continue,
                Outcome::Failed(e) => {
                    if !stop.get() {
                        on_status(StreamStatus::Failed(e));
                    }
                    return;
                }
            }
            if stop.get() {
                return;
            }
            on_status(StreamStatus::Reconnecting);
            sleep_ms(pause).await;
            pause = (pause * 2).min(MAX_PAUSE_MS);
        }
    });
    EventStream { controller, closed }
}

enum Outcome {
    /// The stream ended or broke (retry after a pause).
    Ended {
        got_frames: bool,
    },
    /// The token was refreshed after a 401: open again at once.
    Refreshed,
    Failed(ApiError),
}

async fn read_once(
    path: &str,
    signal: Option<&web_sys::AbortSignal>,
    on_frame: &impl Fn(SseFrame),
    on_status: &impl Fn(StreamStatus),
    stop: &Cell<bool>,
) -> Outcome {
    let used = token();
    let lang = LANG.with(Cell::get);
    let mut req = Request::get(&format!("{API_BASE}{path}"))
        .header("Accept", "text/event-stream")
        .header("Accept-Language", lang.as_str())
        .abort_signal(signal);
    if let Some(t) = &used {
        req = req.header("Authorization", &format!("Bearer {t}"));
    }
    let resp = match req.send().await {
        Ok(r) => r,
        Err(_) => return Outcome::Ended { got_frames: false },
    };
    if resp.status() == 401 && used.is_some() {
        // The access token ran out while the page was open: refresh once, as `api::send` does.
        if refresh_shared().await.is_some() {
            return Outcome::Refreshed;
        }
        if let Some(f) = ON_EXPIRED.with(|c| c.borrow().clone()) {
            f();
        }
        return Outcome::Failed(ApiError::from_code(ErrorCode::AuthenticationRequired));
    }
    let status = resp.status();
    if !resp.ok() {
        let err = problem_of(resp).await;
        // Busy or down for a moment: worth another try. Other refusals will not change.
        return if status == 429 || status == 408 || status >= 500 {
            Outcome::Ended { got_frames: false }
        } else {
            Outcome::Failed(err)
        };
    }
    let Some(body) = resp.body() else {
        return Outcome::Ended { got_frames: false };
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    on_status(StreamStatus::Live);
    let mut parser = SseParser::default();
    let mut got_frames = false;
    while !stop.get() {
        let read = JsFuture::from(reader.read());
        let chunk = match select(read, Box::pin(sleep_ms(SILENCE_MS))).await {
            Either::Left((chunk, _)) => chunk,
            Either::Right(_) => break,
        };
        // Rejected when the request is aborted (unmount) or the connection drops.
        let Ok(chunk) = chunk else {
            break;
        };
        let chunk: ReadableStreamReadResult = chunk.unchecked_into();
        if chunk.get_done().unwrap_or(true) {
            break;
        }
        let bytes = js_sys::Uint8Array::new(&chunk.get_value()).to_vec();
        for frame in parser.push(&bytes) {
            got_frames = true;
            on_frame(frame);
        }
    }
    // Lets the browser close the connection; the promise's answer does not matter.
    let _ = reader.cancel();
    Outcome::Ended { got_frames }
}

/// Waits `ms` milliseconds (a `setTimeout` wrapped in a promise).
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        } else {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = JsFuture::from(promise).await;
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{SseFrame, SseParser};

    fn frame(event: &str, data: &str) -> SseFrame {
        SseFrame {
            event: event.into(),
            data: data.into(),
        }
    }

    #[test]
    fn frames_end_on_blank_lines_and_may_span_chunks() {
        let mut p = SseParser::default();
        assert!(p.push(b"event: stats\ndata: {\"a\"").is_empty());
        assert_eq!(p.push(b":1}\n\n"), vec![frame("stats", "{\"a\":1}")]);
        assert_eq!(
            p.push(b": keep-alive\n\ndata: x\r\ndata: y\r\n\r\n"),
            vec![frame("message", "x\ny")]
        );
    }

    #[test]
    fn a_character_split_between_chunks_is_decoded_whole() {
        let mut p = SseParser::default();
        let text = "data: Entrée\n\n".as_bytes();
        let cut = text.iter().position(|b| *b >= 0x80).unwrap() + 1;
        assert!(p.push(&text[..cut]).is_empty());
        assert_eq!(p.push(&text[cut..]), vec![frame("message", "Entrée")]);
    }
}
