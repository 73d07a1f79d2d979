//! Pure work spread over the machine's cores: the same results, in the same order, as
//! mapping one by one (used where thousands of plans or arrangements are normalised or
//! assessed at once).

/// Below this many items the work stays on the calling thread (a thread costs more).
const FROM: usize = 1_000;

/// `items` mapped through `f`, in order, on up to every core.
pub fn map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if cores < 2 || items.len() < FROM {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(cores);
    let f = &f;
    std::thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().map(f).collect::<Vec<U>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_order_and_the_results_are_those_of_a_plain_map() {
        for n in [0, 1, 999, 1_000, 1_001, 4_321] {
            let items: Vec<u64> = (0..n).collect();
            let want: Vec<u64> = items.iter().map(|x| x * x + 1).collect();
            assert_eq!(super::map(&items, |x| x * x + 1), want, "{n} items");
        }
    }
}
