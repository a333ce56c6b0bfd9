// Command-line parsing for esmx subcommands: flags, options with values, repeatable options that
// take several values (`--sequence A B`), positionals, and generated --help.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cli {

// Bad usage: esmx exits with status 2 and points at --help.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Thrown by parse() for --help after printing the help text; esmx exits with status 0.
struct HelpShown {};

class Args {
  public:
    Args(std::string command, std::string synopsis, std::string description);

    Args& flag(const std::string& name, const std::string& help);
    Args& option(const std::string& name, const std::string& valueName, const std::string& help,
                 std::optional<std::string> defaultValue = std::nullopt);
    // Takes one or more values; may also be repeated.
    Args& list(const std::string& name, const std::string& valueName, const std::string& help);
    Args& positionals(const std::string& name, const std::string& help, std::size_t minimum,
                      std::size_t maximum);

    void parse(const std::vector<std::string>& arguments);

    bool has(const std::string& name) const;
    std::string
    value(const std::string& name) const; // the given value, else the default; UsageError if neither
    std::vector<std::string> values(const std::string& name) const;
    const std::vector<std::string>& positional() const { return positional_; }

    int integer(const std::string& name, int minimum) const;
    std::vector<std::string> commaList(const std::string& name) const;
    // Exactly one of the named options must be given.
    std::string requireOneOf(const std::vector<std::string>& names) const;

    std::string help() const;

  private:
    enum class Kind { Flag, Option, List };
    struct Spec {
        Kind kind;
        std::string valueName, help;
        std::optional<std::string> defaultValue;
    };
    const Spec& spec(const std::string& name) const;

    std::string command_, synopsis_, description_;
    std::vector<std::pair<std::string, Spec>> specs_;
    std::string positionalName_, positionalHelp_;
    std::size_t positionalMin_ = 0, positionalMax_ = 0;
    std::map<std::string, std::vector<std::string>> given_;
    std::vector<std::string> positional_;
};

} // namespace cli
