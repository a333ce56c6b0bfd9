#include "core/io/pdb_writer.h"

#include "core/base/error.h"

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

void writeLine(std::ostream& out, const char* line) {
    out << line << '\n';
}

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
        std::snprintf(line_, sizeof line_, "HEADER    %-40s%-9s   %-4.4s", classification.c_str(), "",
                      idCode().c_str());
        writeLine(out_, line_);
        if (s_.confidence == Confidence::PLDDT) {
            std::snprintf(line_, sizeof line_,
                          "REMARK   3 B-FACTOR COLUMN: PER-ATOM PLDDT (PREDICTED LDDT, 0-%g)",
                          options_.plddtScale);
            writeLine(out_, line_);
        } else if (!s_.experimentalMethod.empty()) {
            std::snprintf(line_, sizeof line_, "EXPDTA    %-.69s", s_.experimentalMethod.c_str());
            writeLine(out_, line_);
        }
    }

    void model(int m) {
        const bool ensemble = s_.conformerCount() > 1;
        if (ensemble) {
            std::snprintf(line_, sizeof line_, "MODEL     %4d", s_.conformerNumber(m));
            writeLine(out_, line_);
        }
        // Polymer chains first, each closed by TER; ligands and waters after all chains, as the PDB does.
        const IndexRange chains = s_.conformerChains(m);
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
            std::snprintf(
                line_, sizeof line_, "%-6s%5d %-4s%c%3s %c%4d%c   %8.3f%8.3f%8.3f%6.2f%6.2f          %2s  ",
                s_.isHetero(r) ? "HETATM" : "ATOM", nextSerial(),
                paddedAtomName(s_.atomName(a), s_.element(a)).c_str(), ' ', s_.residueName(r).c_str(),
                chainCharacter(chain), s_.residueNumber(r), s_.insertionCode(r), p.x(), p.y(), p.z(),
                s_.occupancy(a), confidenceValue(a), s_.element(a).c_str());
            writeLine(out_, line_);
        }
    }

    void ter(int lastResidue) {
        std::snprintf(line_, sizeof line_, "TER   %5d      %3s %c%4d", nextSerial(),
                      s_.residueName(lastResidue).c_str(), chainCharacter(s_.residueChain(lastResidue)),
                      s_.residueNumber(lastResidue));
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

std::optional<std::string> pdbFormatProblem(const Structure& s) {
    auto named = [](const std::string& what, const std::string& value) {
        return what + " '" + value.substr(0, 20) + "'";
    };
    for (int c = 0; c < s.chainCount(); ++c)
        if (s.chainId(c).size() > 1)
            return named("chain id", s.chainId(c)) + " (PDB has one character)";
    for (int r = 0; r < s.residueCount(); ++r) {
        if (s.residueName(r).size() > 3)
            return named("residue name", s.residueName(r)) + " (PDB has three characters)";
        if (s.residueNumber(r) > 9999 || s.residueNumber(r) < -999)
            return "residue number " + std::to_string(s.residueNumber(r)) + " (PDB has four columns)";
    }
    for (int a = 0; a < s.atomCount(); ++a) {
        if (s.atomName(a).size() > 4)
            return named("atom name", s.atomName(a)) + " (PDB has four characters)";
        for (double v : {s.position(a).x(), s.position(a).y(), s.position(a).z()})
            if (!(v > -1000.0 && v < 10000.0))
                return "coordinate " + std::to_string(v) + " (PDB has eight columns)";
        if (!(s.bFactor(a) > -100.0 && s.bFactor(a) < 1000.0) ||
            !(s.occupancy(a) > -100.0 && s.occupancy(a) < 1000.0))
            return "occupancy or B-factor of atom " + std::to_string(a + 1) + " (PDB has six columns)";
    }
    return std::nullopt;
}

void writePdb(std::ostream& out, const Structure& structure, const PdbWriteOptions& options) {
    // A value that does not fit its columns would be cut silently: refused, pointing at mmCIF.
    if (const auto problem = pdbFormatProblem(structure))
        throw Error("this structure does not fit the PDB format: " + *problem +
                    "; write mmCIF (.cif) instead, which has no such limits");
    PdbRecordWriter writer(out, structure, options);
    writer.header();
    for (int m = 0; m < structure.conformerCount(); ++m)
        writer.model(m);
    writeLine(out, "END");
}

} // namespace esm
