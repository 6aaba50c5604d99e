//! One scanning session: what is being scanned (a check-in list or a swag item), at which gate,
//! and everything the screen shows (result, log, counts, network, queue, sync report). Every
//! code, from the camera, typed or picked in the name search, goes through [`Scanner::submit`].
//!
//! Check-in works without network: when the browser is offline or the server cannot be reached,
//! the answer comes from the list's offline copy (`state::scanner`), the scan is queued, and the
//! queue is sent to `/scans/sync` when the network is back (on the `online` event, on a timer,
//! or with "Sync now"). A queued scan keeps the nonce of its failed request, so a request that
//! did reach the server is counted once. Swag hand-outs are online only: stock is shared.

use std::time::Duration;

use chrono::{DateTime, Utc};
use common::checkin::{
    CheckinList, CheckinTicket, CreateScan, OfflineScan, PreviousEntry, RegisterDevice,
    ScanDirection, ScanOutcome, ScanResult, SyncReport, SyncScans,
};
use common::swag::{HandOutSwag, SwagItem, SwagOutcome};
use common::{ErrorCode, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::camera;
use super::feedback;
use super::result::{Headline, Shown, Tone};
use crate::api::{self, ApiError};
use crate::components::ErrSignal;
use crate::i18n::{scanner as sc, use_lang};
use crate::state::scanner::{self as store, OfflineCopy, StoredCopy};

/// The server takes at most this many scans per sync call.
const SYNC_BATCH: usize = 500;
/// Lines kept in the on-screen log.
const LOG_LINES: usize = 12;
/// How often the counts are refreshed and a pending queue retried.
const HEARTBEAT: Duration = Duration::from_secs(15);
/// A scan the server has not answered by then is decided offline: a queue of people waits at a
/// door, and a weak signal can hold a request for a minute. The queued scan keeps the request's
/// nonce, so if the request did land, the sync replays its answer instead of counting it twice.
const ANSWER_WITHIN_MS: i32 = 5000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    List(Uuid),
    Swag(Uuid),
}

/// The session's parameters, from the URL (`?event=&list=|swag=&gate=`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    pub event_id: Uuid,
    pub target: Target,
    pub gate: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CopyStatus {
    Loading,
    Ready { tickets: usize, at: DateTime<Utc> },
    Missing,
}

/// A scan the server answered differently after a sync.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncLine {
    pub who: String,
    pub shown: ScanOutcome,
    pub server: ScanOutcome,
    pub direction: ScanDirection,
    pub previous: Option<PreviousEntry>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncSummary {
    pub synced: usize,
    /// Admitted here offline although already admitted elsewhere (the first scan stands).
    pub conflicts: Vec<SyncLine>,
    /// Other answers that differ from what the door showed.
    pub different: Vec<SyncLine>,
}

#[derive(Clone, Copy)]
pub struct Scanner {
    pub org_id: Uuid,
    pub event_id: Uuid,
    pub target: Target,
    pub gate: StoredValue<String>,
    pub direction: RwSignal<ScanDirection>,
    pub shown: RwSignal<Option<Shown>>,
    pub log: RwSignal<Vec<Shown>>,
    /// The browser says it is online and the last request reached the server.
    pub online: RwSignal<bool>,
    pub queued: RwSignal<usize>,
    /// Offline admissions minus exits still in the queue (added to the server's count).
    pub pending_inside: RwSignal<i64>,
    pub syncing: RwSignal<bool>,
    /// Scans or hand-outs waiting for the server's answer.
    pub in_flight: RwSignal<u32>,
    pub report: RwSignal<Option<SyncSummary>>,
    pub list: RwSignal<Option<CheckinList>>,
    pub item: RwSignal<Option<SwagItem>>,
    pub copy_status: RwSignal<CopyStatus>,
    pub revoked: RwSignal<bool>,
    /// Admitted / refused on this device in this session.
    pub tally: RwSignal<(u32, u32)>,
    /// Failures that are not a scan's answer (a sync refused, a load failed).
    pub error: ErrSignal,
    copy: StoredValue<Option<OfflineCopy>>,
    seq: StoredValue<u32>,
    /// The app's language signal (it outlives the page), for texts built in background tasks.
    lang: RwSignal<Lang>,
}

