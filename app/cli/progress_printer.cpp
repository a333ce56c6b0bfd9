#include "progress_printer.h"

#include <iostream>

namespace cli {

ProgressPrinter::ProgressPrinter(std::string command) : command_(std::move(command)) {
    progress_.report = [this](std::int64_t, std::int64_t, const std::string& stage) {
        if (stage != lastStage_) {
            lastStage_ = stage;
            note(stage + "…");
        }
    };
}

void ProgressPrinter::note(const std::string& message) const {
    std::cerr << "esmx " << command_ << ": " << message << '\n';
}

} // namespace cli
