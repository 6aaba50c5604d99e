//! The camera: the rear camera (`getUserMedia`, `facingMode: environment`) into a `<video>`,
//! and every ~150 ms the frame drawn into a canvas and searched for a QR code, with the
//! browser's `BarcodeDetector` where it has one (Android Chrome, Safari), else with `rqrr`
//! (pure Rust, in this wasm) on the frame's luma. The same code seen again within 2 s is ignored,
//! so a ticket held in front of the camera is one scan, not seven.
//!
//! Only one camera runs at a time; its stream and timer live here (JS objects are not `Send`,
//! so they cannot sit in signals), and [`stop`] releases the camera when the page goes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream,
    MediaStreamConstraints, MediaStreamTrack,
};

use crate::components::button::SECONDARY;
use crate::i18n::{Tr, scanner as sc, t};

/// Time between two looks at the camera.
const TICK: Duration = Duration::from_millis(150);
/// The same code again within this many milliseconds is the same scan.
const DEBOUNCE_MS: f64 = 2000.0;
/// Frames are scaled down to this width before decoding: enough for a QR code held at arm's
/// length, and rqrr's time grows with the pixel count.
const MAX_WIDTH: u32 = 640;

struct Running {
    stream: MediaStream,
    timer: IntervalHandle,
}

thread_local! {
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CamState {
    Off,
    Starting,
    On,
    Failed(Tr),
}

/// Stops the camera (its light goes off) and the frame timer. Safe to call when stopped.
pub fn stop() {
    RUNNING.with(|r| {
        if let Some(run) = r.borrow_mut().take() {
            run.timer.clear();
            let tracks = run.stream.get_tracks();
            for track in tracks.iter() {
                if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
                    track.stop();
                }
            }
        }
    });
}

#[component]
pub fn Camera(
    /// A decoded code (already debounced).
    on_code: Callback<String>,
    /// Off while the device is revoked.
    #[prop(into)]
    enabled: Signal<bool>,
) -> impl IntoView {
    let state = RwSignal::new(CamState::Off);
    let video = NodeRef::<leptos::html::Video>::new();
    let canvas = NodeRef::<leptos::html::Canvas>::new();

    let start = move || {
        if matches!(state.get_untracked(), CamState::Starting | CamState::On) {
            return;
        }
        let (Some(video), Some(canvas)) = (video.get_untracked(), canvas.get_untracked()) else {
            return;
        };
        state.set(CamState::Starting);
        spawn_local(async move {
            match open(&video).await {
                Ok(stream) => {
                    // The page may have gone while the person answered the permission prompt.
                    if state.try_get_untracked().is_none() {
                        stop_stream(&stream);
                        return;
                    }
                    let looker = Looker::new(video, canvas, on_code);
                    match set_interval_with_handle(move || looker.tick(), TICK) {
                        Ok(timer) => {
                            stop();
                            RUNNING.with(|r| *r.borrow_mut() = Some(Running { stream, timer }));
                            state.set(CamState::On);
                        }
                        Err(_) => {
                            stop_stream(&stream);
                            state.set(CamState::Failed(sc::CAMERA_FAILED));
                        }
                    }
                }
                Err(e) => {
                    state.try_set(CamState::Failed(failure(&e)));
                }
            }
        });
    };
    let halt = move || {
        stop();
        if let Some(v) = video.get_untracked() {
            v.set_src_object(None);
        }
        state.set(CamState::Off);
    };

    // On by default: at a door the camera is the point of the page.
    Effect::new(move |_| {
        if enabled.get() && video.get().is_some() {
            start();
        } else if !enabled.get() {
            halt();
        }
    });
    on_cleanup(stop);

    let status = move || match state.get() {
        CamState::Off => sc::CAMERA_OFF,
        CamState::Starting => sc::CAMERA_STARTING,
        CamState::On => sc::CAMERA_ON,
        CamState::Failed(tr) => tr,
    };
    let lang = crate::i18n::use_lang();
    let running = move || matches!(state.get(), CamState::Starting | CamState::On);

    view! {
        <section aria-labelledby="camera-heading" class="space-y-2">
            <div class="flex items-center justify-between gap-3">
                <h2 id="camera-heading" class="text-lg font-semibold text-gray-900">{t(sc::CAMERA)}</h2>
                <button
                    type="button"
                    class=SECONDARY
                    disabled=move || !enabled.get()
                    on:click=move |_| {
                        super::feedback::unlock();
                        if running() { halt() } else { start() }
                    }
                >
                    {move || if running() { t(sc::CAMERA_STOP)() } else { t(sc::CAMERA_START)() }}
                </button>
            </div>
            <div class="relative overflow-hidden rounded-xl bg-gray-900">
                <video
                    node_ref=video
                    class="block aspect-[4/3] max-h-[45vh] w-full object-cover"
                    aria-label=t(sc::CAMERA_VIEW)
                    playsinline=true
                    muted=true
                    autoplay=true
                ></video>
                // The viewfinder: where to hold the code.
                <div aria-hidden="true" class="pointer-events-none absolute inset-[18%] rounded-lg border-4 border-white/80"></div>
            </div>
            <canvas node_ref=canvas class="hidden" aria-hidden="true"></canvas>
            <p role="status" class="text-sm text-gray-700">{move || status().get(lang.get())}</p>
        </section>
    }
}

