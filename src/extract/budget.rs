//! A bound on the text a whole run extracts at once, over all its threads. Extraction takes
//! memory in proportion to a text (about sixteen times its size), so a run on many cores
//! reading large files at once would otherwise take memory in proportion to the cores.

use std::sync::{Condvar, Mutex, MutexGuard};

/// Bytes of text that may be in extraction at once. Two of the largest files read
/// (`input::MAX_BYTES`) fit; resolutions, of kilobytes, never wait.
pub const TEXT_IN_FLIGHT: u64 = 128 * 1024 * 1024;

pub struct Budget {
    total: u64,
    left: Mutex<u64>,
    freed: Condvar,
}

/// A share of the budget, given back when dropped.
pub struct Share<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Budget {
    pub fn new(total: u64) -> Self {
        Budget {
            total,
            left: Mutex::new(total),
            freed: Condvar::new(),
        }
    }

    /// Waits until `bytes` (at most the whole budget, so that any text can go alone) are free,
    /// and takes them.
    pub fn take(&self, bytes: u64) -> Share<'_> {
        let bytes = bytes.min(self.total);
        let mut left = self.lock();
        while *left < bytes {
            left = self.freed.wait(left).unwrap_or_else(|e| e.into_inner());
        }
        *left -= bytes;
        Share {
            budget: self,
            bytes,
        }
    }

    fn lock(&self) -> MutexGuard<'_, u64> {
        // The count stays right even if a thread panicked holding the lock: it only adds and
        // subtracts whole shares.
        self.left.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Share<'_> {
    /// The bytes this share covers: any text at all when it is the whole budget.
    pub fn bytes(&self) -> u64 {
        if self.bytes == self.budget.total {
            u64::MAX
        } else {
            self.bytes
        }
    }
}

impl Drop for Share<'_> {
    fn drop(&mut self) {
        *self.budget.lock() += self.bytes;
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_share_waits_until_enough_is_given_back() {
        let budget = Budget::new(100);
        let first = budget.take(70);
        let (done, taken) = mpsc::channel();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                let _second = budget.take(50);
                done.send(()).unwrap();
            });
            assert!(
                taken.recv_timeout(Duration::from_millis(200)).is_err(),
                "50 more bytes were taken while only 30 were left"
            );
            drop(first);
            taken
                .recv_timeout(Duration::from_secs(10))
                .expect("the share is taken once the first is given back");
        });
        assert_eq!(*budget.lock(), 100);
    }

    #[test]
    fn a_text_larger_than_the_budget_goes_alone() {
        let budget = Budget::new(100);
        let whole = budget.take(1_000);
        assert_eq!(*budget.lock(), 0);
        drop(whole);
        assert_eq!(*budget.lock(), 100);
    }
}
