// Progress reporting and cancellation for long work, shared by loaders, models and the UI's jobs.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace esm {

// Passed by reference into long work. Both callbacks are optional; an empty Progress costs nothing.
// `report` may be called from a worker thread; `cancelled` is polled between steps.
struct Progress {
    std::function<void(std::int64_t done, std::int64_t total, const std::string& stage)> report;
    std::function<bool()> cancelled;

    void step(std::int64_t done, std::int64_t total, const std::string& stage) const {
        if (report)
            report(done, total, stage);
    }
    // Throws Cancelled when the user asked to stop; call it between units of work.
    void checkCancelled() const;

    // A Progress that reports nothing and is never cancelled.
    static const Progress& none();
};

// A cancel flag a UI thread can set while a worker polls it.
class CancelFlag {
  public:
    void cancel() { flag_.store(true); }
    bool isCancelled() const { return flag_.load(); }
    std::function<bool()> poller() const {
        return [this] { return isCancelled(); };
    }

  private:
    std::atomic<bool> flag_{false};
};

} // namespace esm
