#include "core/io/structure_files.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/io/compressed_file.h"
#include "core/io/mmcif_reader.h"
#include "core/io/mmcif_writer.h"
#include "core/io/pdb_reader.h"

#include <sstream>

namespace esm {

StructureFormat structureFormatOf(const std::filesystem::path& path) {
    const std::string extension = formatExtension(path);
    if (extension == ".pdb" || extension == ".ent")
        return StructureFormat::Pdb;
    if (extension == ".cif" || extension == ".mmcif")
        return StructureFormat::Mmcif;
    throw Error(path.string() + ": unknown structure format '" + extension +
                "' (use .pdb, .ent, .cif or .mmcif, optionally with .gz)");
}

Structure readStructureText(const std::string& text, StructureFormat format, const std::string& sourceName,
                            const std::string& structureName) {
    if (format == StructureFormat::Mmcif)
        return readMmcif(text, sourceName, structureName);
    std::istringstream in(text);
    return readPdb(in, sourceName, structureName);
}

Structure readStructureFile(const std::filesystem::path& path) {
    const StructureFormat format = structureFormatOf(path);
    return readStructureText(readMaybeCompressed(path), format, path.string(), structureStem(path));
}

std::string structureText(const Structure& structure, StructureFormat format,
                          const PdbWriteOptions& pdbOptions) {
    std::ostringstream out;
    if (format == StructureFormat::Mmcif)
        writeMmcif(out, structure);
    else
        writePdb(out, structure, pdbOptions);
    return std::move(out).str();
}

void writeStructureFile(const std::filesystem::path& path, const Structure& structure,
                        const PdbWriteOptions& pdbOptions) {
    if (path.extension() == ".gz")
        throw Error(path.string() + ": writing compressed files is not supported; drop the .gz");
    writeFileAtomically(path, structureText(structure, structureFormatOf(path), pdbOptions));
}

} // namespace esm
