//! Many stale queue summaries (after a registry import, or other rule files) recomputed in
//! the background, so the workbench shows its queue at once: the rows whose summary is
//! stale carry their last stored figures (marked as being recomputed where shown), and the
//! current ones arrive in chunks from worker threads with their own read connections.
//!
//! The worker reads the plans a chunk at a time, each chunk with its registry candidates
//! looked up by key, in one read transaction of its own connection (SQLite WAL: the
//! workbench keeps reading and writing meanwhile), so it never holds the whole registry or
//! every plan. There is one worker per core (the workbench's thread needs little). Each
//! result is keyed by the state it was computed from, and stored by the workbench's
//! connection under that key: a change made meanwhile makes it stale, never wrong (and a
//! result the workbench knows to be outdated is not stored at all). Dropping a
//! [`Recompute`] cancels the workers (each stops at its next chunk).
//!
//! `resv queue` never uses this: it computes what is stale before printing.

use crate::app::registry::Registry;
use crate::app::summaries::{read_chunk, resolve, rules_key};
use crate::core::queue::QueueRow;
use crate::core::rules::Rules;
use crate::store::{Store, Summary, SummaryScope, SummaryState};
use anyhow::Result;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError};

/// From this many stale summaries the workbench computes them in the background: at 500
/// plans with a registry the computation takes about a quarter of a second on this
/// machine's release build, past what a first frame may take.
pub const BACKGROUND_FROM: usize = 500;

/// Plans assessed per chunk sent back (a few tenths of a second of work at most).
const CHUNK: usize = 200;

/// Worker threads at most (one per core).
const MAX_WORKERS: usize = 4;

/// The queue rows with what is known now.
pub struct Known {
    pub rows: Vec<QueueRow>,
    /// The registry version read with the rows.
    pub registry_version: i64,
    /// The stale summaries left to the background (in flight or to start), their rows
    /// carrying the last stored figures (or none).
    pub deferred: Vec<SummaryState>,
    /// Whether a new background computation of `deferred` must start (the one running
    /// does not cover them).
    pub restart: bool,
}

/// The queue with every summary that is current, and the stale ones computed here when
/// they are few (fewer than [`BACKGROUND_FROM`], not counting those `running` computes
/// already, or any number on an in-memory database, which no other connection can read).
/// Many are left to a background computation ([`Known::deferred`]).
pub fn known_queue(store: &Store, rules: &Rules, registry: &Registry, running: Option<&Recompute>) -> Result<Known> {
    let key = rules_key(rules);
    // One statement reads the rows and their stored summaries (row `i` is `fresh[i]`'s
    // plan); the plans whose summary is not current come as `stale`.
    let (mut rows, registry_version, fresh, stale) = store.queue_and_states(&key)?;
    let covered = |s: &SummaryState| running.is_some_and(|r| r.computes(s, &key, registry_version));
    let rest = stale.iter().filter(|s| !covered(s)).count();
    let background = rest >= BACKGROUND_FROM && store.path().is_some();
    let (now, deferred): (Vec<SummaryState>, Vec<SummaryState>) = if background {
        (Vec::new(), stale)
    } else {
        stale.into_iter().partition(|s| !covered(s))
    };
    let computed = resolve(store, rules, registry, registry_version, &now)?;
    let last: HashMap<&str, Option<Summary>> = deferred.iter().map(|s| (s.plan_id.as_str(), s.last)).collect();
    let today = store.today();
    for (r, f) in rows.iter_mut().zip(&fresh) {
        crate::app::assess::set_columns(r, rules, today, f.as_ref().or_else(|| computed.get(&r.id)));
        if let Some(last) = last.get(r.id.as_str()) {
            r.score = last.map(|s| s.total_tenths);
            r.knocked_out = last.map(|s| s.knocked_out);
            r.open_flags = last.and_then(|s| s.open_flags);
        }
    }
    Ok(Known {
        rows,
        registry_version,
        restart: background,
        deferred,
    })
}

/// What the worker sends back.
enum Msg {
    /// Summaries computed with the registry as of `registry_version`; `skipped` plans were
    /// replaced meanwhile (left stale, computed at the next look).
    Chunk {
        registry_version: i64,
        items: Vec<(SummaryState, Summary)>,
        skipped: usize,
    },
    Failed(String),
}

