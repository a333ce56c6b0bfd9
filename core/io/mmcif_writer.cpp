#include "core/io/mmcif_writer.h"

#include "core/io/cif_document.h"

#include "core/structure/residue_names.h"

#include <cctype>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace esm {
namespace {

std::string blockName(const Structure& s) {
    std::string name;
    for (char c : s.name.empty() ? std::string("model") : s.name)
        name.push_back(std::isspace(static_cast<unsigned char>(c)) ? '_' : c);
    return name;
}

std::string fixed(double value, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string orNull(const std::string& value, const char* null = ".") {
    return value.empty() ? null : cifQuote(value);
}

void loopHeader(std::ostream& out, const std::string& category, std::initializer_list<const char*> columns) {
    out << "#\nloop_\n";
    for (const char* column : columns)
        out << '_' << category << '.' << column << '\n';
}

// Entities as the PDB assigns them, simplified: one polymer entity per chain, one per ligand type.
struct EntityMap {
    std::vector<int> ofChain;                      // polymer entity of each chain (0 when it has none)
    std::map<std::string, int> ofLigand;           // entity of each non-polymer residue name
    std::vector<std::pair<int, std::string>> rows; // (id, type) in id order
    std::vector<std::vector<int>> polymerOfChain;  // polymer residues of each chain

    explicit EntityMap(const Structure& s) : ofChain(s.chainCount(), 0), polymerOfChain(s.chainCount()) {
        int next = 1;
        for (int c = 0; c < s.chainCount(); ++c) {
            polymerOfChain[c] = s.polymerResidues(c);
            if (s.chainConformer(c) == 0 && !polymerOfChain[c].empty()) {
                ofChain[c] = next;
                rows.emplace_back(next++, "polymer");
            }
        }
        // Later models repeat the first model's chains.
        for (int c = 0; c < s.chainCount(); ++c)
            if (s.chainConformer(c) > 0)
                ofChain[c] = entityOfChainId(s, s.chainId(c));
        for (int r = 0; r < s.residueCount(); ++r)
            if (!s.isPolymerResidue(r) && ofLigand.try_emplace(s.residueName(r), next).second)
                rows.emplace_back(next++, isWaterName(s.residueName(r)) ? "water" : "non-polymer");
    }

    int entityOfChainId(const Structure& s, const std::string& id) const {
        for (int c = 0; c < s.chainCount() && s.chainConformer(c) == 0; ++c)
            if (s.chainId(c) == id)
                return ofChain[c];
        return 0;
    }
};

void writeEntities(std::ostream& out, const Structure& s, const EntityMap& entities) {
    loopHeader(out, "entity", {"id", "type"});
    for (const auto& [id, type] : entities.rows)
        out << id << ' ' << type << '\n';

    loopHeader(out, "entity_poly_seq", {"entity_id", "num", "mon_id", "hetero"});
    for (int c = 0; c < s.chainCount(); ++c) {
        if (s.chainConformer(c) != 0 || entities.ofChain[c] == 0)
            continue;
        int number = 1;
        for (int r : entities.polymerOfChain[c])
            out << entities.ofChain[c] << ' ' << number++ << ' ' << s.residueName(r) << " n\n";
    }

    loopHeader(out, "struct_asym", {"id", "entity_id"});
    for (int c = 0; c < s.chainCount(); ++c)
        if (s.chainConformer(c) == 0 && entities.ofChain[c] != 0)
            out << orNull(s.chainId(c)) << ' ' << entities.ofChain[c] << '\n';
}

void writeAtomSites(std::ostream& out, const Structure& s, const EntityMap& entities) {
    loopHeader(out, "atom_site", {"group_PDB",      "id",
                                  "type_symbol",    "label_atom_id",
                                  "label_alt_id",   "label_comp_id",
                                  "label_asym_id",  "label_entity_id",
                                  "label_seq_id",   "pdbx_PDB_ins_code",
                                  "Cartn_x",        "Cartn_y",
                                  "Cartn_z",        "occupancy",
                                  "B_iso_or_equiv", "auth_seq_id",
                                  "auth_comp_id",   "auth_asym_id",
                                  "auth_atom_id",   "pdbx_PDB_model_num"});
    int serial = 0;
    for (int c = 0; c < s.chainCount(); ++c) {
        std::map<int, int> labelSeq; // residue -> 1-based index among the chain's polymer residues
        for (std::size_t i = 0; i < entities.polymerOfChain[c].size(); ++i)
            labelSeq[entities.polymerOfChain[c][i]] = static_cast<int>(i) + 1;
        const IndexRange residues = s.chainResidues(c);
        for (int r = residues.begin; r < residues.end; ++r) {
            const auto seq = labelSeq.find(r);
            const bool polymer = seq != labelSeq.end();
            const int entity = polymer ? entities.ofChain[c] : entities.ofLigand.at(s.residueName(r));
            const std::string seqId = polymer ? std::to_string(seq->second) : ".";
            const std::string insertion =
                s.insertionCode(r) == ' ' ? "?" : std::string(1, s.insertionCode(r));
            const std::string chain = orNull(s.chainId(c));
            const IndexRange atoms = s.residueAtoms(r);
            for (int a = atoms.begin; a < atoms.end; ++a) {
                const auto& p = s.position(a);
                const std::string atomName = cifQuote(s.atomName(a));
                out << (s.isHetero(r) ? "HETATM" : "ATOM") << ' ' << ++serial << ' '
                    << orNull(s.element(a), "?") << ' ' << atomName << " . " << s.residueName(r) << ' '
                    << chain << ' ' << entity << ' ' << seqId << ' ' << insertion << ' ' << fixed(p.x(), 3)
                    << ' ' << fixed(p.y(), 3) << ' ' << fixed(p.z(), 3) << ' ' << fixed(s.occupancy(a), 2)
                    << ' ' << fixed(s.bFactor(a), 2) << ' ' << s.residueNumber(r) << ' ' << s.residueName(r)
                    << ' ' << chain << ' ' << atomName << ' ' << s.conformerNumber(s.chainConformer(c))
                    << '\n';
            }
        }
    }
}

// ModelCIF quality scores, as the AlphaFold DB writes them: a global mean and one value per residue.
void writePlddt(std::ostream& out, const Structure& s, const EntityMap& entities) {
    loopHeader(out, "ma_qa_metric", {"id", "mode", "name", "type"});
    out << "1 global pLDDT pLDDT\n2 local pLDDT pLDDT\n";

    double sum = 0.0;
    int count = 0;
    for (int c = 0; c < s.chainCount(); ++c)
        for (int r : entities.polymerOfChain[c])
            if (s.chainConformer(c) == 0) {
                sum += s.residueConfidence(r);
                ++count;
            }
    out << "#\n_ma_qa_metric_global.metric_id 1\n_ma_qa_metric_global.metric_value "
        << fixed(count ? sum / count : 0.0, 2)
        << "\n_ma_qa_metric_global.model_id 1\n_ma_qa_metric_global.ordinal_id 1\n";

    loopHeader(out, "ma_qa_metric_local",
               {"label_asym_id", "label_comp_id", "label_seq_id", "metric_id", "metric_value", "model_id",
                "ordinal_id"});
    int ordinal = 0;
    for (int c = 0; c < s.chainCount(); ++c) {
        if (s.chainConformer(c) != 0)
            continue;
        int seq = 0;
        for (int r : entities.polymerOfChain[c])
            out << orNull(s.chainId(c)) << ' ' << s.residueName(r) << ' ' << ++seq << " 2 "
                << fixed(s.residueConfidence(r), 2) << " 1 " << ++ordinal << '\n';
    }
}

} // namespace

void writeMmcif(std::ostream& out, const Structure& s) {
    const std::string name = blockName(s);
    out << "data_" << name << "\n#\n_entry.id " << cifQuote(name) << '\n';
    if (!s.experimentalMethod.empty())
        out << "#\n_exptl.entry_id " << cifQuote(name) << "\n_exptl.method " << cifQuote(s.experimentalMethod)
            << '\n';
    const EntityMap entities(s);
    writeEntities(out, s, entities);
    writeAtomSites(out, s, entities);
    if (s.confidence == Confidence::PLDDT)
        writePlddt(out, s, entities);
    out << "#\n";
}

} // namespace esm
