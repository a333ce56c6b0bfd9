#include "commands.h"

#include <array>

namespace cli {

std::span<const Command> allCommands() {
    static constexpr std::array commands{
        Command{"info", "chains, sequences and pLDDT of structure files", runInfo},
        Command{"convert", "convert between PDB and mmCIF", runConvert},
    };
    return commands;
}

} // namespace cli
