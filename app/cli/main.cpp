// esmx: the headless command line of ESM Explorer. Exit status: 0 success, 1 bad input, 2 bad usage.
#include "commands.h"
#include "run_command.h"

#include <iostream>

namespace {

void printOverview() {
    std::cout << "usage: esmx COMMAND [options]\n\nESM Explorer on the command line.\n\ncommands:\n";
    for (const auto& command : cli::allCommands())
        std::cout << "  " << command.name
                  << std::string(12 - std::min<std::size_t>(command.name.size(), 11), ' ') << command.summary
                  << '\n';
    std::cout
        << "\nRun 'esmx COMMAND --help' for the options of a command; 'esmx --version' prints the version.\n";
}

const cli::Command* findCommand(std::string_view name) {
    for (const auto& command : cli::allCommands())
        if (command.name == name)
            return &command;
    return nullptr;
}

} // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> arguments(argv + 1, argv + argc);
    if (arguments.empty() || arguments[0] == "--help" || arguments[0] == "-h" || arguments[0] == "help") {
        printOverview();
        return arguments.empty() ? 2 : 0;
    }
    if (arguments[0] == "--version") {
        std::cout << "esmx " << ESMX_VERSION << '\n';
        return 0;
    }
    const cli::Command* command = findCommand(arguments[0]);
    if (!command) {
        std::cerr << "esmx: unknown command '" << arguments[0] << "' (see 'esmx --help')\n";
        return 2;
    }
    return cli::runCommand(*command, cli::Arguments(arguments.begin() + 1, arguments.end()));
}
