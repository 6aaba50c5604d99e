//! What the staff member hears and feels after a scan: short tones made with a WebAudio
//! oscillator (no audio files to download or cache) and a vibration, one pattern per tone, so a
//! result is known without looking at the screen.

use std::cell::RefCell;

use wasm_bindgen::JsValue;
use web_sys::{AudioContext, OscillatorType};

use super::result::Tone;

thread_local! {
    static AUDIO: RefCell<Option<AudioContext>> = const { RefCell::new(None) };
}

/// Creates (or resumes) the audio context. Browsers only let sound start after a gesture, so
/// this runs in click and submit handlers; later scans from the camera can then beep.
pub fn unlock() {
    AUDIO.with(|a| {
        let mut a = a.borrow_mut();
        if a.is_none() {
            *a = AudioContext::new().ok();
        }
        if let Some(ctx) = a.as_ref() {
            let _ = ctx.resume();
        }
    });
}

/// `(frequency in Hz, start offset in s, duration in s)`.
type Note = (f32, f64, f64);

fn pattern(tone: Tone) -> (OscillatorType, &'static [Note], &'static [u32]) {
    match tone {
        // Two quick high notes: "go".
        Tone::Ok => (
            OscillatorType::Sine,
            &[(880.0, 0.0, 0.09), (1320.0, 0.11, 0.12)],
            &[80],
        ),
        // One middle note, twice felt: "look at the screen".
        Tone::Warn => (
            OscillatorType::Triangle,
            &[(520.0, 0.0, 0.28)],
            &[150, 80, 150],
        ),
        // A long low buzz: "stop".
        Tone::Stop => (
            OscillatorType::Square,
            &[(180.0, 0.0, 0.22), (140.0, 0.26, 0.3)],
            &[400],
        ),
        Tone::Idle => (OscillatorType::Sine, &[], &[]),
    }
}

/// Plays the tone's sound and vibration (each silently skipped where unsupported).
pub fn signal(tone: Tone) {
    let (kind, notes, buzz) = pattern(tone);
    if !buzz.is_empty()
        && let Some(w) = web_sys::window()
    {
        let pattern = js_sys::Array::new();
        for ms in buzz {
            pattern.push(&JsValue::from(*ms));
        }
        let _ = w.navigator().vibrate_with_pattern(&pattern);
    }
    AUDIO.with(|a| {
        if let Some(ctx) = a.borrow().as_ref() {
            for note in notes {
                let _ = play(ctx, kind, *note);
            }
        }
    });
}

fn play(ctx: &AudioContext, kind: OscillatorType, (hz, at, len): Note) -> Result<(), JsValue> {
    let start = ctx.current_time() + at;
    let osc = ctx.create_oscillator()?;
    osc.set_type(kind);
    osc.frequency().set_value(hz);
    // A short fade in and out avoids clicks at the edges of the note.
    let gain = ctx.create_gain()?;
    let g = gain.gain();
    g.set_value_at_time(0.0001, start)?;
    g.exponential_ramp_to_value_at_time(0.25, start + 0.01)?;
    g.exponential_ramp_to_value_at_time(0.0001, start + len)?;
    osc.connect_with_audio_node(&gain)?;
    gain.connect_with_audio_node(&ctx.destination())?;
    osc.start_with_when(start)?;
    osc.stop_with_when(start + len + 0.02)?;
    Ok(())
}