/// Asks for the rear camera and plays it into `video`.
async fn open(video: &HtmlVideoElement) -> Result<MediaStream, JsValue> {
    let devices = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .navigator()
        .media_devices()?;
    let constraints = js_sys::Object::new();
    let video_c = js_sys::Object::new();
    let facing = js_sys::Object::new();
    js_sys::Reflect::set(&facing, &"ideal".into(), &"environment".into())?;
    js_sys::Reflect::set(&video_c, &"facingMode".into(), &facing)?;
    let width = js_sys::Object::new();
    js_sys::Reflect::set(&width, &"ideal".into(), &JsValue::from(1280))?;
    js_sys::Reflect::set(&video_c, &"width".into(), &width)?;
    js_sys::Reflect::set(&constraints, &"video".into(), &video_c)?;
    js_sys::Reflect::set(&constraints, &"audio".into(), &JsValue::FALSE)?;
    let constraints: MediaStreamConstraints = constraints.unchecked_into();
    let stream: MediaStream =
        JsFuture::from(devices.get_user_media_with_constraints(&constraints)?)
            .await?
            .dyn_into()?;
    video.set_src_object(Some(&stream));
    if let Ok(p) = video.play() {
        // Autoplay of a muted video is allowed; a refusal still leaves frames to read.
        let _ = JsFuture::from(p).await;
    }
    Ok(stream)
}

fn stop_stream(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
            track.stop();
        }
    }
}

/// The message for a `getUserMedia` failure, by the DOMException's name.
fn failure(e: &JsValue) -> Tr {
    let name = js_sys::Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "SecurityError" => sc::CAMERA_DENIED,
        "NotFoundError" | "OverconstrainedError" => sc::CAMERA_MISSING,
        _ => sc::CAMERA_FAILED,
    }
}

/// Looks at frames: draws, decodes, debounces, reports.
#[derive(Clone)]
struct Looker {
    video: HtmlVideoElement,
    canvas: HtmlCanvasElement,
    ctx: Option<CanvasRenderingContext2d>,
    /// `new BarcodeDetector({formats: ["qr_code"]})`, when the browser has one.
    detector: Option<JsValue>,
    busy: Rc<Cell<bool>>,
    last: Rc<RefCell<(String, f64)>>,
    on_code: Callback<String>,
}

