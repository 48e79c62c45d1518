//! Batched loads that do not depend on timing: the keys a request's resolvers ask for are
//! gathered, and each key type's batch is read once the request can make no more progress
//! without I/O — not after a wall-clock delay. So the statements a request costs depend only on
//! its query, never on how busy the machine is (a delay-based loader split a batch whenever a
//! busy machine stretched the resolvers' polls past the delay).
//!
//! [`Batcher`] holds the keys asked for, per key type, with a channel to answer each asker.
//! [`run`] drives one request's execution: after each poll that leaves it pending without
//! having woken itself (no resolver can go on), it starts every gathered batch, and polls those
//! reads in the same task. The per-type reads are the `Loader` impls of `loaders`. The answers
//! travel on `futures-channel` oneshots, which tokio's cooperative budget does not touch: a
//! budget running out mid-level would hold some askers back with a deferred wake, which the
//! poll could not see, and split their next level.

use std::any::{Any, TypeId};
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::hash::Hash;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Poll, Wake, Waker};

use async_graphql::dataloader::Loader;
use async_graphql::futures_util::FutureExt as _;
use async_graphql::futures_util::future::BoxFuture;
use async_graphql::futures_util::stream::{FuturesUnordered, StreamExt as _};
use futures_channel::oneshot;

use super::loaders::DbLoader;

/// Most keys in one read; more are read in further statements of the same batch.
const MAX_BATCH: usize = 1000;

type Answer<K, V> = Result<HashMap<K, V>, async_graphql::Error>;

/// The keys one asker wants, and where their values go.
type Asker<K, V> = (Vec<K>, oneshot::Sender<Answer<K, V>>);

/// The keys of one type asked for since the last dispatch, and who asked.
struct Queue<K, V> {
    keys: Vec<K>,
    askers: Vec<Asker<K, V>>,
}

/// A queue of any key type, as the batcher stores it.
trait Pending<L>: Send {
    /// The read of everything queued, answering every asker; none when nothing is queued.
    fn dispatch(&mut self, loader: &Arc<L>) -> Option<BoxFuture<'static, ()>>;
    /// The queue itself, to add keys of its concrete type.
    fn as_any(&mut self) -> &mut dyn Any;
}

impl<K, V, L> Pending<L> for Queue<K, V>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    V: Send + Sync + Clone + 'static,
    L: Loader<K, Value = V, Error = async_graphql::Error>,
{
    fn dispatch(&mut self, loader: &Arc<L>) -> Option<BoxFuture<'static, ()>> {
        if self.askers.is_empty() {
            return None;
        }
        let mut seen = HashSet::new();
        let keys: Vec<K> = std::mem::take(&mut self.keys)
            .into_iter()
            .filter(|k| seen.insert(k.clone()))
            .collect();
        let askers = std::mem::take(&mut self.askers);
        let loader = loader.clone();
        Some(
            async move {
                let mut found = HashMap::with_capacity(keys.len());
                let mut failed = None;
                for chunk in keys.chunks(MAX_BATCH) {
                    match loader.load(chunk).await {
                        Ok(values) => found.extend(values),
                        Err(err) => {
                            failed = Some(err);
                            break;
                        }
                    }
                }
                for (wanted, reply) in askers {
                    let answer = match &failed {
                        Some(err) => Err(err.clone()),
                        None => Ok(wanted
                            .into_iter()
                            .filter_map(|k| found.get(&k).cloned().map(|v| (k, v)))
                            .collect()),
                    };
                    // An asker that went away (its field was cancelled) needs no answer.
                    let _ = reply.send(answer);
                }
            }
            .boxed(),
        )
    }

    fn as_any(&mut self) -> &mut dyn Any {
        self
    }
}

/// One request's loads: the reader (the database's, `DbLoader`) and the keys gathered so far.
pub struct Batcher<L = DbLoader> {
    loader: Arc<L>,
    queues: Mutex<HashMap<TypeId, Box<dyn Pending<L>>>>,
    /// The task of the [`run`] driving this request, woken when keys are queued from another
    /// task; none before the run starts.
    runner: Mutex<Option<Waker>>,
}

