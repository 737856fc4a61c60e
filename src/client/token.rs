//! The cached access token. Concurrent calls share one token request: the
//! first fetches, the others wait for its result.

use std::cell::RefCell;
use std::future::{poll_fn, Future};
use std::rc::Rc;
use std::task::{Poll, Waker};

use crate::error::Error;

/// A token and until when (clock ms) it may be used; `None` = until a 401.
pub(crate) struct Fetched {
    pub value: String,
    pub fresh_until: Option<u64>,
}

enum Slot {
    Empty,
    Fetching(Vec<Waker>),
    Ready(Rc<str>, Option<u64>),
    Failed(Error),
}

pub(crate) struct TokenCache {
    slot: RefCell<Slot>,
}

impl TokenCache {
    pub fn new() -> TokenCache {
        TokenCache { slot: RefCell::new(Slot::Empty) }
    }

    /// Forgets `token` if it is still the cached one (it was refused).
    pub fn invalidate(&self, token: &str) {
        let mut slot = self.slot.borrow_mut();
        if matches!(&*slot, Slot::Ready(cached, _) if &**cached == token) {
            *slot = Slot::Empty;
        }
    }

    /// A fresh token at `now`: the cached one, the one being fetched, or a
    /// new one from `fetch`.
    pub async fn get<F, Fut>(&self, now: u64, fetch: F) -> Result<Rc<str>, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Fetched, Error>>,
    {
        let mut waited = false;
        loop {
            match &*self.slot.borrow() {
                Slot::Ready(token, until) if waited || until.is_none_or(|until| now < until) => return Ok(token.clone()),
                Slot::Failed(error) if waited => return Err(error.clone()),
                Slot::Fetching(_) => {}
                _ => break,
            }
            self.fetch_done().await;
            waited = true;
        }
        *self.slot.borrow_mut() = Slot::Fetching(Vec::new());
        let mut guard = Guard { cache: self, armed: true };
        let result = fetch().await;
        guard.armed = false;
        let (next, out) = match result {
            Ok(fetched) => {
                let token: Rc<str> = fetched.value.into();
                (Slot::Ready(token.clone(), fetched.fresh_until), Ok(token))
            }
            Err(error) => (Slot::Failed(error.clone()), Err(error)),
        };
        self.settle(next);
        out
    }

    /// Resolves once no fetch is in flight.
    fn fetch_done(&self) -> impl Future<Output = ()> + '_ {
        poll_fn(|cx| match &mut *self.slot.borrow_mut() {
            Slot::Fetching(waiters) => {
                if !waiters.iter().any(|w| w.will_wake(cx.waker())) {
                    waiters.push(cx.waker().clone());
                }
                Poll::Pending
            }
            _ => Poll::Ready(()),
        })
    }

    fn settle(&self, next: Slot) {
        let previous = std::mem::replace(&mut *self.slot.borrow_mut(), next);
        if let Slot::Fetching(waiters) = previous {
            waiters.into_iter().for_each(Waker::wake);
        }
    }
}

/// Releases the waiters if the fetching call is dropped midway.
struct Guard<'a> {
    cache: &'a TokenCache,
    armed: bool,
}

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        if self.armed {
            self.cache.settle(Slot::Empty);
        }
    }
}
