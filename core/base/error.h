// The one exception type of the core: a message a user can act on, never a stack trace.
#pragma once

#include <stdexcept>
#include <string>

namespace esm {

// Thrown for bad input (a malformed file, an invalid residue, a shape mismatch) and for
// failed I/O. The message is complete on its own: it names the file, line or tensor.
class Error : public std::runtime_error {
  public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Thrown when the user cancels long work through a Progress callback.
class Cancelled : public std::runtime_error {
  public:
    Cancelled() : std::runtime_error("cancelled") {}
};

// "file:line:column: message", leaving out the parts that are unknown (0 or empty).
std::string locate(const std::string& file, long line, long column, const std::string& message);

// `text` for a terminal: control characters other than new lines and tabs (an escape sequence a file
// carried into a message) written as "\x1B".
std::string terminalSafe(const std::string& text);

} // namespace esm
