#include "core/io/pdb_writer.h"

#include <cstdio>
#include <string>

namespace esm {
namespace {

// PDB names start in column 14 unless they fill all four columns or the element has two letters.
std::string paddedAtomName(const std::string& name, const std::string& element) {
    if (name.size() >= 4 || element.size() == 2)
        return name;
    return " " + name;
}

void writeLine(std::ostream& out, const char* line) { out << line << '\n'; }

class PdbRecordWriter {
public:
    PdbRecordWriter(std::ostream& out, const Structure& s, const PdbWriteOptions& options)
        : out_(out), s_(s), options_(options) {}

    void header() {
        if (options_.huggingFaceLayout) {
            writeLine(out_, "PARENT N/A");
            return;
        }
        // mkdssp refuses files without a HEADER record.
        const std::string classification =
            s_.confidence == Confidence::PLDDT ? "PREDICTED STRUCTURE" : "PROTEIN STRUCTURE";
        std::snprintf(line_, sizeof line_, "HEADER    %-40s%-9s   %-4.4s", classification.c_str(), "", idCode().c_str());
        writeLine(out_, line_);
        if (s_.confidence == Confidence::PLDDT) {
            std::snprintf(line_, sizeof line_, "REMARK   3 B-FACTOR COLUMN: PER-ATOM PLDDT (PREDICTED LDDT, 0-%g)",
                          options_.plddtScale);
            writeLine(out_, line_);
        } else if (!s_.experimentalMethod.empty()) {
            std::snprintf(line_, sizeof line_, "EXPDTA    %-.69s", s_.experimentalMethod.c_str());
            writeLine(out_, line_);
        }
    }

    void model(int m) {
        const bool ensemble = s_.modelCount() > 1;
        if (ensemble) {
            std::snprintf(line_, sizeof line_, "MODEL     %4d", s_.modelNumber(m));
            writeLine(out_, line_);
        }
        // Polymer chains first, each closed by TER; ligands and waters after all chains, as the PDB does.
        const IndexRange chains = s_.modelChains(m);
        for (int c = chains.begin; c < chains.end; ++c) {
            int last = -1;
            for (int r : s_.polymerResidues(c)) {
                residueAtoms(r);
                last = r;
            }
            if (last >= 0)
                ter(last);
        }
        for (int c = chains.begin; c < chains.end; ++c) {
            const IndexRange residues = s_.chainResidues(c);
            for (int r = residues.begin; r < residues.end; ++r)
                if (!s_.isPolymerResidue(r))
                    residueAtoms(r);
        }
        if (ensemble)
            writeLine(out_, "ENDMDL");
    }

private:
    std::string idCode() const { return s_.name.size() == 4 ? s_.name : std::string(); }

    // Divides last: pLDDT read from 0-1 and scaled to 0-100 comes back bit-exact.
    double confidenceValue(int a) const {
        const double b = s_.bFactor(a);
        return s_.confidence == Confidence::PLDDT ? b * options_.plddtScale / 100.0 : b;
    }

    void residueAtoms(int r) {
        const IndexRange atoms = s_.residueAtoms(r);
        const int chain = s_.residueChain(r);
        for (int a = atoms.begin; a < atoms.end; ++a) {
            const auto& p = s_.position(a);
            std::snprintf(line_, sizeof line_,
                          "%-6s%5d %-4s%c%3s %c%4d%c   %8.3f%8.3f%8.3f%6.2f%6.2f          %2s  ",
                          s_.isHetero(r) ? "HETATM" : "ATOM", nextSerial(), paddedAtomName(s_.atomName(a), s_.element(a)).c_str(),
                          ' ', s_.residueName(r).c_str(), chainCharacter(chain), s_.residueNumber(r),
                          s_.insertionCode(r), p.x(), p.y(), p.z(), s_.occupancy(a), confidenceValue(a),
                          s_.element(a).c_str());
            writeLine(out_, line_);
        }
    }

    void ter(int lastResidue) {
        std::snprintf(line_, sizeof line_, "TER   %5d      %3s %c%4d", nextSerial(), s_.residueName(lastResidue).c_str(),
                      chainCharacter(s_.residueChain(lastResidue)), s_.residueNumber(lastResidue));
        std::string record = line_;
        if (s_.insertionCode(lastResidue) != ' ')
            record.push_back(s_.insertionCode(lastResidue));
        writeLine(out_, record.c_str());
    }

    char chainCharacter(int c) const { return s_.chainId(c).empty() ? ' ' : s_.chainId(c)[0]; }
    int nextSerial() { return serial_ = serial_ % 99999 + 1; }

    std::ostream& out_;
    const Structure& s_;
    const PdbWriteOptions& options_;
    char line_[160];
    int serial_ = 0;
};

} // namespace

void writePdb(std::ostream& out, const Structure& structure, const PdbWriteOptions& options) {
    PdbRecordWriter writer(out, structure, options);
    writer.header();
    for (int m = 0; m < structure.modelCount(); ++m)
        writer.model(m);
    writeLine(out, "END");
}

} // namespace esm
