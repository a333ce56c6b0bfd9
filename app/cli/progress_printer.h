// Progress of long commands on stderr, one line per stage change (no terminal tricks, so logs
// of batch jobs stay readable).
#pragma once

#include "core/base/progress.h"

#include <string>

namespace cli {

class ProgressPrinter {
  public:
    explicit ProgressPrinter(std::string command);
    ProgressPrinter(const ProgressPrinter&) = delete; // its Progress calls back into this object
    ProgressPrinter& operator=(const ProgressPrinter&) = delete;
    const esm::Progress& progress() const { return progress_; }
    void note(const std::string& message) const;

  private:
    std::string command_;
    esm::Progress progress_;
    std::string lastStage_;
};

} // namespace cli