fn browser_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// No answer, or a gateway saying the server is away: both mean "work offline".
fn unreachable(e: &ApiError) -> bool {
    matches!(e, ApiError::Network(_)) || e.is(ErrorCode::ServiceUnavailable)
}

fn new_nonce() -> String {
    Uuid::new_v4().simple().to_string()
}

/// `fut`'s output, or a network error once `ms` have passed without it.
async fn within<T>(
    ms: i32,
    fut: impl std::future::Future<Output = Result<T, ApiError>>,
) -> Result<T, ApiError> {
    use futures_util::future::{Either, select};
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let timer = wasm_bindgen_futures::JsFuture::from(timer);
    match select(std::pin::pin!(fut), timer).await {
        Either::Left((answer, _)) => answer,
        Either::Right(_) => Err(ApiError::Network("timed out".into())),
    }
}

impl Scanner {
    /// Creates the session for the current component and starts its background work: the
    /// device registration, the list (or item) and its offline copy, network listeners and the
    /// heartbeat. Everything stops with the component.
    pub fn start(org_id: Uuid, params: Params) -> Scanner {
        let queued = match params.target {
            Target::List(id) => store::queue(id).len(),
            Target::Swag(_) => 0,
        };
        let s = Scanner {
            org_id,
            event_id: params.event_id,
            target: params.target,
            gate: StoredValue::new(params.gate),
            direction: RwSignal::new(ScanDirection::Entry),
            shown: RwSignal::new(None),
            log: RwSignal::new(Vec::new()),
            online: RwSignal::new(browser_online()),
            queued: RwSignal::new(queued),
            pending_inside: RwSignal::new(0),
            syncing: RwSignal::new(false),
            in_flight: RwSignal::new(0),
            report: RwSignal::new(None),
            list: RwSignal::new(None),
            item: RwSignal::new(None),
            copy_status: RwSignal::new(CopyStatus::Loading),
            revoked: RwSignal::new(false),
            tally: RwSignal::new((0, 0)),
            error: RwSignal::new(None),
            copy: StoredValue::new(None),
            seq: StoredValue::new(0),
            lang: use_lang(),
        };
        if let Target::List(id) = s.target {
            s.pending_inside.set(store::pending_inside(id));
            // What this phone already had, usable at once (and offline).
            if let Some(copy) = OfflineCopy::load(id) {
                s.copy_status.set(CopyStatus::Ready {
                    tickets: copy.len(),
                    at: copy.stored.downloaded_at,
                });
                s.list.set(Some(copy.stored.list.clone()));
                s.copy.set_value(Some(copy));
            }
        }
        spawn_local(async move {
            if browser_online() {
                s.ensure_device().await;
            }
            if s.gone() {
                return;
            }
            match s.target {
                Target::List(_) => {
                    s.download().await;
                    s.sync().await;
                }
                Target::Swag(_) => s.refresh_item().await,
            }
        });

        let on = window_event_listener(leptos::ev::online, move |_| {
            s.online.set(true);
            spawn_local(s.sync());
        });
        let off = window_event_listener(leptos::ev::offline, move |_| s.online.set(false));
        let beat = set_interval_with_handle(move || spawn_local(s.heartbeat()), HEARTBEAT).ok();
        on_cleanup(move || {
            on.remove();
            off.remove();
            if let Some(b) = beat {
                b.clear();
            }
            camera::stop();
        });
        s
    }

    /// The component is gone (its signals disposed): background tasks stop here.
    fn gone(self) -> bool {
        self.seq.try_get_value().is_none()
    }

    fn gate_value(self) -> Option<String> {
        let g = self.gate.get_value();
        let g = g.trim();
        (!g.is_empty()).then(|| g.chars().take(60).collect())
    }

    /// A code from the camera, the keyboard or the name search.
    pub fn submit(self, code: String) {
        let code = code.trim().to_owned();
        if code.is_empty() || self.revoked.get_untracked() {
            return;
        }
        match self.target {
            Target::List(list_id) => spawn_local(self.scan(list_id, code)),
            Target::Swag(item_id) => spawn_local(self.hand_out(item_id, code)),
        }
    }

