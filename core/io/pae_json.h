// Predicted aligned error as JSON. Written in the AlphaFold DB's layout, which ChimeraX, PyMOL
// plugins and Mol* read: [{"predicted_aligned_error": [[...], ...], "max_predicted_aligned_error":
// 31.75}]. Read in that layout, in the AlphaFold DB's first one (a list of records: "residue1",
// "residue2", "distance", flattened) and in ColabFold's and esmx fold's scores ({"pae": [[...]],
// "max_pae": 31.75, "plddt": [...]}).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace esm {

struct PaeMatrix {
    int residues = 0;
    std::vector<float> values; // row-major, Å
    double maxError = 0;
};

std::string paeJson(const PaeMatrix& pae);
// Error when the text is none of those layouts, the matrix is not square or a value is not a
// finite number.
PaeMatrix parsePaeJson(const std::string& text, const std::string& sourceName);

// Where the PAE of a prediction is, by the conventions of those who write them: beside ID.pdb its
// ID.json (esmx fold); AF-X-F1-model_v4.pdb its AF-X-F1-predicted_aligned_error_v4.json (AlphaFold
// DB); NAME_unrelaxed_rank_001_....pdb its NAME_scores_rank_001_....json (ColabFold).
std::vector<std::filesystem::path> paeFilesBeside(const std::filesystem::path& structure);

} // namespace esm
