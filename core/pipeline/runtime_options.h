// How the user wants models to run, as plain strings from the command line or the settings.
#pragma once

#include <string>

namespace esm {

struct RuntimeOptions {
    std::string dtype = "float32"; // float32 | bfloat16 | float16 | int8 | float64 | auto
    std::string device = "cpu";    // cpu | cuda | cuda:N
    int threads = 0;               // 0: every core
    // Fewer threads while other programs hold cores (the GUI). Off for the CLI: a thread count
    // that changes mid-run changes float rounding, and scripts expect the same bytes every run.
    bool adaptThreads = false;
};

// What dtype "auto" runs on this machine's CPU for a fold (`folding`) or a language model:
// "bfloat16", "float16", "int8" or "float32".
std::string autoDtypeChoice(bool folding);

} // namespace esm