    /// The offline copy's matches for a name search; `None` without a copy.
    pub fn search_offline(self, q: &str) -> Option<Vec<CheckinTicket>> {
        self.copy.with_value(|c| c.as_ref().map(|c| c.search(q)))
    }

    fn show(self, mut shown: Shown) {
        if self.gone() {
            return;
        }
        self.seq.update_value(|n| *n += 1);
        shown.seq = self.seq.get_value();
        feedback::signal(shown.tone);
        match shown.tone {
            Tone::Ok => self.tally.update(|t| t.0 += 1),
            Tone::Warn | Tone::Stop => self.tally.update(|t| t.1 += 1),
            Tone::Idle => {}
        }
        self.log.update(|l| {
            l.insert(0, shown.clone());
            l.truncate(LOG_LINES);
        });
        self.shown.set(Some(shown));
    }

    async fn scan(self, list_id: Uuid, code: String) {
        let direction = self.direction.get_untracked();
        let gate = self.gate_value();
        let nonce = new_nonce();
        let at = Utc::now();
        if browser_online() {
            let body = CreateScan {
                code: code.clone(),
                direction,
                gate: gate.clone(),
                nonce: nonce.clone(),
                scanned_at: None,
                device_id: store::device_id(self.org_id),
            };
            self.in_flight.update(|n| *n += 1);
            let answer = within(
                ANSWER_WITHIN_MS,
                api::scanner::create_scan(self.org_id, list_id, &body),
            )
            .await;
            self.in_flight.try_update(|n| *n = n.saturating_sub(1));
            if self.gone() {
                return;
            }
            match answer {
                Ok(r) => {
                    self.online.set(true);
                    self.scanned_online(r, code);
                    return;
                }
                Err(e) if unreachable(&e) => self.online.set(false),
                Err(e) if e.is(ErrorCode::DeviceRevoked) => return self.revoke(),
                Err(e) => return self.show(Shown::problem(Headline::Error(e), code)),
            }
        }
        self.scan_offline(list_id, code, direction, gate, nonce, at);
    }

    fn scanned_online(self, r: ScanResult, code: String) {
        if r.outcome == ScanOutcome::Ok
            && let Some(t) = &r.ticket
        {
            self.copy.update_value(|c| {
                if let Some(c) = c {
                    c.record(t.id, r.direction);
                }
            });
            let step: i64 = match r.direction {
                ScanDirection::Entry => 1,
                ScanDirection::Exit => -1,
            };
            self.list.update(|l| {
                if let Some(l) = l {
                    bump(&mut l.counts.checked_in, step);
                    if let Some(c) = l
                        .counts
                        .by_ticket_type
                        .iter_mut()
                        .find(|c| c.ticket_type_id == t.ticket_type_id)
                    {
                        bump(&mut c.checked_in, step);
                    }
                }
            });
        }
        self.show(Shown::scan(
            r.outcome,
            r.direction,
            r.ticket,
            r.previous,
            false,
            code,
        ));
    }

    fn scan_offline(
        self,
        list_id: Uuid,
        code: String,
        direction: ScanDirection,
        gate: Option<String>,
        nonce: String,
        at: DateTime<Utc>,
    ) {
        let decision = self
            .copy
            .with_value(|c| c.as_ref().map(|c| c.decide(&code, direction, at)));
        let Some(d) = decision else {
            return self.show(Shown::problem(Headline::Text(sc::NO_COPY_OFFLINE), code));
        };
        if d.outcome == ScanOutcome::Ok
            && let Some(t) = &d.ticket
        {
            self.copy.update_value(|c| {
                if let Some(c) = c {
                    c.record(t.id, direction);
                }
            });
        }
        let queued = store::push_queue(
            list_id,
            OfflineScan {
                code: code.clone(),
                direction,
                gate,
                nonce,
                scanned_at: at,
                offline_outcome: d.outcome,
            },
        );
        self.queued.set(queued);
        self.pending_inside.set(store::pending_inside(list_id));
        self.show(Shown::scan(
            d.outcome, direction, d.ticket, None, true, code,
        ));
    }

