// Reads PDBx/mmCIF (wwPDB entries, AlphaFold DB and ModelCIF predictions) from its _atom_site loop.
#pragma once

#include "core/structure/structure.h"

#include <string>
#include <string_view>

namespace esm {

Structure readMmcif(std::string_view text, const std::string& sourceName, const std::string& structureName);

} // namespace esm