impl Looker {
    fn new(
        video: HtmlVideoElement,
        canvas: HtmlCanvasElement,
        on_code: Callback<String>,
    ) -> Looker {
        // Frequent reads: keep the canvas in memory rather than on the GPU.
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"willReadFrequently".into(), &JsValue::TRUE);
        let ctx = canvas
            .get_context_with_context_options("2d", &options)
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
        Looker {
            video,
            canvas,
            ctx,
            detector: barcode_detector(),
            busy: Rc::new(Cell::new(false)),
            last: Rc::new(RefCell::new((String::new(), 0.0))),
            on_code,
        }
    }

    fn tick(&self) {
        if self.busy.get() {
            return;
        }
        let (vw, vh) = (self.video.video_width(), self.video.video_height());
        let Some(ctx) = self.ctx.as_ref() else { return };
        if vw == 0 || vh == 0 {
            return;
        }
        let w = vw.min(MAX_WIDTH);
        let h = (f64::from(vh) * f64::from(w) / f64::from(vw)).round() as u32;
        if self.canvas.width() != w || self.canvas.height() != h {
            self.canvas.set_width(w);
            self.canvas.set_height(h);
        }
        if ctx
            .draw_image_with_html_video_element_and_dw_and_dh(
                &self.video,
                0.0,
                0.0,
                f64::from(w),
                f64::from(h),
            )
            .is_err()
        {
            return;
        }
        match &self.detector {
            Some(detector) => {
                self.busy.set(true);
                let this = self.clone();
                let detector = detector.clone();
                spawn_local(async move {
                    let found = detect(&detector, &this.canvas).await;
                    this.busy.set(false);
                    if let Some(code) = found {
                        this.report(code);
                    }
                });
            }
            None => {
                let Ok(image) = ctx.get_image_data(0.0, 0.0, f64::from(w), f64::from(h)) else {
                    return;
                };
                if let Some(code) = decode_rgba(&image.data(), w as usize, h as usize) {
                    self.report(code);
                }
            }
        }
    }

    fn report(&self, code: String) {
        let now = js_sys::Date::now();
        {
            let mut last = self.last.borrow_mut();
            if last.0 == code && now - last.1 < DEBOUNCE_MS {
                // Still in front of the camera: extend the window, so it is one scan.
                last.1 = now;
                return;
            }
            *last = (code.clone(), now);
        }
        self.on_code.run(code);
    }
}

/// The browser's `BarcodeDetector` for QR codes, if it has one that reads them.
fn barcode_detector() -> Option<JsValue> {
    let window = web_sys::window()?;
    let ctor = js_sys::Reflect::get(&window, &"BarcodeDetector".into()).ok()?;
    let ctor = ctor.dyn_into::<js_sys::Function>().ok()?;
    let options = js_sys::Object::new();
    let formats = js_sys::Array::of1(&"qr_code".into());
    js_sys::Reflect::set(&options, &"formats".into(), &formats).ok()?;
    // Throws a TypeError where `qr_code` is not supported: then rqrr does the work.
    js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&options)).ok()
}

/// `await detector.detect(canvas)` and the first code's `rawValue`.
async fn detect(detector: &JsValue, canvas: &HtmlCanvasElement) -> Option<String> {
    let detect = js_sys::Reflect::get(detector, &"detect".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = detect
        .call1(detector, canvas)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let found = JsFuture::from(promise).await.ok()?;
    let found = found.dyn_into::<js_sys::Array>().ok()?;
    found.iter().find_map(|b| {
        js_sys::Reflect::get(&b, &"rawValue".into())
            .ok()?
            .as_string()
            .filter(|s| !s.is_empty())
    })
}

/// Finds and reads a QR code in an RGBA frame, with rqrr on its luma (ITU-R BT.601 weights).
fn decode_rgba(rgba: &[u8], w: usize, h: usize) -> Option<String> {
    if rgba.len() < w * h * 4 {
        return None;
    }
    let luma: Vec<u8> = rgba
        .chunks_exact(4)
        .map(|p| ((u32::from(p[0]) * 77 + u32::from(p[1]) * 150 + u32::from(p[2]) * 29) >> 8) as u8)
        .collect();
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| luma[y * w + x]);
    img.detect_grids()
        .into_iter()
        .find_map(|g| g.decode().ok().map(|(_, content)| content))
        .filter(|c| !c.is_empty())
}