    async fn hand_out(self, item_id: Uuid, code: String) {
        if !browser_online() {
            return self.show(Shown::problem(Headline::Text(sc::SWAG_NEEDS_NETWORK), code));
        }
        let body = HandOutSwag {
            code: code.clone(),
            quantity: 1,
            nonce: new_nonce(),
            device_id: store::device_id(self.org_id),
        };
        self.in_flight.update(|n| *n += 1);
        let answer = within(
            ANSWER_WITHIN_MS,
            api::scanner::hand_out_swag(self.org_id, item_id, &body),
        )
        .await;
        self.in_flight.try_update(|n| *n = n.saturating_sub(1));
        if self.gone() {
            return;
        }
        match answer {
            Ok(r) => {
                self.online.set(true);
                let handed = r.outcome == SwagOutcome::Ok;
                let remaining = r.remaining;
                self.item.update(|i| {
                    if let Some(i) = i {
                        i.remaining = remaining;
                        if handed {
                            i.handed_out = i.stock.saturating_sub(remaining);
                        }
                    }
                });
                self.show(Shown::swag(r, code));
            }
            Err(e) if unreachable(&e) => {
                self.online.set(false);
                self.show(Shown::problem(Headline::Text(sc::SWAG_NEEDS_NETWORK), code));
            }
            Err(e) if e.is(ErrorCode::DeviceRevoked) => self.revoke(),
            Err(e) => self.show(Shown::problem(Headline::Error(e), code)),
        }
    }

    /// The device id, registering this phone first if needed (under the name given at setup).
    async fn ensure_device(self) -> Option<Uuid> {
        if let Some(id) = store::device_id(self.org_id) {
            return Some(id);
        }
        let name = store::last_setup(self.org_id).device_name;
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let body = RegisterDevice {
            name: name.chars().take(60).collect(),
        };
        match api::scanner::register_device(self.org_id, &body).await {
            Ok(d) => {
                store::set_device_id(self.org_id, d.id);
                Some(d.id)
            }
            Err(e) => {
                if !unreachable(&e) {
                    self.error.set(Some(e));
                }
                None
            }
        }
    }

    /// Downloads the list, the event's public key and every ticket, and makes them the offline
    /// copy (a failed download keeps the previous copy).
    pub async fn download(self) {
        let Target::List(list_id) = self.target else {
            return;
        };
        let had = self.copy.try_with_value(|c| c.is_some()).unwrap_or(false);
        if !had {
            self.copy_status.set(CopyStatus::Loading);
        }
        let list = api::scanner::get_checkin_list(self.org_id, list_id).await;
        let list = match list {
            Ok(l) => l,
            Err(e) => return self.download_failed(e, had),
        };
        if self.gone() {
            return;
        }
        self.online.set(true);
        self.list.set(Some(list.clone()));
        let key = api::scanner::get_checkin_key(self.org_id, self.event_id)
            .await
            .ok()
            .map(|k| k.public_key);
        let tickets = match api::scanner::all_tickets(self.org_id, list_id).await {
            Ok(t) => t,
            Err(e) => return self.download_failed(e, had),
        };
        if self.gone() {
            return;
        }
        let copy = OfflineCopy::save_new(StoredCopy {
            list,
            public_key: key,
            tickets,
            downloaded_at: Utc::now(),
        });
        self.copy_status.set(CopyStatus::Ready {
            tickets: copy.len(),
            at: copy.stored.downloaded_at,
        });
        self.copy.set_value(Some(copy));
    }

    fn download_failed(self, e: ApiError, had: bool) {
        if self.gone() {
            return;
        }
        if unreachable(&e) {
            self.online.set(false);
        } else if e.is(ErrorCode::DeviceRevoked) {
            return self.revoke();
        }
        if !had {
            self.copy_status.set(CopyStatus::Missing);
        }
    }

    async fn refresh_item(self) {
        let Target::Swag(item_id) = self.target else {
            return;
        };
        match api::scanner::list_swag_items(self.org_id, self.event_id).await {
            Ok(items) => {
                self.online.set(true);
                if let Some(i) = items.into_iter().find(|i| i.id == item_id) {
                    self.item.set(Some(i));
                }
            }
            Err(e) if unreachable(&e) => self.online.set(false),
            Err(e) => self.error.set(Some(e)),
        }
    }

