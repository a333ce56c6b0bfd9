// Structure files by extension: .pdb/.ent and .cif/.mmcif, each optionally gzip-compressed on input.
#pragma once

#include "core/io/pdb_writer.h"
#include "core/structure/structure.h"

#include <filesystem>
#include <string>

namespace esm {

enum class StructureFormat { Pdb, Mmcif };

// Throws Error listing the known extensions when `path` has none of them.
StructureFormat structureFormatOf(const std::filesystem::path& path);

// Reads by extension; the structure is named after the file stem.
Structure readStructureFile(const std::filesystem::path& path);
Structure readStructureText(const std::string& text, StructureFormat format, const std::string& sourceName,
                            const std::string& structureName);

// Writes atomically (temporary file + rename).
void writeStructureFile(const std::filesystem::path& path, const Structure& structure,
                        const PdbWriteOptions& pdbOptions = {});
std::string structureText(const Structure& structure, StructureFormat format,
                          const PdbWriteOptions& pdbOptions = {});

} // namespace esm