/// A background computation of stale summaries.
pub struct Recompute {
    rules_key: String,
    /// The registry version the queue was read at: results computed at another are stored
    /// (keyed by it) but not shown.
    registry_version: i64,
    /// The states still awaited, by plan id (what the rows marked stale were read with).
    pending: HashMap<String, SummaryState>,
    total: usize,
    done: usize,
    rx: Receiver<Msg>,
    cancel: Arc<AtomicBool>,
    ended: bool,
    failed: Option<String>,
    /// What the workers need, until they are started.
    launch: Option<Launch>,
}

/// The workers' start, kept until the first [`Recompute::receive`].
struct Launch {
    path: PathBuf,
    rules: Rules,
    states: Vec<SummaryState>,
    tx: Sender<Msg>,
}

impl Recompute {
    /// Computes `states` (in this order: the rows on screen first) on worker threads with
    /// their own connections to `store`'s database file, started at the first
    /// [`Recompute::receive`]; `None` for an in-memory database (no other connection can
    /// read it).
    pub fn start(store: &Store, rules: &Rules, registry_version: i64, states: Vec<SummaryState>) -> Option<Recompute> {
        let path = store.path()?;
        Some(Recompute::spawn(path, rules, registry_version, states))
    }

    fn spawn(path: PathBuf, rules: &Rules, registry_version: i64, states: Vec<SummaryState>) -> Recompute {
        let (tx, rx) = std::sync::mpsc::channel();
        let pending = states.iter().map(|s| (s.plan_id.clone(), s.clone())).collect();
        let total = states.len();
        Recompute {
            rules_key: rules_key(rules),
            registry_version,
            pending,
            total,
            done: 0,
            rx,
            cancel: Arc::new(AtomicBool::new(false)),
            ended: false,
            failed: None,
            launch: Some(Launch {
                path,
                rules: rules.clone(),
                states,
                tx,
            }),
        }
    }

