#include "run_command.h"

#include "args.h"

#include "core/base/error.h"
#include "core/base/log.h"

#include <iostream>

namespace cli {

int runCommand(const Command& command, const Arguments& arguments) {
    esm::setLogSink([](esm::LogLevel level, const std::string& message) {
        if (level >= esm::LogLevel::Warning)
            std::cerr << "esmx: " << (level == esm::LogLevel::Warning ? "warning: " : "")
                      << esm::terminalSafe(message) << '\n';
    });
    try {
        return command.run(arguments);
    } catch (const HelpShown&) {
        return 0;
    } catch (const UsageError& e) {
        std::cerr << "esmx " << command.name << ": " << esm::terminalSafe(e.what()) << " (see 'esmx "
                  << command.name << " --help')\n";
        return 2;
    } catch (const esm::Cancelled&) {
        std::cerr << "esmx: cancelled\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "esmx: " << esm::terminalSafe(e.what()) << '\n';
        return 1;
    }
}

} // namespace cli
