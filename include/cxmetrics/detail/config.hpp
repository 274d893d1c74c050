// Library-wide configuration: version, namespace and the error-raising macro.
#ifndef CXMETRICS_DETAIL_CONFIG_HPP
#define CXMETRICS_DETAIL_CONFIG_HPP

#define CXMETRICS_VERSION_MAJOR 0
#define CXMETRICS_VERSION_MINOR 1
#define CXMETRICS_VERSION_PATCH 0

// The inline version namespace makes objects built against different major versions
// fail to link instead of silently mixing layouts.
#define CXMETRICS_BEGIN_NAMESPACE \
  namespace cxmetrics {           \
  inline namespace v0 {
#define CXMETRICS_END_NAMESPACE \
  }                             \
  }

#if defined(__GNUC__) || defined(__clang__)
#define CXMETRICS_COLD __attribute__((cold, noinline))
#define CXMETRICS_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define CXMETRICS_LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define CXMETRICS_COLD
#define CXMETRICS_UNLIKELY(x) (x)
#define CXMETRICS_LIKELY(x) (x)
#endif

// Builds without exceptions still refuse bad input: they print the message and abort.
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define CXMETRICS_HAS_EXCEPTIONS 1
#define CXMETRICS_THROW(exception) throw exception
// Rollback on failure (nlohmann's JSON_TRY / JSON_CATCH): without exceptions every error
// aborts inside the try block, so the handler is dead code that still compiles.
#define CXMETRICS_TRY try
#define CXMETRICS_CATCH_ALL catch (...)
#define CXMETRICS_RETHROW throw
#else
#define CXMETRICS_TRY if (true)
#define CXMETRICS_CATCH_ALL else
#define CXMETRICS_RETHROW std::abort()
#define CXMETRICS_HAS_EXCEPTIONS 0
#include <cstdio>
#include <cstdlib>
#define CXMETRICS_THROW(exception)                                   \
  do {                                                               \
    std::fprintf(stderr, "cxmetrics: %s\n", (exception).what());     \
    std::abort();                                                    \
  } while (false)
#endif

#endif  // CXMETRICS_DETAIL_CONFIG_HPP