    async fn refresh_counts(self) {
        let Target::List(list_id) = self.target else {
            return;
        };
        match api::scanner::get_checkin_list(self.org_id, list_id).await {
            Ok(l) => {
                self.online.set(true);
                self.list.set(Some(l));
            }
            Err(e) if unreachable(&e) => self.online.set(false),
            Err(_) => {}
        }
    }

    /// Every few seconds: retry a pending queue (this is the "back online" path when the
    /// browser fires no event), else refresh the counts (other doors scan too).
    async fn heartbeat(self) {
        if self.gone() || self.revoked.get_untracked() || !browser_online() {
            if !browser_online() {
                self.online.set(false);
            }
            return;
        }
        match self.target {
            Target::List(_) if self.queued.get_untracked() > 0 => self.sync().await,
            Target::List(_) => self.refresh_counts().await,
            Target::Swag(_) => self.refresh_item().await,
        }
    }

    /// Sends the queued offline scans, 500 at a time, and reports conflicts and answers that
    /// differ from what the door showed.
    pub async fn sync(self) {
        let Target::List(list_id) = self.target else {
            return;
        };
        if self.gone() || self.syncing.get_untracked() || self.revoked.get_untracked() {
            return;
        }
        let pending = store::queue(list_id);
        self.queued.set(pending.len());
        if pending.is_empty() || !browser_online() {
            return;
        }
        self.syncing.set(true);
        let Some(device_id) = self.ensure_device().await else {
            self.syncing.set(false);
            return;
        };
        let mut summary = SyncSummary::default();
        for batch in pending.chunks(SYNC_BATCH) {
            let body = SyncScans {
                device_id,
                scans: batch.to_vec(),
            };
            let answer = api::scanner::sync_scans(self.org_id, list_id, &body).await;
            if self.gone() {
                return;
            }
            match answer {
                Ok(report) => {
                    self.online.set(true);
                    let nonces: Vec<String> =
                        report.results.iter().map(|r| r.nonce.clone()).collect();
                    self.queued.set(store::drop_synced(list_id, &nonces));
                    self.summarize(&mut summary, batch, report);
                }
                Err(e) if unreachable(&e) => {
                    self.online.set(false);
                    break;
                }
                Err(e) if e.is(ErrorCode::DeviceRevoked) => {
                    self.syncing.set(false);
                    return self.revoke();
                }
                Err(e) => {
                    self.error.set(Some(e));
                    break;
                }
            }
        }
        self.pending_inside.set(store::pending_inside(list_id));
        self.syncing.set(false);
        if summary.synced > 0 {
            self.error.set(None);
            self.report.set(Some(summary));
            self.refresh_counts().await;
        }
    }

    fn summarize(self, summary: &mut SyncSummary, sent: &[OfflineScan], report: SyncReport) {
        let lang = self.lang.get_untracked();
        for r in report.results {
            summary.synced += 1;
            let Some(scan) = sent.iter().find(|s| s.nonce == r.nonce) else {
                continue;
            };
            let who = Shown::scan(
                r.result.outcome,
                r.result.direction,
                r.result.ticket.clone(),
                None,
                false,
                scan.code.clone(),
            )
            .who(lang);
            let line = SyncLine {
                who,
                shown: scan.offline_outcome,
                server: r.result.outcome,
                direction: scan.direction,
                previous: r.result.previous.clone(),
            };
            if r.conflict {
                summary.conflicts.push(line);
            } else if r.result.outcome != scan.offline_outcome {
                summary.different.push(line);
            }
        }
    }

    /// The organizer revoked this phone: stop scanning and delete what it holds about attendees.
    fn revoke(self) {
        if self.gone() {
            return;
        }
        let lists: Vec<Uuid> = match self.target {
            Target::List(id) => vec![id],
            Target::Swag(_) => Vec::new(),
        };
        store::forget_device(self.org_id, &lists);
        self.copy.set_value(None);
        self.copy_status.set(CopyStatus::Missing);
        camera::stop();
        feedback::signal(Tone::Stop);
        self.revoked.set(true);
    }
}

fn bump(n: &mut u32, step: i64) {
    *n = (i64::from(*n) + step).max(0) as u32;
}