impl<L: Send + Sync + 'static> Batcher<L> {
    /// A batcher for one request.
    pub fn new(loader: L) -> Self {
        Self {
            loader: Arc::new(loader),
            queues: Mutex::new(HashMap::new()),
            runner: Mutex::new(None),
        }
    }

    /// The values of `keys` that exist (and the caller may see), read with every other key of
    /// their type that the request asks for before it next waits.
    pub async fn load_many<K, V>(&self, keys: Vec<K>) -> Answer<K, V>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        V: Send + Sync + Clone + 'static,
        L: Loader<K, Value = V, Error = async_graphql::Error>,
    {
        if keys.is_empty() {
            return Ok(HashMap::new());
        }
        let Some(runner) = self
            .runner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
        else {
            return Err(async_graphql::Error::new(
                "a batched read was asked for outside the request's run",
            ));
        };
        let (reply, answer) = oneshot::channel();
        {
            let mut queues = self.queues.lock().unwrap_or_else(PoisonError::into_inner);
            let queue = queues.entry(TypeId::of::<K>()).or_insert_with(|| {
                Box::new(Queue::<K, V> {
                    keys: Vec::new(),
                    askers: Vec::new(),
                })
            });
            let Some(queue) = queue.as_any().downcast_mut::<Queue<K, V>>() else {
                unreachable!("each key type has one value type");
            };
            queue.keys.extend(keys.iter().cloned());
            queue.askers.push((keys, reply));
        }
        // Asked from the run's own task this only polls it once more; from another task, it
        // is what makes the run look again.
        runner.wake();
        answer.await.unwrap_or_else(|_| {
            Err(async_graphql::Error::new(
                "a batched read was dropped before it answered",
            ))
        })
    }

    /// The reads of everything gathered so far.
    fn dispatch(&self) -> Vec<BoxFuture<'static, ()>> {
        let mut queues = self.queues.lock().unwrap_or_else(PoisonError::into_inner);
        queues
            .values_mut()
            .filter_map(|q| q.dispatch(&self.loader))
            .collect()
    }
}

/// Records whether a future woke its own task while it was being polled.
struct WokenDuringPoll {
    woken: AtomicBool,
    task: Waker,
}

impl Wake for WokenDuringPoll {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::Release);
        self.task.wake_by_ref();
    }
}

/// Runs `execution` (one request's resolvers), starting `batcher`'s reads whenever it waits.
pub async fn run<F: Future, L: Send + Sync + 'static>(
    batcher: &Batcher<L>,
    execution: F,
) -> F::Output {
    let mut execution = pin!(execution);
    let mut reads: FuturesUnordered<BoxFuture<'static, ()>> = FuturesUnordered::new();
    std::future::poll_fn(move |cx| {
        {
            let mut runner = batcher
                .runner
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if !runner.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
                *runner = Some(cx.waker().clone());
            }
        }
        loop {
            while let Poll::Ready(Some(())) = reads.poll_next_unpin(cx) {}
            let probe = Arc::new(WokenDuringPoll {
                woken: AtomicBool::new(false),
                task: cx.waker().clone(),
            });
            let waker = Waker::from(probe.clone());
            if let Poll::Ready(output) = execution
                .as_mut()
                .poll(&mut std::task::Context::from_waker(&waker))
            {
                return Poll::Ready(output);
            }
            if probe.woken.load(Ordering::Acquire) {
                // A resolver can go on (it yielded, or I/O just answered): it may still ask for
                // keys, so the batches wait. Our task was woken, so it is polled again.
                return Poll::Pending;
            }
            let started = batcher.dispatch();
            if started.is_empty() {
                return Poll::Pending;
            }
            reads.extend(started);
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::time::Duration;

    use async_graphql::futures_util::future::join_all;

    use super::*;

    /// Records the keys of every read.
    #[derive(Default)]
    struct Recorder(Mutex<Vec<Vec<u32>>>);

    impl Loader<u32> for Recorder {
        type Value = u32;
        type Error = async_graphql::Error;

        async fn load(&self, keys: &[u32]) -> Result<HashMap<u32, u32>, Self::Error> {
            self.0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(keys.to_vec());
            tokio::time::sleep(Duration::from_millis(1)).await;
            Ok(keys.iter().map(|k| (*k, k * 10)).collect())
        }
    }

    /// Yields as async-graphql's lists and objects do: waking its own task during the poll.
    async fn yield_once() {
        let mut yielded = false;
        std::future::poll_fn(|cx| {
            if yielded {
                return Poll::Ready(());
            }
            yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        })
        .await
    }

    #[tokio::test]
    async fn a_slow_busy_request_still_reads_each_level_in_one_batch() {
        let batcher = Batcher::new(Recorder::default());
        // 100 resolvers that yield and stall (as on a busy machine) a different number of
        // times before asking for their key, then ask again one level down.
        let resolvers = (0..100u32).map(|i| {
            let batcher = &batcher;
            async move {
                for _ in 0..(i % 7) {
                    yield_once().await;
                    std::thread::sleep(Duration::from_micros(200));
                }
                let first = batcher.load_many(vec![i]).await?;
                let second = batcher.load_many(vec![first[&i] + 1]).await?;
                Ok::<_, async_graphql::Error>(second.values().copied().collect::<Vec<_>>())
            }
        });
        let answers = run(&batcher, join_all(resolvers)).await;
        assert!(answers.iter().all(Result::is_ok));
        let reads = batcher
            .loader
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        assert_eq!(reads.len(), 2, "one read per level: {reads:?}");
        assert_eq!(reads[0].len(), 100);
        assert_eq!(reads[1].len(), 100);
    }

    #[tokio::test]
    async fn a_read_asked_for_outside_a_run_fails_rather_than_waits() {
        let batcher = Batcher::new(Recorder::default());
        assert!(batcher.load_many(vec![1u32]).await.is_err());
    }
}
