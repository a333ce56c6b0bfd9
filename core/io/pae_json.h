// Predicted aligned error in the AlphaFold DB's JSON layout, which ChimeraX, PyMOL plugins and
// Mol* read: [{"predicted_aligned_error": [[...], ...], "max_predicted_aligned_error": 31.75}].
#pragma once

#include <string>
#include <vector>

namespace esm {

struct PaeMatrix {
    int residues = 0;
    std::vector<float> values; // row-major, Å
    double maxError = 0;
};

std::string paeJson(const PaeMatrix& pae);
// Error when the text is not that layout or the matrix is not square.
PaeMatrix parsePaeJson(const std::string& text, const std::string& sourceName);

} // namespace esm
