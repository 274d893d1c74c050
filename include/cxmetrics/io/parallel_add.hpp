// Parallel ingest of a large contiguous buffer of ratings: per-thread histograms over
// contiguous chunks, merged into the same answer as one sequential pass.
#ifndef CXMETRICS_IO_PARALLEL_ADD_HPP
#define CXMETRICS_IO_PARALLEL_ADD_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <thread>
#include <vector>

#include <cxmetrics/core/histogram.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// Adds `n` byte ratings to `h` using up to `threads` threads (0: one per hardware thread).
/// Equal to `h.add(data, n)`: validated, all or nothing, and an off-scale byte raises the
/// same `invalid_rating` naming the first bad position in the whole buffer. Chunks below
/// 1 MiB are not split further: starting a thread costs more than counting them.
template <class Scale, class Count>
void parallel_add(rating_histogram<Scale, Count>& h, const std::uint8_t* data, std::size_t n, unsigned threads = 0);

namespace detail {
// parallel_add with the smallest chunk as a parameter, so tests can split small buffers.
template <class Scale, class Count>
void parallel_add_chunked(rating_histogram<Scale, Count>& h, const std::uint8_t* data, std::size_t n, unsigned threads,
                          std::size_t min_chunk) {
  if (min_chunk == 0) min_chunk = 1;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t parts = std::max<std::size_t>(1, std::min<std::size_t>(threads, n / min_chunk));
  if (parts == 1) {
    h.add(data, n);
    return;
  }
  std::vector<rating_histogram<Scale, Count>> partial(parts);
  std::vector<std::exception_ptr> errors(parts);
  std::vector<std::thread> workers;
  workers.reserve(parts - 1);
  std::vector<char> off_scale(parts, 0);
  auto work = [&](std::size_t part) {
    const std::size_t begin = n / parts * part;
    const std::size_t end = part + 1 == parts ? n : n / parts * (part + 1);
#if !CXMETRICS_HAS_EXCEPTIONS
    // Without exceptions a bad byte would abort in this worker, naming its position in the
    // chunk: flag the chunk instead, and let the sequential rescan below abort naming its
    // position in the whole buffer. One branch-free pass, so it vectorises.
    bool bad = false;
    for (std::size_t i = begin; i < end; ++i) bad |= !Scale::contains(static_cast<int>(data[i]));
    if (bad) {
      off_scale[part] = 1;
      return;
    }
#endif
    CXMETRICS_TRY {
      partial[part].add(data + begin, end - begin);
    }
    CXMETRICS_CATCH_ALL {
      errors[part] = std::current_exception();
    }
  };
  for (std::size_t part = 1; part < parts; ++part) workers.emplace_back(work, part);
  work(0);
  for (auto& w : workers) w.join();
  for (char bad : off_scale)
    if (bad != 0) h.add(data, n);  // aborts with the first bad position (no-exceptions builds)
  for (const auto& e : errors)
    if (e) {
      // Rare path: rescan sequentially so the error names the first bad byte of the whole
      // buffer, exactly as the sequential add would.
      rating_histogram<Scale, Count> scratch;
      scratch.add(data, n);
      std::rethrow_exception(e);
    }
  rating_histogram<Scale, Count> total;
  for (const auto& p : partial) total += p;
  h += total;
}
}  // namespace detail

template <class Scale, class Count>
void parallel_add(rating_histogram<Scale, Count>& h, const std::uint8_t* data, std::size_t n, unsigned threads) {
  detail::parallel_add_chunked(h, data, n, threads, std::size_t{1} << 20);
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_IO_PARALLEL_ADD_HPP
