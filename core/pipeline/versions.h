// Versions of the libraries the pipeline is built on, for About boxes and reports.
#pragma once

#include <string>

namespace esm {

std::string libtorchVersion();

} // namespace esm
