// Runs one subcommand with esmx's conventions: warnings to stderr, and the exit status 0 (done),
// 1 (bad input, or cancelled) or 2 (bad usage), with the message on stderr. Shared by esmx and
// the esmx-bench tool, whose benches run as `esmx bench`.
#pragma once

#include "commands.h"

namespace cli {

int runCommand(const Command& command, const Arguments& arguments);

} // namespace cli