    /// Starts the workers, the first time something is received: the workbench draws its
    /// first frame before they take the cores. One worker per core, each with its own
    /// connection, taking every n-th chunk: the rows on screen still come first, and no
    /// core waits on another's reads.
    fn launch(&mut self) {
        let Some(Launch {
            path,
            rules,
            states,
            tx,
        }) = self.launch.take()
        else {
            return;
        };
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, MAX_WORKERS);
        let states = Arc::new(states);
        for nth in 0..workers {
            let (path, rules, states) = (path.clone(), rules.clone(), states.clone());
            let (cancel, tx) = (self.cancel.clone(), tx.clone());
            let spawned = std::thread::Builder::new()
                .name(format!("resv-summaries-{nth}"))
                .spawn(move || {
                    let mine = states.chunks(CHUNK).skip(nth).step_by(workers);
                    if let Err(e) = work(&path, &rules, mine, &cancel, &tx) {
                        let _ = tx.send(Msg::Failed(format!("{e:#}")));
                    }
                });
            if let Err(e) = spawned {
                self.failed = Some(format!("no worker thread: {e}"));
            }
        }
    }

    /// Whether the workers have started (at the first [`Recompute::receive`]).
    pub fn started(&self) -> bool {
        self.launch.is_none()
    }

    /// Orders the plans still to be computed by `key`, smallest first (before the workers
    /// start; no effect after).
    pub fn reorder<K: Ord>(&mut self, key: impl FnMut(&SummaryState) -> K) {
        if let Some(launch) = &mut self.launch {
            launch.states.sort_by_cached_key(key);
        }
    }

    /// The first `n` plans the workers will take, in order (empty once they started).
    pub fn upcoming(&self, n: usize) -> Vec<&str> {
        self.launch
            .as_ref()
            .map(|l| l.states.iter().take(n).map(|s| s.plan_id.as_str()).collect())
            .unwrap_or_default()
    }

    /// Whether this computation will deliver the summary `state` needs (same plan version,
    /// manual input, judgement, rule files and registry).
    pub fn computes(&self, state: &SummaryState, rules_key: &str, registry_version: i64) -> bool {
        !self.ended
            && self.rules_key == rules_key
            && self.registry_version == registry_version
            && self.pending.get(&state.plan_id).is_some_and(|p| same_key(p, state))
    }

    /// Awaits only what `deferred` still needs (after the queue was read again: a plan
    /// computed meanwhile, or changed, is no longer shown from here).
    pub fn keep_only(&mut self, deferred: &[SummaryState]) {
        let wanted: HashMap<&str, &SummaryState> = deferred.iter().map(|s| (s.plan_id.as_str(), s)).collect();
        self.pending
            .retain(|id, s| wanted.get(id.as_str()).is_some_and(|w| same_key(w, s)));
    }

    /// Whether `plan_id`'s figures are still being recomputed (shown marked).
    pub fn is_pending(&self, plan_id: &str) -> bool {
        self.pending.contains_key(plan_id)
    }

    /// Summaries received so far, of how many.
    pub fn progress(&self) -> (usize, usize) {
        (self.done.min(self.total), self.total)
    }

    /// Why the worker stopped short, said once.
    pub fn take_failure(&mut self) -> Option<String> {
        self.failed.take()
    }

    /// How many plans' figures are still awaited.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Whether nothing more will come, and nothing is awaited.
    pub fn finished(&self) -> bool {
        self.pending.is_empty() || self.ended
    }

    /// Takes what the worker sent so far without waiting and returns the summaries of the
    /// plans still awaited, to show; those are also stored through `store` under the key
    /// they were computed from (not on a read-only database; a failure to store is logged,
    /// the figures are right either way). A result for a plan changed meanwhile, or computed
    /// with another registry, is dropped: the next look computes it. Also returns whether
    /// anything was stored.
    pub fn receive(&mut self, store: &Store) -> (Vec<(String, Summary)>, bool) {
        self.launch();
        let mut kept: Vec<(SummaryState, Summary)> = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(Msg::Chunk {
                    registry_version,
                    items,
                    skipped,
                }) => {
                    self.done += items.len() + skipped;
                    if registry_version != self.registry_version {
                        continue;
                    }
                    for (state, summary) in items {
                        if self.pending.get(&state.plan_id).is_some_and(|p| same_key(p, &state)) {
                            self.pending.remove(&state.plan_id);
                            kept.push((state, summary));
                        }
                    }
                }
                Ok(Msg::Failed(e)) => self.failed = Some(e),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.ended = true;
                    break;
                }
            }
        }
        let scope = SummaryScope {
            rules_key: self.rules_key.clone(),
            registry_version: self.registry_version,
        };
        let refs: Vec<(&SummaryState, Summary)> = kept.iter().map(|(s, v)| (s, *v)).collect();
        let stored = match store.store_summaries(&scope, &refs) {
            Ok(()) => !store.is_read_only() && !refs.is_empty(),
            Err(e) => {
                tracing::warn!("queue summaries not stored: {e:#}");
                false
            }
        };
        let shown = kept.into_iter().map(|(s, v)| (s.plan_id, v)).collect();
        (shown, stored)
    }
}

impl Drop for Recompute {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Two states of one plan with the same summary key (their last stored figures aside).
fn same_key(a: &SummaryState, b: &SummaryState) -> bool {
    (a.version_id, &a.sha256, a.manual_id, a.judgement_id) == (b.version_id, &b.sha256, b.manual_id, b.judgement_id)
}

/// A worker: reads each of its chunks in one read of the database
/// ([`crate::app::summaries::read_chunk`]: the plans, their manual inputs and judgements,
/// and their registry candidates by key), assesses them, and sends the chunk keyed by the
/// registry version it read. Stops when cancelled or when nobody listens any more.
fn work<'s>(
    path: &std::path::Path,
    rules: &Rules,
    chunks: impl Iterator<Item = &'s [SummaryState]>,
    cancel: &AtomicBool,
    tx: &Sender<Msg>,
) -> Result<()> {
    let store = Store::open(path, true)?;
    for chunk in chunks {
        if cancel.load(Ordering::Relaxed) {
            return Ok(());
        }
        let states: Vec<&SummaryState> = chunk.iter().collect();
        let (registry_version, read) = store.snapshot(|s| {
            let version = s.registry_version()?;
            Ok((version, read_chunk(s, &states, version)?))
        })?;
        let items: Vec<(SummaryState, Summary)> = read
            .todo
            .iter()
            .map(|t| (t.state.clone(), t.summarise(rules, &read.index)))
            .collect();
        let msg = Msg::Chunk {
            registry_version,
            skipped: chunk.len() - items.len(),
            items,
        };
        if tx.send(msg).is_err() {
            return Ok(());
        }
    }
    Ok(())
}
